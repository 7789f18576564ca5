"""Two languages: every page in Portuguese and English, the EN / PT control, `lang` links."""

from __future__ import annotations

import re
import string

import pytest
from apphelpers import ACTIVATIONS, APP, BUILD, EVALUATE, open_app
from streamlit.testing.v1 import AppTest

from funcnet.ui import state as keys
from funcnet.ui.texts import (
    TEXTS,
    catalogue,  # noqa: E402
)

TEXTS_PT = catalogue("pt")

ARCHITECTURE = "app_pages/architecture.py"
PAGES = [None, BUILD, ARCHITECTURE, EVALUATE, ACTIVATIONS, "app_pages/lessons.py",
         "app_pages/compare_runs.py", "app_pages/teacher.py"]
"""Every page (`None` is Home, where a session starts)."""

_WIDGET_KINDS = ("button", "selectbox", "multiselect", "number_input", "slider", "checkbox",
                 "toggle", "radio", "text_input", "text_area", "select_slider",
                 "segmented_control", "download_button")
_TEXT_KINDS = ("markdown", "caption", "title", "header", "subheader", "error", "warning",
               "info", "success", "exception")


def _static(catalogue: dict[str, str]) -> dict[str, str]:
    """Texts without `{fields}`: a page shows them verbatim."""
    return {k: v for k, v in catalogue.items()
            if not any(f for _, f, _, _ in string.Formatter().parse(v) if f is not None)}


