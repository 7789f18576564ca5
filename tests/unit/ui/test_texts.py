"""The text catalogues: every id in both languages, with the same fields."""

from __future__ import annotations

import string

import numpy as np
import pytest

from funcnet import i18n
from funcnet.analysis import charts
from funcnet.data.catalog import DATASETS
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.presets import PRESETS
from funcnet.ui.language import from_tag
from funcnet.ui.texts import LANGUAGES, TEXTS, catalogue, fmt_int, t

TEXTS_PT = catalogue("pt")
CATALOGUES = {lang: catalogue(lang) for lang in LANGUAGES}


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_id(lang):
    catalogue = CATALOGUES[lang]
    assert sorted(set(TEXTS) - set(catalogue)) == []
    assert sorted(set(catalogue) - set(TEXTS)) == []
    assert all(isinstance(v, str) and v.strip() for v in catalogue.values())


def test_translations_have_the_same_fields():
    mismatched = {key: (_fields(TEXTS[key]), _fields(TEXTS_PT[key]))
                  for key in TEXTS if _fields(TEXTS[key]) != _fields(TEXTS_PT[key])}
    assert mismatched == {}


def test_the_registries_texts_have_entries():
    for name in ACTIVATIONS:
        for part in ("advantages", "disadvantages", "main_use"):
            assert f"act.{name}.{part}" in TEXTS_PT
    for name, entry in DATASETS.items():
        assert f"dataset.{name}.description" in TEXTS_PT
        for param in entry.params:
            assert f"dataset.{name}.param.{param.name}.help" in TEXTS_PT
    for name in PRESETS:
        assert f"preset.{name}.description" in TEXTS_PT
    # English entries are the registries' own texts, so English has one source.
    assert TEXTS["act.relu.advantages"] == ACTIVATIONS["relu"].advantages
    # Portuguese ones are translated, not copied.
    assert TEXTS_PT["act.relu.advantages"] != TEXTS["act.relu.advantages"]


def test_outside_a_session_texts_are_english():
    assert t("build.train") == "Train"
    assert t("build.train_caption", epochs=3, data="XOR") == "3 epochs on XOR."
    assert fmt_int(5569) == "5,569"


@pytest.mark.parametrize(("tag", "lang"), [
    ("pt-BR", "pt"), ("pt", "pt"), ("en-US", "en"), ("de-DE", None), (None, None),
    ("de-DE,pt-BR;q=0.9,en;q=0.8", "pt"), ("fr;q=0.9, en-GB;q=0.8", "en"), ("", None),
])
def test_a_browser_language_tag_picks_a_language(tag, lang):
    assert from_tag(tag) == lang


def test_charts_are_labelled_in_the_active_language_at_the_source():
    history = {"loss": [0.7, 0.6], "val_loss": [0.72, 0.66],
               "accuracy": [0.5, 0.6], "val_accuracy": [0.5, 0.55]}
    with i18n.using("pt"):
        figure = charts.history_figure(history, "accuracy")
    assert figure.layout.title.text == "Acurácia por época"
    assert figure.layout.xaxis.title.text == "Época"
    assert [trace.name for trace in figure.data] == ["Treino", "Validação"]
    with i18n.using("pt"):
        matrix = charts.confusion_figure(np.array([[3, 1], [2, 4]]), ["0", "1"])
    assert (matrix.layout.xaxis.title.text, matrix.layout.yaxis.title.text) == \
        ("Previsto", "Real")
