"""axe-core finds no serious or critical violation on any kind of page, on a desktop and on a phone,
and not even a moderate one on a page made from the data.

Also: charts have alt text, status is told by an icon and a word, and the keyboard reaches what the mouse does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser.drive import axe
from scripts.data.validate import load_dataset

pytestmark = pytest.mark.browser

DS = load_dataset(Path(__file__).resolve().parents[2] / "data")
UNIT = next(u for u in DS.units if u.parent is not None)
KINDS = {
    "home": "index.html",
    "program": "chuong-trinh.html",
    "indicators index": "chi-tieu/index.html",
    "indicator": f"chi-tieu/{DS.indicators[0].slug}.html",
    "units index": "don-vi/index.html",
    "unit": f"don-vi/{UNIT.slug}.html",
    "topics index": "de-tai/index.html",
    "topic": f"de-tai/{DS.topics[0].slug}.html",
    "assessment": "danh-gia.html",
    "directions": "phuong-huong.html",
    "milestones": "moc-thoi-gian.html",
    "appendix index": "phu-luc/index.html",
    "appendix": f"phu-luc/{DS.indicators[0].slug}.html",
    "about data": "du-lieu.html",
    "guide": "huong-dan.html",
    "print view": "ban-in.html",
    "results": "ket-qua.html",
    "changes": "thay-doi/index.html",
    "not found": "404.html",
}
BLOCKING = ("serious", "critical")
# Pages made from the data: not even a moderate issue (hand-written pages answer to their authors).
GENERATED = [k for k in KINDS if k not in ("home", "about data", "guide", "not found")]
# Known, left to the page code (scripts/report/pages.py): a heading level skipped on the topics' pages
# (cards as h3 under the h1; a topic's own "##" headings demoted to h3 when it has no summary). Strict:
# once fixed, these pass and must be taken off this list.
HEADING_LEVEL_SKIPPED: set[str] = set()  # kinds of page whose headings skip a level (none now)


def blocking(violations: list[dict[str, object]]) -> list[dict[str, object]]:
    return [v for v in violations if v["impact"] in BLOCKING]


def at_least_moderate(violations: list[dict[str, object]]) -> list[dict[str, object]]:
    return [v for v in violations if v["impact"] in (*BLOCKING, "moderate")]


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_serious_violation_on_a_desktop(page: Page, served: str, kind: str) -> None:
    page.goto(served + KINDS[kind])
    assert blocking(axe(page)) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_serious_violation_on_a_phone(page: Page, served: str, kind: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served + KINDS[kind])
    assert blocking(axe(page)) == []


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="heading-order: scripts/report/pages.py"))
        if k in HEADING_LEVEL_SKIPPED
        else k
        for k in GENERATED
    ],
)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_moderate_violation_on_a_generated_page(page: Page, served: str, kind: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(served + KINDS[kind])
    assert at_least_moderate(axe(page)) == []


def test_no_serious_violation_with_search_results_open(page: Page, served: str) -> None:
    page.goto(served + "index.html")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("dang vien zzzq", delay=5)
    page.locator(".md-search-result__meta").filter(has_text="phù hợp").wait_for()
    assert blocking(axe(page)) == []


def test_every_chart_has_alt_text_and_a_table_after_it(page: Page, served: str) -> None:
    page.goto(served + KINDS["indicator"])
    charts = page.eval_on_selector_all(
        "figure.chart",
        """figs => figs.map(f => {
            let n = f.nextElementSibling;
            while (n && !n.querySelector('table') && n.tagName !== 'TABLE') n = n.nextElementSibling;
            return {alt: f.querySelector('img').alt, table: !!n};
        })""",
    )
    assert charts and all(c["alt"].startswith("Biểu đồ") and c["table"] for c in charts)


def test_status_is_told_by_icon_and_word_not_colour_alone(page: Page, served: str) -> None:
    page.goto(served + KINDS["indicators index"])
    labels = page.eval_on_selector_all(".status", "els => els.map(e => e.textContent.trim())")
    assert labels and all(len(label.split(" ", 1)) == 2 and label.split(" ", 1)[1] for label in labels)


def test_the_keyboard_skips_to_content_sorts_a_table_and_reaches_a_filter(page: Page, served: str) -> None:
    page.goto(served + KINDS["indicators index"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    button = page.locator("th button.sort").first
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("th[aria-sort]").first.get_attribute("aria-sort") == "ascending"
    page.locator(".table-filter select").first.focus()
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
