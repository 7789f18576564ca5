"""Code export: the generated script rebuilds funcnet's model and data exactly.

Keras is imported only in subprocesses (the core never imports it): one
driver process imports every generated script as a module, builds its
model next to the engine's and loads its data next to `funcnet.data.datasets`, and
one process runs a script end to end, in parallel with the driver.
"""

from __future__ import annotations

import inspect
import json
import os
import random
import re
import string
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from script_env import script_env

from funcnet.data.catalog import DATASETS
from funcnet.engine import portable
from funcnet.export.codegen import (
    CODEGEN_HEADER,
    columns_expression,
    generate_script,
    py_str,
)
from funcnet.export.keras_code import OPTIMIZER_CLASSES
from funcnet.model.activations import HIDDEN_ACTIVATIONS
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import OPTIMIZERS, DataSpec, Job, ModelSpec, Node, TrainConfig

ROOT = Path(__file__).resolve().parents[3]

# Runs in a subprocess: imports each script, compares with the engine and funcnet.data.datasets.
DRIVER = r'''
import importlib.util, json, sys, types
import numpy as np
from funcnet.data.datasets import load_dataset
from funcnet.engine import builder
from funcnet.engine.training import run_job
from funcnet.train.results import RunOptions
from funcnet.model.spec import Job

cases = json.loads(open(sys.argv[1]).read())
report = {}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(model):
    layers = []
    for layer in model.layers:
        config = layer.get_config()
        inbound = [[t._keras_history.operation.name for t in node.input_tensors]
                   for node in layer._inbound_nodes]
        layers.append({"class": type(layer).__name__, "name": layer.name,
                       "units": config.get("units"), "activation": config.get("activation"),
                       "rate": config.get("rate"), "inbound": inbound})
    return {"layers": layers, "params": int(model.count_params()),
            "inputs": [t._keras_history.operation.name for t in model.inputs],
            "outputs": [t._keras_history.operation.name for t in model.outputs]}


for case in cases:
    job = Job.from_dict(case["job"])
    module = load(case["script"], "exported_" + case["id"])
    result = {"imports_funcnet": any(
        getattr(v, "__name__" if isinstance(v, types.ModuleType) else "__module__", "")
        .startswith("funcnet") for v in vars(module).values() if v is not None)}
    if "model" in case["checks"]:
        mine, theirs = module.build_model(), builder.build_model(job.model, job.train.seed)
        result["script"], result["engine"] = describe(mine), describe(theirs)
        result["same_config"] = mine.get_config() == theirs.get_config()
        result["same_weights"] = all(
            np.array_equal(a, b) for a, b in zip(mine.get_weights(), theirs.get_weights()))
        result["n_weights"] = [len(mine.get_weights()), len(theirs.get_weights())]
    if "data" in case["checks"]:
        x_train, x_test, y_train, y_test, classes = module.load_data()
        data = load_dataset(job.data)
        same = []
        for mine, theirs in ((x_train, data.x_train), (x_test, data.x_test),
                             (y_train, data.y_train), (y_test, data.y_test)):
            same.append(list(mine.columns) == list(theirs.columns)
                        and list(mine.index) == list(theirs.index)
                        and list(mine.dtypes.astype(str)) == list(theirs.dtypes.astype(str))
                        and np.array_equal(mine.to_numpy(), theirs.to_numpy()))
        result["same_data"] = same
        result["classes"] = [{k: list(v) for k, v in classes.items()},
                             {k: list(t.classes) for k, t in data.targets.items()}]
    if "train" in case["checks"]:
        engine = run_job(job, lambda event: None, lambda: False,
                         RunOptions(keep_model=False, diagnostics=False))
        result["engine_test"] = engine.test_metrics
        result["engine_history"] = engine.history
    report[case["id"]] = result
print("DRIVER-REPORT " + json.dumps(report))
'''


def _job(model: ModelSpec, data: DataSpec | None = None, **train: object) -> Job:
    return Job(model, data or DataSpec("seed-random"), TrainConfig(**train))  # type: ignore[arg-type]


