"""Every user-facing text of the dashboard: one catalogue per language.

Pages never hold literal texts: they call `t(text_id, **values)`, which
looks the id up in the session's language (`language()`). English lives
here (`TEXTS`); Brazilian Portuguese in `texts_pt.py`, with the same keys
and the same `{name}` fields (a test checks both). Number formatting
follows the language too.

The registries (activations, data sets, presets) keep their English texts
for the pure core; their entries here (`act.<name>.advantages`,
`dataset.<name>.description`, `preset.<name>.label`, ...) are derived from
the registries, so English has one source and Portuguese translates them.
Chart texts built inside `funcnet.charts` are translated after the fact
with `charts.relabel(figure, chart_labels())`: the `chart.*` entries map
each English chart text to the session's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from funcnet.activations import ACTIVATIONS
from funcnet.data_catalog import DATASETS
from funcnet.presets import PRESETS
from funcnet.ui import state
from funcnet.ui.texts_pt import TEXTS_PT

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ app
    "app.title": "funcnet",
    "nav.home": "Home",
    "nav.build": "Build & Train",
    "nav.architecture": "Architecture",
    "nav.evaluate": "Evaluate",
    "nav.activations": "Activations",
    # ------------------------------------------------------------------ shared vocabulary
    "task.binary": "binary",
    "task.multiclass": "multiclass",
    "task.regression": "regression",
    "task.auto": "detect",
    "status.queued": "waiting",
    "status.running": "training",
    "status.evaluating": "testing",
    "status.completed": "completed",
    "status.stopped": "stopped",
    "status.failed": "failed",
    "optimizer.adam": "Adam",
    "optimizer.sgd": "SGD",
    "optimizer.rmsprop": "RMSprop",
    "loss.binary_crossentropy": "binary cross-entropy",
    "loss.sparse_categorical_crossentropy": "categorical cross-entropy",
    "loss.mean_squared_error": "mean squared error",
    "loss.mean_absolute_error": "mean absolute error",
    "loss.huber": "Huber",
    "metric.loss": "Test loss",
    "metric.accuracy": "Accuracy",
    "metric.auc": "AUC",
    "metric.mae": "MAE",
    "metric.r2": "R²",
    "metric.rmse": "RMSE",
    # ------------------------------------------------------------------ home
    "home.title": "funcnet",
    "home.tagline": "Build a neural network, watch it learn, and find out why it did "
    "what it did.",
    "home.intro": "funcnet puts the Keras **functional API** in the browser. You choose the "
    "layers, press Train, and the loss curves grow epoch by epoch while you watch. "
    "Nothing to install, no code to type — and when you are curious about the code, "
    "it is the same network Keras would build.",
    "home.build_title": "Build",
    "home.build_text": "Pick a data set, stack dense layers, choose units and activation "
    "functions. The parameter count follows every change.",
    "home.train_title": "Train",
    "home.train_text": "Training runs on the server while the page stays live: progress, "
    "loss and accuracy curves and, on 2-D data, the decision boundary taking shape. "
    "Stop whenever you like.",
    "home.understand_title": "Understand",
    "home.understand_text": "Read the ROC curve, the confusion matrix and the report, "
    "move the threshold, and compare activation functions on your own network: dead "
    "ReLU units and saturated sigmoids are measured, not just claimed.",
    "home.seed_title": "Start where the notebook starts",
    "home.seed_text": "{description} ({params} parameters.) The labels are coin flips, so "
    "expect an accuracy near 0.5 — a network cannot learn what is not there, and "
    "that is the first lesson.",
    "home.start": "Open the notebook's network",
    "home.footer": "Tip: every page keeps your training — wander off to Activations while it "
    "runs and come back.",
    # ------------------------------------------------------------------ build & train
    "build.title": "Build & Train",
    "build.intro": "Choose the data, shape the network, then train it and watch it learn.",
    "build.data_header": "Data",
    "build.dataset": "Data set",
    "build.csv_option": "Uploaded CSV: {filename}",
    "build.test_fraction": "Test share",
    "build.test_fraction_help": "Share of the rows kept aside for the final test; the network "
    "never trains on them.",
    "build.data_seed": "Data seed",
    "build.data_seed_help": "Seeds how the data is generated and split. Same seed, same rows.",
    "build.data_error": "That data set choice does not work, so the previous one is kept. "
    "{message}",
    "build.data_lost": "Your data set can no longer be loaded, so funcnet started again from "
    "the notebook's network. {message}",
    "build.csv_target": "Target column",
    "build.csv_target_help": "The column the network predicts; every other column is a "
    "feature.",
    "build.csv_task": "Task",
    "build.csv_summary": "{filename}: {rows} rows, {columns} columns.",
    "build.upload_header": "Upload your own CSV",
    "build.upload_label": "CSV file",
    "build.upload_help": "Numeric columns, a header row, at most 5 MB.",
    "build.upload_error": "Could not use {filename}; your previous setup is kept. {message}",
    "build.preview_sizes": "**{label}** · {train} training rows · {test} test rows · "
    "{features} features · {targets}",
    "build.target_line": "target **{name}** ({task}: {classes})",
    "build.target_line_regression": "target **{name}** (regression)",
    "build.network_header": "Network",
    "build.preset": "Start from a preset",
    "build.load_preset": "Load",
    "build.params": "Parameters",
    "build.params_help": "Weights and biases the network learns, counted from the spec the "
    "way Keras counts them.",
    "build.not_stack": "This network has {nodes} nodes and {params} parameters. It is not a "
    "plain stack of layers (it has branches, shared layers or several heads), so it is "
    "edited on the Architecture page. You can still train it here.",
    "build.col_node": "Node",
    "build.col_type": "Type",
    "build.col_inputs": "Inputs",
    "build.col_output": "Width",
    "build.col_activation": "Activation",
    "build.col_params": "Parameters",
    "build.layers": "Hidden layers",
    "build.col_layer": "Layer",
    "build.col_units": "Units",
    "build.col_dropout": "Dropout",
    "build.layer_name": "Dense {index}",
    "build.units_of": "Units of layer {index}",
    "build.activation_of": "Activation of layer {index}",
    "build.dropout_of": "Dropout after layer {index}",
    "build.head_header": "Output head",
    "build.head_target": "Predicts",
    "build.head_activation": "Activation",
    "build.head_activation_help": "The usual choice follows the task: sigmoid for binary, "
    "softmax for multiclass, linear for regression. Try another to see why.",
    "build.head_loss": "Loss",
    "build.head_caption": "A {task} head with {units} unit(s); the usual activation is "
    "{default}.",
    "build.network_error": "That network does not work, so the previous one is kept. "
    "{message}",
    "build.training_header": "Training",
    "build.optimizer": "Optimizer",
    "build.learning_rate": "Learning rate",
    "build.epochs": "Epochs",
    "build.batch_size": "Batch size",
    "build.validation_split": "Validation share",
    "build.validation_split_help": "Share of the training rows held out each epoch to "
    "draw the validation curve. 0 turns it off.",
    "build.train_seed": "Training seed",
    "build.train_seed_help": "Seeds the initial weights, the shuffling and dropout. Same seed, "
    "same run.",
    "build.training_error": "Those settings do not work, so the previous ones are kept. "
    "{message}",
    "build.train": "Train",
    "build.train_caption": "{epochs} epochs on {data}.",
    # ------------------------------------------------------------------ architecture
    "arch.title": "Architecture",
    "arch.intro": "The network as the functional API sees it: a graph of named layers. Edit "
    "the table — several inputs, shared layers, skip connections, several heads — and the "
    "drawing, the parameter count and the code follow.",
    "arch.reload": "Reload",
    "arch.nodes": "Nodes",
    "arch.inputs_heads": "Inputs → heads",
    "arch.inputs_heads_help": "How many input nodes feed the network and how many output "
    "heads it predicts with.",
    "arch.table_header": "Nodes",
    "arch.table_help": "One row per node. **inputs**: the nodes it is called on, separated by "
    "commas (a dense node with several inputs is one *shared* layer). **columns**: the "
    "feature columns an input takes, or `all` ({features} features). Add a row at the "
    "bottom, delete one by selecting it.",
    "arch.col_name": "name",
    "arch.col_name_help": "A unique name: letters, digits and underscores. It becomes the "
    "Keras layer's name.",
    "arch.col_type": "type",
    "arch.col_type_help": "input, dense (a Dense layer), add or concatenate (merge branches), "
    "output (a head).",
    "arch.col_inputs": "inputs",
    "arch.col_inputs_help": "Names of the nodes this one takes, separated by commas.",
    "arch.col_columns": "columns",
    "arch.col_columns_help": "Input nodes only: feature columns separated by commas, or all.",
    "arch.col_units": "units",
    "arch.col_activation": "activation",
    "arch.col_dropout": "dropout",
    "arch.col_batch_norm": "batch norm",
    "arch.col_batch_norm_help": "Normalise the layer's outputs before the activation.",
    "arch.col_task": "task",
    "arch.col_target": "target",
    "arch.col_loss": "loss",
    "arch.col_loss_weight": "loss weight",
    "arch.table_error": "This table is not a valid network yet, so the last valid one is kept "
    "(drawn below). {message}",
    "arch.revert": "Revert to the last valid network",
    "arch.graph_header": "Graph",
    "arch.graph_last_valid": "The last valid network; the node the message names is red.",
    "arch.graph_legend": "Dashed orange edges are skip connections; a double border is a "
    "shared layer (same weights on every input it takes).",
    "arch.params_title": "Parameters per node",
    "arch.train_header": "Train this network",
    "arch.train_caption": "Data: {data} · heads: {heads} · {optimizer}, batch {batch}, "
    "seed {seed}. The other training settings are on Build & Train.",
    "arch.files_header": "Code and files",
    "arch.tab_code": "Python code",
    "arch.tab_setup": "Setup file",
    "arch.tab_model": "Trained model",
    "arch.code_intro": "A self-contained script in the notebook's style (Input, Dense, Model, "
    "compile, fit) that loads the same data and builds exactly this network — same layers, "
    "connections, activations and parameter count.",
    "arch.show_code": "Show code",
    "arch.download_code": "Download {filename}",
    "arch.setup_intro": "The whole setup — data set, network, training settings, seeds — as "
    "JSON. Upload it later (or on another computer) to continue where you left off.",
    "arch.download_setup": "Download the setup (.json)",
    "arch.upload_setup": "Upload a setup (.json)",
    "arch.upload_setup_help": "A setup file saved by funcnet, at most 64 KB. Only JSON is "
    "read: funcnet never loads a model file or pickle.",
    "arch.setup_too_large": "The file is {size} bytes; a setup is at most {limit} bytes.",
    "arch.setup_error": "Could not use {filename}; your current setup is kept. {message}",
    "arch.no_model": "No trained model yet. Train the network and its .keras file can be "
    "downloaded here.",
    "arch.model_caption": "Your last trained model: {data}, {params} parameters, heads "
    "{heads}.",
    # ------------------------------------------------------------------ share links
    "share.button": "Share",
    "share.intro": "This link opens funcnet with exactly this setup: data set, network, "
    "training settings and seeds. Training it again gives the same curves.",
    "share.caption": "Copy it with the button that appears at the top right of the box. The "
    "address bar holds the same link.",
    "share.bad_link": "The link you opened could not be used, so funcnet starts from the "
    "notebook's network. {message}",
    # ------------------------------------------------------------------ live training
    "live.idle": "Press Train to start: {epochs} epochs. The curves grow here, epoch by epoch.",
    "live.data_title": "The data (standardised), coloured by class",
    "live.header": "Live training",
    "live.stop": "Stop",
    "live.queued": "Waiting for a free training worker…",
    "live.starting": "Starting: 0 of {epochs} epochs",
    "live.running": "Epoch {epoch} of {epochs} · {elapsed} so far · about {left} left",
    "live.evaluating": "All {epochs} epochs done · testing the model on the test set…",
    "live.stopping": "Stopping after epoch {epoch} of {epochs}…",
    "live.completed": "Done: {epochs} epochs in {elapsed}",
    "live.stopped": "Stopped at epoch {epoch} of {epochs}",
    "live.failed": "Failed: {epoch} of {epochs} epochs finished",
    "live.loss_title": "Loss per epoch",
    "live.boundary_title": "Decision boundary, epoch {epoch}",
    "live.failed_message": "Training failed: {message}",
    "live.no_reason": "no reason was given.",
    "live.results_header": "Test results · {data}",
    "live.other_setup": "These curves are from your last training ({data}, {params} "
    "parameters); you have changed the setup since. Press Train to train the new one.",
    "live.test_set": "On {n} test rows the network never saw:",
    "live.head_label": "Head **{head}**",
    "live.to_evaluate": "Evaluate this model: ROC curve, confusion matrix, report",
    # ------------------------------------------------------------------ evaluate
    "eval.title": "Evaluate",
    "eval.none": "No training has finished yet. Train a network first; its test results "
    "show up here.",
    "eval.to_build": "Go to Build & Train",
    "eval.run_caption": "{data} · {epochs} of {total} epochs ({status}) in {elapsed} · "
    "{params} parameters · finished at {when}",
    "eval.newer_failed": "Your latest training did not produce a model; this is the one "
    "before it.",
    "eval.head": "Output head",
    "eval.head_option": "{head} ({task})",
    "eval.threshold": "Decision threshold",
    "eval.threshold_help": "A sample is predicted positive when its score is above the "
    "threshold. Move it and watch the ROC point, the matrix and the report follow.",
    "eval.tpr": "True positive rate",
    "eval.tpr_help": "Share of the real positives the model catches (recall).",
    "eval.fpr": "False positive rate",
    "eval.fpr_help": "Share of the real negatives wrongly flagged as positive.",
    "eval.classes": "Classes",
    "eval.test_rows": "Test rows",
    "eval.roc_title": "ROC curve",
    "eval.confusion_title": "Confusion matrix",
    "eval.confusion_title_threshold": "Confusion matrix at threshold {threshold}",
    "eval.report_header": "Classification report",
    "eval.report_row": "Class",
    "eval.report_caption": "Precision: of the samples predicted as a class, how many are. "
    "Recall: of the samples of a class, how many are found. F1 balances both; support "
    "counts the samples.",
    "eval.download": "Download the trained model (.keras)",
    "eval.download_help": "Load it with keras.models.load_model(\"funcnet-model.keras\").",
    # ------------------------------------------------------------------ activations
    "act.title": "Activation functions",
    "act.intro": "What each function does, how it looks, and how it behaves on your network.",
    "act.table_header": "At a glance",
    "act.col_function": "Function",
    "act.col_formula": "Formula",
    "act.col_range": "Output range",
    "act.col_pros": "Advantages",
    "act.col_cons": "Disadvantages",
    "act.col_use": "Main use",
    "act.plot_header": "Shapes and slopes",
    "act.plot_pick": "Functions to plot",
    "act.leaky_alpha": "Leaky ReLU α",
    "act.leaky_alpha_help": "Slope for negative inputs. Keras' leaky_relu uses 0.2.",
    "act.elu_alpha": "ELU α",
    "act.elu_alpha_help": "Depth of ELU's negative plateau: outputs approach −α.",
    "act.plot_f": "The functions f(x)",
    "act.plot_df": "Their derivatives f′(x)",
    "act.plot_caption": "Where a derivative is 0 a unit stops learning: ReLU below zero (dead "
    "units), sigmoid and tanh far from zero (saturation, the vanishing gradient).",
    "act.compare_header": "Compare on my network",
    "act.compare_intro": "Trains your current network once per activation — every hidden "
    "layer switched to it, the output head unchanged — on the same data, the same split "
    "and from the same initial weights. The functional API lets all the variants live "
    "in one model, side by side on the same inputs, so they train together in a single "
    "fit — each branch exactly as it would alone.",
    "act.setup_line": "Your network: {layers} hidden dense layer(s), {params} parameters, "
    "on {data}, {epochs} epochs, seed {seed}.",
    "act.compare_pick": "Activations to compare",
    "act.compare_pick_help": "Hidden-layer activations only: softmax belongs to output layers.",
    "act.compare_button": "Compare",
    "act.no_hidden": "This network has no hidden dense layer, so there is nothing to switch. "
    "Add a layer on Build & Train.",
    "act.live_header": "**{runs} runs** on {data}",
    "act.stop": "Stop all",
    "act.col_status": "Status",
    "act.col_epoch": "Epoch",
    "act.col_progress": "Progress",
    "act.col_train_loss": "Train loss",
    "act.col_val_loss": "Validation loss",
    "act.curves_val_loss": "Validation loss per epoch",
    "act.curves_loss": "Training loss per epoch",
    "act.ranking_header": "Ranking (lowest final validation loss first)",
    "act.col_accuracy": "Test accuracy",
    "act.col_auc": "Test AUC",
    "act.col_best_epoch": "Best epoch",
    "act.col_seconds": "Time",
    "act.col_seconds_help": "Seconds of training of the model this run was a branch of; "
    "branches trained together share it.",
    "act.col_dead": "Dead units",
    "act.col_dead_help": "Share of hidden ReLU units whose output is 0 for every test "
    "sample: they no longer learn.",
    "act.col_saturated": "Saturated units",
    "act.col_saturated_help": "Share of hidden tanh/sigmoid units stuck within 0.05 of a bound "
    "for at least 90% of test samples: their gradient has all but vanished.",
    "act.col_grad": "First-layer gradient",
    "act.col_grad_help": "Size (L2 norm) of the loss gradient reaching the first layer's "
    "weights before training: how strongly the first layer is told to change.",
    "act.run_failed": "{activation} failed: {message}",
    "act.finding_best": "**{activation}** ended with the lowest loss on this network.",
    "act.finding_dead": "With **{activation}**, {share} of the hidden units output zero for "
    "every test sample — the *dead neurons* of the table.",
    "act.finding_alive": "{activations} keep a slope below zero, so none of their units die.",
    "act.finding_no_dead": "No ReLU unit died in these runs.",
    "act.finding_saturated": "With **{activation}**, {share} of the hidden units sit at the "
    "flat ends of their curve, where the gradient is nearly zero (*saturation*).",
    "act.finding_gradient": "Before training, the first layer's gradient is {weak_norm} with "
    "**{weak}** against {strong_norm} with **{strong}**, {ratio}× weaker: the *vanishing "
    "gradient* the table warns about.",
    "act.finding_caveat": "One run per activation on one seed: differences of a few "
    "hundredths are noise.",
    # ------------------------------------------------------------------ language control
    "lang.label": "Idioma · Language",
    "lang.en": "EN",
    "lang.pt": "PT",
    "lang.help": "English / Português",
    # ------------------------------------------------------------------ chart texts
    # Texts `funcnet.charts` builds inside its figures; `chart_labels()` maps them.
    "chart.training": "Training",
    "chart.validation": "Validation",
    "chart.training_loss": "Training loss",
    "chart.training_accuracy": "Training accuracy",
    "chart.epoch": "Epoch",
    "chart.loss": "Loss",
    "chart.accuracy": "Accuracy",
    "chart.val_loss": "Validation loss",
    "chart.val_accuracy": "Validation accuracy",
    "chart.val_auc": "Validation AUC",
    "chart.mae": "Mean absolute error",
    "chart.mse": "Mean squared error",
    "chart.rmse": "Root mean squared error",
    "chart.val_mae": "Validation mean absolute error",
    "chart.val_mse": "Validation mean squared error",
    "chart.val_rmse": "Validation root mean squared error",
    "chart.per_epoch": "per epoch",
    "chart.by_activation": "by activation",
    "chart.no_runs": "No runs to compare yet",
    "chart.waiting": "Waiting for the first epoch…",
    "chart.chance": "Chance (AUC = 0.5)",
    "chart.chance_hover": "Chance: TPR = FPR",
    "chart.current_threshold": "Current threshold",
    "chart.fpr": "False positive rate",
    "chart.tpr": "True positive rate",
    "chart.roc": "ROC curve",
    "chart.rocs": "ROC curves (one vs rest)",
    "chart.confusion": "Confusion matrix",
    "chart.predicted": "Predicted",
    "chart.true": "True",
    "chart.count": "Count",
    "chart.predicted_p": "Predicted P",
    "chart.confidence": "Highest class probability (confidence)",
    "chart.test_samples": "Test samples",
    "chart.scores_by_class": "Scores by true class",
    "chart.confidence_by_class": "Model confidence by true class",
    "chart.score": "Score",
    "chart.samples": "Samples",
    "chart.perfect": "Perfect prediction (y = x)",
    "chart.perfect_hover": "Perfect prediction",
    "chart.predicted_vs_true": "Predicted vs true",
    "chart.true_value": "True value",
    "chart.predicted_value": "Predicted value",
    "chart.residuals": "Residuals (true − predicted)",
    "chart.residual": "Residual",
    "chart.data": "Data",
    "chart.boundary": "Boundary (P = 0.5)",
    "chart.predicted_class": "Predicted class",
    "chart.decision_boundary": "Decision boundary",
    "chart.activations": "Activation functions",
    "chart.derivatives": "Derivatives of activation functions",
    "chart.choose_one": "Choose at least one activation",
    "chart.parameters": "Parameters",
    "chart.node": "Node",
    "chart.params_per_node": "Parameters per node",
    "chart.total": "total",
    "chart.share_of_row": "Share of row",
}
"""English texts by id (the registries' entries are added below)."""


def _registry_texts() -> dict[str, str]:
    """Returns the English entries of the registries' user-facing texts, by id."""
    texts: dict[str, str] = {}
    # Activation labels (ReLU, tanh, ...) are the same in every language: they stay the
    # registry's own, the one list of activation names.
    for name, entry in ACTIVATIONS.items():
        texts[f"act.{name}.advantages"] = entry.advantages
        texts[f"act.{name}.disadvantages"] = entry.disadvantages
        texts[f"act.{name}.main_use"] = entry.main_use
    for name, entry in DATASETS.items():
        texts[f"dataset.{name}.label"] = entry.label
        texts[f"dataset.{name}.description"] = entry.description
        for param in entry.params:
            texts[f"dataset.{name}.param.{param.name}"] = param.label
            texts[f"dataset.{name}.param.{param.name}.help"] = param.help
    for name, entry in PRESETS.items():
        texts[f"preset.{name}.label"] = entry.label
        texts[f"preset.{name}.description"] = entry.description
    return texts


TEXTS.update(_registry_texts())

LANGUAGES = ("en", "pt")
"""Languages of the interface, as the URL's `lang` parameter spells them."""

DEFAULT_LANGUAGE = "en"
"""Used when neither the link nor the browser names a language funcnet speaks."""

CATALOGUES: dict[str, dict[str, str]] = {"en": TEXTS, "pt": TEXTS_PT}
"""Every language's texts by id."""

_FIXED: ContextVar[str | None] = ContextVar("funcnet_fixed_language", default=None)
"""Set while a `fixed_language` wrapper runs."""

_T = TypeVar("_T")


def language() -> str:
    """Returns the session's interface language.

    Returns:
        `"en"` or `"pt"`; `DEFAULT_LANGUAGE` outside a Streamlit script run
        (plain Python, unit tests).
    """
    fixed = _FIXED.get()
    if fixed is not None:
        return fixed
    if get_script_run_ctx(suppress_warning=True) is None:
        return DEFAULT_LANGUAGE
    value = st.session_state.get(state.LANG, DEFAULT_LANGUAGE)
    return value if value in CATALOGUES else DEFAULT_LANGUAGE


def fixed_language(func: Callable[[_T], str]) -> Callable[[_T], str]:
    """Wraps a widget's `format_func` so it keeps the language of the run that drew it.

    A format function may be called later, outside the script run (Streamlit's
    `AppTest` formats a selectbox's value on the test's thread), where the
    session's language is unknown; its options were formatted in the run's
    language, so the value must be too.

    Args:
        func: The format function, e.g. `datasets.label`.

    Returns:
        A function that calls `func` in the current run's language.
    """
    lang = language()

    def formatted(value: _T) -> str:
        token = _FIXED.set(lang)
        try:
            return func(value)
        finally:
            _FIXED.reset(token)

    return formatted


def t(key: str, **values: object) -> str:
    """Returns the text `key`, with `{name}` fields filled from `values`.

    Args:
        key: A text id, e.g. `"build.title"`.
        **values: Values for the text's `{name}` fields.

    Returns:
        The text. An unknown id comes back as the id itself, so a missing
        text shows up on the page instead of breaking it.
    """
    text = CATALOGUES[language()].get(key) or TEXTS.get(key, key)
    return text.format(**values) if values else text


def chart_labels() -> dict[str, str]:
    """Maps the English texts charts are drawn with to the session's language.

    Returns:
        English text -> translated text for every `chart.*` entry, for
        `funcnet.charts.relabel`; empty in English.
    """
    lang = language()
    if lang == "en":
        return {}
    texts = CATALOGUES[lang]
    return {english: texts[key] for key, english in TEXTS.items()
            if key.startswith("chart.") and key in texts and texts[key] != english}


def fmt_int(value: int) -> str:
    """Formats a whole number with thousands separators.

    Args:
        value: The number, e.g. `5569`.

    Returns:
        The text, e.g. `"5,569"` (`"5.569"` in Portuguese).
    """
    text = f"{int(value):,}"
    return text.replace(",", ".") if language() == "pt" else text


def fmt_metric(value: float | None, digits: int = 3) -> str:
    """Formats a metric for a card: 3 decimals, `"—"` when undefined.

    Args:
        value: The number (NaN or `None` when the metric does not apply).
        digits: Decimals shown.

    Returns:
        The text.
    """
    if value is None or not math.isfinite(float(value)):
        return "—"
    text = f"{float(value):.{digits}f}"
    return text.replace(".", ",") if language() == "pt" else text
