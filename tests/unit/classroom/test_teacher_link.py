"""Teacher links: exact round trips, validation of every field, tamper and cut detection."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import zlib
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from funcnet.classroom.teacher_link import (
    CLASS_PARAM,
    CONTROL_GROUPS,
    CONTROLS,
    MAX_BOARD_CHARS,
    MAX_JSON_BYTES,
    MAX_MESSAGE_CHARS,
    MAX_PARAM_CHARS,
    METRICS,
    PAGES,
    Challenge,
    ClassLinkError,
    TeacherLink,
    check_board_name,
    class_query,
    decode_link,
    encode_link,
    judge,
)
from funcnet.export.share import LinkError, job_from_query, open_packed
from funcnet.model.presets import PRESETS
from funcnet.ui.texts import TEXTS

FULL = TeacherLink(
    hidden_pages=("evaluate", "lessons"),
    hidden_controls=("learning_rate", "optimizer", "units"),
    challenge=Challenge("auc", 0.9, 2000),
    board="Turma 3º B",
    message="Beat the notebook with fewer parameters — 😀",
)


def _craft(data: Any) -> str:
    """A well-formed `class` value around any JSON value, as a hand-made link would be."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")
    return f"1.{packed}.{hashlib.sha256(text.encode()).hexdigest()[:8]}"


def _reason(value: Any) -> str:
    with pytest.raises(ClassLinkError) as caught:
        decode_link(value)
    return caught.value.reason


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("link", [
    TeacherLink(),
    FULL,
    TeacherLink(hidden_pages=tuple(PAGES), hidden_controls=tuple(CONTROLS),
                challenge=Challenge("accuracy", 1.0), board="b" * MAX_BOARD_CHARS,
                message="m" * MAX_MESSAGE_CHARS),
])
def test_a_link_round_trips_through_a_url(link):
    value = encode_link(link)
    assert value.startswith("1.")
    through = dict(parse_qsl(urlencode({CLASS_PARAM: value})))[CLASS_PARAM]
    assert through == value  # nothing in it needs escaping
    restored = decode_link(through)
    assert restored == link
    assert restored.to_dict() == link.to_dict()


def test_the_largest_link_stays_well_under_the_cap():
    largest = TeacherLink(tuple(PAGES), tuple(CONTROLS), Challenge("accuracy", 0.123, 99_999_999),
                          "b" * MAX_BOARD_CHARS, "ç" * MAX_MESSAGE_CHARS)
    assert len(encode_link(largest)) < MAX_PARAM_CHARS // 2


def test_ids_are_kept_in_registry_order_so_equal_links_encode_equally():
    shuffled = TeacherLink(("lessons", "evaluate"), ["units", "optimizer", "learning_rate"],
                           FULL.challenge, FULL.board, FULL.message)
    assert shuffled.hidden_pages == ("lessons", "evaluate")
    assert shuffled.hidden_controls == ("units", "optimizer", "learning_rate")
    assert shuffled == FULL
    assert encode_link(shuffled) == encode_link(FULL)


def test_the_class_query_carries_the_setup_with_its_checksum_last():
    job = PRESETS["residual"].job
    params = class_query(FULL, job)
    assert list(params) == [CLASS_PARAM, "v", "s", "c"]
    assert decode_link(params[CLASS_PARAM]) == FULL
    assert job_from_query(params) == job


def test_a_repeated_parameter_counts_as_its_last_value():
    assert decode_link(["garbage", encode_link(FULL)]) == FULL


# ------------------------------------------------------------------ shows / registries


def test_shows_answers_for_exactly_the_hidden_controls_and_pages():
    assert [c for c in CONTROLS if not FULL.shows(c)] == ["units", "optimizer", "learning_rate"]
    assert [p for p in PAGES if not FULL.shows_page(p)] == ["lessons", "evaluate"]
    with pytest.raises(KeyError, match="Unknown control 'optimiser'"):
        FULL.shows("optimiser")
    with pytest.raises(KeyError, match="Unknown page 'home'"):
        FULL.shows_page("home")


def test_every_control_and_page_has_a_group_and_texts():
    assert "home" not in PAGES and "teacher" not in PAGES
    for control in CONTROLS.values():
        assert control.group in CONTROL_GROUPS
        assert control.text_id in TEXTS
    for text_id in [*CONTROL_GROUPS.values(), *PAGES.values(), *METRICS.values()]:
        assert text_id in TEXTS