def _tricky_models() -> dict[str, Job]:
    """Graphs the presets do not cover: batch norm, dropout, clashing names, unicode."""
    bn_stack = stack(columns("x", 4), [HiddenLayer(8, "tanh", dropout=0.3, batch_norm=True),
                                       HiddenLayer(6, "leaky_relu", batch_norm=True),
                                       HiddenLayer(5, "selu", dropout=0.1)],
                     head("species", "input", "multiclass", units=3))
    shared_bn = ModelSpec((
        Node("Dense", "input", columns=("a0", "a1", "a2")),
        Node("np", "input", columns=("b0", "b1", "b2")),
        Node("l", "dense", inputs=("Dense", "np"), units=4, activation="elu",
             dropout=0.25, batch_norm=True),
        Node("l_np", "dense", inputs=("l",), units=4, activation="gelu"),
        Node("sum", "add", inputs=("l_np",)),
        Node("class", "concatenate", inputs=("sum", "l")),
        Node("lambda", "dense", inputs=("class",), units=3, activation="swish"),
        Node("main", "output", inputs=("lambda",), units=1, activation="linear",
             task="regression", target="y", loss="huber"),
        Node("input", "output", inputs=("sum",), units=1, activation="sigmoid",
             task="binary", target="t", loss="binary_crossentropy", loss_weight=2.5),
    ))
    return {
        "bn_stack": _job(bn_stack, DataSpec("iris"), optimizer="rmsprop", seed=7),
        "shared_bn": _job(shared_bn, optimizer="sgd", learning_rate=0.05, seed=2**31 - 1),
    }


CLASHING_NAMES = ["input", "class", "Dense", "Model", "l", "np", "pd", "main", "sum", "lambda",
                  "I", "x", "print", "make_data", "GlorotUniform", "None", "type", "tower_left"]


def _random_job(seed: int) -> Job:
    """A random valid graph: shared layers, merges, batch norm, dropout, clashing or long names."""
    rng = random.Random(seed)
    pool = list(CLASHING_NAMES)
    rng.shuffle(pool)
    taken: set[str] = set()

    def fresh() -> str:
        while True:
            if pool and rng.random() < 0.4:
                name = pool.pop()
            else:
                name = rng.choice(string.ascii_letters) + "".join(
                    rng.choice(string.ascii_letters + string.digits + "_")
                    for _ in range(rng.choice([0, 3, 8, 39])))
            if name not in taken:
                taken.add(name)
                return name

    nodes: list[Node] = []
    shape: dict[str, tuple[int, int]] = {}  # name -> (width, branches), as spec.NodeShape
    for _ in range(rng.randint(1, 3)):
        name, width = fresh(), rng.choice([2, 3])
        nodes.append(Node(name, "input", columns=tuple(f"c{i}" for i in range(width))))
        shape[name] = (width, 1)
    for _ in range(rng.randint(2, 7)):
        kind = rng.choice(["dense", "dense", "shared", "add", "concatenate"])
        names = list(shape)
        name = fresh()
        if kind in ("dense", "shared"):
            by_width: dict[int, list[str]] = {}
            for other in names:
                by_width.setdefault(shape[other][0], []).append(other)
            group = rng.choice(list(by_width.values()))
            count = rng.randint(2, len(group)) if kind == "shared" and len(group) > 1 else 1
            sources = tuple(rng.sample(group, count))
            units = rng.choice([2, 3])
            nodes.append(Node(name, "dense", inputs=sources, units=units,
                              activation=rng.choice(HIDDEN_ACTIVATIONS),
                              dropout=rng.choice([0.0, 0.0, 0.5]),
                              batch_norm=rng.random() < 0.3))
            shape[name] = (units, sum(shape[x][1] for x in sources))
            continue
        if kind == "add":
            same = [x for x in names if shape[x][1] > 1] or [
                x for x in names if [shape[y][0] for y in names].count(shape[x][0]) > 1]
            if not same:
                continue
            first = rng.choice(same)
            partners = [x for x in names if x != first and shape[x][0] == shape[first][0]]
            sources = (first, *rng.sample(partners, min(len(partners), rng.randint(0, 2))))
            if sum(shape[x][1] for x in sources) < 2:
                continue
            nodes.append(Node(name, "add", inputs=sources))
            shape[name] = (shape[first][0], 1)
        else:
            sources = tuple(rng.sample(names, rng.randint(1, min(3, len(names)))))
            if sum(shape[x][1] for x in sources) < 2:
                continue
            nodes.append(Node(name, "concatenate", inputs=sources))
            shape[name] = (sum(shape[x][0] * shape[x][1] for x in sources), 1)
    unused = [n.name for n in nodes if not any(n.name in m.inputs for m in nodes)]
    last = unused[0]
    if len(unused) > 1 or shape[last][1] > 1:
        last = fresh()
        nodes.append(Node(last, "concatenate", inputs=tuple(unused)))
    tasks = rng.sample(["binary", "multiclass", "regression"], rng.randint(1, 2))
    for i, task in enumerate(tasks):
        nodes.append(head(fresh(), last, task, target=f"t{i}", units=3 if task == "multiclass"
                          else 1, loss_weight=rng.choice([1.0, 0.25])))
    train = TrainConfig(optimizer=rng.choice(["adam", "sgd", "rmsprop"]),
                        seed=rng.randrange(2**31))
    return Job(ModelSpec(tuple(nodes)), DataSpec("seed-random"), train)


