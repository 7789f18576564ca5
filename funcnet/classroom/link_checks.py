"""The checks a teacher link's values pass, and the error that names what failed."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from funcnet.i18n import N_

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class ClassLinkError(ValueError):
    """A `class` parameter that cannot be used.

    Args:
        reason: What went wrong, for a translated message: `"incomplete"`
            (cut off when copied), `"changed"` (edited after it was made),
            `"damaged"` (cannot be decoded), `"too_long"`, `"version"` (made
            by another funcnet) or `"invalid"` (well-formed but holding a
            value funcnet rejects; the message names it).
        message: The English explanation.
        template: Its msgid (`funcnet.i18n`), with `{name}` fields; `None`
            when the explanation has no translation.
        fields: The template's values; `what` holds a msgid too (the thing
            the link got wrong, e.g. "class board name"), translated with it.
    """

    REASONS = ("incomplete", "changed", "damaged", "too_long", "version", "invalid")

    def __init__(self, reason: str, message: str, template: str | None = None,
                 fields: Mapping[str, Any] | None = None) -> None:
        if reason not in self.REASONS:
            raise ValueError(f"Unknown class link error reason {reason!r}.")
        super().__init__(message)
        self.reason = reason
        self.template = template
        self.fields = dict(fields or {})

    def translated(self, gettext: Callable[[str], str]) -> str:
        """Returns the explanation in the language `gettext` translates to.

        Args:
            gettext: E.g. `funcnet.i18n.gettext`.

        Returns:
            The translated sentence; the English one when it has no template.
        """
        if self.template is None:
            return str(self)
        fields = {name: gettext(value) if name == "what" else value
                  for name, value in self.fields.items()}
        return gettext(self.template).format(**fields)


def _invalid(template: str, **fields: Any) -> ClassLinkError:
    return ClassLinkError("invalid", template.format(**fields), template, fields)


def _shown(value: Any, limit: int = 40) -> str:
    """Returns a value read from a link for a message: its repr, cut to `limit` characters.

    The repr escapes control characters and lone surrogates; a huge integer
    (whose repr Python refuses beyond 4,300 digits) is only described.
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** limit:
        return f"a number of more than {limit} digits"
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _ordered(values: Sequence[str] | Any, registry: Mapping[str, object], what: str
             ) -> tuple[str, ...]:
    """Validates ids against a registry; returns them in registry order."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise _invalid(N_("The {what}s to hide must be a list of ids, received {value}."),
                       what=what, value=_shown(values, 80))
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            raise _invalid(N_("A {what} id must be text, received {value}."),
                           what=what, value=_shown(value, 80))
        if value not in registry:
            raise _invalid(N_("Unknown {what} {value}; known {what}s: {known}."),
                           what=what, value=_shown(value), known=", ".join(registry))
        if value in seen:
            raise _invalid(N_("The {what} {value} is listed twice."),
                           what=what, value=repr(value))
        seen.add(value)
    return tuple(name for name in registry if name in seen)


def _check_text(value: Any, what: str, limit: int) -> str | None:
    """Validates an optional one-line text (board name, message)."""
    if value is None:
        return None
    return _check_line(value, what, limit)


def _check_line(value: Any, what: str, limit: int) -> str:
    """Validates a one-line plain text: not empty, no outer spaces, no control characters."""
    if not isinstance(value, str):
        raise _invalid(N_("The {what} must be text, received {value}."), what=what,
                       value=_shown(value, 80))
    if not value.strip():
        raise _invalid(N_("The {what} is empty; leave it out instead."), what=what)
    if value != value.strip():
        raise _invalid(N_("The {what} must not start or end with spaces."), what=what)
    if len(value) > limit:
        raise _invalid(N_("The {what} is {length} characters long; the limit is {limit}."),
                       what=what, length=len(value), limit=limit)
    for char in value:
        # Cs: a lone surrogate, which JSON can carry but UTF-8 (and so the page) cannot.
        if unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            raise _invalid(N_("The {what} contains the control character {char}; it must be "
                              "one line of plain text."), what=what, char=f"U+{ord(char):04X}")
    return value


def _check_keys(data: dict[str, Any], known: set[str], what: str,
                required: set[str] | None = None) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise _invalid(N_("The {what} has unknown fields: {fields}."), what=what,
                       fields=", ".join(_shown(name) for name in unknown)[:80])
    missing = sorted((required or set()) - set(data))
    if missing:
        raise _invalid(N_("The {what} lacks the fields: {fields}."), what=what,
                       fields=", ".join(missing))
