"""Every page made from the data, in the order a build needs them."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from scripts.data.model import Dataset
from scripts.report import charts
from scripts.report import rounds as rounds_mod
from scripts.report.compute import Results
from scripts.report.memo import Always, Memo
from scripts.report.pages.appendix import appendix_index, appendix_pages
from scripts.report.pages.assessment import assessment_page, directions_page
from scripts.report.pages.common import Page, Rendered
from scripts.report.pages.indicator import indicator_page
from scripts.report.pages.program import program_page
from scripts.report.pages.receipts import receipts_page
from scripts.report.pages.results import indicators_index, results_page
from scripts.report.pages.timeline import milestones_page
from scripts.report.pages.topics import topic_page, topics_index
from scripts.report.pages.units import unit_page, units_index


def indicator_pages(ds: Dataset, r: Results, reuse: Memo | None = None) -> list[tuple[Page, list[charts.Chart]]]:
    """The page of each indicator with its charts: what a build needs first, to start drawing.

    `reuse`: pages an earlier build made of the same data are read back (a `Memo`).
    """
    reuse = reuse or Always()
    return [reuse.indicator(ind.id, "page", functools.partial(indicator_page, ds, r, ind)) for ind in ds.indicators]


def render(
    ds: Dataset,
    results: Results | None = None,
    indicators: list[tuple[Page, list[charts.Chart]]] | None = None,
    reuse: Memo | None = None,
    whole_slots: bool = False,
    timeline: rounds_mod.Timeline | None = None,
) -> Rendered:
    """Every page made from the data, with the charts of the indicator pages (`each_page`, held together)."""
    r = results or Results(ds)
    reuse = reuse or Always()
    indicators = indicator_pages(ds, r, reuse) if indicators is None else indicators
    made = tuple(each_page(ds, r, indicators, reuse, whole_slots, timeline))
    return Rendered(made, tuple(c for _, specs in indicators for c in specs))


def each_page(
    ds: Dataset,
    r: Results,
    indicators: list[tuple[Page, list[charts.Chart]]],
    reuse: Memo | None = None,
    whole_slots: bool = False,
    timeline: rounds_mod.Timeline | None = None,
) -> Iterator[Page]:
    """Every page made from the data, one at a time, in the site's order; `indicators` are the indicator pages.

    A build writes each page out as it comes rather than holding them all: a commune-level program's
    pages hold over a hundred million characters.
    `whole_slots`: unit pages hold slots for the whole's figures, which the build fills (`scripts.report.whole`).
    `timeline`: the statuses at each reporting round, if worked out already (`scripts.report.rounds`).
    """
    reuse = reuse or Always()
    yield program_page(ds, r)
    yield results_page(ds, r, timeline or rounds_mod.timeline(ds, reuse, r))
    yield indicators_index(ds, r)
    yield from units_index(ds, r, reuse)
    yield topics_index(ds)
    yield assessment_page(ds, r)
    yield directions_page(ds, r)
    yield milestones_page(ds)
    yield appendix_index(ds, r)
    for ind, (page, _) in zip(ds.indicators, indicators, strict=True):
        yield page
        yield from reuse.indicator(ind.id, "appendix", functools.partial(appendix_pages, ds, r, ind))
    for u, _ in r.tree:
        yield reuse.unit(u.code, "page", functools.partial(unit_page, ds, r, u, whole_slots))
    for t in ds.topics:
        yield topic_page(ds, t)
    round_page = receipts_page(ds)  # internal: the public edition's dataset has no receipts
    if round_page is not None:
        yield round_page
