"""Evaluate: precision-recall and calibration curves, and the test rows behind a confusion cell."""

import numpy as np
import pytest
from apphelpers import (
    APP,
    BUILD,
    EVALUATE,
    array,
    charts,
    evaluate_after_training,
    train_and_wait,
    widget,
)
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    precision_recall_curve,
    precision_score,
    recall_score,
)
from streamlit.testing.v1 import AppTest

from funcnet.ui import state as keys
from funcnet.ui.confusion_rows import MISCLASSIFIED


def _chart(at, title_start):
    return next(c for c in charts(at) if c["layout"]["title"]["text"].startswith(title_start))


def _traces(figure, kind="scatter"):
    return [trace for trace in figure["data"] if trace["type"] == kind]


def _cell_box(at, head="output", lang="en"):
    return at.selectbox(key=f"{keys.EVAL_CELL}.{head}.{lang}")


def _listed_rows(at, true_column="True class"):
    """The cell's rows: the one table with a true-class column (the report comes first)."""
    (frame,) = [d.value for d in at.dataframe if true_column in d.value.columns]
    return frame


@pytest.fixture(scope="module")
def moons():
    """A session that trained the seed network on moons, on the Evaluate page."""
    at, run = evaluate_after_training("moons", epochs=3)
    return at, run.result.heads["output"]


def test_binary_precision_recall_and_calibration_curves_are_sklearns(moons):
    at, head = moons
    pr = _chart(at, "Precision–recall curve")
    curve, chance, marker = _traces(pr)
    precision, recall, _ = precision_recall_curve(head.y_true, head.y_score)
    # The current threshold (0.5) is marked where sklearn's precision and recall put it.
    predicted = (head.y_score > 0.5).astype(int)
    assert marker["name"] == "Current threshold"
    assert marker["x"][0] == pytest.approx(recall_score(head.y_true, predicted))
    assert marker["y"][0] == pytest.approx(precision_score(head.y_true, predicted))
    np.testing.assert_allclose(array(curve["x"]), recall)
    np.testing.assert_allclose(array(curve["y"]), precision)
    ap = average_precision_score(head.y_true, head.y_score)
    assert curve["name"] == f"{head.classes[1]} (AP = {ap:.3f})"
    assert chance["name"] == f"Chance (AP = {np.mean(head.y_true):.3f})"
    calibration = _chart(at, "Calibration curve")
    diagonal, line = _traces(calibration)
    assert diagonal["name"] == "Perfectly calibrated"
    prob_true, prob_pred = calibration_curve(head.y_true, head.y_score, n_bins=10)
    np.testing.assert_allclose(array(line["x"]), prob_pred)
    np.testing.assert_allclose(array(line["y"]), prob_true)


def test_a_confusion_cell_lists_exactly_its_test_rows(moons):
    at, head = moons
    predicted = (head.y_score > 0.5).astype(int)
    counts = confusion_matrix(head.y_true, predicted, labels=[0, 1])
    # Misclassified by default: every row off the diagonal.
    wrong = np.flatnonzero(head.y_true != predicted)
    box = _cell_box(at)
    assert box.value == MISCLASSIFIED
    assert box.format_func(MISCLASSIFIED) == f"every misclassified row ({wrong.size})"
    if wrong.size:
        assert list(_listed_rows(at).index) == wrong[:200].tolist()
    for true in (0, 1):
        for guess in (0, 1):
            _cell_box(at).set_value((true, guess)).run()
            assert not at.exception
            expected = np.flatnonzero((head.y_true == true) & (predicted == guess))
            assert expected.size == counts[true, guess]
            label = _cell_box(at).format_func((true, guess))
            assert label == f"{head.classes[true]} → {head.classes[guess]} ({counts[true, guess]})"
            if expected.size == 0:
                assert "No test row is in this cell." in [c.value for c in at.caption]
                continue
            listed = _listed_rows(at)
            assert list(listed.index) == expected[:200].tolist()
            assert set(listed["True class"]) == {head.classes[true]}
            assert set(listed["Predicted class"]) == {head.classes[guess]}
            captions = [c.value for c in at.caption]
            if expected.size > 200:
                assert f"The first 200 of {expected.size:,} test rows, in test-set order." \
                    in captions
            else:
                assert any(c.startswith(f"{expected.size} test row") for c in captions)
    assert not [c for c in charts(at) if c["layout"]["title"]["text"].startswith("Rows as")]


