"""The engine: the only part of funcnet that imports Keras.

It builds a `keras.Model` from a `ModelSpec` with the functional API
(`builder`), trains it while streaming events (`training`) and runs inside
worker processes (`worker`). Nothing outside this package imports it, so the
dashboard process never pays TensorFlow's import cost; the one exception is
`portable`, which imports no TensorFlow at import time: the code exporter
copies its functions into every exported script.
"""
