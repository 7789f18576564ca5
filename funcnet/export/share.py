"""Share links and setup files: a whole `Job` as URL query parameters or JSON.

A share link carries the setup (data set and its parameters, graph, training
settings, seeds) in three query parameters, in this order:

- `v`: the link format version (`"1"`);
- `s`: the setup's canonical JSON, zlib-compressed, in URL-safe base64
  without padding;
- `c`: the first 8 hex digits of the SHA-256 of that JSON, a checksum.

The checksum goes last on purpose: a link cut short when copied loses `c`
first, so truncation gets its own precise message instead of a vague
"damaged". A short readable link `?preset=siamese` also works.

Everything read from a link or an uploaded file is untrusted: sizes are
capped before and after decompression (no decompression bombs), nothing is
evaluated or unpickled, and the result is validated by `Job.from_dict`, which
rejects unknown keys, unknown node types, cycles and every other bad value.
Every failure is an `InputError` (a `ValueError`) whose message a user can
act on, in any language (`funcnet.messages`); the interface then falls back
to the default setup.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import zlib
from collections.abc import Mapping
from typing import Any

from funcnet.messages import MESSAGES, InputError, Message
from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job

LINK_VERSION = "1"
SETUP_PARAM = "s"
CHECK_PARAM = "c"
VERSION_PARAM = "v"
PRESET_PARAM = "preset"
RESERVED_PARAMS = (VERSION_PARAM, SETUP_PARAM, CHECK_PARAM, PRESET_PARAM)
"""Query parameters this module reads; any other parameter is left to others (and ignored)."""

MAX_SETUP_CHARS = 16_000
"""Longest `s` accepted. The largest valid graph (64 nodes) compresses to a few thousand."""
MAX_JSON_BYTES = 64 * 1024
"""Largest setup JSON accepted, uploaded or decompressed from a link."""
CHECK_LENGTH = 8

_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")
_HEX = re.compile(r"^[0-9a-f]*$")

INCOMPLETE_LINK = MESSAGES["share.incomplete"]
"""The English message of a link cut off when copied."""

LINK_PARTS = {"setup": "share.part.setup", "class settings": "share.part.class_settings"}
"""What a link may carry (the `what` of `open_packed`) -> its phrase code in messages."""

_SETUP_FILE = {"where": "where.setup_file"}
_LINK_SETUP = {"where": "where.link_setup"}


# --------------------------------------------------------------------------- JSON


def canonical_json(job: Job) -> str:
    """Returns the job as compact JSON with sorted keys: one text per setup.

    Args:
        job: The setup.

    Returns:
        JSON text that is identical for equal jobs (so checksums agree).
    """
    return json.dumps(job.to_dict(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)


def job_to_json(job: Job) -> str:
    """Returns the setup as readable JSON for a download.

    The file is exactly `Job.to_dict()`, so `python -m funcnet train --spec`
    reads it too.

    Args:
        job: The setup.

    Returns:
        Indented JSON text ending with a newline.
    """
    return json.dumps(job.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class _NotFinite(ValueError):
    """NaN or Infinity in a setup: Python's json accepts them, JSON does not."""

    def __init__(self, constant: str) -> None:
        super().__init__(constant)
        self.constant = constant


def _reject_constant(name: str) -> Any:
    raise _NotFinite(name)


def _parse_setup(text: str, where: dict[str, str]) -> Job:
    """Parses and validates setup JSON; `where` names the source in messages."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError("share.bad_json", **where, problem=_json_problem(error.msg),
                         line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise InputError("share.too_deep", **where) from None
    except _NotFinite as error:
        raise InputError("share.not_finite", **where, constant=error.constant) from None
    except ValueError:  # an integer beyond Python's digit limit
        raise InputError("share.number_too_long", **where) from None
    if not isinstance(data, dict):
        raise InputError("share.not_object", **where, json_type=_json_type(data))
    try:
        return Job.from_dict(data)
    except ValueError as error:
        raise InputError("share.invalid_setup", **where, cause=_as_message(error)) from None
    except (TypeError, KeyError, AttributeError) as error:
        # Defence in depth: validation should raise ValueError for any JSON value, but
        # untrusted input must never surface as a traceback if a check misses a type.
        raise InputError("share.malformed_setup", **where, problem=str(error)) from None


def _json_problem(problem: str) -> Message:
    """Returns the JSON parser's complaint as a translatable `Message` (raw when unknown)."""
    code = _JSON_PROBLEMS.get(problem)
    return Message(code) if code else Message("raw", {"text": problem})


_JSON_PROBLEMS = {MESSAGES[code]: code for code in MESSAGES if code.startswith("json.problem.")}
"""Python's `json` error texts -> their message codes (e.g. `"json.problem.extra_data"`)."""


