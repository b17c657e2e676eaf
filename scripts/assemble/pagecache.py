"""Render a generated page's Markdown to HTML once, and again only when it changes.

MkDocs converts every page on every build, and at a province's every commune
that conversion is most of the build. The HTML of a page is a function of
its Markdown, its URL, the list of files it may link to and the Markdown
settings; `key` hashes exactly those, and a page whose key was rendered
before takes its HTML, table of contents and anchors from the cache instead.
MkDocs still checks links to anchors with what was stored. The HTML and the
rest are two entries: a page whose output the theme wrote before is written
from that output (`scripts.assemble.pageoutput`), and its HTML is not decoded.

On a cold build the pages are converted in a process pool before MkDocs
asks for them (the workers are forks of the MkDocs process, so they convert
with the very same configuration). A render that logged a warning is never
stored, so `--strict` keeps failing until the page is fixed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils import meta

from scripts.assemble import parallel, publish, tablehtml
from scripts.cache import code
from scripts.cache.store import Store

POOL_MIN = 40  # fewer pages than this are converted in this process
KIND = "html"  # a page's HTML
REFS = "refs"  # the rest of its conversion: title, table of contents, anchors, links to anchors
HTML_KEY = "html_key"  # the attribute of a page converted through the cache: the key of its conversion

Entry = dict[str, Any]


@dataclass
class PageCache:
    """HTML of pages by key, in `store`: read when MkDocs asks for a page, never all held at once."""

    store: Store
    settings: str = ""  # hash of everything besides the page that shapes its HTML
    rendered: int = 0  # pages converted by this build (in this process or the pool)
    settled: int = 0  # pages whose stored output was written without their HTML even being decoded

    def key(self, markdown: str, file: File) -> str:
        h = hashlib.sha256(f"{code.digest().hex()}|{self.settings}|{file.src_uri}|{file.url}|".encode())
        h.update(markdown.encode("utf-8"))
        return h.hexdigest()[:32]

    def refs(self, key: str) -> Entry | None:
        """What a page's conversion gave besides its HTML (title, table of contents, anchors, links)."""
        data = self.store.get(REFS, key)
        return None if data is None else json.loads(data)

    def has(self, key: str) -> bool:
        return self.store.exists(KIND, key) and self.store.exists(REFS, key)

    def put(self, key: str, entry: Entry) -> None:
        put(self.store, key, entry)


def put(store: Store, key: str, entry: Entry) -> None:
    """A page's conversion as two entries: its HTML (read only when the page is written again) and the rest."""
    content = entry.pop("content")
    store.put(KIND, key, content.encode("utf-8", errors="surrogatepass"))
    store.put(REFS, key, json.dumps(entry, ensure_ascii=False).encode("utf-8"))


@dataclass
class Parked:
    """The HTML of converted pages, compressed, from their conversion until the theme writes each one.

    MkDocs converts every page before it writes the first. At a province's
    every commune that is over a hundred megabytes of HTML, twice that as
    text in memory: most of a build's peak. So each page's HTML waits
    compressed (`park`), is made text again just before its template
    (`unpark`), and is let go once the page is written (`release`).
    """

    pages: dict[int, bytes] = field(default_factory=dict)  # id(page) → its HTML, compressed

    def park(self, page: Page, html: str) -> str:
        """Keep `html` for `page`; what MkDocs holds until then (nothing)."""
        self.pages[id(page)] = zlib.compress(html.encode("utf-8", errors="surrogatepass"), 1)
        return ""

    def unpark(self, page: Page) -> None:
        data = self.pages.pop(id(page), None)
        if data is not None:
            page.content = zlib.decompress(data).decode("utf-8", errors="surrogatepass")

    @staticmethod
    def release(page: Page) -> None:
        page.content = None


def settings(config: MkDocsConfig, files: Files) -> str:
    """A hash of the Markdown settings, the tool versions and every file a page may link to."""
    h = hashlib.sha256()
    for package in ("mkdocs", "markdown"):
        h.update(f"{package}={metadata.version(package)}\n".encode())
    h.update(repr(config["markdown_extensions"]).encode())
    h.update(json.dumps(config["mdx_configs"], sort_keys=True, default=_setting).encode())
    h.update(repr(config["validation"]).encode())
    h.update(repr(config["use_directory_urls"]).encode())
    for f in sorted(files, key=lambda f: f.src_uri):
        h.update(f"{f.src_uri}\t{f.url}\n".encode())
    return h.hexdigest()


def _setting(value: object) -> str:
    """A setting as the same text in every run: a function (the toc's `slugify`) by its name, not its address."""
    name = getattr(value, "__qualname__", None)
    return f"{getattr(value, '__module__', '')}.{name}" if callable(value) and name else repr(value)


