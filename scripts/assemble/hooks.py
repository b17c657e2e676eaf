"""MkDocs wiring: hand the pipeline's generated files to MkDocs.

Thin on purpose: the pipeline (`scripts.assemble.pipeline`) knows nothing of MkDocs, and
this hook knows nothing of the data. Generated pages and charts are added
in memory with `File.generated`; nothing is written into `docs/`. The
incremental build (`scripts.assemble.rebuild`) keeps what did not change.

A build writes into a staging folder beside the output folder and replaces
the output folder only once everything succeeded (`scripts.assemble.publish`): a
failed build, even one that fails after MkDocs began writing, leaves the
last good site exactly as it was, and `mkdocs serve` keeps serving it. Only
the files whose bytes changed are then written into the output folder; a
file or page whose bytes the output folder has already is linked from there
into the staging folder rather than written (`publish.link_unchanged`).

The settings (`scripts.assemble.settings`) are read once per build and checked
before anything else. One object, `_build`, outlives a build on purpose:
`mkdocs serve` builds again in the same process, and what it must remember
between builds is whether it serves and the last good build (served while
the data is broken). Everything else of a build lives on that build
(`rebuild.Build`, in `config.extra`, which MkDocs makes anew for each build).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts.assemble import csp, navigation, pageoutput, publish, rebuild, search, searchtext, settings
from scripts.assemble import pipeline as site
from scripts.data import editions
from scripts.data.errors import DataError
from scripts.data.textutil import heading_id
from scripts.downloads import templates
from scripts.report import pages, printview, whole
from scripts.report.pages import receipts

KEY = "site_generated"
BUILD = "site_build"
GUARD = "edition_guard"


@dataclass
class _Build:
    """Where the build in progress writes, so a failed one never touches the last good site."""

    dirty: bool = False
    serving: bool = False
    last_good: site.Generated | None = None  # what `mkdocs serve` keeps showing while the data is broken
    keep_site: bool = False  # this build only repeats the last good one: nothing is swapped in
    site_dir: Path | None = None
    staging: Path | None = None
    warnings: publish.WarningCounter | None = None
    linked: publish.SkippedPages | None = None  # pages linked unchanged from the site folder, not written

    def stop_counting(self) -> int:
        count = self.warnings.count if self.warnings else 0
        if self.warnings:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.linked:
            mkdocs_build.log.removeFilter(self.linked)
        self.warnings = self.linked = None
        return count

    def link_unchanged(self, rel: str, data: bytes) -> bool:
        """Whether the site's own file `rel` holds `data`: then it is linked into the staging folder."""
        if self.staging is None or self.site_dir is None or self.keep_site:
            return False
        return publish.link_unchanged(self.staging, self.site_dir, rel, data)


_build = _Build()


def on_startup(command: str, dirty: bool) -> None:
    _build.dirty = dirty  # a dirty build adds to the output folder in place, as MkDocs does
    _build.serving = command == "serve"


