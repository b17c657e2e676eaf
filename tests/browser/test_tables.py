"""Tables people can work with: sorted by any column (1.234,5 as a number), filtered when long, scrolled on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from scripts.data.textutil import fold, parse_number
from scripts.data.validate import load_dataset

pytestmark = pytest.mark.browser

DS = load_dataset(Path(__file__).resolve().parents[2] / "data")
INDICATOR = f"chi-tieu/{DS.indicators[0].slug}.html"
SITE_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "site.js"


def column(page: Page, table: int, col: int) -> list[str]:
    return page.eval_on_selector_all(
        f".md-typeset table >> nth={table}",
        f"ts => [...ts[0].tBodies[0].rows].filter(r => !r.hidden).map(r => r.children[{col}].textContent.trim())",
    )


def numbers(texts: list[str]) -> list[float]:
    out = []
    for t in texts:
        x = parse_number(t.split()[0], "vi")  # a mark ("mh", "ước") follows after a no-break space
        assert x is not None, t
        out.append(x)
    return out


def table_index(page: Page, header: str) -> int:
    heads = page.eval_on_selector_all(
        ".md-typeset table", "ts => ts.map(t => [...t.querySelectorAll('thead th')].map(h => h.textContent.trim()))"
    )
    return next(i for i, h in enumerate(heads) if any(x.startswith(header) for x in h))


def test_a_column_of_vietnamese_numbers_sorts_as_numbers(page: Page, served: str) -> None:
    page.goto(served + INDICATOR)
    n = table_index(page, "Hạng")
    page.locator(".md-typeset table").nth(n).locator("th button.sort", has_text="Giá trị").click()
    ascending = numbers(column(page, n, 2))
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    page.locator(".md-typeset table").nth(n).locator("th button.sort", has_text="Giá trị").click()
    assert numbers(column(page, n, 2)) == sorted(ascending, reverse=True)
    assert page.locator(".md-typeset table").nth(n).locator("th[aria-sort]").get_attribute("aria-sort") == "descending"


def test_a_text_column_sorts_in_vietnamese_order(page: Page, served: str) -> None:
    page.goto(served + "don-vi/index.html")
    page.locator("th button.sort", has_text="Mã").click()
    codes = column(page, 0, 1)
    assert codes == sorted(codes, key=lambda c: c.lower())


def test_a_long_table_filters_by_text_typed_without_tone_marks(page: Page, served: str) -> None:
    unit = next(u for u in DS.units if u.parent is not None and fold(u.name) != u.name.lower())
    page.goto(served + INDICATOR)
    n = table_index(page, "Loại số liệu")
    box = page.locator(".table-filter input[type=search]").last
    box.fill(fold(unit.name))
    shown = column(page, n, 0)
    assert shown and all(unit.name in s for s in shown)
    total = len(page.eval_on_selector_all(f".md-typeset table >> nth={n}", "ts => [...ts[0].tBodies[0].rows]"))
    assert page.locator(".table-filter__count").last.inner_text() == f"Hiển thị {len(shown)}/{total} dòng"


def test_the_column_filter_keeps_only_matching_rows(page: Page, served: str) -> None:
    page.goto(served + "chi-tieu/index.html")
    select = page.locator(".table-filter select").first
    group = DS.indicators[-1].group
    select.select_option(group)
    n = table_index(page, "Nhóm")
    assert set(column(page, n, 0)) == {group}


@pytest.mark.parametrize("path", [INDICATOR, "phu-luc/index.html", f"phu-luc/{DS.indicators[0].slug}.html"])
def test_on_a_phone_wide_tables_scroll_inside_the_page(page: Page, served: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = page.eval_on_selector_all(
        ".md-typeset__scrollwrap", "ws => ws.filter(w => w.scrollWidth > w.clientWidth).map(w => w.tabIndex)"
    )
    assert wide and all(t == 0 for t in wide)  # scrolls, and the keyboard can reach it to scroll


def test_vietnamese_numbers_sort_by_value_and_cells_without_one_go_last(page: Page) -> None:
    cells = ["1.234,5", "Chưa có số liệu", "85,2%", "–", "-3 người", "12", "2.000"]
    rows = "".join(f"<tr><td>{c}</td></tr>" for c in cells)
    head = "<thead><tr><th>Giá trị</th></tr></thead>"
    page.set_content(f'<div class="md-typeset"><table>{head}<tbody>{rows}</tbody></table></div>')
    page.add_script_tag(path=str(SITE_JS))
    page.locator("th button.sort").click()
    assert column(page, 0, 0) == ["-3 người", "12", "85,2%", "1.234,5", "2.000", "Chưa có số liệu", "–"]
    page.locator("th button.sort").click()
    assert column(page, 0, 0) == ["2.000", "1.234,5", "85,2%", "12", "-3 người", "Chưa có số liệu", "–"]
