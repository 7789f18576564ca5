"""Teacher links: a class link that hides controls and pages and may set a challenge.

A teacher composes a `TeacherLink` (pages and controls to hide, an optional
challenge such as "reach AUC ≥ 0.90 with at most 2,000 parameters", an
optional shared class board and a short message) and shares it together with
a fixed setup. The whole link travels in ONE query parameter, `class`, next
to the share link's own `v`, `s` and `c` (`funcnet.export.share`), which carry the
setup:

    class=<format>.<settings>.<checksum>

- `<format>`: the link format version (`"1"`);
- `<settings>`: the settings' canonical JSON, zlib-compressed, in URL-safe
  base64 without padding (`funcnet.export.share.pack_text`);
- `<checksum>`: the first 8 hex digits of the SHA-256 of that JSON.

As in a share link the checksum comes last, so a link cut short when copied
is told apart from one that was changed. Everything read from a link is
untrusted: sizes are capped before and after decompression, and every field
is validated; unknown pages or controls are rejected by name. Every failure
is a `ClassLinkError` (a `ValueError`) whose `reason` lets the interface
say what happened in the session's language.

This is a classroom aid, not access control: a student can always remove
the parameter from the address by hand.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from funcnet.classroom.link_checks import (
    ClassLinkError,
    _check_keys,
    _check_line,
    _check_text,
    _invalid,
    _ordered,
    _shown,
)
from funcnet.export.share import (
    LinkError,
    checksum,
    job_to_query,
    open_packed,
    pack_text,
)
from funcnet.i18n import N_
from funcnet.model.spec import Job

CLASS_PARAM = "class"
"""The query parameter that carries a teacher link."""

LINK_FORMAT = "1"
"""Version of the `class` parameter's format."""

MAX_PARAM_CHARS = 4_000
"""Longest `class` value accepted; a full link (every control hidden) is far shorter."""
MAX_JSON_BYTES = 8 * 1024
"""Largest settings JSON accepted after decompression."""
MAX_BOARD_CHARS = 40
"""Longest class board name (the random suffix the Teacher page adds included)."""
MAX_MESSAGE_CHARS = 280
"""Longest message to the class."""
MAX_CHALLENGE_PARAMS = 100_000_000
"""Largest parameter limit a challenge may set."""

PAGES: dict[str, str] = {
    "lessons": "nav.lessons",
    "build": "nav.build",
    "architecture": "nav.architecture",
    "evaluate": "nav.evaluate",
    "compare": "nav.compare",
    "activations": "nav.activations",
}
"""Pages a teacher link may hide: page id -> its title's text id. Home always stays."""


@dataclass(frozen=True)
class Control:
    """A control a teacher link may hide.

    Args:
        group: The group it is listed under on the Teacher page (a key of
            `CONTROL_GROUPS`).
        text_id: Text id of its readable name.
    """

    group: str
    text_id: str


CONTROL_GROUPS: dict[str, str] = {
    "data": "class.group.data",
    "network": "class.group.network",
    "training": "class.group.training",
    "files": "class.group.files",
}
"""Groups of hideable controls, in display order: group id -> text id."""

CONTROLS: dict[str, Control] = {
    # Data.
    "dataset": Control("data", "class.control.dataset"),
    "csv_upload": Control("data", "class.control.csv_upload"),
    # Network.
    "preset": Control("network", "class.control.preset"),
    "layers": Control("network", "class.control.layers"),
    "units": Control("network", "class.control.units"),
    "activations": Control("network", "class.control.activations"),
    "dropout": Control("network", "class.control.dropout"),
    "output_head": Control("network", "class.control.output_head"),
    "node_table": Control("network", "class.control.node_table"),
    "activation_compare": Control("network", "class.control.activation_compare"),
    # Training.
    "optimizer": Control("training", "class.control.optimizer"),
    "learning_rate": Control("training", "class.control.learning_rate"),
    "epochs": Control("training", "class.control.epochs"),
    "batch_size": Control("training", "class.control.batch_size"),
    "validation_split": Control("training", "class.control.validation_split"),
    "early_stopping": Control("training", "class.control.early_stopping"),
    "seeds": Control("training", "class.control.seeds"),
    # Files and sharing.
    "code_export": Control("files", "class.control.code_export"),
    "setup_files": Control("files", "class.control.setup_files"),
    "model_download": Control("files", "class.control.model_download"),
    "threshold": Control("files", "class.control.threshold"),
    "share_link": Control("files", "class.control.share_link"),
}
"""Every control a teacher link may hide: control id -> `Control`. The one list."""

