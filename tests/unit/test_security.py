"""Security: server settings, no unsafe loaders, pinned Keras, setups that name nothing.

A classroom server takes files and links from anyone in the room. These
tests pin down what protects it: the Streamlit settings, that no module
ever unpickles, evaluates or loads a model from user data, the Keras
version, and that a setup (file or link) cannot point at a Python object
or a file on the server.
"""

from __future__ import annotations

import builtins
import copy
import io
import json
import re
import tokenize
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from funcnet.data import datasets as data_module
from funcnet.data.datasets import MAX_CSV_BYTES, load_dataset, store_upload
from funcnet.export.share import job_from_json, job_from_query, job_to_query
from funcnet.model.presets import PRESETS
from funcnet.model.spec import DataSpec, Job

ROOT = Path(__file__).resolve().parents[2]
SAFE_KERAS = Version("3.13.2")


# ------------------------------------------------------------------ server settings


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as stream:
        return tomllib.load(stream)


def test_uploads_are_capped_small_and_the_server_checks_the_same_cap(config):
    limit_mb = config["server"]["maxUploadSize"]
    assert 1 <= limit_mb <= 64  # wide data (a 784-pixel CSV of 25 MB) fits, no more
    # The server-side check is never looser than the browser's.
    assert limit_mb * 1024 * 1024 >= MAX_CSV_BYTES


def test_the_page_answers_an_oversized_upload_before_the_server_refuses_it(config):
    # Streamlit's own refusal reads "AxiosError: Request failed with status code 413": the
    # server limit sits above the page's check, so the page explains it first.
    assert config["server"]["maxUploadSize"] * 1024 * 1024 >= 2 * MAX_CSV_BYTES


def test_error_details_are_hidden_and_xsrf_protection_is_on(config):
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True


# ------------------------------------------------------------------ no unsafe loaders

UNSAFE_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "joblib", "cloudpickle"}


def unsafe_calls(source: str) -> list[str]:
    """Returns the unsafe loads in Python `source`, looking at code only.

    Strings and comments are skipped, so generated code in templates (and
    help texts naming `load_model`) are not findings.
    """
    tokens = [tok for tok in tokenize.generate_tokens(io.StringIO(source).readline)
              if tok.type in (tokenize.NAME, tokenize.OP, tokenize.NUMBER)]
    words = [tok.string for tok in tokens]
    found = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i else ""
        line = tokens[i].start[0]
        if word in UNSAFE_MODULES:
            found.append(f"line {line}: uses {word}")
        elif word in ("eval", "exec", "__import__", "compile") and nxt == "(" and prev != ".":
            found.append(f"line {line}: calls {word}()")
        elif word in ("load_model", "load_weights", "model_from_json"):
            found.append(f"line {line}: uses {word}")
        elif word == "load" and prev == "." and i >= 2 and words[i - 2] == "yaml":
            found.append(f"line {line}: calls yaml.load")
        elif word == "allow_pickle" and nxt == "=" and words[i + 2] == "True":
            found.append(f"line {line}: allow_pickle=True")
    return found


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "app_pages").rglob("*.py")),
             *sorted((ROOT / "funcnet").rglob("*.py"))]
    assert len(files) > 20
    return files


def test_the_scanner_finds_each_unsafe_load():
    planted = (
        "import pickle\n"
        "x = eval(text)\n"
        "exec(code)\n"
        "m = keras.saving.load_model(path)\n"
        "y = yaml.load(stream)\n"
        "a = np.load(f, allow_pickle=True)\n"
    )
    assert len(unsafe_calls(planted)) == 6
    # Text that only mentions them, and look-alike names, are fine.
    harmless = ('help = "keras.models.load_model(path)"  # eval(x)\n'
                "model.evaluate(x)\nsteps_per_execution(1)\nnp.load(f, allow_pickle=False)\n")
    assert unsafe_calls(harmless) == []


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_unpickles_evaluates_or_loads_a_model(path):
    assert unsafe_calls(path.read_text(encoding="utf-8")) == []


def test_the_exported_script_never_loads_what_it_is_given():
    from funcnet.export.codegen import generate_script

    for preset in PRESETS.values():
        script = generate_script(preset.job)
        assert not re.search(r"pickle|\beval\(|\bexec\(|allow_pickle\s*=\s*True|yaml\.load",
                             script)


# ------------------------------------------------------------------ pinned Keras


def _requirements(name: str, package: str) -> list[Requirement]:
    lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
    return [Requirement(line) for line in lines
            if line and not line.startswith("-") and Requirement(line).name == package]


def test_keras_is_pinned_at_a_version_without_the_safe_mode_bypasses():
    # The range funcnet means (requirements.in) excludes the unsafe releases ...
    ranges = _requirements("requirements.in", "keras")
    assert len(ranges) == 1
    assert not ranges[0].specifier.contains("3.13.1")
    assert ranges[0].specifier.contains(str(SAFE_KERAS))
    # ... and the compiled pin (requirements.txt) is one exact safe version inside it.
    pins = _requirements("requirements.txt", "keras")
    assert len(pins) == 1 and str(pins[0].specifier).startswith("==")
    pinned = str(pins[0].specifier).removeprefix("==")
    assert Version(pinned) >= SAFE_KERAS and ranges[0].specifier.contains(pinned)
    installed = version("keras")
    assert installed == pinned


