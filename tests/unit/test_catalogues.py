"""The gettext catalogues stay complete: every msgid of the code is translated in every language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages import pofile
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from funcnet import i18n

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/funcnet.po"))


def _extracted() -> Catalog:
    """Runs `pybabel extract -F babel.cfg` over the tree, in-process."""
    catalog = Catalog()
    with (ROOT / "babel.cfg").open() as mapping_file:
        from babel.messages.frontend import parse_mapping_cfg
        method_map, options_map = parse_mapping_cfg(mapping_file)
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return _extracted()


def test_the_extraction_finds_the_code_s_texts(extracted):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    # Page texts (ids), registry prose, core messages and chart texts all come through.
    assert {"Train", "Two moons", "Confusion matrix", "Epoch"} <= ids
    assert len(ids) > 500


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_every_msgid_is_translated_with_no_fuzzy_or_empty_entry(extracted, po_path):
    catalog = pofile.read_po(io.BytesIO(po_path.read_bytes()))
    missing = [(m.context, m.id) for m in extracted if m.id and (m.id, m.context) not in
               {(t.id, t.context) for t in catalog}]
    assert missing == []
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == []
    empty = [m.id for m in catalog if m.id and (not m.string or isinstance(m.string, tuple)
                                                  and not all(m.string))]
    assert empty == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_translations_keep_the_fields_of_their_msgid(po_path):
    catalog = pofile.read_po(io.BytesIO(po_path.read_bytes()))
    from funcnet.markup import template_fields

    def fields(text: str) -> set[str]:
        try:
            return template_fields(text)
        except ValueError:  # not a brace template (a literal "{")
            return set()

    wrong = [m.id for m in catalog if m.id and isinstance(m.id, str)
             and fields(m.id) != fields(m.string)]
    assert wrong == []


def test_portuguese_is_a_compiled_catalogue_the_language_control_lists():
    assert "pt" in i18n.LANGUAGES and i18n.LOCALES["pt"] == "pt_BR"
    with i18n.using("pt"):
        assert i18n._("Train") == "Treinar"
        assert i18n.pgettext("regression", "Residual") == "Resíduo"
        assert i18n.decimal(0.9523) == "0,952" and i18n.integer(5569) == "5.569"
        assert i18n.percent(0.25) == "25%" and i18n.plotly_separators() == ",."
    assert i18n.decimal(0.9523) == "0.952" and i18n.plotly_separators() == ".,"


def test_a_po_newer_than_its_mo_is_compiled(tmp_path):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = Catalog(locale="es")
    catalog.add("Train", "Entrenar")
    with (folder / "funcnet.po").open("wb") as target:
        pofile.write_po(target, catalog)
    assert i18n.compile_catalogues(tmp_path) == [folder / "funcnet.mo"]
    assert i18n.compile_catalogues(tmp_path) == []  # up to date: nothing to do


def test_source_only_texts_are_the_english_a_portuguese_page_must_not_show():
    english = i18n.source_only_texts("pt")
    assert "Train" in english and "Confusion matrix" in english
    assert "AUC" not in english  # the same in both languages
    assert not any("{" in text for text in english)
