"""The same program, saved the ways staff really save it, builds the same pages.

Plain UTF-8 CSV is the reference; the other forms are what Excel in the
Vietnamese locale and Vietnamese keyboards produce: workbooks, `;` with
`1.234,5` numbers, a byte-order mark, CRLF, "Unicode text" (UTF-16, tabs),
decomposed letters, stray spaces and empty rows.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_mkdocs
from programs import write_program, write_xlsx

from scripts.assemble import pipeline as site
from scripts.cache.store import Store
from scripts.data.load import read_table
from scripts.data.validate import load_dataset

NUMBER_COLUMNS = {"value", "target", "baseline"}
PERIODS = ("2021", "2022-Q1", "2022-Q2", "2022-07")


def plain(folder: Path) -> Path:
    """The reference program, with decimals and thousands to get wrong."""
    values: list[tuple[str, str, str, float | str]] = []
    for n, period in enumerate(PERIODS):
        for unit in ("BL", "X001", "X002", "X003"):
            values.append(("A1", unit, period, round(55.25 + 7.5 * n, 2)))
            values.append(("B2", unit, period, 1234.5 + 1000 * n if unit != "X003" else ""))
    write_program(folder, communes=3, periods=PERIODS, values=values)
    (folder / "documents.csv").write_text(
        "number,kind,date,title,summary\n5-CT/TU,directive,14/10/2021,Chỉ thị về quản lý,Tóm tắt ngắn\n",
        encoding="utf-8",
    )
    return folder


def tables(folder: Path) -> dict[str, list[list[str]]]:
    return {p.stem: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8")))) for p in folder.glob("*.csv")}


def rewrite(folder: Path, write: Callable[[Path, list[list[str]]], None]) -> Path:
    for name, rows in tables(folder).items():
        (folder / f"{name}.csv").unlink()
        write(folder / name, rows)
    return folder


def vi_number(text: str, percent: bool) -> str:
    whole, _, frac = f"{float(text):.2f}".partition(".")
    frac = frac.rstrip("0")
    shown = f"{int(whole):,}".replace(",", ".") + (f",{frac}" if frac else "")
    return shown + ("%" if percent else "")


def excel_vi(folder: Path) -> Path:
    """Excel, Vietnamese locale, "CSV UTF-8": `;`, BOM, CRLF, `1.234,5` and `85,2%`, padding, `;;;` rows."""
    with (folder / "program.yml").open("a", encoding="utf-8") as f:
        f.write("number_format: vi\n")
    percent = {r[0] for r in tables(folder)["indicators"][1:] if r[3] == "%"}

    def write(path: Path, rows: list[list[str]]) -> None:
        header = rows[0]
        out = [[f" {h} " for h in header]]
        for row in rows[1:]:
            is_percent = header[0] == "indicator" and row[0] in percent
            cells = [
                vi_number(c, is_percent) if h in NUMBER_COLUMNS and c else c for h, c in zip(header, row, strict=True)
            ]
            out += [[f"{c}  " for c in cells], [""] * len(header)]
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(out)
        path.with_suffix(".csv").write_bytes(codecs.BOM_UTF8 + buf.getvalue().encode("utf-8"))

    return rewrite(folder, write)


def workbooks(folder: Path) -> Path:
    """Every table as an .xlsx workbook; percentages typed as `85,2%` (stored 0.852)."""
    percent = {r[0] for r in tables(folder)["indicators"][1:] if r[3] == "%"}

    def write(path: Path, rows: list[list[str]]) -> None:
        header = rows[0]
        out: list[list[object]] = [list(header)]
        for row in rows[1:]:
            if header[:2] == ["indicator", "unit"] and row[0] in percent and row[3]:
                row = [*row[:3], f"{row[3]}%", *row[4:]]
            out += [list(row), []]  # blank sheet rows are skipped
        write_xlsx(path.with_suffix(".xlsx"), out)

    return rewrite(folder, write)


def unicode_text(folder: Path) -> Path:
    """Excel's "Unicode text": UTF-16 with its mark, tab-separated."""

    def write(path: Path, rows: list[list[str]]) -> None:
        buf = io.StringIO()
        csv.writer(buf, delimiter="\t", lineterminator="\r\n").writerows(rows)
        path.with_suffix(".csv").write_bytes(buf.getvalue().encode("utf-16"))

    return rewrite(folder, write)


def decomposed(folder: Path) -> Path:
    """Every text file with decomposed letters (Unikey set to "Unicode tổ hợp")."""
    for path in folder.rglob("*"):
        if path.is_file():
            path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


FORMS: dict[str, Callable[[Path], Path]] = {
    "excel-vi-csv": excel_vi,
    "xlsx": workbooks,
    "utf16-tabs": unicode_text,
    "nfd": decomposed,
}


# The data-entry templates hold the files as they were given (a form is kept as typed): they differ by form.
TEMPLATES = "tai-ve/mau/"


def markdown(folder: Path, cache: Path) -> dict[str, bytes]:
    return {k: v for k, v in site.generate(folder, Store(cache)).files.items() if not k.startswith(TEMPLATES)}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], Path]:
    base = tmp_path_factory.mktemp("forms")
    cache = base / "cache"
    return markdown(plain(base / "plain" / "data"), cache), cache


@pytest.mark.parametrize("form", FORMS)
def test_every_form_builds_the_same_pages(form: str, reference: tuple[dict[str, bytes], Path], tmp_path: Path) -> None:
    expected, cache = reference
    folder = FORMS[form](plain(tmp_path / "data"))
    assert markdown(folder, cache) == expected


def test_the_forms_really_differ_from_plain_csv(tmp_path: Path) -> None:
    """Guard: each form changes the bytes it claims to change."""
    vi = excel_vi(plain(tmp_path / "vi"))
    raw = (vi / "values.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and b"\r\n" in raw and b";" in raw
    assert "1.234,5" in raw.decode("utf-8-sig") and "55,25%" in raw.decode("utf-8-sig")
    assert (unicode_text(plain(tmp_path / "u16")) / "units.csv").read_bytes().startswith(codecs.BOM_UTF16_LE)
    nfd = (decomposed(plain(tmp_path / "nfd")) / "units.csv").read_text(encoding="utf-8")
    assert nfd != unicodedata.normalize("NFC", nfd)
    xlsx = workbooks(plain(tmp_path / "xlsx"))
    assert sorted(p.name for p in xlsx.glob("*.xlsx")) == [
        "documents.xlsx", "indicators.xlsx", "topics.xlsx", "units.xlsx", "values.xlsx",
    ]  # fmt: skip


def test_workbook_cells_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    folder = workbooks(plain(tmp_path / "data"))
    table = read_table(folder, "values", [])
    assert table is not None and table.sheet == "Số liệu"
    assert table.rows[0].number == 2 and table.rows[1].number == 4  # the blank sheet row 3 is skipped
    assert table.cell(4, "value") == "Số liệu!D4"
    ds = load_dataset(folder)
    assert [v.value for v in ds.values if v.indicator == "A1" and v.unit == "BL"] == [55.25, 62.75, 70.25, 77.75]


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(TEMPLATES)
    }


def test_a_workbook_program_builds_the_same_site_as_plain_csv(tmp_path: Path) -> None:
    sites = {}
    for name, form in (("plain", None), ("xlsx", workbooks)):
        data = plain(tmp_path / name / "data")
        if form:
            data = form(data)
        sites[name] = tmp_path / name / "site"
        result = run_mkdocs(data, sites[name])
        assert result.returncode == 0, result.stderr
    assert tree_hash(sites["xlsx"]) == tree_hash(sites["plain"])
