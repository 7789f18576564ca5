"""The dashboard's texts by id: a compatibility path onto the gettext catalogue.

There is one translation path: `funcnet.i18n` (gettext catalogues under
`funcnet/locale/`, managed with Babel). `TEXTS` maps the ids pages still use
to their English source text, marked with `N_` so `pybabel extract` finds
it; `t(text_id, **values)` translates that English text with gettext in the
session's language and fills its fields escaped for Markdown (the template
is ours, the values may be the user's: `funcnet.markup`). The registries'
prose (activations, data sets, presets) and the pure core's messages
(`funcnet.messages`) are msgids in their own modules; `describe_error` /
`describe_result_message` translate them from their code and fields.
New code can call `funcnet.i18n._` / `ngettext` / `pgettext` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from funcnet import i18n
from funcnet.data.catalog import DATASETS
from funcnet.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, NP_, LocalNumber
from funcnet.markup import Markdown, fill_markdown, fill_plotly
from funcnet.messages import MESSAGES, InputError, render
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.names import LOSS_LABELS, TASK_LABELS
from funcnet.model.presets import PRESETS
from funcnet.ui import state

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "TEXTS", "describe_error",
           "describe_result_message", "fixed_language", "fmt_int", "fmt_metric", "language", "t",
           "text", "t_plot", "catalogue"]

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ app
    "app.title": N_("funcnet"),
    "nav.home": N_("Home"),
    "nav.build": N_("Build & Train"),
    "nav.architecture": N_("Architecture"),
    "nav.evaluate": N_("Evaluate"),
    "nav.lessons": N_("Lessons"),
    "nav.compare": N_("Compare runs"),
    "nav.teacher": N_("For teachers"),
    "nav.activations": N_("Activations"),
    # ------------------------------------------------------------------ shared vocabulary
    **{f"task.{task}": label for task, label in TASK_LABELS.items()},
    "task.auto": N_("from the target column"),
    "status.queued": N_("waiting"),
    "status.running": N_("training"),
    "status.evaluating": N_("testing"),
    "status.completed": N_("completed"),
    "status.stopped": N_("stopped"),
    "status.failed": N_("failed"),
    "optimizer.adam": N_("Adam"),
    "optimizer.sgd": N_("SGD"),
    "optimizer.rmsprop": N_("RMSprop"),
    **{f"loss.{loss}": label for loss, label in LOSS_LABELS.items()},
    "metric.loss": N_("Test loss"),
    "metric.accuracy": N_("Accuracy"),
    "metric.auc": N_("AUC"),
    "metric.mae": N_("MAE"),
    "metric.r2": N_("R²"),
    "metric.rmse": N_("RMSE"),
    # ------------------------------------------------------------------ home
    "home.title": N_("funcnet"),
    "home.tagline": N_("Build a neural network, watch it learn, and find out why it did "
    "what it did."),
    "home.intro": N_("funcnet puts the Keras **functional API** in the browser. You choose the "
    "layers, press Train, and the loss curves grow epoch by epoch while you watch. "
    "Nothing to install, no code to type — and when you are curious about the code, "
    "it is the same network Keras would build."),
    "home.build_title": N_("Build"),
    "home.build_text": N_("Pick a data set, stack dense layers, choose units and activation "
    "functions. The parameter count follows every change."),
    "home.train_title": N_("Train"),
    "home.train_text": N_("Training runs on the server while the page stays live: progress, "
    "loss and accuracy curves and, on 2-D data, the decision boundary taking shape. "
    "Stop whenever you like."),
    "home.understand_title": N_("Understand"),
    "home.understand_text": N_("Read the ROC curve, the confusion matrix and the report, "
    "move the threshold, and compare activation functions on your own network: dead "
    "ReLU units and saturated sigmoids are measured, not just claimed."),
    "home.seed_title": N_("Start where the notebook starts"),
    "home.seed_text": N_("{description} ({params} parameters.) The labels are coin flips, so "
    "expect an accuracy near 0.5 — a network cannot learn what is not there, and "
    "that is the first lesson."),
    "home.class_title": N_("Your class's setup"),
    "home.class_text": N_("Your teacher chose the data set “{dataset}” and a network of "
                          "{layers} dense layers with {params} parameters. The button opens "
                          "it; what you change stays yours."),
    "home.start": N_("Open the notebook's network"),
    "home.class_start": N_("Open the class setup"),
    "home.footer": N_("Tip: every page keeps your training — wander off to Activations while it "
    "runs and come back."),
    # ------------------------------------------------------------------ build & train
    "build.title": N_("Build & Train"),
    "build.intro": N_("Choose the data, shape the network, then train it and watch it learn."),
    "build.data_header": N_("Data"),
    "build.dataset": N_("Data set"),
    "build.csv_option": N_("Uploaded CSV: {filename}"),
    "build.test_fraction": N_("Test share"),
    "build.test_fraction_help": N_("Share of the rows kept aside for the final test; the network "
    "never trains on them."),
    "build.data_seed": N_("Data seed"),
    "build.data_seed_help": N_("Seeds how the data is generated and split. Same seed, same rows."),
    "build.data_error": N_("That data set choice does not work, so the previous one is kept. "
    "{message}"),
    "build.data_lost": N_("Your data set can no longer be loaded, so funcnet started again from "
    "the notebook's network. {message}"),
    "build.csv_target": N_("Target column"),
    "build.csv_target_help": N_("The column the network predicts; every other column is a "
    "feature."),
    "build.csv_task": N_("Task"),
    "build.csv_summary": N_("{filename}: {rows} rows, {columns} columns."),
    "build.upload_header": N_("Upload your own CSV"),
    "build.upload_label": N_("CSV file"),
    "build.upload_help": N_("Numeric columns, a header row, at most {mb} MB and {columns} "
                            "columns."),
    "build.upload_error": N_("Could not use {filename}; your previous setup is kept. {message}"),
    "build.preview_sizes": N_("**{label}** · {train} training rows · {test} test rows · "
    "{features} features · {targets}"),
    "build.target_line": N_("target **{name}** ({task}: {classes})"),
    "build.target_line_regression": N_("target **{name}** (regression)"),
    "build.network_header": N_("Network"),
    "build.preset": N_("Start from a preset"),
    "build.preset_edited": N_("**Custom network**: yours differs from “{preset}”. Load puts "
                              "the preset back."),
    "build.load_preset": N_("Load"),
    "build.params": N_("Parameters"),
    "build.params_help": N_("Weights and biases the network learns, counted from the spec the "
    "way Keras counts them."),
    "build.not_stack": N_("This network has {nodes} nodes and {params} parameters. It is not a "
    "plain stack of layers (it has branches, shared layers or several heads), so it is "
    "edited on the Architecture page. You can still train it here."),
    "build.col_node": N_("Node"),
    "build.col_type": N_("Type"),
    "build.col_inputs": N_("Inputs"),
    "build.col_output": N_("Width"),
    "build.col_activation": N_("Activation"),
    "build.col_params": N_("Parameters"),
    "build.layers": N_("Hidden layers"),
    "build.col_layer": N_("Layer"),
    "build.col_units": N_("Units"),
    "build.col_dropout": N_("Dropout"),
    "build.layer_name": N_("Dense {index}"),
    "build.units_of": N_("Units of layer {index}"),
    "build.activation_of": N_("Activation of layer {index}"),
    "build.dropout_of": N_("Dropout after layer {index}"),
    "build.head_header": N_("Output head"),
    "build.head_target": N_("Predicts"),
    "build.head_activation": N_("Activation"),
    "build.head_activation_help": N_("The usual choice follows the task: sigmoid for binary, "
    "softmax for multiclass, linear for regression. Try another to see why."),
    "build.head_loss": N_("Loss"),
    "build.head_caption": NP_("A {task} head with {units} unit; the usual activation is "
    "{default}.", "A {task} head with {units} units; the usual activation is {default}.",
    "units"),
    "build.network_error": N_("That network does not work, so the previous one is kept. "
    "{message}"),
    "build.training_header": N_("Training"),
    "build.optimizer": N_("Optimizer"),
    "build.learning_rate": N_("Learning rate"),
    "build.epochs": N_("Epochs"),
    "build.batch_size": N_("Batch size"),
    "build.validation_split": N_("Validation share"),
    "build.validation_split_help": N_("Share of the training rows held out each epoch to "
    "draw the validation curve. 0 turns it off."),
    "build.early_stopping": N_("Early stopping patience"),
    "build.early_stopping_help": N_("End training once the validation loss has not improved "
    "for this many epochs, and keep the weights of its best epoch (Keras' EarlyStopping with "
    "restore_best_weights). Without validation rows it watches the training loss. 0 turns it "
    "off."),
    "build.train_seed": N_("Training seed"),
    "build.train_seed_help": N_("Seeds the initial weights, the shuffling and dropout. Same seed, "
    "same run."),
    "build.training_error": N_("Those settings do not work, so the previous ones are kept. "
    "{message}"),
    "build.train": N_("Train"),
    "build.train_caption": N_("{epochs} epochs on {data}."),
    # ------------------------------------------------------------------ architecture
    "arch.title": N_("Architecture"),
    "arch.intro": N_("The network as the functional API sees it: a graph of named layers. Edit "
    "the table — several inputs, shared layers, skip connections, several heads — and the "
    "drawing, the parameter count and the code follow."),
    "arch.reload": N_("Reload"),
    "arch.nodes": N_("Nodes"),
    "arch.inputs_heads": N_("Inputs → heads"),
    "arch.inputs_heads_help": N_("How many input nodes feed the network and how many output "
    "heads it predicts with."),
    "arch.table_header": N_("Nodes"),
    "arch.table_help": N_("One row per node. **inputs**: the nodes it is called on, separated by "
    "commas (a dense node with several inputs is one *shared* layer). **columns**: the "
    "feature columns an input takes, or `all` ({features} features). Add a row at the "
    "bottom, delete one by selecting it."),
    "arch.col_name": N_("name"),
    "arch.col_name_help": N_("A unique name: letters, digits and underscores. It becomes the "
    "Keras layer's name."),
    "arch.col_type": N_("type"),
    "arch.col_type_help": N_("input, dense (a Dense layer), add or concatenate (merge branches), "
    "output (a head)."),
    "arch.col_inputs": N_("inputs"),
    "arch.col_inputs_help": N_("Names of the nodes this one takes, separated by commas."),
    "arch.col_columns": N_("columns"),
    "arch.col_columns_help": N_("Input nodes only: feature columns separated by commas, or all."),
    "arch.col_units": N_("units"),
    "arch.col_activation": N_("activation"),
    "arch.col_dropout": N_("dropout"),
    "arch.col_batch_norm": N_("batch norm"),
    "arch.col_batch_norm_help": N_("Normalise the layer's outputs before the activation."),
    "arch.col_task": N_("task"),
    "arch.col_target": N_("target"),
    "arch.col_loss": N_("loss"),
    "arch.col_loss_weight": N_("loss weight"),
    "arch.table_error": N_("This table is not a valid network yet, so the last valid one is kept "
    "(drawn below). {message}"),
    "arch.revert": N_("Revert to the last valid network"),
    "arch.graph_header": N_("Graph"),
    "arch.graph_last_valid": N_("The last valid network; the node the message names is red."),
    "arch.graph_legend": N_("Dashed orange edges are skip connections; a double border is a "
    "shared layer (same weights on every input it takes)."),
    "arch.params_title": N_("Parameters per node"),
    "arch.train_header": N_("Train this network"),
    "arch.train_caption": N_("Data: {data} · heads: {heads} · {optimizer}, batch {batch}, "
    "seed {seed}. The other training settings are on Build & Train."),
    "arch.files_header": N_("Code and files"),
    "arch.tab_code": N_("Python code"),
    "arch.tab_setup": N_("Setup file"),
    "arch.tab_model": N_("Trained model"),
    "arch.code_intro": N_("Two scripts, each with its own promise."),
    "arch.code_exact": N_("**Exact script** — the same model, initial weights, data split, "
    "seeds and metrics: running it reproduces this setup's training and test numbers."),
    "arch.code_simple": N_("**Simple script** — the same architecture in about 40 "
    "notebook-style lines (numpy arrays, Input, Dense, Model, compile, fit, evaluate), for "
    "reading and learning; Keras picks its own initial weights, so its numbers differ a "
    "little."),
    "arch.code_simple_blocked": N_("Only the exact script is offered: the simple one writes a "
    "plain stack of layers (one input, one chain of Dense layers, one output), and this "
    "network has {what}."),
    "arch.simple_blocker.several_inputs": N_("several inputs"),
    "arch.simple_blocker.several_heads": N_("several output heads"),
    "arch.simple_blocker.shared_layer": N_("a shared layer (one layer called on several "
    "tensors)"),
    "arch.simple_blocker.merge": N_("an add or concatenate node"),
    "arch.show_which": N_("Script shown"),
    "arch.script_exact": N_("Exact"),
    "arch.script_simple": N_("Simple"),
    "arch.download_exact": N_("Download the exact script ({filename})"),
    "arch.download_simple": N_("Download the simple script ({filename})"),
    "arch.show_code": N_("Show code"),
    "arch.setup_intro": N_("The whole setup — data set, network, training settings, seeds — as "
    "JSON. Upload it later (or on another computer) to continue where you left off."),
    "arch.download_setup": N_("Download the setup (.json)"),
    "arch.upload_setup": N_("Upload a setup (.json)"),
    "arch.upload_setup_help": N_("A setup file saved by funcnet, at most 64 KB. Only JSON is "
    "read: funcnet never loads a model file or pickle."),
    "arch.setup_too_large": N_("The file is {size} bytes; a setup is at most {limit} bytes."),
    "arch.setup_loaded": N_("Loaded “{filename}”: {data}, {params} parameters. It is your "
                            "setup now on every page."),
    "arch.setup_error": N_("Could not use {filename}; your current setup is kept. {message}"),
    "arch.no_model": N_("No trained model yet. Train the network and its .keras file can be "
    "downloaded here."),
    "arch.model_caption": N_("Your last trained model: {data}, {params} parameters, heads "
    "{heads}."),
    # ------------------------------------------------------------------ share links
    "share.button": N_("Share"),
    "share.intro": N_("This link opens funcnet with exactly this setup: data set, network, "
    "training settings and seeds. Training it again gives the same curves."),
    "share.caption": N_("Copy it with the button that appears at the top right of the box. The "
    "address bar holds the same link."),
    "share.too_big": N_("This setup is too large for a link ({length} characters; a link holds "
    "at most {limit}), so the address bar holds none. Save it with \"Download the setup "
    "(.json)\" on the Architecture page and open that file instead."),
    "share.bad_link": N_("The link you opened could not be used, so funcnet starts from the "
    "notebook's network. {message}"),
    # ------------------------------------------------------------------ live training
    "live.idle": N_("Press Train to start: {epochs} epochs. The curves grow here, epoch by epoch."),
    "live.data_title": N_("The data (standardised), coloured by class"),
    "live.header": N_("Live training"),
    "live.stop": N_("Stop"),
    "live.queued": N_("Waiting for a free training worker…"),
    "live.starting": N_("Starting: 0 of {epochs} epochs"),
    "live.running": N_("Epoch {epoch} of {epochs} · {elapsed} so far · about {left} left"),
    "live.evaluating": N_("All {epochs} epochs done · testing the model on the test set…"),
    "live.stopping": N_("Stopping after epoch {epoch} of {epochs}…"),
    "live.completed": N_("Done: {epochs} epochs in {elapsed}"),
    "live.stopped": N_("Stopped at epoch {epoch} of {epochs}"),
    "live.running_estimating": N_("Epoch {epoch} of {epochs} · {elapsed} so far · estimating the "
    "time left…"),
    "live.unavailable": N_("Training is temporarily unavailable: the training workers could not "
    "start. The server tries again in {seconds} s."),
    "live.failed": N_("Failed: {epoch} of {epochs} epochs finished"),
    "live.features_shown": N_("The first {shown} of {count} features."),
    "live.images_title": N_("First training rows as images"),
    "live.loss_title": N_("Loss per epoch"),
    "live.boundary_title": N_("Decision boundary, epoch {epoch}"),
    "live.failed_message": N_("Training failed: {message}"),
    "live.no_reason": N_("no reason was given."),
    "live.results_header": N_("Test results · {data}"),
    "live.other_setup": N_("These curves are from your last training ({data}, {params} "
    "parameters); you have changed the setup since. Press Train to train the new one."),
    "live.test_set": N_("On {n} test rows the network never saw:"),
    "live.head_label": N_("Head **{head}**"),
    "live.to_evaluate": N_("Evaluate this model: ROC curve, confusion matrix, report"),
    # ------------------------------------------------------------------ evaluate
    "eval.title": N_("Evaluate"),
    "fit.header": N_("Overfitting and size"),
    "fit.gap_title": N_("Validation minus training loss"),
    "fit.gap_caption": N_("Above zero the network does better on the rows it trains on than on "
    "the validation rows it never fits; a gap that keeps growing after the marked epoch is "
    "overfitting."),
    "fit.reading.overfitting": N_("Validation loss was best at epoch {best}; after that, "
    "training kept improving while validation got worse: the network began fitting noise."),
    "fit.reading.still_improving": N_("Validation loss was still improving at the last epoch "
    "({best}): more epochs may help."),
    "fit.reading.levelled_off": N_("Validation loss was best at epoch {best}; after that "
    "neither loss improved much: training has levelled off."),
    "fit.reading.no_validation": N_("No validation rows were held out (validation share 0), so "
    "the curves cannot tell learning from fitting noise: set a validation share to see it."),
    "fit.size_per_row": N_("{params} parameters for the {rows} training rows it was fitted on: "
    "about {ratio} per row."),
    "fit.size_rows_per": N_("{params} parameters for the {rows} training rows it was fitted "
    "on: about one for every {ratio} rows."),
    "eval.none": N_("No training has finished yet. Train a network first; its test results "
    "show up here."),
    "eval.to_build": N_("Go to Build & Train"),
    "eval.run_caption": N_("{data} · {epochs} of {total} epochs ({status}) in {elapsed} · "
    "{params} parameters · finished at {when}"),
    "eval.newer_failed": N_("Your latest training did not produce a model; this is the one "
    "before it."),
    "eval.head": N_("Output head"),
    "eval.head_option": N_("{head} ({task})"),
    "eval.threshold": N_("Decision threshold"),
    "eval.threshold_help": N_("A sample is predicted positive when its score is above the "
    "threshold. Move it and watch the ROC point, the matrix and the report follow."),
    "eval.tpr": N_("True positive rate"),
    "eval.tpr_help": N_("Share of the real positives the model catches (recall)."),
    "eval.fpr": N_("False positive rate"),
    "eval.fpr_help": N_("Share of the real negatives wrongly flagged as positive."),
    "eval.classes": N_("Classes"),
    "eval.test_rows": N_("Test rows"),
    "eval.roc_title": N_("ROC curve"),
    "eval.confusion_title": N_("Confusion matrix"),
    "eval.confusion_title_threshold": N_("Confusion matrix at threshold {threshold}"),
    "eval.report_header": N_("Classification report"),
    "eval.report_row": N_("Class"),
    "eval.report_caption": N_("Precision: of the samples predicted as a class, how many are. "
    "Recall: of the samples of a class, how many are found. F1 balances both; support "
    "counts the samples."),
    "eval.curves_caption": N_("Precision–recall: of the samples flagged as a class, how many "
    "are (precision), as more of the class is found (recall); AP averages the precision over "
    "the curve. Calibration: of the samples scored about 0.8, about 80% should be positive."),
    "eval.rows_header": N_("Test rows behind the confusion matrix"),
    "eval.cell": N_("Show the rows of"),
    "eval.cell_help": N_("A cell of the confusion matrix (true class → predicted class), or "
    "every misclassified row."),
    "eval.cell_misclassified": N_("every misclassified row ({count})"),
    "eval.cell_option": N_("{true} → {predicted} ({count})"),
    "eval.rows_none": N_("No test row is in this cell."),
    "eval.rows_all": NP_("{count} test row, in test-set order.",
                         "{count} test rows, in test-set order.", "n"),
    "eval.rows_first": N_("The first {shown} of {count} test rows, in test-set order."),
    "eval.col_row": N_("Test row"),
    "eval.col_true": N_("True class"),
    "eval.col_predicted": N_("Predicted class"),
    "eval.download": N_("Download the trained model (.keras)"),
    "eval.download_help": N_("Load it with keras.models.load_model(\"funcnet-model.keras\")."),
    # ------------------------------------------------------------------ inside the network
    "replay.header": N_("Replay the training"),
    "replay.slider": N_("Show the run as it was at the end of"),
    "replay.slider_help": N_("Everything below (curves, confusion matrix and its rows, report, "
                             "histogram, decision boundary, every unit over the plane) is "
                             "redrawn from the network's weights at the end of that epoch."),
    "replay.epoch_option": N_("epoch {epoch}"),
    "replay.tested": N_("epoch {epoch} (tested model)"),
    "replay.at_end": N_("Shown: the tested model, after epoch {epoch}."),
    "replay.at_epoch": N_("Shown: the network at the end of epoch {epoch} of {total}, "
                          "scored on the same test rows."),
    "replay.thinned": N_("{kept} of the {copied} epochs kept while training are shown, "
                         "evenly spaced, so that a long run stays light on the server."),
    "replay.too_large": N_("This network is too large to keep its earlier epochs for replay."),
    "replay.boundary_title": N_("Decision boundary after epoch {epoch}"),
    "replay.loss_title": N_("Loss per epoch (dotted: the epoch shown)"),
    "replay.plane_title": N_("Each unit's output over the plane after epoch {epoch}"),
    "replay.inside_note": N_("Following one example and the weights below show the tested "
                             "model (after epoch {epoch})."),
    "inside.header": N_("Inside the network"),
    "inside.intro": N_("What every unit of the trained network computes: over the whole input "
                       "plane, for one test row, and the weights that make it."),
    "inside.none": N_("This run did not keep a look inside the network (runs loaded from the "
                      "history do not). Train again on Build & Train to see it."),
    "inside.plane_header": N_("Every unit over the input plane"),
    "inside.plane_title": N_("Each unit's output over the plane"),
    "inside.plane_caption": N_("One small map per unit, one row per layer in the order the "
                               "network computes them: blue is positive, orange negative, "
                               "white zero; each row has its own scale. The × marks the test "
                               "row followed below."),
    "inside.no_plane": NP_("The plane view needs a data set with two features; this one has "
                           "{count} feature. Follow a test row below to see every unit.",
                           "The plane view needs a data set with two features; this one has "
                           "{count} features. Follow a test row below to see every unit.", "n"),
    "inside.branch": N_("{name}, branch {branch} of {branches}"),
    "inside.units_all": NP_("{name} · {count} unit", "{name} · {count} units", "n"),
    "inside.units_first": N_("{name} · first {shown} of {count} units"),
    "inside.branch_units_all": NP_("{name}, branch {branch} of {branches} · {count} unit",
                                   "{name}, branch {branch} of {branches} · {count} units", "n"),
    "inside.branch_units_first": N_("{name}, branch {branch} of {branches} · first {shown} of "
                                    "{count} units"),
    "inside.layers_cut": N_("The first {shown} of {count} layers are shown."),
    "inside.unit": N_("Unit"),
    "inside.example_header": N_("Follow one example"),
    "inside.example": N_("Test row"),
    "inside.example_help": N_("A row of the test set, numbered as in the rows listed above; "
                              "the first {count} can be followed."),
    "inside.example_caption_class": N_("Test row {row}: true class **{true}**, predicted "
                                       "**{predicted}**."),
    "inside.example_caption_value": N_("Test row {row}: true value **{true}**, predicted "
                                       "**{predicted}**."),
    "inside.example_title": N_("Test row {row} through every layer"),
    "inside.example_note": N_("Each layer's units take the previous layer's values, weigh them, "
                              "add a bias and apply the activation; the last row is the "
                              "output. Each row is coloured on its own scale; hover for the "
                              "values."),
    "inside.example_wide": N_("Layers wider than {count} units show their first {count}."),
    "inside.output_one": N_("Output"),
    "inside.output_title": N_("Output {head}"),
    "inside.probability": N_("Probability"),
    "inside.prediction": N_("Prediction"),
    "inside.weights_header": N_("Weights of a layer"),
    "inside.weights_layer": N_("Layer"),
    "inside.weights_title": N_("Weights of {name} (inputs × units) and bias"),
    "inside.weights_caption": N_("{inputs} inputs × {units} units, plus one bias per unit. "
                                 "Blue weights push a unit up, orange ones down."),
    "inside.weights_cut": N_("Only the first {inputs} inputs and {units} units are drawn."),
    "inside.weights_shared": N_("A shared layer: the same weights serve each of its "
                                "{branches} branches."),
    "inside.bias": N_("bias"),
    # ------------------------------------------------------------------ activations
    "act.title": N_("Activation functions"),
    "act.intro": N_("What each function does, how it looks, and how it behaves on your network."),
    "act.table_header": N_("At a glance"),
    "act.col_function": N_("Function"),
    "act.col_formula": N_("Formula"),
    "act.col_range": N_("Output range"),
    "act.col_pros": N_("Advantages"),
    "act.col_cons": N_("Disadvantages"),
    "act.col_use": N_("Main use"),
    "act.plot_header": N_("Shapes and slopes"),
    "act.plot_pick": N_("Functions to plot"),
    "act.leaky_alpha": N_("Leaky ReLU α"),
    "act.leaky_alpha_help": N_("Slope for negative inputs. Keras' leaky_relu uses 0.2."),
    "act.elu_alpha": N_("ELU α"),
    "act.elu_alpha_help": N_("Depth of ELU's negative plateau: outputs approach −α."),
    "act.plot_f": N_("The functions f(x)"),
    "act.plot_df": N_("Their derivatives f′(x)"),
    "act.plot_caption": N_("Where a derivative is 0 a unit stops learning: ReLU below zero (dead "
    "units), sigmoid and tanh far from zero (saturation, the vanishing gradient)."),
    "act.compare_header": N_("Compare on my network"),
    "act.compare_intro": N_("Trains your current network once per activation — every hidden "
    "layer switched to it, the output head unchanged — on the same data, the same split "
    "and from the same initial weights. The functional API lets all the variants live "
    "in one model, side by side on the same inputs, so they train together in a single "
    "fit — each branch exactly as it would alone."),
    "act.setup_line": NP_("Your network: {layers} hidden dense layer, {params} parameters, "
    "on {data}, {epochs} epochs, seed {seed}.", "Your network: {layers} hidden dense layers, "
    "{params} parameters, on {data}, {epochs} epochs, seed {seed}.", "layers"),
    "act.compare_pick": N_("Activations to compare"),
    "act.compare_pick_help": N_("Hidden-layer activations only: softmax belongs to output layers."),
    "act.compare_button": N_("Compare"),
    "act.no_hidden": N_("This network has no hidden dense layer, so there is nothing to switch. "
    "Add a layer on Build & Train."),
    "act.live_header": N_("**{runs} runs** on {data}"),
    "act.stop": N_("Stop all"),
    "act.col_status": N_("Status"),
    "act.col_epoch": N_("Epoch"),
    "act.col_progress": N_("Progress"),
    "act.col_train_loss": N_("Train loss"),
    "act.col_val_loss": N_("Validation loss"),
    "act.curves_val_loss": N_("Validation loss per epoch"),
    "act.curves_loss": N_("Training loss per epoch"),
    "act.ranking_header": N_("Ranking (lowest final validation loss first)"),
    "act.col_accuracy": N_("Test accuracy"),
    "act.col_auc": N_("Test AUC"),
    "act.col_best_epoch": N_("Best epoch"),
    "act.col_seconds": N_("Time"),
    "act.col_seconds_help": N_("Seconds of training of the model this run was a branch of; "
    "branches trained together share it."),
    "act.col_dead": N_("Dead units"),
    "act.col_dead_help": N_("Share of hidden ReLU units whose output is 0 for every test "
    "sample: they no longer learn."),
    "act.col_saturated": N_("Saturated units"),
    "act.col_saturated_help": N_("Share of hidden tanh/sigmoid units stuck within 0.05 of a bound "
    "for at least 90% of test samples: their gradient has all but vanished."),
    "act.col_grad": N_("First-layer gradient"),
    "act.col_grad_help": N_("Size (L2 norm) of the loss gradient reaching the first layer's "
    "weights before training: how strongly the first layer is told to change."),
    "act.run_failed": N_("{activation} failed: {message}"),
    "act.finding_best": N_("**{activation}** ended with the lowest loss on this network."),
    "act.finding_dead": N_("With **{activation}**, {share} of the hidden units output zero for "
    "every test sample — the *dead neurons* of the table."),
    "act.finding_alive": N_("{activations} keep a slope below zero, so none of their units die."),
    "act.finding_no_dead": N_("No ReLU unit died in these runs."),
    "act.finding_saturated": N_("With **{activation}**, {share} of the hidden units sit at the "
    "flat ends of their curve, where the gradient is nearly zero (*saturation*)."),
    "act.finding_gradient": N_("Before training, the first layer's gradient is {weak_norm} with "
    "**{weak}** against {strong_norm} with **{strong}**, {ratio}× weaker: the *vanishing "
    "gradient* the table warns about."),
    "act.finding_caveat": N_("One run per activation on one seed: differences of a few "
    "hundredths are noise."),
    # ------------------------------------------------------------------ lessons
    # (keys of lessons go here)
    "lessons.class_setup_unfit": N_("This class's setup is not a plain stack of dense "
    "layers on random labels, so the seven steps cannot walk through it. "
    "Your teacher fixed it: explore it on the other pages."),
    "lessons.title": N_("Lessons"),
    "lessons.intro": N_("Two guided lessons from the teaching notebook, on the real dashboard: "
    "build its network step by step, then see why random labels cannot be learned."),
    "lessons.pick": N_("Lesson"),
    "lessons.pick.steps": N_("1 · The notebook in seven steps"),
    "lessons.pick.noise": N_("2 · Can a network learn noise?"),
    "lessons.step_heading": N_("Step {step} of {total} · {title}"),
    "lessons.back": N_("Back"),
    "lessons.next": N_("Next"),
    "lessons.step.input.title": N_("Define the input"),
    "lessons.step.input.body": N_("Every network starts by saying what one example looks like. "
    "`Input(shape=(20,))` declares that each example is a vector of 20 numbers; how many "
    "examples come at once is left open, which is why Keras writes the shape as "
    "`(None, 20)`. An `Input` holds no weights: it is the placeholder the next layers are "
    "called on, and the functional API later builds the model by following those calls "
    "from here. Its width must match the data's columns — the random-label data set makes "
    "as many uniform random features as you choose below."),
    "lessons.step.hidden.title": N_("Add hidden layers"),
    "lessons.step.hidden.body": N_("A hidden layer such as `Dense(64, activation=\"relu\")` "
    "computes 64 weighted sums of everything it receives, adds a bias to each and passes "
    "them through its activation function. In the functional API you *call* the layer on "
    "the tensor before it — `(inputs)`, then `(x)` — so the code spells out how the data "
    "flows. Without a non-linear activation a stack of layers collapses into a single "
    "linear map: ReLU, `max(0, x)`, is the usual default, tanh is centred on zero, and "
    "Leaky ReLU and ELU keep a slope below zero so units cannot die. More layers and units "
    "give the network more capacity — including more capacity to memorise."),
    "lessons.step.output.title": N_("The output layer"),
    "lessons.step.output.body": N_("The output layer gives the final answer, so its size and "
    "activation follow the question. Here the target is yes or no (class 1 or 0): one unit "
    "is enough, and sigmoid squeezes its value into (0, 1), which reads as the probability "
    "of class 1. Binary cross-entropy, set at step 5, scores exactly such a probability: a "
    "confident wrong answer costs a lot, a hesitant one little. A threshold of 0.5 then "
    "turns the probability into a class. Pick another activation to see what goes wrong."),
    "lessons.step.model.title": N_("Create the model"),
    "lessons.step.model.body": N_("`Model(inputs=inputs, outputs=outputs)` ties the graph "
    "together: Keras walks back from the output to the input and collects every layer on "
    "the way. That is the functional API's central idea — the same call accepts several "
    "inputs or outputs, shared layers and skip connections. `model.summary()` lists the "
    "layers and their parameters: a `Dense` layer with *n* inputs and *u* units owns "
    "*n* × *u* weights plus *u* biases. The table below is computed from your network "
    "before anything is trained."),
    "lessons.step.compile.title": N_("Compile"),
    "lessons.step.compile.body": N_("`compile` decides how the model will learn. The *loss* "
    "measures how wrong a prediction is (binary cross-entropy for a yes/no target), the "
    "*optimizer* decides how the weights move to lower it, and the *metrics* are only "
    "reported, never optimised — accuracy here. Adam adapts the step of every weight and "
    "is a safe default; plain SGD takes the same step everywhere and usually wants a larger "
    "learning rate; RMSprop sits in between. The learning rate sets the size of the steps: "
    "too small and training crawls, too large and the loss jumps about or blows up."),
    "lessons.step.fit.title": N_("Train"),
    "lessons.step.fit.body": N_("`fit` shows the training rows to the network over and over. "
    "An *epoch* is one pass over all of them; each pass is cut into *batches*, and after "
    "every batch the optimizer updates the weights once. `validation_split` holds back a "
    "share of the training rows that the network never trains on: their curve shows "
    "whether what it learns carries over to rows it has not seen. Press Train and watch "
    "both curves; the training goes on if you move to another step meanwhile."),
    "lessons.step.evaluate.title": N_("Evaluate"),
    "lessons.step.evaluate.body": N_("`evaluate` measures the trained model on the test rows, "
    "which took no part in training: the only honest estimate of how it will do on new "
    "data. *Accuracy* is the share of test rows put in the right class at the 0.5 "
    "threshold. The *AUC* (area under the ROC curve) asks, across every threshold, how "
    "well the scores rank class-1 rows above class-0 rows: 1.0 is perfect, 0.5 is a coin. "
    "The confusion matrix counts right and wrong answers per class."),
    "lessons.choice_error": N_("That choice cannot be used: {message} The previous setup is "
    "kept."),
    "lessons.use_in_build": N_("Open this network in Build & Train"),
    "lessons.use_in_build_help": N_("The lesson keeps its own network; this makes it your "
                                    "setup on the other pages too."),
    "lessons.code_header": N_("The code so far"),
    "lessons.code_marker": N_("step {step}"),
    "lessons.code_caption": N_("Step {step} adds the {new} marked lines; {total} lines in all. "
    "The code follows your choices and runs as it is."),
    "lessons.code_caption_one": N_("Step {step} adds the marked line; {total} lines in all. "
    "The code follows your choices and runs as it is."),
    "lessons.features": N_("Input width (features)"),
    "lessons.features_help": N_("How many uniform random feature columns the random-label data "
    "set makes; the notebook uses 20."),
    "lessons.layers": N_("Hidden layers"),
    "lessons.layer_name": N_("Layer {index}"),
    "lessons.units": N_("Units"),
    "lessons.activation": N_("Activation"),
    "lessons.units_of": N_("Units of layer {index}"),
    "lessons.activation_of": N_("Activation of layer {index}"),
    "lessons.to_activations": N_("Compare activation functions on the Activations page"),
    "lessons.output_activation": N_("Output activation"),
    "lessons.output_activation_help": N_("The activation of the one output unit; sigmoid for a "
    "yes/no target."),
    "lessons.output_sigmoid": N_("Sigmoid is the right choice here: its output lies strictly "
    "between 0 and 1, which is what binary cross-entropy expects — a probability of class 1."),
    "lessons.output_softmax": N_("Softmax makes the outputs of a layer sum to 1, so on a single "
    "unit it always outputs 1.0: every row gets the same score, the network cannot learn "
    "and the AUC is exactly 0.5. Softmax belongs on a layer with one unit per class."),
    "lessons.output_other": N_("{activation} outputs values in ${range}$, not a probability. "
    "Keras clips the prediction into (0, 1) before computing binary cross-entropy, and "
    "outputs beyond 0 or 1 then get no gradient: training stalls or swings. Train it at "
    "step 6 and compare with sigmoid."),
    "lessons.params_input": N_("no weights: it only fixes the shape"),
    "lessons.params_formula": N_("{inputs} × {units} weights + {units} biases"),
    "lessons.col_layer": N_("Layer"),
    "lessons.col_shape": N_("Output shape"),
    "lessons.col_params": N_("Parameters"),
    "lessons.col_how": N_("How they are counted"),
    "lessons.total_params": N_("Total parameters"),
    "lessons.optimizer": N_("Optimizer"),
    "lessons.learning_rate": N_("Learning rate"),
    "lessons.learning_rate_help": N_("How big a step the optimizer takes; 0.001 is Adam's usual "
    "value."),
    "lessons.epochs": N_("Epochs"),
    "lessons.batch_size": N_("Batch size"),
    "lessons.validation_split": N_("Validation share"),
    "lessons.validation_split_help": N_("Share of the training rows held back to check the "
    "network on rows it does not train on."),
    "lessons.fit_caption": N_("{rows} training rows: {fit_rows} to train on, the rest to "
    "validate. That makes {steps} weight updates per epoch, over {epochs} epochs."),
    "lessons.train": N_("Train"),
    "lessons.still_training": N_("The training started at step 6 is still running; its test "
    "results appear here when it ends."),
    "lessons.no_run": N_("Nothing has been trained in this session yet: go back to step 6 and "
    "press Train."),
    "lessons.back_to_fit": N_("Back to step 6"),
    "lessons.other_run": N_("These are the results of your last training ({data}, {params} "
    "parameters), not of the network above: train again at step 6 to see the current one."),
    "lessons.end_header": N_("What the numbers say"),
    "lessons.end.not_binary": N_("Your last training was not a single yes/no classifier, so the "
    "lesson's reading of accuracy and AUC does not apply: train the lesson's network at "
    "step 6."),
    "lessons.end.scores": N_("On the {rows} test rows it never saw, your network's accuracy is "
    "{accuracy} and its AUC {auc}."),
    "lessons.end.random_chance": N_("Both are within the range a coin flip lands in on this "
    "many rows (0.5 ± {band} for the accuracy, ± {auc_band} for the AUC): the network is "
    "guessing. That is the honest outcome here, because the labels were drawn at random, "
    "independently of the features — there is no rule to find, and no network, however "
    "large or however long trained, can do better on new rows."),
    "lessons.end.random_lucky": N_("That is further from 0.5 than a coin flip usually lands on "
    "this many rows (± {band} for the accuracy, ± {auc_band} for the AUC). Yet the labels "
    "were drawn at random, independently of the features, so it is a lucky or unlucky draw "
    "of test rows, not learning: another data seed moves it back towards 0.5."),
    "lessons.end.memorised": N_("Meanwhile its accuracy on the training rows reached {train}, "
    "against {val} on the validation rows: that gap is memorisation — the network learned "
    "its training rows by heart, which says nothing about new ones."),
    "lessons.end.not_memorised": N_("Its accuracy on the training rows ended at {train} "
    "(validation: {val}), so it has not memorised much yet; with more epochs it would learn "
    "the training rows by heart and still do no better on new ones."),
    "lessons.end.no_validation": N_("Its accuracy on the training rows ended at {train}; "
    "without a validation share there is no curve showing how little of it carries over."),
    "lessons.end.next": N_("Lesson 2 trains this network on random labels and on data with "
    "real signal, side by side."),
    "lessons.end.signal_learned": N_("That is well above the 0.5 of a coin: the features of "
    "{data} carry information about the label, and the network found it."),
    "lessons.end.signal_weak": N_("That is not far above the 0.5 of a coin: on {data} the "
    "network found little it can use on new rows. Try more epochs or other choices."),
    "lessons.to_noise": N_("Next lesson: can a network learn noise?"),
    "lessons.noise.header": N_("Can a network learn noise?"),
    "lessons.noise.body": N_("The notebook's data set has *random labels*: each row's label is "
    "a coin flip, drawn independently of its features. A network can still fit the "
    "training rows — with enough weights it simply remembers which row had which label — "
    "but none of that carries over to new rows, whose coin flips it cannot know. The button "
    "below trains the notebook's network twice at once, with the same epochs and seed: on "
    "the random labels, and on a data set of the same shape whose labels do depend on the "
    "features. Watch the dashed validation curves: on noise it stays near 0.5 while the "
    "training curve climbs."),
    "lessons.noise.epochs": N_("Epochs (both runs)"),
    "lessons.noise.epochs_help": N_("More epochs give the network time to memorise the random "
    "labels; the validation accuracy will not follow."),
    "lessons.noise.start": N_("Train both"),
    "lessons.noise.caption": N_("Same network ({params} parameters), same epochs, batch size "
    "and seed: {noise} against {signal}, each with {train} training and {test} test rows "
    "of {features} features."),
    "lessons.noise.stop": N_("Stop both"),
    "lessons.noise.run_noise": N_("On noise · {data}"),
    "lessons.noise.run_signal": N_("On signal · {data}"),
    "lessons.noise.curve_title": N_("Accuracy per epoch"),
    "lessons.noise.test_accuracy": N_("Test accuracy"),
    "lessons.noise.test_auc": N_("Test AUC"),
    "lessons.noise.end_header": N_("Conclusion"),
    "lessons.noise.end_coin": N_("On random labels the test AUC is {noise_auc} and the accuracy "
    "{noise_accuracy}: no better than a coin, which on {noise_rows} test rows lands within "
    "0.5 ± {noise_auc_band}."),
    "lessons.noise.end_lucky": N_("On random labels the test AUC is {noise_auc} and the "
    "accuracy {noise_accuracy}: a little further from 0.5 than a coin usually lands on "
    "{noise_rows} rows, but with labels drawn at random that is the luck of the test rows, "
    "not learning."),
    "lessons.noise.end_memorised": N_("Yet its training accuracy climbed to {noise_train} while "
    "the validation accuracy stayed at {noise_val}: it memorised the training rows."),
    "lessons.noise.end_not_memorised": N_("Its training accuracy only reached {noise_train} "
    "(validation: {noise_val}); with more epochs it would memorise the training rows — with "
    "no gain on new ones."),
    "lessons.noise.end_signal": N_("On {data} the same network reaches a test AUC of "
    "{signal_auc} and an accuracy of {signal_accuracy}: there the features carry the label, "
    "so what it learns on the training rows carries over to new ones."),
    "lessons.noise.end_signal_weak": N_("On {data} the test AUC is only {signal_auc}: in this "
    "few epochs the network has not found much of the signal yet; try more epochs."),
    "lessons.noise.end_moral": N_("Same network, same training: the whole difference lies in "
    "the data. A network can only learn what the data contains."),
    # ------------------------------------------------------------------ teacher links
    # (keys of teacher links go here)
    "class.group.data": N_("Data"),
    "class.group.network": N_("Network"),
    "class.group.training": N_("Training"),
    "class.group.files": N_("Results, files and sharing"),
    "class.control.dataset": N_("Data set choice and its parameters"),
    "class.control.csv_upload": N_("CSV upload"),
    "class.control.preset": N_("Preset picker"),
    "class.control.layers": N_("Number of hidden layers"),
    "class.control.units": N_("Units per layer"),
    "class.control.activations": N_("Hidden activations"),
    "class.control.dropout": N_("Dropout"),
    "class.control.output_head": N_("Output head (target, activation, loss)"),
    "class.control.node_table": N_("Node table (Architecture)"),
    "class.control.activation_compare": N_("Compare activations on my network"),
    "class.control.optimizer": N_("Optimizer"),
    "class.control.learning_rate": N_("Learning rate"),
    "class.control.epochs": N_("Epochs"),
    "class.control.batch_size": N_("Batch size"),
    "class.control.validation_split": N_("Validation split"),
    "class.control.early_stopping": N_("Early stopping"),
    "class.control.seeds": N_("Seeds (data and training)"),
    "class.control.code_export": N_("Code export"),
    "class.control.setup_files": N_("Setup files (download and upload)"),
    "class.control.model_download": N_("Trained model download"),
    "class.control.threshold": N_("Decision threshold (Evaluate)"),
    "class.control.share_link": N_("Share link"),
    "class.error.incomplete": N_("The class link is incomplete — it was probably cut off when "
    "copied."),
    "class.error.changed": N_("The class link was changed after the teacher made it."),
    "class.error.damaged": N_("The class link is damaged and cannot be read."),
    "class.error.too_long": N_("The class link is far longer than any teacher link."),
    "class.error.version": N_("The class link was made by another version of funcnet."),
    "class.error.invalid": N_("The class link holds settings funcnet does not accept."),
    "class.error.with_detail": N_("{reason} ({detail})"),
    "class.bad_link": N_("{message} Its class settings are ignored: every page and control is "
    "shown. Ask your teacher for the link again."),
    "class.page_hidden": N_("Your teacher hid this page for the class."),
    "class.to_home": N_("Back to Home"),
    "class.goal": N_("reach {metric} ≥ {minimum}"),
    "class.goal_params": N_("reach {metric} ≥ {minimum} with at most {params} parameters"),
    "class.attempt": N_("{metric} {score} with {params} parameters"),
    "class.message": N_("**Message from your teacher:** {message}"),
    "class.banner_goal": N_("**Class challenge:** {goal}. Train a network to try!"),
    "class.banner_best": N_("**Class challenge:** {goal}. Your best so far: {attempt}{limit}."),
    "class.over_limit": N_(" (over the parameter limit)"),
    "class.banner_met": N_("**Class challenge met!** Goal: {goal}. Your best: {attempt}."),
    "class.regression": N_("This network predicts numbers (regression), so it has no "
    "{metric} and cannot meet the class challenge. Pick a classification data set."),
    "class.met": N_("Challenge met: {attempt}"),
    "class.not_met": N_("Not yet: {attempt}. The goal is to {goal}."),
    "class.not_met_params": N_("Not this time: {attempt} — more than the {limit} parameters "
    "the challenge allows. Try a smaller network."),
    "teacher.title": N_("For teachers"),
    "teacher.intro": N_("Make a **class link**: it opens funcnet with your current setup, "
    "without the pages and controls you choose to hide, and can set a challenge that the "
    "page checks and celebrates."),
    "teacher.honest": N_("A classroom aid, not access control: a student who deletes the "
    "class part of the address sees everything again."),
    "teacher.setup_header": N_("1 · The setup the class starts from"),
    "teacher.setup_line": N_("**{data}**, a network of {params} parameters, {optimizer} at "
    "learning rate {rate}, {epochs} epochs of batch {batch}."),
    "teacher.setup_caption": N_("This is your current setup. Hidden controls keep exactly these "
    "values for the class."),
    "teacher.to_build": N_("Change it on Build & Train"),
    "teacher.hide_header": N_("2 · What to hide"),
    "teacher.pages": N_("Pages"),
    "teacher.pages_help": N_("Home always stays, and this page is never shown in a class link."),
    "teacher.controls": N_("Controls"),
    "teacher.hide_caption": N_("Loading a preset or a setup file replaces the whole setup, "
    "hidden settings included, and the Architecture node table can change every layer: "
    "hide those too to keep your values fixed."),
    "teacher.challenge_header": N_("3 · A challenge (optional)"),
    "teacher.challenge_on": N_("Set a challenge"),
    "teacher.challenge_off": N_("For example: reach AUC ≥ 0.90 with at most 2,000 parameters."),
    "teacher.metric": N_("Test metric"),
    "teacher.minimum": N_("At least"),
    "teacher.max_params": N_("At most parameters"),
    "teacher.max_params_help": N_("0 means no limit. Your current network has {params} "
    "parameters."),
    "teacher.challenge_regression": N_("Your current setup is a regression: it has no accuracy "
    "or AUC, so students cannot meet this challenge with it. Pick a classification data set "
    "on Build & Train."),
    "teacher.class_header": N_("4 · The class"),
    "teacher.board_on": N_("Share one run board with the class"),
    "teacher.board_help": N_("Students' finished trainings then go to one board that the whole "
    "class sees on Compare runs, instead of each browser keeping its own."),
    "teacher.board": N_("Board name"),
    "teacher.board_placeholder": N_("e.g. Class 3B"),
    "teacher.board_empty": N_("Give the board a name to share it."),
    "teacher.board_named": N_("The class board is **{board}**: funcnet adds a random ending so "
    "that another class on this server that picks the same name gets its own board. To reuse "
    "the board of an earlier link, type its full name with its ending."),
    "teacher.message": N_("Message to the class"),
    "teacher.message_placeholder": N_("e.g. Try to beat the notebook with fewer parameters!"),
    "teacher.invalid": N_("This class link cannot be made: {message}"),
    "teacher.link_header": N_("Your class link"),
    "teacher.link_intro": N_("Copy this link for your students (the button at the top right of "
    "the box copies it):"),
    "teacher.preview": N_("Open it as a student"),
    "teacher.students_header": N_("What students will see"),
    "teacher.sees_all": N_("Students see every page and control, starting from your setup."),
    "teacher.sees_hidden": N_("Students start from your setup and do not see: {hidden}."),
    "teacher.sees_challenge": N_("Every page shows the challenge — {goal} — and a training "
    "that meets it is celebrated."),
    "teacher.sees_no_challenge": N_("There is no challenge: they explore freely."),
    "teacher.sees_board": N_("Their finished runs go to the shared board “{board}”."),
    "teacher.sees_message": N_("Your message shows at the top of every page."),
    # ------------------------------------------------------------------ runs and compare
    # (keys of runs and compare go here)
    "compare.title": N_("Compare runs"),
    "compare.intro": N_("Every training you finish in this browser is kept here with its setup, "
    "curves and test results — after a page reload or a server restart too. Choose runs "
    "below to lay their curves over each other."),
    "compare.class_board": N_("Class board **{name}**: the runs of everyone who opened the "
    "teacher's link are shown here. Authors appear as anonymous tags; your own runs say "
    "*you*."),
    "compare.store_error": N_("The saved runs cannot be read right now. Training still works, "
    "but finished runs may not be kept. If this lasts, tell whoever runs this funcnet."),
    "compare.record_error": N_("The last training could not be kept for comparison: the saved "
    "runs cannot be written right now."),
    "compare.skipped": NP_("{n} saved run could not be read back and is not shown.",
    "{n} saved runs could not be read back and are not shown.", "n"),
    "compare.empty": N_("No runs yet. Every training you finish is kept here, so you can put "
    "two of them side by side: train one on Build & Train, change a setting, train again "
    "and come back."),
    "compare.to_build": N_("Go to Build & Train"),
    "compare.table_header": N_("All runs ({n})"),
    "compare.table_caption_diff": N_("Highlighted: the settings that differ between the runs "
    "({columns}). Click a column header to sort."),
    "compare.table_caption_same": N_("Every run has the same settings. Click a column header "
    "to sort."),
    "compare.table_caption_one": N_("Train again with another setting to have something to "
    "compare. Click a column header to sort."),
    "compare.csv": N_("Download all runs (CSV)"),
    "compare.csv_help": N_("One row per run: settings, test metrics and the full setup as JSON."),
    "compare.compare_header": N_("Side by side"),
    "compare.chosen": N_("Runs to compare"),
    "compare.chosen_help": N_("The newest two are chosen when the page opens; add or remove "
    "runs here, up to {n} at a time. The first one is the reference for the differences."),
    "compare.choose_some": N_("Choose at least one run to see its curves."),
    "compare.run_label": N_("Run {number}"),
    "compare.run_option": N_("{run} · {when} · {data} · {network}"),
    "compare.loss_title": N_("Loss of the chosen runs"),
    "compare.roc_title": N_("ROC curves of the chosen runs"),
    "compare.curves_caption": N_("Solid: training; dashed: validation. Each run keeps its "
    "colour in both charts."),
    "compare.no_history": N_("Not drawn, no finished epoch: {runs}."),
    "compare.no_roc": N_("No ROC curve: none of the chosen runs has a classifier as its first "
    "head with test predictions."),
    "compare.roc_skipped": N_("No ROC curve for {runs} (not a classifier, or no test "
    "predictions)."),
    "compare.predictions_dropped": N_("The test predictions of {runs} were too large to keep: "
    "no ROC curve or evaluation charts for them; their numbers in the tables are kept."),
    "compare.roc_macro": N_("With several classes a run's curve is the macro average of its "
    "one-vs-rest curves; its AUC is the mean of the per-class AUCs, as in the table."),
    "compare.metrics_header": N_("Test metrics of the chosen runs"),
    "compare.metrics_caption": N_("In brackets: the difference to {run}, the first chosen run. "
    "Lower is better for {lower}; higher for the others."),
    "compare.actions_header": N_("The chosen runs"),
    "compare.run_line": N_("**{run}** · {when} · {data} · {network} · {status}, {epochs} of "
    "{total} epochs"),
    "compare.load": N_("Open in Build & Train"),
    "compare.load_help": N_("Replaces the current setup with this run's setup."),
    "compare.load_failed": N_("This run's setup cannot be opened here: {message}"),
    "compare.delete": N_("Delete chosen runs"),
    "compare.delete_confirm": NP_("Delete {n} run: {runs}? This cannot be undone.",
    "Delete {n} runs: {runs}? This cannot be undone.", "n"),
    "compare.delete_others": N_("Runs of other people on the class board are not deleted."),
    "compare.delete_button": N_("Delete"),
    "compare.delete_none": N_("None of the chosen runs is yours to delete."),
    "compare.you": N_("you"),
    "compare.col.run": N_("Run"),
    "compare.col.created_at": N_("Finished"),
    "compare.col.author": N_("Author"),
    "compare.col.data": N_("Data set"),
    "compare.col.network": N_("Hidden layers"),
    "compare.col.params": N_("Parameters"),
    "compare.col.optimizer": N_("Optimizer"),
    "compare.col.learning_rate": N_("Learning rate"),
    "compare.col.epochs": N_("Epochs"),
    "compare.col.batch_size": N_("Batch"),
    "compare.col.validation_split": N_("Validation share"),
    "compare.col.seed": N_("Seed"),
    "compare.col.status": N_("Status"),
    "compare.col.epochs_run": N_("Epochs run"),
    "compare.col.elapsed": N_("Time"),
    "repeat.header": N_("Is the difference real? Repeat over seeds"),
    "repeat.intro": N_("One training is one draw of luck: other initial weights and another "
    "batch order give another result. Repeat a setup over several training seeds (same data, "
    "same split) and see the spread; then compare two repeats to tell a better setting from "
    "luck."),
    "repeat.seeds": N_("Seeds"),
    "repeat.seeds_help": N_("How many times the setup is trained, each time with the next "
    "training seed. The seeds train one after another while this page is open."),
    "repeat.start": N_("Repeat the current setup"),
    "repeat.setup_line": N_("Current setup (Build & Train): {data} · {network} · {epochs} "
    "epochs · training seeds {first} to {last}."),
    "repeat.live": N_("Repeat: seed {current} of {total} · epoch {epoch} of {epochs}"),
    "repeat.live_waiting": N_("Repeat: seed {current} of {total} is waiting for a free worker"),
    "repeat.waiting_turn": N_("The next seed waits for its turn: {message}"),
    "repeat.stop": N_("Stop repeat"),
    "repeat.stopped": N_("The repeat was stopped; the seeds that finished are kept."),
    "repeat.none": N_("No repeat yet. Choose how many seeds and press *Repeat the current "
    "setup*; its runs appear in the table above, and their spread here."),
    "repeat.label": N_("Runs {first}–{last}"),
    "repeat.option": NP_("{label} · {n} seed · {data} · {network}",
    "{label} · {n} seeds · {data} · {network}", "n"),
    "repeat.chosen": N_("Repeats to compare"),
    "repeat.chosen_help": N_("The newest two are chosen first; the first two chosen (with a "
    "completed seed) are compared seed by seed below."),
    "repeat.choose_some": N_("Choose at least one repeat to see its spread."),
    "repeat.loss_title": N_("Loss over seeds: mean ± std"),
    "repeat.metric_title": N_("{metric} over seeds: mean ± std"),
    "repeat.curves_caption": N_("Line: the mean over the completed seeds; band: ± one "
    "standard deviation (sample, ddof = 1). Solid: training; dashed: validation."),
    "repeat.stats_header": N_("Test metrics over seeds: mean ± std"),
    "repeat.col.repeat": N_("Repeat"),
    "repeat.col.seeds": N_("Seeds"),
    "repeat.seeds_cell": N_("{completed} of {total}"),
    "repeat.stats_caption": N_("Mean ± sample standard deviation (ddof = 1) over the seeds that "
    "completed; a stopped or failed seed does not count."),
    "repeat.versus_header": N_("Seed against seed"),
    "repeat.metric": N_("Compare on"),
    "repeat.metric.loss": N_("test loss"),
    "repeat.metric.accuracy": N_("test accuracy"),
    "repeat.metric.auc": N_("test AUC"),
    "repeat.metric.mae": N_("test MAE"),
    "repeat.metric.r2": N_("test R²"),
    "repeat.beat": NP_("{a} beat {b} in {wins} of {n} seed pair on {metric}.",
    "{a} beat {b} in {wins} of {n} seed pairs on {metric}.", "n"),
    "repeat.even": NP_("Neither repeat came out ahead on {metric}: each won {wins} of {n} seed "
    "pair.", "Neither repeat came out ahead on {metric}: each won {wins} of {n} seed pairs.",
    "n"),
    "repeat.all_tied": NP_("{a} and {b} tied in their {n} seed pair on {metric}.",
    "{a} and {b} tied in all {n} seed pairs on {metric}.", "n"),
    "repeat.ties": NP_("{n} pair tied.", "{n} pairs tied.", "n"),
    "repeat.pairs_caption": N_("Every seed of one repeat against every seed of the other "
    "(3 seeds each: 9 pairs). Close to all pairs: the difference is not just the seed; close "
    "to half: it may well be luck."),
    "repeat.no_pairs": N_("These two repeats have no test metric in common to compare."),
    "repeat.choose_two": N_("Choose a second repeat with a completed seed to see which setup "
    "wins seed against seed."),
    # ------------------------------------------------------------------ report
    # (keys of report go here)
    "report.html_lang": N_("en"),
    "report.download": N_("Download report (HTML)"),
    "report.download_help": N_("One HTML file with the setup, the test metrics, the interactive "
    "curves and charts, and the Keras code. It opens in any browser, also offline."),
    "report.build_failed": N_("The report could not be built: {message}"),
    "report.title": N_("funcnet run · {data} · {date}"),
    "report.status_completed": N_("{epochs} epochs in {elapsed}."),
    "report.status_stopped": N_("Stopped at epoch {epoch} of {epochs}."),
    "report.status_failed": N_("Failed after {epoch} of {epochs} epochs."),
    "report.reason": N_("Reason: {message}"),
    "report.summary": NP_("{params} parameters · {heads} output head · {epochs} epochs planned",
    "{params} parameters · {heads} output heads · {epochs} epochs planned", "heads"),
    "report.kicker": N_("Training report"),
    "report.percent": N_("{value} %"),
    "report.setup_header": N_("Setup"),
    "report.data_header": N_("Data"),
    "report.dataset": N_("Data set"),
    "report.test_fraction": N_("Test share"),
    "report.data_seed": N_("Data seed"),
    "report.training_header": N_("Training"),
    "report.optimizer": N_("Optimizer"),
    "report.learning_rate": N_("Learning rate"),
    "report.epochs": N_("Epochs"),
    "report.batch_size": N_("Batch size"),
    "report.validation_split": N_("Validation share"),
    "report.early_stopping": N_("Early stopping patience (epochs)"),
    "report.train_seed": N_("Training seed"),
    "report.head_loss": N_("Loss of {head}"),
    "report.weighted_loss": N_("{loss} × {weight}"),
    "report.network_header": N_("Network"),
    "report.col_node": N_("Node"),
    "report.col_type": N_("Type"),
    "report.col_units": N_("Units"),
    "report.col_activation": N_("Activation"),
    "report.col_inputs": N_("Inputs"),
    "report.col_params": N_("Parameters"),
    "report.total_params": N_("Total parameters"),
    "report.head_type": N_("output: {task} → {target}"),
    "report.dropout": N_("dropout {rate}"),
    "report.batch_norm": N_("batch norm"),
    "report.shared": N_("(one shared layer)"),
    "report.columns": N_("{count} columns: {names}"),
    "report.metrics_header": N_("Test metrics"),
    "report.test_rows": N_("On {n} test rows the network never saw."),
    "report.total_loss": N_("Total test loss"),
    "report.head": N_("Head {head} · {task}, predicts {target}"),
    "report.no_heads": N_("This run left no test predictions: no test metrics or evaluation "
    "charts."),
    "report.predictions_dropped": N_("The test predictions of this run were too large to keep, "
    "so this report has no per-head test metrics or evaluation charts."),
    "report.curves_header": N_("Training curves"),
    "report.curves_caption": N_("Solid: training rows; dashed: validation rows, held out "
    "from training. Hover for values, drag to zoom, double-click to reset."),
    "report.no_history": N_("No epoch finished, so there are no curves."),
    "report.eval_header": N_("Evaluation on the test set"),
    "report.roc_title": N_("ROC curve · {head}"),
    "report.confusion_title": N_("Confusion matrix · {head}"),
    "report.confusion_title_threshold": N_("Confusion matrix · {head} (threshold {threshold})"),
    "report.predicted_title": N_("Predicted vs true · {target}"),
    "report.report_header": N_("Classification report"),
    "report.col_class": N_("Class"),
    "report.col_precision": N_("Precision"),
    "report.col_recall": N_("Recall"),
    "report.col_f1": N_("F1 score"),
    "report.col_support": N_("Support"),
    "report.chart_failed": N_("This part could not be drawn: {message}"),
    "report.code_header": N_("Keras code"),
    "report.code_caption": N_("The exact script of this run (Keras functional API): same data, "
    "split, layer names, initial weights and training settings. Save it as a .py file and "
    "run it."),
    "report.code_failed": N_("The code could not be generated: {message}"),
    "report.json_summary": N_("Setup file (JSON)"),
    "report.json_caption": N_("Load it on the Architecture page, or run "
    "python -m funcnet train --spec with it, to train this setup again."),
    "report.footer": N_("Made with funcnet, a dashboard for the Keras functional API."),
    "report.generated": N_("The date in the title is when the run finished; this report was "
    "made on {date}."),
    # ------------------------------------------------------------------ language control
    "lang.label": N_("Idioma · Language"),
    "lang.en": N_("EN"),
    "lang.pt": N_("PT"),
    "lang.help": N_("English / Português"),
}
"""English texts by id (the registries' entries are added below)."""




def _registry_texts() -> dict[str, str]:
    """Returns the ids of the registries' user-facing texts -> their English msgids."""
    texts: dict[str, str] = {}
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
    for code, template in MESSAGES.items():
        texts[f"error.{code}"] = template
    return texts


TEXTS.update(_registry_texts())


def language() -> str:
    """Returns the session's interface language.

    Returns:
        A code of `LANGUAGES`; the one `i18n.using` fixes inside such a
        block; `DEFAULT_LANGUAGE` outside a Streamlit script run.
    """
    return i18n.current()


def _session_language() -> str | None:
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(state.LANG)


i18n.set_resolver(_session_language)

_T = TypeVar("_T")


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
        with i18n.using(lang):
            return func(value)

    return formatted


def t(key: str, **values: object) -> Markdown:
    """Returns the text `key` in the session's language, fields escaped for Markdown.

    Args:
        key: A text id, e.g. `"build.title"`.
        **values: Values for the text's `{name}` fields; strings are shown as
            text (escaped), `Markdown` values (other `t` results) as they are.

    Returns:
        The text. An unknown id comes back as the id itself, so a missing
        text shows up on the page instead of breaking it.
    """
    return fill_markdown(i18n.translate(TEXTS.get(key, key), values), **values)


def text(key: str, **values: object) -> str:
    """Returns the text `key` in the session's language, fields as they are.

    For sinks that are not Markdown and escape on their own (the HTML report,
    a file name) or show text literally (`st.code`, a dataframe cell).

    Args:
        key: A text id.
        **values: Values for the text's `{name}` fields.

    Returns:
        The plain text.
    """
    template = i18n.translate(TEXTS.get(key, key), values)
    return template.format(**values) if values else template


def t_plot(key: str, **values: object) -> str:
    """Returns the text `key` in the session's language, fields escaped for plotly labels.

    For a figure's title or a trace name the page builds (a field may be the
    user's: a head, class or run name).

    Args:
        key: A text id.
        **values: Values for the text's `{name}` fields.

    Returns:
        The label text.
    """
    return fill_plotly(i18n.translate(TEXTS.get(key, key), values), **values)


def catalogue(lang: str) -> dict[str, str]:
    """Returns every text id -> its template in `lang` (for tests and tools).

    Args:
        lang: A code of `LANGUAGES`.

    Returns:
        The templates, translated through the gettext catalogue.
    """
    with i18n.using(lang):
        return {key: i18n.translate(english) for key, english in TEXTS.items()}


def fmt_int(value: int) -> str:
    """Formats a whole number with the locale's group separator (`5,569` / `5.569`)."""
    return i18n.integer(value)


def fmt_metric(value: float | None, digits: int = 3) -> str:
    """Formats a metric for a card: `digits` decimals in the locale, `"—"` when undefined."""
    return i18n.decimal(value, digits)


def _message_text(code: str, fields: dict[str, object]) -> str:
    return render(code, fields, lambda key, values: i18n.translate(MESSAGES[key], values),
                  LocalNumber)


def describe_error(error: Exception) -> str:
    """Returns an error's message in the session's language.

    Args:
        error: Any exception; funcnet's `InputError`s are translated (their
            code and fields), others are shown as `str(error)`.

    Returns:
        The sentence to show (plain text: escape it for its sink).
    """
    if isinstance(error, InputError) and error.code in MESSAGES:
        try:
            return _message_text(error.code, error.fields)
        except (KeyError, IndexError, ValueError):  # a field missing: English still says it
            return str(error)
    return str(error)


def describe_result_message(result: object) -> str:
    """Returns why a training stopped or failed, in the session's language.

    Args:
        result: A `JobResult` or stored run (anything with `message`, and
            optionally `message_code` and `message_fields`).

    Returns:
        The translated message when the result carries a known code,
        otherwise its stored `message` (`""` if it has none).
    """
    code = getattr(result, "message_code", "")
    stored_text = getattr(result, "message", "") or ""
    if not code or code not in MESSAGES:
        return stored_text
    try:
        return _message_text(code, dict(getattr(result, "message_fields", {}) or {}))
    except (KeyError, IndexError, ValueError):
        return stored_text
