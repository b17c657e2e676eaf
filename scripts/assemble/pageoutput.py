"""Keep each generated page as the theme wrote it, and reuse it while nothing it shows changed.

MkDocs renders the theme's template for every page on every build: at a
province's every commune, seconds spent on pages that did not change. The
output of a page outside the navigation is a function of its own HTML, table
of contents, title, front matter and URL, and of what every page shares: the
site's settings (name, theme, extra values such as the edition and the build
date), the navigation, the templates and the tool versions. `Outputs.key`
hashes exactly those. A page whose output the store has (read once, when
that is decided) gets a one-line template that writes it; a page in the
navigation is always rendered (its place in the menu and its neighbours are
its own).

A page's entries in the search index are made from the same things, so they
are stored beside its output under the same key. A page that has both is
"settled": its HTML is not even read (`settled`), the theme's search takes
its stored entries instead of parsing it, and MkDocs' loop over it is a few
lookups. A page converted through the cache (`pagecache`) is keyed by the key
of its conversion rather than by its HTML, so that this is known before the
HTML is read.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
import material
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from scripts.assemble import pagecache
from scripts.cache import code
from scripts.cache.store import Store

KIND = "output"
SEARCH = "search"  # a page's entries in the search index
TEMPLATE = "site-stored-output.html"  # writes the stored output of the page it is given
STORED = "stored_output_key"  # the attribute of a page whose output is reused: the key of that output
_SETTINGS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
    "markdown_extensions",
)


@dataclass
class Outputs:
    """Pages as the theme wrote them, and their entries in the search index, by key, in `store`."""

    store: Store
    shared: str = ""  # hash of what every page's output shares (`shared`)
    in_nav: frozenset[str] = frozenset()  # pages of the navigation: always rendered
    pending: dict[int, str] = field(default_factory=dict)  # id(page) → key, for pages the theme renders
    # key → stored output, compressed, until the template writes it; key → stored search entries, as the
    # store's bytes, until indexed. A settled page waits from its conversion to its template, and the theme
    # converts every page before it writes the first: like the HTML of the others (`pagecache.Parked`), what
    # waits is kept small, and made text only when it is used (text takes two bytes a letter).
    ready: dict[str, bytes] = field(default_factory=dict)
    entries: dict[str, bytes] = field(default_factory=dict)

    def key(self, page: Page) -> str:
        """What the page's output shows. A page converted through the cache is known by the key of its
        conversion (`pagecache.HTML_KEY`: its HTML and table of contents follow from it), so that its HTML
        need not be read to tell whether its output changed."""
        h = hashlib.sha256(
            f"{code.digest().hex()}\0{self.shared}\0{page.file.src_uri}\0{page.url}\0{page.title}\0".encode()
        )
        h.update(json.dumps(page.meta, sort_keys=True, ensure_ascii=False, default=repr).encode())
        converted = getattr(page, pagecache.HTML_KEY, None)
        if converted is not None:
            h.update(f"\0converted\0{converted}".encode())
            return h.hexdigest()[:32]
        h.update(json.dumps([pagecache.toc_token(a) for a in page.toc], ensure_ascii=False).encode())
        h.update(b"\0")
        h.update((page.content or "").encode("utf-8", errors="surrogatepass"))
        return h.hexdigest()[:32]


def prepare(outputs: Outputs, config: MkDocsConfig, nav: Navigation) -> None:
    """Once the navigation is known: hash what all pages share, list the pages of the navigation, and
    let search take a stored page's entries."""
    outputs.shared = shared(config, nav)
    outputs.in_nav = frozenset(p.file.src_uri for p in nav.pages)
    index = _search_index(config)
    if index is not None:
        index.add_entry_from_context = _indexing(outputs, index, index.add_entry_from_context)


def settled(outputs: Outputs, page: Page) -> bool:
    """Whether the page's output and its search entries are both stored: then its HTML is not needed."""
    if not _kept(outputs, page):
        return False
    key = outputs.key(page)
    entries = outputs.store.get(SEARCH, key)
    stored = outputs.store.get(KIND, key) if entries is not None else None
    if stored is None or entries is None:
        return False
    _reuse(outputs, page, key, stored)
    outputs.entries[key] = entries
    return True