METRICS: dict[str, str] = {"auc": "metric.auc", "accuracy": "metric.accuracy"}
"""Metrics a challenge may ask for: metric id -> its text id."""


def check_board_name(name: Any) -> str:
    """Validates a class board name: the one rule for board names, wherever they come from.

    Args:
        name: The name, e.g. from a teacher link or the session state.

    Returns:
        The name, unchanged.

    Raises:
        ClassLinkError: If it is not text, is empty, starts or ends with
            spaces, is longer than `MAX_BOARD_CHARS` or holds a control
            character; the message says which.
    """
    return _check_line(name, N_("class board name"), MAX_BOARD_CHARS)


@dataclass(frozen=True)
class Challenge:
    """A goal the class tries to reach: a test metric, within a parameter budget.

    Args:
        metric: `"auc"` or `"accuracy"`, of the run's first classification head.
        minimum: The score to reach, in (0, 1].
        max_params: The largest network allowed (total parameters), or
            `None` for no limit.

    Raises:
        ValueError: If a field is out of range; the message names it.
    """

    metric: str
    minimum: float
    max_params: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.metric, str) or self.metric not in METRICS:
            raise _invalid(N_("The challenge's metric must be one of {options}, received "
                              "{value}."), options=", ".join(METRICS), value=_shown(self.metric))
        if isinstance(self.minimum, bool) or not isinstance(self.minimum, int | float):
            raise _invalid(N_("The challenge's minimum must be a number, received {value}."),
                           value=_shown(self.minimum))
        try:
            minimum = float(self.minimum)
        except OverflowError:  # an int too large for a float
            minimum = math.inf
        if not math.isfinite(minimum) or not 0.0 < minimum <= 1.0:
            raise _invalid(N_("The challenge's minimum must be above 0 and at most 1, "
                              "received {value}."), value=_shown(self.minimum))
        object.__setattr__(self, "minimum", minimum)
        if self.max_params is not None and (
            isinstance(self.max_params, bool) or not isinstance(self.max_params, int)
            or not 1 <= self.max_params <= MAX_CHALLENGE_PARAMS
        ):
            raise _invalid(N_("The challenge's parameter limit must be a whole number from 1 "
                              "to {limit}, received {value}."),
                           limit=f"{MAX_CHALLENGE_PARAMS:,}", value=_shown(self.max_params))

    def is_met(self, score: float | None, params: int) -> bool:
        """Tells whether a run with `score` and `params` parameters meets the challenge.

        The score is compared as shown on the page (3 decimals), so a run
        shown as "0.900" meets a minimum of 0.90.

        Args:
            score: The run's test score of `metric` (NaN or `None` when undefined).
            params: The run's total parameter count.

        Returns:
            True when the score reaches `minimum` within the parameter limit.
        """
        if score is None or not math.isfinite(score):
            return False
        within = self.max_params is None or params <= self.max_params
        return within and round(float(score), 3) >= round(self.minimum, 3)

    def to_dict(self) -> dict[str, Any]:
        """Returns the challenge as JSON-ready data."""
        return {"metric": self.metric, "minimum": self.minimum, "max_params": self.max_params}

    @classmethod
    def from_dict(cls, data: Any) -> Challenge:
        """Reads a challenge written by `to_dict`.

        Args:
            data: The decoded JSON value.

        Returns:
            The validated `Challenge`.

        Raises:
            ClassLinkError: If keys are missing or unknown, or a value is invalid.
        """
        if not isinstance(data, dict):
            raise _invalid(N_("The challenge must be an object, received {value}."),
                           value=_shown(data, 80))
        _check_keys(data, {"metric", "minimum", "max_params"}, "challenge", required={"metric",
                                                                                        "minimum"})
        return cls(data["metric"], data["minimum"], data.get("max_params"))


