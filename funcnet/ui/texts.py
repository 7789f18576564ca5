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
The pure core's messages (validation errors, why a training stopped) are
codes with fields (`funcnet.messages`); their `error.<code>` entries are
derived from `messages.MESSAGES` the same way, and `describe_error` /
`describe_result_message` show them in the session's language.
Chart texts built inside `funcnet.analysis.charts` are translated after the fact
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

from funcnet.data.catalog import DATASETS
from funcnet.messages import MESSAGES, InputError, render
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.presets import PRESETS
from funcnet.ui import state
from funcnet.ui.texts_pt import TEXTS_PT

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ app
    "app.title": "funcnet",
    "nav.home": "Home",
    "nav.build": "Build & Train",
    "nav.architecture": "Architecture",
    "nav.evaluate": "Evaluate",
    "nav.lessons": "Lessons",
    "nav.compare": "Compare runs",
    "nav.teacher": "For teachers",
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
    "home.class_start": "Open the class setup",
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
    "live.running_estimating": "Epoch {epoch} of {epochs} · {elapsed} so far · estimating the "
    "time left…",
    "live.unavailable": "Training is temporarily unavailable: the training workers could not "
    "start. The server tries again in {seconds} s.",
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
    # ------------------------------------------------------------------ lessons
    # (keys of lessons go here)
    "lessons.class_setup_unfit": "This class's setup is not a plain stack of dense "
    "layers on random labels, so the seven steps cannot walk through it. "
    "Your teacher fixed it: explore it on the other pages.",
    "lessons.title": "Lessons",
    "lessons.intro": "Two guided lessons from the teaching notebook, on the real dashboard: "
    "build its network step by step, then see why random labels cannot be learned.",
    "lessons.pick": "Lesson",
    "lessons.pick.steps": "1 · The notebook in seven steps",
    "lessons.pick.noise": "2 · Can a network learn noise?",
    "lessons.step_heading": "Step {step} of {total} · {title}",
    "lessons.back": "Back",
    "lessons.next": "Next",
    "lessons.step.input.title": "Define the input",
    "lessons.step.input.body": "Every network starts by saying what one example looks like. "
    "`Input(shape=(20,))` declares that each example is a vector of 20 numbers; how many "
    "examples come at once is left open, which is why Keras writes the shape as "
    "`(None, 20)`. An `Input` holds no weights: it is the placeholder the next layers are "
    "called on, and the functional API later builds the model by following those calls "
    "from here. Its width must match the data's columns — the random-label data set makes "
    "as many uniform random features as you choose below.",
    "lessons.step.hidden.title": "Add hidden layers",
    "lessons.step.hidden.body": "A hidden layer such as `Dense(64, activation=\"relu\")` "
    "computes 64 weighted sums of everything it receives, adds a bias to each and passes "
    "them through its activation function. In the functional API you *call* the layer on "
    "the tensor before it — `(inputs)`, then `(x)` — so the code spells out how the data "
    "flows. Without a non-linear activation a stack of layers collapses into a single "
    "linear map: ReLU, `max(0, x)`, is the usual default, tanh is centred on zero, and "
    "Leaky ReLU and ELU keep a slope below zero so units cannot die. More layers and units "
    "give the network more capacity — including more capacity to memorise.",
    "lessons.step.output.title": "The output layer",
    "lessons.step.output.body": "The output layer gives the final answer, so its size and "
    "activation follow the question. Here the target is yes or no (class 1 or 0): one unit "
    "is enough, and sigmoid squeezes its value into (0, 1), which reads as the probability "
    "of class 1. Binary cross-entropy, set at step 5, scores exactly such a probability: a "
    "confident wrong answer costs a lot, a hesitant one little. A threshold of 0.5 then "
    "turns the probability into a class. Pick another activation to see what goes wrong.",
    "lessons.step.model.title": "Create the model",
    "lessons.step.model.body": "`Model(inputs=inputs, outputs=outputs)` ties the graph "
    "together: Keras walks back from the output to the input and collects every layer on "
    "the way. That is the functional API's central idea — the same call accepts several "
    "inputs or outputs, shared layers and skip connections. `model.summary()` lists the "
    "layers and their parameters: a `Dense` layer with *n* inputs and *u* units owns "
    "*n* × *u* weights plus *u* biases. The table below is computed from your network "
    "before anything is trained.",
    "lessons.step.compile.title": "Compile",
    "lessons.step.compile.body": "`compile` decides how the model will learn. The *loss* "
    "measures how wrong a prediction is (binary cross-entropy for a yes/no target), the "
    "*optimizer* decides how the weights move to lower it, and the *metrics* are only "
    "reported, never optimised — accuracy here. Adam adapts the step of every weight and "
    "is a safe default; plain SGD takes the same step everywhere and usually wants a larger "
    "learning rate; RMSprop sits in between. The learning rate sets the size of the steps: "
    "too small and training crawls, too large and the loss jumps about or blows up.",
    "lessons.step.fit.title": "Train",
    "lessons.step.fit.body": "`fit` shows the training rows to the network over and over. "
    "An *epoch* is one pass over all of them; each pass is cut into *batches*, and after "
    "every batch the optimizer updates the weights once. `validation_split` holds back a "
    "share of the training rows that the network never trains on: their curve shows "
    "whether what it learns carries over to rows it has not seen. Press Train and watch "
    "both curves; the training goes on if you move to another step meanwhile.",
    "lessons.step.evaluate.title": "Evaluate",
    "lessons.step.evaluate.body": "`evaluate` measures the trained model on the test rows, "
    "which took no part in training: the only honest estimate of how it will do on new "
    "data. *Accuracy* is the share of test rows put in the right class at the 0.5 "
    "threshold. The *AUC* (area under the ROC curve) asks, across every threshold, how "
    "well the scores rank class-1 rows above class-0 rows: 1.0 is perfect, 0.5 is a coin. "
    "The confusion matrix counts right and wrong answers per class.",
    "lessons.replaced": "Lesson 1 follows the notebook, so it needs a plain stack with one "
    "yes/no output on the random-label data set. Your setup ({params} parameters on "
    "{data}) was not one, so the notebook's network was loaded, and Build & Train now "
    "shows it too. This note goes away when you change step.",
    "lessons.choice_error": "That choice cannot be used: {message} The previous setup is "
    "kept.",
    "lessons.restore": "Bring my setup back",
    "lessons.code_header": "The code so far",
    "lessons.code_marker": "step {step}",
    "lessons.code_caption": "Step {step} adds the {new} marked lines; {total} lines in all. "
    "The code follows your choices and runs as it is.",
    "lessons.code_caption_one": "Step {step} adds the marked line; {total} lines in all. "
    "The code follows your choices and runs as it is.",
    "lessons.features": "Input width (features)",
    "lessons.features_help": "How many uniform random feature columns the random-label data "
    "set makes; the notebook uses 20.",
    "lessons.layers": "Hidden layers",
    "lessons.layer_name": "Layer {index}",
    "lessons.units": "Units",
    "lessons.activation": "Activation",
    "lessons.units_of": "Units of layer {index}",
    "lessons.activation_of": "Activation of layer {index}",
    "lessons.to_activations": "Compare activation functions on the Activations page",
    "lessons.output_activation": "Output activation",
    "lessons.output_activation_help": "The activation of the one output unit; sigmoid for a "
    "yes/no target.",
    "lessons.output_sigmoid": "Sigmoid is the right choice here: its output lies strictly "
    "between 0 and 1, which is what binary cross-entropy expects — a probability of class 1.",
    "lessons.output_softmax": "Softmax makes the outputs of a layer sum to 1, so on a single "
    "unit it always outputs 1.0: every row gets the same score, the network cannot learn "
    "and the AUC is exactly 0.5. Softmax belongs on a layer with one unit per class.",
    "lessons.output_other": "{activation} outputs values in ${range}$, not a probability. "
    "Keras clips the prediction into (0, 1) before computing binary cross-entropy, and "
    "outputs beyond 0 or 1 then get no gradient: training stalls or swings. Train it at "
    "step 6 and compare with sigmoid.",
    "lessons.params_input": "no weights: it only fixes the shape",
    "lessons.params_formula": "{inputs} × {units} weights + {units} biases",
    "lessons.col_layer": "Layer",
    "lessons.col_shape": "Output shape",
    "lessons.col_params": "Parameters",
    "lessons.col_how": "How they are counted",
    "lessons.total_params": "Total parameters",
    "lessons.optimizer": "Optimizer",
    "lessons.learning_rate": "Learning rate",
    "lessons.learning_rate_help": "How big a step the optimizer takes; 0.001 is Adam's usual "
    "value.",
    "lessons.epochs": "Epochs",
    "lessons.batch_size": "Batch size",
    "lessons.validation_split": "Validation share",
    "lessons.validation_split_help": "Share of the training rows held back to check the "
    "network on rows it does not train on.",
    "lessons.fit_caption": "{rows} training rows: {fit_rows} to train on, the rest to "
    "validate. That makes {steps} weight updates per epoch, over {epochs} epochs.",
    "lessons.train": "Train",
    "lessons.still_training": "The training started at step 6 is still running; its test "
    "results appear here when it ends.",
    "lessons.no_run": "Nothing has been trained in this session yet: go back to step 6 and "
    "press Train.",
    "lessons.back_to_fit": "Back to step 6",
    "lessons.other_run": "These are the results of your last training ({data}, {params} "
    "parameters), not of the network above: train again at step 6 to see the current one.",
    "lessons.end_header": "What the numbers say",
    "lessons.end.not_binary": "Your last training was not a single yes/no classifier, so the "
    "lesson's reading of accuracy and AUC does not apply: train the lesson's network at "
    "step 6.",
    "lessons.end.scores": "On the {rows} test rows it never saw, your network's accuracy is "
    "{accuracy} and its AUC {auc}.",
    "lessons.end.random_chance": "Both are within the range a coin flip lands in on this "
    "many rows (0.5 ± {band} for the accuracy, ± {auc_band} for the AUC): the network is "
    "guessing. That is the honest outcome here, because the labels were drawn at random, "
    "independently of the features — there is no rule to find, and no network, however "
    "large or however long trained, can do better on new rows.",
    "lessons.end.random_lucky": "That is further from 0.5 than a coin flip usually lands on "
    "this many rows (± {band} for the accuracy, ± {auc_band} for the AUC). Yet the labels "
    "were drawn at random, independently of the features, so it is a lucky or unlucky draw "
    "of test rows, not learning: another data seed moves it back towards 0.5.",
    "lessons.end.memorised": "Meanwhile its accuracy on the training rows reached {train}, "
    "against {val} on the validation rows: that gap is memorisation — the network learned "
    "its training rows by heart, which says nothing about new ones.",
    "lessons.end.not_memorised": "Its accuracy on the training rows ended at {train} "
    "(validation: {val}), so it has not memorised much yet; with more epochs it would learn "
    "the training rows by heart and still do no better on new ones.",
    "lessons.end.no_validation": "Its accuracy on the training rows ended at {train}; "
    "without a validation share there is no curve showing how little of it carries over.",
    "lessons.end.next": "Lesson 2 trains this network on random labels and on data with "
    "real signal, side by side.",
    "lessons.end.signal_learned": "That is well above the 0.5 of a coin: the features of "
    "{data} carry information about the label, and the network found it.",
    "lessons.end.signal_weak": "That is not far above the 0.5 of a coin: on {data} the "
    "network found little it can use on new rows. Try more epochs or other choices.",
    "lessons.to_noise": "Next lesson: can a network learn noise?",
    "lessons.noise.header": "Can a network learn noise?",
    "lessons.noise.body": "The notebook's data set has *random labels*: each row's label is "
    "a coin flip, drawn independently of its features. A network can still fit the "
    "training rows — with enough weights it simply remembers which row had which label — "
    "but none of that carries over to new rows, whose coin flips it cannot know. The button "
    "below trains the notebook's network twice at once, with the same epochs and seed: on "
    "the random labels, and on a data set of the same shape whose labels do depend on the "
    "features. Watch the dashed validation curves: on noise it stays near 0.5 while the "
    "training curve climbs.",
    "lessons.noise.epochs": "Epochs (both runs)",
    "lessons.noise.epochs_help": "More epochs give the network time to memorise the random "
    "labels; the validation accuracy will not follow.",
    "lessons.noise.start": "Train both",
    "lessons.noise.caption": "Same network ({params} parameters), same epochs, batch size "
    "and seed: {noise} against {signal}, each with {train} training and {test} test rows "
    "of {features} features.",
    "lessons.noise.stop": "Stop both",
    "lessons.noise.run_noise": "On noise · {data}",
    "lessons.noise.run_signal": "On signal · {data}",
    "lessons.noise.curve_title": "Accuracy per epoch",
    "lessons.noise.test_accuracy": "Test accuracy",
    "lessons.noise.test_auc": "Test AUC",
    "lessons.noise.end_header": "Conclusion",
    "lessons.noise.end_coin": "On random labels the test AUC is {noise_auc} and the accuracy "
    "{noise_accuracy}: no better than a coin, which on {noise_rows} test rows lands within "
    "0.5 ± {noise_auc_band}.",
    "lessons.noise.end_lucky": "On random labels the test AUC is {noise_auc} and the "
    "accuracy {noise_accuracy}: a little further from 0.5 than a coin usually lands on "
    "{noise_rows} rows, but with labels drawn at random that is the luck of the test rows, "
    "not learning.",
    "lessons.noise.end_memorised": "Yet its training accuracy climbed to {noise_train} while "
    "the validation accuracy stayed at {noise_val}: it memorised the training rows.",
    "lessons.noise.end_not_memorised": "Its training accuracy only reached {noise_train} "
    "(validation: {noise_val}); with more epochs it would memorise the training rows — with "
    "no gain on new ones.",
    "lessons.noise.end_signal": "On {data} the same network reaches a test AUC of "
    "{signal_auc} and an accuracy of {signal_accuracy}: there the features carry the label, "
    "so what it learns on the training rows carries over to new ones.",
    "lessons.noise.end_signal_weak": "On {data} the test AUC is only {signal_auc}: in this "
    "few epochs the network has not found much of the signal yet; try more epochs.",
    "lessons.noise.end_moral": "Same network, same training: the whole difference lies in "
    "the data. A network can only learn what the data contains.",
    # ------------------------------------------------------------------ teacher links
    # (keys of teacher links go here)
    "class.group.data": "Data",
    "class.group.network": "Network",
    "class.group.training": "Training",
    "class.group.files": "Results, files and sharing",
    "class.control.dataset": "Data set choice and its parameters",
    "class.control.csv_upload": "CSV upload",
    "class.control.preset": "Preset picker",
    "class.control.layers": "Number of hidden layers",
    "class.control.units": "Units per layer",
    "class.control.activations": "Hidden activations",
    "class.control.dropout": "Dropout",
    "class.control.output_head": "Output head (target, activation, loss)",
    "class.control.node_table": "Node table (Architecture)",
    "class.control.activation_compare": "Compare activations on my network",
    "class.control.optimizer": "Optimizer",
    "class.control.learning_rate": "Learning rate",
    "class.control.epochs": "Epochs",
    "class.control.batch_size": "Batch size",
    "class.control.validation_split": "Validation split",
    "class.control.seeds": "Seeds (data and training)",
    "class.control.code_export": "Code export",
    "class.control.setup_files": "Setup files (download and upload)",
    "class.control.model_download": "Trained model download",
    "class.control.threshold": "Decision threshold (Evaluate)",
    "class.control.share_link": "Share link",
    "class.error.incomplete": "The class link is incomplete — it was probably cut off when "
    "copied.",
    "class.error.changed": "The class link was changed after the teacher made it.",
    "class.error.damaged": "The class link is damaged and cannot be read.",
    "class.error.too_long": "The class link is far longer than any teacher link.",
    "class.error.version": "The class link was made by another version of funcnet.",
    "class.error.invalid": "The class link holds settings funcnet does not accept.",
    "class.error.with_detail": "{reason} ({detail})",
    "class.bad_link": "{message} Its class settings are ignored: every page and control is "
    "shown. Ask your teacher for the link again.",
    "class.page_hidden": "Your teacher hid this page for the class.",
    "class.to_home": "Back to Home",
    "class.goal": "reach {metric} ≥ {minimum}",
    "class.goal_params": "reach {metric} ≥ {minimum} with at most {params} parameters",
    "class.attempt": "{metric} {score} with {params} parameters",
    "class.message": "**Message from your teacher:** {message}",
    "class.banner_goal": "**Class challenge:** {goal}. Train a network to try!",
    "class.banner_best": "**Class challenge:** {goal}. Your best so far: {attempt}{limit}.",
    "class.over_limit": " (over the parameter limit)",
    "class.banner_met": "**Class challenge met!** Goal: {goal}. Your best: {attempt}.",
    "class.regression": "This network predicts numbers (regression), so it has no "
    "{metric} and cannot meet the class challenge. Pick a classification data set.",
    "class.met": "Challenge met: {attempt}",
    "class.not_met": "Not yet: {attempt}. The goal is to {goal}.",
    "class.not_met_params": "Not this time: {attempt} — more than the {limit} parameters "
    "the challenge allows. Try a smaller network.",
    "teacher.title": "For teachers",
    "teacher.intro": "Make a **class link**: it opens funcnet with your current setup, "
    "without the pages and controls you choose to hide, and can set a challenge that the "
    "page checks and celebrates.",
    "teacher.honest": "A classroom aid, not access control: a student who deletes the "
    "class part of the address sees everything again.",
    "teacher.setup_header": "1 · The setup the class starts from",
    "teacher.setup_line": "**{data}**, a network of {params} parameters, {optimizer} at "
    "learning rate {rate}, {epochs} epochs of batch {batch}.",
    "teacher.setup_caption": "This is your current setup. Hidden controls keep exactly these "
    "values for the class.",
    "teacher.to_build": "Change it on Build & Train",
    "teacher.hide_header": "2 · What to hide",
    "teacher.pages": "Pages",
    "teacher.pages_help": "Home always stays, and this page is never shown in a class link.",
    "teacher.controls": "Controls",
    "teacher.hide_caption": "Loading a preset or a setup file replaces the whole setup, "
    "hidden settings included, and the Architecture node table can change every layer: "
    "hide those too to keep your values fixed.",
    "teacher.challenge_header": "3 · A challenge (optional)",
    "teacher.challenge_on": "Set a challenge",
    "teacher.challenge_off": "For example: reach AUC ≥ 0.90 with at most 2,000 parameters.",
    "teacher.metric": "Test metric",
    "teacher.minimum": "At least",
    "teacher.max_params": "At most parameters",
    "teacher.max_params_help": "0 means no limit. Your current network has {params} "
    "parameters.",
    "teacher.challenge_regression": "Your current setup is a regression: it has no accuracy "
    "or AUC, so students cannot meet this challenge with it. Pick a classification data set "
    "on Build & Train.",
    "teacher.class_header": "4 · The class",
    "teacher.board_on": "Share one run board with the class",
    "teacher.board_help": "Students' finished trainings then go to one board that the whole "
    "class sees on Compare runs, instead of each browser keeping its own.",
    "teacher.board": "Board name",
    "teacher.board_placeholder": "e.g. Class 3B",
    "teacher.board_empty": "Give the board a name to share it.",
    "teacher.board_named": "The class board is **{board}**: funcnet adds a random ending so "
    "that another class on this server that picks the same name gets its own board. To reuse "
    "the board of an earlier link, type its full name with its ending.",
    "teacher.message": "Message to the class",
    "teacher.message_placeholder": "e.g. Try to beat the notebook with fewer parameters!",
    "teacher.invalid": "This class link cannot be made: {message}",
    "teacher.link_header": "Your class link",
    "teacher.link_intro": "Copy this link for your students (the button at the top right of "
    "the box copies it):",
    "teacher.preview": "Open it as a student",
    "teacher.students_header": "What students will see",
    "teacher.sees_all": "Students see every page and control, starting from your setup.",
    "teacher.sees_hidden": "Students start from your setup and do not see: {hidden}.",
    "teacher.sees_challenge": "Every page shows the challenge — {goal} — and a training "
    "that meets it is celebrated.",
    "teacher.sees_no_challenge": "There is no challenge: they explore freely.",
    "teacher.sees_board": "Their finished runs go to the shared board “{board}”.",
    "teacher.sees_message": "Your message shows at the top of every page.",
    # ------------------------------------------------------------------ runs and compare
    # (keys of runs and compare go here)
    "compare.title": "Compare runs",
    "compare.intro": "Every training you finish in this browser is kept here with its setup, "
    "curves and test results — after a page reload or a server restart too. Choose runs "
    "below to lay their curves over each other.",
    "compare.class_board": "Class board **{name}**: the runs of everyone who opened the "
    "teacher's link are shown here. Authors appear as anonymous tags; your own runs say "
    "*you*.",
    "compare.store_error": "The saved runs cannot be read right now. Training still works, "
    "but finished runs may not be kept. If this lasts, tell whoever runs this funcnet.",
    "compare.record_error": "The last training could not be kept for comparison: the saved "
    "runs cannot be written right now.",
    "compare.skipped": "{n} saved run(s) could not be read back and are not shown.",
    "compare.empty": "No runs yet. Every training you finish is kept here, so you can put "
    "two of them side by side: train one on Build & Train, change a setting, train again "
    "and come back.",
    "compare.to_build": "Go to Build & Train",
    "compare.table_header": "All runs ({n})",
    "compare.table_caption_diff": "Highlighted: the settings that differ between the runs "
    "({columns}). Click a column header to sort.",
    "compare.table_caption_same": "Every run has the same settings. Click a column header "
    "to sort.",
    "compare.table_caption_one": "Train again with another setting to have something to "
    "compare. Click a column header to sort.",
    "compare.csv": "Download all runs (CSV)",
    "compare.csv_help": "One row per run: settings, test metrics and the full setup as JSON.",
    "compare.compare_header": "Side by side",
    "compare.chosen": "Runs to compare",
    "compare.chosen_help": "The newest two are chosen when the page opens; add or remove "
    "runs here, up to {n} at a time. The first one is the reference for the differences.",
    "compare.choose_some": "Choose at least one run to see its curves.",
    "compare.run_label": "Run {number}",
    "compare.run_option": "{run} · {when} · {data} · {network}",
    "compare.loss_title": "Loss of the chosen runs",
    "compare.roc_title": "ROC curves of the chosen runs",
    "compare.curves_caption": "Solid: training; dashed: validation. Each run keeps its "
    "colour in both charts.",
    "compare.no_history": "Not drawn, no finished epoch: {runs}.",
    "compare.no_roc": "No ROC curve: none of the chosen runs has a classifier as its first "
    "head with test predictions.",
    "compare.roc_skipped": "No ROC curve for {runs} (not a classifier, or no test "
    "predictions).",
    "compare.predictions_dropped": "The test predictions of {runs} were too large to keep: "
    "no ROC curve or evaluation charts for them; their numbers in the tables are kept.",
    "compare.roc_macro": "With several classes a run's curve is the macro average of its "
    "one-vs-rest curves; its AUC is the mean of the per-class AUCs, as in the table.",
    "compare.metrics_header": "Test metrics of the chosen runs",
    "compare.metrics_caption": "In brackets: the difference to {run}, the first chosen run. "
    "Lower is better for {lower}; higher for the others.",
    "compare.actions_header": "The chosen runs",
    "compare.run_line": "**{run}** · {when} · {data} · {network} · {status}, {epochs} of "
    "{total} epochs",
    "compare.load": "Open in Build & Train",
    "compare.load_help": "Replaces the current setup with this run's setup.",
    "compare.load_failed": "This run's setup cannot be opened here: {message}",
    "compare.delete": "Delete chosen runs",
    "compare.delete_confirm": "Delete {n} run(s): {runs}? This cannot be undone.",
    "compare.delete_others": "Runs of other people on the class board are not deleted.",
    "compare.delete_button": "Delete",
    "compare.delete_none": "None of the chosen runs is yours to delete.",
    "compare.you": "you",
    "compare.col.run": "Run",
    "compare.col.created_at": "Finished",
    "compare.col.author": "Author",
    "compare.col.data": "Data set",
    "compare.col.network": "Hidden layers",
    "compare.col.params": "Parameters",
    "compare.col.optimizer": "Optimizer",
    "compare.col.learning_rate": "Learning rate",
    "compare.col.epochs": "Epochs",
    "compare.col.batch_size": "Batch",
    "compare.col.validation_split": "Validation share",
    "compare.col.seed": "Seed",
    "compare.col.status": "Status",
    "compare.col.epochs_run": "Epochs run",
    "compare.col.elapsed": "Time",
    "chart.training_curve": "Training curve",
    "chart.validation_curve": "Validation curve",
    # ------------------------------------------------------------------ report
    # (keys of report go here)
    "report.html_lang": "en",
    "report.download": "Download report (HTML)",
    "report.download_help": "One HTML file with the setup, the test metrics, the interactive "
    "curves and charts, and the Keras code. It opens in any browser, also offline.",
    "report.build_failed": "The report could not be built: {message}",
    "report.title": "funcnet run · {data} · {date}",
    "report.status_completed": "{epochs} epochs in {elapsed}.",
    "report.status_stopped": "Stopped at epoch {epoch} of {epochs}.",
    "report.status_failed": "Failed after {epoch} of {epochs} epochs.",
    "report.reason": "Reason: {message}",
    "report.summary": "{params} parameters · {heads} output head(s) · {epochs} epochs planned",
    "report.kicker": "Training report",
    "report.percent": "{value} %",
    "report.setup_header": "Setup",
    "report.data_header": "Data",
    "report.dataset": "Data set",
    "report.test_fraction": "Test share",
    "report.data_seed": "Data seed",
    "report.training_header": "Training",
    "report.optimizer": "Optimizer",
    "report.learning_rate": "Learning rate",
    "report.epochs": "Epochs",
    "report.batch_size": "Batch size",
    "report.validation_split": "Validation share",
    "report.train_seed": "Training seed",
    "report.head_loss": "Loss of {head}",
    "report.weighted_loss": "{loss} × {weight}",
    "report.network_header": "Network",
    "report.col_node": "Node",
    "report.col_type": "Type",
    "report.col_units": "Units",
    "report.col_activation": "Activation",
    "report.col_inputs": "Inputs",
    "report.col_params": "Parameters",
    "report.total_params": "Total parameters",
    "report.head_type": "output: {task} → {target}",
    "report.dropout": "dropout {rate}",
    "report.batch_norm": "batch norm",
    "report.shared": "(one shared layer)",
    "report.columns": "{count} columns: {names}",
    "report.metrics_header": "Test metrics",
    "report.test_rows": "On {n} test rows the network never saw.",
    "report.total_loss": "Total test loss",
    "report.head": "Head {head} · {task}, predicts {target}",
    "report.no_heads": "This run left no test predictions: no test metrics or evaluation charts.",
    "report.predictions_dropped": "The test predictions of this run were too large to keep, "
    "so this report has no per-head test metrics or evaluation charts.",
    "report.curves_header": "Training curves",
    "report.curves_caption": "Solid: training rows; dashed: validation rows, held out "
    "from training. Hover for values, drag to zoom, double-click to reset.",
    "report.no_history": "No epoch finished, so there are no curves.",
    "report.eval_header": "Evaluation on the test set",
    "report.roc_title": "ROC curve · {head}",
    "report.confusion_title": "Confusion matrix · {head}",
    "report.confusion_title_threshold": "Confusion matrix · {head} (threshold {threshold})",
    "report.predicted_title": "Predicted vs true · {target}",
    "report.report_header": "Classification report",
    "report.col_class": "Class",
    "report.col_precision": "Precision",
    "report.col_recall": "Recall",
    "report.col_f1": "F1 score",
    "report.col_support": "Support",
    "report.chart_failed": "This part could not be drawn: {message}",
    "report.code_header": "Keras code",
    "report.code_caption": "The exact script of this run (Keras functional API): same data, "
    "split, layer names, initial weights and training settings. Save it as a .py file and "
    "run it.",
    "report.code_failed": "The code could not be generated: {message}",
    "report.json_summary": "Setup file (JSON)",
    "report.json_caption": "Load it on the Architecture page, or run "
    "python -m funcnet train --spec with it, to train this setup again.",
    "report.footer": "Made with funcnet, a dashboard for the Keras functional API.",
    "report.generated": "The date in the title is when the run finished; this report was "
    "made on {date}.",
    # ------------------------------------------------------------------ language control
    "lang.label": "Idioma · Language",
    "lang.en": "EN",
    "lang.pt": "PT",
    "lang.help": "English / Português",
    # ------------------------------------------------------------------ chart texts
    # Texts `funcnet.analysis.charts` builds inside its figures; `chart_labels()` maps them.
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
    for code, template in MESSAGES.items():
        texts[f"error.{code}"] = template
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
        `funcnet.analysis.charts.relabel`; empty in English.
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


