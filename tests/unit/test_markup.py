"""User text is never markup: the escaping helpers of the Markdown and plotly sinks."""

from __future__ import annotations

import re

import pytest

from funcnet import i18n
from funcnet.markup import (
    WORD_JOINER,
    Markdown,
    fill_markdown,
    fill_plotly,
    markdown_escape,
    plotly_escape,
)

PAYLOADS = [
    "![i](http://127.0.0.1:9/x.png)**B**",
    "[login](http://127.0.0.1:9/login)",
    "http://127.0.0.1:9/login",
    "www.example.com",
    "mail teacher@school.example.org",
    "**bold** and _it_ and ~~gone~~",
    "# Heading",
    "- item",
    "1. item",
    "> quote",
    '<a href="http://127.0.0.1:9/">A</a>',
    '<img src="http://127.0.0.1:9/x.png">',
    "<script>alert(1)</script>",
    "<b>bold</b><br>next",
    "$x^2$",
    "`code`",
    ":red[red] :material/hub: :smile:",
    "a|b",
    "&lt;tag&gt;",
    "line one\n# line two",
]


def _unescape(markdown: str) -> str:
    """What CommonMark shows for backslash escapes: the punctuation itself."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_escaped_payload_shows_exactly_its_text_and_starts_no_markup(payload):
    escaped = markdown_escape(payload)
    assert _unescape(escaped).replace(WORD_JOINER, "") == " ".join(payload.splitlines())
    assert "\n" not in escaped  # a field never starts a block (heading, list, quote)
    bare = re.sub(r"\\.", "", escaped)  # what is left unescaped
    # (":red[x]" needs its bracket, escaped above; ":smile:" its first colon.)
    for markup in ("[", "]", "*", "<", ">", "`", "$", "~", "|", "://", "www.", ":smile:"):
        assert markup not in bare, (payload, escaped)
    assert not re.match(r"\s*(#|[-+>]|\d+\.)", bare), escaped


@pytest.mark.parametrize("payload", ["$x^2$", ":red[red]", ":smile:", ":material/hub:"])
def test_streamlit_extensions_are_escaped(payload):
    escaped = markdown_escape(payload)
    assert "\\$" in escaped or "\\[" in escaped or "\\:" in escaped


def test_ordinary_names_stay_readable_in_the_source():
    assert markdown_escape("dense_1") == "dense_1"
    assert markdown_escape("Run 3: 0.95 -1") == "Run 3: 0.95 -1"


def test_fill_escapes_the_fields_and_not_the_template():
    text = fill_markdown("**{name}** has {count:,} rows", name="**B**", count=5000)
    assert text == "**\\*\\*B\\*\\*** has 5,000 rows"
    assert isinstance(text, Markdown)
    # Our own Markdown (another filled template) goes in as it is.
    assert fill_markdown("{a} and {b}", a=text, b="x") == f"{text} and x"
    # repr fields show the value as received, still escaped.
    assert fill_markdown("got {value!r}", value="[x](y)") == "got '\\[x\\]\\(y\\)'"


@pytest.mark.parametrize("payload", ['<a href="http://127.0.0.1:9/">A</a>', "<b>B</b><br>",
                                     "%{x} 50%", "a & b"])
def test_plotly_labels_hold_no_tags_and_no_template_fields(payload):
    escaped = plotly_escape(payload)
    assert "<" not in escaped and ">" not in escaped and "%{" not in escaped
    assert fill_plotly("True: {label}", label=payload) == "True: " + escaped
    import html as html_lib
    assert html_lib.unescape(escaped) == payload


@pytest.mark.parametrize("value", [1e15, -3.5e30, 1.7e308])
def test_huge_numbers_are_written_in_scientific_notation_in_each_language(value):
    with i18n.using("en"):
        english = i18n.decimal(value)
        assert "e+" in english and "." in english and i18n.percent(value).endswith("%")
    with i18n.using("pt"):
        assert i18n.decimal(value) == english.replace(".", ",")


def test_links_and_addresses_in_a_field_are_broken_invisibly():
    # Streamlit links "http://", "www." and e-mail addresses after reading escapes.
    for text in ("http://203.0.113.9/a", "HTTPS://x.org", "www.example.com", "a@b.org"):
        escaped = markdown_escape(text)
        assert WORD_JOINER in escaped
        shown = _unescape(escaped)
        assert not re.search(r"(?i)https?://|www\.|\w@\w", shown), shown