def _as_message(error: ValueError) -> Message:
    """Returns a validation error as a `Message` (plain text when it carries no code)."""
    if isinstance(error, InputError):
        return error.message
    return Message("raw", {"text": str(error)})


def _json_type(value: Any) -> str:
    """Returns the phrase code naming a parsed JSON value's type (`"json.type.array"`, ...)."""
    names = {list: "json.type.array", str: "json.type.string", int: "json.type.number",
             float: "json.type.number", bool: "json.type.boolean", type(None): "json.type.null"}
    return names.get(type(value), "json.type.value")


def job_from_json(text: str | bytes) -> Job:
    """Reads an uploaded setup JSON file, validated like everything else.

    Args:
        text: The file's content (bytes are decoded as UTF-8; a byte-order
            mark is allowed).

    Returns:
        The validated `Job`.

    Raises:
        InputError: If the file is larger than `MAX_JSON_BYTES`, not UTF-8,
            not valid JSON (the message names line and column), or not a
            valid setup (the message names the field and value).
    """
    size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
    if size > MAX_JSON_BYTES:
        raise InputError("share.file_too_big", size=size, limit=MAX_JSON_BYTES)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError("share.file_not_utf8", position=error.start) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("share.file_empty")
    return _parse_setup(text, _SETUP_FILE)


# --------------------------------------------------------------------------- links


