"""Text is never markup: one escaping helper per sink that interprets text.

Streamlit's Markdown (`st.markdown`, captions, alerts, widget, tab, expander
and metric labels) and plotly's labels (titles, legend names, hover text,
annotations, tick labels: `<b>`, `<a href>`, `<br>` …) both read text as
markup. A user-controlled string (a file, column, class, node, preset or
board name, a teacher's message, a link parameter, a message that echoes a
value) is escaped for the sink it enters; the templates around it, which
are ours, are not: `fill` escapes the fields of a template and leaves the
template alone. The HTML report escapes with Jinja2's autoescape.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable, Iterable
from typing import Any

# What CommonMark, GFM, KaTeX ($) and Streamlit's own extensions (`:red[…]`,
# `:material/…:`, `:emoji:`) read as markup, escaped with a backslash (a backslash
# before ASCII punctuation always shows the character itself). Only what can
# start markup is escaped, so ordinary names ("dense_1", "Run 3: 0.95") stay as
# they are in the page source.
_MD_ALWAYS = re.compile(r"([\\`*\[\]()!<>|~$])")
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")  # intraword _ is no emphasis
_MD_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")  # :smile: / :material/hub:
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=\bwww)(?=\.)|(?<=\w@)(?=\w)")
WORD_JOINER = "\u2060"
"""An invisible character that breaks `http://`, `www.` and `a@b.c` in a field: Streamlit
links those in the parsed text, after backslash escapes are read, so escaping is no help."""
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^(\s*\d*)((?<!\d)[-+#]|(?<=\d)[.)])(?=\s|$)")


class Markdown(str):
    """Text that is already safe Markdown (ours, with escaped fields): not escaped again."""

    __slots__ = ()


def unlinked(text: str) -> str:
    """Returns `text` with a `WORD_JOINER` inside every `http://`, `www.` and `a@b`.

    Args:
        text: Plain text.

    Returns:
        The same text to the eye, which no Markdown renderer turns into a link.
    """
    return _MD_AUTOLINK.sub(WORD_JOINER, text)


def markdown_escape(value: object) -> Markdown:
    """Returns `value` as Markdown that shows exactly its characters.

    Args:
        value: Any value; it is shown with `str()`. A `Markdown` value is
            returned unchanged.

    Returns:
        The escaped text: punctuation Markdown reads is backslash-escaped,
        line breaks become spaces (a field never starts a heading or a list),
        and `http://`, `www.` and e-mail addresses cannot turn into links
        (a `WORD_JOINER` breaks them invisibly).
    """
    if isinstance(value, Markdown):
        return value
    text = " ".join(str(value).splitlines())
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_UNDERSCORE.sub(r"\\_", text)
    text = _MD_SHORTCODE.sub(r"\\:", text)
    text = unlinked(text)
    text = _MD_ENTITY.sub(r"\\&", text)
    # "- x", "+ x", "# x" or "1. x" at the start would be a list item or a heading.
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return Markdown(text)


def join_markdown(separator: str, parts: Iterable[object]) -> Markdown:
    """Joins texts for a Markdown sink: `Markdown` parts as they are, others escaped.

    `str.join` forgets that its parts were safe Markdown; this keeps it, so
    a joined list of filled templates is not escaped a second time.

    Args:
        separator: Our separator, e.g. `", "`.
        parts: The texts.

    Returns:
        The joined `Markdown`.
    """
    return Markdown(separator.join(markdown_escape(part) for part in parts))


def plotly_escape(value: object) -> str:
    """Returns `value` as plotly label text that shows exactly its characters.

    plotly.js reads a small HTML subset in every label (`<b>`, `<i>`, `<br>`,
    `<a href>`, `<span style>`, `<sup>` …) and decodes entities, so `&`, `<`,
    `>` and `%` (hover templates fill `%{…}`) become entities and nothing is
    a tag.

    Args:
        value: Any value; it is shown with `str()`.

    Returns:
        The escaped text.
    """
    # "%" too: inside a hover template "%{x}" would be filled in; "&#37;" shows "%".
    return html.escape(str(value), quote=False).replace("%", "&#37;")


def fill(template: str, escape: Callable[[object], str], /, **fields: Any) -> str:
    """Fills a `{name}` template, escaping each field for the sink and not the template.

    Args:
        template: Our text, e.g. a translated msgid `"Real: {label}"`.
        escape: The sink's helper (`markdown_escape`, `plotly_escape`).
        **fields: The values; numbers keep their format specs
            (`{share:.0%}`), strings are escaped.

    Returns:
        The filled text.
    """
    if not fields:
        return template
    safe: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, Markdown) or _is_formattable_number(value):
            safe[name] = value  # ours already, or a number its format spec shapes
        else:
            safe[name] = _EscapedRepr(value, escape)
    return template.format(**safe)


def fill_markdown(template: str, /, **fields: Any) -> Markdown:
    """`fill` for Markdown sinks: returns `Markdown` so it is not escaped again."""
    return Markdown(fill(template, markdown_escape, **fields))


def fill_plotly(template: str, /, **fields: Any) -> str:
    """`fill` for plotly label sinks."""
    return fill(template, plotly_escape, **fields)


def _is_formattable_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) or \
        type(value).__name__ == "LocalNumber"


class _EscapedRepr:
    """A non-string field (a list, a name's repr): escaped as it is formatted."""

    def __init__(self, value: object, escape: Callable[[object], str]) -> None:
        self.value = value
        self.escape = escape

    def __format__(self, spec: str) -> str:
        return self.escape(format(self.value, spec))

    def __str__(self) -> str:
        return self.escape(str(self.value))

    def __repr__(self) -> str:
        return self.escape(repr(self.value))


def template_fields(template: str) -> set[str]:
    """Returns the `{name}` fields of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