# ------------------------------------------------------------------ setups name nothing


def _seed() -> dict[str, Any]:
    return copy.deepcopy(PRESETS["seed"].job.to_dict())


def _with(change) -> dict[str, Any]:
    data = _seed()
    change(data)
    return data


def _craft(data: Any) -> dict[str, str]:
    """A link with a valid encoding and checksum around any JSON value."""
    import base64
    import hashlib
    import zlib

    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")
    return {"v": "1", "s": packed, "c": hashlib.sha256(text.encode()).hexdigest()[:8]}


def _csv(params: dict[str, Any]) -> dict[str, Any]:
    return _with(lambda d: d.update(data={"name": "csv", "params": params}))


NAMING = {
    "python object at the top": _with(lambda d: d.update({"__class__": "os.system"})),
    "python object as a node": _with(lambda d: d["model"]["nodes"].append(
        {"__class__": "os.system", "args": ["id"]})),
    "python object as activation": _with(lambda d: d["model"]["nodes"][1].update(
        activation="os.system")),
    "python object as optimizer": _with(lambda d: d["train"].update(
        optimizer="keras.saving.load_model")),
    "python object as loss": _with(lambda d: d["model"]["nodes"][3].update(
        loss="builtins.eval")),
    "module path as data set": _with(lambda d: d["data"].update(name="os.system")),
    "file path as data set": _with(lambda d: d["data"].update(name="../../etc/passwd")),
    "absolute path as data set": _with(lambda d: d["data"].update(name="/etc/passwd")),
    "relative path as csv hash": _csv({"sha256": "../../etc/passwd", "target": "y"}),
    "absolute path as csv hash": _csv({"sha256": "/etc/passwd", "target": "y"}),
    "hash with a path suffix": _csv({"sha256": "a" * 64 + "/../../etc/passwd", "target": "y"}),
    "extra data parameter": _csv({"sha256": "a" * 64, "target": "y", "path": "/etc/passwd"}),
    "keras config object": _with(lambda d: d["model"]["nodes"][1].update(
        activation={"class_name": "Lambda", "config": {"function": "os.system"}})),
}


class _Reads:
    """Records every file opened for reading while a test runs."""

    def __init__(self) -> None:
        self.paths: list[str] = []


@pytest.fixture
def reads(monkeypatch, tmp_path) -> _Reads:
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path / "uploads"))
    record = _Reads()
    real_open = builtins.open
    real_read_bytes = Path.read_bytes

    def spy_open(file, mode="r", *args, **kwargs):
        if isinstance(file, str | Path) and "r" in mode:
            record.paths.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def spy_read_bytes(self):
        record.paths.append(str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", spy_read_bytes)
    return record


@pytest.mark.parametrize("case", list(NAMING))
def test_a_setup_file_or_link_cannot_name_an_object_or_a_path(case, reads):
    data = NAMING[case]
    with pytest.raises(ValueError) as from_file:
        job_from_json(json.dumps(data))
    with pytest.raises(ValueError) as from_link:
        job_from_query(_craft(data))
    for error in (from_file.value, from_link.value):
        assert str(error).strip()  # a message, not an empty error
    assert not any("passwd" in p or p.startswith("/etc") for p in reads.paths), reads.paths


def test_a_data_spec_cannot_reach_outside_the_upload_folder(reads):
    for sha in ("../../etc/passwd", "/etc/passwd", "..", "a" * 63 + "/", "A" * 64):
        with pytest.raises(ValueError, match="64-hex-digit hash"):
            DataSpec("csv", (("sha256", sha), ("target", "y")))
    assert reads.paths == []


def test_a_csv_is_read_only_from_the_upload_folder_by_its_hash(reads):
    content = ("a,b,y\n" + "".join(f"{i % 5},{i % 3},{i % 2}\n" for i in range(40))).encode()
    info = store_upload(content, "../../etc/passwd")  # the name is only shown, never used
    assert (data_module.upload_dir() / f"{info.sha256}.csv").read_bytes() == content
    reads.paths.clear()
    data_module.clear_cache()
    load_dataset(DataSpec("csv", (("sha256", info.sha256), ("target", "y"))))
    assert reads.paths and all(Path(p).parent == data_module.upload_dir() for p in reads.paths)
    # A hash of a file that was never uploaded reads nothing else either.
    reads.paths.clear()
    with pytest.raises(ValueError, match="no longer on the server"):
        load_dataset(DataSpec("csv", (("sha256", "b" * 64), ("target", "y"))))
    assert all(Path(p).parent == data_module.upload_dir() for p in reads.paths)


def test_a_good_link_still_round_trips(reads):
    job = PRESETS["siamese"].job
    assert job_from_query(job_to_query(job)) == job
    assert isinstance(job_from_json(json.dumps(job.to_dict())), Job)
