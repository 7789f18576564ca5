"""Repeats over seeds: the jobs, the groups, the bands, mean ± std and the win share."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy.stats import mannwhitneyu

from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.model.presets import PRESETS
from funcnet.runs import repeats
from funcnet.runs.store import RunRecord

JOB = PRESETS["seed"].job


def _record(number: int, seed: int, group: str, *, status: str = "completed",
            summary: dict | None = None, history: dict | None = None,
            created_at: float | None = None) -> RunRecord:
    job = dataclasses.replace(JOB, train=dataclasses.replace(JOB.train, seed=seed))
    return RunRecord(id=number, board="b", number=number, author="a",
                     created_at=float(number if created_at is None else created_at), job=job,
                     status=status, message="", epochs_run=3, elapsed=1.0,
                     history=history or {}, test_metrics={}, diagnostics={},
                     summary=summary or {}, repeat_group=group)


def test_a_repeat_trains_the_same_setup_with_consecutive_training_seeds():
    jobs = repeats.repeat_jobs(JOB, 4)
    assert [j.train.seed for j in jobs] == [JOB.train.seed + i for i in range(4)]
    assert {dataclasses.replace(j, train=JOB.train) for j in jobs} == {JOB}
    assert all(j.data == JOB.data for j in jobs)  # same data and split
    last = dataclasses.replace(JOB, train=dataclasses.replace(JOB.train, seed=limits.MAX_SEED))
    assert [j.train.seed for j in repeats.repeat_jobs(last, 3)] == [limits.MAX_SEED, 0, 1]


@pytest.mark.parametrize("k", [limits.REPEAT_SEEDS.low - 1, limits.REPEAT_SEEDS.high + 1])
def test_a_repeat_outside_the_declared_bounds_is_refused(k):
    with pytest.raises(InputError) as caught:
        repeats.repeat_jobs(JOB, k)
    assert caught.value.code == "spec.int_range"
    assert (limits.REPEAT_SEEDS.low, limits.REPEAT_SEEDS.high) == (3, 10)


def test_runs_gather_into_repeats_by_seed_newest_repeat_first():
    records = [_record(1, 7, "a"), _record(2, 5, "a"), _record(3, 6, "a"), _record(4, 1, ""),
               _record(5, 2, "b"), _record(6, 1, "b")]
    found = repeats.repeat_groups(records)
    assert [r.id for r in found] == ["b", "a"]
    assert [r.job.train.seed for r in found[1].runs] == [5, 6, 7]
    assert found[1].numbers == (1, 3)
    assert repeats.new_repeat_id() != repeats.new_repeat_id()


def test_the_band_is_numpys_mean_and_sample_std_per_epoch():
    histories = [{"loss": [1.0, 0.6, 0.4]}, {"loss": [0.8, 0.5, 0.1]},
                 {"loss": [0.9, 0.7]}, {"val_loss": [2.0]}]
    band = repeats.curve_band(histories, "loss")
    assert repeats.STD_DDOF == 1
    assert list(band.epochs) == [1, 2, 3] and list(band.count) == [3, 3, 2]
    np.testing.assert_allclose(band.mean, [0.9, 0.6, 0.25])
    np.testing.assert_allclose(band.std, [np.std([1.0, 0.8, 0.9], ddof=1),
                                          np.std([0.6, 0.5, 0.7], ddof=1),
                                          np.std([0.4, 0.1], ddof=1)])
    one = repeats.curve_band(histories, "val_loss")
    assert list(one.mean) == [2.0] and math.isnan(one.std[0])  # no spread from one run
    assert repeats.curve_band(histories, "auc") is None


def test_a_non_finite_epoch_is_left_out_of_the_band():
    band = repeats.curve_band([{"loss": [1.0, float("nan")]}, {"loss": [3.0, float("nan")]}],
                              "loss")
    assert list(band.epochs) == [1] and list(band.mean) == [2.0]


def test_metric_stats_count_only_completed_runs():
    repeat = repeats.Repeat("a", (
        _record(1, 1, "a", summary={"accuracy": 0.80, "auc": 0.90}),
        _record(2, 2, "a", summary={"accuracy": 0.84, "auc": 0.88}),
        _record(3, 3, "a", summary={"accuracy": 0.90}),
        _record(4, 4, "a", status="stopped", summary={"accuracy": 0.1}),
    ))
    stats = repeats.metric_stats(repeat, ("accuracy", "auc", "mae"))
    assert set(stats) == {"accuracy", "auc"}
    assert stats["accuracy"].n == 3
    assert stats["accuracy"].mean == pytest.approx(np.mean([0.80, 0.84, 0.90]))
    assert stats["accuracy"].std == pytest.approx(np.std([0.80, 0.84, 0.90], ddof=1))
    assert stats["auc"].std == pytest.approx(np.std([0.90, 0.88], ddof=1))


def test_the_win_share_counts_every_pair_of_seeds():
    a, b = [0.90, 0.86, 0.84], [0.85, 0.80, 0.86]
    share = repeats.win_share(a, b)
    # By hand: 0.90 beats all three; 0.86 beats two and ties one; 0.84 beats one.
    assert (share.wins, share.losses, share.ties, share.pairs) == (6, 2, 1, 9)
    assert share.share == pytest.approx(6 / 9)
    assert share.swapped() == repeats.WinShare(2, 6, 1)
    # wins + ties / 2 is the Mann–Whitney U statistic of A against B.
    assert share.wins + share.ties / 2 == mannwhitneyu(a, b).statistic
    loss = repeats.win_share([0.3, 0.2], [0.25, 0.4, 0.5], lower_is_better=True)
    assert (loss.wins, loss.losses, loss.ties) == (5, 1, 0)
    assert math.isnan(repeats.win_share([], [1.0]).share)
