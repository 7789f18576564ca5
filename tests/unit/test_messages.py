"""The core's messages: codes with fields, English from one table, Portuguese in the UI."""

from __future__ import annotations

import json
import pickle
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from funcnet import i18n
from funcnet.data import upload
from funcnet.data.catalog import resolve_params
from funcnet.data.datasets import check_model_fits, load_dataset, store_upload
from funcnet.engine.arrays import split_rows
from funcnet.engine.outcome import nan_message
from funcnet.export import share
from funcnet.export.share import LinkError, job_from_json, job_from_query, job_to_query, open_packed
from funcnet.messages import (
    MESSAGES,
    PHRASE_FIELDS,
    InputError,
    message,
    render,
    template_fields,
)
from funcnet.model.activations import get_activation
from funcnet.model.graph_table import row_to_node
from funcnet.model.presets import PRESETS
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.pool import CANCELLED_QUEUED
from funcnet.train.results import JobResult, stop_message
from funcnet.ui.texts import (
    TEXTS,
    catalogue,  # noqa: E402
    describe_error,
    describe_result_message,
)

TEXTS_PT = catalogue("pt")


@contextmanager
def portuguese():
    with i18n.using("pt"):
        yield


def _raised(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value


def _seed_nodes() -> list[Node]:
    return [
        Node("input", "input", columns=tuple(f"x{i}" for i in range(20))),
        Node("dense", "dense", inputs=("input",), units=8, activation="relu"),
        Node("out", "output", inputs=("dense",), units=1, activation="sigmoid",
             task="binary", target="target", loss="binary_crossentropy"),
    ]


# ------------------------------------------------------------------ the tables


def test_every_code_has_a_portuguese_entry_with_the_same_fields():
    for code, english in MESSAGES.items():
        assert TEXTS[f"error.{code}"] == english  # English derives from the one table
        portuguese = TEXTS_PT[f"error.{code}"]
        assert template_fields(portuguese) == template_fields(english), code


def test_phrase_codes_exist():
    # Every phrase a raise site can name is a code of the table.
    phrases = {"where.node", "where.file", "csv.subject_one", "csv.example_feature",
               "csv.decimal_comma", "csv.more_columns", "data.detail_classes",
               "train.kept_many", "csv.delimiter.semicolons", "csv.suggest_regression"}
    assert phrases <= set(MESSAGES)
    assert "where" in PHRASE_FIELDS


def test_an_unknown_code_fails_where_the_message_is_made():
    with pytest.raises(KeyError):
        InputError("spec.no_such_code")
    with pytest.raises(KeyError):
        message("train.no_such_code")


def test_an_input_error_survives_pickling_with_its_code():
    error = InputError("spec.int_range", where="where.training", field="epochs", low=1,
                       high=500, value=0)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, InputError) and isinstance(copy, ValueError)
    assert (copy.code, copy.fields, str(copy)) == (error.code, error.fields, str(error))


# ------------------------------------------------------------------ raise sites: code + English


def test_spec_raise_sites_keep_their_english_and_carry_a_code():
    error = _raised(Node, "d", "dense", inputs=("i",), units=5000)
    assert error.code == "spec.int_range"
    assert str(error) == "Node 'd': field 'units' must be an integer in 1..1024, received 5000."
    error = _raised(TrainConfig, learning_rate=0)
    assert error.code == "spec.number_range"
    assert str(error) == ("Training: field 'learning_rate' must be a number in (0, 10], "
                          "received 0.0.")
    error = _raised(Node, "d", "dense", inputs=("i",), units=4, activation="rellu")
    assert error.code == "spec.unknown_activation"
    assert str(error).startswith(
        "Node 'd': Could not interpret activation function identifier: 'rellu'. Known "
        "activations: relu,")
    nodes = _seed_nodes()
    nodes[1] = replace(nodes[1], inputs=("input", "out2"))
    nodes.append(Node("out2", "output", inputs=("dense",), units=1, activation="sigmoid",
                      task="binary", target="other", loss="binary_crossentropy"))
    error = _raised(ModelSpec, tuple(nodes))
    assert error.code == "spec.input_is_head"
    assert str(error) == ("Node 'dense': field 'inputs' names 'out2', an output head; heads "
                          "cannot feed other nodes.")
    error = _raised(Job.from_dict, {"model": {"nodes": []}, "data": {}})
    assert (error.code, str(error)) == ("spec.part_missing", "Setup: the 'train' part is missing.")
    error = _raised(Node.from_dict, {"name": "x", "type": "input", "colour": 1})
    assert error.code == "spec.unknown_keys"
    assert str(error).startswith("Node 'x': unknown key 'colour'; allowed keys are name, ")