def _pattern(text: str) -> re.Pattern[str]:
    """A text with `{fields}` as a regex: each field matches anything."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(".*?")
    return re.compile("".join(parts), re.DOTALL)


def _foreign(shown: str, theirs: dict[str, str], ours: dict[str, str]) -> list[str]:
    """The ids of `theirs` whose text (not shared with `ours`) `shown` is."""
    if shown in ours.values():  # the same word in both languages, e.g. "Residual"
        return []
    found = []
    for key, text in theirs.items():
        if text == ours.get(key) or len(text) < 3:
            continue
        if "{" in text:
            if len(text) > 25 and _pattern(text).fullmatch(shown):
                found.append(key)
        elif shown == text or (len(text) >= 30 and text in shown):
            found.append(key)
    return found


def visible_texts(at: AppTest) -> list[str]:
    """Every text a user reads on the page: prose, headings, labels, help, messages."""
    texts: list[str] = []
    for kind in _TEXT_KINDS:
        for element in getattr(at, kind, ()):
            value = getattr(element, "value", None)
            if isinstance(value, str):
                texts.append(value.strip().lstrip("#").strip().strip("*"))
    for kind in _WIDGET_KINDS:
        for element in getattr(at, kind, ()):
            texts.append(element.label)
            if getattr(element, "help", None):
                texts.append(element.help)
            for option in getattr(element, "options", ()) or ():
                if isinstance(option, str):
                    texts.append(option)
    for metric in at.metric:
        texts.append(metric.label)
    for tab in at.tabs:
        texts.append(tab.label)
    for expander in at.expander:
        texts.append(expander.label)
    return [t for t in texts if t]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "home")
def test_a_portuguese_page_shows_no_english_text(page):
    at = open_app(page, "pt")
    english = [(shown, keys_) for shown in visible_texts(at)
               if (keys_ := _foreign(shown, TEXTS, TEXTS_PT))]
    assert english == []
    assert TEXTS_PT["app.title"] and at.session_state[keys.LANG] == "pt"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "home")
def test_an_english_page_shows_no_portuguese_text(page):
    at = open_app(page, None)
    portuguese = [(shown, keys_) for shown in visible_texts(at)
                  if (keys_ := _foreign(shown, TEXTS_PT, TEXTS))]
    assert portuguese == []
    assert at.session_state[keys.LANG] == "en"


def test_the_portuguese_build_page_translates_the_registries():
    at = open_app(BUILD, "pt")
    captions = [c.value for c in at.caption]
    assert TEXTS_PT["dataset.seed-random.description"] in captions
    assert TEXTS_PT["preset.seed.description"] in captions
    labels = [n.label for n in at.number_input]
    assert TEXTS_PT["dataset.seed-random.param.n_samples"] in labels
    assert TEXTS_PT["build.epochs"] in labels


def test_the_portuguese_activation_table_is_translated():
    at = open_app(ACTIVATIONS, "pt")
    table = next(m.value for m in at.markdown if TEXTS_PT["act.col_pros"] in m.value)
    assert TEXTS_PT["act.relu.disadvantages"] in table
    assert TEXTS["act.relu.disadvantages"] not in table


def test_the_control_switches_the_language_and_the_link():
    at = open_app(None, None)
    assert at.title[0].value == TEXTS["home.title"] or at.markdown
    assert at.button(key=keys.HOME_START).label == TEXTS["home.start"]
    control = at.segmented_control(key=keys.W_LANG)
    assert control.value == "en"
    control.set_value("pt").run()
    assert not at.exception, at.exception
    assert at.session_state[keys.LANG] == "pt"
    assert at.button(key=keys.HOME_START).label == TEXTS_PT["home.start"]
    assert at.query_params["lang"] in ("pt", ["pt"])
    # The language stays when moving to another page.
    at.switch_page(BUILD).run()
    assert TEXTS_PT["build.title"] in [t.value for t in at.title]
    assert at.segmented_control(key=keys.W_LANG).value == "pt"
    at.segmented_control(key=keys.W_LANG).set_value("en").run()
    assert TEXTS["build.title"] in [t.value for t in at.title]
    assert at.query_params["lang"] in ("en", ["en"])


def test_a_lang_link_opens_in_that_language_and_keeps_it_in_the_share_link():
    at = open_app(None, "pt")
    assert at.button(key=keys.HOME_START).label == TEXTS_PT["home.start"]
    assert at.segmented_control(key=keys.W_LANG).value == "pt"
    link = [c.value for c in at.code if c.language != "python"]
    assert link and "lang=pt" in link[0]
    english = open_app(None, "en")
    assert english.button(key=keys.HOME_START).label == TEXTS["home.start"]


def test_an_unknown_lang_falls_back_to_english():
    at = open_app(None, "xx")
    assert at.session_state[keys.LANG] == "en"
    assert at.query_params["lang"] in ("en", ["en"])


# ------------------------------------------------------------------ the core's messages


def test_a_portuguese_architecture_edit_error_is_in_portuguese():
    from test_app_architecture import edit_table, load_preset, row_index, setup_of

    at = open_app(ARCHITECTURE, "pt")
    load_preset(at, "deep")
    before = setup_of(at)
    edit_table(at, edited={row_index(at, "dense_1"): {"inputs": "dense_3"}})
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "Nó 'dense_1': o campo 'inputs' fecha um ciclo entre 'dense_1'" in errors[0]
    assert "uma rede precisa fluir em um só sentido" in errors[0]
    assert "closes a cycle" not in errors[0] and "Node 'dense_1'" not in errors[0]
    assert setup_of(at) is before


def test_a_portuguese_bad_csv_upload_says_why_in_portuguese():
    at = open_app(BUILD, "pt")
    rows = "".join(f"{i},{'red' if i % 2 else 'blue'},{i % 2}\n" for i in range(20))
    at.file_uploader(key=keys.UPLOADER).upload(
        "cores.csv", ("a,colour,label\n" + rows).encode(), "text/csv").run()
    assert not at.exception, at.exception
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # as Markdown shows it
    assert len(errors) == 1, errors
    assert "a coluna de atributos 'colour' não é numérica" in errors[0], errors[0]
    assert "(por exemplo 'blue' na linha de dados 1 de 'colour')" in errors[0]
    assert "not numeric" not in errors[0]
    too_few = "a,label\n1,0\n2,1\n3,0\n"
    at.file_uploader(key=keys.UPLOADER).upload("pouco.csv", too_few.encode(), "text/csv").run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "O arquivo 'pouco.csv' tem só 3 linhas de dados" in errors[0]


def test_a_portuguese_tampered_share_link_warns_in_portuguese():
    from funcnet.export.share import job_to_query
    from funcnet.model.presets import PRESETS

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "pt"
    for key, value in {**job_to_query(PRESETS["deep"].job), "c": "0" * 8}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(TEXTS_PT["share.bad_link"].split("{")[0]), warnings[0]
    assert ("Este link foi alterado depois de criado: a parte da configuração não confere com "
            "a soma de verificação.") in warnings[0]
    assert "This link" not in warnings[0] and "checksum" not in warnings[0]
    assert _foreign(warnings[0], TEXTS, TEXTS_PT) == []
    # The warning keeps the error, not a sentence: switching the language rewords it.
    at.segmented_control(key=keys.W_LANG).set_value("en").run()
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and "does not match its checksum" in warnings[0], warnings
