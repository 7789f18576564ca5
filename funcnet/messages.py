"""The pure core's messages: one English template per code, translatable by the UI.

Validation errors and the engine's "why training stopped" lines are raised
or returned as a *code* plus plain *fields* (`InputError`, `Message`). Their
English text comes from `MESSAGES`, the one English source; the interface
looks the same code up in the session's language (`funcnet.ui.texts`
derives its `error.<code>` entries from this table), so a Portuguese page
shows a Portuguese sentence. Nothing here imports Streamlit.

Two kinds of field hold a code instead of a value (`PHRASE_FIELDS`): `where`
names the place (`"where.node"` renders as `Node 'x'`) and the others name
a piece of sentence that differs by case (`"csv.example"` or `""` for
none). They are rendered with the same fields, in the same language.

A field may also hold a whole `Message` (say the validation error inside
"This link's setup holds an invalid setup: ..."): it is rendered with its
own code and fields, in the same language as the sentence around it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from funcnet import i18n
from funcnet.i18n import N_, NP_

MESSAGES: dict[str, str] = {
    # ------------------------------------------------------------------ places
    "where.node": N_("Node {node!r}"),
    "where.node_unnamed": N_("Node"),
    "where.model": N_("Model"),
    "where.training": N_("Training"),
    "where.data": N_("Data"),
    "where.setup": N_("Setup"),
    "where.run_options": N_("Run options"),
    "where.file": N_("The file {filename!r}"),
    "where.file_unnamed": N_("The file"),
    "where.setup_file": N_("The setup file"),
    "where.link_setup": N_("This link's setup"),
    # ------------------------------------------------------------------ spec
    "spec.int_range": N_("{where}: field '{field}' must be an integer in {low}..{high}, "
    "received {value!r}."),
    "spec.number_range": N_("{where}: field '{field}' must be a number in "
    "{left}{low:g}, {high:g}{right}, received {value!r}."),
    "spec.name": N_("{where}: field 'name' must be a Python-style identifier of at most "
    "{max_length} characters (letters, digits, underscores; starting with a letter), "
    "received {value!r}."),
    "spec.not_object": N_("{where}: expected a JSON object, received {type}."),
    "spec.unknown_keys": NP_("{where}: unknown key {unknown}; allowed keys are {allowed}.",
    "{where}: unknown keys {unknown}; allowed keys are {allowed}.", "count"),
    "spec.name_list": N_("{where}: field '{field}' must be a list of names, received {value!r}."),
    "spec.one_of": N_("{where}: field '{field}' must be one of {options}, received {value!r}."),
    "spec.merge_needs_inputs": N_("{where}: field 'inputs' of a '{type}' node must name nodes, "
    "received []."),
    "spec.layer_needs_input": N_("{where}: field 'inputs' of a '{type}' node must name a node, "
    "received []."),
    "spec.input_has_inputs": N_("{where}: field 'inputs' must be empty for an input node, "
    "received {value!r}."),
    "spec.columns_count": N_("{where}: field 'columns' must list 1..{max_columns} feature "
    "columns, received {value!r}."),
    "spec.columns_repeat": N_("{where}: field 'columns' must not repeat a column, "
    "received {value!r}."),
    "spec.unknown_activation": N_("{where}: Could not interpret activation function "
    "identifier: {value!r}. Known activations: {known}."),
    "spec.batch_norm": N_("{where}: field 'batch_norm' must be true or false, received {value!r}."),
    "spec.output_one_input": N_("{where}: field 'inputs' of an output node must name exactly "
    "one node, received {value!r}."),
    "spec.target_missing": N_("{where}: field 'target' must name the target column, "
    "received {value!r}."),
    "spec.loss_for_task": N_("{where}: field 'loss' for a {task} head must be one of "
    "{options}, received {value!r}."),
    "spec.binary_units": N_("{where}: field 'units' of a binary head must be 1, received "
    "{value!r}."),
    "spec.multiclass_units": N_("{where}: field 'units' of a multiclass head must be the number "
    "of classes (>= 2), received {value!r}."),
    "spec.name_and_type": N_("{where}: every node needs a 'name' and a 'type'."),
    "spec.nodes_list_of_nodes": N_("{where}: 'nodes' must be a list of nodes, received {value!r}."),
    "spec.nodes_list": N_("{where}: 'nodes' must be a list, received {value!r}."),
    "spec.too_many_nodes": N_("{where}: at most {max_nodes} nodes are allowed, received {count}."),
    "spec.not_a_node": N_("{where}: every node must be a Node, received {value}."),
    "spec.duplicate_name": N_("{where}: field 'name' is used by two nodes."),
    "spec.unknown_input": N_("{where}: field 'inputs' names {source!r}, which is not a node of "
    "this model."),
    "spec.input_is_head": N_("{where}: field 'inputs' names {source!r}, an output head; heads "
    "cannot feed other nodes."),
    "spec.inputs_repeat": N_("{where}: field 'inputs' must not repeat a node, received {value!r}."),
    "spec.sub_layer_clash": N_("{where}: field 'name' is taken by a layer of node {owner!r} "
    "(its {suffix} layer); rename it."),
    "spec.no_input": N_("{where}: needs at least one input node, received none."),
    "spec.no_output": N_("{where}: needs at least one output node, received none."),
    "spec.duplicate_target": N_("{where}: two output heads predict the same target column "
    "{target!r}."),
    "spec.unused_node": N_("{where}: its output is not used by any node; connect it or remove it."),
    "spec.hidden_activation": N_("{where}: {value!r} is not an activation for hidden layers."),
    "spec.cycle": N_("{where}: field 'inputs' closes a cycle among {cycle}; a network must flow "
    "one way."),
    "spec.shared_widths": N_("{where}: field 'inputs' applies one shared layer to tensors of "
    "different widths {widths}; shared inputs must match."),
    "spec.head_branches": N_("{where}: field 'inputs' feeds the head {branches} branches of a "
    "shared layer; merge them first with 'add' or 'concatenate'."),
    "spec.add_two": N_("{where}: field 'inputs' of an 'add' node must bring at least two "
    "tensors, received {value!r}."),
    "spec.concatenate_two": N_("{where}: field 'inputs' of a 'concatenate' node must bring at "
    "least two tensors, received {value!r}."),
    "spec.add_widths": N_("{where}: field 'inputs' adds branches of different widths "
    "({detail_text}); 'add' needs equal widths — use 'concatenate' or change the units."),
    "spec.not_an_object": N_("{where}: field '{field}' must be an object, received {value!r}."),
    "spec.part_missing": N_("{where}: the '{part}' part is missing."),
    "spec.too_many_branches": N_("{where}: field 'inputs' makes this layer run on {branches} "
    "branches of shared layers; at most {max_branches} are allowed (each branch is computed "
    "separately). Share the layer over fewer nodes, or merge branches with 'add' or "
    "'concatenate' first."),
    # ------------------------------------------------------------------ work caps
    "limits.params": N_("This network has {params:,} parameters; this server trains at most "
    "{max_params:,} (the teacher can raise it with {variable}). Use fewer or narrower layers."),
    "limits.work": NP_("This training needs about {work_billions:,.1f} billion multiply-adds "
    "({macs:,} per sample × {rows:,} rows × {epochs:,} epochs); this server allows "
    "{max_billions:,.1f} billion (the teacher can raise it with {variable}). Lower the epochs, "
    "the number of samples or the layer sizes.",
    "This training needs about {work_billions:,.1f} billion multiply-adds ({macs:,} per sample "
    "× {rows:,} rows × {epochs:,} epochs × {variants} networks); this server allows "
    "{max_billions:,.1f} billion (the teacher can raise it with {variable}). Lower the epochs, "
    "the number of samples or the layer sizes.", "variants"),
    "admission.own_busy": N_("You already have a training running and one waiting ({running} "
    "running, {waiting} waiting, in this or another tab); wait for one to finish or press Stop."),
    "admission.queue_full": N_("The class queue is full ({waiting} trainings waiting); try again "
    "in a moment."),
    "limits.bad_setting": N_("The server setting {variable} must be a positive number, "
    "received {value!r}; ask the teacher to fix it."),
    # ------------------------------------------------------------------ table rows (UI)
    "table.row_name": N_("Row {row}: give the node a name."),
    "table.row_type": N_("{where}: field 'type' is empty; choose input, dense, add, concatenate "
    "or output."),
    # ------------------------------------------------------------------ data sets
    "data.classification_features": N_("Data set 'classification': {n_classes} classes need at "
    "least {needed} features (parameter 'n_features'), received {width}."),
    "data.too_many_values": N_("Data set {dataset!r}: {rows:,} rows × {features:,} features is "
    "{values:,} values; the most a generated set may hold is {limit:,}. Lower the samples or "
    "the features."),
    "data.not_feature": N_("{where}: column {column!r} is not a feature of data set "
    "{dataset!r} (its features: {features})."),
    "data.not_features": N_("{where}: columns {columns} are not features of data set "
    "{dataset!r} (its features: {features})."),
    "data.not_target": N_("{where}: target {target!r} is not a target of data set {dataset!r} "
    "(its targets: {targets})."),
    "data.task_mismatch": N_("{where}: task {task!r} does not fit target {target!r} of data set "
    "{dataset!r}, which is a {target_task} target ({detail}); set the head's task to "
    "{target_task!r}."),
    "data.detail_classes": N_("{n_classes} classes"),
    "data.detail_numbers": N_("numbers"),
    "data.param_text": N_("Data set {dataset!r}: parameter {param!r} must be a non-empty text, "
    "received {value!r}."),
    "data.param_number": N_("Data set {dataset!r}: parameter {param!r} must be a number, "
    "received {value!r}."),
    "data.param_whole": N_("Data set {dataset!r}: parameter {param!r} must be a whole number, "
    "received {value!r}."),
    "data.param_finite": N_("Data set {dataset!r}: parameter {param!r} must be a finite number, "
    "received {value!r}."),
    "data.param_range": N_("Data set {dataset!r}: parameter {param!r} must be in "
    "{low:g}..{high:g}, received {value!r}."),
    "data.unknown_params": NP_("Data set {dataset!r}: unknown parameter {unknown}; it takes "
    "{allowed}.", "Data set {dataset!r}: unknown parameters {unknown}; it takes {allowed}.",
    "count"),
    "data.unknown_params_none": NP_("Data set {dataset!r}: unknown parameter {unknown}; it "
    "takes none.", "Data set {dataset!r}: unknown parameters {unknown}; it takes none.", "count"),
    "data.csv_hash": N_("Data set 'csv': parameter 'sha256' must be the 64-hex-digit hash of an "
    "uploaded file, received {value!r}."),
    "data.csv_task": N_("Data set 'csv': parameter 'task' must be one of {options}, received "
    "{value!r}."),
    "data.multiclass_units": N_("{where}: a multiclass head needs one unit per class; target "
    "{target!r} has {n_classes} classes ({classes}), the head has {units} units."),
    # ------------------------------------------------------------------ CSV uploads
    "csv.utf16": N_("{where} is saved as UTF-16 text; save it as 'CSV UTF-8' and upload it again."),
    "csv.binary": N_("{where} is not a text file (it contains binary data — an Excel workbook or "
    "an image?); export it as CSV (comma-separated, UTF-8) and upload that."),
    "csv.not_utf8": N_("{where} is not UTF-8 text (byte 0x{byte} at position {position} is not "
    "valid UTF-8); the file must be UTF-8 — save it as 'CSV UTF-8' and upload it again."),
    "csv.control_characters": N_("{where} does not look like a text CSV file (it contains "
    "control characters); export it as CSV (comma-separated, UTF-8) and upload that."),
    "csv.empty": N_("{where} is empty."),
    "csv.too_big": N_("{where} is {size_mb:g} MB; the limit is {limit_mb:g} MB. Upload fewer "
    "rows or columns."),
    "csv.duplicate_column": N_("{where}: column name {column!r} appears {count} times in the "
    "header; every column needs its own name."),
    "csv.too_many_columns": N_("{where} has {count} columns; the limit is {limit}."),
    "csv.no_columns": N_("{where} has no columns."),
    "csv.row_width": N_("{where}: line {line} has {saw} values but the header has {expected} "
    "columns; every row needs one value per column."),
    "csv.unreadable": N_("{where} could not be read as CSV: {reason}"),
    "share.upload_not_here": N_("This link names an uploaded CSV file that is not on this server "
    "(it was uploaded in another browser or on another server, or removed to keep uploads "
    "within the quota). Its network and training settings are kept, here on the notebook's "
    "random data; upload the file again to train on it."),
    "csv.open_quote": N_("{where} has a quotation mark (\") on line {line} that is never closed, "
    "so everything after it reads as one long text. Close or remove that quote and upload the "
    "file again."),
    "csv.other_delimiter": N_("{where} was read as a single column, but its header contains "
    "{delimiter_name} ({delimiter!r}): it seems to use another delimiter. Save it as "
    "comma-separated values (CSV) and upload it again."),
    "csv.delimiter.commas": N_("commas"),
    "csv.delimiter.semicolons": N_("semicolons"),
    "csv.delimiter.tabs": N_("tabs"),
    "csv.delimiter.bars": N_("vertical bars"),
    "csv.delimiter.spaces": N_("spaces"),
    "csv.one_column": N_("{where} has only one column ({column!r}); a data set needs at least "
    "one feature column and a target column, separated by commas."),
    "csv.no_rows": N_("{where} has a header row but no data rows."),
    "csv.too_many_rows": N_("{where} has {rows:,} rows; the limit is {limit:,}. Upload a sample "
    "of the rows."),
    "csv.too_few_rows": N_("{where} has only {rows} data rows; at least {minimum} are needed to "
    "train and test a model."),
    "csv.no_numeric": N_("{where} has no numeric columns (columns: {columns}); a network needs "
    "numbers as features."),
    "csv.store_failed": N_("The server could not store the uploaded file ({reason}); try "
    "again."),
    "csv.gone": N_("Data set 'csv': the uploaded file is no longer on the server; upload it again. "
    "(It was uploaded to another server, or removed to keep uploads within this server's "
    "quota, oldest first.)"),
    "csv.hash_mismatch": N_("Data set 'csv': the stored file does not match its hash any more; "
    "upload it again."),
    "csv.text_features": N_("Data set 'csv': {subject} not numeric{example}; funcnet needs "
    "numbers as features and does not drop columns on its own. Remove or encode them in the "
    "file, or pick one as the target (now {target!r}).{hint}"),
    "csv.subject_one": N_("feature column {column!r} is"),
    "csv.subject_many": N_("feature columns {columns} are"),
    "csv.example_feature": N_(" (e.g. {value!r} in data row {row} of {column!r})"),
    "csv.decimal_comma": N_(" Numbers must use a decimal point, not a decimal comma."),
    "csv.missing_features": N_("Data set 'csv': feature column {column!r} ({count} missing or "
    "infinite){more}; fill in or remove those rows."),
    "csv.more_columns": NP_(" and {more_count} more column", " and {more_count} more columns",
    "more_count"),
    "csv.target_missing": NP_("Data set 'csv': target column {column!r} has {count} missing or "
    "infinite value; fill in or remove that row.", "Data set 'csv': target column {column!r} "
    "has {count} missing or infinite values; fill in or remove those rows.", "count"),
    "csv.target_one_value": N_("Data set 'csv': target column {column!r} has only one value "
    "({value!r}); a model needs at least two classes or values to learn. Pick another target."),
    "csv.target_not_numeric": N_("Data set 'csv': target column {column!r} is not "
    "numeric{example}; regression needs numbers — choose task 'binary' or 'multiclass'."),
    "csv.huge_values": N_("Data set 'csv': column {column!r} holds {value:g} (data row {row}); "
    "numbers beyond ±{limit:g} cannot be trained on: the network computes in 32-bit floats "
    "(at most about 3.4e38) and the loss squares values, so it would become infinite. Rescale "
    "the column (for example divide it by a power of ten)."),
    "csv.example_target": N_(" (e.g. {value!r} in data row {row})"),
    "csv.binary_values": N_("Data set 'csv': task 'binary' needs a target with exactly 2 values; "
    "column {column!r} has {count}. Choose task 'multiclass' or 'regression'."),
    "csv.too_many_classes": N_("Data set 'csv': target column {column!r} has {count} distinct "
    "values, more than the {limit} classes funcnet handles; {suggestion}."),
    "csv.suggest_regression": N_("choose task 'regression' to predict it as a number"),
    "csv.suggest_other_target": N_("pick another target"),
    "csv.bad_target": N_("Data set 'csv': parameter 'target' must be a column of the file, "
    "received {target!r} (columns: {columns})."),
    # ------------------------------------------------------------------ activations
    "activation.unknown": N_("Could not interpret activation function identifier: {value!r}. "
    "Known activations: {known}."),
    # ------------------------------------------------------------------ share links and files
    "share.file_too_big": N_("The setup file is {size:,} bytes; the limit is {limit:,} bytes. "
    "A funcnet setup is much smaller — is this the right file?"),
    "share.file_not_utf8": N_("The setup file is not UTF-8 text (byte {position} is not valid "
    "UTF-8); upload a JSON file saved by funcnet."),
    "share.file_empty": N_("The setup file is empty."),
    "share.bad_json": N_("{where} is not valid JSON: {problem} at line {line}, column {column}."),
    "share.too_deep": N_("{where} is nested too deeply to be a funcnet setup."),
    "share.not_finite": N_("{where} is not valid: the value {constant} is not allowed in a setup "
    "(numbers must be finite)."),
    "share.number_too_long": N_("{where} is not valid: it holds a number too long to read."),
    "share.not_object": N_("{where} must be a JSON object with 'model', 'data' and 'train', "
    "received a JSON {json_type}."),
    "share.invalid_setup": N_("{where} holds an invalid setup: {cause}"),
    "share.malformed_setup": N_("{where} holds a malformed setup ({problem})."),
    "share.param_not_text": N_("Share link: parameter {key!r} must be text, received {value!r}."),
    "share.version": N_("This link was made by another version of funcnet (link format "
    "{version!r}; this one reads format {expected!r})."),
    "share.incomplete": N_("This link is incomplete — it may have been cut off when copied. "
    "Copy the whole link again."),
    "share.no_setup": N_("This link carries no setup."),
    "share.unknown_preset": N_("This link names the preset {preset!r}, which does not exist; "
    "known presets: {known}."),
    "share.too_long": N_("This link's setup is {length:,} characters long; the limit is "
    "{limit:,}. It was not made by funcnet."),
    "share.bad_characters": N_("This link was changed after it was made: its {what} contains "
    "characters a funcnet link never has."),
    "share.bad_checksum": N_("This link was changed after it was made: its checksum {check!r} is "
    "not {length} hexadecimal digits."),
    "share.checksum_mismatch": N_("This link was changed after it was made: its {what} does not "
    "match its checksum."),
    "share.partial_bytes": N_("This link is damaged: its {what} is not a whole number of encoded "
    "bytes (characters were lost or added)."),
    "share.undecodable": N_("This link is damaged: its {what} cannot be decoded."),
    "share.not_decompressible": N_("This link was changed or damaged after it was made: its "
    "{what} cannot be decompressed."),
    "share.expands": N_("This link's {what} expands to more than {limit:,} bytes; it was not made "
    "by funcnet."),
    "share.ends_early": N_("This link was changed or damaged after it was made: its {what} ends "
    "too early."),
    "share.extra_data": N_("This link was changed after it was made: its {what} has extra data."),
    "share.not_utf8": N_("This link is damaged: its {what} is not UTF-8 text."),
    "share.part.setup": N_("setup"),
    "share.part.class_settings": N_("class settings"),
    "json.type.array": N_("array"),
    "json.type.string": N_("string"),
    "json.type.number": N_("number"),
    "json.type.boolean": N_("boolean"),
    "json.type.null": N_("null"),
    "json.type.value": N_("value"),
    "json.problem.expecting_value": N_("Expecting value"),
    "json.problem.expecting_name": N_("Expecting property name enclosed in double quotes"),
    "json.problem.expecting_colon": N_("Expecting ':' delimiter"),
    "json.problem.expecting_comma": N_("Expecting ',' delimiter"),
    "json.problem.unterminated_string": N_("Unterminated string starting at"),
    "json.problem.control_character": N_("Invalid control character at"),
    "json.problem.bad_escape": N_("Invalid \\escape"),
    "json.problem.bad_unicode_escape": N_("Invalid \\uXXXX escape"),
    "json.problem.extra_data": N_("Extra data"),
    "json.problem.trailing_comma_object": N_("Illegal trailing comma before end of object"),
    "json.problem.trailing_comma_array": N_("Illegal trailing comma before end of array"),
    # ------------------------------------------------------------------ training
    "train.no_fit_rows": N_("{where}: field 'validation_split' leaves no rows to train on "
    "({rows} training rows), received {value!r}."),
    "train.boundary_features": N_("{where}: field 'boundary_grid' needs a data set with two "
    "features, received {count}."),
    "train.out_of_memory": N_("Training ran out of memory: make the network smaller, the batch "
    "size smaller or the data set smaller, and try again."),
    "train.failed": N_("Training failed ({kind}: {detail})."),
    "train.failed_bare": N_("Training failed ({kind})."),
    "train.loss_nan": N_("NaN"),
    "train.loss_infinite": N_("infinite"),
    "train.nan_no_epoch": N_("The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); no epoch finished, so there is no model to "
    "evaluate. Lower the learning rate and try again."),
    "train.nan_kept": N_("The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); the {kept_part} kept."),
    "train.nan_restored": N_("The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); the {kept_part} kept and the model from epoch "
    "{kept} is evaluated."),
    "train.kept_one": N_("epoch before it is"),
    "train.kept_many": N_("{kept} epochs before it are"),
    "train.stopped_in_first_epoch": N_("Stopped during epoch 1 of {epochs}, before any epoch "
    "finished."),
    "train.stopped_at": N_("Stopped at epoch {epoch} of {epochs}."),
    "train.stopped_before_start": N_("Stopped before training started."),
    "train.early_stopped": N_("Stopped early at epoch {epoch} of {epochs}: the {what} had not "
    "improved for {patience} epochs, so the weights of epoch {best}, where it was lowest, were "
    "restored."),
    "train.early_kept_best": N_("Ran all {epochs} epochs; early stopping kept the weights of "
    "epoch {best}, where the {what} was lowest."),
    "train.watch_val_loss": N_("validation loss"),
    "train.watch_loss": N_("training loss"),
    "train.stopped_sampled": N_("{stopped} Tested on the first {rows} of {total} test rows, so "
    "the results come at once."),
    # ------------------------------------------------------------------ jobs
    "jobs.worker_died": N_("The training worker stopped unexpectedly (exit code {exit_code}); "
    "the job was not finished. Try again."),
    "jobs.workers_broken": N_("Training is temporarily unavailable: the training workers could "
    "not start (exit code {exit_code}). The server tries again in {seconds} s; the job was "
    "not run."),
    "jobs.workers_unstartable": N_("Training is temporarily unavailable: the server could not "
    "start a training worker (it may be short of memory or processes). It tries again in "
    "{seconds} s; the job was not run."),
    "jobs.cancelled_queued": N_("Stopped before it started."),
    "jobs.pool_shut_down": N_("The training pool shut down; the job was not finished."),
    "jobs.worker_lost": N_("The training worker stopped unexpectedly; the job was not "
    "finished. Try again."),
    "jobs.cluster_unreachable": N_("The training cluster at {address} cannot be reached; the job "
    "was not run. Check that its scheduler runs, then try again."),
    "jobs.cluster_lost": N_("The connection to the training cluster was lost; the job was not "
    "finished. Try again when it is back."),
    "jobs.cluster_error": N_("The training cluster could not run the job; see the server log."),
    "jobs.versions_differ": N_("The training cluster has other package versions than this "
    "server: {packages}. Install the same requirements on every machine."),
    "jobs.stopped_ended": N_("{stopped} One batch of this network takes too long to wait for, "
    "so its worker was ended to stop at once: the epochs so far are kept, but there is no "
    "model to test."),
    "jobs.yielded": N_("{stopped} It had trained for over {minutes:g} minutes while a "
    "classmate waited for a free worker, so it made way for them (the server shares its "
    "workers; the teacher can change the time with {variable})."),
    # ------------------------------------------------------------------ untranslated
    "raw": N_("{text}"),
}
"""English template of every message, by code; `{name}` fields as in `str.format`."""

PHRASE_FIELDS = frozenset({"where", "detail", "delimiter_name", "subject", "example", "hint",
                           "more", "suggestion", "loss", "kept_part", "what", "json_type"})
"""Fields whose value is itself a message code (or `""` for nothing)."""


def english(code: str, fields: Mapping[str, Any] | None = None) -> str:
    """Returns the English template of `code` (for a plural text, the form `fields` ask for)."""
    return i18n.english(MESSAGES[code], fields)


def render(
    code: str,
    fields: Mapping[str, Any],
    template: Callable[[str, Mapping[str, Any]], str] = english,
    number: Callable[[int | float], Any] | None = None,
) -> str:
    """Fills the template of `code` with `fields`.

    Args:
        code: A key of `MESSAGES`.
        fields: The message's values; phrase fields (`PHRASE_FIELDS`) hold a
            code rendered with the same fields (`""` renders as nothing), and
            a `Message` value is rendered with its own code and fields.
        template: Returns the template of a code in the wanted language, given
            the fields (a plural text picks its form from its count field).
        number: Wraps number fields so they format per language; `None`
            leaves them as they are (English).

    Returns:
        The sentence.
    """
    values: dict[str, Any] = {}
    plain = {name: value for name, value in fields.items() if name not in PHRASE_FIELDS}
    for name, value in fields.items():
        if name in PHRASE_FIELDS:
            values[name] = render(value, plain, template, number) if value else ""
        elif isinstance(value, Message):
            values[name] = render(value.code, value.fields, template, number)
        elif number is not None and isinstance(value, int | float) \
                and not isinstance(value, bool):
            values[name] = number(value)
        else:
            values[name] = value
    return template(code, fields).format(**values)


def template_fields(text: str) -> set[str]:
    """Returns the `{name}` fields a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Message:
    """A sentence for the user as a code and plain fields (crosses processes).

    Args:
        code: A key of `MESSAGES`.
        fields: Its values (plain: str, int, float, lists of those, or a
            nested `Message`).
    """

    code: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.code, self.fields)

    def result_fields(self) -> dict[str, Any]:
        """Returns `message`, `message_code` and `message_fields` for a `JobResult`."""
        return {"message": str(self), "message_code": self.code,
                "message_fields": dict(self.fields)}


def message(code: str, **fields: Any) -> Message:
    """Returns the `Message` of `code` with `fields` (checks the code exists).

    Raises:
        KeyError: If `code` is not in `MESSAGES`.
    """
    MESSAGES[code]  # noqa: B018 - fail where the message is made, not where it is shown
    return Message(code, fields)


class InputError(ValueError):
    """A `ValueError` for bad input whose text can be shown in any language.

    `str(error)` is the English sentence of `MESSAGES[code]`; the interface
    translates `code` with the same `fields`.

    Args:
        code: A key of `MESSAGES`.
        **fields: The message's plain values.

    Raises:
        KeyError: If `code` is not in `MESSAGES`.
    """

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(render(code, fields))

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles `args` (the English text) and calls __init__(text): wrong.
        return (_rebuild, (self.code, self.fields))

    @property
    def message(self) -> Message:
        """The error as a `Message` (e.g. for a `JobResult`)."""
        return Message(self.code, self.fields)


def _rebuild(code: str, fields: dict[str, Any]) -> InputError:
    return InputError(code, **fields)