def test_a_cycle_carries_its_code_and_nodes():
    nodes = [
        Node("input", "input", columns=("x0",)),
        Node("a", "dense", inputs=("input", "b"), units=2),
        Node("b", "dense", inputs=("a",), units=2),
        Node("out", "output", inputs=("b",), units=1, activation="sigmoid", task="binary",
             target="target", loss="binary_crossentropy"),
    ]
    error = _raised(ModelSpec, tuple(nodes))
    assert error.code == "spec.cycle" and error.fields["node"] == "a"
    assert str(error) == ("Node 'a': field 'inputs' closes a cycle among 'a', 'b', 'out'; a "
                          "network must flow one way.")


def test_data_raise_sites_keep_their_english_and_carry_a_code():
    moons = load_dataset(DataSpec("moons", params={"n_samples": 100}))
    nodes = _seed_nodes()
    nodes[0] = Node("input", "input", columns=("x0", "x7"))
    error = _raised(check_model_fits, ModelSpec(tuple(nodes)), moons)
    assert error.code == "data.not_feature"
    assert str(error) == ("Node 'input': column 'x7' is not a feature of data set 'moons' "
                          "(its features: 'x0', 'x1').")
    nodes[0] = Node("input", "input", columns=("x0", "x1"))
    nodes[2] = Node("out", "output", inputs=("dense",), units=3, activation="softmax",
                    task="multiclass", target="target", loss="sparse_categorical_crossentropy")
    error = _raised(check_model_fits, ModelSpec(tuple(nodes)), moons)
    assert error.code == "data.task_mismatch"
    assert str(error) == ("Node 'out': task 'multiclass' does not fit target 'target' of data "
                          "set 'moons', which is a binary target (2 classes); set the head's "
                          "task to 'binary'.")


def test_csv_raise_sites_keep_their_english_and_carry_a_code(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path))
    error = _raised(store_upload, b"", "empty.csv")
    assert (error.code, str(error)) == ("csv.empty", "The file 'empty.csv' is empty.")
    colons = "a:b:label\n" + "".join(f"{i}:{i % 3}:{i % 2}\n" for i in range(20))
    error = _raised(store_upload, colons.encode(), "colons.csv")
    assert error.code == "csv.one_column" and error.fields["column"] == "a:b:label"
    frame = pd.DataFrame({"a": range(20), "colour": ["red"] * 19 + ["1,5"],
                          "label": [i % 2 for i in range(20)]})
    error = _raised(upload._check_features, frame, ("a", "colour"), "label")
    assert error.code == "csv.text_features"
    assert str(error) == (
        "Data set 'csv': feature column 'colour' is not numeric (e.g. 'red' in data row 1 of "
        "'colour'); funcnet needs numbers as features and does not drop columns on its own. "
        "Remove or encode them in the file, or pick one as the target (now 'label').")
    frame = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [np.inf, 1.0, np.nan], "y": [0, 1, 0]})
    error = _raised(upload._check_features, frame, ("a", "b"), "y")
    assert error.code == "csv.missing_features"
    assert str(error) == ("Data set 'csv': feature column 'a' (1 missing or infinite) and 1 "
                          "more column; fill in or remove those rows.")


def test_table_rows_raise_translatable_errors():
    error = _raised(row_to_node, {"name": ""}, 3)
    assert (error.code, str(error)) == ("table.row_name", "Row 3: give the node a name.")


def test_training_messages_carry_codes():
    error = _raised(split_rows, 1, 0.8, 0)
    assert error.code == "train.no_fit_rows"
    assert str(error) == ("Training: field 'validation_split' leaves no rows to train on "
                          "(1 training rows), received 0.8.")
    stopped = stop_message(3, 10)
    assert (stopped.code, str(stopped)) == ("train.stopped_at", "Stopped at epoch 3 of 10.")
    assert CANCELLED_QUEUED == "Stopped before it started."


class _Callback:
    def __init__(self, bad_loss: float, bad_epoch: int, epochs_run: int) -> None:
        self.bad_loss, self.bad_epoch, self.epochs_run = bad_loss, bad_epoch, epochs_run


