"""Repeats: one setup trained over several seeds, and whether a difference is real.

A *repeat* trains the same setup `k` times (`limits.REPEAT_SEEDS`) with
training seeds `seed, seed + 1, …` (`repeat_jobs`): the initial weights,
the batch order and the dropout masks change, the data set and its split do
not. So the spread between the runs is what luck alone does to this setup,
and a difference between two setups smaller than that spread is not one to
trust. Each stored run of a repeat carries the repeat's id
(`RunRecord.repeat_group`).

What is computed here (the Compare page draws it):

- `curve_band`: per epoch, the mean and the standard deviation of a
  history key over the repeat's runs.
- `metric_stats`: the mean and standard deviation of a test metric.
- `win_share`: for two repeats A and B, every seed of A against every seed
  of B (`k_a × k_b` pairs, e.g. 3 × 3 = 9): in how many pairs A's metric is
  better. All pairs rather than pairs of equal seeds: two setups with
  different networks share nothing at equal seeds (the weights differ
  anyway), and all pairs also work when the repeats have different sizes.
  This is the statistic of the Mann–Whitney U test: `wins + ties / 2`
  equals scipy's `U`.

Standard deviations are sample standard deviations, `ddof = STD_DDOF = 1`
(`numpy.std(values, ddof=1)`): a repeat is a sample of the seeds one could
have drawn. With one value there is no spread (NaN). Only completed runs
count: a stopped run's last epoch is not the setup's result.

Pure: no Streamlit, no Keras.
"""

from __future__ import annotations

import dataclasses
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from funcnet.model import limits
from funcnet.model.spec import Job
from funcnet.runs.store import RunRecord

STD_DDOF = 1
"""Delta degrees of freedom of every standard deviation here: the sample standard deviation."""


def new_repeat_id() -> str:
    """Returns a fresh repeat id (random, so two sessions never share one)."""
    return uuid.uuid4().hex[:16]


def repeat_jobs(job: Job, k: int) -> tuple[Job, ...]:
    """Returns the `k` trainings of a repeat: `job` with training seeds `seed, seed + 1, …`.

    Args:
        job: The setup; its training seed is the first seed.
        k: How many seeds (`limits.REPEAT_SEEDS`).

    Returns:
        `k` jobs that differ only in `train.seed`; past `limits.MAX_SEED` the
        seeds go on from 0.

    Raises:
        InputError: `spec.int_range` if `k` is out of `limits.REPEAT_SEEDS`.
    """
    k = int(limits.REPEAT_SEEDS.check({"where": "where.training"}, "seeds", k))
    first = job.train.seed
    return tuple(dataclasses.replace(job, train=dataclasses.replace(
        job.train, seed=(first + i) % (limits.MAX_SEED + 1))) for i in range(k))


@dataclass(frozen=True, eq=False)
class Repeat:
    """The stored runs of one repeat, ordered by seed.

    Args:
        id: The repeat's id.
        runs: Its runs on the board, by training seed.
    """

    id: str
    runs: tuple[RunRecord, ...]

    @property
    def job(self) -> Job:
        """The setup of its first seed (the others differ only in the seed)."""
        return self.runs[0].job

    @property
    def completed(self) -> tuple[RunRecord, ...]:
        """The runs that count: those that completed."""
        return tuple(r for r in self.runs if r.status == "completed")

    @property
    def numbers(self) -> tuple[int, int]:
        """The smallest and the largest run number of the repeat on its board."""
        numbers = [r.number for r in self.runs]
        return min(numbers), max(numbers)


def repeat_groups(records: Sequence[RunRecord]) -> list[Repeat]:
    """Gathers the runs of a board into their repeats.

    Args:
        records: A board's runs (any order); single runs are left out.

    Returns:
        The repeats, newest first (by their newest run).
    """
    gathered: dict[str, list[RunRecord]] = {}
    for record in records:
        if record.repeat_group:
            gathered.setdefault(record.repeat_group, []).append(record)
    repeats = [Repeat(key, tuple(sorted(runs, key=lambda r: (r.job.train.seed, r.id))))
               for key, runs in gathered.items()]
    return sorted(repeats, key=lambda rep: -max(r.created_at for r in rep.runs))


