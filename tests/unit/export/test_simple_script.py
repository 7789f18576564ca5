"""Code exports side by side: the simple script runs and evaluates; the exact one stops early.

Keras runs only in subprocesses (the core never imports it): the simple
scripts run one after the other in one process (`runpy`, as `python
script.py` runs them), the exact one in another, and the engine's own run
of the same job in a driver process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from script_env import script_env

from funcnet.export.codegen import generate_script
from funcnet.export.simple_script import BLOCKERS, simple_blocker, simple_script
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig

ROOT = Path(__file__).resolve().parents[3]

# Coin-flip labels and a wide network: validation loss gets worse within a few epochs.
EARLY = Job(stack(columns("x", 20), [HiddenLayer(32), HiddenLayer(32)],
                  head("output", "input", "binary")),
            DataSpec("seed-random", {"n_samples": 300}),
            TrainConfig(epochs=40, batch_size=16, learning_rate=0.01, seed=5,
                        early_stopping_patience=3))

DRIVER = r'''
import json, sys
from funcnet.engine.training import run_job
from funcnet.model.spec import Job
from funcnet.train.results import RunOptions
job = Job.from_dict(json.loads(sys.argv[1]))
result = run_job(job, lambda event: None, lambda: False, RunOptions(keep_model=False))
print("DRIVER " + json.dumps({"epochs_run": result.epochs_run, "test": result.test_metrics,
                              "code": result.message_code}))
'''


# Runs every simple script as __main__ in this one process (one TensorFlow import for all).
RUNNER = r'''
import contextlib, io, json, runpy, sys
report = {}
for path in sys.argv[1:]:
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            runpy.run_path(path, run_name="__main__")
        report[path] = [0, buffer.getvalue(), ""]
    except Exception as error:
        report[path] = [1, buffer.getvalue(), repr(error)]
print("RUNNER " + json.dumps(report))
'''


def _simple_jobs(upload_dir: Path) -> dict[str, tuple[Job, str]]:
    """The notebook's network, a moons net with batch norm and dropout, and two CSV uploads."""
    from funcnet.data.datasets import store_upload

    seed = PRESETS["seed"].job
    jobs = {
        "seed": (replace(seed, train=replace(seed.train, epochs=2, early_stopping_patience=1)),
                 "data.csv"),
        "moons": (Job(stack(("x0", "x1"), [HiddenLayer(8, "tanh", dropout=0.2, batch_norm=True)],
                            head("out", "input", "binary")),
                      DataSpec("moons", {"n_samples": 200}),
                      TrainConfig(epochs=2, validation_split=0.0, early_stopping_patience=1)),
                  "data.csv"),
    }
    rows = "\n".join(f"{i};{i * 0.5 % 7};{['cat', 'dog', 'emu'][i % 3]}" for i in range(60))
    numbers = "\n".join(f"{i % 9},{(i * 7) % 5},{i * 1.25}" for i in range(40))
    for key, content, target, task in (
        ("csv_classes", f"size;weight;animal\n{rows}\n", "animal", "multiclass"),
        ("csv_numbers", f"a,b,price\n{numbers}\n", "price", "regression"),
    ):
        upload = store_upload(content.encode(), f"{key}.csv")
        model = stack(["a" if task == "regression" else "size",
                       "b" if task == "regression" else "weight"], [HiddenLayer(4)],
                      head("out", "input", task, target=target,
                           units=3 if task == "multiclass" else 1))
        data = DataSpec("csv", {"sha256": upload.sha256, "target": target, "task": "auto"})
        jobs[key] = (Job(model, data, TrainConfig(epochs=2)),
                     str(upload_dir / f"{upload.sha256}.csv"))
    return jobs


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Writes every script, then runs them and the engine's driver, two processes at a time."""
    folder = tmp_path_factory.mktemp("simple")
    upload_dir = folder / "uploads"
    env = script_env(upload_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FUNCNET_UPLOAD_DIR", str(upload_dir))
        jobs = _simple_jobs(upload_dir)
    paths = {}
    for key, (job, csv_path) in jobs.items():
        paths[key] = folder / f"{key}.py"
        paths[key].write_text(simple_script(job, csv_filename=csv_path), encoding="utf-8")
    exact = folder / "exact_early.py"
    exact.write_text(generate_script(EARLY), encoding="utf-8")
    commands = {"runner": [sys.executable, "-c", RUNNER, *map(str, paths.values())],
                "exact_early": [sys.executable, str(exact)],
                "driver": [sys.executable, "-c", DRIVER, json.dumps(EARLY.to_dict())]}
    running = {key: subprocess.Popen(command, cwd=folder, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for key, command in commands.items()}
    outputs = {key: (process.communicate(timeout=300), process.returncode)
               for key, process in running.items()}
    outputs = {key: (code, out, err) for key, ((out, err), code) in outputs.items()}
    code, out, err = outputs.pop("runner")
    assert code == 0, err[-3000:]
    line = next(x for x in out.splitlines() if x.startswith("RUNNER "))
    report = json.loads(line[len("RUNNER "):])
    outputs.update({key: tuple(report[str(path)]) for key, path in paths.items()})
    return {"jobs": jobs, "outputs": outputs, "folder": folder}


def test_only_plain_stacks_get_a_simple_script():
    blockers = {name: simple_blocker(p.job.model) for name, p in PRESETS.items()}
    assert blockers == {"seed": None, "deep": None, "residual": "merge",
                        "wide-deep": "several_inputs", "siamese": "several_inputs",
                        "multi-output": "several_heads"}
    assert set(blockers.values()) - {None} <= set(BLOCKERS)
    with pytest.raises(ValueError, match="use the exact export"):
        simple_script(PRESETS["residual"].job)


def test_the_simple_script_is_short_and_in_the_notebook_style():
    source = simple_script(PRESETS["seed"].job)
    code = [line for line in source.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    assert len(code) <= 50
    for piece in ("keras.Input(shape=(20,))", 'layers.Dense(64, activation="relu")',
                  "keras.Model(inputs=inputs, outputs=outputs)", "model.compile(",
                  "model.fit(", "model.evaluate(x_test, y_test"):
        assert piece in source, piece
    assert "EarlyStopping" not in source and "funcnet" not in source.split('"""')[2]


def test_simple_scripts_pass_ruff(tmp_path):
    for name in ("seed", "deep"):
        (tmp_path / f"{name}.py").write_text(simple_script(PRESETS[name].job), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                             str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_every_simple_script_runs_and_prints_its_evaluation(ran):
    for key, (job, _) in ran["jobs"].items():
        code, out, err = ran["outputs"][key]
        assert code == 0, (key, err[-3000:])
        metric = "mean absolute error" if job.model.outputs[0].task == "regression" else (
            "accuracy")
        assert re.search(rf"Test loss: \d+\.\d{{4}}, test {metric}: \d+\.\d{{4}}", out), key
        # Same architecture: Keras counts the same parameters as funcnet.
        params = int(re.search(r"Total params: ([\d,]+)", out).group(1).replace(",", ""))
        assert params == job.model.total_params(), key


def test_the_exact_script_stops_early_where_the_engine_does(ran):
    code, out, err = ran["outputs"]["exact_early"]
    assert code == 0, err[-3000:]
    driver_code, driver_out, driver_err = ran["outputs"]["driver"]
    assert driver_code == 0, driver_err[-3000:]
    engine = json.loads(next(line for line in driver_out.splitlines()
                             if line.startswith("DRIVER "))[len("DRIVER "):])
    assert engine["code"] == "train.early_stopped" and engine["epochs_run"] < 40
    assert len(re.findall(r"^Epoch \d+/40$", out, re.M)) == engine["epochs_run"]
    printed = dict(re.findall(r"^  (\w+): (-?\d+\.\d+)$", out, re.M))
    # The restored best weights give the engine's test loss and accuracy.
    for name, value in printed.items():
        assert float(value) == pytest.approx(engine["test"][name], abs=2e-4), name