def test_a_nan_stop_carries_its_code_into_the_job_result():
    reason = nan_message(_Callback(float("nan"), 5, 4), TrainConfig(learning_rate=10),
                         restored=True)
    result = JobResult(status="stopped", **reason.result_fields())
    assert result.message_code == "train.nan_restored"
    assert result.message == ("The loss became NaN at epoch 5 (learning rate 10 is probably too "
                              "high); the 4 epochs before it are kept and the model from epoch 4 "
                              "is evaluated.")
    assert result.message_fields["kept"] == 4
    # Plain values: the result crosses the process boundary.
    assert pickle.loads(pickle.dumps(result)).message_fields == result.message_fields
    single = nan_message(_Callback(float("inf"), 2, 1), TrainConfig(learning_rate=10), False)
    assert str(single) == ("The loss became infinite at epoch 2 (learning rate 10 is probably "
                           "too high); the epoch before it is kept.")


def test_share_link_raise_sites_keep_their_english_and_carry_a_code():
    query = job_to_query(PRESETS["seed"].job)
    error = _raised(job_from_query, {**query, "c": "0" * 8})
    assert (error.code, str(error)) == ("share.checksum_mismatch", "This link was changed after "
                                        "it was made: its setup does not match its checksum.")
    assert isinstance(error, LinkError) and error.reason == "changed"
    error = _raised(job_from_query, {"v": "1", "s": query["s"]})
    assert (error.code, str(error)) == ("share.incomplete", share.INCOMPLETE_LINK)
    error = _raised(job_from_query, {"preset": "nope"})
    assert error.code == "share.unknown_preset"
    assert str(error).startswith("This link names the preset 'nope', which does not exist; "
                                 "known presets: seed, ")
    error = _raised(job_from_query, {"v": "2", "s": query["s"]})
    assert str(error) == ("This link was made by another version of funcnet (link format '2'; "
                          "this one reads format '1').")


def test_a_damaged_link_keeps_the_reason_and_the_code_of_what_broke():
    error = _raised(open_packed, "QUJD", "0" * 8, what="class settings", max_bytes=100)
    assert isinstance(error, LinkError) and error.reason == "damaged"
    assert error.code == "share.not_decompressible"
    assert str(error) == ("This link was changed or damaged after it was made: its class "
                          "settings cannot be decompressed.")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, LinkError)
    assert (copy.reason, copy.code, str(copy)) == (error.reason, error.code, str(error))


def test_setup_file_raise_sites_keep_their_english_and_carry_a_code():
    error = _raised(job_from_json, b"x" * (share.MAX_JSON_BYTES + 1))
    assert (error.code, str(error)) == (
        "share.file_too_big", "The setup file is 65,537 bytes; the limit is 65,536 bytes. A "
        "funcnet setup is much smaller — is this the right file?")
    error = _raised(job_from_json, '{"model": NaN}')
    assert (error.code, str(error)) == (
        "share.not_finite", "The setup file is not valid: the value NaN is not allowed in a "
        "setup (numbers must be finite).")
    error = _raised(job_from_json, "[1, 2]")
    assert (error.code, str(error)) == (
        "share.not_object", "The setup file must be a JSON object with 'model', 'data' and "
        "'train', received a JSON array.")
    error = _raised(job_from_json, '{"model": 1 "data": 2}')
    assert (error.code, str(error)) == (
        "share.bad_json", "The setup file is not valid JSON: Expecting ',' delimiter at line 1, "
        "column 13.")
    with portuguese():
        assert describe_error(error) == ("O arquivo de configuração não é um JSON válido: "
                                         "esperava o separador ',' na linha 1, coluna 13.")


def test_an_invalid_setup_nests_the_validation_error_in_any_language():
    data = PRESETS["seed"].job.to_dict()
    data["train"]["epochs"] = 10**9
    error = _raised(job_from_json, json.dumps(data))
    assert error.code == "share.invalid_setup"
    assert error.fields["cause"].code == "spec.int_range"
    assert str(error) == ("The setup file holds an invalid setup: Training: field 'epochs' must "
                          "be an integer in 1..500, received 1000000000.")
    with portuguese():
        assert describe_error(error) == (
            "O arquivo de configuração traz uma configuração inválida: Treino: o campo "
            "'epochs' deve ser um inteiro entre 1 e 500; recebido 1000000000.")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.fields["cause"] == error.fields["cause"]


