"""The first page: the heading block, the title, the notice of an illustrative program, the opening paragraph."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from scripts.downloads.word.text import long_date, number_suffix
from scripts.downloads.word.writer import ILLUSTRATIVE, TEXT_MM, Writer, run
from scripts.report import fmt

PLACE_UNSET = "……"  # the place before the date, for staff to fill when program.yml gives no `place`


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
        (f"{p.place or PLACE_UNSET}, {long_date(p.as_of)}", {"italic": True, "size": 14}),
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
    """What the program is and the date its figures are reported at; then its summary."""
    p = w.ds.program
    text = f"Chương trình {p.code}"
    if p.adopted:
        text += f" ngày {fmt.date(p.adopted)}"
    text += f" của {p.issuer}" + (f", {p.term}," if p.term else "")
    text += (
        f" được thực hiện trong giai đoạn {p.start}–{p.end}. Báo cáo này tổng hợp kết quả thực hiện "
        f"chương trình theo số liệu tính đến ngày {fmt.date(p.as_of)}."
    )
    w.para(text)
    w.markdown(p.summary)