RANDOM_JOBS = {f"random_{i}": _random_job(i) for i in range(24)}


def _data_jobs(upload_dir: Path) -> dict[str, Job]:
    """One job per data set, small where the size is a parameter, plus two CSV uploads."""
    from funcnet.data.datasets import store_upload

    jobs = {}
    for name, info in DATASETS.items():
        if name == "csv":
            continue
        params = {"n_samples": 150} if any(p.name == "n_samples" for p in info.params) else {}
        if name == "classification":
            params.update(n_classes=5, n_features=7, noise=0.05)
        model = stack(["x0"], [], head("out", "input", "binary"))
        jobs[f"data_{name.replace('-', '_')}"] = _job(model, DataSpec(name, params, seed=3))
    text_rows = "\n".join(f"{i};{i * 0.5 % 7};{['cat', 'dog', 'emu'][i % 3]}"
                          for i in range(40))
    number_rows = "\n".join(f"{i % 9},{(i * 7) % 5},{i * 1.25}" for i in range(30))
    for key, content, target, task in (
        ("csv_classes", f"size;weight;animal\n{text_rows}\n", "animal", "multiclass"),
        ("csv_numbers", f"a,b,price\n{number_rows}\n", "price", "regression"),
    ):
        upload = store_upload(content.encode(), f"{key}.csv")
        units = 3 if task == "multiclass" else 1
        model = stack(["a"], [HiddenLayer(4)], head("out", "input", task, target=target,
                                                     units=units))
        jobs[key] = _job(model, DataSpec("csv", {"sha256": upload.sha256, "target": target,
                                                 "task": "auto"}))
    assert upload_dir.exists()
    return jobs


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Writes all scripts, runs the driver and one script end to end (in parallel)."""
    folder = tmp_path_factory.mktemp("codegen")
    upload_dir = folder / "uploads"
    env = script_env(upload_dir)
    previous = os.environ.get("FUNCNET_UPLOAD_DIR")
    os.environ["FUNCNET_UPLOAD_DIR"] = str(upload_dir)
    try:
        data_jobs = _data_jobs(upload_dir)
    finally:
        if previous is None:
            os.environ.pop("FUNCNET_UPLOAD_DIR")
        else:
            os.environ["FUNCNET_UPLOAD_DIR"] = previous
    cases, scripts = [], {}
    model_jobs = {f"preset_{n.replace('-', '_')}": p.job for n, p in PRESETS.items()}
    model_jobs.update(_tricky_models())
    model_jobs.update(RANDOM_JOBS)
    seed_job = PRESETS["seed"].job
    one_epoch = replace(seed_job, train=replace(seed_job.train, epochs=1))
    for key, job, checks in (
        [(k, j, ["model"]) for k, j in model_jobs.items()]
        + [(k, j, ["data"]) for k, j in data_jobs.items()]
        + [("seed_one_epoch", one_epoch, ["model", "data", "train"])]
    ):
        csv_path = ""
        if job.data.name == "csv":
            csv_path = str(upload_dir / f"{job.data.param('sha256')}.csv")
        source = generate_script(job, csv_filename=csv_path or "data.csv")
        path = folder / f"{key}.py"
        path.write_text(source, encoding="utf-8")
        scripts[key] = path
        cases.append({"id": key, "job": job.to_dict(), "script": str(path), "checks": checks})
    (folder / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (folder / "driver.py").write_text(DRIVER, encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(scripts["seed_one_epoch"])], cwd=folder, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = subprocess.run([sys.executable, str(folder / "driver.py"),
                             str(folder / "cases.json")], cwd=folder, env=env,
                            capture_output=True, text=True, timeout=300)
    out, err = run.communicate(timeout=300)
    assert driver.returncode == 0, driver.stderr[-3000:]
    line = next(x for x in driver.stdout.splitlines() if x.startswith("DRIVER-REPORT "))
    return {"report": json.loads(line.removeprefix("DRIVER-REPORT ")), "scripts": scripts,
            "run": (run.returncode, out, err), "folder": folder,
            "model_keys": list(model_jobs), "data_keys": list(data_jobs)}


# ------------------------------------------------------------------ fast, no Keras


def test_py_str_round_trips_any_text():
    for text in ["plain", 'say "hi"', "it's", "both ' and \"", "back\\slash", "tab\tnew\nline",
                 "ünïcødé ✓", "{braces}", ""]:
        assert eval(py_str(text)) == text  # noqa: S307 - the literal is ours, the point is to parse it
    assert py_str("x0") == '"x0"'


def test_numbered_columns_become_a_comprehension_and_others_a_list():
    assert columns_expression(columns("x", 20)) == '[f"x{i}" for i in range(20)]'
    assert columns_expression(tuple(f"x{i}" for i in range(10, 20))) == (
        '[f"x{i}" for i in range(10, 20)]')
    assert columns_expression(("x0", "x1")) is None  # too short to be worth it
    assert columns_expression(("x0", "x2", "x3")) is None
    assert columns_expression(("x0", "y1", "z2")) is None
    assert columns_expression(("x{0", "x{1", "x{2")) is None  # a brace would break the f-string


def test_header_template_names_its_placeholders():
    placeholders = set(re.findall(r"{(\w+)}", CODEGEN_HEADER))
    assert placeholders == {"title", "filename", "network", "data", "training"}


@pytest.mark.parametrize("name", list(PRESETS))
def test_script_is_valid_python_in_the_notebook_style(name):
    job = PRESETS[name].job
    source = generate_script(job)
    compile(source, f"{name}.py", "exec")
    assert "from keras import Input, Model" in source
    assert not re.search(r"^\s*(import|from) funcnet", source, re.M)
    for node in job.model.inputs:
        assert f'Input(shape=({len(node.columns)},), name="{node.name}")' in source
    for node in job.model.nodes:
        if node.type in ("dense", "output"):
            assert f'name="{node.name}"' in source
    assert "model.summary()" in source and "model.fit(" in source
    assert "model.evaluate(" in source and 'if __name__ == "__main__":' in source
    assert f"EPOCHS = {job.train.epochs}" in source
    assert f"LEARNING_RATE = {job.train.learning_rate!r}" in source


def test_shared_layer_is_one_object_called_per_branch():
    source = generate_script(PRESETS["siamese"].job)
    assert re.search(r"^    tower_1 = Dense\($", source, re.M)
    assert "    tower_1_left = tower_1(left)\n    tower_1_right = tower_1(right)\n" in source
    assert "Concatenate(name=\"joined\")([tower_2_left, tower_2_right])" in source


def test_residual_add_is_explained_and_multi_head_compile_uses_dicts():
    residual = generate_script(PRESETS["residual"].job)
    assert 'skip1 = Add(name="skip1")([stem, block1_b])' in residual
    assert "residual (skip) connection" in residual
    multi = generate_script(PRESETS["multi-output"].job)
    assert 'loss_weights={"label": 1.0, "value": 0.5}' in multi
    assert 'metrics={"label": ["accuracy"], "value": ["mae"]}' in multi
    assert "report_regression(" in multi and "report_classifier(" in multi


def test_batch_norm_and_dropout_become_separate_layers():
    source = generate_script(_tricky_models()["bn_stack"])
    assert 'BatchNormalization(name="dense_1_bn")(dense_1)' in source
    assert 'Activation("tanh", name="dense_1_act")(dense_1)' in source
    assert re.search(r'Dropout\(0\.3, seed=\d+, name="dense_1_dropout"\)\(dense_1\)', source)
    assert "RMSprop(learning_rate=LEARNING_RATE)" in source


def test_clashing_node_names_get_safe_distinct_variables():
    source = generate_script(_tricky_models()["shared_bn"])
    compile(source, "tricky.py", "exec")
    # A node called "Dense" must not shadow the Dense class, "class" is a keyword, "l" is
    # ambiguous to ruff, "lambda" is a keyword and "input" is a builtin.
    assert re.search(r"^    Dense_ = Input\(", source, re.M)
    assert re.search(r"^    class_ = Concatenate\(", source, re.M)
    assert re.search(r"^    l_ = Dense\(", source, re.M)
    assert re.search(r"^    lambda_ = Dense\(", source, re.M)
    assert 'name="lambda"' in source
    # Branch variables are node + input name; the node "l_np" then needs another name.
    assert "    l_Dense = l_dropout(l_act(l_bn(l_(Dense_))))\n" in source
    assert "    l_np = l_dropout(l_act(l_bn(l_(np_))))\n" in source
    assert re.search(r'^    l_np_2 = Dense\(\s*4, activation="gelu"', source, re.M)
    assert "    sum_ = Add(name=\"sum\")([l_np_Dense, l_np_np])\n" in source


def test_scripts_pass_ruff_with_the_project_and_default_rules(tmp_path):
    jobs = {**{n.replace("-", "_"): p.job for n, p in PRESETS.items()}, **_tricky_models(),
            **RANDOM_JOBS}
    for key, job in jobs.items():
        (tmp_path / f"{key}.py").write_text(generate_script(job), encoding="utf-8")
    for extra in (["--config", str(ROOT / "pyproject.toml")], ["--isolated"]):
        result = subprocess.run([sys.executable, "-m", "ruff", "check", *extra, str(tmp_path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_random_graphs_cover_shared_layers_merges_and_clashing_names():
    nodes = [n for job in RANDOM_JOBS.values() for n in job.model.nodes]
    specs = [job.model for job in RANDOM_JOBS.values()]
    assert any(s.shape_of(n.name).branches > 1 for s in specs for n in s.nodes)
    assert {"add", "concatenate", "dense", "output"} <= {n.type for n in nodes}
    assert any(n.batch_norm for n in nodes) and any(n.dropout for n in nodes)
    assert len({n.name for n in nodes} & set(CLASHING_NAMES)) >= 10
    assert any(len(n.name) == 40 for n in nodes)
    for key, job in RANDOM_JOBS.items():
        compile(generate_script(job), f"{key}.py", "exec")


def test_script_carries_the_engines_own_helpers_and_writes_no_copy_of_them():
    # One source: the engine's split_rows and batches, copied in as they are written.
    source = generate_script(PRESETS["multi-output"].job)
    for helper in (portable.split_rows, portable.batches):
        assert inspect.getsource(helper) in source
    assert f"VALIDATION_BATCH = {portable.VALIDATION_BATCH}  #" in source
    assert "split_rows(len(x_train), VALIDATION_SPLIT, SEED)" in source
    codegen_source = (ROOT / "funcnet" / "export" / "codegen.py").read_text()
    assert "stateless_shuffle" not in codegen_source and "permutation(" not in codegen_source


def test_every_optimizer_a_setup_can_name_has_its_keras_class():
    assert set(OPTIMIZER_CLASSES) == set(OPTIMIZERS)
    for optimizer in OPTIMIZERS:
        job = _job(PRESETS["seed"].job.model, optimizer=optimizer)
        assert f"{OPTIMIZER_CLASSES[optimizer]}(learning_rate=LEARNING_RATE)" in (
            generate_script(job))


def test_unexportable_jobs_raise_value_error():
    too_few = _job(PRESETS["seed"].job.model,
                   DataSpec("classification", {"n_classes": 10, "n_features": 2}))
    with pytest.raises(ValueError, match="10 classes need at least 4 features"):
        generate_script(too_few)
    model = stack(["a"], [], head("out", "input", "binary", target="other"))
    orphan = _job(model, DataSpec("csv", {"sha256": "0" * 64, "target": "label"}))
    with pytest.raises(ValueError, match="no output head predicts the CSV target column 'label'"):
        generate_script(orphan)


# ------------------------------------------------------------------ with Keras (subprocess)


def test_every_script_builds_exactly_the_engine_model(exported):
    report = exported["report"]
    for key in exported["model_keys"] + ["seed_one_epoch"]:
        result = report[key]
        # Layer by layer first, for a readable failure; then everything Keras serialises.
        assert result["script"] == result["engine"], key
        assert result["same_config"], key
        assert result["same_weights"] and result["n_weights"][0] == result["n_weights"][1], key
        assert not result["imports_funcnet"], key


def test_shared_and_batch_norm_layers_are_wired_like_the_engine(exported):
    layers = {x["name"]: x for x in exported["report"]["shared_bn"]["script"]["layers"]}
    assert layers["l"]["inbound"] == [["Dense"], ["np"]]
    assert layers["l_bn"]["inbound"] == [["l"], ["l"]]
    assert layers["l_dropout"]["rate"] == 0.25
    assert layers["sum"]["class"] == "Add"
    assert layers["sum"]["inbound"] == [["l_np", "l_np"]]
    assert layers["lambda"]["activation"] == "silu"  # Keras' name for swish
    siamese = {x["name"]: x for x in exported["report"]["preset_siamese"]["script"]["layers"]}
    assert siamese["tower_1"]["inbound"] == [["left"], ["right"]]
    assert exported["report"]["preset_siamese"]["script"]["params"] == (
        PRESETS["siamese"].job.model.total_params())


def test_every_script_loads_the_same_data_as_funcnet(exported):
    report = exported["report"]
    assert len(exported["data_keys"]) == len(DATASETS) + 1  # every set, CSV twice
    for key in exported["data_keys"] + ["seed_one_epoch"]:
        result = report[key]
        assert result["same_data"] == [True, True, True, True], key
        mine, theirs = result["classes"]
        assert mine == theirs, key


def test_seed_script_runs_end_to_end_and_matches_the_engine(exported):
    code, out, err = exported["run"]
    assert code == 0, err[-3000:]
    assert "Total params: 5,569" in out
    # verbose=2 prints one line per epoch (Keras omits "Epoch 1/1" when there is one).
    epoch_line = next(x for x in out.splitlines() if re.match(r"^\d+/\d+ - ", x))
    logged = dict(re.findall(r"(\w+): (\d+\.\d+)", epoch_line))
    history = exported["report"]["seed_one_epoch"]["engine_history"]
    assert set(logged) == set(history)  # loss, accuracy and their val_ twins
    for name, values in history.items():
        assert float(logged[name]) == pytest.approx(values[0], abs=2e-4), name
    assert "Test set:" in out and "precision" in out and "ROC AUC:" in out
    assert "Confusion matrix" in out
    printed = dict(re.findall(r"^  (\w+): (-?\d+\.\d+)$", out, re.M))
    engine = exported["report"]["seed_one_epoch"]["engine_test"]
    # Same data, same weights, same seeds: the same test loss as funcnet's own run.
    # The script's evaluate() reports loss and accuracy; its AUC is scikit-learn's.
    assert set(printed) == set(engine) - {"auc"}
    for name, value in printed.items():
        assert float(value) == pytest.approx(engine[name], abs=2e-4), name
    auc = float(re.search(r"ROC AUC: (\d+\.\d+)", out).group(1))
    assert auc == pytest.approx(engine["auc"], abs=2e-4)
