"""Share links and setup files: exact round trips, and clear errors for bad input."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import zlib
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from funcnet.export.share import (
    INCOMPLETE_LINK,
    MAX_JSON_BYTES,
    has_shared_setup,
    job_from_json,
    job_from_query,
    job_to_json,
    job_to_query,
)
from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job


def _craft(data: Any) -> dict[str, str]:
    """Builds a well-formed link around any JSON value, as a hand-crafted link would be."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")
    return {"v": "1", "s": packed, "c": hashlib.sha256(text.encode()).hexdigest()[:8]}


def _seed() -> dict[str, Any]:
    return copy.deepcopy(PRESETS["seed"].job.to_dict())


def _residual() -> dict[str, Any]:
    return copy.deepcopy(PRESETS["residual"].job.to_dict())


def _through_url(params: dict[str, str]) -> dict[str, str]:
    return dict(parse_qsl(urlencode(params)))


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_round_trips_through_query_params(name):
    job = PRESETS[name].job
    params = job_to_query(job)
    assert list(params) == ["v", "s", "c"]  # the checksum last, so a cut link loses it first
    assert all(isinstance(v, str) for v in params.values())
    assert len(urlencode(params)) < 2000
    restored = job_from_query(_through_url(params))
    assert restored == job
    assert restored.to_dict() == job.to_dict()


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_round_trips_through_json(name):
    job = PRESETS[name].job
    text = job_to_json(job)
    assert json.loads(text) == job.to_dict()  # exactly what `funcnet train --spec` reads
    assert job_from_json(text) == job
    assert job_from_json(text.encode("utf-8")) == job
    assert job_from_json(b"\xef\xbb\xbf" + text.encode("utf-8")) == job  # a byte-order mark


def test_equal_jobs_give_equal_links():
    assert job_to_query(PRESETS["siamese"].job) == job_to_query(
        Job.from_dict(PRESETS["siamese"].job.to_dict()))


def test_unknown_params_are_ignored_and_preset_alone_works():
    params = {**job_to_query(PRESETS["wide-deep"].job), "lang": "pt", "embed": "true"}
    assert job_from_query(params) == PRESETS["wide-deep"].job
    assert job_from_query({"preset": "siamese", "lang": "pt"}) == PRESETS["siamese"].job
    with pytest.raises(ValueError, match="names the preset 'nope', which does not exist"):
        job_from_query({"preset": "nope"})


def test_a_plain_page_url_carries_no_setup():
    assert not has_shared_setup({})
    assert not has_shared_setup({"lang": "pt"})
    assert has_shared_setup({"preset": "seed"})
    assert has_shared_setup(job_to_query(PRESETS["seed"].job))
    with pytest.raises(ValueError, match="carries no setup"):
        job_from_query({"lang": "pt"})


# ------------------------------------------------------------------ damaged links


def test_every_truncation_of_a_link_says_it_is_incomplete():
    query = urlencode(job_to_query(PRESETS["multi-output"].job))
    start = query.index("s=") + 3
    for cut in range(start, len(query)):
        params = dict(parse_qsl(query[:cut]))
        with pytest.raises(ValueError) as caught:
            job_from_query(params)
        assert str(caught.value) == INCOMPLETE_LINK, cut
    assert "cut off when copied" in INCOMPLETE_LINK


def test_a_setup_shortened_in_the_middle_is_damaged():
    params = job_to_query(PRESETS["seed"].job)
    for keep in (len(params["s"]) - 1, len(params["s"]) - 4, len(params["s"]) // 2):
        with pytest.raises(ValueError, match="changed or damaged|not a whole number"):
            job_from_query({**params, "s": params["s"][:keep]})


def test_every_changed_character_is_detected():
    params = job_to_query(PRESETS["residual"].job)
    setup = params["s"]
    for position in range(0, len(setup), 7):
        swapped = "A" if setup[position] != "A" else "B"
        tampered = {**params, "s": setup[:position] + swapped + setup[position + 1:]}
        with pytest.raises(ValueError, match="changed|damaged"):
            job_from_query(tampered)


def test_a_changed_checksum_or_setup_is_a_mismatch():
    params = job_to_query(PRESETS["seed"].job)
    other = job_to_query(PRESETS["deep"].job)
    with pytest.raises(ValueError, match="does not match its checksum"):
        job_from_query({**params, "c": other["c"]})
    with pytest.raises(ValueError, match="does not match its checksum"):
        job_from_query({**params, "s": other["s"]})
    with pytest.raises(ValueError, match="not 8 hexadecimal digits"):
        job_from_query({**params, "c": "zzzzzzzz"})


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        ("<script>alert(1)</script>", "characters a funcnet link never has"),
        ("a b", "characters a funcnet link never has"),
        ("hello", "not a whole number of encoded bytes"),
        ("helloworld", "cannot be decompressed"),
        ("", "changed or damaged after it was made: its setup ends too early"),
    ],
)
def test_garbage_links_get_a_clear_message(setup, fragment):
    with pytest.raises(ValueError, match=fragment):
        job_from_query({"s": setup, "c": "0123abcd"})


def test_oversized_links_and_decompression_bombs_are_refused():
    with pytest.raises(ValueError, match="characters long; the limit is 16,000"):
        job_from_query({"s": "A" * 20_000, "c": "0123abcd"})
    small_bomb = base64.urlsafe_b64encode(zlib.compress(b"[" * 1_000_000, 9)).decode()
    assert len(small_bomb) < 2_000  # 1 MB squeezed into a short link
    with pytest.raises(ValueError, match="expands to more than 65,536 bytes"):
        job_from_query({"s": small_bomb.rstrip("="), "c": "0123abcd"})


