"""The Word document's page and type, and the few kinds of block the report is made of.

Laid out as Hướng dẫn 36-HD/VPTW asks of a Party committee's document: A4;
Times New Roman (for every script, so Vietnamese renders in it); body 14 pt;
margins 20 mm top and bottom, 30 mm left, 15 mm right; page numbers from page
2 at the top centre. The header of every page says "Lưu hành nội bộ" in the
internal edition and, in an illustrative program, that the figures are
illustrative. Tables have borders; their header row repeats at the top of
every page they run onto and is kept with the row after it, so it is never
left alone at a page's foot.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from scripts.data import editions
from scripts.data.model import Dataset
from scripts.downloads import xlsx
from scripts.downloads.word.text import Cell, Marked, clean, paragraphs
from scripts.report import printview

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
SMALL_PT = 12  # sources, notes under tables, the header's notice
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
INDENT = Mm(10)  # first line of a body paragraph

# The print view's banner (scripts/report/printview.py), word for word.
ILLUSTRATIVE = ("Số liệu minh họa:", printview.ILLUSTRATIVE)
# The internal edition's notice, in the site's words (overrides/main.html).
INTERNAL = ("Lưu hành nội bộ.", "Không sao chép, đăng tải ra ngoài.")
EMPTY = "Chưa có nội dung trong dữ liệu."


@dataclass(frozen=True)
class Column:
    title: str
    mm: float
    align: str = "l"  # l, c, r


@dataclass(frozen=True)
class Group:
    """A row across the whole table that opens a group of rows."""

    text: str


Row = Sequence[Cell] | Group


class Writer:
    """A python-docx document set up in the Party's format, and the few kinds of block the report uses."""

    def __init__(self, ds: Dataset, edition: str = editions.INTERNAL) -> None:
        self.ds = ds
        self.edition = edition
        self.doc: Document = new_document()
        self._styles()
        self._page()
        self.cell_style = self._style("Table Text")
        self.heading_ids = {n: self._style(f"Heading {n}").style_id for n in (1, 2, 3)}

    # setup

    def _styles(self) -> None:
        styles = self.doc.styles
        root = styles.element
        defaults = root.find(qn("w:docDefaults"))
        assert defaults is not None
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        assert rpr is not None
        _font(rpr, BODY_PT)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "vi-VN")
            lang.set(qn("w:eastAsia"), "vi-VN")
        for fonts in list(root.iter(qn("w:rFonts"))):  # no style keeps a theme font that would win over ours
            _set_fonts(fonts)
        normal = styles["Normal"]
        assert isinstance(normal, ParagraphStyle)
        _font(normal.element.get_or_add_rPr(), BODY_PT)
        pf = normal.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.first_line_indent = INDENT
        pf.space_before, pf.space_after, pf.line_spacing = Pt(6), Pt(0), 1.15
        pf.widow_control = True
        for level, italic in ((1, False), (2, False), (3, True)):
            style = styles[f"Heading {level}"]
            assert isinstance(style, ParagraphStyle)
            rpr = style.element.get_or_add_rPr()
            for color in rpr.findall(qn("w:color")):
                rpr.remove(color)
            _font(rpr, BODY_PT)
            style.font.bold, style.font.italic = True, italic
            hf = style.paragraph_format
            hf.space_before, hf.space_after = Pt(12 if level == 1 else 6), Pt(0)
            hf.first_line_indent, hf.keep_with_next = INDENT, True
            hf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        for name in ("Header", "Footer"):
            style = styles[name]
            assert isinstance(style, ParagraphStyle)
            style.paragraph_format.first_line_indent = Mm(0)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_before = Pt(0)
        cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(cell, ParagraphStyle)
        cell.base_style = normal
        _font(cell.element.get_or_add_rPr(), TABLE_PT)
        cf = cell.paragraph_format
        cf.first_line_indent, cf.alignment = Mm(0), WD_ALIGN_PARAGRAPH.LEFT
        cf.space_before, cf.space_after, cf.line_spacing = Pt(2), Pt(2), 1.0
        settings = self.doc.settings.element
        for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
            found = settings.find(qn(tag))
            if found is not None:
                found.set(qn("w:val"), value)

    def _style(self, name: str) -> ParagraphStyle:
        style = self.doc.styles[name]
        assert isinstance(style, ParagraphStyle)
        return style

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        section.different_first_page_header_footer = True
        notices = []
        if self.edition == editions.INTERNAL:
            notices.append(INTERNAL)
        if self.ds.program.illustrative:
            notices.append(ILLUSTRATIVE)
        first = section.first_page_header.paragraphs[0]
        for n, notice in enumerate(notices):
            self._notice_line(first if n == 0 else section.first_page_header.add_paragraph(), notice)
        _page_field(section.header.paragraphs[0])
        for notice in notices:
            self._notice_line(section.header.add_paragraph(), notice)

    def _notice_line(self, p: Paragraph, notice: tuple[str, str]) -> None:
        run(p, notice[0] + " ", bold=True, italic=True, size=SMALL_PT)
        run(p, notice[1], italic=True, size=SMALL_PT)

    # blocks

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading in Word's own Heading style (so it shows in the navigation pane)."""
        p = self.doc.add_paragraph()
        p._p.style = self.heading_ids[level]  # python-docx's lookup by name reads every style each time
        run(p, text)
        return p

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, size: int | None = None) -> Paragraph:
        p = self.doc.add_paragraph()  # Normal
        if text:
            run(p, text, bold=bold, italic=italic, size=size)
        return p

    def markdown(self, markdown: str, lead: str = "") -> None:
        """Staff Markdown as plain paragraphs; `lead` in italics before the first ("Kết quả: ")."""
        for n, text in enumerate(paragraphs(markdown)):
            p = self.para()
            if lead and not n:
                run(p, lead, italic=True)
            run(p, text)

    def labelled(self, label: str, text: str, size: int | None = None) -> Paragraph:
        """ "Label: text", the label in italics."""
        p = self.para()
        run(p, f"{label}: ", italic=True, size=size)
        run(p, text, size=size)
        return p

    def caption(self, text: str, *, italic: bool = True, bold: bool = False) -> None:
        """The line that introduces a table: kept on the page the table starts on."""
        self.para(text, italic=italic, bold=bold).paragraph_format.keep_with_next = True

    def empty(self, text: str = EMPTY) -> None:
        self.para(text, italic=True)

    def centred(self, text: str, *, bold: bool = False, size: int = BODY_PT, before: int = 0) -> Paragraph:
        p = self.para(text, bold=bold, size=size)
        pf = p.paragraph_format
        pf.alignment, pf.first_line_indent, pf.space_before = WD_ALIGN_PARAGRAPH.CENTER, Mm(0), Pt(before)
        return p

    def table(self, columns: Sequence[Column], rows: Sequence[Row]) -> Table:
        """A table with borders, its header row repeated on every page; numbers right-aligned.

        The rows are written as their XML and parsed once: building them cell by cell through
        python-docx took most of the time of a document with a large appendix.
        """
        t = self.doc.add_table(rows=0, cols=len(columns))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        _borders(t, "single")
        for col, c in zip(t.columns, columns, strict=True):
            col.width = Mm(c.mm)
        widths = [round(Mm(c.mm).twips) for c in columns]
        style = self.cell_style.style_id
        header = [Column(c.title, c.mm, "c") for c in columns]
        xml = [_row([c.title for c in columns], header, widths, style, header=True)]
        for data in rows:
            if isinstance(data, Group):
                xml.append(_group_row(data.text, widths, style))
            else:
                xml.append(_row(data, columns, widths, style))
        for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml)}</w:tbl>"):
            t._tbl.append(tr)
        return t

    def plain_table(self, widths_mm: Sequence[float]) -> Table:
        """A table without borders (the heading block, the signature block)."""
        t = self.doc.add_table(rows=1, cols=len(widths_mm))
        t.autofit = False
        _borders(t, "nil")
        for col, cell, mm in zip(t.columns, t.rows[0].cells, widths_mm, strict=True):
            col.width = cell.width = Mm(mm)
            cell.paragraphs[0]._p.style = self.cell_style.style_id
        return t

    def save(self, stamp: dt.datetime) -> bytes:
        """The document's bytes: dated `stamp`, revision 1, no thumbnail, zip members with a fixed time."""
        p = self.ds.program
        props = self.doc.core_properties
        props.title = _property(f"Báo cáo kết quả thực hiện Chương trình {p.code}")
        props.subject = _property(p.title)
        props.author = props.last_modified_by = _property(p.issuer)
        props.comments = props.keywords = ""
        props.category = "Báo cáo"
        props.language = "vi-VN"
        props.created = props.modified = props.last_printed = stamp
        props.revision = 1
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the template's picture of an empty page
                del package.rels[rid]
        out = io.BytesIO()
        self.doc.save(out)
        return fixed_zip(out.getvalue())


