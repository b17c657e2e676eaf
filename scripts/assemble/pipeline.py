"""The pipeline end to end, without MkDocs: data folder in, site files out.

`generate` loads and validates the folder, computes the results, renders
pages and draws charts, and returns every generated file as bytes keyed by
its path under the docs root. The MkDocs hook only hands these files to
MkDocs.

A chart is drawn only when the store (`scripts.cache.store`) has no drawing
of the same spec (`charts.key` hashes exactly what it shows, with the code);
the charts left to draw are drawn in a process pool across the cores, which
gives the same bytes as drawing them one by one.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from scripts.assemble import downloadfiles, parallel, settings
from scripts.cache import code, datacache, pagekeys
from scripts.cache.store import Store
from scripts.data import editions
from scripts.data.model import Dataset
from scripts.downloads import tables as downloads
from scripts.downloads import word
from scripts.report import changes, charts, pages, printview, rounds, whole
from scripts.report.compute import Results
from scripts.report.pages import Rendered

CHARTS = "charts"  # the kind of entry of a drawing in the store
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
T = TypeVar("T")


@dataclass(frozen=True, repr=False)
class Generated:
    dataset: Dataset
    results: Results
    rendered: Rendered  # its charts; its pages are in `files`, as bytes
    files: dict[str, bytes]  # path under the docs root → content
    charts_drawn: int  # how many charts were drawn rather than taken from the cache
    edition: str = editions.INTERNAL
    withheld: tuple[editions.Item, ...] = ()  # rows of the data this edition leaves out
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went, by stage
    memory: dict[str, float] = field(default_factory=dict)  # resident MB at the end of each stage
    peak: dict[str, tuple[float, float]] = field(default_factory=dict)  # largest MB so far: this process, workers
    downloads_made: tuple[str, ...] = ()  # pages whose download files were made rather than taken from the cache
    values_validated: int = 0  # rows of values validated by this build (the others were validated before)
    pages_made: int = 0  # indicator, appendix and unit pages rendered (the others were read back from the cache)
    whole: dict[str, str] = field(default_factory=dict)  # what fills the slots of the unit pages (report.whole)
    finish: Callable[[], None] = lambda: None  # waits for what is kept for the next build; before the cache is pruned
    timeline: rounds.Timeline | None = None  # the statuses at each reporting round
    as_of: dt.date | None = None  # the site as it stood on this date (`SITE_AS_OF`); None: as the data stands
    as_of_is_round: bool = True  # `as_of` is one of the program's reporting rounds

    def __repr__(self) -> str:
        # Short: plugins print the config (the macros plugin turns it into text on every build).
        return f"<Generated: {len(self.files)} files>"


def generate(
    folder: Path,
    store: Store | None = None,
    edition: str = editions.INTERNAL,
    previous: Path | None = None,
    workers: int = 1,
    pdf: bool = False,
    as_of: dt.date | None = None,
) -> Generated:
    """Every generated file; `previous` is the site this build replaces (for "what changed").

    `store` keeps what the next build may reuse and lists what this one used
    (none given: nothing is kept); `pdf`: the print view links to its PDF;
    `as_of`: the site as it stood on that date (`rounds.stood`), its own in the cache.

    Once the dataset is loaded, the downloads, the data package and the
    charts (known once the indicator pages are made) go to a process pool,
    while this process renders the other pages and the list of changes.
    Keeping the dataset for the next build goes on in a process of its own
    from then until the build ends (`Generated.finish`), beside MkDocs' loop
    over the pages, which runs on one core.
    """
    clock = Clock()
    store = Store(None) if store is None else store
    gc.unfreeze()  # what an earlier build of this process (`mkdocs serve`) froze may be collected now
    validated, keep = datacache.load(folder, store)
    # The dataset is kept for the next build by a process of its own, forked now, while the build is small (a
    # forked process holds all that its parent held then), and set going once the pool is done: MkDocs' loop
    # over the pages runs on one core, and the other is then free.
    kept = None if keep is None else parallel.Background(functools.partial(datacache.save, keep, store), workers, True)
    try:
        return _generate(folder, store, edition, previous, workers, pdf, as_of, clock, validated, keep, kept)
    except BaseException:
        if kept is not None:
            kept.cancel()
        raise


def _generate(
    folder: Path,
    store: Store,
    edition: str,
    previous: Path | None,
    workers: int,
    pdf: bool,
    as_of: dt.date | None,
    clock: Clock,
    validated: Dataset,
    keep: datacache.Keep | None,
    kept: parallel.Background | None,
) -> Generated:
    """`generate`, once the dataset is loaded and the process that keeps it forked."""
    dataset, withheld = editions.edition(validated, edition, folder.resolve().name)
    is_round = as_of is None or as_of in {r.date for r in dataset.program.rounds}
    if as_of is not None:
        dataset = rounds.stood(dataset, check_as_of(as_of, dataset))
    results = Results(dataset)
    since = (keep.since, keep.touched) if keep is not None else ("", frozenset[tuple[str, str]]())
    lineage = pagekeys.Lineage(validated.fingerprint, *since)
    reuse = pagekeys.Reuse(store, dataset, results, keyed_edition(edition, as_of), lineage).prepare()
    gc.freeze()  # the data lives as long as the build: collections (and forked workers) leave it alone
    clock.lap("load")
    files: dict[str, bytes] = {}
    notice = editions.NOTICE if edition == editions.INTERNAL else ""  # in every file the internal edition offers
    shared = {
        "dataset": dataset,
        "results": results,
        "store": store,
        "reuse": reuse,
        "folder": folder,
        "edition": edition,
        "notice": notice,
    }
    with parallel.sharing(**shared), parallel.Pool(workers) as pool:
        made = pool.call(_downloads)
        # The data-entry templates hold every row, internal ones too: the internal edition only offers them.
        # A site as of a past date offers none: they hold the figures as the folder has them now.
        entry = pool.call(_templates) if edition == editions.INTERNAL and as_of is None else None
        package = pool.call(_package)
        report = pool.call(_report)
        by_indicator = pages.indicator_pages(dataset, results, reuse)
        drawings, missing = plan_charts(tuple(c for _, specs in by_indicator for c in specs), store)
        drawn = pool.submit(draw, missing, cost=_chart_cost)
        clock.lap("indicator pages")
        # Unit pages hold slots for the whole's figures, filled as each page is written: an edit of the
        # whole's figure renders no unit page again (scripts.report.whole).
        timeline = rounds.timeline(dataset, reuse, results)
        # Each page is kept as its bytes as it comes, its text let go (a page's text takes up to four bytes a
        # letter, and a commune-level program's pages hold over a hundred million letters); only the pages the
        # print view shows are held as text until it is made.
        printed: list[pages.Page] = []
        for page in pages.each_page(dataset, results, by_indicator, reuse, whole_slots=True, timeline=timeline):
            files[page.path] = page.markdown.encode("utf-8")
            if printview.wanted(page.path):
                printed.append(page)
        del page
        rendered = Rendered((), tuple(c for _, specs in by_indicator for c in specs))
        del by_indicator
        clock.lap("render")
        change_page, change_files = changes.files(dataset, results, changes.read_previous(previous, dataset), reuse)
        files[change_page.path] = change_page.markdown.encode("utf-8")
        if printview.wanted(change_page.path):
            printed.append(change_page)
        print_view = printview.page(dataset, Rendered(tuple(printed), rendered.charts), pdf=pdf)
        del printed
        files.update(change_files)
        files[print_view.path] = print_view.markdown.encode("utf-8")
        del print_view
        clock.lap("changes, print view")
        files.update(keep_charts(missing, drawn.results(), drawings, store))
        [downloaded] = _used(store, made.results())
        files.update(downloaded.files)
        [files[downloads.PACKAGE]] = _used(store, package.results())
        [files[word.PATH]] = _used(store, report.results())
        if entry is not None:
            [templates] = _used(store, entry.results())
            files.update(templates)
        clock.lap("waiting for the pool")
    if kept is not None:
        kept.go()
    charts_drawn = len({chart.path for chart, _ in missing})
    validated_rows = len(validated.values) if store.folder is None else keep.rows_checked if keep else 0
    return Generated(
        dataset,
        results,
        rendered,
        files,
        charts_drawn,
        edition,
        withheld,
        clock.seconds,
        clock.memory,
        clock.peak,
        downloaded.pages,
        validated_rows,
        reuse.made,
        whole.figures(dataset, results),
        functools.partial(_kept, kept, keep, store),
        timeline,
        as_of,
        is_round,
    )


def keyed_edition(edition: str, as_of: dt.date | None) -> str:
    """The edition as the cache tells builds apart: a site as of a past date is a site of its own."""
    return edition if as_of is None else f"{edition}@{as_of.isoformat()}"


def check_as_of(as_of: dt.date, ds: Dataset) -> dt.date:
    """`SITE_AS_OF`, or `SettingsError` naming it when it is after the data's `as_of`."""
    if as_of > ds.program.as_of:
        raise settings.SettingsError([settings.as_of_after(as_of, ds.program.as_of)])
    return as_of


