"""The built folder works anywhere: from file:// or a server under a sub-path, and no request leaves the machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser.conftest import Recorder

pytestmark = pytest.mark.browser

NAV = ["chuong-trinh.html", "chi-tieu/index.html", "don-vi/index.html", "de-tai/index.html", "phu-luc/index.html"]


def walk(page: Page, start: str) -> list[str]:
    """Follow the navigation from `start` page by page; the titles seen."""
    page.goto(start)
    seen = [page.title()]
    for path in NAV:
        page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{path}"]').first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith(path)
        seen.append(page.locator("h1").first.inner_text())
    # one level down, then back up through a relative link
    page.locator(".md-content a[href$='.html']").first.click()
    page.wait_for_load_state("load")
    seen.append(page.locator("h1").first.inner_text())
    return seen


def charts_loaded(page: Page) -> list[bool]:
    return page.eval_on_selector_all("figure.chart img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")


@pytest.mark.parametrize("where", ["file", "served"])
def test_navigation_works_from_the_file_system_and_under_a_sub_path(
    page: Page, recorder: Recorder, where: str, file_base: str, served: str
) -> None:
    base = file_base if where == "file" else served
    titles = walk(page, base + "index.html")
    assert len(titles) == len(NAV) + 2 and all(titles)
    page.goto(base + "chi-tieu/index.html")
    page.locator(".md-content table a[href$='.html']").first.click()
    page.wait_for_load_state("load")
    assert charts_loaded(page) and all(charts_loaded(page))
    assert all(u.startswith(base) or u.startswith("data:") for u in recorder.requests)


def test_the_theme_loads_no_web_font_and_no_script_from_elsewhere(page: Page, served: str, recorder: Recorder) -> None:
    page.goto(served + "chi-tieu/index.html")
    page.keyboard.press("/")  # opens search: the worker and the index load
    page.locator(".md-search-result__meta").filter(has_text="Gõ từ cần tìm").wait_for()
    page.wait_for_load_state("networkidle")
    fonts = page.evaluate("[...document.fonts].map(f => f.family)")
    assert fonts == []  # system fonts only: every system has Vietnamese glyphs
    assert any(u.endswith("search/search_index.json") for u in recorder.requests)


def test_the_recorder_catches_a_request_to_another_host(page: Page, recorder: Recorder) -> None:
    page.set_content('<img src="https://example.org/pixel.png">')
    page.wait_for_load_state("load")
    assert recorder.external == ["https://example.org/pixel.png"]
    recorder.external.clear()  # seen, so the fixture does not fail this test


def test_a_table_downloads_over_http(page: Page, served: str) -> None:
    page.goto(served + "chi-tieu/index.html")
    with page.expect_download() as info:
        page.locator("p.downloads a[href$='.csv']").first.click(modifiers=["Alt"])
    download = info.value
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert download.suggested_filename.endswith(".csv")
