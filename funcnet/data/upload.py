"""Uploaded CSV files: validated on the server, stored by content hash, loaded back.

`store_upload` checks a file (size, encoding, delimiter, header, rows,
columns, numbers) and stores it as `<upload_dir()>/<sha256>.csv`; a
`DataSpec` named `"csv"` reads it back by hash (`load_csv`). Nothing read
from a file is ever unpickled or evaluated.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import math
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from funcnet.data.catalog import MAX_CSV_ROWS
from funcnet.data.generators import Dataset, TargetInfo, class_label, quoted_list, split_and_scale
from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.model.spec import DataSpec

UPLOAD_MB_VARIABLE = "FUNCNET_MAX_UPLOAD_MB"
MAX_CSV_BYTES = limits.configured(UPLOAD_MB_VARIABLE, 25) * 1024 * 1024
"""Largest CSV a page accepts (default 25 MB): `FUNCNET_MAX_UPLOAD_MB`."""
MAX_CSV_COLUMNS = int(limits.COLUMN_COUNT.high) + 16
"""Columns a CSV may have: every feature an input may take, and a few targets beside."""
MAX_CLASSES = 50
MIN_CSV_ROWS = 10
"""Fewer rows cannot be split into a training and a test part worth the name."""
MAX_ABS_VALUE = 1e15
"""Largest magnitude a CSV number may have: the network computes in 32-bit floats (at most
about 3.4e38) and losses square values, so far larger numbers make the loss infinite."""
AUTO_MULTICLASS_LIMIT = 20
"""`task="auto"`: whole-number or text targets with at most this many values are classes."""

_DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "csv.delimiter.commas", ";": "csv.delimiter.semicolons",
                    "\t": "csv.delimiter.tabs", "|": "csv.delimiter.bars",
                    " ": "csv.delimiter.spaces"}
"""Each delimiter's name, as a message code."""
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class UploadInfo:
    """What the server learned from a valid CSV upload.

    Args:
        sha256: Hex SHA-256 of the file's bytes; the file is stored under it.
        filename: The name the file was uploaded with.
        n_rows: Number of data rows (header excluded).
        columns: Every column name, in file order.
        numeric_columns: The columns holding numbers only.
        suggested_target: The column proposed as target (the last one).
    """

    sha256: str
    filename: str
    n_rows: int
    columns: tuple[str, ...]
    numeric_columns: tuple[str, ...]
    suggested_target: str


# --------------------------------------------------------------------------- CSV uploads


def upload_dir() -> Path:
    """Returns the folder uploads are stored in.

    Returns:
        `$FUNCNET_UPLOAD_DIR` if set, else `<tempdir>/funcnet-uploads`
        (not created here).
    """
    configured = os.environ.get("FUNCNET_UPLOAD_DIR")
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / "funcnet-uploads"


def _upload_path(sha256: str) -> Path:
    return upload_dir() / f"{sha256}.csv"


def _megabytes(n_bytes: int) -> float:
    # Rounded up, so a file just over the limit never reads as "5.0 MB, limit 5 MB".
    return math.ceil(n_bytes / (1024 * 1024) * 10) / 10


