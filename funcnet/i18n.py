"""Translations the Python way: gettext catalogues managed with Babel.

English is the source language: code marks its texts with `_("…")`,
`ngettext("…", "…", n)` or `pgettext("context", "…")` (or `N_("…")` where
a text is declared now and translated when shown, as in the registries).
`pybabel extract` collects them into `funcnet/locale/funcnet.pot`; each
language is a catalogue `funcnet/locale/<locale>/LC_MESSAGES/funcnet.po`
(Poedit / Weblate open it). The compiled `.mo` files are not committed:
importing this module compiles every `.po` whose `.mo` is missing or older,
with Babel's own compiler, so a fresh clone runs in every language.

Which language is active is asked of a *resolver* the interface installs
(`set_resolver`: the Streamlit session's choice), so this module and the
pure core that calls `_()` never import Streamlit. `using(lang)` fixes the
language for a block (a report, a format function called later).

Numbers shown as text go through `decimal`, `integer` and `percent`
(Babel's `format_decimal` / `format_percent` in the active locale), and
plotly figures take `plotly_separators()`.
"""

from __future__ import annotations

import gettext as _gettext
import io
import math
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, numbers
from babel.messages import mofile, pofile

DOMAIN = "funcnet"
"""The gettext domain: the catalogues are `funcnet.po` / `funcnet.mo`."""

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""Where the catalogues live: `<locale>/LC_MESSAGES/funcnet.po`."""

SOURCE_LANGUAGE = "en"
"""The language of the msgids in the code."""


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compiles every `.po` under `locale_dir` whose `.mo` is missing or older.

    Args:
        locale_dir: The folder holding `<locale>/LC_MESSAGES/funcnet.po`.

    Returns:
        The `.mo` files written.
    """
    written = []
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if _fresh(mo_path, po_path):
            continue
        # Unique per process: workers importing at once never write into one file.
        temporary = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(_compiled(po_path))
            temporary.replace(mo_path)  # atomic: a concurrent reader never sees half a file
        except OSError:  # a read-only install: `translations` compiles in memory instead
            temporary.unlink(missing_ok=True)
            continue
        written.append(mo_path)
    return written


def _fresh(mo_path: Path, po_path: Path) -> bool:
    return mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime


