"""The notebook's own cells, timed: the baseline every funcnet figure is compared with.

Each function runs exactly what the notebook's cells run (build with the
functional API, compile, `fit(..., batch_size=32)`, `evaluate`, `predict`,
scikit-learn's report, confusion matrix and AUC) in this process, which is
warmed up first so neither side pays TensorFlow's import.
"""

from __future__ import annotations

import time

import numpy as np


def _keras():
    import keras

    return keras


def build_notebook_model(activation: str = "relu"):
    """Returns the notebook's network, compiled as in the notebook.

    Args:
        activation: Activation of the two hidden layers (`"relu"` in the notebook).

    Returns:
        The compiled `keras.Model`.
    """
    keras = _keras()
    from keras.layers import Dense

    input_layer = keras.Input(shape=(20,))
    hidden_layer1 = Dense(64, activation=activation)(input_layer)
    hidden_layer2 = Dense(64, activation=activation)(hidden_layer1)
    output_layer = Dense(1, activation="sigmoid")(hidden_layer2)
    model = keras.Model(inputs=input_layer, outputs=output_layer)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def random_data(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns the notebook's data: uniform features and coin-flip labels."""
    rng = np.random.default_rng(seed)
    return rng.random((rows, 20)), rng.integers(0, 2, size=(rows, 1))


def warm_up() -> None:
    """Imports Keras and runs one tiny fit so the baseline is a warm process."""
    model = build_notebook_model()
    x, y = random_data(64, 0)
    model.fit(x, y, epochs=1, batch_size=32, verbose=0)
    model.predict(x, verbose=0)


def steady_samples_per_second(rows: int, epochs: int = 3, seed: int = 0) -> float:
    """Trains the notebook's network on `rows` rows; returns steady samples/s.

    "Steady" leaves out the first epoch, which pays for graph tracing.
    """
    keras = _keras()
    x, y = random_data(rows, seed)
    model = build_notebook_model()
    ends: list[float] = []

    class EpochClock(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            ends.append(time.perf_counter())

    model.fit(x, y, epochs=epochs, batch_size=32, verbose=0, callbacks=[EpochClock()])
    return rows * (epochs - 1) / (ends[-1] - ends[0])


def click_seconds(seed: int = 0, activation: str = "relu") -> float:
    """Times the notebook's cells 4 to 7 on its 1000 + 200 rows; returns seconds."""
    from sklearn.metrics import classification_report, confusion_matrix, roc_auc_score

    start = time.perf_counter()
    model = build_notebook_model(activation)
    x_train, y_train = random_data(1000, seed)
    model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0)
    x_test, y_test = random_data(200, seed + 1)
    model.evaluate(x_test, y_test, verbose=0)
    y_pred = model.predict(x_test, verbose=0)
    y_pred_classes = (y_pred > 0.5).astype("int32")
    classification_report(y_test, y_pred_classes, zero_division=0)
    confusion_matrix(y_test, y_pred_classes)
    roc_auc_score(y_test, y_pred)
    return time.perf_counter() - start
