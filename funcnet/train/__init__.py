"""Training jobs from the server's side: the worker pool, handles, results (no Keras)."""