def _kept(kept: parallel.Background | None, keep: datacache.Keep | None, store: Store) -> None:
    """Wait for the dataset to be kept for the next build, and count its entries as used."""
    if kept is not None and keep is not None and kept.wait():
        datacache.saved(keep, store)


# Tasks run in a worker (or here, when there is one core): each gives back, with its result, the
# entries of the store it used, which a forked worker's copy of the store cannot tell this process.


def _downloads() -> tuple[downloadfiles.Made, set[str]]:
    """The files to download of every page, made in one worker (the other draws the charts)."""
    dataset, results, store = parallel.shared("dataset"), parallel.shared("results"), parallel.shared("store")
    reuse, notice = parallel.shared("reuse"), parallel.shared("notice")
    return downloadfiles.make_reusing(dataset, results, reuse, store, notice), store.used


def _templates() -> tuple[dict[str, bytes], set[str]]:
    """The Excel templates for data entry, one per table, made from the data folder's files as they are."""
    store = parallel.shared("store")
    return downloadfiles.cached_templates(parallel.shared("folder"), store), store.used


def _package() -> tuple[bytes, set[str]]:
    store = parallel.shared("store")
    dataset, reuse, notice = parallel.shared("dataset"), parallel.shared("reuse"), parallel.shared("notice")
    return downloadfiles.cached_package(dataset, store, reuse, notice), store.used


