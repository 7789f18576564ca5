"""A teacher composes a class link in Chromium; a student opens it in a fresh browser."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from e2e_ui import heading, set_epochs, train, wait_done
from playwright.sync_api import Page, expect

from funcnet.classroom.teacher_link import CLASS_PARAM, Challenge, TeacherLink, decode_link

NAV_PAGES = ("Home", "Lessons", "Build & Train", "Architecture", "Evaluate", "Compare runs",
             "Activations", "For teachers")


def nav_titles(page: Page) -> list[str]:
    """The page titles the top navigation lists."""
    links = page.get_by_test_id("stTopNavLink")
    # Each link reads "<icon name>\n\n<title>".
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def compose_link(page: Page, server_url: str) -> str:
    """On the For teachers page: hide Evaluate, the optimizer and the learning rate,
    set the challenge "Accuracy ≥ 0.05", and return the class link shown."""
    page.goto(f"{server_url}/teacher")
    expect(heading(page, "For teachers")).to_be_visible(timeout=60_000)
    for pill in ("Evaluate", "Optimizer", "Learning rate"):
        page.get_by_role("button", name=pill, exact=True).click()
        expect(page.get_by_text(re.compile(f"do not see: .*{pill}"))).to_be_visible()
    expect(page.get_by_text(re.compile("do not see: Evaluate, Optimizer, Learning rate\\."))
           ).to_be_visible()
    page.get_by_text("Set a challenge", exact=True).click()
    # Each change reruns the page; wait for its outcome before the next one.
    expect(page.get_by_text(re.compile("reach AUC ≥ 0\\.90"))).to_be_visible()
    metric = page.get_by_label("Test metric")
    # At the viewport's bottom edge the list would not open: bring the box up first.
    metric.evaluate("box => box.scrollIntoView({block: 'center'})")
    metric.click()
    page.get_by_role("option", name="Accuracy", exact=True).click()
    expect(page.get_by_text(re.compile("reach Accuracy ≥ 0\\.90"))).to_be_visible()
    minimum = page.get_by_label("At least", exact=True)
    minimum.fill("0.05")
    minimum.press("Enter")
    expect(page.get_by_text(re.compile("reach Accuracy ≥ 0\\.05"))).to_be_visible()
    preview = page.get_by_role("link", name="Open it as a student")
    url = preview.get_attribute("href")
    assert url is not None and url.startswith(server_url)
    code = page.get_by_test_id("stCode").last.inner_text()
    assert re.sub(r"\s", "", code) == url
    return url


def test_a_teacher_link_hides_what_it_says_and_celebrates_the_challenge(new_page, server_url):
    teacher = new_page()
    url = compose_link(teacher, server_url)
    params = dict(parse_qsl(urlsplit(url).query))
    assert decode_link(params[CLASS_PARAM]) == TeacherLink(
        ("evaluate",), ("optimizer", "learning_rate"), Challenge("accuracy", 0.05))

    student = new_page()
    student.goto(url)
    expect(heading(student, "funcnet")).to_be_visible(timeout=60_000)
    expect(student.get_by_text(re.compile(r"^Class challenge: reach Accuracy ≥ 0\.05\."))
           ).to_be_visible()
    expect(student.get_by_test_id("stTopNavLink").first).to_be_visible()
    assert nav_titles(student) == [p for p in NAV_PAGES if p not in ("Evaluate", "For teachers")]

    student.get_by_test_id("stTopNavLink").filter(has_text="Build & Train").click()
    expect(heading(student, "Build & Train")).to_be_visible(timeout=60_000)
    for hidden in ("Optimizer", "Learning rate"):
        expect(student.get_by_label(hidden, exact=True)).to_have_count(0)
    for shown in ("Epochs", "Batch size", "Validation share", "Training seed", "Data set",
                  "Hidden layers", "Start from a preset"):
        expect(student.get_by_label(shown, exact=True)).to_have_count(1)
    # The class settings stay in the address as the student moves between pages.
    assert decode_link(dict(parse_qsl(urlsplit(student.url).query))[CLASS_PARAM]) \
        .hidden_controls == ("optimizer", "learning_rate")

    set_epochs(student, 1)
    train(student)
    wait_done(student, 1, "Random labels (the notebook's)")
    expect(student.get_by_text(re.compile(r"^Challenge met: Accuracy 0\.\d{3} with 5,569 "
                                          r"parameters$"))).to_be_visible()
    expect(student.get_by_test_id("stBalloons")).to_have_count(1)
    expect(student.get_by_text(re.compile(r"^Class challenge met!"))).to_be_visible()
    # Opened by its address, a hidden page says it is hidden.
    student.goto(re.sub(r"/(\?|$)", r"/evaluate\1", url, count=1))
    expect(student.get_by_text("Your teacher hid this page for the class.")).to_be_visible(
        timeout=60_000)
