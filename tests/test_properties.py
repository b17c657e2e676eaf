"""Properties over random programs: valid data always builds; broken data always gets messages.

Random valid programs vary in shape (units, periods of every kind,
indicators, gaps), in text (Vietnamese, punctuation, markup characters)
and in form (`,` or `;`, `en` or `vi` numbers, BOM). Random corruption of a
valid program, byte by byte or cell by cell, either still loads or raises
`DataError` with messages; it never raises anything else.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programs import write_program

from scripts.data.errors import DataError
from scripts.data.messages import MESSAGES
from scripts.data.textutil import slugify
from scripts.data.validate import load_dataset
from scripts.report.compute import Results
from scripts.report.pages import render

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
ALPHABET = LETTERS + LETTERS.upper() + "0123456789 <>&\"'[](){}*_#|;,:%$\\/-.!?`~=+@^"
text = st.text(ALPHABET, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
codes = st.from_regex(r"[A-Z][A-Z0-9]{0,4}", fullmatch=True)


@st.composite
def periods(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["year", "quarter", "month"]))
    if kind == "year":
        pool = [str(y) for y in range(2016, 2021)]
    elif kind == "quarter":
        pool = [f"{y}-Q{q}" for y in (2016, 2017) for q in range(1, 5)]
    else:
        pool = [f"2017-{m:02d}" for m in range(1, 13)]
    return draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6, unique=True))


@st.composite
def indicator(draw: st.DrawFn, ident: str) -> dict[str, object]:
    measure = draw(st.sampled_from(["%", "người", "tỷ đồng", "tổ chức"]))
    top = 100.0 if measure == "%" else 1e6
    number = st.floats(0, top, allow_nan=False).map(lambda x: round(x, 2))
    ind: dict[str, object] = {
        "id": ident,
        "group": draw(text),
        "name": draw(text),
        "measure": measure,
        "direction": draw(st.sampled_from(["up", "down"])),
    }
    if draw(st.booleans()):
        ind["target"] = draw(number)
        ind["target_type"] = draw(st.sampled_from(["annual", "cumulative", "end"]))
    if draw(st.booleans()):
        ind["baseline"], ind["baseline_year"] = draw(number), draw(st.integers(2010, 2016))
    return ind


@st.composite
def programs(draw: st.DrawFn) -> dict[str, object]:
    unit_codes = draw(st.lists(codes, min_size=2, max_size=5, unique_by=slugify))
    ids = draw(st.lists(codes, min_size=1, max_size=3, unique_by=slugify))
    inds = [draw(indicator(i)) for i in ids]
    used = draw(periods())
    values = []
    for ind in inds:
        top = 100.0 if ind["measure"] == "%" else 1e6
        for unit in unit_codes:
            for period in used:
                if draw(st.booleans()):
                    value = draw(st.none() | st.floats(0, top, allow_nan=False).map(lambda x: round(x, 2)))
                    values.append((ind["id"], unit, period, "" if value is None else value))
    return {
        "units": [(u, draw(text)) for u in unit_codes],
        "indicators": inds,
        "values": values,
        "delimiter": draw(st.sampled_from([",", ";"])),
        "number_format": draw(st.sampled_from(["en", "vi"])),
        "bom": draw(st.booleans()),
        "nfd": draw(st.booleans()),
    }


def vi(x: object) -> str:
    if not isinstance(x, float):
        return str(x)
    whole, _, frac = f"{x:.2f}".partition(".")
    frac = frac.rstrip("0")
    return f"{int(whole):,}".replace(",", ".") + (f",{frac}" if frac else "")


def write(folder: Path, p: dict[str, object]) -> None:
    write_program(folder, indicators=p["indicators"], values=p["values"])  # type: ignore[arg-type]
    units = p["units"]
    assert isinstance(units, list)
    rows = [("code", "name", "kind", "parent")] + [
        (code, name, "province" if n == 0 else "commune", "" if n == 0 else units[0][0])
        for n, (code, name) in enumerate(units)
    ]
    number_columns = {"value", "target", "baseline"}
    if p["number_format"] == "vi":
        with (folder / "program.yml").open("a", encoding="utf-8") as f:
            f.write("number_format: vi\n")
    for path in folder.glob("*.csv"):
        table = rows if path.stem == "units" else list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        header = table[0]
        if p["number_format"] == "vi":
            table = [header] + [
                [vi(_number(c)) if h in number_columns else c for h, c in zip(header, r, strict=True)]
                for r in table[1:]
            ]
        buf = io.StringIO()
        csv.writer(buf, delimiter=str(p["delimiter"]), lineterminator="\n").writerows(table)
        out = buf.getvalue()
        if p["nfd"]:
            out = unicodedata.normalize("NFD", out)
        path.write_bytes((codecs.BOM_UTF8 if p["bom"] else b"") + out.encode("utf-8"))


def _number(cell: str) -> object:
    try:
        return float(cell)
    except ValueError:
        return cell


@SETTINGS
@given(programs())
def test_random_valid_programs_load_and_render(p: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        write(folder, p)
        ds = load_dataset(folder)
        rendered = render(ds, Results(ds))
    units, inds, values = p["units"], p["indicators"], p["values"]
    assert isinstance(units, list) and isinstance(inds, list) and isinstance(values, list)
    assert [u.name for u in sorted(ds.units, key=lambda u: u.row)] == [
        unicodedata.normalize("NFC", name).strip() for _, name in units
    ]
    assert len(ds.values) == len(values)
    assert len(rendered.pages) == 9 + 2 * len(inds) + len(units) + 3


# --- corruption --------------------------------------------------------------

FILES = ["program.yml", "units.csv", "indicators.csv", "values.csv", "topics.csv", "topics/T01.md"]


@st.composite
def byte_damage(draw: st.DrawFn) -> tuple[str, str, int, bytes]:
    op = draw(st.sampled_from(["overwrite", "truncate", "insert", "delete_line", "duplicate_line"]))
    return draw(st.sampled_from(FILES)), op, draw(st.integers(0, 10_000)), draw(st.binary(max_size=12))


def damage(folder: Path, file: str, op: str, at: int, data: bytes) -> None:
    path = folder / file
    content = path.read_bytes()
    at = at % (len(content) + 1)
    lines = content.split(b"\n")
    line = at % len(lines)
    if op == "overwrite":
        content = content[:at] + data + content[at + len(data) :]
    elif op == "truncate":
        content = content[:at]
    elif op == "insert":
        content = content[:at] + data + content[at:]
    elif op == "delete_line":
        content = b"\n".join(lines[:line] + lines[line + 1 :])
    else:
        content = b"\n".join(lines[: line + 1] + lines[line:])
    path.write_bytes(content)


def assert_answered(folder: Path) -> bool:
    """True when the folder was refused with messages; loading never fails any other way."""
    try:
        ds = load_dataset(folder)
    except DataError as e:
        assert e.problems
        for problem in e.problems:
            assert problem.code in MESSAGES
            assert str(problem).startswith("data/") or problem.code == "missing_folder"
        assert e.report().startswith(f"Dữ liệu có {len(e.problems)} lỗi")
        return True
    render(ds, Results(ds))  # what still loads also renders
    return False


@SETTINGS
@given(st.lists(byte_damage(), min_size=1, max_size=3))
def test_random_damage_is_answered_or_harmless(damages: list[tuple[str, str, int, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_program(Path(tmp) / "data", communes=2, periods=("2021", "2022"))
        for d in damages:
            damage(folder, *d)
        assert_answered(folder)


# Cell edits that always break the contract: (file, column, replacement).
BREAKS = st.sampled_from(
    [
        ("values.csv", "period", "Q3/2021"),
        ("values.csv", "value", "n/a"),
        ("values.csv", "value", "120%"),
        ("values.csv", "unit", "KHONG-CO"),
        ("values.csv", "indicator", ""),
        ("units.csv", "kind", "huyện"),
        ("units.csv", "code", ""),
        ("indicators.csv", "direction", "tăng"),
        ("indicators.csv", "target", "tám mươi"),
        ("topics.csv", "status", "xong"),
        ("topics.csv", "id", "KHONG-CO-TEP"),
    ]
)


@SETTINGS
@given(st.lists(st.tuples(BREAKS, st.integers(0, 100)), min_size=1, max_size=4))
def test_random_broken_cells_always_get_messages(breaks: list[tuple[tuple[str, str, str], int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_program(Path(tmp) / "data", communes=2, periods=("2021", "2022"))
        for (file, column, replacement), at in breaks:
            rows = list(csv.reader(io.StringIO((folder / file).read_text(encoding="utf-8"))))
            row = 1 + at % (len(rows) - 1)
            rows[row][rows[0].index(column)] = replacement
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            (folder / file).write_text(buf.getvalue(), encoding="utf-8")
        assert assert_answered(folder)