def _report() -> tuple[bytes, set[str]]:
    """The report as a Word document (`tai-ve/bao-cao.docx`), of this edition's dataset."""
    store = parallel.shared("store")
    dataset, results, edition = parallel.shared("dataset"), parallel.shared("results"), parallel.shared("edition")
    return downloadfiles.cached_report(dataset, results, store, edition), store.used


def _used(store: Store, results: list[tuple[T, set[str]]]) -> list[T]:
    """The results of tasks, the entries they used added to `store`'s."""
    for _, used in results:
        store.used |= used
    return [result for result, _ in results]


class Clock:
    """Where the time and memory of a build go, by stage (reported, never compared).

    `seconds`: the time of each stage; `memory`: this process's resident
    memory (MB) at the end of each stage; `peak`: the largest it has been
    so far, and the largest of its workers that have ended (the stage in
    which a peak first shows is the one that made it).
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.memory: dict[str, float] = {}
        self.peak: dict[str, tuple[float, float]] = {}
        self._last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self.memory[stage] = resident_mb()
        self.peak[stage] = peak_mb()
        self._last = now


def peak_mb() -> tuple[float, float]:
    """The largest resident memory of this process so far, and of its ended workers, in MB."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(own.ru_maxrss / 1024, 1), round(workers.ru_maxrss / 1024, 1)


def resident_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is not there)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return round(pages * PAGE_SIZE / 2**20, 1)


def plan_charts(
    specs: tuple[charts.Chart, ...], store: Store
) -> tuple[dict[str, bytes], list[tuple[charts.Chart, str]]]:
    """The drawings the store has by path, and the (chart, format) pairs left to draw."""
    out: dict[str, bytes] = {}
    missing: list[tuple[charts.Chart, str]] = []
    for chart in specs:
        for fmt in ("svg", "png"):
            data = store.get(CHARTS, chart_key(chart, fmt))
            if data is None:
                missing.append((chart, fmt))
            else:
                out[_path(chart, fmt)] = data
    return out, missing


def keep_charts(
    missing: list[tuple[charts.Chart, str]], made: list[bytes], out: dict[str, bytes], store: Store
) -> dict[str, bytes]:
    for (chart, fmt), data in zip(missing, made, strict=True):
        out[_path(chart, fmt)] = data
        store.put(CHARTS, chart_key(chart, fmt), data)
    return out


def _chart_cost(job: tuple[charts.Chart, str]) -> float:
    return charts.size(job[0])


def draw(job: tuple[charts.Chart, str]) -> bytes:
    """One drawing: a chart in a format (svg, png)."""
    return charts.render(*job)


def _path(chart: charts.Chart, fmt: str) -> str:
    return chart.path if fmt == "svg" else downloads.chart_png_path(chart.path)


def chart_key(chart: charts.Chart, fmt: str) -> str:
    """What a chart shows, the code that draws it, and the format."""
    return f"{hashlib.sha256(code.digest() + charts.key(chart).encode()).hexdigest()[:24]}.{fmt}"