@event_priority(100)  # before the macros plugin, which reads the dataset
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.keep_site = False
    try:
        chosen = settings.load(base=Path(config.config_file_path).resolve().parent)
    except settings.SettingsError as e:
        raise Abort(str(e)) from None
    edition = chosen.edition
    try:
        build = rebuild.start(config, chosen)
    except settings.SettingsError as e:  # SITE_AS_OF after the data's as_of: known once the data is read
        raise Abort(str(e)) from None
    except DataError as e:
        if not (_build.serving and _build.last_good and _build.last_good.edition == edition):
            raise Abort(e.report()) from None
        # A failed rebuild would leave `mkdocs serve` answering no request at all until the data is
        # fixed; instead it keeps serving the last good site and says why in the terminal.
        print(f"\n{e.report()}\nTrang đang xem vẫn là bản dựng tốt gần nhất.\n", file=sys.stderr)
        build, _build.keep_site = rebuild.keep(_build.last_good, chosen), True
    generated = _build.last_good = build.generated
    program = generated.dataset.program
    # Material prints the site name unescaped into the page, so it is escaped here.
    config.site_name = pages.page_title(f"{program.code} — {program.issuer}")
    config.extra[KEY] = generated
    config.extra[BUILD] = build
    config.extra["data_folder"] = str(chosen.data)
    config.extra["illustrative"] = program.illustrative
    config.extra["contact"] = program.contact  # plain text: the footer escapes it
    # Anchors fold tone marks and đ → d ("Đánh giá chung" → #danh-gia-chung). Set here, not in mkdocs.yml
    # (`!!python/name:`), which would only load when Python is started from the project's folder.
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_id
    config.extra["build_date"] = chosen.build_date.strftime("%d/%m/%Y")
    config.extra["edition"] = edition
    config.extra.update(as_of_banner(generated))
    config.extra["template_paths"] = templates.offered(generated.files)  # for the editors' guide
    config.extra[GUARD] = editions.Guard(generated.withheld, edition)
    if receipts.PATH in generated.files and config.nav:  # made in the internal edition, once returns are collected
        config.nav = navigation.listed_for_staff(config.nav, receipts.TITLE, receipts.PATH)
    if not _build.dirty:
        _build.site_dir = Path(config.site_dir)
        _build.staging = publish.prepare(_build.site_dir)
        config.site_dir = str(_build.staging)
        _build.warnings = publish.WarningCounter()
        logging.getLogger("mkdocs").addHandler(_build.warnings)
        _build.linked = publish.SkippedPages()
        mkdocs_build.log.addFilter(_build.linked)
    return config


def as_of_banner(generated: site.Generated) -> dict[str, str]:
    """What every page of a site as of a past date says (`SITE_AS_OF`; overrides/main.html)."""
    if generated.as_of is None:
        return {"as_of_round": "", "as_of_not_round": ""}
    not_round = "" if generated.as_of_is_round else "1"
    if not_round:
        logging.getLogger("mkdocs").info(
            "SITE_AS_OF=%s không phải là một kỳ báo cáo của chương trình (rounds); trang tính đến đúng ngày này.",
            generated.as_of.isoformat(),
        )
    return {"as_of_round": generated.as_of.strftime("%d/%m/%Y"), "as_of_not_round": not_round}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated: site.Generated = config.extra[KEY]
    for path, content in sorted(generated.files.items()):
        file = File.generated(config, path, content=content)
        if not file.is_documentation_page() and _build.link_unchanged(file.dest_uri, content):
            setattr(file, "copy_file", _linked)  # noqa: B010 (an instance attribute shadows the method)
        files.append(file)
    if generated.edition == editions.INTERNAL:
        not_indexed(files, config)
    without_source_maps(files)
    config.extra["site_folders"] = navigation.top_folders(files)
    return files


def _linked(dirty: bool = False) -> None:
    """`File.copy_file` of a file linked unchanged into the staging folder: nothing to write."""


def not_indexed(files: Files, config: MkDocsConfig) -> None:
    """The internal edition has no sitemap: neither MkDocs' template (nor the .gz made from it) nor a copy of it."""
    config.theme.static_templates.discard("sitemap.xml")
    sitemap = files.get_file_from_path("sitemap.xml")
    if sitemap is not None:
        files.remove(sitemap)


def without_source_maps(files: Files) -> None:
    """The theme's source maps (its sources, 1.3 MB) are not shipped by either edition."""
    for file in [f for f in files if f.src_uri.endswith(".map")]:
        files.remove(file)


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages: find where they name what the edition withholds."""
    generated: site.Generated = config.extra[KEY]
    if page.file.src_uri not in generated.files:
        guard: editions.Guard = config.extra[GUARD]
        guard.page(f"{Path(config.docs_dir).name}/{page.file.src_uri}", page.file.content_string, markdown)
    return markdown


@event_priority(-100)  # once every plugin has added its files
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    navigation.keep_homepage(nav)
    rebuild.prepare(config.extra[BUILD], config, files, nav)
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    rebuild.before_page(config.extra[BUILD], page)
    return page


@event_priority(-100)  # once every plugin has changed the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = search.leave_out(html, page.meta.get("search_text"))  # tables of figures: not for search
    return rebuild.after_page(config.extra[BUILD], page, html)


def _navigation_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """A page kept out of the menu: its breadcrumbs, and its section lit in the menu (scripts.assemble.navigation)."""
    return navigation.page_context(context, page, nav)


@event_priority(20)  # before any plugin reads the page
def _unpark(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """The page's HTML, kept compressed since its conversion (scripts.assemble.pagecache.Parked)."""
    rebuild.before_template(config.extra[BUILD], page)
    return context


