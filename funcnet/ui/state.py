"""Every session-state key the dashboard uses, and the few helpers around them.

Keys are prefixed by the page that owns them (`"build."`, `"train."`,
`"eval."`, `"act."`). Two kinds live here:

- *Durable* keys hold values no widget owns (the current setup, the running
  job's handle, the last finished training). Streamlit never deletes them,
  so they survive widget changes and page visits.
- *Widget* keys are built with `widget_key`, which folds in a generation
  number. Widgets read their first value from the durable state (`bind`);
  when the durable state is replaced from outside (a preset is loaded, the
  data set changes the head), the generation is bumped, so every widget
  starts afresh from the new values instead of holding on to stale ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

# --------------------------------------------------------------------------- durable keys
SETUP = "build.setup"
"""The current, valid setup: a `funcnet.model.spec.Job` (model, data, training)."""

PRESET = "build.preset"
"""Name of the preset the current setup started from."""

GENERATION = "build.generation"
"""Bumped whenever the whole setup is replaced: every Build & Train widget restarts."""

NETWORK_GENERATION = "build.network_generation"
"""Bumped when the data set rewrites the network: the network widgets restart."""

RUN_REFUSED = "run.refused"
"""Why a training started from a button callback was refused (shown once, then cleared)."""

UPLOAD = "build.upload"
"""`funcnet.data.datasets.UploadInfo` of the last accepted CSV upload (or absent)."""

UPLOAD_SEEN = "build.upload_seen"
"""File id of the last upload the page processed, so it is processed once."""

UPLOAD_ERROR = "build.upload_error"
"""`(file id, message)` of the last rejected upload, shown while that file is selected."""

JOB = "train.job"
"""`funcnet.train.job_handle.JobHandle` of the running or last started training."""

LAST_RUN = "train.last_run"
"""`funcnet.ui.runs.FinishedRun` of the last finished training, whatever its status."""

EVAL_RUN = "eval.run"
"""`funcnet.ui.runs.FinishedRun` of the last training that left a usable model."""

STOP_REQUESTED = "train.stop_requested"
"""Id of the job whose Stop button was pressed (the view says "Stopping…")."""

TRAINING = "train.group"
"""`funcnet.ui.runs.RunGroup` of Build & Train's latest training (one run)."""

STOP_JUST_PRESSED = "train.stop_just_pressed"
"""Id of the job Stop was pressed for in this very rerun (that run waits to show "Stopped")."""

RESULTS_SHOWN = "train.results_shown"
"""Id of the job whose results a page run drew (the live view reruns the page until one has)."""

LIVE_FIGURES = "train.live_figures"
"""The live view's figures by panel, kept between its runs so a new epoch only refills them."""

SCROLL_TO_LIVE = "train.scroll_to_live"
"""Set when Train is pressed: the next run brings the live view into sight."""

COMPARISON = "act.comparison"
"""`funcnet.ui.runs.RunGroup` of the last activation comparison (one run per activation)."""

REPEAT = "compare.repeat"
"""`funcnet.ui.repeats.RepeatGroup` of the last repeat over seeds (one run per seed)."""

REPEATS_SELECTED = "compare.repeats_selected"
"""Ids of the repeats chosen on Compare runs (kept while the chooser is off the page)."""

REPEAT_SHOWN = "compare.repeat_shown"
"""Id of the finished repeat already put first among the chosen ones (it is put there once)."""

ARCH_TABLE = "arch.table"
"""`funcnet.ui.pages.architecture.TableBase`: the rows the node table started from."""

ARCH_GENERATION = "arch.generation"
"""Bumped whenever the node table restarts from the setup (its widget key changes)."""

ARCH_SETUP_SEEN = "arch.setup_upload_seen"
"""File id of the last setup JSON the Architecture page processed."""

ARCH_SETUP_OUTCOME = "arch.setup_upload_outcome"
"""`(file id, loaded, message)` of the last setup JSON processed: what the page says of it."""

