"""The engine: the only part of funcnet that imports Keras.

It builds a `keras.Model` from a `ModelSpec` with the functional API
(`builder`) and runs a job from the entry point of its kind (`training` for
`"train"`, `sweep` for `"sweep"`; `worker.ENTRY_POINTS`), both through the
same steps (`pipeline`: data, `Started`, seeding, `fit` streaming events;
`outcome`: how the fit ended, test scores), inside worker processes
(`worker`, `dask_worker`). Nothing outside this package imports it, so the
dashboard process never pays TensorFlow's import cost; the one exception is
`portable`, which imports no TensorFlow at import time: the code exporter
copies its functions into every exported script.
"""
