"""The server holds no big data per link: bounded samples and a cache bounded in bytes."""

from __future__ import annotations

import resource
import time

import numpy as np
import pytest

from funcnet.data import datasets
from funcnet.data.cache import ByteLRU
from funcnet.data.datasets import (
    CACHE_BYTES,
    SAMPLE_ROWS,
    cached_bytes,
    clear_cache,
    dataset_bytes,
    load_dataset,
    load_sample,
)
from funcnet.model.spec import DataSpec

HUGE = DataSpec("seed-random", (("n_samples", 200_000), ("n_features", 200)))


def test_the_cache_is_bounded_in_bytes_and_drops_the_least_recently_used():
    loads = []
    cache = ByteLRU(lambda key: loads.append(key) or np.zeros(key, np.uint8), lambda v: v.nbytes,
                    max_bytes=100)
    for key in (40, 50, 40, 30):  # 40 is used again, so 50 is the oldest when 30 arrives
        cache.get(key)
    assert cache.bytes <= 100 and len(cache) == 2
    cache.get(40)
    assert loads == [40, 50, 30]  # 40 stayed: it was used most recently
    cache.get(500)  # larger than the whole budget: returned, never kept
    assert cache.bytes <= 100 and 500 not in [k for k in (40, 30)]


def test_a_page_sample_of_200k_by_200_rows_never_generates_the_full_set():
    clear_cache()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    sample = load_sample(HUGE)
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert len(sample.x_train) + len(sample.x_test) == SAMPLE_ROWS
    assert sample.spec == HUGE and len(sample.features) == 200
    assert sample.split_sizes == (166_667, 33_333)
    assert sample.targets == load_dataset(
        DataSpec("seed-random", (("n_samples", 300), ("n_features", 200)))).targets
    assert grown_mb < 40, grown_mb  # the full set costs ~330 MB
    assert elapsed < 5


@pytest.mark.parametrize("name", ["seed-random", "classification", "moons", "pairs",
                                  "multi-task"])
def test_a_sample_has_the_columns_and_classes_of_the_whole_set(name):
    spec = DataSpec(name, (("n_samples", 5_000),))
    whole, sample = load_dataset(spec), load_sample(spec, max_rows=500)
    assert sample.features == whole.features and sample.targets == whole.targets
    assert sample.split_sizes == (len(whole.x_train), len(whole.x_test))
    assert len(sample.x_train) + len(sample.x_test) == 500


def test_small_sets_are_loaded_whole():
    spec = DataSpec("iris")
    assert load_sample(spec) is load_dataset(spec)


def test_many_links_keep_the_cache_under_its_byte_budget(monkeypatch):
    clear_cache()
    monkeypatch.setattr(datasets._CACHE, "max_bytes", 5 * 1024 * 1024)
    sizes = []
    for seed in range(12):
        spec = DataSpec("seed-random", (("n_samples", 20_000), ("n_features", 20)), seed=seed)
        sizes.append(dataset_bytes(load_dataset(spec)))
        assert cached_bytes() <= 5 * 1024 * 1024
    assert sum(sizes) > 5 * 1024 * 1024  # without the bound they would all be kept
    assert CACHE_BYTES >= 64 * 1024 * 1024
    clear_cache()
