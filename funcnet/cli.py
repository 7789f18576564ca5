"""Command line: `python -m funcnet train | presets | datasets`.

Training runs in this process (a command line pays the Keras import once and
has no page to keep responsive). Bad input exits with status 2 and one line
on stderr; Ctrl-C stops training like the dashboard's Stop button.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from funcnet.data.catalog import DATASETS
from funcnet.model.presets import PRESETS, get_preset
from funcnet.model.spec import DataSpec, Job, ModelSpec, TrainConfig
from funcnet.train.results import HeadResult, JobResult

USAGE_ERROR = 2


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
    train.add_argument("--epochs", type=int)
    train.add_argument("--batch-size", type=int)
    train.add_argument("--learning-rate", type=float)
    train.add_argument("--optimizer", choices=("adam", "sgd", "rmsprop"))
    train.add_argument("--validation-split", type=float)
    train.add_argument("--seed", type=int)
    train.add_argument("--out", type=Path, help="folder for job.json, history.csv, "
                       "metrics.json, predictions.csv and model.keras")
    return parser


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from None


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
        from funcnet.data.datasets import store_upload

        try:
            content = args.csv.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {args.csv}: {error.strerror or error}") from None
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
    }
    train = TrainConfig.from_dict(
        {**job.train.to_dict(), **{k: v for k, v in overrides.items() if v is not None}})
    model = job.model
    if data != job.data:
        dataset = load_dataset(data)
        model = adapt_model(model, dataset.features, dataset.targets)
        check_model_fits(model, dataset)
    return Job(model, data, train)


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


def _train(args: argparse.Namespace) -> int:
    job = job_from_args(args)
    from funcnet.engine.training import run_job  # imports keras: only when training
    from funcnet.train.results import RunOptions

    stop = {"requested": False}
    model = job.model
    print(f"training {len(model.nodes)} nodes, {model.total_params():,} parameters on "
          f"{job.data.name} for {job.train.epochs} epochs", flush=True)
    try:
        result = run_job(job, _print_epoch, lambda: stop["requested"], RunOptions())
    except KeyboardInterrupt:
        stop["requested"] = True
        raise
    if result.status == "failed" and not result.heads:
        print(f"error: {result.message}", file=sys.stderr)
        return 1
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
    args = parser.parse_args(argv)
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
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