def test_links_from_another_version_are_named_as_such():
    params = {**job_to_query(PRESETS["seed"].job), "v": "9"}
    with pytest.raises(ValueError, match="another version of funcnet"):
        job_from_query(params)


# ------------------------------------------------------------------ invalid setups


def _mutated(change) -> dict[str, Any]:
    data = _seed()
    change(data)
    return data


def _set_node(index: int, **fields: Any):
    def change(data: dict[str, Any]) -> None:
        data["model"]["nodes"][index].update(fields)

    return change


def _residual_with(**fields: Any) -> dict[str, Any]:
    data = _residual()
    for node in data["model"]["nodes"]:
        if node["name"] in fields:
            node.update(fields[node["name"]])
    return data


def _many_nodes(count: int) -> dict[str, Any]:
    data = _seed()
    data["model"]["nodes"] = [{"name": f"n{i}", "type": "input", "columns": ["x0"]}
                              for i in range(count)]
    return data


INVALID = {
    "unknown top-level key": (_mutated(lambda d: d.update(extra=1)),
                              r"unknown key 'extra'"),
    "unknown node key": (_mutated(_set_node(1, kernel="x")), r"unknown key 'kernel'"),
    "python object": (_mutated(lambda d: d.update({"__class__": "os.system"})),
                      r"unknown key '__class__'"),
    "python object in a node": (_mutated(_set_node(1, __reduce__="os.system")),
                                r"unknown key '__reduce__'"),
    "unknown node type": (_mutated(_set_node(1, type="conv2d")), "field 'type' must be one of"),
    "unhashable activation": (_mutated(_set_node(1, activation=["relu"])),
                              "Could not interpret activation function identifier"),
    "unhashable data set": (_mutated(lambda d: d["data"].update(name=["csv"])),
                            "field 'name' must be one of"),
    "cycle": (_residual_with(stem={"inputs": ["input", "block1_b"]}),
              "closes a cycle"),
    "dangling input": (_mutated(_set_node(2, inputs=["ghost"])),
                       "names 'ghost', which is not a node"),
    "add of mismatched widths": (_residual_with(block1_b={"units": 32}),
                                 "adds branches of different widths"),
    "zero units": (_mutated(_set_node(1, units=0)), r"field 'units' must be an integer in 1\.\."),
    "a million units": (_mutated(_set_node(1, units=10**6)), "field 'units' must be an integer"),
    "65 nodes": (_many_nodes(65), "at most 64 nodes"),
    "a billion epochs": (_mutated(lambda d: d["train"].update(epochs=10**9)),
                         "field 'epochs' must be an integer in 1..500"),
    "negative learning rate": (_mutated(lambda d: d["train"].update(learning_rate=-0.1)),
                               "field 'learning_rate' must be a number"),
    "path as a CSV hash": (_mutated(lambda d: d.update(data={
        "name": "csv", "params": {"sha256": "/etc/passwd", "target": "y"}})),
        "parameter 'sha256' must be the 64-hex-digit hash"),
    "missing part": (_mutated(lambda d: d.pop("train")), "the 'train' part is missing"),
    "not an object": ([1, 2, 3], "must be a JSON object .* received a JSON array"),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_setups_in_a_link_are_rejected_with_the_reason(case):
    data, fragment = INVALID[case]
    with pytest.raises(ValueError, match=fragment):
        job_from_query(_craft(data))


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_setup_files_are_rejected_with_the_reason(case):
    data, fragment = INVALID[case]
    with pytest.raises(ValueError, match=fragment):
        job_from_json(json.dumps(data, indent=2))


def test_ten_thousand_nodes_are_refused_by_size():
    data = _many_nodes(10**4)
    with pytest.raises(ValueError, match="expands to more than|limit"):
        job_from_query(_craft(data))
    with pytest.raises(ValueError, match=r"The setup file is [\d,]+ bytes; the limit is 65,536"):
        job_from_json(json.dumps(data))


# ------------------------------------------------------------------ malformed files


def test_malformed_json_names_line_and_column():
    text = job_to_json(PRESETS["seed"].job).replace('"epochs": 10,', '"epochs": 10')
    line = text.splitlines().index('    "epochs": 10') + 2  # the next key is where it breaks
    with pytest.raises(ValueError, match=rf"not valid JSON: Expecting ',' delimiter at line "
                                         rf"{line}, column \d+"):
        job_from_json(text)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "is empty"),
        ("   \n", "is empty"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        ('{"model": NaN}', "NaN is not allowed"),
        ("[" * 50_000, "nested too deeply|not valid JSON"),
        ('"just text"', "received a JSON string"),
        ("x" * (MAX_JSON_BYTES + 1), "the limit is 65,536 bytes"),
    ],
)
def test_bad_setup_files_get_a_clear_message(content, fragment):
    with pytest.raises(ValueError, match=fragment):
        job_from_json(content)


def test_early_stopping_travels_in_links_and_old_links_still_load():
    from dataclasses import replace

    seed = PRESETS["seed"].job
    job = replace(seed, train=replace(seed.train, early_stopping_patience=5))
    assert job_from_query(_through_url(job_to_query(job))) == job
    assert job_from_json(job_to_json(job)) == job
    # A link made before the setting existed has no such key: it loads with early stopping off.
    assert job_to_query(seed) == job_to_query(replace(seed, train=replace(seed.train)))
    assert job_from_query(_through_url(job_to_query(seed))).train.early_stopping_patience == 0