def _looks_utf16(content: bytes) -> bool:
    """Whether `content` is UTF-16 text without a byte-order mark.

    Text in Latin letters saved as UTF-16 has a zero byte in every other
    position (odd ones little-endian, even ones big-endian), and almost no
    zero bytes elsewhere; a binary file has zeros scattered anywhere.
    """
    sample = content[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, others in ((odd, even), (even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) <= 0.02 * len(others):
            return True
    return False


def _decode(content: bytes, where: dict[str, str]) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(content):
        raise InputError("csv.utf16", **where)
    if b"\x00" in content:
        raise InputError("csv.binary", **where)
    try:
        # utf-8-sig also reads plain UTF-8 and drops the byte-order mark Excel writes.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("csv.not_utf8", **where, byte=f"{content[error.start]:02x}",
                         position=error.start) from None
    controls = sum(1 for c in text[:_SNIFF_BYTES] if ord(c) < 32 and c not in "\t\r\n")
    if controls > 0.01 * min(len(text), _SNIFF_BYTES):
        raise InputError("csv.control_characters", **where)
    return text


def _sniff_delimiter(text: str) -> str:
    sample = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _first_line(text: str) -> str:
    return text.lstrip("\r\n").splitlines()[0] if text.strip() else ""


_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _parse_csv(content: bytes, filename: str) -> pd.DataFrame:
    """Validates and parses CSV bytes; every failure is a ValueError a student can act on."""
    shown = Path(filename.replace("\\", "/")).name[:80] if filename else ""
    where = ({"where": "where.file", "filename": shown} if shown
             else {"where": "where.file_unnamed"})
    if not content.strip():
        raise InputError("csv.empty", **where)
    if len(content) > MAX_CSV_BYTES:
        raise InputError("csv.too_big", **where, size_mb=_megabytes(len(content)),
                         limit_mb=MAX_CSV_BYTES / (1024 * 1024))
    text = _decode(content, where)
    delimiter = _sniff_delimiter(text)
    header = next(csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter), [])
    header = [h.strip() for h in header]
    for column in header:
        if column and header.count(column) > 1:
            raise InputError("csv.duplicate_column", **where, column=column,
                             count=header.count(column))
    if len(header) > MAX_CSV_COLUMNS:
        raise InputError("csv.too_many_columns", **where, count=len(header),
                         limit=MAX_CSV_COLUMNS)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, skipinitialspace=True,
                            skip_blank_lines=True)
    except pd.errors.EmptyDataError:
        raise InputError("csv.no_columns", **where) from None
    except pd.errors.ParserError as error:
        match = _FIELDS_ERROR.search(str(error))
        if match:
            expected, line, saw = match.groups()
            raise InputError("csv.row_width", **where, line=int(line), saw=int(saw),
                             expected=int(expected)) from None
        quote = _OPEN_QUOTE.search(str(error))
        if quote:  # pandas counts rows from 0 at the header: file line = row + 1
            raise InputError("csv.open_quote", **where, line=int(quote.group(1)) + 1) from None
        raise InputError("csv.unreadable", **where, reason=str(error)) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.shape[1] == 1:
        others = [d for d in _DELIMITER_NAMES if d != delimiter and d in _first_line(text)]
        if others:
            raise InputError("csv.other_delimiter", **where,
                             delimiter_name=_DELIMITER_NAMES[others[0]], delimiter=others[0])
        raise InputError("csv.one_column", **where, column=frame.columns[0])
    if frame.empty:
        raise InputError("csv.no_rows", **where)
    if len(frame) > MAX_CSV_ROWS:
        raise InputError("csv.too_many_rows", **where, rows=len(frame), limit=MAX_CSV_ROWS)
    if len(frame) < MIN_CSV_ROWS:
        raise InputError("csv.too_few_rows", **where, rows=len(frame), minimum=MIN_CSV_ROWS)
    if not any(pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns):
        raise InputError("csv.no_numeric", **where, columns=quoted_list(frame.columns))
    return frame


def _numeric_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]))


def store_upload(content: bytes, filename: str) -> UploadInfo:
    """Validates a CSV upload and stores it under `upload_dir()/<sha256>.csv`.

    Args:
        content: The file's bytes.
        filename: The name it was uploaded with (used in messages).

    Returns:
        An `UploadInfo` with the hash, row count and columns.

    Raises:
        ValueError: With a message naming the problem when the file is
            empty, larger than `MAX_CSV_BYTES`, binary, not UTF-8, not
            comma-, semicolon-, tab- or bar-separated, has no data rows, has
            too many rows or columns, has no numeric column, or cannot be
            stored.
    """
    frame = _parse_csv(content, filename)
    sha256 = hashlib.sha256(content).hexdigest()
    path = _upload_path(sha256)
    if path.exists():
        with contextlib.suppress(OSError):
            path.touch()  # uploaded again: now the newest, the last to be evicted
    else:
        _write_atomically(path, content)
    enforce_quota(keep=path)
    return _upload_info(frame, sha256, filename)


