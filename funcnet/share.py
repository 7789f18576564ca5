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
Every failure is a `ValueError` whose message a user can act on; the
interface then falls back to the default setup.
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

from funcnet.presets import PRESETS
from funcnet.spec import Job

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

INCOMPLETE_LINK = (
    "This link is incomplete — it may have been cut off when copied. "
    "Copy the whole link again."
)


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


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which are not JSON; say so plainly.
    raise ValueError(f"the value {name} is not allowed in a setup (numbers must be finite)")


def _parse_setup(text: str, what: str) -> Job:
    """Parses and validates setup JSON; `what` names the source in messages."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"{what} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from None
    except RecursionError:
        raise ValueError(f"{what} is nested too deeply to be a funcnet setup.") from None
    except ValueError as error:  # from _reject_constant
        raise ValueError(f"{what} is not valid: {error}.") from None
    if not isinstance(data, dict):
        raise ValueError(
            f"{what} must be a JSON object with 'model', 'data' and 'train', "
            f"received a JSON {_json_type(data)}."
        )
    try:
        return Job.from_dict(data)
    except ValueError as error:
        raise ValueError(f"{what} holds an invalid setup: {error}") from None
    except (TypeError, KeyError, AttributeError) as error:
        # Defence in depth: validation should raise ValueError for any JSON value, but
        # untrusted input must never surface as a traceback if a check misses a type.
        raise ValueError(f"{what} holds a malformed setup ({error}).") from None


def _json_type(value: Any) -> str:
    names = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
             type(None): "null"}
    return names.get(type(value), type(value).__name__)


def job_from_json(text: str | bytes) -> Job:
    """Reads an uploaded setup JSON file, validated like everything else.

    Args:
        text: The file's content (bytes are decoded as UTF-8; a byte-order
            mark is allowed).

    Returns:
        The validated `Job`.

    Raises:
        ValueError: If the file is larger than `MAX_JSON_BYTES`, not UTF-8,
            not valid JSON (the message names line and column), or not a
            valid setup (the message names the field and value).
    """
    size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
    if size > MAX_JSON_BYTES:
        raise ValueError(
            f"The setup file is {size:,} bytes; the limit is {MAX_JSON_BYTES:,} bytes. "
            "A funcnet setup is much smaller — is this the right file?"
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(
                f"The setup file is not UTF-8 text (byte {error.start} is not valid UTF-8); "
                "upload a JSON file saved by funcnet."
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ValueError("The setup file is empty.")
    return _parse_setup(text, "The setup file")


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
        raise ValueError(f"Share link: parameter {key!r} must be text, received {value!r}.")
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
        ValueError: With a message saying whether the link carries no setup,
            is incomplete (cut off when copied), was changed (checksum
            mismatch or characters a link never has), is too large, comes
            from a newer funcnet, or holds an invalid setup.
    """
    version = _single(params, VERSION_PARAM)
    if version is not None and version != LINK_VERSION:
        raise ValueError(
            f"This link was made by another version of funcnet (link format {version!r}; "
            f"this one reads format {LINK_VERSION!r})."
        )
    encoded = _single(params, SETUP_PARAM)
    check = _single(params, CHECK_PARAM)
    if encoded is None:
        if check is not None:
            raise ValueError(INCOMPLETE_LINK)
        preset = _single(params, PRESET_PARAM)
        if preset is None:
            raise ValueError("This link carries no setup.")
        if preset not in PRESETS:
            raise ValueError(
                f"This link names the preset {preset[:40]!r}, which does not exist; "
                f"known presets: {', '.join(PRESETS)}."
            )
        return PRESETS[preset].job
    if len(encoded) > MAX_SETUP_CHARS:
        raise ValueError(
            f"This link's setup is {len(encoded):,} characters long; the limit is "
            f"{MAX_SETUP_CHARS:,}. It was not made by funcnet."
        )
    canonical = open_packed(encoded, check, what="setup", max_bytes=MAX_JSON_BYTES)
    return _parse_setup(canonical, "This link's setup")


class LinkError(ValueError):
    """A packed link text that cannot be opened.

    Args:
        reason: `"incomplete"` (cut off when copied), `"changed"` (edited
            after it was made) or `"damaged"` (cannot be decoded).
        message: The English explanation.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def open_packed(packed: str, check: str | None, *, what: str, max_bytes: int) -> str:
    """Checks a packed text from a link against its checksum and unpacks it.

    The one sequence every funcnet link follows: characters, then the
    checksum's form (a short one means the link was cut), then the
    decompression (capped), then the checksum itself.

    Args:
        packed: The packed text (`pack_text`) read from the link.
        check: Its checksum read from the link, or `None` when missing.
        what: What the link carries, named in the messages (e.g. "setup").
        max_bytes: Largest decompressed size accepted.

    Returns:
        The text, whose checksum matches `check`.

    Raises:
        LinkError: With `reason` `"incomplete"`, `"changed"` or `"damaged"`.
    """
    if not is_packed_text(packed):
        raise LinkError("changed", f"This link was changed after it was made: its {what} "
                        "contains characters a funcnet link never has.")
    if check is None or is_partial_checksum(check):
        raise LinkError("incomplete", INCOMPLETE_LINK)
    if not is_checksum(check):
        raise LinkError("changed", f"This link was changed after it was made: its checksum "
                        f"{check[:20]!r} is not {CHECK_LENGTH} hexadecimal digits.")
    try:
        text = unpack_text(packed, what=what, max_bytes=max_bytes)
    except ValueError as error:
        raise LinkError("damaged", str(error)) from None
    if checksum(text) != check:
        raise LinkError("changed", f"This link was changed after it was made: its {what} "
                        "does not match its checksum.")
    return text


def unpack_text(encoded: str, *, what: str = "setup", max_bytes: int = MAX_JSON_BYTES) -> str:
    """Reverses `pack_text`, refusing more than `max_bytes` of output.

    Args:
        encoded: The packed text read from a link (already checked with
            `is_packed_text`).
        what: What the link carries, named in the messages (e.g. "setup").
        max_bytes: Largest decompressed size accepted.

    Returns:
        The text.

    Raises:
        ValueError: If the text cannot be decoded or decompressed, expands
            beyond `max_bytes`, ends too early, has extra data or is not
            UTF-8; the message says which.
    """
    if len(encoded) % 4 == 1:
        # No base64 text has this length: characters were lost or added.
        raise ValueError(
            f"This link is damaged: its {what} is not a whole number of encoded bytes "
            "(characters were lost or added)."
        )
    try:
        packed = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(f"This link is damaged: its {what} cannot be decoded.") from None
    inflater = zlib.decompressobj()
    try:
        # max_length caps the output, so a tiny bomb cannot expand into gigabytes.
        raw = inflater.decompress(packed, max_bytes + 1)
    except zlib.error:
        raise ValueError(
            f"This link was changed or damaged after it was made: its {what} cannot be "
            "decompressed."
        ) from None
    if len(raw) > max_bytes:
        raise ValueError(
            f"This link's {what} expands to more than {max_bytes:,} bytes; "
            "it was not made by funcnet."
        )
    if not inflater.eof:
        # The checksum is intact, so the link was not cut at its end: its middle changed.
        raise ValueError(
            f"This link was changed or damaged after it was made: its {what} ends too early."
        )
    if inflater.unused_data:
        raise ValueError(f"This link was changed after it was made: its {what} has extra data.")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"This link is damaged: its {what} is not UTF-8 text.") from None