def _compiled(po_path: Path) -> bytes:
    """Compiles one `.po` with Babel (fuzzy entries left out, as `pybabel compile` does)."""
    with po_path.open("rb") as source:
        catalog = pofile.read_po(source, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _locales() -> dict[str, str]:
    """Returns language code (as a link spells it) -> locale folder, for every catalogue."""
    found = {SOURCE_LANGUAGE: SOURCE_LANGUAGE}
    for po_path in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        folder = po_path.parent.parent.name
        found.setdefault(folder.split("_")[0].lower(), folder)
    return found


compile_catalogues()

LOCALES: dict[str, str] = _locales()
"""Language code (`"en"`, `"pt"`, …) -> Babel locale (`"en"`, `"pt_BR"`, …)."""

LANGUAGES: tuple[str, ...] = tuple(LOCALES)
"""Every language the interface speaks: English plus every catalogue (compiled on import)."""

DEFAULT_LANGUAGE = SOURCE_LANGUAGE
"""Used when nothing names a language funcnet speaks."""

_FIXED: ContextVar[str | None] = ContextVar("funcnet_language", default=None)
"""Set inside `using(lang)`."""

_resolver: Callable[[], str | None] = lambda: None  # noqa: E731 - replaced by the UI


def set_resolver(resolver: Callable[[], str | None]) -> None:
    """Installs the function that says which language is active (the UI's session).

    Args:
        resolver: Returns a code of `LANGUAGES`, or `None` for the default.
    """
    global _resolver
    _resolver = resolver


def current() -> str:
    """Returns the active language code (`using`, else the resolver, else English)."""
    lang = _FIXED.get() or _resolver()
    return lang if lang in LOCALES else DEFAULT_LANGUAGE


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Makes `lang` the active language inside the block.

    Args:
        lang: A code of `LANGUAGES`.
    """
    token = _FIXED.set(lang)
    try:
        yield
    finally:
        _FIXED.reset(token)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """Returns the gettext translations of `lang` (English: the msgids themselves)."""
    if lang == SOURCE_LANGUAGE or lang not in LOCALES:
        return _gettext.NullTranslations()
    po_path = LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    if _fresh(mo_path, po_path):
        with mo_path.open("rb") as compiled:
            return _gettext.GNUTranslations(compiled)
    return _gettext.GNUTranslations(io.BytesIO(_compiled(po_path)))


def gettext(message: str) -> str:
    """Returns `message` in the active language."""
    return translations(current()).gettext(message) if message else message


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """Returns the singular or plural form for `n`, in the active language."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Returns `message` in the active language, as used in `context`."""
    return translations(current()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks `message` for extraction; it is translated where it is shown."""
    return message


class Plural(str):
    """An English text with a singular and a plural form, chosen by one of its fields.

    The string itself is the plural form (what a list of texts or a test sees
    by default); `singular` is the form for one, and `count` names the field
    whose value chooses the form (`translate` asks gettext's `ngettext`, so
    each language applies its own plural rules: Portuguese treats 0 as singular).

    Args:
        singular: The English text for one, e.g. `"{n} saved run"`.
        plural: The English text for several, e.g. `"{n} saved runs"`.
        count: The field holding the number, e.g. `"n"`.
    """

    singular: str
    count: str

    def __new__(cls, singular: str, plural: str, count: str) -> Plural:
        text = super().__new__(cls, plural)
        text.singular = singular
        text.count = count
        return text

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return Plural, (self.singular, str(self), self.count)

    def english(self, n: int) -> str:
        """Returns the English form for `n` (singular for exactly one)."""
        return self.singular if n == 1 else str(self)


def NP_(singular: str, plural: str, count: str) -> Plural:  # noqa: N802 - gettext style
    """Marks a text with plural forms for extraction (keyword `NP_:1,2` in babel.cfg).

    Args:
        singular: The English text for one.
        plural: The English text for several.
        count: The field whose value chooses the form.

    Returns:
        The `Plural`, translated where it is shown (`translate`).
    """
    return Plural(singular, plural, count)


def translate(text: str, fields: Mapping[str, Any] | None = None) -> str:
    """Returns `text` in the active language, a `Plural` in the form its count asks for.

    Args:
        text: A msgid (`N_`), or a `Plural` (`NP_`).
        fields: The values the text will be filled with; a `Plural` reads its
            count from them (a missing or non-numeric count picks the plural).

    Returns:
        The translated template, fields still unfilled.
    """
    if isinstance(text, Plural):
        count = (fields or {}).get(text.count)
        n = int(count) if isinstance(count, int | float) and not isinstance(count, bool) \
            and math.isfinite(count) else 2
        return ngettext(text.singular, str(text), n)
    return gettext(text)


def english(text: str, fields: Mapping[str, Any] | None = None) -> str:
    """Returns `text` in English, a `Plural` in the form its count asks for (see `translate`)."""
    with using(SOURCE_LANGUAGE):
        return translate(text, fields)


def locale() -> Locale:
    """Returns the Babel locale of the active language."""
    return Locale.parse(LOCALES[current()])


def decimal(value: float | None, digits: int = 3) -> str:
    """Formats a number with exactly `digits` decimals, `"—"` when undefined.

    Args:
        value: The number (`None` or NaN when it does not apply).
        digits: Decimals shown.

    Returns:
        E.g. `"0.952"` in English, `"0,952"` in Portuguese.
    """
    if value is None or not math.isfinite(float(value)):
        return "—"
    if abs(float(value)) >= LARGEST_PLAIN:  # e.g. an exploding loss: 1.2e+30, not 31 digits
        return format(LocalNumber(float(value)), f".{max(digits, 1)}e")
    pattern = "#,##0." + "0" * digits if digits > 0 else "#,##0"
    return numbers.format_decimal(float(value), format=pattern, locale=locale())


LARGEST_PLAIN = 1e15
"""From this size on, `decimal` writes a number in scientific notation."""


def integer(value: int) -> str:
    """Formats a whole number with the locale's group separator (`5,569` / `5.569`)."""
    return numbers.format_decimal(int(value), format="#,##0", locale=locale())


def percent(value: float | None, digits: int = 0) -> str:
    """Formats a share as a percentage (`0.25` -> `25%`), `"—"` when undefined."""
    if value is None or not math.isfinite(float(value)):
        return "—"
    if abs(float(value)) * 100 >= LARGEST_PLAIN:
        return format(LocalNumber(float(value) * 100), f".{max(digits, 1)}e") + "%"
    pattern = "#,##0." + "0" * digits + "%" if digits > 0 else "#,##0%"
    return numbers.format_percent(float(value), format=pattern, locale=locale())


def plotly_separators() -> str:
    """Returns plotly's `layout.separators` for the active locale (decimal, then group)."""
    place = locale()
    return numbers.get_decimal_symbol(place) + numbers.get_group_symbol(place)


class LocalNumber:
    """A number inside a message template that formats with the locale's symbols.

    `{low:g}` or `{count:,}` keep their format spec; the decimal and group
    symbols become the active locale's (Babel's). `{value!r}` stays the value
    as received.
    """

    def __init__(self, value: int | float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        place = locale()
        group, point = numbers.get_group_symbol(place), numbers.get_decimal_symbol(place)
        if (group, point) == (",", "."):
            return text
        return text.replace(",", "\0").replace(".", point).replace("\0", group)

    def __str__(self) -> str:
        return format(self, "")

    def __repr__(self) -> str:
        return repr(self.value)


def source_only_texts(lang: str, min_length: int = 3) -> frozenset[str]:
    """Returns the English msgids a page in `lang` must never show.

    Those whose translation differs, that are not also some other entry's
    translation (a word both languages share, like "AUC", is allowed) and that
    have no `{field}` (a filled template is never shown as it is). Tests use it
    to find untranslated text on a page.

    Args:
        lang: A code of `LANGUAGES` other than the source language.
        min_length: Shorter msgids are left out (a lone letter matches anything).

    Returns:
        The msgids.
    """
    po_path = LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as source:
        pairs = [(m.id, m.string) for m in pofile.read_po(source)
                 if m.id and isinstance(m.id, str) and isinstance(m.string, str)]
    translated = {text for _, text in pairs}
    return frozenset(english for english, text in pairs
                     if english != text and english not in translated
                     and "{" not in english and len(english) >= min_length)
