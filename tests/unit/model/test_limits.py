"""Declared limits, cheap graph validation and the work caps estimated from the spec alone."""

import dataclasses
import json
import resource
import time

import pytest

from funcnet.messages import InputError
from funcnet.model import cost, limits
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, TrainConfig

# ------------------------------------------------------------------ the table


@pytest.mark.parametrize("name", sorted(limits.CONSTRAINTS))
def test_widget_bounds_lie_inside_every_interval(name):
    constraint = limits.CONSTRAINTS[name]
    if isinstance(constraint, limits.Options):
        assert constraint.options and all(o in constraint for o in constraint.options)
        assert "unknown" not in constraint and ["adam"] not in constraint
        return
    assert constraint.widget_min in constraint
    assert constraint.widget_max in constraint
    assert constraint.widget_min <= constraint.widget_max


def test_open_ends_are_refused_and_closed_ends_accepted():
    assert 0.0 not in limits.LEARNING_RATE and 10.0 in limits.LEARNING_RATE
    assert 0.0 in limits.VALIDATION_SPLIT and 0.9 not in limits.VALIDATION_SPLIT
    assert 0.0 not in limits.TEST_FRACTION and 0.9 not in limits.TEST_FRACTION
    assert 1.0 not in limits.DROPOUT and 0.0 in limits.DROPOUT


# Hostile values of one class each: wrong type, non-finite, out of range, not whole, huge.
HOSTILE = [True, "1", None, [1], {"a": 1}, float("nan"), float("inf"), -float("inf"), -1,
           1e308, -1e308, 10**10000, -(10**10000), 10**20, 0.5 + 10**-12]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(limits.shown(v))[:20])
@pytest.mark.parametrize("field", ["learning_rate", "epochs", "batch_size", "validation_split",
                                   "seed"])
def test_training_fields_refuse_hostile_values_with_a_code(field, value):
    if field in ("learning_rate", "validation_split") and value == 0.5 + 10**-12:
        return  # a fraction is fine for these two
    with pytest.raises(InputError) as caught:
        TrainConfig(**{field: value})
    assert caught.value.code in ("spec.int_range", "spec.number_range")
    assert len(str(caught.value)) < 300  # a 10,000-digit number is described, not printed


def test_validation_reads_the_table():
    # The spec accepts exactly what the table declares (Build & Train used to stop at 0.5).
    assert TrainConfig(validation_split=limits.VALIDATION_SPLIT.widget_max).validation_split \
        == pytest.approx(0.89)
    assert TrainConfig(learning_rate=limits.LEARNING_RATE.widget_max).learning_rate == 10.0


# ------------------------------------------------------------------ branches


def _fibonacci_nodes(chain: int) -> list[dict]:
    """A chain where each dense node is shared over the two nodes before it."""
    nodes = [{"name": "x", "type": "input", "columns": ["x0", "x1"]},
             {"name": "d0", "type": "dense", "inputs": ["x"], "units": 2, "activation": "relu"},
             {"name": "d1", "type": "dense", "inputs": ["d0"], "units": 2, "activation": "relu"}]
    for i in range(2, chain):
        nodes.append({"name": f"d{i}", "type": "dense", "inputs": [f"d{i - 1}", f"d{i - 2}"],
                      "units": 2, "activation": "relu"})
    nodes.append({"name": "m", "type": "add", "inputs": [f"d{chain - 1}"]})
    nodes.append({"name": "out", "type": "output", "inputs": ["m"], "units": 1,
                  "activation": "sigmoid", "task": "binary", "target": "target",
                  "loss": "binary_crossentropy"})
    return nodes


@pytest.mark.parametrize("chain", [12, 30, 61])
def test_a_fibonacci_chain_is_refused_at_once_without_listing_branches(chain):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        ModelSpec.from_dict({"nodes": _fibonacci_nodes(chain)})
    assert time.perf_counter() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB
    assert caught.value.code == "spec.too_many_branches"
    assert caught.value.fields["max_branches"] == limits.BRANCHES.high
    assert "d10" in str(caught.value)  # the first node past the cap (89 branches)