# Search reads only the part of a big page it indexes (scripts.assemble.searchtext), then the page is whole again.
on_page_context = CombinedEvent(_unpark, searchtext.show_part, _navigation_context, searchtext.restore)


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == navigation.ERROR_PAGE:
        return navigation.error_page_context(context, config.extra["site_folders"])
    return context


@event_priority(100)  # the theme's output as it was written, before any plugin changes it
def _written(output: str, page: Page, config: MkDocsConfig) -> str:
    rebuild.written(config.extra[BUILD], page, output)  # kept with its slots: valid whatever the whole's figures
    output = whole.fill(output, config.extra[KEY].whole)  # the whole's figures of this build, on a unit page
    navigation.page_written(page)
    return output


@event_priority(-100)  # the page as every plugin left it, as MkDocs would write it
def _unchanged(output: str, page: Page, config: MkDocsConfig) -> str:
    """A page whose bytes the site folder has already: linked from there, and MkDocs writes nothing."""
    if _build.linked is not None and _build.link_unchanged(page.file.dest_uri, mkdocs_bytes(output)):
        _build.linked.pages.add(page.file.src_uri)
        return ""
    return output


def mkdocs_bytes(output: str) -> bytes:
    """A page's output as MkDocs writes it (`_build_page`)."""
    return output.encode("utf-8", errors="xmlcharrefreplace")


on_post_page = CombinedEvent(_written, _unchanged)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page has been read: stop before anything is written if one names a withheld item."""
    error = config.extra[GUARD].error()
    if error:
        raise Abort(error.report())
    build: rebuild.Build = config.extra[BUILD]
    if build.outputs is not None:
        pageoutput.install(build.outputs, env)
    return env


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(config.extra["data_folder"])
    return server


@event_priority(-100)  # after every other plugin has written its files (search index, sitemap)
def on_post_build(config: MkDocsConfig) -> None:
    build: rebuild.Build = config.extra[BUILD]
    build.lap("mkdocs: pages")
    finish(config)
    build.lap("search index")
    if _build.staging is None or _build.site_dir is None:
        rebuild.finish(config.extra[BUILD], None, prune=not _build.keep_site)
        return
    if _build.stop_counting() and config.strict:
        return  # MkDocs aborts right after this event; on_build_error discards the staging folder
    synced = None
    if _build.keep_site:
        publish.discard(_build.staging)
    else:
        synced = publish.update(_build.staging, _build.site_dir)
    config.site_dir = str(_build.site_dir)  # for commands that read it after the build (gh-deploy)
    _build.staging = None
    rebuild.finish(config.extra[BUILD], synced, prune=not _build.keep_site)


def on_build_error(error: Exception) -> None:
    _build.stop_counting()
    if _build.staging is not None:
        publish.discard(_build.staging)
    _build.staging = None


def finish(config: MkDocsConfig) -> None:
    """Vietnamese search over a bounded index (scripts.assemble.search); the print view as PDF when SITE_PDF=1;
    the Content-Security-Policy of the pages written (scripts.assemble.csp)."""
    generated: site.Generated = config.extra[KEY]
    site_dir = Path(config.site_dir)
    search.finish(site_dir, generated.dataset, generated.files, (printview.PATH,), config.use_directory_urls)
    if config.extra[BUILD].settings.pdf:
        printview.write_pdf(site_dir, internal=generated.edition == editions.INTERNAL)
    csp.write(site_dir)