# ------------------------------------------------------------------ field validation


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"hidden_pages": ("home",)}, "Unknown page 'home'"),
    ({"hidden_pages": ("teacher",)}, "Unknown page 'teacher'"),
    ({"hidden_pages": ("build", "build")}, "listed twice"),
    ({"hidden_pages": "build"}, "must be a list of ids"),
    ({"hidden_pages": (3,)}, "page id must be text"),
    ({"hidden_controls": ("optimiser",)}, "Unknown control 'optimiser'; known controls: "
                                          "dataset"),
    ({"hidden_controls": ("epochs", "epochs")}, "listed twice"),
    ({"board": ""}, "board name is empty"),
    ({"board": " Class"}, "must not start or end with spaces"),
    ({"board": "b" * (MAX_BOARD_CHARS + 1)}, "the limit is 40"),
    ({"board": "a\nb"}, "control character U\\+000A"),
    ({"board": 7}, "board name must be text"),
    ({"message": "m" * (MAX_MESSAGE_CHARS + 1)}, "the limit is 280"),
    ({"message": "evil \u202e txt"}, "control character U\\+202E"),
    ({"message": "   "}, "message to the class is empty"),
    ({"challenge": {"metric": "auc"}}, "must be a Challenge"),
])
def test_bad_link_fields_are_named(kwargs, fragment):
    with pytest.raises(ClassLinkError, match=fragment) as caught:
        TeacherLink(**kwargs)
    assert caught.value.reason == "invalid"


@pytest.mark.parametrize(("args", "fragment"), [
    (("f1", 0.9), "metric must be one of auc, accuracy"),
    (("auc", 0.0), "above 0 and at most 1"),
    (("auc", 1.01), "above 0 and at most 1"),
    (("auc", math.nan), "above 0 and at most 1"),
    (("auc", "0.9"), "minimum must be a number"),
    (("auc", True), "minimum must be a number"),
    (("auc", 0.9, 0), "whole number from 1"),
    (("auc", 0.9, 2.5), "whole number from 1"),
    (("auc", 0.9, True), "whole number from 1"),
    (("auc", 0.9, 100_000_001), "whole number from 1"),
])
def test_bad_challenges_are_named(args, fragment):
    with pytest.raises(ClassLinkError, match=fragment):
        Challenge(*args)


@pytest.mark.parametrize(("data", "fragment"), [
    ([], "must be an object"),
    ({"pages": [], "extra": 1}, "unknown fields: 'extra'"),
    ({"pages": ["nope"]}, "Unknown page 'nope'"),
    ({"controls": ["optimizer", "root_access"]}, "Unknown control 'root_access'"),
    ({"challenge": {"metric": "auc"}}, "lacks the fields: minimum"),
    ({"challenge": {"metric": "auc", "minimum": 0.9, "bonus": 1}}, "unknown fields: 'bonus'"),
    ({"challenge": {"metric": "auc", "minimum": 2}}, "at most 1"),
    ({"challenge": "auc>0.9"}, "challenge must be an object"),
    ({"board": ["a"]}, "board name must be text"),
])
def test_hand_made_links_with_bad_settings_are_rejected_by_name(data, fragment):
    with pytest.raises(ClassLinkError, match=fragment) as caught:
        decode_link(_craft(data))
    assert caught.value.reason == "invalid"


def test_a_hand_made_link_with_only_some_fields_is_accepted():
    assert decode_link(_craft({"controls": ["epochs"]})) == TeacherLink(hidden_controls=("epochs",))


# ------------------------------------------------------------------ tamper and truncation


def test_every_cut_of_a_link_is_detected_as_incomplete():
    value = encode_link(FULL)
    for end in range(len(value)):
        assert _reason(value[:end]) == "incomplete", value[:end]


def test_every_changed_character_is_detected():
    value = encode_link(FULL)
    body_start = 2
    for i in range(body_start, len(value)):
        if value[i] == ".":
            continue
        swapped = "A" if value[i] != "A" else "B"
        changed = value[:i] + swapped + value[i + 1:]
        assert _reason(changed) in ("changed", "damaged"), i


def test_a_changed_checksum_or_setting_is_a_mismatch():
    value = encode_link(FULL)
    head, packed, check = value.split(".")
    other = encode_link(TeacherLink(hidden_controls=("epochs",))).split(".")[1]
    assert _reason(f"{head}.{other}.{check}") == "changed"
    assert _reason(f"{head}.{packed}.{'0' * 8 if check != '0' * 8 else '1' * 8}") == "changed"
    assert _reason(f"{head}.{packed}.ZZZZZZZZ") == "changed"


