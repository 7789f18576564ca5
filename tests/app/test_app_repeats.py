"""Compare runs, "Is the difference real?": a repeat over seeds, its bands and the win share."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from apphelpers import APP, array, charts, run_until, shown
from streamlit.testing.v1 import AppTest

from funcnet import i18n
from funcnet.model.presets import PRESETS
from funcnet.runs import store as runstore
from funcnet.train.results import JobResult
from funcnet.ui import identity
from funcnet.ui import state as keys
from funcnet.ui.repeats import RepeatGroup

COMPARE = "app_pages/compare_runs.py"
SEED = PRESETS["seed"].job
TINY = dataclasses.replace(SEED, data=dataclasses.replace(
    SEED.data, params=(("n_samples", 200), ("n_features", 20))),
    train=dataclasses.replace(SEED.train, epochs=2))


def _board(at: AppTest) -> str:
    return f"browser:{identity.browser_key(at.session_state[keys.BROWSER_ID])}"


def _figure(at: AppTest, title: str) -> dict:
    found = [c for c in charts(at) if c["layout"]["title"]["text"] == title]
    assert len(found) == 1, [c["layout"]["title"]["text"] for c in charts(at)]
    return found[0]


def _traces(figure: dict, part: str) -> dict[tuple[str, str], dict]:
    return {(tr["meta"]["repeat"], tr["meta"]["series"]): tr for tr in figure["data"]
            if (tr.get("meta") or {}).get("part") == part}


def _compare(at: AppTest) -> AppTest:
    at.switch_page(COMPARE).run()
    assert not at.exception, at.exception
    return at


def test_a_three_seed_repeat_completes_and_shows_bands_and_mean_pm_std(app):
    app.session_state[keys.SETUP] = TINY
    at = _compare(app)
    assert any("No repeat yet" in i.value for i in at.info)
    assert at.number_input(key=keys.REPEAT_SEEDS).value == 3
    assert (at.number_input(key=keys.REPEAT_SEEDS).min, at.number_input(
        key=keys.REPEAT_SEEDS).max) == (3, 10)  # the bounds of limits.REPEAT_SEEDS
    assert any("training seeds 42 to 44" in c.value for c in at.caption)
    at.button(key=keys.REPEAT_START).click().run()
    assert not at.exception, at.exception
    group = at.session_state[keys.REPEAT]
    assert isinstance(group, RepeatGroup)
    # Queued one after another: never more than one seed submitted and unfinished.
    assert len(group.handles) == 1 and len(group.pending) == 2
    run_until(at, lambda a: a.session_state[keys.REPEAT].done)
    records = runstore.list_runs(_board(at)).runs
    assert len(records) == 3 and {r.repeat_group for r in records} == {group.repeat_id}
    assert sorted(r.job.train.seed for r in records) == [42, 43, 44]
    assert all(r.status == "completed" and r.epochs_run == 2 for r in records)
    by_seed = sorted(records, key=lambda r: r.job.train.seed)
    # The bands: numpy's mean and sample std (ddof=1) of the three stored histories.
    loss = _figure(at, "Loss over seeds: mean ± std")
    label = "Runs 1–3"
    for series, key in (("Training", "loss"), ("Validation", "val_loss")):
        values = np.array([r.history[key] for r in by_seed])
        mean = _traces(loss, "mean")[(label, series)]
        band = _traces(loss, "band")[(label, series)]
        np.testing.assert_allclose(array(mean["y"]), values.mean(axis=0))
        std = values.std(axis=0, ddof=1)
        np.testing.assert_allclose(array(band["y"]), np.r_[values.mean(axis=0) + std,
                                                             (values.mean(axis=0) - std)[::-1]])
    assert _figure(at, "Accuracy over seeds: mean ± std")
    # The table: mean ± std of the test metrics, three decimals.
    table = next(d.value for d in at.dataframe if "Seeds" in d.value.columns)
    accuracy = np.array([r.summary["accuracy"] for r in by_seed])
    assert table.loc[label, "Seeds"] == "3 of 3"
    assert table.loc[label, "Accuracy"] == \
        f"{accuracy.mean():.3f} ± {accuracy.std(ddof=1):.3f}"
    assert any("Choose a second repeat" in c.value for c in at.caption)


def _stored_repeat(board: str, group: str, accuracies: list[float],
                   status: str = "completed") -> None:
    for i, accuracy in enumerate(accuracies):
        job = dataclasses.replace(SEED, train=dataclasses.replace(SEED.train, seed=42 + i))
        result = JobResult(status=status, history={"loss": [0.7, 0.6], "val_loss":
                                                   [0.8, 0.7]}, epochs_run=2)
        runstore.save_run(board, board.split(":", 1)[1], job, result,
                          {"loss": 1 - accuracy, "accuracy": accuracy}, repeat_group=group)


@pytest.mark.parametrize("lang", ["en", "pt"])
def test_two_repeats_give_the_share_of_seed_pairs_one_won(lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    board = _board(at)
    # A: 0.90 0.86 0.84 against B: 0.85 0.80 0.83 -> A wins 8 of the 9 pairs (0.84 < 0.85).
    _stored_repeat(board, "a", [0.90, 0.86, 0.84])
    _stored_repeat(board, "b", [0.85, 0.80, 0.83])
    _stored_repeat(board, "c", [0.99], status="stopped")  # newest, but nothing completed
    at = _compare(at)
    chooser = at.multiselect(key=keys.REPEATS_CHOSEN)
    assert chooser.value == ["b", "a"]  # the newest two with a completed seed
    sentences = [shown(m.value) for m in at.markdown]
    expected = {"en": "Runs 1–3 beat Runs 4–6 in 8 of 9 seed pairs on test accuracy.",
                "pt": "Treinos 1–3 superaram Treinos 4–6 em 8 de 9 pares de sementes em "
                      "termos de acurácia de teste."}[lang]
    assert expected in sentences, sentences
    table = next(d.value for d in at.dataframe if len(d.value) == 2)
    mean, std = np.mean([0.90, 0.86, 0.84]), np.std([0.90, 0.86, 0.84], ddof=1)
    with i18n.using(lang):
        assert f"{i18n.decimal(mean)} ± {i18n.decimal(std)}" in set(table.iloc[1])
    # On the test loss (lower is better) the winner is the same.
    at.selectbox(key=keys.REPEAT_METRIC).set_value("loss").run()
    assert any(("8 of 9" if lang == "en" else "8 de 9") in shown(m.value) for m in at.markdown)