LANG = "ui.lang"
"""The interface language, `"en"` or `"pt"` (durable; the control's widget key is `W_LANG`)."""

LANG_CHECKED = "ui.lang_checked"
"""True once the session's first run has read the language from the link or the browser."""

SHARE_CHECKED = "share.checked"
"""Set once the session's first run has looked for a setup in the link."""

SHARE_WARNING = "share.warning"
"""`(error, fallback job)`: why a share link could not be read (shown via `describe_error`)
until the setup changes."""

CLASSROOM = "class.link"
"""`classroom.teacher_link.TeacherLink` the session opened with (absent: no teacher link)."""

CLASS_BOARD = "class.board"
"""Name of the shared run board a teacher link opted the class into (absent: private runs)."""

# Teacher links (funcnet.ui.classroom).
CLASS_CHECKED = "class.checked"
"""Set once the session's first run has looked for a teacher link (`class=`) in the URL."""

CLASS_WARNING = "class.warning"
"""`(message, fallback job)`: a class link could not be read; shown until the setup changes."""

CLASS_BEST = "class.best"
"""`funcnet.classroom.teacher_link.Attempt`: the session's best attempt at the link's challenge."""

CLASS_JUDGED = "class.judged"
"""Id of the last finished run checked against the challenge (each run is judged once)."""

CLASS_CELEBRATE = "class.celebrate"
"""Id of a run that met the challenge and has not been celebrated yet (balloons once)."""

TEACHER_DRAFT = "teacher.draft"
"""Dict of the Teacher page's choices, so they survive visits to other pages."""

TEACHER_BOARD_SUFFIX = "teacher.board_suffix"
"""Random ending (`"-" + 6 hex digits`) the Teacher page adds to this session's board names."""

# Runs and compare (funcnet.ui.identity, run_history, compare_runs_page).
BROWSER_ID = "runs.browser_id"
"""This browser's random id (`funcnet.ui.identity`): from its cookie, or made for the session."""

RUNS_RECORDED = "runs.recorded"
"""Set of job ids already stored in the run database, so each is stored once."""

RUNS_ERROR = "runs.store_error"
"""True when the last run could not be stored (absent: none); the Compare page says so."""

COMPARE_SELECTED = "compare.selected"
"""Ids of the runs chosen on Compare runs, in order (absent: the newest two); kept while
the chooser (`COMPARE_CHOSEN`, a widget key that vanishes off the page) is not drawn."""

# Lessons (funcnet.ui.pages.lessons and funcnet.ui.lessons).
LESSON = "lessons.lesson"
"""Which lesson the Lessons page shows: `"steps"` (the notebook's seven) or `"noise"`."""

LESSON_STEP = "lessons.step"
"""The step (1..7) lesson 1 shows."""

LESSON_SETUP = "lessons.setup"
"""Lesson 1's own setup (a `Job`): the session's setup stays apart from it."""

LESSON_TRAIN_REQUESTED = "lessons.train_requested"
"""Set by lesson 1's Train button until a run acts on it (`funcnet.ui.lessons.train_request`)."""

LESSON_NOISE = "lessons.noise"
"""`funcnet.ui.runs.RunGroup`: lesson 2's pair of runs (`"noise"` and `"signal"`)."""

# --------------------------------------------------------------------------- widget keys
# Build & Train (the part after the generation number).
W_DATASET = "dataset"
W_DATA_SEED = "data_seed"
W_PRESET = "preset"
W_LAYERS = "layers"
W_OPTIMIZER = "optimizer"
W_LEARNING_RATE = "learning_rate"
W_EPOCHS = "epochs"
W_BATCH_SIZE = "batch_size"
W_VALIDATION_SPLIT = "validation_split"
W_EARLY_STOPPING = "early_stopping"
W_TRAIN_SEED = "train_seed"

