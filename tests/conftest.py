"""Shared fixtures: the sample data, a program builder, and a site builder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"

sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample data folder."""
    dest = tmp_path / "data"
    shutil.copytree(SAMPLE, dest)
    return dest


def run_mkdocs(
    data: Path, site: Path, *args: str, env: dict[str, str] | None = None, root: Path = ROOT, tool: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (or `tool build`) of the project, or of a copy of it at `root`, from `data` into `site`."""
    full_env = dict(os.environ, SITE_DATA=str(data), SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    full_env.pop("PYTHONPATH", None)  # the code is the one beside `root`'s mkdocs.yml
    full_env.update(env or {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            tool,
            "build",
            "--strict",  # not with -q: MkDocs' -q silences warnings before strict mode can count them
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site),
            *args,
        ],
        cwd=root,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_repository(dest: Path) -> Path:
    """The code, templates and hand-written pages of the project at `dest`: to edit or build apart from others."""
    for name in ("scripts", "docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session."""
    site = tmp_path_factory.mktemp("sample-site")
    result = run_mkdocs(SAMPLE, site)
    assert result.returncode == 0, result.stderr
    return site


Builder = Callable[..., Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")
