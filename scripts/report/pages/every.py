"""Every page made from the data, in the order a build needs them."""

from __future__ import annotations

import functools

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
    """Every page made from the data; `indicators` are the indicator pages if made already.

    `whole_slots`: unit pages hold slots for the whole's figures, which the build fills (`scripts.report.whole`).
    `timeline`: the statuses at each reporting round, if worked out already (`scripts.report.rounds`).
    """
    r = results or Results(ds)
    reuse = reuse or Always()
    indicators = indicator_pages(ds, r, reuse) if indicators is None else indicators
    pages: list[Page] = [
        program_page(ds, r),
        results_page(ds, r, timeline or rounds_mod.timeline(ds, reuse, r)),
        indicators_index(ds, r),
        *units_index(ds, r, reuse),
        topics_index(ds),
        assessment_page(ds, r),
        directions_page(ds, r),
        milestones_page(ds),
        appendix_index(ds, r),
    ]
    all_charts: list[charts.Chart] = []
    for ind, (page, ind_charts) in zip(ds.indicators, indicators, strict=True):
        pages.append(page)
        all_charts += ind_charts
        pages += reuse.indicator(ind.id, "appendix", functools.partial(appendix_pages, ds, r, ind))
    pages += [reuse.unit(u.code, "page", functools.partial(unit_page, ds, r, u, whole_slots)) for u, _ in r.tree]
    pages += [topic_page(ds, t) for t in ds.topics]
    round_page = receipts_page(ds)  # internal: the public edition's dataset has no receipts
    if round_page is not None:
        pages.append(round_page)
    return Rendered(tuple(pages), tuple(all_charts))