# Buttons and the uploader: no durable value, but the tests and the pages share these.
UPLOADER = "build.uploader"
LOAD_PRESET = "build.load_preset"
TRAIN = "build.train_button"
STOP = "train.stop"
HOME_START = "home.start"
DOWNLOAD = "eval.download"
COMPARE_START = "act.compare_button"
COMPARE_STOP = "act.stop"

# Architecture.
ARCH_PRESET = "arch.preset"
ARCH_LOAD_PRESET = "arch.load_preset"
ARCH_REVERT = "arch.revert"
ARCH_TRAIN = "arch.train_button"
ARCH_SHOW_CODE = "arch.show_code"
ARCH_DOWNLOAD_CODE = "arch.download_code"
ARCH_DOWNLOAD_SIMPLE = "arch.download_simple"
ARCH_SHOW_WHICH = "arch.show_which"
ARCH_DOWNLOAD_SETUP = "arch.download_setup"
ARCH_DOWNLOAD_MODEL = "arch.download_model"
ARCH_SETUP_UPLOADER = "arch.setup_uploader"
SHARE_LINK = "share.link"
W_LANG = "ui.lang_control"

# Evaluate.
EVAL_HEAD = "eval.head"
EVAL_THRESHOLD = "eval.threshold"
EVAL_CELL = "eval.cell"

# Epoch replay (funcnet.ui.replay).
REPLAY_POSITION = "replay.position"
"""Which of the shown run's replay positions the slider is at (an index); the
slider's own key is `REPLAY_POSITION.<job id>.<language>`."""
REPLAY_RUN = "replay.run"
"""The job id the slider's position belongs to (a new run starts at its end)."""

# Inside the network (funcnet.ui.inside).
INSIDE_ROW = "inside.row"
INSIDE_WEIGHTS = "inside.weights"

# Run report (funcnet.ui.report_button).
TRAIN_REPORT = "train.report"
"""The report download button under a Build & Train run's results."""

# Lessons (the step widgets are `lessons.<name>`, e.g. `lessons.units.2`).
LESSON_PICK = "lessons.pick"
LESSON_BACK = "lessons.back"
LESSON_NEXT = "lessons.next"
LESSON_TRAIN = "lessons.train_button"
LESSON_USE_IN_BUILD = "lessons.use_in_build"
LESSON_NOISE_EPOCHS = "lessons.noise_epochs"
LESSON_NOISE_START = "lessons.noise_start"
LESSON_NOISE_STOP = "lessons.noise_stop"
LESSON_FEATURES = "lessons.features"
LESSON_LAYERS = "lessons.layers"
LESSON_UNITS = "lessons.units"
"""Prefix: `lessons.units.<layer>` (1-based), like `LESSON_ACTIVATION`."""
LESSON_ACTIVATION = "lessons.activation"
LESSON_OUTPUT = "lessons.output_activation"
LESSON_OPTIMIZER = "lessons.optimizer"
LESSON_LEARNING_RATE = "lessons.learning_rate"
LESSON_EPOCHS = "lessons.epochs"
LESSON_BATCH_SIZE = "lessons.batch_size"
LESSON_VALIDATION = "lessons.validation_split"
LESSON_TO_NOISE = "lessons.to_noise"

# Activations.
ACT_PLOT = "act.plot"
ACT_LEAKY_ALPHA = "act.leaky_alpha"
ACT_ELU_ALPHA = "act.elu_alpha"
ACT_COMPARE = "act.compare"

# For teachers (the class link composer).
TEACHER_PAGES = "teacher.pages"
TEACHER_CONTROLS = "teacher.controls"
"""Prefix: one pills widget per control group, `teacher.controls.<group>`."""
TEACHER_CHALLENGE = "teacher.challenge"
TEACHER_METRIC = "teacher.metric"
TEACHER_MINIMUM = "teacher.minimum"
TEACHER_MAX_PARAMS = "teacher.max_params"
TEACHER_BOARD_ON = "teacher.board_on"
TEACHER_BOARD = "teacher.board"
TEACHER_MESSAGE = "teacher.message"

