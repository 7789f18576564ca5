"""The Architecture page's node table: spec → rows → spec, and the messages it gives."""

import math
import subprocess
import sys

import pandas as pd
import pytest

from funcnet.model import graph_table
from funcnet.model.graph_table import (
    ALL_COLUMNS,
    COLUMNS,
    is_blank,
    node_in_message,
    rows_to_spec,
    spec_to_rows,
)
from funcnet.model.presets import PRESETS


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_round_trips_through_rows(name):
    model = PRESETS[name].job.model
    rows = spec_to_rows(model)
    assert [r["name"] for r in rows] == [n.name for n in model.nodes]
    assert all(set(r) == set(COLUMNS) for r in rows)
    assert rows_to_spec(rows) == model


@pytest.mark.parametrize("name", list(PRESETS))
def test_round_trip_survives_a_dataframe_with_missing_cells(name):
    # What st.data_editor hands back: NaN / <NA> in the cells that do not apply.
    model = PRESETS[name].job.model
    frame = pd.DataFrame(spec_to_rows(model), columns=list(COLUMNS))
    frame["units"] = frame["units"].astype("Int64")
    frame["dropout"] = frame["dropout"].astype("Float64")
    frame["loss_weight"] = frame["loss_weight"].astype("Float64")
    frame["batch_norm"] = frame["batch_norm"].astype("boolean")
    assert rows_to_spec(frame.to_dict("records")) == model


def test_all_columns_shorthand_follows_the_data_set():
    model = PRESETS["seed"].job.model
    features = model.inputs[0].columns
    rows = spec_to_rows(model, features)
    assert rows[0]["columns"] == ALL_COLUMNS
    assert rows_to_spec(rows, features) == model
    assert spec_to_rows(model)[0]["columns"] == ", ".join(features)


def test_irrelevant_cells_are_ignored():
    rows = spec_to_rows(PRESETS["seed"].job.model)
    rows[1].update(task="regression", loss="huber", columns="x0")  # a dense row
    rows[0].update(inputs="dense_1", units=3)  # an input row
    assert rows_to_spec(rows) == PRESETS["seed"].job.model


def test_empty_rows_are_skipped_and_new_rows_parse():
    rows = spec_to_rows(PRESETS["deep"].job.model)
    rows[-1]["inputs"] = "dense_6"
    rows.append(dict.fromkeys(COLUMNS))  # a row just added, nothing typed yet
    rows.append({"name": "dense_6", "type": "dense", "inputs": "dense_5", "units": 8.0,
                 "activation": "elu", "dropout": float("nan"), "batch_norm": None})
    model = rows_to_spec(rows)
    assert model.node("dense_6").units == 8 and model.node("dense_6").activation == "elu"
    assert model.node("output").inputs == ("dense_6",)


@pytest.mark.parametrize(("change", "node", "words"), [
    (("dense_1", "inputs", "dense_2"), "dense_1", "cycle"),
    (("dense_2", "inputs", "nowhere"), "dense_2", "nowhere"),
    (("dense_1", "units", 0), "dense_1", "units"),
    (("dense_2", "activation", "rellu"), "dense_2", "rellu"),
    (("output", "loss", "huber"), "output", "loss"),
])
def test_errors_name_the_node(change, node, words):
    rows = spec_to_rows(PRESETS["seed"].job.model)
    target, key, value = change
    next(r for r in rows if r["name"] == target)[key] = value
    with pytest.raises(ValueError, match=words) as caught:
        rows_to_spec(rows)
    assert node_in_message(str(caught.value)) == node


def test_rows_without_name_or_type_say_which_row():
    rows = spec_to_rows(PRESETS["seed"].job.model)
    rows.append({"type": "dense", "inputs": "dense_2", "units": 4})
    with pytest.raises(ValueError, match="Row 5: give the node a name"):
        rows_to_spec(rows)
    rows[-1] = {"name": "extra", "units": 4}
    with pytest.raises(ValueError, match="'extra': field 'type' is empty") as caught:
        rows_to_spec(rows)
    assert node_in_message(str(caught.value)) == "extra"


def test_mismatched_add_is_reported_on_the_add_node():
    rows = spec_to_rows(PRESETS["seed"].job.model)
    rows[-1]["inputs"] = "sum"
    rows.insert(3, {"name": "sum", "type": "add", "inputs": "input, dense_2"})
    with pytest.raises(ValueError, match="different widths") as caught:
        rows_to_spec(rows)
    assert node_in_message(str(caught.value)) == "sum"


def test_blank_cells():
    assert all(is_blank(v) for v in (None, "", "  ", math.nan, pd.NA, float("nan")))
    assert not any(is_blank(v) for v in (0, 0.0, False, "x", 3))
    assert node_in_message("Model: needs at least one input node") is None


def test_module_does_not_import_streamlit():
    code = ("import sys; import funcnet.model.graph_table; "
            "sys.exit(1 if 'streamlit' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
    assert graph_table.__doc__
