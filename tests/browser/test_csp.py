"""The internal edition works behind the shipped nginx, under its Content-Security-Policy.

The sample site is served by `deploy/nginx-internal.conf` on loopback (as
`tests/test_deploy.py` runs it: HTTPS, a password, every header) and opened
in Chromium. Any inline script or style the policy does not list would be
refused: the browser reports each refusal as a `securitypolicyviolation`
event and on its console, and the test counts both.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page
from test_deploy import NGINX, OPENSSL, PASSWORD, USER, Server, nginx

from browser.conftest import recorded
from browser.drive import search
from scripts.data import editions
from scripts.downloads import tables

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(NGINX is None or OPENSSL is None, reason="nginx and openssl are needed to serve the site"),
]

# Every refusal the page meets, from its first script on (an init script runs before the page's own).
LISTEN = """
window.__refused = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__refused.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

PAGES = [
    "index.html",  # home: the dashboard and its bar
    "chi-tieu/ct01.html",  # an indicator: chart, tables, sorting and filtering
    "don-vi/index.html",  # the units list
    "de-tai/dt01.html",  # a research topic
    "ban-in.html",  # the print view
    "khong-co-trang-nay.html",  # the site's 404 page
]


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory: pytest.TempPathFactory, built_sample: Path) -> Iterator[Server]:
    with nginx(tmp_path_factory.mktemp("nginx"), built_sample) as running:
        yield running


@pytest.fixture
def context(browser: Browser, behind_nginx: Server) -> Iterator[BrowserContext]:
    options = {"ignore_https_errors": True, "http_credentials": {"username": USER, "password": PASSWORD}}
    with recorded(browser, **options) as (ctx, _):
        ctx.add_init_script(LISTEN)
        yield ctx


def base(server: Server) -> str:
    return f"https://localhost:{server.https_port}/"


def opened(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    """The page at `url`, loaded and settled, and what its console said of the policy."""
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(200)
    return page, console


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation(context: BrowserContext, behind_nginx: Server, path: str) -> None:
    page, console = opened(context, base(behind_nginx) + path)
    assert "Lưu hành nội bộ" in page.content()
    assert page.evaluate("window.__refused") == []
    assert console == []


def test_the_policy_is_the_one_in_force(context: BrowserContext, behind_nginx: Server) -> None:
    """The test above could not fail if no policy were sent: an inline script not listed is refused."""
    page, _ = opened(context, base(behind_nginx) + "index.html")
    with pytest.raises(Error, match="violates the following Content Security Policy directive 'script-src 'self'"):
        page.add_script_tag(content="window.__ran = true;")
    assert page.evaluate("window.__ran === undefined")
    assert any(r.startswith("script-src") for r in page.evaluate("window.__refused"))


def test_search_works(context: BrowserContext, behind_nginx: Server) -> None:
    page, console = opened(context, base(behind_nginx) + "index.html")
    hits = search(page, "chi tieu")
    assert hits
    assert page.evaluate("window.__refused") == []
    assert console == []


def test_downloads_open_and_say_they_are_internal(context: BrowserContext, behind_nginx: Server) -> None:
    page, _ = opened(context, base(behind_nginx) + "chi-tieu/ct01.html")
    with page.expect_download() as workbook:
        page.locator("a[href$='.xlsx']").first.click()
    book = openpyxl.load_workbook(io.BytesIO(Path(workbook.value.path()).read_bytes()))
    assert book.properties.category == editions.NOTICE
    assert all(sheet["A1"].value == editions.NOTICE for sheet in book.worksheets)
    page, _ = opened(context, base(behind_nginx) + "du-lieu.html")
    with page.expect_download() as package:
        page.locator("a[href$='du-lieu.zip']").first.click()
    with zipfile.ZipFile(Path(package.value.path())) as z:
        assert tables.NOTICE_FILE in z.namelist()
    assert page.evaluate("window.__refused") == []
