"""Golden Markdown for one page of each kind, from a small program made here.

Regenerate deliberately with `python -m pytest tests/test_golden.py --update-golden`
and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from programs import write_csv, write_program

from scripts.assemble.pipeline import generate

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "chuong-trinh.md",
    "chi-tieu/index.md",
    "chi-tieu/a1.md",
    "chi-tieu/b2.md",
    "don-vi/index.md",
    "don-vi/bl.md",
    "don-vi/x002.md",
    "de-tai/index.md",
    "de-tai/t01.md",
    "danh-gia.md",
    "phuong-huong.md",
    "moc-thoi-gian.md",
    "phu-luc/index.md",
    "phu-luc/a1.md",
]


@pytest.fixture(scope="module")
def golden_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = write_program(tmp_path_factory.mktemp("golden") / "data", communes=3)
    write_csv(
        folder / "documents.csv",
        ("number", "kind", "date", "title", "field"),
        [("05-NQ/TU", "resolution", "2021-05-04", "Về công tác cán bộ", "Tổ chức")],
    )
    write_csv(
        folder / "findings.csv",
        ("kind", "order", "title", "text", "responsible"),
        [
            ("limitation", 1, "Hạn chế một", "Nội dung *hạn chế*.", "Ban Tổ chức"),
            ("cause", 1, "Nguyên nhân một", "", ""),
            ("lesson", 1, "Bài học một", "", ""),
            ("direction", 1, "Phương hướng một", "", ""),
        ],
    )
    write_csv(folder / "milestones.csv", ("date", "title", "chair"), [("2021-10-14", "Giao ban quý III", "Bí thư")])
    return generate(folder).files


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(path: str, golden_output: dict[str, bytes], request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / path
    actual = golden_output[path].decode("utf-8")
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path}: run with --update-golden"
    assert actual == golden.read_text(encoding="utf-8")
