"""The package boundaries (only `engine` imports Keras, only `ui` Streamlit) and module size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "funcnet"
KERAS = {"keras", "tensorflow"}
STREAMLIT = {"streamlit"}
PURE = ("model", "data", "analysis", "runs", "export", "classroom", "train")


def _imported_roots(path: Path) -> set[str]:
    """Top-level package names a module imports anywhere (functions included)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def _modules(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("package", PURE)
def test_pure_packages_import_neither_keras_nor_streamlit(package: str) -> None:
    assert _modules(package), f"funcnet/{package} has no modules"
    for path in _modules(package):
        found = _imported_roots(path) & (KERAS | STREAMLIT)
        assert not found, f"{path.relative_to(PACKAGE)} imports {sorted(found)}"


def test_only_engine_imports_keras_and_only_ui_imports_streamlit() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        roots = _imported_roots(path)
        if part != "engine":
            assert not roots & KERAS, f"{path.relative_to(PACKAGE)} imports Keras"
        if part != "ui":
            assert not roots & STREAMLIT, f"{path.relative_to(PACKAGE)} imports Streamlit"



MAX_MODULE_LINES = 600
CATALOGUES = {"ui/texts.py"}  # the table of text ids (the translations are in locale/)
"""Translation catalogues: one entry per text, as long as the texts are many."""


def test_no_module_is_over_600_lines_except_catalogues() -> None:
    long = {str(path.relative_to(PACKAGE)): n for path in sorted(PACKAGE.rglob("*.py"))
            if str(path.relative_to(PACKAGE)) not in CATALOGUES
            and (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
