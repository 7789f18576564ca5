"""Command line: `python -m funcnet train | presets | datasets`.

Training runs in this process (a command line pays the Keras import once and
has no page to keep responsive). Bad input exits with status 2 and one line
on stderr, never a traceback: files are checked (kind and size) before they
are read, `--out` is checked before training, and the work caps of the
dashboard (`funcnet.model.cost`) apply. Ctrl-C stops training like the
dashboard's Stop button: what was trained is kept and written, and the
command exits with status 130 and one line; a second Ctrl-C quits at once.
"""

from __future__ import annotations

import argparse
import json
import signal
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from funcnet.data.catalog import DATASETS
from funcnet.export.share import MAX_JSON_BYTES
from funcnet.model.cost import check_work
from funcnet.model.presets import PRESETS, get_preset
from funcnet.model.spec import DataSpec, Job, ModelSpec, TrainConfig
from funcnet.train.results import HeadResult, JobResult

USAGE_ERROR = 2
INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells expect."""
MAX_NUMBER_CHARS = 40
"""A number argument longer than this is a mistake, not a number (Python refuses to read
integers of more than 4,300 digits, and no setting needs more than a few)."""


class UsageError(Exception):
    """Bad input on the command line: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(USAGE_ERROR, f"error: {message} (see python -m funcnet --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Returns the argument parser of `python -m funcnet`."""
    parser = _Parser(
        prog="python -m funcnet",
        description="Train Keras functional-API networks from the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("presets", help="list the ready-made networks")
    commands.add_parser("datasets", help="list the data sets")
    train = commands.add_parser("train", help="train a network and print its test metrics")
    source = train.add_mutually_exclusive_group()
    source.add_argument("--preset", default=None, help="preset name (default: seed)")
    source.add_argument("--spec", type=Path, help="model or full setup JSON file")
    data = train.add_mutually_exclusive_group()
    data.add_argument("--dataset", help="data set name (default: the preset's own)")
    data.add_argument("--csv", type=Path, help="CSV file with numeric columns")
    train.add_argument("--target", help="target column of --csv (default: last column)")
    train.add_argument("--task", default="auto",
                       choices=("auto", "binary", "multiclass", "regression"),
                       help="task of the --csv target")
    train.add_argument("--epochs", type=_whole)
    train.add_argument("--batch-size", type=_whole)
    train.add_argument("--learning-rate", type=_number)
    train.add_argument("--optimizer", choices=("adam", "sgd", "rmsprop"))
    train.add_argument("--validation-split", type=_number)
    train.add_argument("--seed", type=_whole)
    train.add_argument("--early-stopping", type=_whole, metavar="PATIENCE",
                       help="stop once validation loss has not improved for PATIENCE epochs "
                            "and keep the best epoch's weights (0: off)")
    train.add_argument("--out", type=Path, help="folder for job.json, history.csv, "
                       "metrics.json, predictions.csv and model.keras")
    return parser


def _short(text: str) -> str:
    return text if len(text) <= MAX_NUMBER_CHARS else f"{text[:12]}… ({len(text):,} characters)"


def _whole(text: str) -> int:
    """Reads a whole-number argument (argparse `type`), refusing absurdly long ones."""
    if len(text) > MAX_NUMBER_CHARS or not text.strip().lstrip("+-").isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, received {_short(text)!r}")
    return int(text)


def _number(text: str) -> float:
    """Reads a number argument (argparse `type`), refusing absurdly long ones."""
    try:
        if len(text) > MAX_NUMBER_CHARS:
            raise ValueError(text)
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, received {_short(text)!r}") from None


def _read_file(path: Path, limit: int, what: str) -> bytes:
    """Reads a regular file of at most `limit` bytes, checking both before reading.

    Raises:
        UsageError: If the path is missing, not a regular file (a device such
            as /dev/zero, a folder, a pipe) or larger than `limit`.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{path} is not a regular file; {what} must name a file")
        if info.st_size > limit:
            raise UsageError(f"{path} has {info.st_size:,} bytes; {what} accepts at most "
                             f"{limit:,} bytes")
        with path.open("rb") as handle:
            content = handle.read(limit + 1)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    if len(content) > limit:  # it grew while being read
        raise UsageError(f"{path} is larger than {limit:,} bytes")
    return content


def _read_json(path: Path) -> Any:
    content = _read_file(path, MAX_JSON_BYTES, "--spec")
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from None
    except RecursionError:
        raise UsageError(f"{path} nests lists or objects too deeply to be a setup") from None
    except ValueError as error:
        if "integer string conversion" in str(error):
            raise UsageError(f"{path} holds an integer of more than 4,300 digits; no setting "
                             "needs one") from None
        raise UsageError(f"{path} is not a usable setup: {error}") from None


def check_out_folder(out: Path) -> None:
    """Checks, before training, that the run's files can be written into folder `out`.

    Creates the folder if needed and writes (then removes) a probe file.

    Raises:
        UsageError: If `out` is a file, or the folder cannot be created or written.
    """
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; name a folder (it is created if needed)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".funcnet-probe-"):
            pass
    except OSError as error:
        raise UsageError(f"cannot write into --out {out}: {error.strerror or error}") from None


def _base_job(args: argparse.Namespace) -> Job:
    if args.spec is None:
        return get_preset(args.preset or "seed").job
    content = _read_json(args.spec)
    if isinstance(content, dict) and "model" in content:
        return Job.from_dict(content)
    # A bare model graph: train it on the seed preset's data and settings.
    seed_job = PRESETS["seed"].job
    return Job(ModelSpec.from_dict(content), seed_job.data, seed_job.train)


def _data_spec(args: argparse.Namespace, job: Job) -> DataSpec:
    if args.csv is not None:
        from funcnet.data.datasets import MAX_CSV_BYTES, store_upload

        content = _read_file(args.csv, MAX_CSV_BYTES, "--csv")
        upload = store_upload(content, args.csv.name)
        target = args.target or upload.suggested_target
        return DataSpec("csv", {"sha256": upload.sha256, "target": target, "task": args.task},
                        seed=job.data.seed)
    if args.target:
        raise UsageError("--target only applies to --csv")
    if args.dataset:
        return DataSpec(args.dataset, seed=job.data.seed)
    return job.data


def job_from_args(args: argparse.Namespace) -> Job:
    """Builds the training job the command line describes.

    Args:
        args: Parsed `train` arguments.

    Returns:
        A validated `Job`; a plain network is fitted to a new data set.

    Raises:
        UsageError: For unreadable files or contradictory options.
        ValueError: For invalid values (reported like usage errors).
    """
    from funcnet.data.datasets import check_model_fits, load_dataset
    from funcnet.model.adapt import adapt_model

    job = _base_job(args)
    data = _data_spec(args, job)
    overrides = {
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "optimizer": args.optimizer,
        "validation_split": args.validation_split,
        "seed": args.seed,
        "early_stopping_patience": args.early_stopping,
    }
    train = TrainConfig.from_dict(
        {**job.train.to_dict(), **{k: v for k, v in overrides.items() if v is not None}})
    model = job.model
    dataset = load_dataset(data)
    if data != job.data:
        model = adapt_model(model, dataset.features, dataset.targets)
    check_model_fits(model, dataset)  # a setup file's columns may not be in its data
    job = Job(model, data, train)
    check_work(job)  # the dashboard's caps apply here too
    return job


def _print_epoch(event: Any) -> None:
    if event.TYPE != "epoch":  # a typed event (funcnet.train.events)
        return
    logs = "  ".join(f"{key} {value:.4f}" for key, value in event.logs.items())
    print(f"epoch {event.epoch:>3}/{event.epochs}  {logs}", flush=True)


def _head_metrics(head: HeadResult) -> dict[str, Any]:
    from funcnet.analysis.evaluation import confusion, head_summary, report_frame

    summary = {k: float(v) for k, v in head_summary(head).items()}
    entry: dict[str, Any] = {"task": head.task, "target": head.target, **summary}
    if head.task != "regression":
        entry["classes"] = list(head.classes)
        entry["threshold"] = 0.5
        entry["confusion_matrix"] = confusion(head.y_true, head.y_score, head.task).tolist()
        report = report_frame(head.y_true, head.y_score, head.task, head.classes)
        entry["classification_report"] = json.loads(report.to_json(orient="index"))
    return entry


def metrics_document(result: JobResult) -> dict[str, Any]:
    """Returns the content of `metrics.json` for a finished run.

    Args:
        result: The run's result.

    Returns:
        Status, epochs run, Keras' test metrics and, per head, the
        scikit-learn metrics (accuracy, AUC, confusion matrix and
        classification report, or regression errors).
    """
    heads = {name: _head_metrics(head) for name, head in result.heads.items()}
    document: dict[str, Any] = {
        "status": result.status,
        "message": result.message,
        "epochs_run": result.epochs_run,
        "test_metrics": result.test_metrics,
        "heads": heads,
    }
    if len(heads) == 1:
        only = next(iter(heads.values()))
        document["test_loss"] = result.test_metrics.get("loss")
        for key in ("accuracy", "auc", "mae", "r2"):
            if key in only:
                document[key] = only[key]
    return document


def predictions_frame(heads: dict[str, HeadResult]) -> pd.DataFrame:
    """Returns one row per test sample: true values and scores per head.

    Binary heads give `y_score` (probability of class 1), multiclass heads
    one `score_<class>` column per class, regression heads `y_pred`. With
    several heads every column is prefixed with `<head>_`.
    """
    columns: dict[str, np.ndarray] = {}
    prefix_all = len(heads) > 1
    for name, head in heads.items():
        prefix = f"{name}_" if prefix_all else ""
        columns[f"{prefix}y_true"] = head.y_true
        if head.task == "binary":
            columns[f"{prefix}y_score"] = head.y_score
        elif head.task == "multiclass":
            for i, label in enumerate(head.classes):
                columns[f"{prefix}score_{label}"] = head.y_score[:, i]
        else:
            columns[f"{prefix}y_pred"] = head.y_score
    return pd.DataFrame(columns)


def write_outputs(out: Path, job: Job, result: JobResult) -> None:
    """Writes the run's files into folder `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "job.json").write_text(json.dumps(job.to_dict(), indent=2), encoding="utf-8")
    history = pd.DataFrame(result.history)
    history.insert(0, "epoch", range(1, len(history) + 1))
    history.to_csv(out / "history.csv", index=False)
    (out / "metrics.json").write_text(
        json.dumps(metrics_document(result), indent=2, allow_nan=True), encoding="utf-8")
    predictions_frame(result.heads).to_csv(out / "predictions.csv", index=False)
    if result.model_bytes:
        (out / "model.keras").write_bytes(result.model_bytes)


class _CtrlC:
    """While installed, a first Ctrl-C asks training to stop; a second one quits at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> _CtrlC:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


def _train(args: argparse.Namespace) -> int:
    job = job_from_args(args)
    if args.out is not None:
        check_out_folder(args.out)  # before training, not after
    from funcnet.engine.training import run_job  # imports keras: only when training
    from funcnet.train.results import RunOptions

    model = job.model
    print(f"training {len(model.nodes)} nodes, {model.total_params():,} parameters on "
          f"{job.data.name} for {job.train.epochs} epochs", flush=True)
    with _CtrlC() as ctrl_c:
        result = run_job(job, _print_epoch, lambda: ctrl_c.requested, RunOptions())
    if result.status == "failed" and not result.heads:
        print(f"error: {result.message}", file=sys.stderr)
        return 1
    if ctrl_c.requested:
        if args.out is not None and result.history:
            write_outputs(args.out, job, result)
        kept = f"; wrote it to {args.out}" if args.out is not None and result.history else ""
        print(f"stopped by Ctrl-C after {result.epochs_run} of {job.train.epochs} epochs, "
              f"the trained part kept{kept}", file=sys.stderr)
        return INTERRUPTED
    if result.message:
        print(result.message)
    document = metrics_document(result)
    for name, head in document["heads"].items():
        shown = {k: v for k, v in head.items() if isinstance(v, float)}
        values = "  ".join(f"{k} {v:.4f}" for k, v in shown.items())
        print(f"test [{name}]  loss {result.test_metrics.get('loss', float('nan')):.4f}  {values}")
    if args.out is not None:
        write_outputs(args.out, job, result)
        print(f"wrote job.json, history.csv, metrics.json, predictions.csv, model.keras to "
              f"{args.out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line.

    Args:
        argv: Arguments without the program name (default: `sys.argv[1:]`).

    Returns:
        The exit status: 0 on success, 1 if training failed, 2 for bad input.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # a usage error (one line already printed) or --help
        return exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        if args.command == "presets":
            for preset in PRESETS.values():
                print(f"{preset.name:<14} {preset.description}")
            return 0
        if args.command == "datasets":
            for info in DATASETS.values():
                print(f"{info.name:<14} {info.description}")
            return 0
        return _train(args)
    except (UsageError, ValueError) as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("stopped by Ctrl-C before anything was trained", file=sys.stderr)
        return INTERRUPTED
    except RecursionError:
        print("error: the setup nests too deeply to be a network", file=sys.stderr)
        return USAGE_ERROR
    except MemoryError:
        print("error: not enough memory for this training; make it smaller", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a command line answers in one line, always
        print(f"error: unexpected {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return 1


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
