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

MESSAGES: dict[str, str] = {
    # ------------------------------------------------------------------ places
    "where.node": "Node {node!r}",
    "where.node_unnamed": "Node",
    "where.model": "Model",
    "where.training": "Training",
    "where.data": "Data",
    "where.setup": "Setup",
    "where.run_options": "Run options",
    "where.file": "The file {filename!r}",
    "where.file_unnamed": "The file",
    "where.setup_file": "The setup file",
    "where.link_setup": "This link's setup",
    # ------------------------------------------------------------------ spec
    "spec.int_range": "{where}: field '{field}' must be an integer in {low}..{high}, "
    "received {value!r}.",
    "spec.number_range": "{where}: field '{field}' must be a number in "
    "{left}{low:g}, {high:g}{right}, received {value!r}.",
    "spec.name": "{where}: field 'name' must be a Python-style identifier of at most "
    "{max_length} characters (letters, digits, underscores; starting with a letter), "
    "received {value!r}.",
    "spec.not_object": "{where}: expected a JSON object, received {type}.",
    "spec.unknown_keys": "{where}: unknown key(s) {unknown}; allowed keys are {allowed}.",
    "spec.name_list": "{where}: field '{field}' must be a list of names, received {value!r}.",
    "spec.one_of": "{where}: field '{field}' must be one of {options}, received {value!r}.",
    "spec.merge_needs_inputs": "{where}: field 'inputs' of a '{type}' node must name nodes, "
    "received [].",
    "spec.layer_needs_input": "{where}: field 'inputs' of a '{type}' node must name a node, "
    "received [].",
    "spec.input_has_inputs": "{where}: field 'inputs' must be empty for an input node, "
    "received {value!r}.",
    "spec.columns_count": "{where}: field 'columns' must list 1..{max_columns} feature "
    "columns, received {value!r}.",
    "spec.columns_repeat": "{where}: field 'columns' must not repeat a column, "
    "received {value!r}.",
    "spec.unknown_activation": "{where}: Could not interpret activation function "
    "identifier: {value!r}. Known activations: {known}.",
    "spec.batch_norm": "{where}: field 'batch_norm' must be true or false, received {value!r}.",
    "spec.output_one_input": "{where}: field 'inputs' of an output node must name exactly "
    "one node, received {value!r}.",
    "spec.target_missing": "{where}: field 'target' must name the target column, "
    "received {value!r}.",
    "spec.loss_for_task": "{where}: field 'loss' for a {task} head must be one of "
    "{options}, received {value!r}.",
    "spec.binary_units": "{where}: field 'units' of a binary head must be 1, received {value!r}.",
    "spec.multiclass_units": "{where}: field 'units' of a multiclass head must be the number "
    "of classes (>= 2), received {value!r}.",
    "spec.name_and_type": "{where}: every node needs a 'name' and a 'type'.",
    "spec.nodes_list_of_nodes": "{where}: 'nodes' must be a list of nodes, received {value!r}.",
    "spec.nodes_list": "{where}: 'nodes' must be a list, received {value!r}.",
    "spec.too_many_nodes": "{where}: at most {max_nodes} nodes are allowed, received {count}.",
    "spec.not_a_node": "{where}: every node must be a Node, received {value}.",
    "spec.duplicate_name": "{where}: field 'name' is used by two nodes.",
    "spec.unknown_input": "{where}: field 'inputs' names {source!r}, which is not a node of "
    "this model.",
    "spec.input_is_head": "{where}: field 'inputs' names {source!r}, an output head; heads "
    "cannot feed other nodes.",
    "spec.inputs_repeat": "{where}: field 'inputs' must not repeat a node, received {value!r}.",
    "spec.sub_layer_clash": "{where}: field 'name' is taken by a layer of node {owner!r} "
    "(its {suffix} layer); rename it.",
    "spec.no_input": "{where}: needs at least one input node, received none.",
    "spec.no_output": "{where}: needs at least one output node, received none.",
    "spec.duplicate_target": "{where}: two output heads predict the same target column "
    "{target!r}.",
    "spec.unused_node": "{where}: its output is not used by any node; connect it or remove it.",
    "spec.hidden_activation": "{where}: {value!r} is not an activation for hidden layers.",
    "spec.cycle": "{where}: field 'inputs' closes a cycle among {cycle}; a network must flow "
    "one way.",
    "spec.shared_widths": "{where}: field 'inputs' applies one shared layer to tensors of "
    "different widths {widths}; shared inputs must match.",
    "spec.head_branches": "{where}: field 'inputs' feeds the head {branches} branches of a "
    "shared layer; merge them first with 'add' or 'concatenate'.",
    "spec.add_two": "{where}: field 'inputs' of an 'add' node must bring at least two "
    "tensors, received {value!r}.",
    "spec.concatenate_two": "{where}: field 'inputs' of a 'concatenate' node must bring at "
    "least two tensors, received {value!r}.",
    "spec.add_widths": "{where}: field 'inputs' adds branches of different widths "
    "({detail_text}); 'add' needs equal widths — use 'concatenate' or change the units.",
    "spec.not_an_object": "{where}: field '{field}' must be an object, received {value!r}.",
    "spec.part_missing": "{where}: the '{part}' part is missing.",
    "spec.too_many_branches": "{where}: field 'inputs' makes this layer run on {branches} "
    "branches of shared layers; at most {max_branches} are allowed (each branch is computed "
    "separately). Share the layer over fewer nodes, or merge branches with 'add' or "
    "'concatenate' first.",
    # ------------------------------------------------------------------ work caps
    "limits.params": "This network has {params:,} parameters; this server trains at most "
    "{max_params:,} (the teacher can raise it with {variable}). Use fewer or narrower layers.",
    "limits.work": "This training needs about {work_billions:,.1f} billion multiply-adds "
    "({macs:,} per sample × {rows:,} rows × {epochs:,} epochs × {variants} network(s)); this "
    "server allows {max_billions:,.1f} billion (the teacher can raise it with {variable}). "
    "Lower the epochs, the number of samples or the layer sizes.",
    "admission.own_busy": "You already have a training running and one waiting ({running} "
    "running, {waiting} waiting, in this or another tab); wait for one to finish or press Stop.",
    "admission.queue_full": "The class queue is full ({waiting} trainings waiting); try again "
    "in a moment.",
    "limits.bad_setting": "The server setting {variable} must be a positive number, "
    "received {value!r}; ask the teacher to fix it.",
    # ------------------------------------------------------------------ table rows (UI)
    "table.row_name": "Row {row}: give the node a name.",
    "table.row_type": "{where}: field 'type' is empty; choose input, dense, add, concatenate "
    "or output.",
    # ------------------------------------------------------------------ data sets
    "data.classification_features": "Data set 'classification': {n_classes} classes need at "
    "least {needed} features (parameter 'n_features'), received {width}.",
    "data.not_feature": "{where}: column {column!r} is not a feature of data set "
    "{dataset!r} (its features: {features}).",
    "data.not_features": "{where}: columns {columns} are not features of data set "
    "{dataset!r} (its features: {features}).",
    "data.not_target": "{where}: target {target!r} is not a target of data set {dataset!r} "
    "(its targets: {targets}).",
    "data.task_mismatch": "{where}: task {task!r} does not fit target {target!r} of data set "
    "{dataset!r}, which is a {target_task} target ({detail}); set the head's task to "
    "{target_task!r}.",
    "data.detail_classes": "{n_classes} classes",
    "data.detail_numbers": "numbers",
    "data.param_text": "Data set {dataset!r}: parameter {param!r} must be a non-empty text, "
    "received {value!r}.",
    "data.param_number": "Data set {dataset!r}: parameter {param!r} must be a number, "
    "received {value!r}.",
    "data.param_whole": "Data set {dataset!r}: parameter {param!r} must be a whole number, "
    "received {value!r}.",
    "data.param_finite": "Data set {dataset!r}: parameter {param!r} must be a finite number, "
    "received {value!r}.",
    "data.param_range": "Data set {dataset!r}: parameter {param!r} must be in "
    "{low:g}..{high:g}, received {value!r}.",
    "data.unknown_params": "Data set {dataset!r}: unknown parameter(s) {unknown}; it takes "
    "{allowed}.",
    "data.unknown_params_none": "Data set {dataset!r}: unknown parameter(s) {unknown}; it "
    "takes none.",
    "data.csv_hash": "Data set 'csv': parameter 'sha256' must be the 64-hex-digit hash of an "
    "uploaded file, received {value!r}.",
    "data.csv_task": "Data set 'csv': parameter 'task' must be one of {options}, received "
    "{value!r}.",
    "data.multiclass_units": "{where}: a multiclass head needs one unit per class; target "
    "{target!r} has {n_classes} classes ({classes}), the head has {units} units.",
    # ------------------------------------------------------------------ CSV uploads
    "csv.utf16": "{where} is saved as UTF-16 text; save it as 'CSV UTF-8' and upload it again.",
    "csv.binary": "{where} is not a text file (it contains binary data — an Excel workbook or "
    "an image?); export it as CSV (comma-separated, UTF-8) and upload that.",
    "csv.not_utf8": "{where} is not UTF-8 text (byte 0x{byte} at position {position} is not "
    "valid UTF-8); the file must be UTF-8 — save it as 'CSV UTF-8' and upload it again.",
    "csv.control_characters": "{where} does not look like a text CSV file (it contains "
    "control characters); export it as CSV (comma-separated, UTF-8) and upload that.",
    "csv.empty": "{where} is empty.",
    "csv.too_big": "{where} is {size_mb:g} MB; the limit is {limit_mb:g} MB. Upload fewer "
    "rows or columns.",
    "csv.duplicate_column": "{where}: column name {column!r} appears {count} times in the "
    "header; every column needs its own name.",
    "csv.too_many_columns": "{where} has {count} columns; the limit is {limit}.",
    "csv.no_columns": "{where} has no columns.",
    "csv.row_width": "{where}: line {line} has {saw} values but the header has {expected} "
    "columns; every row needs one value per column.",
    "csv.unreadable": "{where} could not be read as CSV: {reason}",
    "share.upload_not_here": "This link names an uploaded CSV file that is not on this server "
    "(it was uploaded in another browser or on another server, or removed to keep uploads "
    "within the quota). Its network and training settings are kept, here on the notebook's "
    "random data; upload the file again to train on it.",
    "csv.open_quote": "{where} has a quotation mark (\") on line {line} that is never closed, "
    "so everything after it reads as one long text. Close or remove that quote and upload the "
    "file again.",
    "csv.other_delimiter": "{where} was read as a single column, but its header contains "
    "{delimiter_name} ({delimiter!r}): it seems to use another delimiter. Save it as "
    "comma-separated values (CSV) and upload it again.",
    "csv.delimiter.commas": "commas",
    "csv.delimiter.semicolons": "semicolons",
    "csv.delimiter.tabs": "tabs",
    "csv.delimiter.bars": "vertical bars",
    "csv.delimiter.spaces": "spaces",
    "csv.one_column": "{where} has only one column ({column!r}); a data set needs at least "
    "one feature column and a target column, separated by commas.",
    "csv.no_rows": "{where} has a header row but no data rows.",
    "csv.too_many_rows": "{where} has {rows:,} rows; the limit is {limit:,}. Upload a sample "
    "of the rows.",
    "csv.too_few_rows": "{where} has only {rows} data rows; at least {minimum} are needed to "
    "train and test a model.",
    "csv.no_numeric": "{where} has no numeric columns (columns: {columns}); a network needs "
    "numbers as features.",
    "csv.store_failed": "The server could not store the uploaded file ({reason}); try again.",
    "csv.gone": "Data set 'csv': the uploaded file is no longer on the server; upload it again. "
    "(It was uploaded to another server, or removed to keep uploads within this server's "
    "quota, oldest first.)",
    "csv.hash_mismatch": "Data set 'csv': the stored file does not match its hash any more; "
    "upload it again.",
    "csv.text_features": "Data set 'csv': {subject} not numeric{example}; funcnet needs "
    "numbers as features and does not drop columns on its own. Remove or encode them in the "
    "file, or pick one as the target (now {target!r}).{hint}",
    "csv.subject_one": "feature column {column!r} is",
    "csv.subject_many": "feature columns {columns} are",
    "csv.example_feature": " (e.g. {value!r} in data row {row} of {column!r})",
    "csv.decimal_comma": " Numbers must use a decimal point, not a decimal comma.",
    "csv.missing_features": "Data set 'csv': feature column {column!r} ({count} missing or "
    "infinite){more}; fill in or remove those rows.",
    "csv.more_columns": " and {more_count} more column(s)",
    "csv.target_missing": "Data set 'csv': target column {column!r} has {count} missing or "
    "infinite value(s); fill in or remove those rows.",
    "csv.target_one_value": "Data set 'csv': target column {column!r} has only one value "
    "({value!r}); a model needs at least two classes or values to learn. Pick another target.",
    "csv.target_not_numeric": "Data set 'csv': target column {column!r} is not "
    "numeric{example}; regression needs numbers — choose task 'binary' or 'multiclass'.",
    "csv.huge_values": "Data set 'csv': column {column!r} holds {value:g} (data row {row}); "
    "numbers beyond ±{limit:g} cannot be trained on: the network computes in 32-bit floats "
    "(at most about 3.4e38) and the loss squares values, so it would become infinite. Rescale "
    "the column (for example divide it by a power of ten).",
    "csv.example_target": " (e.g. {value!r} in data row {row})",
    "csv.binary_values": "Data set 'csv': task 'binary' needs a target with exactly 2 values; "
    "column {column!r} has {count}. Choose task 'multiclass' or 'regression'.",
    "csv.too_many_classes": "Data set 'csv': target column {column!r} has {count} distinct "
    "values, more than the {limit} classes funcnet handles; {suggestion}.",
    "csv.suggest_regression": "choose task 'regression' to predict it as a number",
    "csv.suggest_other_target": "pick another target",
    "csv.bad_target": "Data set 'csv': parameter 'target' must be a column of the file, "
    "received {target!r} (columns: {columns}).",
    # ------------------------------------------------------------------ activations
    "activation.unknown": "Could not interpret activation function identifier: {value!r}. "
    "Known activations: {known}.",
    # ------------------------------------------------------------------ share links and files
    "share.file_too_big": "The setup file is {size:,} bytes; the limit is {limit:,} bytes. "
    "A funcnet setup is much smaller — is this the right file?",
    "share.file_not_utf8": "The setup file is not UTF-8 text (byte {position} is not valid "
    "UTF-8); upload a JSON file saved by funcnet.",
    "share.file_empty": "The setup file is empty.",
    "share.bad_json": "{where} is not valid JSON: {problem} at line {line}, column {column}.",
    "share.too_deep": "{where} is nested too deeply to be a funcnet setup.",
    "share.not_finite": "{where} is not valid: the value {constant} is not allowed in a setup "
    "(numbers must be finite).",
    "share.number_too_long": "{where} is not valid: it holds a number too long to read.",
    "share.not_object": "{where} must be a JSON object with 'model', 'data' and 'train', "
    "received a JSON {json_type}.",
    "share.invalid_setup": "{where} holds an invalid setup: {cause}",
    "share.malformed_setup": "{where} holds a malformed setup ({problem}).",
    "share.param_not_text": "Share link: parameter {key!r} must be text, received {value!r}.",
    "share.version": "This link was made by another version of funcnet (link format "
    "{version!r}; this one reads format {expected!r}).",
    "share.incomplete": "This link is incomplete — it may have been cut off when copied. "
    "Copy the whole link again.",
    "share.no_setup": "This link carries no setup.",
    "share.unknown_preset": "This link names the preset {preset!r}, which does not exist; "
    "known presets: {known}.",
    "share.too_long": "This link's setup is {length:,} characters long; the limit is "
    "{limit:,}. It was not made by funcnet.",
    "share.bad_characters": "This link was changed after it was made: its {what} contains "
    "characters a funcnet link never has.",
    "share.bad_checksum": "This link was changed after it was made: its checksum {check!r} is "
    "not {length} hexadecimal digits.",
    "share.checksum_mismatch": "This link was changed after it was made: its {what} does not "
    "match its checksum.",
    "share.partial_bytes": "This link is damaged: its {what} is not a whole number of encoded "
    "bytes (characters were lost or added).",
    "share.undecodable": "This link is damaged: its {what} cannot be decoded.",
    "share.not_decompressible": "This link was changed or damaged after it was made: its "
    "{what} cannot be decompressed.",
    "share.expands": "This link's {what} expands to more than {limit:,} bytes; it was not made "
    "by funcnet.",
    "share.ends_early": "This link was changed or damaged after it was made: its {what} ends "
    "too early.",
    "share.extra_data": "This link was changed after it was made: its {what} has extra data.",
    "share.not_utf8": "This link is damaged: its {what} is not UTF-8 text.",
    "share.part.setup": "setup",
    "share.part.class_settings": "class settings",
    "json.type.array": "array",
    "json.type.string": "string",
    "json.type.number": "number",
    "json.type.boolean": "boolean",
    "json.type.null": "null",
    "json.type.value": "value",
    "json.problem.expecting_value": "Expecting value",
    "json.problem.expecting_name": "Expecting property name enclosed in double quotes",
    "json.problem.expecting_colon": "Expecting ':' delimiter",
    "json.problem.expecting_comma": "Expecting ',' delimiter",
    "json.problem.unterminated_string": "Unterminated string starting at",
    "json.problem.control_character": "Invalid control character at",
    "json.problem.bad_escape": "Invalid \\escape",
    "json.problem.bad_unicode_escape": "Invalid \\uXXXX escape",
    "json.problem.extra_data": "Extra data",
    "json.problem.trailing_comma_object": "Illegal trailing comma before end of object",
    "json.problem.trailing_comma_array": "Illegal trailing comma before end of array",
    # ------------------------------------------------------------------ training
    "train.no_fit_rows": "{where}: field 'validation_split' leaves no rows to train on "
    "({rows} training rows), received {value!r}.",
    "train.boundary_features": "{where}: field 'boundary_grid' needs a data set with two "
    "features, received {count}.",
    "train.out_of_memory": "Training ran out of memory: make the network smaller, the batch "
    "size smaller or the data set smaller, and try again.",
    "train.failed": "Training failed ({kind}: {detail}).",
    "train.failed_bare": "Training failed ({kind}).",
    "train.loss_nan": "NaN",
    "train.loss_infinite": "infinite",
    "train.nan_no_epoch": "The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); no epoch finished, so there is no model to "
    "evaluate. Lower the learning rate and try again.",
    "train.nan_kept": "The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); the {kept_part} kept.",
    "train.nan_restored": "The loss became {loss} at epoch {epoch} (learning rate "
    "{learning_rate:g} is probably too high); the {kept_part} kept and the model from epoch "
    "{kept} is evaluated.",
    "train.kept_one": "epoch before it is",
    "train.kept_many": "{kept} epochs before it are",
    "train.stopped_in_first_epoch": "Stopped during epoch 1 of {epochs}, before any epoch "
    "finished.",
    "train.stopped_at": "Stopped at epoch {epoch} of {epochs}.",
    "train.stopped_before_start": "Stopped before training started.",
    "train.stopped_sampled": "{stopped} Tested on the first {rows} of {total} test rows, so "
    "the results come at once.",
    # ------------------------------------------------------------------ jobs
    "jobs.worker_died": "The training worker stopped unexpectedly (exit code {exit_code}); "
    "the job was not finished. Try again.",
    "jobs.workers_broken": "Training is temporarily unavailable: the training workers could "
    "not start (exit code {exit_code}). The server tries again in {seconds} s; the job was "
    "not run.",
    "jobs.cancelled_queued": "Stopped before it started.",
    "jobs.pool_shut_down": "The training pool shut down; the job was not finished.",
    "jobs.worker_lost": "The training worker stopped unexpectedly; the job was not "
    "finished. Try again.",
    "jobs.cluster_unreachable": "The training cluster at {address} cannot be reached; the job "
    "was not run. Check that its scheduler runs, then try again.",
    "jobs.cluster_lost": "The connection to the training cluster was lost; the job was not "
    "finished. Try again when it is back.",
    "jobs.cluster_error": "The training cluster could not run the job; see the server log.",
    "jobs.versions_differ": "The training cluster has other package versions than this "
    "server: {packages}. Install the same requirements on every machine.",
    "jobs.stopped_ended": "{stopped} One batch of this network takes too long to wait for, "
    "so its worker was ended to stop at once: the epochs so far are kept, but there is no "
    "model to test.",
    # ------------------------------------------------------------------ untranslated
    "raw": "{text}",
}
"""English template of every message, by code; `{name}` fields as in `str.format`."""

PHRASE_FIELDS = frozenset({"where", "detail", "delimiter_name", "subject", "example", "hint",
                           "more", "suggestion", "loss", "kept_part", "what", "json_type"})
"""Fields whose value is itself a message code (or `""` for nothing)."""


def english(code: str) -> str:
    """Returns the English template of `code`."""
    return MESSAGES[code]


def render(
    code: str,
    fields: Mapping[str, Any],
    template: Callable[[str], str] = english,
    number: Callable[[int | float], Any] | None = None,
) -> str:
    """Fills the template of `code` with `fields`.

    Args:
        code: A key of `MESSAGES`.
        fields: The message's values; phrase fields (`PHRASE_FIELDS`) hold a
            code rendered with the same fields (`""` renders as nothing), and
            a `Message` value is rendered with its own code and fields.
        template: Returns the template of a code in the wanted language.
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
    return template(code).format(**values)


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