def checksum(text: str) -> str:
    """Returns the link checksum of a text: the first 8 hex digits of its SHA-256.

    Args:
        text: The canonical text a link carries.

    Returns:
        `CHECK_LENGTH` lowercase hexadecimal digits.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:CHECK_LENGTH]


def pack_text(text: str) -> str:
    """Compresses a text for a URL: zlib, then URL-safe base64 without padding.

    Args:
        text: The text (JSON, in practice).

    Returns:
        Characters from `[A-Za-z0-9_-]` only.
    """
    packed = zlib.compress(text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def is_packed_text(encoded: str) -> bool:
    """Tells whether `encoded` only holds characters `pack_text` produces.

    Args:
        encoded: Text read from a link.

    Returns:
        True when every character is URL-safe base64.
    """
    return bool(_BASE64URL.match(encoded))


def is_partial_checksum(check: str) -> bool:
    """Tells whether `check` looks like a checksum cut short (hex, too few digits).

    Args:
        check: The checksum read from a link.

    Returns:
        True for fewer than `CHECK_LENGTH` hexadecimal digits.
    """
    return len(check) < CHECK_LENGTH and bool(_HEX.match(check))


def is_checksum(check: str) -> bool:
    """Tells whether `check` has a checksum's form (`CHECK_LENGTH` hex digits).

    Args:
        check: The checksum read from a link.

    Returns:
        True when it could be a checksum.
    """
    return len(check) == CHECK_LENGTH and bool(_HEX.match(check))


def job_to_query(job: Job) -> dict[str, str]:
    """Encodes a setup as share-link query parameters.

    Args:
        job: The setup.

    Returns:
        `{"v": "1", "s": <compressed setup>, "c": <checksum>}`, in that
        order (the checksum last, so truncation is detectable).
    """
    canonical = canonical_json(job)
    return {VERSION_PARAM: LINK_VERSION, SETUP_PARAM: pack_text(canonical),
            CHECK_PARAM: checksum(canonical)}


def has_shared_setup(params: Mapping[str, str]) -> bool:
    """Tells whether query parameters try to carry a setup at all.

    A page opened without a share link has none; then the interface should
    show its default setup without any message.

    Args:
        params: The page's query parameters.

    Returns:
        True if `s`, `c` or `preset` is present.
    """
    return any(key in params for key in (SETUP_PARAM, CHECK_PARAM, PRESET_PARAM))


def _single(params: Mapping[str, Any], key: str) -> str | None:
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        # st.query_params.to_dict() keeps the last of repeated keys; be as forgiving.
        value = value[-1] if value else ""
    if not isinstance(value, str):
        raise InputError("share.param_not_text", key=key, value=value)
    return value


def job_from_query(params: Mapping[str, str]) -> Job:
    """Restores a setup from share-link query parameters.

    Parameters other than `v`, `s`, `c` and `preset` are ignored. With only
    `preset`, the preset's setup is returned.

    Args:
        params: The page's query parameters (e.g. `st.query_params.to_dict()`).

    Returns:
        The validated `Job`, equal to the one the link was made from.

    Raises:
        InputError: With a message saying whether the link carries no setup,
            is incomplete (cut off when copied), was changed (checksum
            mismatch or characters a link never has), is too large, comes
            from a newer funcnet, or holds an invalid setup.
    """
    version = _single(params, VERSION_PARAM)
    if version is not None and version != LINK_VERSION:
        raise InputError("share.version", version=version, expected=LINK_VERSION)
    encoded = _single(params, SETUP_PARAM)
    check = _single(params, CHECK_PARAM)
    if encoded is None:
        if check is not None:
            raise InputError("share.incomplete")
        preset = _single(params, PRESET_PARAM)
        if preset is None:
            raise InputError("share.no_setup")
        if preset not in PRESETS:
            raise InputError("share.unknown_preset", preset=preset[:40],
                             known=", ".join(PRESETS))
        return PRESETS[preset].job
    if len(encoded) > MAX_SETUP_CHARS:
        raise InputError("share.too_long", length=len(encoded), limit=MAX_SETUP_CHARS)
    canonical = open_packed(encoded, check, what="setup", max_bytes=MAX_JSON_BYTES)
    return _parse_setup(canonical, _LINK_SETUP)


class LinkError(InputError):
    """A packed link text that cannot be opened: an `InputError` with a `reason`.

    Args:
        reason: `"incomplete"` (cut off when copied), `"changed"` (edited
            after it was made) or `"damaged"` (cannot be decoded).
        code: The message's key in `funcnet.messages.MESSAGES`.
        **fields: The message's values.
    """

    def __init__(self, reason: str, code: str, **fields: Any) -> None:
        super().__init__(code, **fields)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_link_error, (self.reason, self.code, self.fields))


def _rebuild_link_error(reason: str, code: str, fields: dict[str, Any]) -> LinkError:
    return LinkError(reason, code, **fields)


def open_packed(packed: str, check: str | None, *, what: str, max_bytes: int) -> str:
    """Checks a packed text from a link against its checksum and unpacks it.

    The one sequence every funcnet link follows: characters, then the
    checksum's form (a short one means the link was cut), then the
    decompression (capped), then the checksum itself.

    Args:
        packed: The packed text (`pack_text`) read from the link.
        check: Its checksum read from the link, or `None` when missing.
        what: What the link carries, named in the messages: a key of
            `LINK_PARTS` (`"setup"` or `"class settings"`).
        max_bytes: Largest decompressed size accepted.

    Returns:
        The text, whose checksum matches `check`.

    Raises:
        LinkError: With `reason` `"incomplete"`, `"changed"` or `"damaged"`.
        KeyError: If `what` is not a key of `LINK_PARTS`.
    """
    part = {"what": LINK_PARTS[what]}
    if not is_packed_text(packed):
        raise LinkError("changed", "share.bad_characters", **part)
    if check is None or is_partial_checksum(check):
        raise LinkError("incomplete", "share.incomplete")
    if not is_checksum(check):
        raise LinkError("changed", "share.bad_checksum", check=check[:20], length=CHECK_LENGTH)
    try:
        text = unpack_text(packed, what=what, max_bytes=max_bytes)
    except InputError as error:
        raise LinkError("damaged", error.code, **error.fields) from None
    if checksum(text) != check:
        raise LinkError("changed", "share.checksum_mismatch", **part)
    return text


def unpack_text(encoded: str, *, what: str = "setup", max_bytes: int = MAX_JSON_BYTES) -> str:
    """Reverses `pack_text`, refusing more than `max_bytes` of output.

    Args:
        encoded: The packed text read from a link (already checked with
            `is_packed_text`).
        what: What the link carries, named in the messages: a key of
            `LINK_PARTS` (`"setup"` or `"class settings"`).
        max_bytes: Largest decompressed size accepted.

    Returns:
        The text.

    Raises:
        InputError: If the text cannot be decoded or decompressed, expands
            beyond `max_bytes`, ends too early, has extra data or is not
            UTF-8; the message says which.
        KeyError: If `what` is not a key of `LINK_PARTS`.
    """
    part = {"what": LINK_PARTS[what]}
    if len(encoded) % 4 == 1:
        # No base64 text has this length: characters were lost or added.
        raise InputError("share.partial_bytes", **part)
    try:
        packed = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        raise InputError("share.undecodable", **part) from None
    inflater = zlib.decompressobj()
    try:
        # max_length caps the output, so a tiny bomb cannot expand into gigabytes.
        raw = inflater.decompress(packed, max_bytes + 1)
    except zlib.error:
        raise InputError("share.not_decompressible", **part) from None
    if len(raw) > max_bytes:
        raise InputError("share.expands", **part, limit=max_bytes)
    if not inflater.eof:
        # The checksum is intact, so the link was not cut at its end: its middle changed.
        raise InputError("share.ends_early", **part)
    if inflater.unused_data:
        raise InputError("share.extra_data", **part)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("share.not_utf8", **part) from None
