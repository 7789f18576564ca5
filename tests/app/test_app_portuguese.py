"""Portuguese is complete: no English msgid of the catalogue on any page, charts included;
the EN / PT switch redraws the page in the same run; the user's own texts stay as typed."""

from __future__ import annotations

import pytest
from apphelpers import BUILD, EVALUATE, chart_titles, charts, open_app, train_and_wait, widget
from streamlit.testing.v1 import AppTest
from test_app_language import PAGES, visible_texts

from funcnet import i18n
from funcnet.ui import state as keys

ENGLISH = i18n.source_only_texts("pt", min_length=3)
"""Catalogue msgids a Portuguese page must not show (not shared by both languages)."""


def _chart_texts(at: AppTest) -> list[str]:
    found = []
    for figure in charts(at):
        layout = figure.get("layout", {})
        found.append(layout.get("title", {}).get("text", ""))
        for name, value in layout.items():
            if name.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
                found.append(value.get("title", {}).get("text", ""))
        found += [a.get("text", "") for a in layout.get("annotations", ())]
        found += [trace.get("name", "") for trace in figure.get("data", ())]
    return [text for text in found if text]


def _english_on(at: AppTest) -> list[str]:
    shown = visible_texts(at) + _chart_texts(at)
    return sorted({text for text in shown if text in ENGLISH}
                  | {english for english in ENGLISH if len(english) >= 30
                     for text in shown if english in text})


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "home")
def test_a_portuguese_page_shows_no_english_msgid_not_even_in_a_chart(page):
    at = open_app(page, "pt")
    assert _english_on(at) == []


def test_switching_to_portuguese_redraws_the_select_boxes_in_the_same_run():
    at = open_app(BUILD, None)
    assert widget(at, "selectbox", ".dataset").format_func("moons") == "Two moons"
    at.segmented_control(key=keys.W_LANG).set_value("pt").run()
    assert not at.exception
    dataset_box = widget(at, "selectbox", ".dataset")
    assert "Duas luas" in dataset_box.options and "Two moons" not in dataset_box.options
    preset_box = at.selectbox(key=next(k for k in (w.key for w in at.selectbox)
                                       if k and k.endswith("preset")))
    assert "Notebook network" not in preset_box.options
    assert _english_on(at) == []


def test_the_language_control_lists_every_compiled_catalogue():
    at = open_app(None, None)
    assert list(at.segmented_control(key=keys.W_LANG).options) == \
        [code.upper() for code in i18n.LANGUAGES]


PAYLOAD_CLASS = '<a href="http://127.0.0.1:9/">A</a>'
ENGLISH_WORD_CSV = "Epoch,Score,label\n" + "".join(
    f"{i % 7},{(i * 3) % 5},{('Loss', 'Data')[i % 2]}\n" for i in range(80))
PAYLOAD_CSV = "Epoch,**Score**,label\n" + "".join(
    f"{i % 7},{(i * 3) % 5},{('Loss', PAYLOAD_CLASS)[i % 2]}\n" for i in range(80))


def _upload_train_evaluate(csv: str, name: str) -> AppTest:
    at = open_app(BUILD, "pt")
    at.file_uploader(key=keys.UPLOADER).upload(name, csv.encode(), "text/csv").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    run = train_and_wait(at, epochs=2)
    assert run.result.status == "completed", run.result.message
    at.switch_page(EVALUATE).run()
    assert not at.exception
    return at


def test_the_users_english_words_are_shown_unchanged_in_portuguese():
    at = _upload_train_evaluate(ENGLISH_WORD_CSV, "Loss.csv")
    names = [trace.get("name", "") for figure in charts(at) for trace in figure["data"]]
    assert "Real: Loss" in names and "Real: Data" in names  # the user's classes, as written
    assert not any("Perda" in n or "Dados" in n for n in names if n.startswith("Real: "))
    assert "Matriz de confusão" in " ".join(chart_titles(at))
    threshold = next(s for s in at.select_slider if s.key.startswith("eval.threshold"))
    assert threshold.value == 0.5 and "0,50" in threshold.options  # the page's decimal comma


def test_payload_class_and_column_names_are_text_in_charts_and_markdown():
    at = _upload_train_evaluate(PAYLOAD_CSV, "![i](http://127.0.0.1:9/x.png).csv")
    for figure in charts(at):
        for trace in figure["data"]:
            assert "<a " not in trace.get("name", "") and "<a " not in str(trace.get("x", ""))
    names = [trace.get("name", "") for figure in charts(at) for trace in figure["data"]]
    assert any("&lt;a href=" in n for n in names)
    for element in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error]:
        value = element.value
        assert "](http" not in value.replace("\\](", ""), value
        assert "<a href" not in value.replace("\\<a href", ""), value