def upload_quota(environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """Returns `(most files, most bytes)` the upload folder may hold.

    `FUNCNET_MAX_UPLOADS` (default 200 files) and `FUNCNET_UPLOAD_QUOTA_MB`
    (default 500 MB: twenty of the largest uploads) set them; an unreadable value keeps the default.
    """
    environ = os.environ if environ is None else environ

    def read(name: str, default: int) -> int:
        text = environ.get(name, "").strip()
        return int(text) if text.isdigit() and 0 < len(text) <= 9 and int(text) > 0 else default

    return read("FUNCNET_MAX_UPLOADS", 200), read("FUNCNET_UPLOAD_QUOTA_MB", 500) * 1024 * 1024


def enforce_quota(keep: Path | None = None) -> list[Path]:
    """Removes the oldest uploads until the folder is within `upload_quota()`.

    A run whose upload was removed reads `csv.gone` ("no longer on the
    server; upload it again") when it is loaded again.

    Args:
        keep: A file never removed (the upload just stored).

    Returns:
        The files removed, oldest first.
    """
    max_files, max_bytes = upload_quota()
    files = []
    for path in upload_dir().glob("*.csv"):
        with contextlib.suppress(OSError):
            info = path.stat()
            files.append((info.st_mtime, path, info.st_size))
    files.sort()
    count, total = len(files), sum(size for _, _, size in files)
    removed = []
    for _, path, size in files:
        if count <= max_files and total <= max_bytes:
            break
        if path == keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        removed.append(path)
        count, total = count - 1, total - size
    return removed


def _upload_info(frame: pd.DataFrame, sha256: str, filename: str) -> UploadInfo:
    columns = tuple(frame.columns)
    return UploadInfo(sha256=sha256, filename=filename, n_rows=len(frame), columns=columns,
                      numeric_columns=_numeric_columns(frame), suggested_target=columns[-1])


def _write_atomically(path: Path, content: bytes) -> None:
    # Write to a temporary file in the same folder, then rename: readers never see half a file.
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InputError("csv.store_failed", reason=str(error.strerror or error)) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def upload_bytes(sha256: str) -> bytes:
    """Returns the bytes of a stored upload, checked against its hash.

    Args:
        sha256: The hash `store_upload` returned.

    Returns:
        The file's content.

    Raises:
        InputError: If the file is gone (`csv.gone`) or its content no
            longer matches the hash (`csv.hash_mismatch`).
    """
    try:
        content = _upload_path(sha256).read_bytes()
    except FileNotFoundError:
        raise InputError("csv.gone") from None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InputError("csv.hash_mismatch")
    return content


def ensure_upload(content: bytes, sha256: str) -> None:
    """Stores an upload received from elsewhere (another machine's server) if missing.

    The content is checked against the hash before anything is written, so
    a file in the upload folder always holds what its name says.

    Args:
        content: The file's bytes.
        sha256: The hash it must have.

    Raises:
        InputError: If the content does not match the hash
            (`csv.hash_mismatch`) or cannot be stored (`csv.store_failed`).
    """
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InputError("csv.hash_mismatch")
    path = _upload_path(sha256)
    if not path.exists():
        _write_atomically(path, content)


def _read_upload(sha256: str) -> pd.DataFrame:
    return _parse_csv(upload_bytes(sha256), "")


def upload_info(sha256: str, filename: str = "") -> UploadInfo:
    """Re-reads a stored upload's columns (e.g. for the target picker).

    Args:
        sha256: The hash `store_upload` returned.
        filename: The original name, if known, to carry in the result.

    Returns:
        The file's `UploadInfo`.

    Raises:
        ValueError: If the file is no longer on the server.
    """
    frame = _read_upload(sha256)
    return _upload_info(frame, sha256, filename or f"{sha256[:12]}.csv")


def upload_columns(sha256: str) -> tuple[str, ...]:
    """Returns every column of a stored upload, in file order.

    Args:
        sha256: The hash `store_upload` returned.

    Returns:
        The column names.

    Raises:
        ValueError: If the file is no longer on the server.
    """
    return upload_info(sha256).columns


def _first_non_numeric(series: pd.Series) -> tuple[object, int]:
    """Returns a value that is not a number and its 1-based data row."""
    converted = pd.to_numeric(series, errors="coerce")
    bad = np.flatnonzero(converted.isna().to_numpy() & series.notna().to_numpy())
    if not bad.size:
        return None, 0
    return series.iloc[bad[0]], int(bad[0]) + 1


def _plain(value: object) -> object:
    """Returns a cell as a plain Python value (numpy scalars unwrapped) for a message."""
    return value.item() if isinstance(value, np.generic) else value


def _check_features(frame: pd.DataFrame, features: Sequence[str], target: str) -> np.ndarray:
    text_columns = [c for c in features if not pd.api.types.is_numeric_dtype(frame[c])]
    if text_columns:
        value, row = _first_non_numeric(frame[text_columns[0]])
        decimal_comma = isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip())
        raise InputError(
            "csv.text_features",
            subject="csv.subject_one" if len(text_columns) == 1 else "csv.subject_many",
            column=text_columns[0], columns=quoted_list(text_columns, 6),
            example="csv.example_feature" if row else "", value=_plain(value), row=row,
            target=target, hint="csv.decimal_comma" if decimal_comma else "",
        )
    values = frame[list(features)].to_numpy(dtype=np.float64)
    bad = (~np.isfinite(values)).sum(axis=0)
    if bad.any():
        problems = [(c, int(n)) for c, n in zip(features, bad, strict=True) if n]
        raise InputError("csv.missing_features", column=problems[0][0], count=problems[0][1],
                         more="csv.more_columns" if len(problems) > 1 else "",
                         more_count=len(problems) - 1)
    _check_magnitude(values, features)
    return values