@pytest.mark.parametrize(("value", "reason"), [
    ("", "incomplete"),
    ("1", "incomplete"),
    ("1.eNoDAAAAAAE", "incomplete"),
    ("2.abc.01234567", "version"),
    ("x.abc.01234567", "changed"),
    (".abc.01234567", "changed"),
    ("1.abc.def.01234567", "changed"),
    ("1.a b.01234567", "changed"),
    ("1..01234567", "changed"),
    ("1.abcd.0123", "incomplete"),
    ("1.abcd.0123456789", "changed"),
    ("1.abcde.01234567", "damaged"),
    ("1.QUJD.01234567", "damaged"),
    (7, "changed"),
])
def test_garbage_gets_a_reason(value, reason):
    assert _reason(value) == reason


def test_size_caps_hold_before_and_after_decompression():
    assert _reason("1." + "A" * MAX_PARAM_CHARS + ".01234567") == "too_long"
    bomb_text = json.dumps({"message": "x" * (MAX_JSON_BYTES * 4)})
    packed = base64.urlsafe_b64encode(zlib.compress(bomb_text.encode(), 9)).decode().rstrip("=")
    assert len(packed) < MAX_PARAM_CHARS
    with pytest.raises(ClassLinkError, match="expands to more than 8,192 bytes") as caught:
        decode_link(f"1.{packed}.{hashlib.sha256(bomb_text.encode()).hexdigest()[:8]}")
    assert caught.value.reason == "damaged"


def test_non_json_constants_and_deep_nesting_are_rejected():
    assert _reason(_craft_text('{"board": NaN}')) == "invalid"
    assert _reason(_craft_text("[" * 5000 + "]" * 5000)) in ("invalid", "damaged")


def _craft_text(text: str) -> str:
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
    return f"1.{packed}.{hashlib.sha256(text.encode()).hexdigest()[:8]}"


# Wrong values of every JSON type, for every field: a hand-made link has a valid checksum
# (it has no secret), so each of these reaches validation.
_WRONG_VALUES: list[Any] = [
    None, True, False, 0, -1, 7, 2.5, -0.0, 1e308, 10**400, -(10**400), "", " ", "auc", "x" * 500,
    "\ud800", "a\u202eb", "[click me](https://evil.example)", [], [None], [1], [[]], [{}],
    ["auc"], {}, {"a": 1}, {"metric": "auc"}, [[["deep"]]],
]
_FIELDS = ("pages", "controls", "challenge", "board", "message")
_CHALLENGE_FIELDS = ("metric", "minimum", "max_params")


def _malformed_settings() -> list[Any]:
    cases: list[Any] = list(_WRONG_VALUES)  # the whole settings of a wrong type
    for field in _FIELDS:
        cases += [{field: value} for value in _WRONG_VALUES]
        cases += [{field: [value]} for value in _WRONG_VALUES]  # a wrong item in a list
    base = {"metric": "auc", "minimum": 0.9, "max_params": 2000}
    for field in _CHALLENGE_FIELDS:
        cases += [{"challenge": {**base, field: value}} for value in _WRONG_VALUES]
    cases += [{"challenge": {field: value}} for field in _CHALLENGE_FIELDS
              for value in _WRONG_VALUES]
    cases += [{value: 1} for value in ("", "\ud800", "[x](y)", "pages ")]  # unknown keys
    return cases


def test_no_checksummed_payload_escapes_as_anything_but_a_class_link_error():
    accepted = 0
    for data in _malformed_settings():
        value = _craft(data)
        try:
            link = decode_link(value)
        except ClassLinkError as error:
            assert error.reason == "invalid", (data, error)
            str(error).encode("utf-8")  # shown on the page: no lone surrogates
            continue
        # What is accepted must work everywhere a link goes: the URL and the page.
        accepted += 1
        assert decode_link(encode_link(link)) == link, data
    assert accepted < 40  # almost every case is wrong; the few right ones are e.g. {"pages": []}


@pytest.mark.parametrize("text", [
    '{"challenge":{"metric":["auc"],"minimum":0.9}}',
    '{"challenge":{"metric":{},"minimum":0.9}}',
    '{"challenge":{"metric":"auc","minimum":1' + "0" * 400 + "}}",
    '{"challenge":{"metric":"auc","minimum":-1' + "0" * 400 + "}}",
    '{"challenge":{"metric":"auc","minimum":1e400}}',
    '{"challenge":{"metric":"auc","minimum":1' + "0" * 4400 + "}}",
    '{"challenge":{"metric":"auc","minimum":0.9,"max_params":1' + "0" * 4400 + "}}",
    '{"pages":[1' + "0" * 4300 + "]}",
    '{"board":"\\ud800"}',
    '{"message":"hi \\udfff"}',
    "[" * 900 + "]" * 900,
    '{"pages":' + "[" * 900 + "]" * 900 + "}",
])
def test_hand_made_numbers_types_and_text_that_crashed_pages_are_invalid(text):
    assert _reason(_craft_text(text)) == "invalid"


