"""The pipeline end to end, without MkDocs: data folder in, site files out.

`generate` loads and validates the folder, computes the results, renders
pages and draws charts (reusing drawings whose spec is unchanged from the
cache), and returns every generated file as bytes keyed by its path under
the docs root. The MkDocs hook only hands these files to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from scripts import charts, downloads, editions, printview
from scripts.compute import Results
from scripts.model import Dataset
from scripts.pages import Rendered, render
from scripts.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Generated:
    dataset: Dataset
    results: Results
    rendered: Rendered
    files: dict[str, bytes]  # path under the docs root → content
    charts_drawn: int  # how many charts were drawn rather than taken from the cache
    edition: str = editions.INTERNAL
    withheld: tuple[editions.Item, ...] = ()  # rows of the data this edition leaves out


def data_folder(env: dict[str, str] | None = None, base: Path = ROOT) -> Path:
    """The data folder: `SITE_DATA` if set, else `data/` beside mkdocs.yml."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("SITE_DATA") or "data"
    path = Path(chosen)
    return path if path.is_absolute() else base / path


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


def generate(folder: Path, cache: Path | None = None, edition: str = editions.INTERNAL) -> Generated:
    dataset, withheld = editions.edition(load_dataset(folder), edition, folder.resolve().name)
    results = Results(dataset)
    rendered = render(dataset, results)
    files = {p.path: p.markdown.encode("utf-8") for p in rendered.pages}
    drawn = 0
    for chart in rendered.charts:
        svg, was_drawn = draw(chart, cache)
        files[chart.path] = svg
        drawn += was_drawn
        files[downloads.chart_png_path(chart.path)] = draw(chart, cache, "png")[0]
    files.update(downloads.generate(dataset, results, cache))
    print_view = printview.page(dataset, rendered, pdf=pdf_requested())
    files[print_view.path] = print_view.markdown.encode("utf-8")
    return Generated(dataset, results, rendered, files, drawn, edition, withheld)


def draw(chart: charts.Chart, cache: Path | None, fmt: str = "svg") -> tuple[bytes, bool]:
    """The chart as SVG (or PNG), from the cache when its spec was drawn before."""
    if cache is None:
        return charts.render(chart, fmt), True
    path = cache / "charts" / f"{charts.key(chart)}.{fmt}"
    if path.exists():
        return path.read_bytes(), False
    svg = charts.render(chart, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(svg)
    tmp.replace(path)
    return svg, True
