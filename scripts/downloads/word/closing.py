"""The closing sentence and the signature block ("Nơi nhận", "T/M …"), left for staff to complete."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.downloads.word.writer import SMALL_PT, TEXT_MM, Writer, run


def signature(w: Writer) -> None:
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