def test_branches_up_to_the_cap_are_accepted_and_counted():
    model = ModelSpec.from_dict({"nodes": _fibonacci_nodes(10)})  # d9 runs on 55 branches
    assert model.shape_of("d9").branches == 55
    assert model.shape_of("m").branches == 1


def test_a_concatenate_over_many_branches_has_their_total_width():
    model = ModelSpec.from_dict({"nodes": [
        {**n, "type": "concatenate"} if n["name"] == "m" else n for n in _fibonacci_nodes(6)]})
    assert model.shape_of("m").width == 2 * 8


# ------------------------------------------------------------------ work caps


def _wide_job(layers=62, units=1024, rows=200_000, features=200, epochs=500) -> Job:
    model = stack(columns("x", features), [HiddenLayer(units)] * layers,
                  head("output", "input", "binary"))
    data = DataSpec("seed-random", (("n_samples", rows), ("n_features", features)))
    return Job(model, data, TrainConfig(epochs=epochs))


def test_the_notebook_times_a_thousand_fits_easily():
    notebook = cost.estimate(PRESETS["seed"].job)
    assert notebook.params == 5569
    assert notebook.macs_per_sample == 20 * 64 + 64 * 64 + 64 * 1
    assert notebook.rows == 1000 and notebook.epochs == 10
    assert notebook.work * 1000 * 10 < cost.DEFAULT_MAX_WORK  # ten times over, still fits
    cost.check_work(PRESETS["seed"].job, caps=cost.WorkCaps())


def test_62_wide_layers_on_200k_rows_for_500_epochs_do_not_fit():
    job = _wide_job()
    with pytest.raises(InputError) as caught:
        cost.check_work(job, caps=cost.WorkCaps())
    assert caught.value.code == "limits.params"
    assert caught.value.fields["params"] == job.model.total_params() > 60_000_000
    assert "FUNCNET_MAX_PARAMS" in str(caught.value) and "5,000,000" in str(caught.value)
    with pytest.raises(InputError) as caught:  # the work cap refuses it on its own too
        cost.check_work(job, caps=cost.WorkCaps(max_params=10**9))
    assert caught.value.code == "limits.work"
    assert "FUNCNET_MAX_WORK" in str(caught.value) and "epochs" in str(caught.value)


def test_work_counts_every_branch_of_a_shared_layer():
    siamese = PRESETS["siamese"].job
    shared = [n for n in siamese.model.nodes if n.type == "dense" and len(n.inputs) > 1][0]
    estimate = cost.estimate(siamese)
    width = siamese.model.input_width(shared.name)
    assert estimate.macs_per_sample >= len(shared.inputs) * width * shared.units


def test_the_activation_comparison_counts_every_variant():
    job = PRESETS["seed"].job
    assert cost.estimate(job, variants=6).work == 6 * cost.estimate(job).work


def test_caps_come_from_the_environment():
    caps = cost.WorkCaps.from_env({"FUNCNET_MAX_PARAMS": "10_000", "FUNCNET_MAX_WORK": "3e12"})
    assert caps == cost.WorkCaps(max_params=10_000, max_work=3_000_000_000_000)
    with pytest.raises(InputError, match="FUNCNET_MAX_PARAMS"):
        cost.check_work(PRESETS["deep"].job, caps=cost.WorkCaps(max_params=100))
    assert cost.WorkCaps.from_env({}) == cost.WorkCaps()


@pytest.mark.parametrize("value", ["lots", "-5", "0", "nan", "inf", "1" * 40, "1e999"])
def test_a_bad_cap_setting_is_named(value):
    with pytest.raises(InputError) as caught:
        cost.WorkCaps.from_env({"FUNCNET_MAX_WORK": value})
    assert caught.value.code == "limits.bad_setting"
    assert "FUNCNET_MAX_WORK" in str(caught.value)


def test_an_uploaded_csv_is_costed_at_the_most_rows_an_upload_may_have():
    from funcnet.data.catalog import MAX_CSV_ROWS
    data = DataSpec("csv", (("sha256", "a" * 64), ("target", "y")))
    job = dataclasses.replace(PRESETS["seed"].job, data=data)
    assert cost.dataset_rows(job) == MAX_CSV_ROWS
    assert json.dumps(job.to_dict())
