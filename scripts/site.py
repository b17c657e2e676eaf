"""The pipeline end to end, without MkDocs: data folder in, site files out.

`generate` loads and validates the folder, computes the results, renders
pages and draws charts, and returns every generated file as bytes keyed by
its path under the docs root. The MkDocs hook only hands these files to
MkDocs.

A chart is drawn only when no drawing of the same spec is in the cache
(`charts.key` hashes exactly what it shows and the drawing code's version);
the charts left to draw are drawn in a process pool across the cores, which
gives the same bytes as drawing them one by one.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from scripts import changes, charts, datacache, downloads, editions, parallel, printview
from scripts.compute import Results
from scripts.model import Dataset
from scripts.pages import Rendered, render

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
    """Every generated file; `previous` is the site this build replaces (for "what changed")."""
    dataset, withheld = editions.edition(datacache.load(folder, cache), edition, folder.resolve().name)
    results = Results(dataset)
    rendered = render(dataset, results)
    change_page, change_files = changes.files(dataset, results, changes.read_previous(previous, dataset))
    rendered = Rendered((*rendered.pages, change_page), rendered.charts)
    files = {p.path: p.markdown.encode("utf-8") for p in rendered.pages}
    files.update(change_files)
    drawings, drawn = draw_all(rendered.charts, cache, workers)
    files.update(drawings)
    files.update(downloads.generate(dataset, results, cache, workers))
    print_view = printview.page(dataset, rendered, pdf=pdf_requested())
    files[print_view.path] = print_view.markdown.encode("utf-8")
    return Generated(dataset, results, rendered, files, drawn, edition, withheld)


def draw_all(specs: tuple[charts.Chart, ...], cache: Path | None, workers: int = 1) -> tuple[dict[str, bytes], int]:
    """Every chart as SVG and PNG by path, and how many charts had to be drawn."""
    out: dict[str, bytes] = {}
    missing: list[tuple[charts.Chart, str]] = []
    for chart in specs:
        for fmt in ("svg", "png"):
            data = cached(chart, cache, fmt)
            if data is None:
                missing.append((chart, fmt))
            else:
                out[_path(chart, fmt)] = data
    made = parallel.run(_render, missing, workers)
    for (chart, fmt), data in zip(missing, made, strict=True):
        out[_path(chart, fmt)] = data
        store(chart, data, cache, fmt)
    return out, len({chart.path for chart, _ in missing})


def _render(job: tuple[charts.Chart, str]) -> bytes:
    return charts.render(*job)


def _path(chart: charts.Chart, fmt: str) -> str:
    return chart.path if fmt == "svg" else downloads.chart_png_path(chart.path)


def draw(chart: charts.Chart, cache: Path | None, fmt: str = "svg") -> tuple[bytes, bool]:
    """The chart as SVG (or PNG), from the cache when its spec was drawn before."""
    data = cached(chart, cache, fmt)
    if data is not None:
        return data, False
    data = charts.render(chart, fmt)
    store(chart, data, cache, fmt)
    return data, True


def cached(chart: charts.Chart, cache: Path | None, fmt: str = "svg") -> bytes | None:
    if cache is None:
        return None
    path = cache / "charts" / f"{charts.key(chart)}.{fmt}"
    return path.read_bytes() if path.exists() else None


def store(chart: charts.Chart, data: bytes, cache: Path | None, fmt: str = "svg") -> None:
    if cache is None:
        return
    path = cache / "charts" / f"{charts.key(chart)}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
