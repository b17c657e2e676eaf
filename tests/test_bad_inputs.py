"""One small bad input per defect, each answered by its exact message.

Each folder in `tests/data/bad/` is layered over a valid program made by
`write_program`: its files replace the program's, `remove.txt` lists files
to delete, and `x.xlsx.csv` is saved as the workbook `x.xlsx` (sheet
"Số liệu"). `expected.txt` holds the exact messages, one per line; run with
`UPDATE_EXPECTED=1` to rewrite them after a deliberate change of wording.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_mkdocs
from programs import write_program, write_xlsx

from scripts.data.errors import DataError
from scripts.data.messages import MESSAGES
from scripts.data.validate import load_dataset

BAD = Path(__file__).parent / "data" / "bad"
DEFECTS = sorted(p.name for p in BAD.iterdir() if p.is_dir())
META = {"expected.txt", "remove.txt"}


def bad_program(defect: str, folder: Path) -> Path:
    """A valid program in `folder` with the defect's files layered over it."""
    write_program(folder)
    source = BAD / defect
    for name in (source / "remove.txt").read_text().split() if (source / "remove.txt").exists() else []:
        (folder / name).unlink()
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.name not in META):
        rel = path.relative_to(source).as_posix()
        if rel.endswith(".xlsx.csv"):
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            write_xlsx(folder / rel.removesuffix(".csv"), rows)
        else:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / rel)
    return folder


def messages(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    return [str(p) for p in info.value.problems]


def test_there_is_one_bad_input_per_defect() -> None:
    assert len(DEFECTS) >= 35
    assert all((BAD / d / "expected.txt").exists() for d in DEFECTS)


@pytest.mark.parametrize("defect", DEFECTS)
def test_bad_input_gets_its_exact_messages(defect: str, tmp_path: Path) -> None:
    found = messages(bad_program(defect, tmp_path / "data"))
    expected_file = BAD / defect / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == expected_file.read_text(encoding="utf-8").splitlines()


def problem_codes(*modules: str) -> set[str]:
    """The problem codes a module of `scripts` can report."""
    source = "\n".join((ROOT / "scripts" / f"{m}.py").read_text(encoding="utf-8") for m in modules)
    return set(re.findall(r'(?:Problem|problem)\(\s*"([a-z_0-9]+)"', source))


def test_every_problem_of_the_data_is_answered_by_a_bad_input(tmp_path: Path) -> None:
    """No data problem goes untested (`missing_folder`: see the checker's tests)."""
    codes = set()
    for defect in DEFECTS:
        with pytest.raises(DataError) as info:
            load_dataset(bad_program(defect, tmp_path / defect / "data"))
        codes |= {p.code for p in info.value.problems}
    assert problem_codes("data/load", "data/validate") - codes == {"missing_folder"}


def test_every_problem_code_in_the_code_has_a_message_and_an_example() -> None:
    modules = [p.relative_to(ROOT / "scripts").with_suffix("").as_posix() for p in (ROOT / "scripts").rglob("*.py")]
    assert problem_codes(*modules) - set(MESSAGES) == set()
    assert all(m.problem and m.expected and m.hint and m.example for m in MESSAGES.values())


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from the valid program, copied by each test that breaks it."""
    base = tmp_path_factory.mktemp("good")
    data = write_program(base / "data")
    site = base / "site"
    result = run_mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    return site


# A representative subset: each file kind, a cross-file rule, a reading failure.
MKDOCS_DEFECTS = ["yaml-syntax", "ragged-row", "percent-over-100", "missing-topic-file", "xlsx-cell-not-number"]


@pytest.mark.parametrize("defect", MKDOCS_DEFECTS)
def test_failed_build_prints_the_problems_and_leaves_the_last_site_untouched(
    defect: str, good_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    before = tree_hash(site)
    data = bad_program(defect, tmp_path / "data")
    data_before = tree_hash(data)
    result = run_mkdocs(data, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for line in (BAD / defect / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stdout + result.stderr
    assert tree_hash(site) == before
    assert tree_hash(data) == data_before
    assert not list(tmp_path.glob(".site*"))  # no staging folder left behind
