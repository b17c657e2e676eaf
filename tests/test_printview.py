"""The print view's content: every part in the report's order, links that work from its place."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from scripts.data.validate import load_dataset
from scripts.report import printview
from scripts.report.pages import render

ROOT = Path(__file__).resolve().parent.parent


def test_parts_come_in_the_report_order(built_sample: Path) -> None:
    text = (built_sample / "ban-in.html").read_text(encoding="utf-8")
    heads = [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", text)]
    firsts = ["Kết quả thực hiện Chương trình", "Đề tài khoa học", "Đánh giá chung", "Phương hướng", "Phụ lục số liệu"]
    positions = [next(i for i, h in enumerate(heads) if h.startswith(f)) for f in firsts]
    assert heads[0] == "Chương trình 01-CTr/TU"
    assert positions == sorted(positions)
    assert text.count('class="print-break"') == len(printview.PARTS) - 1


def test_links_and_images_are_rewritten_for_the_print_page() -> None:
    md = "![a](../assets/charts/x.svg) [b](../don-vi/hn.md#k) [c](ct02.md) [d](https://example.org/x)"
    assert printview.relink(md, "chi-tieu/ct01.md") == (
        "![a](assets/charts/x.svg) [b](don-vi/hn.md#k) [c](chi-tieu/ct02.md) [d](https://example.org/x)"
    )


def test_the_full_values_table_is_left_to_the_appendix() -> None:
    ds = load_dataset(ROOT / "data")
    md = printview.page(ds, render(ds)).body
    assert "Bảng số liệu đầy đủ" not in md
    assert md.count("# Phụ lục: ") == len(ds.indicators)


def test_sections_are_dropped_by_heading_only() -> None:
    md = "# T\n\n## Keep\n\nx\n\n## Bảng số liệu đầy đủ\n\ny\n\n### sub\n\nz\n\n## After\n\nw"
    assert printview.without_sections(md) == "# T\n\n## Keep\n\nx\n\n## After\n\nw"


def test_the_pdf_is_linked_only_when_asked_for() -> None:
    ds = load_dataset(ROOT / "data")
    assert printview.PDF not in printview.page(ds, render(ds)).body
    assert f'href="{printview.PDF}"' in printview.page(ds, render(ds), pdf=True).body


def test_a_long_table_is_cut_on_paper_with_a_link_to_the_whole() -> None:
    table = "| A |\n|---|\n" + "".join(f"| {n} |\n" for n in range(5))
    md = f"Trước\n\n{table}\nSau"
    cut = printview.shorten_tables(md, "phu-luc/a1.md", limit=3)
    assert cut == (
        "Trước\n\n| A |\n|---|\n| 0 |\n| 1 |\n| 2 |\n\n"
        "_… và 2 dòng nữa: bảng đầy đủ ở [trang web](a1.md) và trong tệp tải về._\n\nSau"
    )
    assert printview.shorten_tables(md, "phu-luc/a1.md", limit=5) == md


def test_a_long_list_of_an_appendix_is_cut_on_paper_with_a_link_to_the_whole() -> None:
    notes = "## Ghi chú và nguồn\n\n" + "".join(f"- Xã {n}, Q1/2021: Nguồn: báo cáo {n}\n" for n in range(5))
    md = f"{notes}\nSau"
    cut = printview.shorten_tables(md, "phu-luc/a1.md", limit=3, lists=True)
    assert cut == (
        "## Ghi chú và nguồn\n\n- Xã 0, Q1/2021: Nguồn: báo cáo 0\n- Xã 1, Q1/2021: Nguồn: báo cáo 1\n"
        "- Xã 2, Q1/2021: Nguồn: báo cáo 2\n\n_… và 2 ghi chú nữa: đầy đủ ở [trang web](a1.md)._\n\nSau"
    )
    assert printview.shorten_tables(md, "phu-luc/a1.md", limit=3) == md  # the lists of other pages stay whole
    assert printview.shorten_tables(md, "phu-luc/a1.md", limit=5, lists=True) == md


def test_the_tables_of_the_indicator_pages_share_a_bound_on_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print view grows with the indicators, not with units × indicators: each indicator's tables get
    their share of INDICATOR_ROWS (at most PRINT_ROWS)."""
    ds = load_dataset(ROOT / "data")
    whole = printview.page(ds, render(ds)).body
    assert "](chi-tieu/ct01.md) và trong tệp tải về._" not in whole  # 30 districts: within PRINT_ROWS
    monkeypatch.setattr(printview, "INDICATOR_ROWS", 5 * len(ds.indicators))
    cut = printview.page(ds, render(ds)).body
    assert "_… và 25 dòng nữa: bảng đầy đủ ở [trang web](chi-tieu/ct01.md) và trong tệp tải về._" in cut
