"""The incremental build, as the MkDocs hook runs it, and what each build did.

One `Build` per MkDocs build: it generates the files (drawing only the
charts not in the cache) and converts in a pool the pages whose HTML is not
in the cache; the hook then copies into the site folder only the files that
changed (`scripts.assemble.publish.update`). Every kept entry goes through one
`Store`, which after a successful build keeps only what it used. What
happened is counted in `Stats`, written as JSON (`Settings.stats`) for the
tests and the benchmark.
"""

from __future__ import annotations

import functools
import json
import resource
import time
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts.assemble import output, pagecache, pageoutput
from scripts.assemble import pipeline as site
from scripts.assemble.settings import Settings
from scripts.cache.store import Store


@dataclass
class Stats:
    charts_total: int = 0
    charts_drawn: int = 0
    downloads_made: list[str] = field(default_factory=list)  # pages whose CSVs and workbook were made anew
    values_validated: int = 0  # rows of values validated (a rebuild validates only the lines it has not seen)
    pages_made: int = 0  # indicator, appendix and unit pages rendered from the data (the others were reused)
    pages_total: int = 0  # generated pages
    pages_rendered: int = 0  # generated pages converted to HTML by this build
    pages_templated: int = 0  # pages given to the theme's template (the others' output was stored and reused)
    pages_settled: int = 0  # pages written from their stored output and search entries, their HTML not decoded
    files_written: int = 0  # files of the site folder written (new or changed bytes)
    files_unchanged: int = 0
    files_linked: int = 0  # of the unchanged, those linked from the site folder rather than written again
    files_removed: int = 0
    cache_removed: int = 0  # entries of the cache no latest build uses any more, removed
    pages_written: list[str] = field(default_factory=list)  # the HTML pages among the files written
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went (not compared by tests)
    memory: dict[str, float] = field(default_factory=dict)  # resident MB of the build process after each stage
    memory_peak: dict[str, tuple[float, float]] = field(default_factory=dict)  # after each stage, the largest MB
    # so far of the build process and of its ended workers: a peak shows first after the stage that made it
    peak_mb: float = 0.0  # the largest resident set of the build process so far
    workers_peak_mb: float = 0.0  # the largest resident set of one of its finished workers


@dataclass(repr=False)  # kept in the config, which plugins print
class Build:
    generated: site.Generated
    settings: Settings
    store: Store  # every entry kept between builds, and the ones this build used
    cache: pagecache.PageCache
    started: float
    outputs: pageoutput.Outputs | None = None  # None: no cache, every page is rendered by the theme
    stats: Stats = field(default_factory=Stats)
    clock: site.Clock = field(default_factory=site.Clock)
    parked: pagecache.Parked = field(default_factory=pagecache.Parked)  # pages' HTML until each is written

    def lap(self, stage: str) -> None:
        self.clock.lap(stage)
        self.stats.seconds[stage] = self.clock.seconds[stage]
        self.stats.memory[stage] = self.clock.memory[stage]
        self.stats.memory_peak[stage] = self.clock.peak[stage]

    @cached_property  # asked for every page
    def sources(self) -> set[str]:
        return {p for p in self.generated.files if p.endswith(".md")}


def start(config: MkDocsConfig, settings: Settings) -> Build:
    """Generate the files; the site folder MkDocs is given is the one this build replaces."""
    began = time.monotonic()
    store = Store(settings.cache)
    s = settings
    generated = site.generate(s.data, store, s.edition, Path(config.site_dir), s.jobs, s.pdf, s.as_of)
    build = keep(generated, settings, began, store)
    build.stats.charts_drawn = generated.charts_drawn
    build.stats.downloads_made = list(generated.downloads_made)
    build.stats.values_validated = generated.values_validated
    build.stats.pages_made = generated.pages_made
    build.stats.seconds.update(generated.seconds)
    build.stats.memory.update(generated.memory)
    build.stats.memory_peak.update(generated.peak)
    build.stats.seconds["generate"] = round(time.monotonic() - began, 3)
    build.clock = site.Clock()
    return build


def keep(
    generated: site.Generated, settings: Settings, began: float | None = None, store: Store | None = None
) -> Build:
    """A build of files already generated (as `mkdocs serve` does while the data is broken)."""
    store = Store(settings.cache) if store is None else store
    outputs = None if store.folder is None else pageoutput.Outputs(store)
    began = time.monotonic() if began is None else began
    build = Build(generated, settings, store, pagecache.PageCache(store), began, outputs)
    build.stats.charts_total = len(generated.rendered.charts)
    build.stats.pages_total = len(build.sources)
    return build


def prepare(build: Build, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    """Once the files are known: key the pages, and convert ahead the ones the cache lacks."""
    build.lap("mkdocs: files and navigation")
    build.cache.settings = pagecache.settings(config, files)
    if build.outputs is not None:
        pageoutput.prepare(build.outputs, config, nav)
    if build.store.folder is not None:
        pages = {p: build.generated.files[p] for p in build.sources}
        pagecache.prerender(pages, config, files, build.cache, build.settings.jobs)
    build.lap("markdown to html (pool)")


def before_page(build: Build, page: Page) -> None:
    if build.store.folder is not None and page.file.src_uri in build.sources:
        outputs = build.outputs
        if outputs is None:
            pagecache.install(page, build.cache)
        else:
            pagecache.install(page, build.cache, functools.partial(pageoutput.settled, outputs))


def after_page(build: Build, page: Page, html: str) -> str:
    """A page is converted: its stored output is reused if nothing it shows changed; its HTML waits parked."""
    if build.outputs is not None:
        pageoutput.before_template(build.outputs, page)
    return build.parked.park(page, html)


def before_template(build: Build, page: Page) -> None:
    """The page's template is next: its HTML is needed again."""
    build.parked.unpark(page)


def written(build: Build, page: Page, html: str) -> None:
    """The theme's output of a page: counted if the template was rendered, stored if the cache lacked it."""
    build.stats.pages_templated += not hasattr(page, pageoutput.STORED)
    if build.outputs is not None:
        pageoutput.after_template(build.outputs, page, html)
    build.parked.release(page)


def finish(build: Build, synced: output.Synced | None, prune: bool = True) -> Stats:
    """Record what the build did: `synced` is what reached the site folder, if it went through staging.

    `prune`: the build succeeded with this data, so the cache keeps only what it used (and the other edition's).
    """
    stats = build.stats
    build.lap("sync to the site folder")
    build.generated.finish()
    build.lap("waiting for the dataset to be kept")
    if prune:
        stats.cache_removed = build.store.prune(site.keyed_edition(build.generated.edition, build.generated.as_of))
    stats.pages_rendered = build.cache.rendered if build.store.folder is not None else stats.pages_total
    stats.pages_settled = build.cache.settled
    if synced is not None:
        stats.files_written = len(synced.written)
        stats.files_unchanged = synced.unchanged
        stats.files_linked = synced.linked
        stats.files_removed = len(synced.removed)
        stats.pages_written = [p for p in synced.written if p.endswith(".html")]
    build.lap("pruning the cache")
    stats.seconds["total"] = round(time.monotonic() - build.started, 3)
    stats.peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    stats.workers_peak_mb = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    if build.settings.stats is not None:
        report = json.dumps(asdict(stats), ensure_ascii=False, indent=1) + "\n"
        output.write_atomic(build.settings.stats, report.encode("utf-8"))
    return stats
