"""The print view: the whole report in the report's order, on A4, with its charts; printed to PDF by Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page

from scripts.report import printview

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_the_print_view_prints_on_a4_with_a_break_before_each_part(page: Page, served: str) -> None:
    page.goto(served + "ban-in.html")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(".print-break", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page"] * (len(printview.PARTS) - 1)
    hidden = page.eval_on_selector_all(
        ".md-header, .md-sidebar, .md-footer, .downloads, .table-filter",
        "els => els.every(e => getComputedStyle(e).display === 'none')",
    )
    assert hidden
    loaded = page.eval_on_selector_all("figure.chart img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    assert loaded and all(loaded)


def test_the_pdf_is_made_by_chromium(built_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "ban-in.pdf"
    code = (
        "from pathlib import Path; from scripts.report import printview; "
        f"printview.write_pdf(Path({str(built_sample)!r}), Path({str(out)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=300)  # as the build runs it
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)  # A4, in points
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) > len(printview.PARTS)