def _property(text: str, limit: int = 255) -> str:
    """Text for a document property, which holds at most 255 characters: cut at a word, with "…"."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def run(
    p: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: int | None = None,
    superscript: bool = False,
) -> None:
    r = p.add_run(clean(text))
    if bold:
        r.bold = True
    if italic:
        r.italic = True
    if underline:
        r.underline = True
    if superscript:
        r.font.superscript = True
    if size is not None:
        r.font.size = Pt(size)
        sz = OxmlElement("w:szCs")
        sz.set(qn("w:val"), str(size * 2))
        r._r.get_or_add_rPr().insert_element_before(sz, "w:highlight", "w:u", "w:effect", "w:vertAlign", "w:lang")


def _set_fonts(fonts: BaseOxmlElement) -> None:
    for name in list(fonts.attrib):
        if "heme" in name:  # asciiTheme, hAnsiTheme, eastAsiaTheme, cstheme
            del fonts.attrib[name]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _font(rpr: BaseOxmlElement, size: int) -> None:
    """Times New Roman for every script and `size` points (also for complex scripts) in a run property set."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _set_fonts(fonts)
    for tag in ("w:sz", "w:szCs"):
        found = rpr.find(qn(tag))
        if found is None:
            found = OxmlElement(tag)
            rpr.insert_element_before(found, "w:highlight", "w:u", "w:effect", "w:vertAlign", "w:lang")
        found.set(qn("w:val"), str(size * 2))