def test_the_threshold_moves_the_rows_of_a_cell(moons):
    at, head = moons
    _cell_box(at).set_value((0, 1)).run()
    at.select_slider(key="eval.threshold.output").set_value(0.2).run()
    expected = np.flatnonzero((head.y_true == 0) & (head.y_score > 0.2))
    assert _cell_box(at).value == (0, 1)  # the choice survives the new counts
    if expected.size:
        assert list(_listed_rows(at).index) == expected[:200].tolist()


def test_a_remembered_cell_that_this_matrix_lacks_falls_back_to_misclassified(moons):
    at, _ = moons
    at.switch_page(BUILD).run()
    at.session_state[f"{keys.EVAL_CELL}.output"] = (7, 3)  # a digits run's cell
    at.switch_page(EVALUATE).run()
    assert not at.exception and not at.error
    assert _cell_box(at).value == MISCLASSIFIED


def test_the_cell_choice_survives_a_switch_to_portuguese_with_portuguese_labels(moons):
    at, head = moons
    _cell_box(at).set_value((1, 0)).run()
    at.segmented_control(key=keys.W_LANG).set_value("pt").run()
    assert not at.exception
    box = _cell_box(at, lang="pt")
    assert box.value == (1, 0)
    assert box.format_func(MISCLASSIFIED).startswith("todas as linhas classificadas errado (")
    threshold = at.select_slider(key="eval.threshold.output").value
    predicted = (head.y_score > threshold).astype(int)
    expected = np.flatnonzero((head.y_true == 1) & (predicted == 0))
    if expected.size:
        assert list(_listed_rows(at, "Classe real").index) == expected[:200].tolist()


def test_digits_get_curves_per_class_and_rows_as_images_in_portuguese():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "pt"
    at.run()
    at.switch_page(BUILD).run()
    widget(at, "selectbox", ".dataset").set_value("digits").run()
    run = train_and_wait(at, epochs=2)
    at.switch_page(EVALUATE).run()
    assert not at.exception and not at.error
    head = run.result.heads[next(iter(run.result.heads))]
    classes = list(head.classes)
    pr = _chart(at, "Precisão–revocação (uma")
    assert len(_traces(pr)) == len(classes) == 10
    for i, trace in enumerate(_traces(pr)):
        positive = (head.y_true == i).astype(int)
        ap = average_precision_score(positive, head.y_score[:, i])
        assert trace["name"] == f"{classes[i]} (AP = {ap:.3f})".replace(".", ",")
    assert pr["layout"]["separators"] == ",."
    calibration = _chart(at, "Calibração (uma")
    assert [t["name"] for t in _traces(calibration)][1:] == classes
    assert _traces(calibration)[0]["name"] == "Calibração perfeita"
    # The misclassified rows (the default), the first 12 drawn as 8 × 8 images.
    predicted = head.y_score.argmax(axis=1)
    wrong = np.flatnonzero(head.y_true != predicted)
    assert wrong.size > 0  # two epochs do not learn the digits
    images = _chart(at, "Linhas como imagens")
    heatmaps = _traces(images, "heatmap")
    assert len(heatmaps) == min(12, wrong.size)
    assert all(array(h["z"]).shape == (8, 8) for h in heatmaps)
    titles = [a["text"] for a in images["layout"]["annotations"]]
    assert titles == [f"{classes[head.y_true[r]]} → {classes[predicted[r]]}"
                      for r in wrong[:12]]
    listed = _listed_rows(at, "Classe real")
    assert list(listed.index) == wrong[:200].tolist()
    assert {"Classe real", "Classe prevista"} <= set(listed.columns)