# Compare runs.
COMPARE_CHOSEN = "compare.chosen"
"""The run chooser; it starts from `COMPARE_SELECTED`, which outlives it."""
COMPARE_TABLE = "compare.table"
COMPARE_CSV = "compare.csv"
COMPARE_DELETE = "compare.delete"
COMPARE_LOAD = "compare.load"
COMPARE_REPORT = "compare.report"
REPEAT_SEEDS = "compare.repeat_seeds"
REPEAT_START = "compare.repeat_start"
REPEAT_STOP = "compare.repeat_stop"
REPEATS_CHOSEN = "compare.repeats_chosen"
"""The repeat chooser; it starts from `REPEATS_SELECTED`, which outlives it."""
REPEAT_METRIC = "compare.repeat_metric"


def get(key: str, default: Any = None) -> Any:
    """Returns the session value under `key`, or `default` when absent.

    Args:
        key: A key from this module.
        default: Value returned when the key is not set.

    Returns:
        The stored value or `default`.
    """
    return st.session_state.get(key, default)


def put(key: str, value: Any) -> None:
    """Stores `value` under the durable key `key`.

    Args:
        key: A durable key from this module.
        value: Any Python object (session state lives in server memory).
    """
    st.session_state[key] = value


def widget_key(name: str, *, network: bool = False) -> str:
    """Returns the Build & Train widget key for `name` in the current generation.

    Args:
        name: The widget's name, e.g. `W_EPOCHS` or `"units.2"`.
        network: Whether the widget belongs to the network editor, which
            also restarts when the data set rewrites the network.

    Returns:
        A key such as `"build.w3.epochs"` or `"build.w3.n1.units.2"`.
    """
    generation = st.session_state.get(GENERATION, 0)
    if network:
        return f"build.w{generation}.n{st.session_state.get(NETWORK_GENERATION, 0)}.{name}"
    return f"build.w{generation}.{name}"


def bind(key: str, value: Any) -> str:
    """Gives widget `key` its first value unless it already has one.

    Widgets are then created with `key=` only (no `value=`), so the
    session value is the single source of what the widget shows. Widgets
    the browser must never start at their own default use `bound` or
    `bound_choice`, which also pass the value as that default.

    Args:
        key: The widget key.
        value: The value to start from (taken from the durable state).

    Returns:
        `key`, to pass straight to the widget.
    """
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def bound(key: str, value: Any) -> dict[str, Any]:
    """Returns `key=` and `value=` for a widget that starts from `value`.

    The value goes both into the session (`bind`) and into the widget's own
    default. Streamlit sends a session value to the browser only in the run
    that sets it; when that run is cut short (a click on Train while the page
    is still drawing) the browser would start the widget at its default (a
    number box's minimum) and send that back as the user's choice. Widgets
    keep their identity by key alone, so the default never resets them.
    (Writing the session value again on every run would fix that too, but
    then a late run undoes what the user has just chosen.)

    Args:
        key: The widget key.
        value: The value to start from (taken from the durable state).

    Returns:
        Keyword arguments for `st.number_input` and widgets with a `value=`.
    """
    return {"key": bind(key, value), "value": value}


def bound_choice(key: str, options: Sequence[Any], value: Any) -> dict[str, Any]:
    """Returns `key=` and `index=` for a choice widget that starts from `value`.

    Like `bound`, for widgets whose default is a position in `options`.

    Args:
        key: The widget key.
        options: The widget's options.
        value: The chosen option (index 0 when it is not among them).

    Returns:
        Keyword arguments for `st.selectbox` and `st.radio`.
    """
    options = list(options)
    return {"key": bind(key, value), "index": options.index(value) if value in options else 0}


def restart_widgets(*, network_only: bool = False) -> None:
    """Makes Build & Train widgets start again from the durable setup.

    Args:
        network_only: Restart only the network editor's widgets.
    """
    key = NETWORK_GENERATION if network_only else GENERATION
    st.session_state[key] = st.session_state.get(key, 0) + 1
