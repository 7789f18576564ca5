"""The job kind chooses the engine entry point; `check_kind` refuses a clash with the options."""

from __future__ import annotations

import pytest

from funcnet.engine.worker import ENTRY_POINTS
from funcnet.train.handles import JOB_KINDS, check_count, check_kind
from funcnet.train.results import RunOptions


def test_every_kind_has_its_own_entry_point() -> None:
    assert set(ENTRY_POINTS) == set(JOB_KINDS)
    assert ENTRY_POINTS["train"] == ("funcnet.engine.training", "run_job")
    assert ENTRY_POINTS["sweep"] == ("funcnet.engine.sweep", "run_sweep")


def test_matching_kinds_and_options_pass() -> None:
    check_kind("train", RunOptions())
    check_kind("sweep", RunOptions(sweep=("relu", "tanh")))


@pytest.mark.parametrize(("kind", "options", "match"), [
    ("fit", RunOptions(), r"field 'kind' must be one of \['train', 'sweep'\], received 'fit'"),
    ("sweep", RunOptions(), r"field 'sweep' of a 'sweep' job must be a non-empty tuple"),
    ("train", RunOptions(sweep=("relu",)), r"field 'sweep' of a 'train' job must be empty"),
])
def test_clashing_kinds_and_options_are_refused(kind: str, options: RunOptions,
                                                match: str) -> None:
    with pytest.raises(ValueError, match=match):
        check_kind(kind, options)


def test_check_count_takes_whole_numbers_from_one() -> None:
    assert check_count("workers", 2) == 2
    for bad in (0, -1, True, 1.5, "2"):
        with pytest.raises(ValueError, match=r"field 'workers' must be an integer >= 1"):
            check_count("workers", bad)