def _check_magnitude(values: np.ndarray, columns: Sequence[str]) -> None:
    """Refuses numbers so large that training could only produce an infinite loss."""
    huge = np.abs(values) > MAX_ABS_VALUE
    if huge.any():
        rows, cols = np.nonzero(huge.reshape(len(values), -1))
        raise InputError("csv.huge_values", column=columns[int(cols[0])],
                         value=float(values.reshape(len(values), -1)[rows[0], cols[0]]),
                         row=int(rows[0]) + 1, limit=MAX_ABS_VALUE)


def _target_values(series: pd.Series, task: str) -> tuple[TargetInfo, np.ndarray]:
    """Resolves the task of target column `series` and encodes it."""
    name = str(series.name)
    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    missing = int(series.isna().sum())
    if numeric:
        missing += int(np.isinf(series.to_numpy(dtype=np.float64)).sum())
    if missing:
        raise InputError("csv.target_missing", column=name, count=missing)
    values = series.to_numpy(dtype=np.float64) if numeric else series.to_numpy()
    distinct = np.unique(values) if numeric else pd.unique(series)
    if len(distinct) < 2:
        raise InputError("csv.target_one_value", column=name, value=class_label(distinct[0]))
    whole = numeric and bool(np.all(values == np.round(values)))
    if task == "auto":
        if len(distinct) == 2:
            task = "binary"
        elif (whole or not numeric) and len(distinct) <= AUTO_MULTICLASS_LIMIT:
            task = "multiclass"
        elif numeric:
            task = "regression"
        else:
            task = "multiclass"  # text cannot be regressed; the class limit applies below
    if task == "regression":
        if not numeric:
            value, row = _first_non_numeric(series)
            raise InputError("csv.target_not_numeric", column=name, value=_plain(value), row=row,
                             example="csv.example_target" if row else "")
        _check_magnitude(values, (name,))
        return TargetInfo(name, "regression", ()), values
    if task == "binary" and len(distinct) != 2:
        raise InputError("csv.binary_values", column=name, count=len(distinct))
    if len(distinct) > MAX_CLASSES:
        raise InputError("csv.too_many_classes", column=name, count=len(distinct),
                         limit=MAX_CLASSES,
                         suggestion="csv.suggest_regression" if numeric
                         else "csv.suggest_other_target")
    ordered = np.sort(distinct) if numeric else sorted(distinct, key=str)
    classes = tuple(class_label(v) for v in ordered)
    codes = pd.Categorical(values, categories=ordered).codes.astype(np.int64)
    return TargetInfo(name, task, classes), codes


def load_csv(spec: DataSpec) -> Dataset:
    frame = _read_upload(spec.param("sha256"))
    target = spec.param("target")
    if target not in frame.columns:
        raise InputError("csv.bad_target", target=target, columns=quoted_list(frame.columns))
    features = tuple(c for c in frame.columns if c != target)
    x = _check_features(frame, features, target)
    info, y = _target_values(frame[target], spec.param("task"))
    return split_and_scale(spec, x, features, {target: info}, {target: y})
