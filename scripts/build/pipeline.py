"""The pipeline end to end, without MkDocs: data folder in, site files out.

`generate` loads and validates the folder, computes the results, renders
pages and draws charts, and returns every generated file as bytes keyed by
its path under the docs root. The MkDocs hook only hands these files to
MkDocs.

A chart is drawn only when no drawing of the same spec is in the cache
(`charts.key` hashes exactly what it shows and the code);
the charts left to draw are drawn in a process pool across the cores, which
gives the same bytes as drawing them one by one.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.build import code, datacache, downloadfiles, output, pagekeys, parallel
from scripts.data import editions
from scripts.data.model import Dataset
from scripts.downloads import tables as downloads
from scripts.report import changes, charts, pages, printview
from scripts.report.compute import Results
from scripts.report.pages import Rendered

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, repr=False)
class Generated:
    dataset: Dataset
    results: Results
    rendered: Rendered
    files: dict[str, bytes]  # path under the docs root → content
    charts_drawn: int  # how many charts were drawn rather than taken from the cache
    edition: str = editions.INTERNAL
    withheld: tuple[editions.Item, ...] = ()  # rows of the data this edition leaves out
    seconds: dict[str, float] = field(default_factory=dict)  # where the time went, by stage
    downloads_made: tuple[str, ...] = ()  # pages whose download files were made rather than taken from the cache
    cache_entries: tuple[Path, ...] = ()  # the drawings and download files of the cache this build used
    values_validated: int = 0  # rows of values validated by this build (the others were validated before)
    pages_made: int = 0  # indicator, appendix and unit pages rendered (the others were read back from the cache)

    def __repr__(self) -> str:
        # Short: plugins print the config (the macros plugin turns it into text on every build).
        return f"<Generated: {len(self.files)} files>"


def data_folder(env: dict[str, str] | None = None, base: Path = ROOT) -> Path:
    """The data folder: `SITE_DATA` if set, else `data/` beside mkdocs.yml."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("SITE_DATA") or "data"
    path = Path(chosen)
    return path if path.is_absolute() else base / path


def cache_folder(env: dict[str, str] | None = None, base: Path = ROOT) -> Path | None:
    """Where drawings and rendered pages are kept: `SITE_CACHE`, default `.cache/`; `off` keeps none."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("SITE_CACHE") or ".cache"
    if chosen == "off":
        return None
    path = Path(chosen)
    return path if path.is_absolute() else base / path


def jobs(env: dict[str, str] | None = None) -> int:
    """How many processes draw: `SITE_JOBS`, default every core this process may use."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("SITE_JOBS", "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build_date(env: dict[str, str] | None = None) -> dt.date:
    """Today, or `SOURCE_DATE_EPOCH` for reproducible builds."""
    env = dict(os.environ) if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def pdf_requested(env: dict[str, str] | None = None) -> bool:
    """`SITE_PDF=1`: the build also prints the print view to PDF."""
    env = dict(os.environ) if env is None else env
    return env.get("SITE_PDF") == "1"


def generate(
    folder: Path,
    cache: Path | None = None,
    edition: str = editions.INTERNAL,
    previous: Path | None = None,
    workers: int = 1,
) -> Generated:
    """Every generated file; `previous` is the site this build replaces (for "what changed").

    Once the dataset is loaded, the downloads, the data package, keeping the
    dataset for the next build and the charts (known once the indicator
    pages are made) go to a process pool, while this process renders the
    other pages and the list of changes.
    """
    clock = Clock()
    gc.unfreeze()  # what an earlier build of this process (`mkdocs serve`) froze may be collected now
    validated, keep = datacache.load(folder, cache)
    dataset, withheld = editions.edition(validated, edition, folder.resolve().name)
    results = Results(dataset)
    reuse = pagekeys.Reuse(None if cache is None else cache / "pages", dataset, results, edition).prepare()
    gc.freeze()  # the data lives as long as the build: collections (and forked workers) leave it alone
    clock.lap("load")
    parallel.share(dataset=dataset, results=results, cache=cache, keep=keep, reuse=reuse)
    files: dict[str, bytes] = {}
    with parallel.Pool(workers) as pool:
        made = pool.call(_downloads)
        package = pool.call(_package)
        kept = pool.call(_keep_dataset)
        by_indicator = pages.indicator_pages(dataset, results, reuse)
        drawings, missing = plan_charts(tuple(c for _, specs in by_indicator for c in specs), cache)
        drawn = pool.submit(_render, missing, cost=_chart_cost)
        clock.lap("indicator pages")
        rendered = pages.render(dataset, results, by_indicator, reuse)
        clock.lap("render")
        change_page, change_files = changes.files(dataset, results, changes.read_previous(previous, dataset))
        rendered = Rendered((*rendered.pages, change_page), rendered.charts)
        files.update({p.path: p.markdown.encode("utf-8") for p in rendered.pages})
        files.update(change_files)
        print_view = printview.page(dataset, rendered, pdf=pdf_requested())
        files[print_view.path] = print_view.markdown.encode("utf-8")
        clock.lap("changes, print view")
        files.update(keep_charts(missing, drawn.results(), drawings, cache))
        [downloaded] = made.results()
        files.update(downloaded.files)
        [files[downloads.PACKAGE]] = package.results()
        kept.results()
        clock.lap("waiting for the pool")
    charts_drawn = len({chart.path for chart, _ in missing})
    entries = downloaded.entries + tuple(p for c in rendered.charts for p in chart_entries(c, cache))
    entries += tuple(p for p in [downloadfiles.package_entry(dataset, cache)] if p is not None)
    entries += tuple(sorted(reuse.used))
    validated_rows = len(validated.values) if cache is None else keep.rows_checked if keep else 0
    return Generated(
        dataset,
        results,
        rendered,
        files,
        charts_drawn,
        edition,
        withheld,
        clock.seconds,
        downloaded.pages,
        entries,
        validated_rows,
        reuse.made,
    )


