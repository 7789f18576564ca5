"""Evaluate's epoch replay: moving the slider redraws the page as it was at that epoch."""

import numpy as np
import pytest
from apphelpers import array, charts, evaluate_after_training, metric_values
from sklearn.metrics import confusion_matrix, roc_auc_score

from funcnet.ui import state as keys


def _slider(at, run, lang="en"):
    return at.select_slider(key=f"{keys.REPLAY_POSITION}.{run.job_id}.{lang}")


def _chart(at, title_start):
    (figure,) = [c for c in charts(at) if c["layout"]["title"]["text"].startswith(title_start)]
    return figure


@pytest.fixture(scope="module")
def moons():
    """A session that trained the seed network on moons for 4 epochs, on Evaluate."""
    return evaluate_after_training("moons", epochs=4)


def test_the_slider_starts_at_the_tested_model_and_lists_the_kept_epochs(moons):
    at, run = moons
    slider = _slider(at, run)
    assert list(slider.options) == [
        "epoch 1", "epoch 2", "epoch 3", "epoch 4 (tested model)"]
    assert slider.value == 3
    head = run.result.heads["output"]
    assert metric_values(at)["AUC"] == f"{roc_auc_score(head.y_true, head.y_score):.3f}"
    assert _chart(at, "Decision boundary after epoch 4")


def test_an_earlier_epoch_redraws_scores_boundary_and_units_from_that_epoch(moons):
    at, run = moons
    frame = run.result.replay.frames[1]
    assert frame.epoch == 2
    _slider(at, run).set_value(1).run()
    assert not at.exception and not at.error
    head = run.result.heads["output"]
    scores = frame.scores["output"].astype(np.float64)
    assert not np.allclose(scores, head.y_score)  # epoch 2 is not the tested model
    assert metric_values(at)["AUC"] == f"{roc_auc_score(head.y_true, scores):.3f}"
    counts = confusion_matrix(head.y_true, (scores > 0.5).astype(int), labels=[0, 1])
    shown = array(_chart(at, "Confusion matrix")["data"][0]["z"]).astype(int)
    np.testing.assert_array_equal(shown, counts)
    boundary = _chart(at, "Decision boundary after epoch 2")
    np.testing.assert_allclose(array(boundary["data"][0]["z"]).astype(np.float32),
                               frame.boundary.astype(np.float32))
    assert _chart(at, "Each unit's output over the plane after epoch 2")
    # The loss curve marks the epoch shown.
    loss = _chart(at, "Loss per epoch (dotted: the epoch shown)")
    assert [shape["x0"] for shape in loss["layout"]["shapes"]] == [2]
    # Back at the end, the tested model again.
    _slider(at, run).set_value(3).run()
    assert metric_values(at)["AUC"] == f"{roc_auc_score(head.y_true, head.y_score):.3f}"


def test_the_epoch_shown_survives_a_switch_to_portuguese(moons):
    at, run = moons
    _slider(at, run).set_value(1).run()
    at.segmented_control(key=keys.W_LANG).set_value("pt").run()
    assert not at.exception and not at.error
    slider = _slider(at, run, "pt")
    assert slider.value == 1
    assert list(slider.options) == ["época 1", "época 2", "época 3", "época 4 (modelo testado)"]
    assert _chart(at, "Fronteira de decisão após a época 2")
    at.segmented_control(key=keys.W_LANG).set_value("en").run()
    _slider(at, run).set_value(3).run()
