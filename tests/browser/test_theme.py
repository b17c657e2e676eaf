"""The site in Vietnamese through and through, easy to find one's way in, and readable on a phone.

- The theme's own words are Vietnamese (no "Search", "Skip to content", "Back to top", "Made with …").
- A missing address gets a Vietnamese 404 page that works from the disk and deep under a sub-path.
- Anchors of headings that start with Đ start with d (people type them without tone marks).
- A page kept out of the menu (indicator, unit, topic, appendix table) lights its section and shows
  breadcrumbs back up.
- On a 390 px phone the page never scrolls sideways; two-column tables fit; wide tables scroll inside.
- Sort buttons are named after their column; text columns sort in Vietnamese order.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize

from browser.conftest import SUB_PATH
from browser.drive import axe
from scripts.data.textutil import vi_key
from scripts.data.validate import load_dataset

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DS = load_dataset(ROOT / "data")
UNIT = next(u for u in DS.units if u.parent is not None)
INDICATOR = f"chi-tieu/{DS.indicators[0].slug}.html"
SITE_JS = ROOT / "docs" / "assets" / "site.js"
PHONE: ViewportSize = {"width": 390, "height": 844}
# The theme's English, as its en.html words it, that a reader could meet on a page of this site.
ENGLISH = [
    "Skip to content",
    "Back to top",
    "Search",
    "Clear",
    "Share",
    "Initializing search",
    "Type to start searching",
    "No matching documents",
    "matching document",
    "more on this page",
    "Table of contents",
    "Navigation",
    "Header",
    "Footer",
    "Copy to clipboard",
    "Made with",
    "Material for MkDocs",
]
# Pages kept out of the menu, and the page of the menu each belongs to.
DETAIL_PAGES = {
    "indicator": (INDICATOR, "chi-tieu/index.html", "Chỉ tiêu"),
    "unit": (f"don-vi/{UNIT.slug}.html", "don-vi/index.html", "Đơn vị"),
    "topic": (f"de-tai/{DS.topics[0].slug}.html", "de-tai/index.html", "Đề tài khoa học"),
    "appendix": (f"phu-luc/{DS.indicators[0].slug}.html", "phu-luc/index.html", "Phụ lục"),
}


def words_shown(page: Page) -> str:
    """The page's visible text and the names and hints its controls carry."""
    return page.evaluate(
        """() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')]
            .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a) || ''))].join('\\n')"""
    )


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"\b{re.escape(w)}\b", text)]


# --- the theme's words ---------------------------------------------------------


def test_the_home_page_has_no_english_theme_words(page: Page, served: str) -> None:
    page.goto(served + "index.html")
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Tìm kiếm"
    assert page.locator("a.md-skip").inner_text().strip() == "Chuyển đến nội dung chính"
    assert page.locator("button.md-top").inner_text().strip() == "Lên đầu trang"
    assert page.locator('button.md-search__icon[type="reset"]').get_attribute("aria-label") == "Xóa"
    page.locator("input.md-search__input").click()  # the search box opens and says what to do
    assert page.locator(".md-search-result__meta").inner_text().strip() in (
        "Gõ từ cần tìm, có dấu hoặc không dấu",
        "Đang khởi tạo tìm kiếm",
    )
    assert english_in(words_shown(page)) == []


