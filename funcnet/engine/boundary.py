"""The live decision boundary: a grid over a 2-feature data set, evaluated per epoch."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

from funcnet.data.datasets import Dataset
from funcnet.engine.arrays import call_model, model_inputs
from funcnet.messages import InputError
from funcnet.model.spec import ModelSpec

BOUNDARY_PAD = 0.1
"""The decision-boundary grid extends past the data by this share of its range."""


class BoundaryGrid:
    """A grid over a 2-feature data set on which the first head is evaluated.

    Args:
        spec: The model graph.
        dataset: The loaded data set; must have exactly two features.
        size: Points per axis.

    Raises:
        ValueError: If the data set does not have two features.
    """

    def __init__(self, spec: ModelSpec, dataset: Dataset, size: int) -> None:
        if len(dataset.features) != 2:
            raise InputError("train.boundary_features", where="where.run_options",
                             count=len(dataset.features))
        both = pd.concat([dataset.x_train, dataset.x_test])[list(dataset.features)]
        low = both.min().to_numpy(float)
        high = both.max().to_numpy(float)
        pad = np.maximum((high - low) * BOUNDARY_PAD, 0.5)
        self.grid_x = np.linspace(low[0] - pad[0], high[0] + pad[0], size).astype(np.float32)
        self.grid_y = np.linspace(low[1] - pad[1], high[1] + pad[1], size).astype(np.float32)
        xx, yy = np.meshgrid(self.grid_x, self.grid_y)
        frame = pd.DataFrame({dataset.features[0]: xx.ravel(), dataset.features[1]: yy.ravel()})
        self.inputs = model_inputs(spec, frame)
        """The grid points as the model takes them, row-major from `(grid_x[0], grid_y[0])`."""
        self.size = size
        self._head = spec.outputs[0]

    def evaluate(self, model: keras.Model) -> np.ndarray:
        """Returns the first head's output on the grid, shape `(size, size)`.

        Row `i`, column `j` is the point `(grid_x[j], grid_y[i])`. Binary:
        P(class 1); multiclass: the arg-max class; regression: the prediction.
        """
        output = call_model(model, self.inputs, self.size**2)[0]
        if self._head.task == "multiclass":
            values = np.argmax(output, axis=-1).astype(np.float32)
        else:
            values = output[:, 0].astype(np.float32)
        return values.reshape(self.size, self.size)
