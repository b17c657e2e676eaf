"""Excel templates for data entry: what staff fill in, and what comes back when they save it into the data folder.

A template saved back unchanged in place of its CSV gives the same dataset
and the same pages; each workbook guides the person typing into it (column
descriptions, drop-down lists, number/year/date rules, text cells for periods
and codes); the internal site offers the seven workbooks, the public one none.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from programs import write_csv, write_program, write_xlsx

from scripts import template as command
from scripts.data import schema
from scripts.data.errors import DataError
from scripts.data.model import Dataset
from scripts.data.validate import check, load_dataset
from scripts.downloads import templates
from scripts.report import pages
from scripts.report.compute import Results

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
CODED = {(t.name, c.name) for t in schema.TABLES for c in t.columns if c.kind == "choice"} | set(templates.REFERENCES)


# --- programs to make templates of ---------------------------------------------------


def rich_program(folder: Path, number_format: str = "en") -> Path:
    """A program that uses every table and every kind of column.

    Dates written both ways, a percentage typed with its sign, an estimate
    with a note, a note that starts like a formula, a unit code with a
    leading zero, Markdown over several lines; numbers written the
    Vietnamese way when `number_format` is "vi".
    """
    write_program(folder, communes=3)
    vi = number_format == "vi"
    if vi:
        with (folder / "program.yml").open("a", encoding="utf-8") as f:
            f.write("number_format: vi\n")
    write_csv(
        folder / "units.csv",
        ("code", "name", "kind", "parent"),
        [("BL", "Tỉnh Bạch Liên", "province", ""), ("007", "Huyện Bảy", "rural_district", "BL")]
        + [(f"X{n:03d}", f"Xã Số {n}", "commune", "007" if n == 3 else "BL") for n in range(1, 4)],
    )
    write_csv(
        folder / "indicators.csv",
        ("id", "group", "name", "measure", "direction", "target", "target_type", "target_text", "target_op",
         "rank_units", "baseline", "baseline_year", "document", "source", "visibility", "description"),
        [
            ("A1", "Nhóm A", "Tỷ lệ A", "%", "up", "80", "annual", "Trên 80% mỗi năm", ">", "yes", "", "", "05-KH/TU",
             "Sở A", "public", "Mô tả **A**.\n\nĐoạn thứ hai, có dấu < và &."),
            ("B2", "Nhóm B", "Số B", "người", "up", "1.000" if vi else "1000", "cumulative", "", "", "no",
             "12,5" if vi else "12.5", "2020", "", "", "internal", ""),
        ],
    )  # fmt: skip
    rows = []
    with (folder / "values.csv").open(encoding="utf-8") as f:
        for n, (ind, unit, period, value) in enumerate(list(csv.reader(f))[1:]):
            number = float(value)
            shown = f"{number + 0.25:.2f}%" if ind == "A1" else f"{number * 1000 + 0.5:.1f}"  # A1 with its % sign
            status, note = ("estimate", "=Ước tính, chưa chốt") if n % 7 == 3 else ("", "")
            rows.append((ind, unit, period, "" if n == 5 else shown, status, "Sở B" if n % 5 == 0 else "", note))
    if vi:
        rows = [(*r[:3], _vi(r[3]), *r[4:]) for r in rows]
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value", "status", "source", "note"), rows)
    write_csv(
        folder / "topics.csv",
        ("id", "title", "lead_agency", "chair", "field", "start", "end", "status", "rating", "summary", "accepted_on",
         "visibility"),
        [
            ("T01", "Đề tài một", "Sở Nội vụ", "TS. Nguyễn Văn A", "Tổ chức", "2021", "2022-06-30", "accepted_base",
             "khá", "Kết quả chính của đề tài.", "15/07/2022", "public"),
            ("T02", "Đề tài hai", "Ban Tổ chức", "", "", "2022-01-01", "2023", "in_progress", "", "", "", ""),
            ("T03", "Đề tài ba", "Ban Tuyên giáo", "", "", "", "", "planned", "", "", "", "internal"),
        ],
    )  # fmt: skip
    write_csv(
        folder / "documents.csv",
        ("number", "kind", "date", "title", "issuer", "field", "summary", "progress", "result", "visibility", "source"),
        [
            ("05-KH/TU", "plan", "2021-02-01", "Kế hoạch thực hiện", "Tỉnh ủy", "Tổ chức", "Tóm tắt.", "in_progress",
             "Đã triển khai ở **3** xã.", "public", "Văn phòng Tỉnh ủy"),
            ("12-NQ/TU", "resolution", "15/03/2021", "Nghị quyết chuyên đề", "", "", "", "", "", "", ""),
        ],
    )  # fmt: skip
    write_csv(
        folder / "findings.csv",
        ("kind", "order", "title", "text", "responsible", "aspect", "related", "source", "visibility"),
        [
            ("limitation", "1", "Hạn chế một", "Nội dung.", "Sở A", "", "A1; 05-KH/TU", "", "public"),
            ("cause", "1", "Nguyên nhân chủ quan", "", "", "subjective", "", "", ""),
            ("direction", "1", "Phương hướng một", "- Một\n- Hai", "", "", "T01", "Báo cáo sơ kết", ""),
        ],
    )
    write_csv(
        folder / "milestones.csv",
        ("date", "title", "chair", "summary", "visibility"),
        [
            ("2021-03-01", "Hội nghị triển khai", "Bí thư", "Tóm tắt hội nghị.", ""),
            ("02/12/2022", "Sơ kết", "", "", ""),
        ],
    )
    return folder


def _vi(text: str) -> str:
    """A number as Vietnamese-locale Excel writes it: 1.234,5 and 62,5%."""
    if not text:
        return text
    sign = "%" if text.endswith("%") else ""
    whole, _, decimals = text.rstrip("%").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + decimals if decimals else "") + sign


def as_workbooks(folder: Path) -> Path:
    """The program with each table given as the workbook Excel saves from its CSV (numbers typed as numbers)."""
    for table in schema.TABLES:
        path = folder / f"{table.name}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as f:
                write_xlsx(folder / f"{table.name}.xlsx", list(csv.reader(f)), sheet=table.name)
            path.unlink()
    return folder


def saved_back(folder: Path, into: Path) -> Path:
    """A copy of `folder` where every table is its template, saved as it is in place of the table's file."""
    made = templates.files(folder)
    shutil.copytree(folder, into)
    for table in schema.TABLES:
        for suffix in (".csv", ".xlsx"):
            (into / f"{table.name}{suffix}").unlink(missing_ok=True)
        (into / f"{table.name}.xlsx").write_bytes(made[templates.path(table.name)])
    return into


