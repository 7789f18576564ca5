"""Uploads stay under a quota (files and bytes), oldest first; a run whose upload went says so."""

from __future__ import annotations

import os

import pytest

from funcnet.data.datasets import clear_cache, load_dataset, store_upload
from funcnet.data.upload import enforce_quota, upload_quota
from funcnet.messages import InputError
from funcnet.model.spec import DataSpec


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "uploads"
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(path))
    clear_cache()
    yield path
    clear_cache()


def _content(i: int, rows: int = 20) -> bytes:
    return ("a,b,label\n" + "".join(f"{i},{r % 5},{r % 2}\n" for r in range(rows))).encode()


def _age(folder, info, seconds):
    path = folder / f"{info.sha256}.csv"
    os.utime(path, (path.stat().st_atime - seconds, path.stat().st_mtime - seconds))


def test_the_oldest_upload_goes_first_when_the_count_is_over(folder, monkeypatch):
    monkeypatch.setenv("FUNCNET_MAX_UPLOADS", "3")
    infos = []
    for i in range(3):
        infos.append(store_upload(_content(i), f"f{i}.csv"))
        _age(folder, infos[-1], 100 - i * 10)  # the first is the oldest
    newest = store_upload(_content(9), "new.csv")
    kept = {p.stem for p in folder.glob("*.csv")}
    assert kept == {infos[1].sha256, infos[2].sha256, newest.sha256}
    with pytest.raises(InputError) as caught:  # a run naming the evicted upload says so
        load_dataset(DataSpec("csv", (("sha256", infos[0].sha256), ("target", "label"))))
    assert caught.value.code == "csv.gone" and "quota" in str(caught.value)


def test_bytes_are_bounded_too(folder, monkeypatch):
    monkeypatch.setenv("FUNCNET_UPLOAD_QUOTA_MB", "1")
    for i in range(6):
        store_upload(_content(i, rows=30_000), f"big{i}.csv")  # ~0.3 MB each
        total = sum(p.stat().st_size for p in folder.glob("*.csv"))
        assert total <= 1024 * 1024
    assert len(list(folder.glob("*.csv"))) >= 1


def test_uploading_again_makes_a_file_the_newest(folder, monkeypatch):
    monkeypatch.setenv("FUNCNET_MAX_UPLOADS", "2")
    first = store_upload(_content(1), "a.csv")
    _age(folder, first, 100)
    second = store_upload(_content(2), "b.csv")
    _age(folder, second, 50)
    store_upload(_content(1), "a.csv")  # the same bytes again: touched, not duplicated
    store_upload(_content(3), "c.csv")
    assert {p.stem for p in folder.glob("*.csv")} == {first.sha256,
                                                      store_upload(_content(3), "c").sha256}


def test_the_file_just_stored_is_never_removed(folder, monkeypatch):
    monkeypatch.setenv("FUNCNET_UPLOAD_QUOTA_MB", "1")
    info = store_upload(_content(1, rows=30_000), "x.csv")
    monkeypatch.setenv("FUNCNET_MAX_UPLOADS", "1")
    assert enforce_quota(keep=folder / f"{info.sha256}.csv") == []


@pytest.mark.parametrize("value", ["", "0", "-3", "lots", "9" * 20])
def test_a_bad_quota_setting_keeps_the_default(value):
    assert upload_quota({"FUNCNET_MAX_UPLOADS": value}) == (200, 500 * 1024 * 1024)
