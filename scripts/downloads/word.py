"""The report as a Word document in the Party's document format (`tai-ve/bao-cao.docx`).

The report is, in the end, a document a Party committee signs and files. This
module writes the report the print view shows, in the order of a written
report (I. results, II. overall assessment, III. lessons, IV. directions, then
the appendix of tables), as a .docx laid out as Hướng dẫn 36-HD/VPTW asks of a
Party committee's document: A4; Times New Roman (for every script, so
Vietnamese renders in it); body 14 pt; margins 20 mm top and bottom, 30 mm
left, 15 mm right; the heading block (the issuing committee, "*", the number
left for staff to fill; "ĐẢNG CỘNG SẢN VIỆT NAM", place and date); page
numbers from page 2 at the top centre; tables with borders and a header row
repeated on every page.

Figures come from `Results` and the status module, numbers and dates from
`fmt`, and every label from the dictionaries and functions the pages use
(`pages`, `status`), so the document and the site say the same. Markdown
fields become plain paragraphs. A program with `illustrative: true` says so
on the first page and in the header of every page, in the print view's words.

Bounded like the print view: the appendix lists at most `printview.PRINT_ROWS`
units per indicator and `printview.APPENDIX_ROWS` in all, with a line saying
where the rest is. Same data, same bytes: the document's dates come from
`as_of` and zip members carry a fixed time.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
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

from scripts.data import schema
from scripts.data.model import Dataset, Finding, Indicator, Period
from scripts.data.model import Document as Doc
from scripts.data.textutil import vi_key
from scripts.downloads import xlsx
from scripts.downloads.tables import FOLDER
from scripts.report import fmt, pages, printview
from scripts.report.compute import Results
from scripts.report.status import Status

PATH = f"{FOLDER}/bao-cao.docx"
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
SMALL_PT = 12  # sources, notes under tables, the header's notice
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
INDENT = Mm(10)  # first line of a body paragraph
UNIT_ROWS = printview.PRINT_ROWS  # unit rows of one indicator in the appendix
APPENDIX_ROWS = printview.APPENDIX_ROWS  # unit rows of all indicators together

# The print view's banner (scripts/report/printview.py), word for word.
ILLUSTRATIVE = ("Số liệu minh họa:", printview.ILLUSTRATIVE)
SAMPLE = "Nội dung mẫu"  # a finding, topic or document of an illustrative program that gives no source
EMPTY = "Chưa có nội dung trong dữ liệu."

PART_RESULTS = "I. KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH"
PART_ASSESSMENT = "II. ĐÁNH GIÁ CHUNG"
PART_LESSONS = "III. " + pages.FINDING_HEADINGS["lesson"].upper()
APPENDIX = "PHỤ LỤC"
RESULT_SECTIONS = (
    "1. " + pages.FINDING_HEADINGS["highlight"],
    "2. Kết quả thực hiện các chỉ tiêu",
    "3. Đổi mới phương thức lãnh đạo, chỉ đạo",
    "4. Tình hình thực hiện các đề án, chương trình, chuyên đề và đề tài khoa học",
)
ASSESSMENT_SECTIONS = tuple(
    f"{n}. {pages.FINDING_HEADINGS[k]}" for n, k in enumerate(("strength", "limitation", "cause"), 1)
)
APPENDIX_SECTIONS = (
    "Phụ lục 1. Số liệu chi tiết theo chỉ tiêu",
    "Phụ lục 2. Kết quả các đề tài khoa học",
    "Phụ lục 3. Văn bản",
)

# Characters XML 1.0 cannot carry, even escaped: left out of the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>")


def part_directions(ds: Dataset) -> str:
    return f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO (SAU {ds.program.end})"


def headings(ds: Dataset) -> list[str]:
    """The section headings of the document, in order (what a reader finds in Word's navigation pane)."""
    causes = ds.findings_of("cause")
    groups = [h for a, h in pages.ASPECT_HEADINGS.items() if _cause_group(causes, a)]
    out = [PART_RESULTS, *RESULT_SECTIONS, PART_ASSESSMENT, *ASSESSMENT_SECTIONS]
    out += [f"{letter}) {h}" for letter, h in zip("abc", groups, strict=False)]
    out += [PART_LESSONS, part_directions(ds), APPENDIX, APPENDIX_SECTIONS[0]]
    out += [f"{i.id}. {i.name}" for i in ds.indicators]
    out += list(APPENDIX_SECTIONS[1:])
    return out


# --- text ------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text a Word document can hold: no control characters."""
    return _NOT_XML.sub("", text)


def plain(markup: str) -> str:
    """Text the site's functions make for a page (escaped, maybe with tags) as plain text."""
    return " ".join(html.unescape(_TAG.sub("", markup)).split())


_CODE = re.compile(r"`+([^`]*)`+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_HELD = 0xF0000  # escaped punctuation waits in a private-use plane while the markers are removed
_HELD_CHAR = re.compile("[\U000f0000-\U000f007f]")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_RULE = re.compile(r"^([-*_])(\s*\1){2,}$")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")


def inline(text: str) -> str:
    """A line of staff Markdown as plain text: emphasis markers, links' targets, tags and escapes gone."""
    text = _ESCAPE.sub(lambda m: chr(_HELD + ord(m.group(1))), text)  # held aside: `\*` is no emphasis
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HELD_CHAR.sub(lambda m: chr(ord(m.group()) - _HELD), text)
    return " ".join(html.unescape(text).split())


def paragraphs(markdown: str) -> list[str]:
    """Staff Markdown as plain paragraphs, one per paragraph, heading or list item.

    Emphasis markers go and the text stays; a bullet ("-", "*", "+") becomes the
    dash ("- ") Vietnamese documents begin a list item with, a numbered item keeps
    its number; a table row becomes its cells separated by "; ".
    """
    out: list[str] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        text = inline(" ".join(current))
        if text:
            out.append(text)
        current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line:
                out.append(line)
            continue
        line = line.lstrip("> ").strip() if line.startswith(">") else line
        if not line or _RULE.match(line):
            flush()
            continue
        if line.startswith("|"):
            flush()
            if not _TABLE_RULE.match(line):
                out.append("; ".join(c for c in (inline(c) for c in line.strip("|").split("|")) if c))
            continue
        heading, bullet, ordered = _HEADING.match(line), _BULLET.match(line), _ORDERED.match(line)
        if heading:
            flush()
            current.append(heading.group(1))
            flush()
        elif bullet:
            flush()
            current.append("- " + bullet.group(1))
        elif ordered:
            flush()
            current.append(f"{ordered.group(1)}. {ordered.group(2)}")
        else:
            current.append(line)
    flush()
    return out


status_text = pages.status_text  # the site's words for a status, without its icon


def figure(value: float | None, measure: str, kind: str = "official") -> Cell:
    """A figure with its mark when it is not official ("85,2%" with "mh" raised), as the site shows it."""
    if value is None:
        return "–"
    shown = plain(fmt.quantity(value, measure))
    return Marked(shown, pages.MARKS[kind][0]) if kind in pages.MARKS else shown


def long_date(d: dt.date) -> str:
    """ "ngày 30 tháng 6 năm 2020": days below 10 and the months 1 and 2 with a leading zero."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def number_suffix(code: str) -> str:
    """The committee's part of a document number ("TU" of "01-CTr/TU"), or dots when the code has none."""
    _, slash, tail = code.rpartition("/")
    return tail.strip() if slash and tail.strip() else "…"


# --- the document ------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """A figure and the mark raised after it ("mh", "ước")."""

    text: str
    mark: str


Cell = str | Marked


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

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
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
        notice = self.ds.program.illustrative
        first = section.first_page_header.paragraphs[0]
        if notice:
            self._notice_line(first)
        number = section.header.paragraphs[0]
        _page_field(number)
        if notice:
            self._notice_line(section.header.add_paragraph())

    def _notice_line(self, p: Paragraph) -> None:
        run(p, ILLUSTRATIVE[0] + " ", bold=True, italic=True, size=SMALL_PT)
        run(p, ILLUSTRATIVE[1], italic=True, size=SMALL_PT)

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


def _cell(value: Cell, width: int, style: str, align: str, bold: bool = False, span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    jc = f'<w:jc w:val="{_JC[align]}"/>' if align in _JC else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{escape(style)}"/>{jc}</w:pPr>{_runs(value, bold)}</w:p></w:tc>'
    )


def _row(cells: Sequence[Cell], columns: Sequence[Column], widths: list[int], style: str, header: bool = False) -> str:
    """A row never split across pages; the header row repeated at the top of every page the table runs onto."""
    props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    body = "".join(
        _cell(value, width, style, col.align, bold=header)
        for value, col, width in zip(cells, columns, widths, strict=True)
    )
    return f"<w:tr>{props}{body}</w:tr>"


def _group_row(text: str, widths: list[int], style: str) -> str:
    """A row across the whole table, in bold, that opens a group of rows."""
    cell = _cell(text, sum(widths), style, "l", bold=True, span=len(widths))
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


# --- the report ----------------------------------------------------------------------


def document(ds: Dataset, r: Results | None = None) -> bytes:
    """The report of `ds` as a .docx, in the Party's document format."""
    r = r or Results(ds)
    w = Writer(ds)
    heading_block(w)
    title(w)
    opening(w)
    results_part(w, r)
    assessment_part(w, r)
    w.heading(PART_LESSONS, 1)
    findings(w, r, ds.findings_of("lesson"))
    w.heading(part_directions(ds), 1)
    findings(w, r, ds.findings_of("direction"))
    closing(w)
    appendix(w, r)
    return w.save(dt.datetime.combine(ds.program.as_of, dt.time()))


def heading_block(w: Writer) -> None:
    """The issuing committee, "*" and the number on the left; the Party's name, place and date on the right."""
    p = w.ds.program
    left, right = w.plain_table((70, TEXT_MM - 70)).rows[0].cells
    lines_left = [
        (p.issuer.upper(), {"bold": True, "size": 14}),
        ("*", {"size": 14}),
        (f"Số{' ' * 8}-BC/{number_suffix(p.code)}", {"size": 14}),
    ]
    lines_right = [
        ("ĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True, "size": 15, "underline": True}),
        ("", {}),
        (f"……, {long_date(p.as_of)}", {"italic": True, "size": 14}),
    ]
    for cell, lines in ((left, lines_left), (right, lines_right)):
        for n, (text, style) in enumerate(lines):
            para = cell.paragraphs[0] if n == 0 else cell.add_paragraph(style=w.cell_style)
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text:
                run(para, text, **style)  # type: ignore[arg-type]


def title(w: Writer) -> None:
    p = w.ds.program
    w.centred("BÁO CÁO", bold=True, size=16, before=18)
    w.centred(f"kết quả thực hiện Chương trình {p.code}", bold=True)
    w.centred(p.title, bold=True)
    w.centred("-----", before=0)
    if p.illustrative:
        notice = w.para()
        run(notice, ILLUSTRATIVE[0] + " ", bold=True)
        run(notice, ILLUSTRATIVE[1])
        notice.paragraph_format.first_line_indent = Mm(0)
        notice.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _box(notice)


def _box(p: Paragraph) -> None:
    """A border round a paragraph."""
    ppr = p._p.get_or_add_pPr()
    box = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for attr, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", "000000")):
            edge.set(qn(attr), value)
        box.append(edge)
    ppr.insert_element_before(box, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")


def opening(w: Writer) -> None:
    p = w.ds.program
    text = f"Chương trình {p.code}"
    if p.adopted:
        text += f" ngày {fmt.date(p.adopted)}"
    text += f" của {p.issuer}" + (f" ({p.term})" if p.term else "")
    text += (
        f" được thực hiện trong giai đoạn {p.start}–{p.end}. Báo cáo này tổng hợp kết quả thực hiện "
        f"chương trình theo số liệu tính đến ngày {fmt.date(p.as_of)}."
    )
    w.para(text)
    w.markdown(p.summary)


def results_part(w: Writer, r: Results) -> None:
    """I. Outstanding results, each target's result, the innovations in leadership, schemes and topics."""
    ds = w.ds
    w.heading(PART_RESULTS, 1)
    w.heading(RESULT_SECTIONS[0], 2)
    findings(w, r, ds.findings_of("highlight"))

    w.heading(RESULT_SECTIONS[1], 2)
    w.caption(plain(pages.status_sentence(ds, r)), italic=False)
    rows: list[Row] = []
    for group, inds in pages.groups(ds):
        rows.append(Group(group))
        for i in inds:
            s = r.status(i.id)
            rows.append([f"{i.id}. {i.name}", plain(pages.target_text(i)), result(i, s), status_text(s)])
    if ds.indicators:
        cols = (Column("Chỉ tiêu", 55), Column("Mục tiêu", 40), Column("Kết quả", 40), Column("Đánh giá", 30))
        w.table(cols, rows)
        legend(w, {r.status(i.id).basis for i in ds.indicators})
    else:
        w.empty("Chưa có chỉ tiêu nào trong dữ liệu.")

    w.heading(RESULT_SECTIONS[2], 2)
    w.markdown(ds.program.innovations)
    documents(w, r)

    w.heading(RESULT_SECTIONS[3], 2)
    tracked(w)
    topics(w)


def result(i: Indicator, s: Status) -> str:
    return plain(pages.result_text(i, s))


def legend(w: Writer, kinds: Iterable[str]) -> None:
    """The line under a table that says what its marks mean (none when it has none)."""
    text = plain(pages.marks_legend(set(kinds)).strip().strip("_"))
    if text:
        w.para(inline(text), italic=True, size=SMALL_PT)


def documents(w: Writer, r: Results) -> None:
    """Each leadership document: what it is, its progress and result, the indicators it drives."""
    ds = w.ds
    if not ds.documents:
        w.empty("Chưa có văn bản nào trong dữ liệu.")
        return
    w.para("Văn bản lãnh đạo, chỉ đạo đã ban hành:", bold=True)
    fields = sorted({d.field for d in ds.documents}, key=lambda f: (f == "", vi_key(f)))
    for field in fields:
        if len(fields) > 1 or field:
            w.para(f"Lĩnh vực: {field}" if field else "Lĩnh vực khác", italic=True)
        for d in (d for d in ds.documents if d.field == field):
            document_entry(w, r, d)


def document_entry(w: Writer, r: Results, d: Doc) -> None:
    ds = w.ds
    p = w.para()
    run(p, f"- {d.number}", bold=True)
    run(p, f" ({pages.DOCUMENT_KIND_LABELS[d.kind]}, {fmt.date(d.date)}): {d.title}")
    if d.issuer:
        run(p, f". Cơ quan ban hành: {d.issuer}")
    sample(w, p, d.source)
    if d.summary:
        w.para(d.summary)
    if d.progress:
        w.labelled("Tiến độ", pages.PROGRESS_LABELS[d.progress])
    if d.result:
        w.markdown(d.result, lead="Kết quả: ")
    drives = r.documents_driving(d.number)
    if drives:
        shown = "; ".join(
            f"{i.id}. {i.name}: {result(i, r.status(i.id))}, {status_text(r.status(i.id))}" for i in drives
        )
        w.labelled("Chỉ tiêu gắn với văn bản", shown)
    named = ds.findings_naming.get(d.number, ())
    if named:
        w.labelled("Được nêu trong báo cáo", "; ".join(finding_name(f) for f in named))
    if d.source:
        w.labelled("Nguồn", d.source, size=SMALL_PT)


def finding_name(f: Finding) -> str:
    return f"{pages.FINDING_NAMES[f.kind]} {f.order}: {f.title}"


def sample(w: Writer, p: Paragraph, source: str) -> None:
    """The "Nội dung mẫu" label of a row of an illustrative program that gives no source."""
    if w.ds.program.illustrative and not source:
        run(p, f" ({SAMPLE})", italic=True)


def tracked(w: Writer) -> None:
    """Schemes, programs, plans and thematic work with their progress and what they achieved."""
    ds = w.ds
    docs = [d for d in ds.documents if d.kind in schema.TRACKED_KINDS and d.number != ds.program.code]
    if not docs:
        w.empty("Chưa có đề án, chương trình, kế hoạch hay chuyên đề nào trong dữ liệu.")
        return
    w.caption("Các đề án, chương trình, kế hoạch, chuyên đề:", italic=False, bold=True)
    rows: list[Row] = [
        [
            d.number,
            pages.DOCUMENT_KIND_LABELS[d.kind],
            d.title + (f" ({SAMPLE})" if ds.program.illustrative and not d.source else ""),
            pages.PROGRESS_LABELS[d.progress] if d.progress else "Chưa cập nhật",
            " ".join(paragraphs(d.result)) if d.result else "Chưa cập nhật",
        ]
        for d in docs
    ]
    cols = (Column("Số hiệu", 25), Column("Loại", 20), Column("Trích yếu", 45), Column("Tiến độ", 25))
    w.table((*cols, Column("Kết quả đến nay", TEXT_MM - 115)), rows)


def topics(w: Writer) -> None:
    """The research topics: how many were accepted, and each one's status and results."""
    ds = w.ds
    accepted = sum(1 for tp in ds.topics if tp.status.startswith("accepted"))
    p = w.para()
    run(p, "Đề tài khoa học: ", bold=True)
    if not ds.topics:
        run(p, "chưa có đề tài trong dữ liệu.")
        return
    run(p, f"{fmt.number(accepted)}/{fmt.number(len(ds.topics))} đề tài đã được nghiệm thu.")
    for tp in ds.topics:
        p = w.para()
        run(p, f"- {tp.id}. {tp.title}", bold=True)
        facts = [tp.lead_agency, pages.TOPIC_STATUS_LABELS[tp.status]]
        if tp.rating:
            facts.append(f"xếp loại {tp.rating}")
        if tp.accepted_on:
            facts.append(f"nghiệm thu ngày {fmt.date(tp.accepted_on)}")
        run(p, f" ({'; '.join(facts)})")
        sample(w, p, tp.source)
        if tp.result_summary:
            w.markdown(tp.result_summary)
        else:
            w.empty("Chưa có tóm tắt kết quả.")


def assessment_part(w: Writer, r: Results) -> None:
    """II. Strengths, limitations with the bodies responsible, causes in their two groups."""
    ds = w.ds
    w.heading(PART_ASSESSMENT, 1)
    for heading, kind in zip(ASSESSMENT_SECTIONS, ("strength", "limitation"), strict=False):
        w.heading(heading, 2)
        findings(w, r, ds.findings_of(kind))
    w.heading(ASSESSMENT_SECTIONS[2], 2)
    causes = ds.findings_of("cause")
    if not causes:
        w.empty()
    letters = iter("abc")
    for aspect, heading in pages.ASPECT_HEADINGS.items():
        items = tuple(f for f in causes if f.aspect == aspect)
        if _cause_group(causes, aspect):
            w.heading(f"{next(letters)}) {heading}", 3)
        if items:
            findings(w, r, items)


def _cause_group(causes: tuple[Finding, ...], aspect: str) -> bool:
    """Whether the causes of `aspect` stand under their own heading (as on the site's assessment page)."""
    items = [f for f in causes if f.aspect == aspect]
    return bool(items) and (bool(aspect) or len(items) < len(causes))


def findings(w: Writer, r: Results, found: tuple[Finding, ...]) -> None:
    """Findings, each with its text, the body responsible, what it rests on and its source."""
    if not found:
        w.empty()
        return
    for f in found:
        p = w.para()
        run(p, f"{f.order}. {f.title}", bold=True)
        sample(w, p, f.source)
        w.markdown(f.text)
        if f.responsible:
            w.labelled("Cơ quan, tổ chức chịu trách nhiệm", f.responsible)
        elif f.kind == "limitation":
            w.labelled("Cơ quan, tổ chức chịu trách nhiệm", "chưa xác định")
        evidence = related(w.ds, r, f)
        if evidence:
            w.labelled("Căn cứ", evidence)
        if f.source:
            w.labelled("Nguồn", f.source, size=SMALL_PT)


def related(ds: Dataset, r: Results, f: Finding) -> str:
    """The items a finding rests on, each indicator with its result and status (the site's "Căn cứ")."""
    out = []
    for item in f.related:
        if item in ds.indicator_by_id:
            i = ds.indicator_by_id[item]
            s = r.status(i.id)
            out.append(f"{i.id}. {i.name} ({result(i, s)}; {status_text(s)})")
        elif item in ds.document_by_number:
            d = ds.document_by_number[item]
            out.append(f"{d.number} ({pages.DOCUMENT_KIND_LABELS[d.kind].lower()})")
        elif item in ds.topic_by_id:
            out.append(f"Đề tài {ds.topic_by_id[item].id}")
    return "; ".join(out)


def closing(w: Writer) -> None:
    """The closing sentence and the signature block, left for staff to complete."""
    p = w.ds.program
    w.para(f"Trên đây là báo cáo kết quả thực hiện Chương trình {p.code}.")
    w.para()
    left, right = w.plain_table((TEXT_MM / 2, TEXT_MM / 2)).rows[0].cells
    run(left.paragraphs[0], "Nơi nhận:", underline=True, size=14)
    for text in ("- …,", "- Lưu …."):
        run(left.add_paragraph(style=w.cell_style), text, size=SMALL_PT)
    right.paragraphs[0].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(right.paragraphs[0], "T/M …", bold=True, size=14)
    for text in ("", "", "", "……"):
        para = right.add_paragraph(style=w.cell_style)
        para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            run(para, text, bold=True, size=14)


# --- the appendix ------------------------------------------------------------------------


def appendix(w: Writer, r: Results) -> None:
    ds = w.ds
    head = w.heading(APPENDIX, 1)
    head.paragraph_format.page_break_before = True
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.first_line_indent = Mm(0)
    w.heading(APPENDIX_SECTIONS[0], 2)
    if not ds.indicators:
        w.empty("Chưa có chỉ tiêu nào trong dữ liệu.")
    per = max(5, min(UNIT_ROWS, APPENDIX_ROWS // max(1, len(ds.indicators))))
    left = APPENDIX_ROWS
    for ind in ds.indicators:
        left -= indicator_appendix(w, r, ind, min(per, left))
    w.heading(APPENDIX_SECTIONS[1], 2)
    topics_table(w)
    w.heading(APPENDIX_SECTIONS[2], 2)
    documents_table(w)


def indicator_appendix(w: Writer, r: Results, ind: Indicator, limit: int) -> int:
    """An indicator's whole series and its units' latest values (at most `limit` rows); the rows it used."""
    ds = w.ds
    root = ds.root
    s = r.status(ind.id)
    w.heading(f"{ind.id}. {ind.name}", 3)
    w.para(
        f"Đơn vị tính: {ind.measure}. Mục tiêu: {plain(pages.target_text(ind))}. "
        f"Kết quả của {root.name}: {result(ind, s)}. Đánh giá: {status_text(s)}."
    )
    series(w, r, ind)
    reported = {v.unit for v in ds.values_by_indicator.get(ind.id, ()) if v.value is not None}
    units = [(u, d) for u, d in r.tree if d > 0 and u.code in reported]
    if not units:
        return 0
    shown = units[:limit]
    w.caption(f"Số liệu mới nhất của các đơn vị ({fmt.number(len(units))} đơn vị có số liệu):")
    rows: list[Row] = []
    kinds = set()
    for unit, depth in shown:
        latest = r.latest(ind.id, unit.code)
        assert latest is not None
        kinds.add(latest.status)
        row: list[Cell] = [
            "\u2003" * (depth - 1) + unit.name,
            latest.period.short,
            figure(latest.value, ind.measure, latest.status),
        ]
        if ind.is_percent:
            row.append(status_text(r.unit_status(ind, unit.code)))
        rows.append(row)
    if rows:
        cols = [Column("Đơn vị", 75), Column("Kỳ", 30, "c"), Column("Giá trị", 30, "r")]
        if ind.is_percent:
            cols.append(Column("Đánh giá", 30))
        else:
            cols[0] = Column("Đơn vị", 105)
        w.table(cols, rows)
        legend(w, kinds)
    if len(shown) < len(units):
        csv = pages.download_path(pages.appendix_path(ind), "bang") + ".csv"
        w.para(
            f"Bảng trên có số liệu của {fmt.number(len(shown))} trong {fmt.number(len(units))} đơn vị. "
            f"Số liệu của mọi đơn vị ở trang “Phụ lục {ind.id}” của trang tra cứu và trong tệp {csv}.",
            italic=True,
            size=SMALL_PT,
        )
    return len(shown)


def series(w: Writer, r: Results, ind: Indicator) -> None:
    """The whole's (root unit's) value of every period, and the running sum of a cumulative target."""
    ds = w.ds
    values = r.values(ind.id, ds.root.code)
    if not values:
        w.para(f"{ds.root.name} chưa có số liệu của chỉ tiêu này.", italic=True)
        return
    first = max(0, len(values) - UNIT_ROWS)  # the latest periods, when there are more than a table holds
    cumulative = ind.target_type == "cumulative"
    w.caption(f"Số liệu của {ds.root.name} qua các kỳ:")
    rows: list[Row] = []
    running, kinds = 0.0, set()
    by_period = {v.period: v for v in values}
    periods: list[Period] = [v.period for v in values]
    for n, v in enumerate(values):
        running += v.value or 0.0
        if n < first:
            continue
        row: list[Cell] = [v.period.label, figure(v.value, ind.measure, v.status)]
        if v.value is not None:
            kinds.add(v.status)
        if cumulative:
            upto = pages.weakest_upto(by_period, periods, v.period)
            row.append(figure(running if v.value is not None else None, ind.measure, upto))
        rows.append(row)
    cols = [Column("Kỳ", 45), Column("Giá trị", 55, "r")]
    w.table([*cols, Column("Lũy kế", 55, "r")] if cumulative else cols, rows)
    legend(w, kinds)
    if first:
        shown = len(values) - first
        w.para(f"Bảng trên có {fmt.number(shown)} kỳ gần nhất trong {fmt.number(len(values))} kỳ.", italic=True)


def topics_table(w: Writer) -> None:
    ds = w.ds
    if not ds.topics:
        w.empty("Chưa có đề tài trong dữ liệu.")
        return
    rows: list[Row] = []
    for n, tp in enumerate(ds.topics, 1):
        status = pages.TOPIC_STATUS_LABELS[tp.status] + (f"; xếp loại {tp.rating}" if tp.rating else "")
        if tp.accepted_on:
            status += f"; {fmt.date(tp.accepted_on)}"
        name = f"{tp.id}. {tp.title}" + (f" ({SAMPLE})" if ds.program.illustrative and not tp.source else "")
        summary = " ".join(paragraphs(tp.result_summary)) or "Chưa có tóm tắt kết quả."
        rows.append([fmt.number(n), name, tp.lead_agency, status, summary])
    cols = (Column("TT", 10, "c"), Column("Đề tài", 45), Column("Cơ quan chủ trì", 30), Column("Tình trạng", 30))
    w.table((*cols, Column("Kết quả nghiên cứu", TEXT_MM - 115)), rows)


def documents_table(w: Writer) -> None:
    ds = w.ds
    if not ds.documents:
        w.empty("Chưa có văn bản nào trong dữ liệu.")
        return
    rows: list[Row] = [
        [
            fmt.number(n),
            d.number,
            pages.DOCUMENT_KIND_LABELS[d.kind],
            fmt.date(d.date),
            d.title + (f" ({SAMPLE})" if ds.program.illustrative and not d.source else ""),
            d.issuer,
        ]
        for n, d in enumerate(ds.documents, 1)
    ]
    cols = (Column("TT", 10, "c"), Column("Số hiệu", 25), Column("Loại", 20), Column("Ngày", 25, "c"))
    w.table((*cols, Column("Trích yếu", 55), Column("Cơ quan ban hành", TEXT_MM - 135)), rows)