@dataclass(frozen=True)
class Attempt:
    """One finished run judged against a challenge.

    Args:
        score: Its test score of the challenge's metric (NaN when undefined).
        params: Its total parameter count.
        met: Whether it meets the challenge.
        within_limit: Whether it stays within the parameter limit.
    """

    score: float
    params: int
    met: bool
    within_limit: bool

    def beats(self, other: Attempt | None) -> bool:
        """Tells whether this attempt is better than `other`.

        A met challenge beats an unmet one, staying within the parameter
        limit beats exceeding it, then the higher score wins, then the
        smaller network.

        Args:
            other: The best attempt so far, or `None`.

        Returns:
            True when this attempt should become the best one.
        """
        if other is None:
            return True

        def rank(attempt: Attempt) -> tuple[bool, bool, float, int]:
            score = attempt.score if math.isfinite(attempt.score) else -math.inf
            return attempt.met, attempt.within_limit, score, -attempt.params

        return rank(self) > rank(other)


def judge(challenge: Challenge, score: float | None, params: int) -> Attempt:
    """Judges a run's score and size against a challenge.

    Args:
        challenge: The challenge.
        score: The run's test score of `challenge.metric` (NaN or `None`
            when undefined, e.g. AUC with one class in the test set).
        params: The run's total parameter count.

    Returns:
        The `Attempt`.
    """
    value = math.nan if score is None else float(score)
    within = challenge.max_params is None or params <= challenge.max_params
    return Attempt(value, int(params), challenge.is_met(value, params), within)


@dataclass(frozen=True)
class TeacherLink:
    """What a class link changes in the dashboard.

    Args:
        hidden_pages: Ids from `PAGES` to leave out of the navigation.
        hidden_controls: Ids from `CONTROLS` not to draw (their setting keeps
            the value of the setup the link fixes).
        challenge: A goal the page checks and celebrates, or `None`.
        board: Name of a shared run board for the class, or `None`
            (each browser keeps its own runs).
        message: A short message shown to the class, or `None`.

    Raises:
        ClassLinkError: If an id is unknown or listed twice, or a text is
            empty, too long or not one plain line.
    """

    hidden_pages: tuple[str, ...] = ()
    hidden_controls: tuple[str, ...] = ()
    challenge: Challenge | None = None
    board: str | None = None
    message: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "hidden_pages", _ordered(self.hidden_pages, PAGES, N_("page")))
        object.__setattr__(self, "hidden_controls",
                           _ordered(self.hidden_controls, CONTROLS, N_("control")))
        if self.challenge is not None and not isinstance(self.challenge, Challenge):
            raise _invalid(N_("The challenge must be a Challenge, received {value}."),
                           value=_shown(self.challenge, 80))
        _check_text(self.board, N_("class board name"), MAX_BOARD_CHARS)
        _check_text(self.message, N_("message to the class"), MAX_MESSAGE_CHARS)

    def shows(self, control: str) -> bool:
        """Tells whether a control is drawn under this link.

        Args:
            control: A key of `CONTROLS`.

        Returns:
            False when the link hides it.

        Raises:
            KeyError: If `control` is not a registered control (a typo in
                the interface must not silently show or hide anything).
        """
        if control not in CONTROLS:
            raise KeyError(f"Unknown control {control!r}; known controls: {', '.join(CONTROLS)}.")
        return control not in self.hidden_controls

    def shows_page(self, page: str) -> bool:
        """Tells whether a page stays in the navigation under this link.

        Args:
            page: A key of `PAGES`.

        Returns:
            False when the link hides it.

        Raises:
            KeyError: If `page` is not a hideable page.
        """
        if page not in PAGES:
            raise KeyError(f"Unknown page {page!r}; hideable pages: {', '.join(PAGES)}.")
        return page not in self.hidden_pages

    def to_dict(self) -> dict[str, Any]:
        """Returns the link's settings as JSON-ready data."""
        return {
            "pages": list(self.hidden_pages),
            "controls": list(self.hidden_controls),
            "challenge": None if self.challenge is None else self.challenge.to_dict(),
            "board": self.board,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Any) -> TeacherLink:
        """Reads settings written by `to_dict`.

        Args:
            data: The decoded JSON value.

        Returns:
            The validated `TeacherLink`.

        Raises:
            ClassLinkError: If a key is unknown or a value invalid.
        """
        if not isinstance(data, dict):
            raise _invalid(N_("The class settings must be an object, received {value}."),
                           value=_shown(data, 80))
        _check_keys(data, {"pages", "controls", "challenge", "board", "message"},
                    "class settings")
        challenge = data.get("challenge")
        return cls(
            hidden_pages=data.get("pages", ()),
            hidden_controls=data.get("controls", ()),
            challenge=None if challenge is None else Challenge.from_dict(challenge),
            board=data.get("board"),
            message=data.get("message"),
        )