@dataclass(frozen=True)
class Band:
    """A curve over the seeds of a repeat: its mean and standard deviation per epoch.

    Args:
        epochs: Epoch numbers, 1-based.
        mean: The mean over the runs that have a finite value at that epoch.
        std: Their sample standard deviation (`STD_DDOF`); NaN where fewer than two.
        count: How many runs that is, per epoch.
    """

    epochs: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    count: np.ndarray


def _spread(values: np.ndarray) -> float:
    return float(np.std(values, ddof=STD_DDOF)) if len(values) > STD_DDOF else math.nan


def curve_band(histories: Sequence[Mapping[str, Sequence[float]]], key: str) -> Band | None:
    """Returns the mean ± standard deviation of one history key over several runs.

    Args:
        histories: Keras histories (key -> one value per finished epoch).
        key: The key, e.g. `"loss"` or `"val_loss"`.

    Returns:
        The band up to the longest history; epochs where no run has a finite
        value are left out. `None` when no history has the key.
    """
    series = [np.asarray(h.get(key, ()), dtype=np.float64) for h in histories]
    longest = max((len(s) for s in series), default=0)
    if not longest:
        return None
    epochs, means, stds, counts = [], [], [], []
    for epoch in range(longest):
        values = np.array([s[epoch] for s in series if epoch < len(s)], dtype=np.float64)
        values = values[np.isfinite(values)]
        if not len(values):
            continue
        epochs.append(epoch + 1)
        means.append(float(np.mean(values)))
        stds.append(_spread(values))
        counts.append(len(values))
    return Band(np.array(epochs, dtype=np.int64), np.array(means), np.array(stds),
                np.array(counts, dtype=np.int64))


@dataclass(frozen=True)
class Stat:
    """A metric over the seeds of a repeat.

    Args:
        mean: The mean.
        std: The sample standard deviation (`STD_DDOF`); NaN with one value.
        n: How many runs had a finite value.
    """

    mean: float
    std: float
    n: int


def metric_values(repeat: Repeat, metric: str) -> np.ndarray:
    """Returns a test metric of every completed run of `repeat` that has a finite one.

    Args:
        repeat: The repeat.
        metric: A key of the runs' summaries (`funcnet.runs.table.run_summary`).

    Returns:
        The values, by seed.
    """
    values = np.array([r.summary.get(metric, math.nan) for r in repeat.completed],
                      dtype=np.float64)
    return values[np.isfinite(values)]


def metric_stats(repeat: Repeat, metrics: Sequence[str]) -> dict[str, Stat]:
    """Returns the mean and standard deviation of each metric over the repeat's seeds.

    Args:
        repeat: The repeat.
        metrics: Summary keys, e.g. `("loss", "accuracy", "auc")`.

    Returns:
        A `Stat` per metric that some completed run has.
    """
    stats = {}
    for metric in metrics:
        values = metric_values(repeat, metric)
        if len(values):
            stats[metric] = Stat(float(np.mean(values)), _spread(values), len(values))
    return stats


@dataclass(frozen=True)
class WinShare:
    """How often one setup beat another over all pairs of their seeds.

    Args:
        wins: Pairs where the first setup was better.
        losses: Pairs where the second was better.
        ties: Pairs with equal values.
    """

    wins: int
    losses: int
    ties: int

    @property
    def pairs(self) -> int:
        """Every pair compared."""
        return self.wins + self.losses + self.ties

    @property
    def share(self) -> float:
        """The share of pairs the first setup won (NaN without pairs)."""
        return self.wins / self.pairs if self.pairs else math.nan

    def swapped(self) -> WinShare:
        """The same count seen from the second setup."""
        return WinShare(self.losses, self.wins, self.ties)


def win_share(first: Sequence[float], second: Sequence[float], *,
              lower_is_better: bool = False) -> WinShare:
    """Counts, over every pair (one seed of each), how often `first` beats `second`.

    Args:
        first: The metric of each seed of setup A.
        second: The metric of each seed of setup B.
        lower_is_better: Whether a smaller value wins (a loss, an error).

    Returns:
        Wins, losses and ties of A over the `len(first) × len(second)` pairs.
    """
    a = np.asarray(first, dtype=np.float64)[:, None]
    b = np.asarray(second, dtype=np.float64)[None, :]
    better, worse = (a < b, a > b) if lower_is_better else (a > b, a < b)
    return WinShare(int(better.sum()), int(worse.sum()), int((a == b).sum()))
