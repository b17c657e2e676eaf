"""Excel workbooks (.xlsx) of plain tables, written directly as their XML parts.

The download tables are plain: a bold header row kept in view, then rows
of text and numbers. openpyxl builds an object for every cell; at a
province's every commune the workbooks hold millions of cells, and building
them took most of a cold build. Here each sheet is written as the Office
Open XML parts Excel, LibreOffice and openpyxl read, a row at a time:
text as inline strings (never a formula, whatever it starts with), numbers
as the shortest decimal that reads back as the same float, no cell for an
empty value. Document dates and zip member times are fixed, so equal
tables give equal bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

Cell = str | float | int | None

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip member can carry
MAX_WIDTH = 60  # characters: wider columns are cut to this
WIDTH_SAMPLE = 200  # rows looked at to size a column
HEADER_BOLD = '&R&"-,Bold"'  # the printed pages' header: what follows, on the right, in bold

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot carry, even escaped: left out of the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters, as Excel requires
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def workbook(sheets: Sequence[Sheet], title: str, creator: str, stamp: dt.datetime, notice: str = "") -> bytes:
    """The workbook of `sheets`, dated `stamp`.

    `notice` (the internal edition's "Lưu hành nội bộ"): above the table of
    each sheet, in the header of every printed page, and in the document's
    properties (category and status).
    """
    parts = [
        ("[Content_Types].xml", _content_types(len(sheets))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", _core(title, creator, stamp, notice)),
        ("xl/workbook.xml", _workbook(sheets)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
        ("xl/styles.xml", _STYLES),
    ]
    parts += [(f"xl/worksheets/sheet{n}.xml", worksheet(s, notice)) for n, s in enumerate(sheets, 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            archive.writestr(member(name), text.encode("utf-8"))
    return out.getvalue()


def member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def column_letters(n: int) -> list[str]:
    """The letters of the first `n` columns: A, B, …, Z, AA, AB…"""
    from openpyxl.utils import get_column_letter  # here: a build that writes no workbook does not load openpyxl

    return [get_column_letter(index) for index in range(1, n + 1)]


def shown(value: Cell) -> str:
    """A cell as a spreadsheet shows it by default, to size its column."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def worksheet(sheet: Sheet, notice: str = "") -> str:
    """A sheet's XML; with a `notice`, it stands on a line above the table and in the header of every printed page."""
    width = len(sheet.header)
    letters = column_letters(max(width, 1))
    sizes = [len(h) for h in sheet.header]
    for row in sheet.rows[:WIDTH_SAMPLE]:
        for i, value in enumerate(row[:width]):
            sizes[i] = max(sizes[i], len(shown(value)))
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{min(MAX_WIDTH, size + 2)}" customWidth="1"/>'
        for i, size in enumerate(sizes, 1)
    )
    top = 2 if notice else 1  # the header's row
    last = f"{letters[width - 1]}{len(sheet.rows) + top}" if width else "A1"
    out = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{top}" topLeftCell="A{top + 1}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="A{top + 1}" sqref="A{top + 1}"/></sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>",
        _row(1, (notice,), letters, ' s="1"') if notice else "",
        _row(top, sheet.header, letters, ' s="1"'),
    ]
    out += [_row(n, row, letters, "") for n, row in enumerate(sheet.rows, top + 1)]
    out.append("</sheetData>")
    if notice:  # &R: on the right; &"-,Bold": the sheet's font, bold
        out.append(f"<headerFooter><oddHeader>{_text(HEADER_BOLD + notice)}</oddHeader></headerFooter>")
    out.append("</worksheet>")
    return "".join(out)


def _row(number: int, cells: Sequence[Cell], letters: list[str], style: str) -> str:
    out = [f'<row r="{number}">']
    for letter, value in zip(letters, cells, strict=False):
        if value is None or value == "":
            continue
        ref = f"{letter}{number}"
        if isinstance(value, str):
            out.append(f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>')
        elif isinstance(value, bool):
            out.append(f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int) or math.isfinite(value):
            out.append(f'<c r="{ref}"{style}><v>{value!r}</v></c>')
    out.append("</row>")
    return "".join(out)


def _text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_XML.sub("", value)


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _content_types(sheets: int) -> str:
    kinds = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kinds}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kinds}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kinds}.styles+xml"/>'
        f"{overrides}"
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )


_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)


def _core(title: str, creator: str, stamp: dt.datetime, notice: str = "") -> str:
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    marked = f"<cp:category>{_text(notice)}</cp:category><cp:contentStatus>{_text(notice)}</cp:contentStatus>"
    return (
        f"{_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{_text(creator)}</dc:creator>"
        f"{marked if notice else ''}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(f'<sheet name="{_attr(s.name)}" sheetId="{n}" r:id="rId{n}"/>' for n, s in enumerate(sheets, 1))
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{listed}</sheets></workbook>'
    )


def _workbook_rels(sheets: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    styles = f'<Relationship Id="rId{sheets + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}{styles}</Relationships>'


_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
