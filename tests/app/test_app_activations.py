"""Activations: comparison table, function plots, and the comparison on my network."""

import pytest
from apphelpers import ACTIVATIONS, BUILD, array, charts, run_until, widget

from funcnet.model.activations import ACTIVATIONS as REGISTRY
from funcnet.ui import state as keys


@pytest.fixture
def page(app):
    app.switch_page(ACTIVATIONS).run()
    assert not app.exception
    return app


def table_text(at):
    return next(m.value for m in at.markdown if m.value.startswith("| Function"))


def test_table_has_one_row_per_activation_with_math(page):
    text = table_text(page)
    rows = [line for line in text.splitlines()[2:] if line.startswith("| **")]
    assert len(rows) == len(REGISTRY)
    for entry in REGISTRY.values():
        assert f"**{entry.label}**" in text
        assert f"${{{entry.formula}}}$" in text  # rendered as math
    for label in ("ReLU", "tanh", "sigmoid", "softmax", "Leaky ReLU", "ELU", "GELU", "SELU",
                  "swish"):
        assert f"**{label}**" in text


def test_plots_show_functions_and_derivatives(page):
    figures = charts(page)
    titles = [f["layout"]["title"]["text"] for f in figures]
    assert titles[:2] == ["The functions f(x)", "Their derivatives f′(x)"]
    names = [trace["name"] for trace in figures[0]["data"]]
    assert names[0] == "ReLU" and any(n.startswith("Leaky ReLU") for n in names)


def test_alpha_slider_changes_leaky_relu_curve(page):
    def leaky_left_end(at):
        trace = next(t for t in charts(at)[0]["data"] if t["name"].startswith("Leaky ReLU"))
        return float(array(trace["y"])[0])  # f(-5) = -5α

    assert leaky_left_end(page) == pytest.approx(-1.0)
    page.select_slider(key=keys.ACT_LEAKY_ALPHA).set_value(0.5).run()
    assert leaky_left_end(page) == pytest.approx(-2.5)
    page.select_slider(key=keys.ACT_ELU_ALPHA).set_value(2.0).run()
    elu = next(t for t in charts(page)[0]["data"] if t["name"].startswith("ELU"))
    assert float(array(elu["y"])[0]) == pytest.approx(-2.0, abs=0.02)


def test_comparison_ranks_one_row_per_activation(app):
    app.switch_page(BUILD).run()
    widget(app, "number_input", ".epochs").set_value(3).run()
    app.switch_page(ACTIVATIONS).run()
    chosen = ["relu", "sigmoid", "elu"]
    app.multiselect(key=keys.ACT_COMPARE).set_value(chosen).run()
    app.button(key=keys.COMPARE_START).click().run()
    assert not app.exception
    comparison = app.session_state[keys.COMPARISON]
    assert list(comparison.handles) == chosen
    # Same data, split and seed for every run; only the hidden activations differ.
    jobs = [h.job for h in comparison.handles.values()]
    assert len({(j.data, j.train) for j in jobs}) == 1
    for name, job in zip(chosen, jobs, strict=True):
        assert {n.activation for n in job.model.nodes if n.type == "dense"} == {name}
        assert job.model.outputs[0].activation == "sigmoid"

    run_until(app, lambda a: a.session_state[keys.COMPARISON].done)
    ranking = next(d.value for d in app.dataframe if "grad_norm" in d.value.columns)
    assert len(ranking) == len(chosen)
    assert sorted(ranking["activation"]) == sorted(REGISTRY[n].label for n in chosen)
    assert list(ranking["rank"]) == [1, 2, 3]
    losses = ranking["val_loss"].tolist()
    assert losses == sorted(losses)
    relu = ranking[ranking["activation"] == "ReLU"].iloc[0]
    sigmoid = ranking[ranking["activation"] == "sigmoid"].iloc[0]
    elu = ranking[ranking["activation"] == "ELU"].iloc[0]
    # Shares show as percentages; "—" where the network has no unit of that kind.
    assert relu["dead"].endswith("%") and relu["saturated"] == "—"
    assert sigmoid["saturated"].endswith("%") and sigmoid["dead"] == "—"
    assert elu["dead"] == "—" and elu["saturated"] == "—"
    assert relu["grad_norm"] > 0 and sigmoid["grad_norm"] > 0
    assert any("First-layer" in m.value or "first layer" in m.value for m in app.markdown)
    curves = next(c for c in charts(app) if c["layout"]["title"]["text"]
                  == "Validation loss per epoch")
    assert [len(array(t["y"])) for t in curves["data"]] == [3, 3, 3]
