"""Where a page kept out of the menu belongs: its section lit in the menu, and breadcrumbs back up.

The pages of one indicator, unit, topic or appendix table are not listed in
`nav` (Material's render of the menu grows with the square of the pages
listed). Each belongs to the listed page of the nearest folder above it
(`chi-tieu/ct01.md` → `chi-tieu/index.md`, `phu-luc/ct01/2.md` →
`phu-luc/index.md`). While such a page is rendered, that listed page is
marked active, so the menu opens its group and highlights it, and the
template gets `breadcrumbs`: "Trang chủ › Chỉ tiêu", then the page's own
title (overrides/partials/breadcrumbs.html). All of it follows from the
page's URL and the navigation, which the stored output of a page is keyed by
(`scripts.assemble.pageoutput`).

The 404 page is written with addresses relative to the site's root and told
the site's top folders, so that it finds the root from any address a server
shows it at (overrides/404.html).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ERROR_PAGE = "404.html"


STAFF = "Dành cho cán bộ"  # the menu's group of what staff need (mkdocs.yml)


def listed_for_staff(nav: list[Any], title: str, path: str) -> list[Any]:
    """`nav` of mkdocs.yml with a page made only in some builds listed in the staff's group (added once).

    A page of the internal edition only ("Tình hình báo cáo") cannot be written in mkdocs.yml: the
    public edition would list a page it does not have.
    """
    out = []
    for item in nav:
        if isinstance(item, dict) and STAFF in item and isinstance(item[STAFF], list):
            pages = item[STAFF]
            listed = any(isinstance(p, dict) and path in p.values() for p in pages)
            item = {STAFF: pages if listed else [*pages, {title: path}]}
        out.append(item)
    return out


def keep_homepage(nav: Navigation) -> Navigation:
    """The home page inside a group of the menu is still the site's home (the logo's link, the breadcrumbs).

    MkDocs only takes a top-level `index.md` as `nav.homepage`; listed inside "Báo cáo" it would be
    None, and the theme's logo would link to the page's own folder.
    """
    if nav.homepage is None:
        nav.homepage = next((p for p in nav.pages if p.file.src_uri == "index.md"), None)
    return nav


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # the page's URL, relative to the site's root


def home_of(page: Page, nav: Navigation) -> Page | None:
    """The listed page a page outside the navigation belongs to; None for a listed page or an orphan."""
    listed = {p.file.src_uri: p for p in nav.pages}
    if page.file.src_uri in listed:
        return None
    folder = posixpath.dirname(page.file.src_uri)
    while folder:
        index = listed.get(f"{folder}/index.md")
        if index is not None:
            return index
        folder = posixpath.dirname(folder)
    return None


def breadcrumbs(page: Page, nav: Navigation) -> list[Crumb]:
    """The pages above `page`, from the home page down; empty for a page of the navigation."""
    home = home_of(page, nav)
    if home is None:
        return []
    trail = [home] if nav.homepage is None or home is nav.homepage else [nav.homepage, home]
    return [Crumb(str(p.title), p.url) for p in trail]


LIT = "lit_in_nav"  # the attribute of a page being rendered: the listed page it marked active


def page_context(context: dict[str, Any], page: Page, nav: Navigation) -> dict[str, Any]:
    """Before the theme renders a page: its breadcrumbs, and its section lit in the menu."""
    context["breadcrumbs"] = breadcrumbs(page, nav)
    home = home_of(page, nav)
    if home is not None:
        home.active = True  # marks its sections active too: the menu opens there
        setattr(page, LIT, home)
    return context


def page_written(page: Page) -> None:
    """The theme has written the page: the listed page it lit goes back to normal for the next one."""
    home: Page | None = getattr(page, LIT, None)
    if home is not None:
        home.active = False
        delattr(page, LIT)


def top_folders(files: Files) -> list[str]:
    """The folders at the site's root, for the 404 page to find the root from a missing address."""
    return sorted({f.dest_uri.split("/", 1)[0] for f in files if "/" in f.dest_uri})


def error_page_context(context: dict[str, Any], folders: list[str]) -> dict[str, Any]:
    """The 404 page's addresses relative to the site's root (MkDocs makes them absolute from `site_url`)."""
    context["base_url"] = "."
    context["site_folders"] = folders
    return context
