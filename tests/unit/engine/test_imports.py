"""The engine's modules form no import cycle: each imports alone, none imports another lazily."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ENGINE = ROOT / "funcnet" / "engine"
ENTRY_MODULES = {"funcnet.engine.training", "funcnet.engine.sweep"}


def _module_name(path: Path) -> str:
    return "funcnet.engine" if path.name == "__init__.py" else f"funcnet.engine.{path.stem}"


def _engine_imports(path: Path) -> tuple[set[str], set[str]]:
    """Returns the `funcnet.engine` modules `path` imports at module level, and in functions."""
    tree = ast.parse(path.read_text(), str(path))
    top = {id(node) for node in tree.body}
    module_level: set[str] = set()
    in_functions: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from funcnet.engine import pipeline` imports the module pipeline.
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names.append(node.module)
        found = {name for name in names if name.startswith("funcnet.engine.")
                 and (ENGINE / f"{name.split('.')[2]}.py").exists()}
        found = {".".join(name.split(".")[:3]) for name in found}
        (module_level if id(node) in top else in_functions).update(found)
    return module_level, in_functions


def test_no_engine_module_imports_an_entry_point_inside_a_function() -> None:
    # A function-level import of training or sweep is how an import cycle hides.
    for path in sorted(ENGINE.glob("*.py")):
        _, lazy = _engine_imports(path)
        assert not lazy & ENTRY_MODULES, f"{path.name} imports {sorted(lazy)} in a function"


def test_training_and_sweep_do_not_import_each_other() -> None:
    training, _ = _engine_imports(ENGINE / "training.py")
    sweep, _ = _engine_imports(ENGINE / "sweep.py")
    assert "funcnet.engine.sweep" not in training
    assert "funcnet.engine.training" not in sweep


def test_the_engine_import_graph_has_no_cycle() -> None:
    graph = {_module_name(path): _engine_imports(path)[0] for path in ENGINE.glob("*.py")}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_each_engine_module_imports_on_its_own() -> None:
    # One fresh interpreter; funcnet's modules are forgotten before each import
    # (TensorFlow stays loaded), so each is the first funcnet module imported.
    modules = sorted(_module_name(path) for path in ENGINE.glob("*.py"))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == 'funcnet']:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert run.returncode == 0, run.stderr[-2000:]
