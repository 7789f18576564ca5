"""Teacher links: a class link hides what it says and nothing else, fixes the setup,
checks its challenge; the For teachers page composes such links."""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import streamlit
from apphelpers import APP, BUILD, EVALUATE, train_and_wait, widget
from streamlit.testing.v1 import AppTest

from funcnet.classroom.teacher_link import (
    CLASS_PARAM,
    Challenge,
    TeacherLink,
    class_query,
    decode_link,
    encode_link,
)
from funcnet.export.share import job_from_query
from funcnet.model.presets import PRESETS
from funcnet.ui import routes
from funcnet.ui import state as keys
from funcnet.ui.classroom import plain

ARCHITECTURE = routes.ARCHITECTURE
TEACHER = routes.TEACHER
SEED = PRESETS["seed"].job
_GENERATION = re.compile(r"^build\.w\d+\.(n\d+\.)?")


def _walk(node: Any, found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    for child in getattr(node, "children", {}).values():
        key = getattr(child, "key", None)
        if key:
            # Build & Train keys carry generation numbers, which a link restarts.
            found.add((child.type, _GENERATION.sub("build.", key)))
        elif child.type == "expander":
            found.add((child.type, child.label))
        elif child.type == "popover":
            found.add((child.type, child.proto.popover.label))
        _walk(child, found)
    return found


def controls(at: AppTest) -> set[tuple[str, str]]:
    """Every widget on the page (type, key) and every expander or popover (type, label)."""
    return _walk(at.main, set())


@pytest.fixture
def navigation(monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[str, str]]]:
    """Records, per run, the pages the app registers: (title, visibility)."""
    calls: list[list[tuple[str, str]]] = []
    real = streamlit.navigation

    def recording(pages, **kwargs):
        calls.append([(page.title, page.visibility) for page in pages])
        return real(pages, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", recording)
    return calls


def open_app(params: dict[str, str] | None = None, page: str | None = BUILD) -> AppTest:
    """A fresh session opened with `params` in its address, then on `page`."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


def test_a_class_links_home_describes_the_class_setup_it_opens():
    job = PRESETS["residual"].job
    at = open_app(class_query(TeacherLink(message="Welcome"), job), page=None)
    shown = texts(at, "markdown")
    assert "**Your class's setup**" in shown
    dense = sum(1 for node in job.model.nodes if node.type == "dense")
    assert any(f"a network of {dense} dense layers with {job.model.total_params():,} "
               "parameters" in text for text in shown), shown
    assert not any("Start where the notebook starts" in text for text in shown)
    assert at.button(key=keys.HOME_START).label == "Open the class setup"


# ------------------------------------------------------------------ hides what it says


BASELINE: dict[str, set[tuple[str, str]]] = {}


def _baseline() -> set[tuple[str, str]]:
    if "build" not in BASELINE:
        BASELINE["build"] = controls(open_app({**class_query(TeacherLink(), SEED)}))
    return BASELINE["build"]


def test_a_class_link_hides_exactly_its_controls_and_pages(navigation):
    plain = open_app()
    plain_nav = navigation[-1]
    link = TeacherLink(hidden_pages=("evaluate",), hidden_controls=("optimizer", "learning_rate"))
    at = open_app(class_query(link, SEED))
    assert controls(plain) - controls(at) == {
        ("selectbox", "build.optimizer"), ("number_input", "build.learning_rate")}
    assert controls(at) - controls(plain) == set()
    # The navigation keeps every page registered, but lists exactly the others.
    shown = [title for title, visibility in navigation[-1] if visibility == "visible"]
    assert [title for title, _ in plain_nav if title not in shown] == ["Evaluate",
                                                                          "For teachers"]
    assert all(visibility == "visible" for _, visibility in plain_nav)


# What each Build & Train control id removes from the page, and nothing more.
BUILD_CONTROLS = {
    "dataset": {("selectbox", "build.dataset"),
                ("number_input", "build.data.seed-random.n_samples"),
                ("number_input", "build.data.seed-random.n_features"),
                ("number_input", "build.data.seed-random.test_fraction")},
    "csv_upload": {("expander", "Upload your own CSV"), ("file_uploader", "build.uploader")},
    "preset": {("selectbox", "build.preset"), ("button", "build.load_preset")},
    "layers": {("number_input", "build.layers")},
    "units": {("number_input", "build.units.1"), ("number_input", "build.units.2")},
    "activations": {("selectbox", "build.activation.1"), ("selectbox", "build.activation.2")},
    "dropout": {("number_input", "build.dropout.1"), ("number_input", "build.dropout.2")},
    "output_head": {("text_input", "build.head.target_fixed"),
                    ("selectbox", "build.head.target.activation"),
                    ("selectbox", "build.head.target.loss")},
    "epochs": {("number_input", "build.epochs")},
    "batch_size": {("number_input", "build.batch_size")},
    "validation_split": {("number_input", "build.validation_split")},
    "early_stopping": {("number_input", "build.early_stopping")},
    "seeds": {("number_input", "build.data_seed"), ("number_input", "build.train_seed")},
    "share_link": {("popover", "Share")},
}


@pytest.mark.parametrize("control", list(BUILD_CONTROLS))
def test_each_build_control_hides_its_own_widgets_only(control):
    at = open_app(class_query(TeacherLink(hidden_controls=(control,)), SEED))
    assert _baseline() - controls(at) == BUILD_CONTROLS[control]
    assert controls(at) - _baseline() == set()


def test_a_hidden_page_reached_by_its_address_says_so():
    at = open_app(class_query(TeacherLink(hidden_pages=("evaluate",)), SEED), page=EVALUATE)
    assert "Your teacher hid this page for the class." in texts(at, "info")
    assert "Evaluate" not in texts(at, "title")
    at = open_app(class_query(TeacherLink(), SEED), page=TEACHER)
    assert "Your teacher hid this page for the class." in texts(at, "info")
    assert "For teachers" not in texts(at, "title")


def test_architecture_drops_the_hidden_table_epochs_and_file_tabs():
    plain = open_app(page=ARCHITECTURE)
    link = TeacherLink(hidden_controls=("node_table", "epochs", "code_export", "setup_files"))
    at = open_app(class_query(link, SEED), page=ARCHITECTURE)
    assert controls(plain) - controls(at) == {
        ("dataframe", "arch.t1.table"), ("number_input", "build.epochs"),
        ("toggle", "arch.show_code"), ("download_button", "arch.download_code"),
        ("download_button", "arch.download_simple"), ("download_button", "arch.download_setup"),
        ("file_uploader", "arch.setup_uploader")}
    assert [tab.label for tab in at.tabs] == ["Trained model"]


# ------------------------------------------------------------------ fixes the setup


def test_the_class_starts_from_the_links_setup_and_hidden_settings_keep_it():
    job = replace(SEED, train=replace(SEED.train, optimizer="sgd", learning_rate=0.05,
                                      epochs=3, batch_size=16))
    link = TeacherLink(hidden_controls=("optimizer", "learning_rate"), board="Class 3B")
    at = open_app(class_query(link, job))
    assert at.session_state[keys.SETUP] == job
    assert at.session_state[keys.CLASSROOM] == link
    assert at.session_state[keys.CLASS_BOARD] == "Class 3B"
    assert widget(at, "number_input", ".epochs").value == 3
    assert widget(at, "number_input", ".batch_size").value == 16
    widget(at, "number_input", ".epochs").set_value(5).run()
    widget(at, "number_input", ".units.1").set_value(16).run()
    train = at.session_state[keys.SETUP].train
    assert (train.optimizer, train.learning_rate, train.epochs) == ("sgd", 0.05, 5)
    assert at.session_state[keys.SETUP].model.node("dense_1").units == 16
    # The class settings stay in the address and in the student's own share link.
    shared = dict(parse_qsl(urlsplit(at.code[0].value).query))
    assert decode_link(shared[CLASS_PARAM]) == link
    assert job_from_query(shared) == at.session_state[keys.SETUP]


def test_without_a_class_link_nothing_is_hidden_and_there_is_no_board(navigation):
    at = open_app()
    assert keys.CLASSROOM not in at.session_state
    assert keys.CLASS_BOARD not in at.session_state
    assert all(visibility == "visible" for _, visibility in navigation[-1])
    assert not at.info and not at.success


# ------------------------------------------------------------------ challenge


def _balloons(at: AppTest) -> int:
    """How many balloons elements the last run drew (they live in the event block)."""
    def count(node: Any) -> int:
        own = 1 if getattr(node, "type", None) == "balloons" else 0
        return own + sum(count(child) for child in getattr(node, "children", {}).values())

    return count(at._tree)


def _train_counting_balloons(at: AppTest, epochs: int) -> tuple[Any, int]:
    """Trains (`train_and_wait`); returns the `FinishedRun` and the balloons of every run."""
    drawn: list[int] = []
    run = train_and_wait(at, epochs, on_run=lambda a: drawn.append(_balloons(a)))
    return run, sum(drawn)


def test_a_met_challenge_is_celebrated_once_and_an_unmet_one_is_not():
    met = TeacherLink(challenge=Challenge("accuracy", 0.05), message="Good luck, *class*!")
    at = open_app(class_query(met, SEED))
    assert "**Message from your teacher:** Good luck, \\*class\\*\\!" in texts(at, "info")
    assert any(text.startswith("**Class challenge:** reach Accuracy ≥ 0.05.")
               for text in texts(at, "info"))
    run, balloons = _train_counting_balloons(at, epochs=1)
    assert run.result.ok
    assert balloons == 1
    success = [text for text in texts(at, "success") if text.startswith("Challenge met: ")]
    assert success == [f"Challenge met: Accuracy {_accuracy(run):.3f} with 5,569 parameters"]
    assert any(text.startswith("**Class challenge met!**") for text in texts(at, "success"))
    at.run()  # the same run drawn again: still met, no second celebration
    assert _balloons(at) == 0
    assert any(text.startswith("Challenge met: ") for text in texts(at, "success"))

    unmet = TeacherLink(challenge=Challenge("auc", 0.5, max_params=100))
    at = open_app(class_query(unmet, SEED))
    _, balloons = _train_counting_balloons(at, epochs=1)
    assert balloons == 0
    assert not any(text.startswith("Challenge met") for text in texts(at, "success"))
    assert any("more than the 100 parameters" in text for text in texts(at, "warning"))
    assert any("Your best so far: AUC" in text and "(over the parameter limit)" in text
               for text in texts(at, "info"))


def _accuracy(run: Any) -> float:
    from funcnet.analysis.evaluation import head_summary

    head = next(iter(run.result.heads.values()))
    return head_summary(head)["accuracy"]


def _judge_script() -> None:
    import numpy as np
    import streamlit as st

    from funcnet.train.results import HeadResult, JobResult
    from funcnet.ui import classroom
    from funcnet.ui.runs import FinishedRun

    spec = st.session_state["test.job"]
    head = HeadResult("out", "regression", "y", (), np.array([1.0, 2.0]), np.array([1.1, 1.9]))
    run = FinishedRun("job-1", spec, JobResult("completed", heads={"out": head}), 0.0)
    classroom.check_challenge(run)
    classroom.banner()


def test_a_regression_run_cannot_meet_an_auc_challenge_and_says_so():
    at = AppTest.from_function(_judge_script, default_timeout=30)
    at.session_state[keys.CLASSROOM] = TeacherLink(challenge=Challenge("auc", 0.9))
    at.session_state["test.job"] = SEED
    at.run()
    assert not at.exception, at.exception
    assert any("predicts numbers (regression)" in text and "no AUC" in text
               for text in texts(at, "info"))
    assert _balloons(at) == 0
    assert keys.CLASS_BEST not in at.session_state


# ------------------------------------------------------------------ bad links


def _craft_text(text: str) -> str:
    """A `class` value around any settings text, with a valid checksum: a hand-made link."""
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
    return f"1.{packed}.{hashlib.sha256(text.encode()).hexdigest()[:8]}"


@pytest.mark.parametrize(("value", "fragment"), [
    (encode_link(TeacherLink(hidden_controls=("epochs",)))[:-3], "incomplete"),
    (encode_link(TeacherLink(hidden_controls=("epochs",)))[:-8] + "00000000", "was changed"),
    ("1.QUJD.01234567", "damaged and cannot be read"),
    # Hand-made links with valid checksums (a checksum has no secret) that crashed every page.
    (_craft_text('{"challenge":{"metric":["auc"],"minimum":0.9}}'), "metric must be one of"),
    (_craft_text('{"challenge":{"metric":"auc","minimum":1' + "0" * 400 + "}}"),
     "more than 40 digits"),
    (_craft_text('{"challenge":{"metric":"auc","minimum":1' + "0" * 4400 + "}}"),
     "number too long to read"),
    (_craft_text('{"message":"\\udfff"}'), "control character U"),
])
def test_a_tampered_class_link_warns_and_the_app_works(value, fragment, navigation):
    at = open_app({**class_query(TeacherLink(), SEED), CLASS_PARAM: value})
    warnings = texts(at, "warning")
    assert any(re.search(fragment, text) and "Its class settings are ignored" in text
               for text in warnings), warnings
    assert keys.CLASSROOM not in at.session_state
    assert all(visibility == "visible" for _, visibility in navigation[-1])
    assert controls(at) == _baseline()
    assert CLASS_PARAM not in at.query_params
    widget(at, "number_input", ".epochs").set_value(2).run()
    assert not at.exception
    assert at.session_state[keys.SETUP].train.epochs == 2


def test_link_content_quoted_in_the_warning_cannot_make_a_link():
    evil = _craft_text('{"pages":["[click me](https://evil.example)"]}')
    at = open_app({**class_query(TeacherLink(), SEED), CLASS_PARAM: evil})
    warning = next(text for text in texts(at, "warning") if "Its class settings" in text)
    assert "settings funcnet does not accept" in warning
    assert r"\[click me\]\(https" in warning  # shown as typed, not as a Markdown link
    assert "[click me](" not in warning
    assert not at.exception


# ------------------------------------------------------------------ the Teacher page


def test_the_teacher_page_composes_the_link_it_describes():
    at = open_app(page=None)
    at.switch_page(BUILD).run()
    widget(at, "number_input", ".epochs").set_value(4).run()
    at.switch_page(TEACHER).run()
    assert not at.exception, at.exception
    at.pills(key=keys.TEACHER_PAGES).set_value(["evaluate"]).run()
    at.pills(key=f"{keys.TEACHER_CONTROLS}.training").set_value(
        ["optimizer", "learning_rate"]).run()
    at.toggle(key=keys.TEACHER_CHALLENGE).set_value(True).run()
    at.number_input(key=keys.TEACHER_MINIMUM).set_value(0.85).run()
    at.number_input(key=keys.TEACHER_MAX_PARAMS).set_value(2000).run()
    at.toggle(key=keys.TEACHER_BOARD_ON).set_value(True).run()
    at.text_input(key=keys.TEACHER_BOARD).input("Class 3B").run()
    at.text_input(key=keys.TEACHER_MESSAGE).input("  Have fun  ").run()
    assert not at.exception, at.exception
    url = at.code[-1].value
    params = dict(parse_qsl(urlsplit(url).query))
    assert list(params) == ["lang", CLASS_PARAM, "v", "s", "c"]
    link = decode_link(params[CLASS_PARAM])
    assert re.fullmatch(r"Class 3B-[0-9a-f]{6}", link.board or ""), link.board
    assert link == TeacherLink(
        ("evaluate",), ("optimizer", "learning_rate"), Challenge("auc", 0.85, 2000), link.board,
        "Have fun")
    assert any(f"The class board is **{plain(link.board)}**" in text
               for text in texts(at, "caption"))
    assert job_from_query(params).train.epochs == 4
    assert [b.proto.url for b in at.get("link_button")] == [url]
    said = " ".join(texts(at, "markdown"))
    assert "do not see: Evaluate, Optimizer, Learning rate." in said
    assert "reach AUC ≥ 0.85 with at most 2,000 parameters" in said
    # The choices survive a visit to another page.
    at.switch_page(BUILD).run()
    at.switch_page(TEACHER).run()
    assert decode_link(dict(parse_qsl(urlsplit(at.code[-1].value).query))[CLASS_PARAM]) \
        .hidden_controls == ("optimizer", "learning_rate")


def _board_of(at: AppTest) -> str | None:
    return decode_link(dict(parse_qsl(urlsplit(at.code[-1].value).query))[CLASS_PARAM]).board


def test_two_teachers_who_pick_the_same_board_name_get_two_boards():
    boards = []
    for _ in range(2):
        at = open_app(page=TEACHER)
        at.toggle(key=keys.TEACHER_BOARD_ON).set_value(True).run()
        at.text_input(key=keys.TEACHER_BOARD).input("Turma A").run()
        boards.append(_board_of(at))
        # The ending stays while the teacher edits the name, so links agree.
        at.text_input(key=keys.TEACHER_BOARD).input("Turma A2").run()
        assert _board_of(at) == boards[-1].replace("Turma A", "Turma A2")
        # A full name from an earlier link is kept, to reuse that board.
        at.text_input(key=keys.TEACHER_BOARD).input("Turma A-0a1b2c").run()
        assert _board_of(at) == "Turma A-0a1b2c"
        # The longest name still fits a link with its ending.
        at.text_input(key=keys.TEACHER_BOARD).input("x" * 40).run()
        assert not at.exception and not at.error
        assert _board_of(at) == "x" * 33 + boards[-1][-7:]
    assert all(re.fullmatch(r"Turma A-[0-9a-f]{6}", board or "") for board in boards)
    assert boards[0] != boards[1]