def test_a_huge_number_is_described_not_printed():
    with pytest.raises(ClassLinkError, match="a number of more than 40 digits"):
        Challenge("auc", 10**5000)
    with pytest.raises(ClassLinkError, match="whole number from 1"):
        Challenge("auc", 0.9, 10**5000)


# ------------------------------------------------------------------ one packed-link sequence


def test_class_and_share_links_are_opened_by_the_same_checks():
    packed, check = encode_link(FULL).split(".")[1:]
    assert open_packed(packed, check, what="class settings", max_bytes=MAX_JSON_BYTES) \
        == json.dumps(FULL.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for bad_packed, bad_check, reason in [
        (packed, check[:5], "incomplete"),
        (packed, None, "incomplete"),
        (packed + "!", check, "changed"),
        (packed, "xyz01234", "changed"),
        (encode_link(TeacherLink()).split(".")[1], check, "changed"),
        ("QUJD", check, "damaged"),
    ]:
        with pytest.raises(LinkError) as caught:
            open_packed(bad_packed, bad_check, what="class settings", max_bytes=MAX_JSON_BYTES)
        assert caught.value.reason == reason, (bad_packed, bad_check)
        assert _reason(f"1.{bad_packed}.{bad_check or ''}") in (reason, "incomplete")


# ------------------------------------------------------------------ board names


@pytest.mark.parametrize(("name", "usable"), [
    ("Turma 3º B-1a2b3c", True),
    ("b" * MAX_BOARD_CHARS, True),
    ("b" * (MAX_BOARD_CHARS + 1), False),  # the old class board rule allowed 60
    ("Class\u202e3B", False),  # printable, but flips the text around it
    ("Class\u2066 3B", False),
    (" Class 3B", False),
    ("", False),
    ("a\tb", False),
    (["Class"], False),
    (None, False),
])
def test_board_names_follow_one_rule_in_links_and_in_the_run_history(name, usable):
    from funcnet.ui.run_history import valid_class_name

    if usable:
        assert check_board_name(name) == name
        assert TeacherLink(board=name).board == name
        assert valid_class_name(name) == name
    else:
        with pytest.raises(ClassLinkError):
            check_board_name(name)
        assert valid_class_name(name) is None


# ------------------------------------------------------------------ challenges


def test_a_challenge_is_met_as_the_score_is_shown():
    challenge = Challenge("auc", 0.9, 2000)
    assert challenge.is_met(0.93, 1857)
    assert challenge.is_met(0.8996, 2000)  # shown as 0.900
    assert not challenge.is_met(0.8994, 1857)  # shown as 0.899
    assert not challenge.is_met(0.99, 2001)
    assert not challenge.is_met(math.nan, 10)
    assert not challenge.is_met(None, 10)
    assert Challenge("accuracy", 0.5).is_met(0.5, 10**9)


def test_the_best_attempt_prefers_met_then_within_limit_then_score_then_size():
    challenge = Challenge("auc", 0.9, 2000)
    met_small = judge(challenge, 0.91, 1500)
    met_bigger = judge(challenge, 0.91, 1900)
    met_better = judge(challenge, 0.95, 1900)
    close = judge(challenge, 0.89, 1000)
    too_big = judge(challenge, 0.99, 5000)
    undefined = judge(challenge, math.nan, 100)
    assert (met_small.met, close.met, too_big.met) == (True, False, False)
    assert not too_big.within_limit and close.within_limit
    assert met_small.beats(None)
    assert met_small.beats(close) and not close.beats(met_small)
    assert met_better.beats(met_small)
    assert met_small.beats(met_bigger) and not met_bigger.beats(met_small)
    assert close.beats(too_big)
    assert too_big.beats(undefined) is False and close.beats(undefined)


def test_the_challenge_reads_the_first_classification_head():
    import numpy as np

    from funcnet.train.results import HeadResult, JobResult
    from funcnet.ui.classroom import first_classification_score
    from funcnet.ui.runs import FinishedRun

    amount = HeadResult("amount", "regression", "y", (), np.array([1.0, 2.0]), np.array([1.0, 2.5]))
    kind = HeadResult("kind", "binary", "k", ("no", "yes"), np.array([0, 1, 1, 0]),
                      np.array([0.2, 0.9, 0.4, 0.6]))
    mixed = FinishedRun("a", PRESETS["seed"].job,
                        JobResult("completed", heads={"amount": amount, "kind": kind}), 0.0)
    assert first_classification_score(mixed, "accuracy") == pytest.approx(0.5)
    assert first_classification_score(mixed, "auc") == pytest.approx(0.75)
    regression = FinishedRun("b", PRESETS["seed"].job,
                             JobResult("completed", heads={"amount": amount}), 0.0)
    assert first_classification_score(regression, "auc") is None