class _LocalNumber:
    """A number in a message that formats with the session language's separators."""

    def __init__(self, value: int | float, lang: str) -> None:
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        if self.lang != "pt":
            return text
        # Swap the separators: 50,000.5 -> 50.000,5.
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")

    def __repr__(self) -> str:
        # `{value!r}` fields show the value received, as the user or the file wrote it.
        return repr(self.value)


def _message_text(code: str, fields: dict[str, object]) -> str:
    lang = language()
    texts = CATALOGUES[lang]

    def template(key: str) -> str:
        return texts.get(f"error.{key}") or MESSAGES[key]

    return render(code, fields, template, lambda value: _LocalNumber(value, lang))


def describe_error(error: Exception) -> str:
    """Returns an error's message in the session's language.

    Args:
        error: Any exception; funcnet's `InputError`s are translated (their
            code and fields), others are shown as `str(error)`.

    Returns:
        The sentence to show.
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
        result: A `JobResult` (or anything with `message`, and optionally
            `message_code` and `message_fields`).

    Returns:
        The translated message when the result carries a known code,
        otherwise its English `message` (`""` if it has none).
    """
    code = getattr(result, "message_code", "")
    english_text = getattr(result, "message", "") or ""
    if not code or code not in MESSAGES:
        return english_text
    try:
        return _message_text(code, dict(getattr(result, "message_fields", {}) or {}))
    except (KeyError, IndexError, ValueError):
        return english_text
