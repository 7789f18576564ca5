"""What a training costs, estimated from the setup alone, and the server's caps on it.

One server is shared by a class, so a training is checked before it is
queued (by the page and by the CLI): its parameter count and its work —
multiply-adds per sample (every dense layer on every branch) × training
rows × epochs × variants trained at once — must stay under caps a teacher
can raise by configuration:

- `FUNCNET_MAX_PARAMS` (default 5,000,000 parameters);
- `FUNCNET_MAX_WORK` (default 2,000 billion multiply-adds; `2e12` works too).

The defaults suit a 2-core box: the notebook's network × 1000 fits many
times over, while 62 × Dense(1024) on 200,000 × 200 rows for 500 epochs does
not. Nothing here loads data or imports Keras.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from funcnet.data.catalog import DATASETS
from funcnet.messages import InputError
from funcnet.model.spec import Job

PARAMS_VARIABLE = "FUNCNET_MAX_PARAMS"
WORK_VARIABLE = "FUNCNET_MAX_WORK"
DEFAULT_MAX_PARAMS = 5_000_000
DEFAULT_MAX_WORK = 2_000_000_000_000
_MAX_DIGITS = 30  # a cap written with more digits than this is a typo, not a cap


@dataclass(frozen=True)
class WorkCaps:
    """The server's caps on one training.

    Args:
        max_params: Most parameters a network may have.
        max_work: Most multiply-adds a training may need.
    """

    max_params: int = DEFAULT_MAX_PARAMS
    max_work: int = DEFAULT_MAX_WORK

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WorkCaps:
        """Returns the caps set by `FUNCNET_MAX_PARAMS` / `FUNCNET_MAX_WORK`, else the defaults.

        Args:
            environ: The environment (default `os.environ`).

        Raises:
            InputError: `limits.bad_setting` if a variable is not a positive number.
        """
        environ = os.environ if environ is None else environ
        return cls(max_params=_read(environ, PARAMS_VARIABLE, DEFAULT_MAX_PARAMS),
                   max_work=_read(environ, WORK_VARIABLE, DEFAULT_MAX_WORK))


def _read(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name, "").strip().replace("_", "").replace(",", "")
    if not text:
        return default
    try:
        value = float(text) if len(text) <= _MAX_DIGITS else float("nan")
    except ValueError:
        value = float("nan")
    if not value >= 1 or value == float("inf"):  # also refuses NaN
        raise InputError("limits.bad_setting", variable=name, value=text[:_MAX_DIGITS])
    return int(value)


@dataclass(frozen=True)
class Cost:
    """The estimated size of one training.

    Args:
        params: Parameters of the network (as `keras.Model.count_params()`).
        macs_per_sample: Multiply-adds of one forward pass over one sample,
            every branch of a shared layer included.
        rows: Training rows (all rows but the test share).
        epochs: Epochs.
        variants: Networks trained at once (the activation comparison).
    """

    params: int
    macs_per_sample: int
    rows: int
    epochs: int
    variants: int = 1

    @property
    def work(self) -> int:
        """Multiply-adds of the whole training: per sample × rows × epochs × variants."""
        return self.macs_per_sample * self.rows * self.epochs * self.variants


def dataset_rows(job: Job) -> int:
    """Returns how many rows the job's data set has (for an uploaded CSV: at most)."""
    params = dict(job.data.params)
    if "n_samples" in params:
        return int(params["n_samples"])
    return DATASETS[job.data.name].rows


def estimate(job: Job, variants: int = 1) -> Cost:
    """Estimates a training's cost from its setup alone (no data loaded, no model built).

    Args:
        job: The setup.
        variants: Networks trained at once (one per activation compared).

    Returns:
        The `Cost`.
    """
    model = job.model
    macs = 0
    for node in model.nodes:
        if node.type in ("dense", "output"):
            branches = sum(model.shape_of(source).branches for source in node.inputs)
            macs += model.input_width(node.name) * node.units * branches
    test_fraction = job.data.test_fraction or 0.0
    rows = max(1, round(dataset_rows(job) * (1.0 - test_fraction)))
    return Cost(params=model.total_params(), macs_per_sample=macs, rows=rows,
                epochs=job.train.epochs, variants=variants)


def check_work(job: Job, variants: int = 1, caps: WorkCaps | None = None) -> Cost:
    """Refuses a training over the server's caps, before anything is queued.

    Args:
        job: The setup.
        variants: Networks trained at once.
        caps: The caps (default: `WorkCaps.from_env()`).

    Returns:
        The `Cost`, when it fits.

    Raises:
        InputError: `limits.params` or `limits.work`, naming the cap, the
            estimate, the variable that raises the cap and what to lower.
    """
    caps = WorkCaps.from_env() if caps is None else caps
    cost = estimate(job, variants)
    if cost.params > caps.max_params:
        raise InputError("limits.params", params=cost.params, max_params=caps.max_params,
                         variable=PARAMS_VARIABLE)
    if cost.work > caps.max_work:
        raise InputError("limits.work", work_billions=cost.work / 1e9,
                         max_billions=caps.max_work / 1e9, macs=cost.macs_per_sample,
                         rows=cost.rows, epochs=cost.epochs, variants=cost.variants,
                         variable=WORK_VARIABLE)
    return cost
