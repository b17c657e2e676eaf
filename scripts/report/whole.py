"""The whole's figures on every unit page, filled in at the end rather than rendered into each page.

A unit page shows, beside each of the unit's results, the whole's result and
status. Written into the page, one edit of the whole's figure would render
every unit page again. Instead the page holds a slot for each (`pages.whole_slot`), made
of a private-use character that data text can never carry (`fmt.text`
escapes it), and the build fills the slots of every page as it is written
(`fill`), from the figures of this build (`figures`). The page a reader
gets is the same; what is kept between builds no longer depends on the
whole's figures.
"""

from __future__ import annotations

import re

from scripts.data.model import Dataset
from scripts.report.compute import Results
from scripts.report.fmt import SLOT
from scripts.report.pages import result_text, status_badge

_SLOT = re.compile(f"{SLOT}(\\d+)([rs]){SLOT}")


def figures(ds: Dataset, r: Results) -> dict[str, str]:
    """What fills each slot: the whole's result and status badge of every indicator, as HTML."""
    out: dict[str, str] = {}
    for n, ind in enumerate(ds.indicators):
        s = r.status(ind.id)
        out[f"{n}r"] = result_text(ind, s, r.decimals(ind))
        out[f"{n}s"] = status_badge(s)
    return out


def fill(html: str, filled: dict[str, str]) -> str:
    """`html` with every slot filled; a page without slots is returned as it is."""
    if SLOT not in html:
        return html
    return _SLOT.sub(lambda m: filled[m.group(1) + m.group(2)], html)
