"""Vietnamese presentation of numbers and dates, and escaping of data text.

Every number the site prints goes through `number`, every date through
`date`, and every piece of text from the data through `text`, which makes
it inert in Markdown, HTML and Jinja alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+-.!|~:$%&\"'=^"}
# A private-use character marks a place the build fills in (scripts.report.whole); data text never carries one.
SLOT = "\ue000"
_ESCAPES[SLOT] = f"&#{ord(SLOT)};"
_INERT = str.maketrans(_ESCAPES)


@functools.lru_cache(maxsize=1 << 16)  # the same figures recur across tables, pages and units
def number(x: float | None, decimals: int = 2) -> str:
    """`1234.5` → `1.234,5`; at most `decimals` decimals, no trailing zeros."""
    if x is None or math.isnan(x):
        return "–"
    rounded = round(x, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    whole, _, frac = f"{abs(rounded):.{decimals}f}".partition(".")
    frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


@functools.lru_cache(maxsize=1 << 16)  # one call per cell of every table: the same figures recur
def quantity(x: float | None, measure: str) -> str:
    """A number with its unit of measure, as Markdown: `85,2%`, `12.345 người`.

    The measure is data text, so it is made inert like any other cell.
    """
    if x is None or measure.strip() == "%":
        return quantity_text(x, measure)
    return f"{number(x)} {text(measure)}".rstrip()


def quantity_text(x: float | None, measure: str) -> str:
    """`quantity` as plain text, for text that is escaped later (chart alt text)."""
    if x is None:
        return "–"
    if measure.strip() == "%":
        return f"{number(x)}%"
    return f"{number(x)} {measure}".rstrip()


def percent(share: float | None) -> str:
    """A share (0.852) as a percentage (`85,2%`)."""
    return "–" if share is None else f"{number(share * 100, 1)}%"


def date(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d/%m/%Y")


def date_text(text: str) -> str:
    """A `date_or_year` field: a year as is, an ISO date as DD/MM/YYYY."""
    if len(text) == 10 and text[4] == "-":
        return date(dt.date.fromisoformat(text))
    return text


def text(value: object) -> str:
    """Data text made inert: shown literally by Markdown, HTML and Jinja.

    Markdown, HTML and template punctuation become numeric character
    references; line breaks become spaces so a cell cannot break a table.
    """
    return _text(value) if type(value) is str else _text("" if value is None else str(value))


@functools.lru_cache(maxsize=1 << 16)  # names of units and indicators recur in every table
def _text(s: str) -> str:
    return " ".join(s.split()).translate(_INERT)


def cell(value: object) -> str:
    """`text` for a table cell: never empty, so Markdown keeps the column."""
    return text(value) or " "
