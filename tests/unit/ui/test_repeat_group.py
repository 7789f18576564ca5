"""A repeat queues its seeds one after another through the gate, never past the limits."""

from __future__ import annotations

import pytest

from funcnet.messages import InputError
from funcnet.model.presets import PRESETS
from funcnet.runs.repeats import repeat_jobs
from funcnet.train.results import JobResult
from funcnet.ui import repeats


class FakeHandle:
    """A pool handle the test finishes by hand."""

    def __init__(self, job):
        self.job, self.id = job, f"job-{job.train.seed}"
        self.finished = self.cancelled = False

    def done(self) -> bool:
        return self.finished or self.cancelled

    def result(self) -> JobResult:
        return JobResult(status="stopped" if self.cancelled else "completed")

    def cancel(self) -> None:
        self.cancelled = True


@pytest.fixture
def gate(monkeypatch):
    """Replaces the real gate: records submissions; `refuse` makes the next ones fail."""
    calls = {"submitted": [], "refuse": False}

    def submit(job):
        if calls["refuse"]:
            raise InputError("admission.own_busy", running=1, waiting=1)
        handle = FakeHandle(job)
        calls["submitted"].append(handle)
        return handle

    monkeypatch.setattr(repeats, "_submit", submit)
    monkeypatch.setattr(repeats.run_history, "record", lambda run, repeat_group="": None)
    return calls


def _group(k: int = 3) -> repeats.RepeatGroup:
    jobs = repeat_jobs(PRESETS["seed"].job, k)
    first = repeats._submit(jobs[0])
    return repeats.RepeatGroup(jobs[0], {repeats.seed_name(0): first},
                               on_finish=(repeats.record_seed,), repeat_id="r",
                               pending=[(repeats.seed_name(i), j) for i, j in enumerate(jobs)
                                        if i])


def test_the_next_seed_is_submitted_only_when_the_one_before_finished(gate):
    group = _group()
    assert group.size == 3 and group.running and not group.done
    assert not group.collect() and len(gate["submitted"]) == 1  # seed 1 still trains
    gate["submitted"][0].finished = True
    assert group.collect() and len(gate["submitted"]) == 2
    assert [h.job.train.seed for h in gate["submitted"]] == [42, 43]
    gate["submitted"][1].finished = True
    group.collect()
    gate["submitted"][2].finished = True
    group.collect()
    assert group.done and not group.running and len(group.results) == 3


def test_a_refused_seed_stays_pending_and_is_asked_again(gate):
    group = _group()
    gate["submitted"][0].finished = True
    gate["refuse"] = True
    group.collect()
    assert len(group.pending) == 2 and group.refused.code == "admission.own_busy"
    assert group.running and not group.done
    gate["refuse"] = False
    assert group.collect() and len(group.pending) == 1 and group.refused is None


def test_stop_drops_the_seeds_not_submitted(gate):
    group = _group(4)
    group.stop()
    assert gate["submitted"][0].cancelled and not group.pending
    group.collect()
    assert group.done and len(gate["submitted"]) == 1


def test_the_win_sentence_names_the_winner_first_and_says_ties():
    from funcnet.runs.repeats import WinShare, win_share
    from funcnet.ui.pages.compare_repeats import win_sentence

    share = win_share([0.85, 0.80, 0.83], [0.90, 0.86, 0.84])  # B wins 8 of 9
    assert win_sentence("Runs 1–3", "Runs 4–6", share, "accuracy") == \
        "Runs 4–6 beat Runs 1–3 in 8 of 9 seed pairs on test accuracy."
    assert win_sentence("A", "B", WinShare(4, 4, 1), "loss") == \
        "Neither repeat came out ahead on test loss: each won 4 of 9 seed pairs. 1 pair tied."
    assert win_sentence("A", "B", WinShare(0, 0, 9), "r2") == \
        "A and B tied in all 9 seed pairs on test R²."
