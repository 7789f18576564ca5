"""Evaluate, "Inside the network": units over the plane, one example followed, a layer's weights."""

import numpy as np
from apphelpers import BUILD, EVALUATE, array, charts, train_and_wait, widget

from funcnet.ui import state as keys

PLANE_UNITS = 16  # funcnet.engine.inside.PLANE_UNITS (the page may not import the engine)


def chart(at, title):
    return next(c for c in charts(at) if c["layout"]["title"]["text"] == title)


def heatmaps(figure):
    return [trace for trace in figure["data"] if trace["type"] == "heatmap"]


def test_two_moons_shows_every_unit_follows_an_example_and_draws_weights(app):
    app.switch_page(BUILD).run()
    widget(app, "selectbox", ".dataset").set_value("moons").run()
    run = train_and_wait(app, epochs=2)
    app.switch_page(EVALUATE).run()
    assert not app.exception and not app.error
    assert "Inside the network" in [h.value for h in app.subheader]
    view = run.result.inside
    spec = run.job.model

    # One thumbnail per unit, up to the cap, for every node that computes units.
    planes = chart(app, "Each unit's output over the plane")
    computed = [name for name in spec.order if spec.node(name).type != "input"]
    expected = sum(min(spec.shape_of(name).width, PLANE_UNITS) for name in computed)
    assert len(heatmaps(planes)) == expected
    labels = [a["text"] for a in planes["layout"]["annotations"]]
    assert len(labels) == len(computed)
    wide = [name for name in computed if spec.shape_of(name).width > PLANE_UNITS]
    for name in wide:
        width = spec.shape_of(name).width
        assert f"{name} · first {PLANE_UNITS} of {width} units" in labels
    hidden = next(layer for layer in view.layers if layer.node == computed[0])
    np.testing.assert_allclose(array(heatmaps(planes)[0]["z"]), hidden.plane[0], rtol=1e-6)

    # Follow test row 7: the figure holds its values, the output its probabilities.
    app.number_input(key=keys.INSIDE_ROW).set_value(7).run()
    assert not app.exception
    example = chart(app, "Test row 7 through every layer")
    (cells,) = heatmaps(example)
    first = next(layer for layer in view.layers if layer.node == computed[0])
    shown = [float(v) for v in cells["text"][1] if v]  # row 0 is the input
    np.testing.assert_allclose(shown, first.rows[7], atol=0.006)
    head = run.result.heads["output"]
    output = chart(app, "Output")
    probabilities = array(output["data"][0]["x"]).astype(float)
    np.testing.assert_allclose(probabilities, [1 - head.y_score[7], head.y_score[7]], rtol=1e-6)
    true_class = head.classes[int(head.y_true[7])]
    assert any(f"Test row 7: true class **{true_class}**" in m.value for m in app.markdown)

    # The weights of the output layer: inputs x units, and its bias.
    app.selectbox(key=keys.INSIDE_WEIGHTS).set_value("output").run()
    weights = chart(app, "Weights of output (inputs × units) and bias")
    kernel, bias = heatmaps(weights)
    layer = next(w for w in view.weights if w.node == "output")
    np.testing.assert_allclose(array(kernel["z"]), layer.kernel, rtol=1e-6)
    np.testing.assert_allclose(array(bias["z"]).ravel(), layer.bias, rtol=1e-6)


def test_a_set_without_two_features_follows_examples_and_explains_the_plane(app):
    app.switch_page(BUILD).run()
    widget(app, "selectbox", ".dataset").set_value("iris").run()
    run = train_and_wait(app, epochs=1)
    app.switch_page(EVALUATE).run()
    assert not app.exception and not app.error
    assert any("needs a data set with two features; this one has 4 features" in i.value
               for i in app.info)
    titles = [c["layout"]["title"]["text"] for c in charts(app)]
    assert "Each unit's output over the plane" not in titles
    assert "Test row 0 through every layer" in titles
    head = run.result.heads[next(iter(run.result.heads))]
    output = chart(app, "Output")  # one head: no name in the title
    np.testing.assert_allclose(array(output["data"][0]["x"]).astype(float), head.y_score[0],
                               rtol=1e-6)
    assert any(t.startswith("Weights of ") for t in titles)
    assert app.number_input(key=keys.INSIDE_ROW).max == run.result.inside.rows - 1
