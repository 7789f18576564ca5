"""Links far longer than any funcnet makes: the page says so and starts from the default.

A real server refuses a request line past its own limit before funcnet runs
(tests/e2e/test_address_bar.py tries one within it); here the page itself
is given every oversized parameter it reads.
"""

from __future__ import annotations

import random
import string

import pytest
from apphelpers import APP, BUILD
from streamlit.testing.v1 import AppTest

from funcnet.classroom.teacher_link import CLASS_PARAM
from funcnet.export.share import MAX_SETUP_CHARS, job_to_query
from funcnet.model.presets import PRESETS
from funcnet.ui import state as keys


def setup_of(at: AppTest) -> object:
    return at.session_state[keys.SETUP]


def _open(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    at.switch_page(BUILD).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("length", [MAX_SETUP_CHARS + 1, 20_000, 500_000])
def test_a_setup_past_the_link_limit_is_named_and_the_default_is_used(length):
    params = job_to_query(PRESETS["siamese"].job)
    params["s"] = (params["s"] * (length // len(params["s"]) + 1))[:length]
    at = _open(params)
    warnings = " ".join(w.value for w in at.warning)
    assert "could not be used" in warnings
    assert f"This link's setup is {length:,} characters long; the limit is " \
           f"{MAX_SETUP_CHARS:,}" in warnings, warnings
    assert setup_of(at) == PRESETS["seed"].job
    assert not at.error
    # The address bar now holds a link to what is shown, not the oversized one.
    shown = at.query_params["s"]
    assert (shown[0] if isinstance(shown, list) else shown) == job_to_query(
        PRESETS["seed"].job)["s"]


@pytest.mark.parametrize("param", ["lang", CLASS_PARAM, "utm_source"])
def test_any_other_oversized_parameter_leaves_the_page_working(param):
    at = _open({param: "x" * 200_000})
    assert setup_of(at) == PRESETS["seed"].job
    assert at.button  # the page is drawn
    if param == CLASS_PARAM:
        assert any("class link" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_setup_too_large_for_a_link_gets_no_link_and_the_share_popover_says_why():
    # A CSV of 199 long column names makes a setup of more link characters than a link
    # holds: a link funcnet would refuse to open. None is handed out; the setup file is the way.
    letters = random.Random(0)
    names = [f"c{i:03d}_" + "".join(letters.choice(string.ascii_letters) for _ in range(150))
             for i in range(199)]
    rows = "".join(",".join(str((r * 31 + c) % 9) for c in range(199)) + f",{r % 2}\n"
                   for r in range(40))
    content = (",".join([*names, "label"]) + "\n" + rows).encode()
    at = _open({})
    at.file_uploader(key=keys.UPLOADER).upload("wide.csv", content, "text/csv").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.session_state[keys.SETUP].data.name == "csv"
    assert len(job_to_query(at.session_state[keys.SETUP])["s"]) > MAX_SETUP_CHARS
    assert not {"v", "s", "c"} & set(at.query_params)
    shown = [i.value for i in at.info if "too large for a link" in i.value]
    assert shown and f"a link holds at most {MAX_SETUP_CHARS:,}" in shown[0], shown
    assert "Download the setup (.json)" in shown[0]
