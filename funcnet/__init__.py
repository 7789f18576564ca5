"""funcnet: build, train and understand Keras functional-API networks in the browser."""

__version__ = "0.1.0"
