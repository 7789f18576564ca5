"""Small hand-made test scores shared by the evaluation tests (binary and three classes)."""

import numpy as np

Y_BINARY = np.array([0, 0, 1, 1, 0, 1, 1, 0, 1, 0])
S_BINARY = np.array([0.1, 0.4, 0.35, 0.8, 0.45, 0.9, 0.6, 0.2, 0.55, 0.7], dtype=np.float32)

Y_MULTI = np.array([0, 1, 2, 2, 1, 0, 2, 1, 0, 2])
S_MULTI = np.array([
    [0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1],
    [0.5, 0.4, 0.1], [0.2, 0.2, 0.6], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3], [0.25, 0.25, 0.5],
])
CLASSES = ("cat", "dog", "fox")
