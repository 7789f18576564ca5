"""What tasks and losses are called in the page: one name each, wherever they are shown.

The Keras identifiers (`"sparse_categorical_crossentropy"`) appear only in
exported code; every page, the graph view and the report show these names,
translated when shown.
"""

from __future__ import annotations

from funcnet.i18n import N_

TASK_LABELS = {"binary": N_("binary"), "multiclass": N_("multiclass"),
               "regression": N_("regression")}
"""What a task is called in the page (the one name, wherever a task is shown)."""
LOSS_LABELS = {
    "binary_crossentropy": N_("binary cross-entropy"),
    "sparse_categorical_crossentropy": N_("categorical cross-entropy"),
    "mean_squared_error": N_("mean squared error"),
    "mean_absolute_error": N_("mean absolute error"),
    "huber": N_("Huber"),
}
"""What a loss is called in the page; the Keras identifier appears only in exported code."""