# --------------------------------------------------------------------------- encoding


def canonical_json(link: TeacherLink) -> str:
    """Returns the link's settings as compact JSON with sorted keys.

    Args:
        link: The settings.

    Returns:
        JSON text identical for equal links (so checksums agree).
    """
    return json.dumps(link.to_dict(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)


def encode_link(link: TeacherLink) -> str:
    """Encodes a teacher link as the value of the `class` query parameter.

    Args:
        link: The settings.

    Returns:
        `"<format>.<settings>.<checksum>"`, URL-safe as it is.
    """
    canonical = canonical_json(link)
    return f"{LINK_FORMAT}.{pack_text(canonical)}.{checksum(canonical)}"


def _reject_constant(name: str) -> Any:
    raise _invalid(N_("The value {name} is not allowed in class settings."), name=name)


def decode_link(value: Any) -> TeacherLink:
    """Reads the value of a `class` query parameter.

    Args:
        value: The parameter's text (a list, as repeated parameters give,
            counts as its last item).

    Returns:
        The validated `TeacherLink`, equal to the one encoded.

    Raises:
        ClassLinkError: With `reason` telling whether the value is
            incomplete, changed, damaged, too long, from another funcnet
            version, or holds invalid settings (the message names them).
    """
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    if not isinstance(value, str):
        raise ClassLinkError("changed",
                             f"The class parameter must be text, received {_shown(value)}.")
    if len(value) > MAX_PARAM_CHARS:
        raise ClassLinkError("too_long", f"The class parameter is {len(value):,} characters "
                             f"long; the limit is {MAX_PARAM_CHARS:,}.")
    if not value:
        raise ClassLinkError("incomplete", "The class parameter is empty.")
    parts = value.split(".")
    if parts[0] != LINK_FORMAT:
        if parts[0].isdigit() and parts[0].isascii():
            raise ClassLinkError("version", f"This class link has format {parts[0][:12]!r}; "
                                 f"this funcnet reads format {LINK_FORMAT!r}.")
        raise ClassLinkError("changed", "The class parameter does not start with a format "
                             "number.")
    if len(parts) < 3:
        raise ClassLinkError("incomplete", "The class parameter lacks its checksum: it was cut "
                             "off when copied.")
    if len(parts) > 3:
        raise ClassLinkError("changed", "The class parameter has more parts than a class link "
                             "has.")
    _, packed, check = parts
    if not packed:
        raise ClassLinkError("changed", "The class parameter has no settings.")
    try:
        canonical = open_packed(packed, check, what="class settings", max_bytes=MAX_JSON_BYTES)
    except LinkError as error:
        raise ClassLinkError(error.reason, str(error)) from None
    try:
        data = json.loads(canonical, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _invalid(N_("The class settings are not valid JSON: {error}."),
                       error=error.msg) from None
    except RecursionError:
        raise _invalid(N_("The class settings are nested too deeply.")) from None
    except ClassLinkError:  # from _reject_constant
        raise
    except ValueError:  # an integer beyond Python's digit limit
        raise _invalid(N_("The class settings hold a number too long to read.")) from None
    try:
        return TeacherLink.from_dict(data)
    except ClassLinkError:
        raise
    except (TypeError, KeyError, AttributeError, OverflowError, ValueError,
            RecursionError) as error:
        # Defence in depth: validation raises ClassLinkError for any JSON value, but a
        # hand-made link must never surface as a traceback if a check misses a type.
        raise _invalid(N_("The class settings are malformed ({kind})."),
                       kind=type(error).__name__) from None


def class_query(link: TeacherLink, job: Job) -> dict[str, str]:
    """Returns the query parameters of a class link: the settings, then the fixed setup.

    Args:
        link: The teacher's settings.
        job: The setup the class starts from.

    Returns:
        `{"class": ..., "v": ..., "s": ..., "c": ...}`, in that order (the
        setup's checksum last, as in a share link).
    """
    return {CLASS_PARAM: encode_link(link), **job_to_query(job)}