def before_template(outputs: Outputs, page: Page) -> None:
    """After the page is converted: reuse its stored output, or remember to store what the theme writes."""
    if not _kept(outputs, page) or hasattr(page, STORED):
        return
    key = outputs.key(page)
    stored = outputs.store.get(KIND, key)
    if stored is not None:
        _reuse(outputs, page, key, stored)
    else:
        outputs.pending[id(page)] = key


def after_template(outputs: Outputs, page: Page, html: str) -> None:
    """Store the output the theme wrote for a page that had none stored."""
    key = outputs.pending.pop(id(page), None)
    if key is not None:
        outputs.store.put(KIND, key, html.encode("utf-8", errors="surrogatepass"))


def _kept(outputs: Outputs, page: Page) -> bool:
    """Whether the output of this page may be stored: a page of the navigation is always rendered."""
    return page.file.src_uri not in outputs.in_nav and "template" not in page.meta


def _reuse(outputs: Outputs, page: Page, key: str, stored: bytes) -> None:
    page.meta["template"] = TEMPLATE
    setattr(page, STORED, key)
    outputs.ready[key] = zlib.compress(stored, 1)


def _key_of(outputs: Outputs, page: Page) -> str | None:
    """The key of a page whose output is stored or to be stored."""
    return getattr(page, STORED, None) or outputs.pending.get(id(page))


def _indexing(outputs: Outputs, index: Any, index_page: Callable[[Page], None]) -> Callable[[Page], None]:
    """The search index's `add_entry_from_context`, taking a page's entries from the store when it can.

    The theme's search reads the HTML of every page on every build; a page
    whose output is stored has its entries stored beside it (the same key:
    they are made from what the output is made from). A page of the
    navigation, whose output is not stored, has its entries stored all the
    same, under the key its output would have.
    """

    def add_entry_from_context(page: Page) -> None:
        key = _key_of(outputs, page)
        data = outputs.entries.pop(key, None) if key else None
        if key is None:  # a page of the navigation, rendered every time: its entries are kept all the same
            key = outputs.key(page)
            data = outputs.store.get(SEARCH, key)
        if data is not None:
            index.entries.extend(json.loads(data))
            return
        before = len(index.entries)
        index_page(page)
        made = json.dumps(index.entries[before:], ensure_ascii=False)
        outputs.store.put(SEARCH, key, made.encode("utf-8", errors="surrogatepass"))

    return add_entry_from_context


def _search_index(config: MkDocsConfig) -> Any:
    """The theme's search index of this build, if its search plugin is on."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    return getattr(plugin, "search_index", None)


def install(outputs: Outputs, env: jinja2.Environment) -> None:
    """Give the theme's environment the one-line template of stored pages."""
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ stored_output(page) }}"}), env.loader])

    def stored_output(page: Page) -> str:
        return zlib.decompress(outputs.ready.pop(getattr(page, STORED))).decode("utf-8", errors="surrogatepass")

    env.globals["stored_output"] = stored_output


def shared(config: MkDocsConfig, nav: Navigation) -> str:
    """A hash of the settings, navigation, templates and tool versions every page's output shows."""
    h = hashlib.sha256()
    for package in ("mkdocs", "mkdocs-material", "jinja2"):
        h.update(f"{package}={metadata.version(package)}\n".encode())
    settings = {name: config[name] for name in _SETTINGS}
    settings["theme"] = {k: v for k, v in config.theme.items()}
    settings["extra"] = {k: v for k, v in config.extra.items() if _plain(v)}
    settings["plugins"] = list(config.plugins)
    index = _search_index(config)
    settings["search"] = getattr(index, "config", None)  # what a page's search entries are made with
    settings["nav"] = [_item(i) for i in nav.items]
    h.update(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=repr).encode())
    installed = [Path(m.__file__ or "").resolve().parent for m in (material, mkdocs)]
    for folder in map(Path, config.theme.dirs):
        if any(folder.resolve().is_relative_to(p) for p in installed):
            continue  # a theme's own templates and icons: its version above stands for them
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):  # overrides: templates, icons, partials
            h.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _item(item: Any) -> Any:
    if isinstance(item, Section):
        return {"section": item.title, "children": [_item(c) for c in item.children]}
    if isinstance(item, (Page, Link)):
        return {"title": item.title, "url": item.url}
    return repr(item)


def _plain(value: object) -> bool:
    """Data (text, numbers, lists and mappings of them), not an object a plugin or hook keeps in `extra`."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