# --- one page ----------------------------------------------------------------


def install(page: Page, cache: PageCache, settled: Callable[[Page], bool] = lambda page: False) -> None:
    """Make MkDocs' `page.render` go through the cache for this page.

    `settled(page)`, asked once the page has its key (`HTML_KEY`), title and
    table of contents: whether what the theme writes of it is stored already
    (`scripts.assemble.pageoutput`). Its HTML is then not even read.
    """

    def render(config: MkDocsConfig, files: Files) -> None:
        assert page.markdown is not None
        key = cache.key(page.markdown, page.file)
        setattr(page, HTML_KEY, key)
        refs = cache.refs(key)
        html = cache.store.get(KIND, key) if refs is not None else None  # read, so a damaged entry is made again
        if refs is not None and html is not None:
            apply(page, refs, files)
            if settled(page):
                cache.settled += 1
                page.content = ""
            else:
                page.content = html.decode("utf-8", errors="surrogatepass")
            return
        entry = convert(page, config, files)
        cache.rendered += 1
        if entry is not None:
            cache.put(key, entry)

    setattr(page, "render", render)  # noqa: B010 (an instance attribute shadows the method)


def convert(page: Page, config: MkDocsConfig, files: Files) -> Entry | None:
    """MkDocs' rendering (tables made quicker, same bytes: `tablehtml`); the entry, None if it warned."""
    counter = publish.WarningCounter()
    log = logging.getLogger("mkdocs")
    log.addHandler(counter)
    try:
        if not tablehtml.render(page, config, files):
            Page.render(page, config, files)
    finally:
        log.removeHandler(counter)
    return None if counter.count else entry_of(page)


def entry_of(page: Page) -> Entry:
    links = {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()}
    return {
        "content": page.content,
        "toc": [toc_token(a) for a in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": links,
    }


def apply(page: Page, entry: Entry, files: Files) -> None:
    """A page's title, table of contents, anchors and links, as its conversion gave them."""
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    links: dict[File, dict[str, str]] = {}
    for src, anchors in entry["links"].items():
        target = files.get_file_from_path(src)
        if target is not None:
            links[target] = anchors
    page.links_to_anchors = links


def toc_token(a: AnchorLink) -> dict[str, Any]:
    """An entry of a table of contents as plain data (what `get_toc` takes back)."""
    return {"level": a.level, "id": a.id, "name": a.title, "children": [toc_token(c) for c in a.children]}


# --- many pages, in a pool ---------------------------------------------------


def prerender(sources: dict[str, bytes], config: MkDocsConfig, files: Files, cache: PageCache, workers: int) -> None:
    """Convert in a pool the generated pages (path → Markdown with front matter) the store lacks.

    Pages are only converted ahead when a pool is worth it and safe (no other
    thread runs, as under `mkdocs serve`); the rest are converted by MkDocs.
    Each worker puts the pages it converts in the store itself, so their
    HTML never gathers in this process. An entry that exists but turns out
    unreadable when MkDocs asks for it is converted then (`install`).
    """
    todo = []  # (path, key): each page's text is made again from its bytes where it is converted, not held
    for path, source in sorted(sources.items()):
        file = files.get_file_from_path(path)
        if file is None or not path.endswith(".md"):
            continue
        markdown, _ = meta.get_data(source.decode("utf-8"))
        key = cache.key(markdown, file)
        if not cache.has(key):
            todo.append((path, key))
    if workers < 2 or len(todo) < POOL_MIN or not parallel.forkable():
        return
    shared = {
        "markdown_config": config,
        "markdown_files": files,
        "markdown_store": cache.store,
        "markdown_sources": sources,
    }
    with parallel.sharing(**shared), parallel.Pool(workers) as pool:
        made = pool.submit(_convert_one, todo, cost=lambda job: len(sources[job[0]]))
        for (_, key), stored in zip(todo, made.results(), strict=True):
            if stored:
                cache.store.adopt(KIND, key)
                cache.store.adopt(REFS, key)
                cache.rendered += 1


def _convert_one(item: tuple[str, str]) -> bool:
    """Convert one page and store its entry; False when it warned (MkDocs converts it again, and warns)."""
    config: MkDocsConfig = parallel.shared("markdown_config")
    files: Files = parallel.shared("markdown_files")
    store: Store = parallel.shared("markdown_store")
    path, key = item
    markdown, _ = meta.get_data(parallel.shared("markdown_sources")[path].decode("utf-8"))
    file = files.get_file_from_path(path)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = markdown
    entry = convert(page, config, files)
    if entry is None:
        return False
    put(store, key, entry)
    return True
