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
"""

from __future__ import annotations

import hashlib
import json
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

from scripts.build import code, pagecache
from scripts.build.store import Store

KIND = "output"
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
    """Pages as the theme wrote them, by key, in `store`."""

    store: Store
    shared: str = ""  # hash of what every page's output shares (`shared`)
    in_nav: frozenset[str] = frozenset()  # pages of the navigation: always rendered
    pending: dict[int, str] = field(default_factory=dict)  # id(page) → key, for pages the theme renders
    ready: dict[str, str] = field(default_factory=dict)  # key → stored output, until the template writes it

    def key(self, page: Page) -> str:
        h = hashlib.sha256(
            f"{code.digest().hex()}\0{self.shared}\0{page.file.src_uri}\0{page.url}\0{page.title}\0".encode()
        )
        h.update(json.dumps(page.meta, sort_keys=True, ensure_ascii=False, default=repr).encode())
        h.update(json.dumps([pagecache.toc_token(a) for a in page.toc], ensure_ascii=False).encode())
        h.update(b"\0")
        h.update((page.content or "").encode("utf-8", errors="surrogatepass"))
        return h.hexdigest()[:32]


def prepare(outputs: Outputs, config: MkDocsConfig, nav: Navigation) -> None:
    """Once the navigation is known: hash what all pages share, and list the pages of the navigation."""
    outputs.shared = shared(config, nav)
    outputs.in_nav = frozenset(p.file.src_uri for p in nav.pages)


def before_template(outputs: Outputs, page: Page) -> None:
    """After the page is converted: reuse its stored output, or remember to store what the theme writes."""
    if page.file.src_uri in outputs.in_nav or "template" in page.meta:
        return
    key = outputs.key(page)
    stored = outputs.store.get(KIND, key)
    if stored is not None:
        page.meta["template"] = TEMPLATE
        setattr(page, STORED, key)
        outputs.ready[key] = stored.decode("utf-8", errors="surrogatepass")
    else:
        outputs.pending[id(page)] = key


def after_template(outputs: Outputs, page: Page, html: str) -> None:
    """Store the output the theme wrote for a page that had none stored."""
    key = outputs.pending.pop(id(page), None)
    if key is not None:
        outputs.store.put(KIND, key, html.encode("utf-8", errors="surrogatepass"))


def install(outputs: Outputs, env: jinja2.Environment) -> None:
    """Give the theme's environment the one-line template of stored pages."""
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ stored_output(page) }}"}), env.loader])

    def stored_output(page: Page) -> str:
        return outputs.ready.pop(getattr(page, STORED))

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