def test_search_results_are_counted_in_vietnamese(page: Page, served: str) -> None:
    page.goto(served + "index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("dang vien", delay=5)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="phù hợp").wait_for()
    assert re.fullmatch(r"\d+ trang phù hợp", meta.inner_text().strip())
    page.locator("input.md-search__input").fill("")
    page.locator("input.md-search__input").press_sequentially("zzzqqq", delay=5)
    meta.filter(has_text="Không tìm thấy").wait_for()
    assert meta.inner_text().strip() == "Không tìm thấy trang nào phù hợp"


def test_the_footer_names_the_contact_and_not_the_generator(page: Page, served: str) -> None:
    page.goto(served + "du-lieu.html")
    footer = page.locator(".md-footer").inner_text()
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    assert f"Liên hệ: {DS.program.contact}" in " ".join(footer.split())


# --- the 404 page ----------------------------------------------------------------


class _NotFound(SimpleHTTPRequestHandler):
    """A static server that answers a missing address with the site's own 404 page, as nginx's `error_page`."""

    site: Path

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served_with_404(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample under a sub-path, on a server that sends the site's 404 page for a missing address."""
    root = tmp_path_factory.mktemp("www404")
    site = root / SUB_PATH.strip("/")
    shutil.copytree(built_sample, site)
    handler = type("Handler", (_NotFound,), {"site": site})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()


def styled(page: Page) -> bool:
    """The theme's stylesheet was found: its header is sticky, not a plain block."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


@pytest.mark.parametrize("missing", ["khong-co.html", "chi-tieu/khong-co.html", "don-vi/a/b/khong-co.html"])
def test_a_missing_address_gets_a_vietnamese_404_page_that_finds_the_site(
    page: Page, served_with_404: str, missing: str
) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(served_with_404 + missing)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert page.title().startswith("Không tìm thấy trang")
    assert english_in(words_shown(page)) == []
    assert styled(page)
    home = page.locator("article a", has_text="Về trang chủ")
    assert home.evaluate("a => a.href") == served_with_404 + "index.html"
    # Every stylesheet and script the page uses was found. (Chromium's preload scanner may first guess a
    # few of them relative to the missing address, before the page's base is set: those misses are harmless.)
    used = page.eval_on_selector_all("link[rel=stylesheet], script[src]", "es => es.map(e => e.href || e.src)")
    assert used and [u for u in used if u in failed] == []
    home.click()
    assert page.url == served_with_404 + "index.html"


def test_search_works_on_the_404_page_deep_under_the_sub_path(page: Page, served_with_404: str) -> None:
    page.goto(served_with_404 + "don-vi/a/b/khong-co.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("dang vien", delay=5)
    page.locator(".md-search-result__meta").filter(has_text="trang phù hợp").wait_for()
    hits = page.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.href)")
    assert hits and all(h.startswith(served_with_404) and "/don-vi/a/" not in h for h in hits)


def test_the_404_page_works_opened_from_the_disk(page: Page, file_base: str) -> None:
    page.goto(file_base + "404.html")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert styled(page)
    assert page.locator("article a", has_text="Về trang chủ").evaluate("a => a.href") == file_base + "index.html"


# --- anchors ---------------------------------------------------------------------


def test_anchors_of_headings_starting_with_d_start_with_d(page: Page, served: str) -> None:
    found = []
    for path in ("chuong-trinh.html", "ket-qua.html", "de-tai/index.html", "danh-gia.html", "du-lieu.html"):
        page.goto(served + path)
        found += page.eval_on_selector_all(
            "article h2[id], article h3[id], article h4[id]",
            "hs => hs.filter(h => /^[ĐđDd]/.test(h.textContent.trim())).map(h => [h.textContent.trim(), h.id])",
        )
    assert any(text.startswith("Đ") for text, _ in found)  # the sample has such headings
    assert [(text, anchor) for text, anchor in found if not anchor.startswith("d")] == []


# --- where a page belongs ----------------------------------------------------------


@pytest.mark.parametrize("kind", list(DETAIL_PAGES))
def test_a_detail_page_shows_breadcrumbs_and_lights_its_section(page: Page, served: str, kind: str) -> None:
    path, parent, parent_title = DETAIL_PAGES[kind]
    page.goto(served + path)
    crumbs = page.locator("nav.breadcrumbs")
    assert crumbs.get_attribute("aria-label") == "Vị trí trang"
    links = crumbs.locator("a")
    assert links.all_inner_texts() == ["Trang chủ", parent_title]
    assert [a.evaluate("a => a.href") for a in links.all()] == [served + "index.html", served + parent]
    here = crumbs.locator('[aria-current="page"]').inner_text()
    assert here and page.title().startswith(here)  # the page's own title, last, not a link
    lit = page.locator(".md-nav--primary li.md-nav__item--active > a.md-nav__link")
    assert [a.evaluate("a => a.href") for a in lit.all()] == [served + parent]
    links.nth(1).click()
    assert page.url == served + parent


def test_pages_of_the_menu_have_no_breadcrumbs(page: Page, served: str) -> None:
    page.goto(served + "chi-tieu/index.html")
    assert page.locator("nav.breadcrumbs").count() == 0


def test_the_menu_has_three_groups(page: Page, served: str) -> None:
    page.goto(served + "index.html")
    groups = page.eval_on_selector_all(
        ".md-nav--primary > .md-nav__list > .md-nav__item--section > .md-nav__link",
        "ls => ls.map(l => l.textContent.trim())",
    )
    assert groups == ["Báo cáo", "Tra cứu", "Dành cho cán bộ"]
    assert page.locator("a.md-header__button.md-logo").evaluate("a => a.href") == served + "index.html"


# --- phones ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["index.html", INDICATOR, f"don-vi/{UNIT.slug}.html", f"de-tai/{DS.topics[0].slug}.html", "ket-qua.html"]
)
def test_no_sideways_page_scroll_on_a_phone(page: Page, served: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(served + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("path", [INDICATOR, f"de-tai/{DS.topics[0].slug}.html", "chuong-trinh.html"])
def test_two_column_tables_fit_a_phone(page: Page, served: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(served + path)
    two = page.eval_on_selector_all(
        ".md-typeset__scrollwrap",
        """ws => ws.filter(w => w.querySelectorAll('thead th').length === 2)
                .map(w => [w.querySelector('thead').textContent.trim(), w.scrollWidth - w.clientWidth])""",
    )
    assert two  # the page has such a table ("Thông tin | Nội dung", "Tóm tắt | Kết quả")
    assert [head for head, overflow in two if overflow > 0] == []


def test_a_wide_table_on_a_phone_scrolls_to_its_last_column(page: Page, served: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(served + f"don-vi/{UNIT.slug}.html")
    cut = page.eval_on_selector_all(
        ".md-typeset__scrollwrap",
        """ws => ws.filter(w => w.scrollWidth > w.clientWidth).map(w => {
            w.scrollLeft = w.scrollWidth;
            const last = w.querySelector('thead th:last-child').getBoundingClientRect();
            return Math.round(last.right - w.getBoundingClientRect().right);
        })""",
    )
    assert cut and all(c <= 0 for c in cut)  # some table scrolls, and each shows its last column at the end


# --- tables ------------------------------------------------------------------------


def test_sort_buttons_are_named_after_their_column(page: Page, served: str) -> None:
    page.goto(served + "chi-tieu/index.html")
    names = page.eval_on_selector_all(
        "th button.sort", "bs => bs.map(b => [b.textContent.trim(), b.getAttribute('aria-label')])"
    )
    assert names and all(label == f"{text} – sắp xếp" for text, label in names)
    rule = [v for v in axe(page) if v["id"] == "label-content-name-mismatch"]  # drive.EXPERIMENTAL turns it on
    assert rule == []


def test_a_text_column_sorts_in_vietnamese_alphabetical_order(page: Page) -> None:
    fields = ["Xây dựng Đảng", "Đô thị", "Đất đai", "Dân vận", "Xây dựng", "Ăn ở", "An ninh", "Ủy ban", "Uy tín"]
    rows = "".join(f"<tr><td>{f}</td></tr>" for f in fields)
    page.set_content(
        f'<div class="md-typeset"><table><thead><tr><th>Lĩnh vực</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )
    page.add_script_tag(path=str(SITE_JS))
    page.locator("th button.sort").click()
    shown = page.eval_on_selector_all("tbody td", "tds => tds.map(td => td.textContent)")
    assert shown == sorted(fields, key=vi_key)
    assert shown[:5] == ["An ninh", "Ăn ở", "Dân vận", "Đất đai", "Đô thị"]


# --- the about page ----------------------------------------------------------------


def test_the_about_page_says_how_to_cite_in_vietnamese(page: Page, served: str, file_base: str) -> None:
    page.goto(served + "du-lieu.html")
    text = page.locator("article").inner_text()
    assert "Data Package" not in text and "illustrative: true" not in text
    cite = page.locator("#cach-trich-dan + p + blockquote, #cach-trich-dan ~ blockquote").first.inner_text()
    assert DS.program.code in cite and DS.program.issuer in cite
    assert f"số liệu tính đến {DS.program.as_of:%d/%m/%Y}" in cite
    assert cite.rstrip(".").endswith(served)  # the site's address, written in once it comes from a server
    page.goto(file_base + "du-lieu.html")
    assert "địa chỉ trang chủ của trang web này" in page.locator("article").inner_text()
