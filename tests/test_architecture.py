"""The pipeline is in the file list, and each stage imports only what its package's docstring allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

# package → the packages of `scripts` it may import (itself always)
ALLOWED = {
    "data": set(),
    "report": {"data"},
    "downloads": {"data", "report"},
    "returns": {"data"},
    "cache": {"data", "report", "downloads"},
    "assemble": {"data", "report", "downloads", "cache"},
}


def imported_packages(path: Path) -> set[str]:
    """The stage packages of `scripts` that a module imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "scripts" and len(parts) > 1 and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_stage_imports_only_the_stages_before_it(package: str) -> None:
    wrong = {
        f"{path.relative_to(SCRIPTS).as_posix()} → scripts.{other}"
        for path in sorted((SCRIPTS / package).rglob("*.py"))
        for other in imported_packages(path) - ALLOWED[package] - {package}
    }
    assert not wrong


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_stage_says_what_it_owns_and_may_import(package: str) -> None:
    doc = ast.get_docstring(ast.parse((SCRIPTS / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "May import" in doc


def test_the_top_level_holds_only_commands_and_entry_points() -> None:
    top = {p.name for p in SCRIPTS.glob("*.py")}
    commands = {"check.py", "bench.py", "synthetic.py", "template.py", "forms.py", "collect.py"}
    assert top <= {"__init__.py", *commands, "hooks.py", "macros.py"}


def test_the_rule_test_would_catch_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from scripts.cache import pagekeys\nfrom scripts.report.fmt import number\n", encoding="utf-8")
    assert imported_packages(module) == {"cache", "report"}