def _borders(t: Table, kind: str) -> None:
    """Borders round and inside every cell ("single"), or none at all ("nil")."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        if kind != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tblpr = t._tbl.tblPr
    tblpr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


_JC = {"c": "center", "r": "right"}


def _runs(value: Cell, bold: bool = False) -> str:
    """The runs of a cell's text, and of its raised mark."""
    text = value.text if isinstance(value, Marked) else value
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    out = f'<w:r>{props}<w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>' if text else ""
    if isinstance(value, Marked):
        mark = escape(clean("\u00a0" + value.mark))
        out += f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">{mark}</w:t></w:r>'
    return out


def _cell(
    value: Cell, width: int, style: str, align: str, bold: bool = False, span: int = 1, keep: bool = False
) -> str:
    """A cell; `keep`: kept on the page of the row after it (a header or group row is never left at a page's foot)."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    keep_next = "<w:keepNext/>" if keep else ""
    jc = f'<w:jc w:val="{_JC[align]}"/>' if align in _JC else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{escape(style)}"/>{keep_next}{jc}</w:pPr>{_runs(value, bold)}</w:p></w:tc>'
    )


def _row(cells: Sequence[Cell], columns: Sequence[Column], widths: list[int], style: str, header: bool = False) -> str:
    """A row never split across pages; the header row repeated at the top of every page the table runs onto."""
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    body = "".join(
        _cell(value, width, style, col.align, bold=header, keep=header)
        for value, col, width in zip(cells, columns, widths, strict=True)
    )
    return f"<w:tr>{props}{body}</w:tr>"


def _group_row(text: str, widths: list[int], style: str) -> str:
    """A row across the whole table, in bold, that opens a group of rows (kept with the group's first row)."""
    cell = _cell(text, sum(widths), style, "l", bold=True, span=len(widths), keep=True)
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>"


def _page_field(p: Paragraph) -> None:
    """A PAGE field: the page's number, worked out by Word or LibreOffice as it lays the pages out."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = p.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            r._r.append(instr)
        elif kind == "result":
            r.text = "2"  # shown until the field is updated
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated `xlsx.ZIP_TIME`, so equal documents give equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(xlsx.member(info.filename), source.read(info))
    return out.getvalue()