def without_fingerprint(ds: Dataset) -> Dataset:
    return dataclasses.replace(ds, fingerprint="")  # a hash of the files, which are other files now


PROGRAMS = {
    "test program (CSV)": lambda folder: write_program(folder),
    "every table and kind of column": rich_program,
    "numbers written the Vietnamese way": lambda folder: rich_program(folder, "vi"),
    "tables given as Excel workbooks": lambda folder: as_workbooks(rich_program(folder)),
    "the sample data": lambda folder: shutil.copytree(SAMPLE, folder),
}


@pytest.fixture(params=sorted(PROGRAMS))
def program(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder: Path = PROGRAMS[request.param](tmp_path / "data")
    load_dataset(folder)  # a valid program
    return folder


def book_of(folder: Path, table: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(templates.files(folder)[templates.path(table)]))


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rich_program(tmp_path_factory.mktemp("rich") / "data")


@pytest.fixture(scope="module")
def books(rich: Path) -> dict[str, openpyxl.Workbook]:
    made = templates.files(rich)
    return {t.name: openpyxl.load_workbook(io.BytesIO(made[templates.path(t.name)])) for t in schema.TABLES}


# --- the round trip --------------------------------------------------------------------


def test_templates_saved_back_as_they_are_give_the_same_dataset(program: Path, tmp_path: Path) -> None:
    back = saved_back(program, tmp_path / "back")
    assert not list(back.glob("*.csv"))
    assert without_fingerprint(load_dataset(back)) == without_fingerprint(load_dataset(program))


def test_templates_saved_back_build_the_same_indicator_pages(program: Path, tmp_path: Path) -> None:
    before, after = load_dataset(program), load_dataset(saved_back(program, tmp_path / "back"))
    r_before, r_after = Results(before), Results(after)
    assert [r_after.status(i.id) for i in after.indicators] == [r_before.status(i.id) for i in before.indicators]
    made_before = pages.indicator_pages(before, r_before)
    made_after = pages.indicator_pages(after, r_after)
    assert [p.markdown for p, _ in made_after] == [p.markdown for p, _ in made_before]
    assert [c for _, cs in made_after for c in cs] == [c for _, cs in made_before for c in cs]


def test_a_template_saved_back_twice_is_the_same_workbook(tmp_path: Path) -> None:
    """The templates of data that came from templates are those templates: nothing drifts."""
    once = saved_back(rich_program(tmp_path / "data"), tmp_path / "once")
    twice = saved_back(once, tmp_path / "twice")
    for table in schema.TABLES:
        assert (twice / f"{table.name}.xlsx").read_bytes() == (once / f"{table.name}.xlsx").read_bytes(), table.name


def test_a_mistake_in_the_data_is_kept_and_reported_as_before(tmp_path: Path) -> None:
    """A template is one way to fix mistakes: it carries them as found, so the checker names them again."""
    folder = rich_program(tmp_path / "data")
    with (folder / "values.csv").open("a", encoding="utf-8") as f:
        f.write("A1,X001,2022-Q2,n/a,,,\nB2,X009,2022-Q2,5,,,\nB2,X001,2022-Q2,5,draft,,\n")
    with (folder / "documents.csv").open("a", encoding="utf-8") as f:
        f.write("13-CT/TU,directive,2021-02-30,Chỉ thị,,,,,,,\n")
    indicators = (folder / "indicators.csv").read_text(encoding="utf-8")
    (folder / "indicators.csv").write_text(indicators.replace("Tỷ lệ A,%,up,80,", "Tỷ lệ A,%,up,tám mươi,"), "utf-8")

    def problems(data: Path) -> list[tuple[Any, ...]]:
        with pytest.raises(DataError) as e:
            check(data)
        return sorted(
            (p.file.rsplit("/")[-1].split(".")[0], p.row, p.column, p.code, p.value) for p in e.value.problems
        )

    found = problems(folder)
    assert {code for *_, code, _ in found} >= {"not_number", "unknown_ref", "bad_choice", "bad_date"}
    assert problems(saved_back(folder, tmp_path / "back")) == found


def test_a_number_reads_back_exactly_even_with_seventeen_digits(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data", communes=1, periods=("2021",))
    exact = [0.1 + 0.2, 1 / 3, 2 / 3 * 100, 0.7 + 0.1]  # each needs 17 digits to read back as the same float
    rows = [("B2", unit, "2021", repr(x)) for unit, x in zip(("BL", "X001"), exact[:2], strict=True)]
    rows += [("A1", unit, "2021", repr(x)) for unit, x in zip(("BL", "X001"), exact[2:], strict=True)]
    write_csv(folder / "values.csv", ("indicator", "unit", "period", "value"), rows)
    sheet = book_of(folder, "values").worksheets[0]
    assert sorted(r[3] for r in sheet.iter_rows(min_row=2, values_only=True)) == sorted(exact)


def test_a_table_the_folder_lacks_gets_a_template_with_its_header_alone(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data")  # no documents, findings, milestones
    for name in ("documents", "findings", "milestones"):
        sheet = book_of(folder, name).worksheets[0]
        assert [[c.value for c in row] for row in sheet.iter_rows()] == [list(templates.TABLES[name].names)]


def test_a_column_the_contract_lacks_is_kept_so_the_checker_still_names_it(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data")
    text = (folder / "units.csv").read_text(encoding="utf-8").splitlines()
    (folder / "units.csv").write_text(
        "\n".join([text[0] + ",ghi_chu"] + [line + ",x" for line in text[1:]]) + "\n", encoding="utf-8"
    )
    sheet = book_of(folder, "units").worksheets[0]
    assert [c.value for c in sheet[1]] == ["code", "name", "kind", "parent", "ghi_chu"]
    with pytest.raises(DataError) as e:
        check(saved_back(folder, tmp_path / "back"))
    assert [(p.code, p.column) for p in e.value.problems] == [("unknown_column", "ghi_chu")]


def test_a_file_that_cannot_be_read_stops_the_templates_with_its_problem(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data")
    (folder / "units.csv").write_bytes(b"code,name,kind,parent\nBL,T\xecnh B\xe1ch,province,\n")  # Windows-1258
    with pytest.raises(DataError) as e:
        templates.files(folder)
    assert [(p.code, p.file) for p in e.value.problems] == [("not_utf8", "data/units.csv")]


def test_templates_are_byte_identical_from_the_same_data(rich: Path) -> None:
    first, second = templates.files(rich), templates.files(rich)
    assert first == second
    for data in first.values():
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.properties.created == book.properties.modified == templates.CREATED
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            for name in z.namelist():
                if name.endswith((".xml", ".vml", ".rels")):
                    ElementTree.fromstring(z.read(name))  # every part is well-formed XML


# --- what each workbook holds ----------------------------------------------------------


def column_at(sheet: Worksheet, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def rules(sheet: Worksheet) -> dict[str, Any]:
    """The rule of each column, by the column's letter (every rule covers one column, from row 2 down)."""
    out = {}
    for rule in sheet.data_validations.dataValidation:
        ref = str(rule.sqref)
        letter = re.fullmatch(r"([A-Z]+)2:\1(\d+)", ref)
        assert letter is not None and letter.group(2) == "1048576", ref  # every row staff may add
        out[letter.group(1)] = rule
    return out


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_the_data_sheet_comes_first_with_the_contract_columns_in_a_bold_frozen_filtered_row_1(
    books: dict[str, openpyxl.Workbook], table: schema.Table
) -> None:
    book = books[table.name]
    assert book.sheetnames == [table.name, templates.LIST_SHEET]  # the reader takes the first sheet
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == list(table.names)
    assert all(c.font.b for c in sheet[1]) and not any(c.font.b for c in sheet[2] if c.value is not None)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert book.worksheets[1].sheet_state == "hidden"


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_each_header_says_what_its_column_holds_and_whether_it_is_required(
    books: dict[str, openpyxl.Workbook], table: schema.Table
) -> None:
    sheet = books[table.name].worksheets[0]
    for column in table.columns:
        note = sheet.cell(1, column_at(sheet, column.name)).comment
        assert note is not None, column.name
        assert note.text.startswith(column.description.rstrip(".")), column.name
        assert ("bắt buộc" in note.text.lower()) == column.required, column.name


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_every_coded_column_has_a_drop_down_list_kept_on_the_hidden_sheet(
    books: dict[str, openpyxl.Workbook], rich: Path, table: schema.Table
) -> None:
    book = books[table.name]
    sheet, lists = book.worksheets
    found = rules(sheet)
    for column in table.columns:
        letter = openpyxl.utils.get_column_letter(column_at(sheet, column.name))
        if (table.name, column.name) not in CODED:
            assert letter not in found or found[letter].type != "list", column.name
            continue
        rule = found[letter]
        assert rule.type == "list" and rule.showDropDown in (None, False), column.name  # (False shows the arrow)
        match = re.fullmatch(rf"{templates.LIST_SHEET}!\$([A-Z]+)\$2:\$\1\$(\d+)", rule.formula1)
        assert match is not None, rule.formula1
        items = [c.value for c in lists[match.group(1)][1 : int(match.group(2))] if c.value is not None]
        ref = templates.REFERENCES.get((table.name, column.name))
        if ref is None:
            assert items == list(column.choices), column.name
            assert rule.errorStyle in (None, "stop")
        else:  # the keys the other table holds, in its order; a key added since is let through with a warning
            other = load_dataset(rich)
            keys = {
                "units": [u.code for u in sorted(other.units, key=lambda u: u.row)],
                "indicators": [i.id for i in other.indicators],
                "documents": [d.number for d in other.documents],
            }[ref.table]
            assert sorted(items) == sorted(keys), column.name
            assert rule.errorStyle == "warning"
        assert rule.showErrorMessage and rule.errorTitle and rule.error, column.name


@pytest.mark.parametrize(
    ("table", "column", "kind", "bounds"),
    [
        ("values", "value", "decimal", ("-9.99E+307", "9.99E+307")),  # number
        ("indicators", "target", "decimal", ("-9.99E+307", "9.99E+307")),
        ("indicators", "baseline_year", "whole", ("1900", "2100")),  # year
        ("documents", "date", "date", None),  # date
        ("milestones", "date", "date", None),
        ("topics", "accepted_on", "date", None),
    ],
)
def test_number_year_and_date_columns_take_only_numbers_years_and_dates(
    books: dict[str, openpyxl.Workbook], table: str, column: str, kind: str, bounds: tuple[str, str] | None
) -> None:
    sheet = books[table].worksheets[0]
    rule = rules(sheet)[openpyxl.utils.get_column_letter(column_at(sheet, column))]
    assert rule.type == kind
    if bounds is not None:
        assert (rule.formula1, rule.formula2) == bounds
    assert rule.showErrorMessage and rule.errorStyle in (None, "stop")
    assert rule.errorTitle.startswith("Cần nhập") and rule.error


def test_every_column_of_a_kind_that_takes_a_rule_has_one(books: dict[str, openpyxl.Workbook]) -> None:
    for table in schema.TABLES:
        sheet = books[table.name].worksheets[0]
        found = rules(sheet)
        for column in table.columns:
            letter = openpyxl.utils.get_column_letter(column_at(sheet, column.name))
            wanted = {"number": "decimal", "year": "whole", "date": "date"}.get(column.kind)
            if wanted:
                assert found[letter].type == wanted, (table.name, column.name)


def column_format(sheet: Worksheet, index: int) -> str:
    """The number format of a whole column (XlsxWriter writes neighbouring alike columns as one)."""
    for dim in sheet.column_dimensions.values():
        if dim.min is not None and dim.min <= index <= dim.max:
            return str(dim.number_format)
    return "General"


def test_periods_and_codes_are_text_so_excel_keeps_2019_09_and_leading_zeros(
    books: dict[str, openpyxl.Workbook],
) -> None:
    values = books["values"].worksheets[0]
    for name in ("indicator", "unit", "period", "status", "note"):
        at = column_at(values, name)
        assert column_format(values, at) == "@", name  # what staff type later stays text too
        cells = [values.cell(r, at) for r in range(2, values.max_row + 1) if values.cell(r, at).value is not None]
        assert cells and all(c.data_type == "s" and c.number_format == "@" for c in cells), name
    periods = [values.cell(r, column_at(values, "period")).value for r in range(2, values.max_row + 1)]
    assert "2021-Q1" in periods and all(isinstance(p, str) for p in periods)
    units = books["units"].worksheets[0]
    assert [c.value for c in units["A"]][1:3] == ["BL", "007"]  # a leading zero kept
    notes = [c for c in values[openpyxl.utils.get_column_letter(column_at(values, "note"))] if c.value]
    assert any(c.value.startswith("=") for c in notes) and all(c.data_type == "s" for c in notes)  # never a formula


def test_numbers_percentages_and_dates_are_typed_cells(books: dict[str, openpyxl.Workbook]) -> None:
    values = books["values"].worksheets[0]
    cells = [values.cell(r, column_at(values, "value")) for r in range(2, values.max_row + 1)]
    typed = [c for c in cells if c.value is not None]
    assert typed and all(c.data_type == "n" for c in typed)
    percent = [c for c in typed if c.number_format.endswith("%")]
    assert percent and all(0 <= c.value <= 1 for c in percent)  # 62.75% is 0.6275 shown as 62,75%
    assert {c.number_format for c in percent} == {"0.00%"}
    documents = books["documents"].worksheets[0]
    dates = [documents.cell(r, column_at(documents, "date")).value for r in (2, 3)]
    assert dates == [dt.datetime(2021, 2, 1), dt.datetime(2021, 3, 15)]  # written either way, a date
    assert documents.cell(2, column_at(documents, "date")).number_format == "dd/mm/yyyy"
    topics = books["topics"].worksheets[0]
    assert [topics.cell(r, column_at(topics, "start")).value for r in (2, 3)] == ["2021", "2022-01-01"]  # date or year


# --- the command -----------------------------------------------------------------------


def test_the_command_writes_a_workbook_per_table(
    rich: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert command.main(["--data", str(rich), str(tmp_path / "mau")]) == 0
    assert sorted(p.name for p in (tmp_path / "mau").iterdir()) == sorted(f"{t.name}.xlsx" for t in schema.TABLES)
    assert (tmp_path / "mau" / "values.xlsx").read_bytes() == templates.files(rich)[templates.path("values")]
    assert "Đã ghi 7 tệp mẫu" in capsys.readouterr().out


def test_the_command_will_not_write_into_the_data_folder(rich: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert command.main(["--data", str(rich), str(rich)]) == 1
    assert "chính là thư mục dữ liệu" in capsys.readouterr().err
    assert not list(rich.glob("*.xlsx"))


def test_the_command_names_a_file_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_program(tmp_path / "data")
    (folder / "values.xlsx").write_bytes(b"not a workbook")
    (folder / "values.csv").unlink()
    assert command.main(["--data", str(folder), str(tmp_path / "mau")]) == 1
    err = capsys.readouterr().err
    assert "Chưa tạo được mẫu" in err and "data/values.xlsx" in err
    assert not (tmp_path / "mau").exists()


# --- the site ----------------------------------------------------------------------------


def test_the_internal_site_offers_the_seven_templates_on_the_editors_guide(built_sample: Path) -> None:
    guide = (built_sample / "huong-dan.html").read_text(encoding="utf-8")
    assert "Tải mẫu nhập liệu" in guide
    links = re.findall(r'href="(tai-ve/mau/[^"]+)"', guide)
    assert links == [templates.path(t.name) for t in schema.TABLES]
    for link in links:
        assert (built_sample / link).read_bytes() == templates.files(SAMPLE)[link]


def test_the_public_site_offers_no_template(tmp_path: Path) -> None:
    from conftest import run_mkdocs

    site = tmp_path / "site"
    result = run_mkdocs(write_program(tmp_path / "data"), site, env={"SITE_PROFILE": "public"})
    assert result.returncode == 0, result.stderr
    assert not (site / templates.FOLDER).exists()
    guide = (site / "huong-dan.html").read_text(encoding="utf-8")
    assert "Tải mẫu nhập liệu" not in guide and "tai-ve/mau" not in guide


# --- the site's copy of a large values table ------------------------------------------------------


def test_the_site_offers_a_large_values_table_without_its_rows_so_an_edit_remakes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scripts.assemble import downloadfiles
    from scripts.cache.store import Store
    from scripts.downloads import templates

    folder = write_program(tmp_path / "data")
    monkeypatch.setattr(templates, "SITE_ROWS_LIMIT", 10)  # this program's values are "large"
    store = Store(tmp_path / "cache")
    first = downloadfiles.cached_templates(folder, store)
    book = openpyxl.load_workbook(io.BytesIO(first[templates.path("values")]))
    assert book.worksheets[0].max_row == 1  # the header, its rules and lists: no rows
    units = openpyxl.load_workbook(io.BytesIO(first[templates.path("units")]))
    assert units.worksheets[0].max_row > 1  # the other tables are filled

    values = folder / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace(",60", ",61", 1), encoding="utf-8")
    made: list[str] = []
    real = templates.workbook

    def counted(table: schema.Table, source: templates.Source, with_rows: bool = True) -> bytes:
        made.append(table.name)
        return real(table, source, with_rows)

    monkeypatch.setattr(templates, "workbook", counted)
    assert downloadfiles.cached_templates(folder, Store(tmp_path / "cache")) == first
    assert made == []
