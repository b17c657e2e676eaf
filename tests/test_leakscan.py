"""The leak scanner finds a string in every form and container a site's output can hold it in.

Without this, a scan that reads nothing would pass the leak test.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from leakscan import scan
from openpyxl import Workbook

MARKER = "MẬT-QZXV-7431"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _xlsx(cell: str) -> bytes:
    wb = Workbook()
    wb.active.append(["Chỉ tiêu", cell])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx(halves: tuple[str, str]) -> bytes:
    """A Word document whose one word is split across two runs, as Word does after an edit."""
    from docx import Document

    doc = Document()
    p = doc.add_paragraph()
    for half in halves:
        p.add_run(half)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _pdf(text: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure()
        fig.text(0.1, 0.5, text)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
        plt.close(fig)
    return buf.getvalue()


FORMS = {
    "plain.html": MARKER.encode(),
    "entities.html": "MẬT&#45;QZXV&#x2d;7431".encode(),
    "decomposed.txt": unicodedata.normalize("NFD", MARKER).encode(),
    "folded.json": json.dumps({"t": "mat qzxv 7431"}).encode(),
    "escaped.json": json.dumps({"t": MARKER}, ensure_ascii=True).encode(),
    "percent.xml": b"<loc>chi-tieu/M%E1%BA%ACT-QZXV-7431.html</loc>",
    "utf16.csv": MARKER.encode("utf-16"),
    "bom.csv": b"\xef\xbb\xbf" + MARKER.encode(),
    "nested.zip": _zip({"data/inner.zip": _zip({"values.csv": f"x,{MARKER}".encode()})}),
    "book.xlsx": _xlsx(MARKER),
    "report.docx": _docx((MARKER[:6], MARKER[6:])),
    "sitemap.xml.gz": gzip.compress(MARKER.encode()),
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00tEXt" + MARKER.encode() + b"\x00\xff\xfe",
}


def test_every_form_is_found(tmp_path: Path) -> None:
    for name, data in FORMS.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "clean.html").write_text("Không có gì ở đây: mật, 7431.", encoding="utf-8")
    result = scan(tmp_path, [MARKER])
    found = {h.path.split("!")[0] for h in result.hits}
    assert found == set(FORMS)
    assert "nested.zip!data/inner.zip!values.csv" in result.found(MARKER)
    assert "book.xlsx!xl/worksheets/sheet1.xml" in result.found(MARKER)
    assert "sitemap.xml.gz!gunzip" in result.found(MARKER)
    assert result.found(MARKER).count("report.docx!word/document.xml!text") == 1  # the runs joined


def test_a_number_is_found_formatted_or_not(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("Giá trị: 97.531.864 người", encoding="utf-8")
    (tmp_path / "b.csv").write_text("QZ1,BL,2022-Q1,97531864\n", encoding="utf-8")
    result = scan(tmp_path, ["97.531.864", "97531864"])
    assert result.found("97.531.864") == ["a.html"]
    assert result.found("97531864") == ["b.csv"]


def test_the_text_of_a_pdf_is_read(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(_pdf(f"Báo cáo {MARKER}"))
    result = scan(tmp_path, [MARKER])
    if shutil.which("pdftotext") is None:
        assert result.skipped == [
            "report.pdf: PDF text not read (pdftotext is not installed; apt-get install poppler-utils)"
        ]
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils): the PDF's text cannot be read")
    assert result.found(MARKER) == ["report.pdf!text"]


def test_exact_mode_compares_text_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text('"assets/javascripts/workers/search.js"', encoding="utf-8")
    (tmp_path / "b.html").write_text("dựng từ /work/project/data", encoding="utf-8")
    result = scan(tmp_path, ["/work/project"], exact=True)
    assert result.found("/work/project") == ["b.html"]