def _downloads() -> downloadfiles.Made:
    """The files to download of every page, made in one worker (the other draws the charts)."""
    dataset, results, cache = parallel.shared("dataset"), parallel.shared("results"), parallel.shared("cache")
    return downloadfiles.make_reusing(dataset, results, parallel.shared("reuse"), cache)


def _package() -> bytes:
    return downloadfiles.cached_package(parallel.shared("dataset"), parallel.shared("cache"))


def _keep_dataset() -> None:
    """Keep the dataset validated by this build for the next one (if it was not taken from the cache)."""
    keep = parallel.shared("keep")
    if keep is not None:
        datacache.store(keep)


class Clock:
    """Where the time of a build goes, by stage (seconds; reported, never compared)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.monotonic()

    def lap(self, stage: str) -> None:
        now = time.monotonic()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def draw_all(specs: tuple[charts.Chart, ...], cache: Path | None, workers: int = 1) -> tuple[dict[str, bytes], int]:
    """Every chart as SVG and PNG by path, and how many charts had to be drawn."""
    out, missing = plan_charts(specs, cache)
    made = parallel.run(_render, missing, workers, cost=_chart_cost)
    return keep_charts(missing, made, out, cache), len({chart.path for chart, _ in missing})


def plan_charts(
    specs: tuple[charts.Chart, ...], cache: Path | None
) -> tuple[dict[str, bytes], list[tuple[charts.Chart, str]]]:
    """The drawings the cache has by path, and the (chart, format) pairs left to draw."""
    out: dict[str, bytes] = {}
    missing: list[tuple[charts.Chart, str]] = []
    for chart in specs:
        for fmt in ("svg", "png"):
            data = cached(chart, cache, fmt)
            if data is None:
                missing.append((chart, fmt))
            else:
                out[_path(chart, fmt)] = data
    return out, missing


def keep_charts(
    missing: list[tuple[charts.Chart, str]], made: list[bytes], out: dict[str, bytes], cache: Path | None
) -> dict[str, bytes]:
    for (chart, fmt), data in zip(missing, made, strict=True):
        out[_path(chart, fmt)] = data
        store(chart, data, cache, fmt)
    return out


def _chart_cost(job: tuple[charts.Chart, str]) -> float:
    return charts.size(job[0])


def _render(job: tuple[charts.Chart, str]) -> bytes:
    return charts.render(*job)


def _path(chart: charts.Chart, fmt: str) -> str:
    return chart.path if fmt == "svg" else downloads.chart_png_path(chart.path)


def chart_entries(chart: charts.Chart, cache: Path | None) -> tuple[Path, ...]:
    return tuple(p for p in (_entry(chart, cache, fmt) for fmt in ("svg", "png")) if p is not None)


def _entry(chart: charts.Chart, cache: Path | None, fmt: str) -> Path | None:
    """Where the cache keeps the drawing of `chart` in `fmt`: under a hash of what it shows."""
    return None if cache is None else cache / "charts" / f"{_chart_key(chart)}.{fmt}"


def cached(chart: charts.Chart, cache: Path | None, fmt: str = "svg") -> bytes | None:
    path = _entry(chart, cache, fmt)
    return path.read_bytes() if path is not None and path.exists() else None


def store(chart: charts.Chart, data: bytes, cache: Path | None, fmt: str = "svg") -> None:
    path = _entry(chart, cache, fmt)
    if path is not None:
        output.write_atomic(path, data)


def _chart_key(chart: charts.Chart) -> str:
    """What a chart shows and the code that draws it."""
    return hashlib.sha256(code.digest() + charts.key(chart).encode()).hexdigest()[:24]