def test_data_catalogue_raise_sites_keep_their_english_and_carry_a_code():
    error = _raised(resolve_params, "moons", {"noise": 9.0})
    assert (error.code, str(error)) == (
        "data.param_range", "Data set 'moons': parameter 'noise' must be in 0..3, received 9.0.")
    error = _raised(resolve_params, "iris", {"n_samples": 5})
    assert (error.code, str(error)) == (
        "data.unknown_params_none", "Data set 'iris': unknown parameter 'n_samples'; it "
        "takes none.")
    error = _raised(resolve_params, ["csv"], {})
    assert error.code == "spec.one_of"
    assert str(error).startswith("Data: field 'name' must be one of seed-random, ")
    assert _raised(DataSpec, "moons", params={"n_samples": 2.5}).code == "data.param_whole"
    with portuguese():
        assert describe_error(_raised(resolve_params, "moons", {"noise": 9.0})) == (
            "Conjunto de dados 'moons': o parâmetro 'noise' deve estar entre 0 e 3; "
            "recebido 9.0.")


def test_an_unknown_activation_carries_a_code():
    error = _raised(get_activation, "rellu")
    assert error.code == "activation.unknown"
    assert str(error).startswith("Could not interpret activation function identifier: "
                                 "'rellu'. Known activations: relu, ")
    with portuguese():
        assert describe_error(error).startswith("Função de ativação desconhecida: 'rellu'.")


# ------------------------------------------------------------------ the interface's language


def test_describe_error_speaks_the_session_language():
    error = _raised(Node, "d", "dense", inputs=("i",), units=5000)
    assert describe_error(error) == str(error)  # English outside a session
    with portuguese():
        assert describe_error(error) == ("Nó 'd': o campo 'units' deve ser um inteiro entre 1 e "
                                         "1.024; recebido 5000.")
        plain = ValueError("something else")
        assert describe_error(plain) == "something else"


def test_portuguese_numbers_use_portuguese_separators():
    too_many = InputError("csv.too_many_rows", where="where.file", filename="big.csv",
                          rows=50_001, limit=50_000)
    assert "50,001 rows; the limit is 50,000" in str(too_many)
    range_error = _raised(TrainConfig, validation_split=0.95)
    with portuguese():
        assert "50.001 linhas; o limite é 50.000" in describe_error(too_many)
        assert describe_error(too_many).startswith("O arquivo 'big.csv' tem")
        assert "[0; 0,9)" in describe_error(range_error)
        assert "recebido 0.95" in describe_error(range_error)  # the value as received


def test_a_changed_link_reads_in_portuguese_with_no_english_left():
    query = job_to_query(PRESETS["seed"].job)
    for params in ({**query, "c": "0" * 8}, {**query, "s": query["s"] + "!"},
                   {**query, "s": query["s"][:-7]}):
        error = _raised(job_from_query, params)
        with portuguese():
            text = describe_error(error)
        assert text.startswith("Este link foi alterado") or text.startswith("Este link está"), \
            text
        assert "This link" not in text and " its " not in text, text


def test_describe_result_message_translates_a_nan_stop():
    reason = nan_message(_Callback(float("nan"), 5, 1), TrainConfig(learning_rate=10), True)
    result = JobResult(status="stopped", **reason.result_fields())
    assert describe_result_message(result) == result.message
    with portuguese():
        assert describe_result_message(result) == (
            "A perda virou NaN na época 5 (a taxa de aprendizado 10 provavelmente é alta "
            "demais); a época anterior foi mantida e o modelo da época 1 é avaliado.")
        old = JobResult(status="failed", message="An old English message.")
        assert describe_result_message(old) == "An old English message."
        raw = JobResult(status="failed", **message("raw", text="Keras says no.").result_fields())
        assert describe_result_message(raw) == "Keras says no."


def test_plural_messages_take_their_form_from_the_count_in_each_language():
    error = _raised(resolve_params, "iris", {"n_samples": 5, "noise": 1})
    assert str(error) == ("Data set 'iris': unknown parameters 'n_samples', 'noise'; it takes "
                          "none.")
    assert error.fields["count"] == 2
    one = _raised(resolve_params, "iris", {"noise": 1})
    assert "unknown parameter 'noise'; it takes none" in str(one)

    def portuguese(error: InputError) -> str:
        with i18n.using("pt"):
            return render(error.code, error.fields,
                          lambda code, fields: i18n.translate(MESSAGES[code], fields))

    assert portuguese(error) == ("Conjunto de dados 'iris': parâmetros desconhecidos "
                                 "'n_samples', 'noise'; ele não aceita nenhum parâmetro.")
    assert "parâmetro desconhecido 'noise';" in portuguese(one)
