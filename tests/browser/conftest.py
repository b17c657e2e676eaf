"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download).

The sample site is opened from `file://` and from a local server that holds
it under a sub-path, as an intranet server would. Every request of every
page goes through a recorder: a request to any host other than this machine
is aborted and fails the test.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SUB_PATH = "/sub/path/"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Recorder:
    """Every URL a browser context asked for; the ones that would leave the machine are aborted."""

    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def served(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site served by http.server on 127.0.0.1 under a sub-path; its base URL."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(built_sample, root / SUB_PATH.strip("/"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def file_base(built_sample: Path) -> str:
    return built_sample.resolve().as_uri() + "/"


@contextmanager
def recorded(browser: Browser, **options: Any) -> Iterator[tuple[BrowserContext, Recorder]]:
    """A browser context whose requests all go through a recorder; fails if any left the machine."""
    recorder = Recorder()
    ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    ctx.route("**/*", recorder.route)
    yield ctx, recorder
    ctx.close()
    assert recorder.external == [], f"requests that left the machine: {recorder.external}"


@pytest.fixture
def recorder_and_context(browser: Browser) -> Iterator[tuple[BrowserContext, Recorder]]:
    with recorded(browser) as pair:
        yield pair


@pytest.fixture
def recorder(recorder_and_context: tuple[BrowserContext, Recorder]) -> Recorder:
    return recorder_and_context[1]


@pytest.fixture
def page(recorder_and_context: tuple[BrowserContext, Recorder]) -> Page:
    return recorder_and_context[0].new_page()
