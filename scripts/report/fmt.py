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


MAX_DECIMALS = 2  # the most decimals a figure is shown with


@functools.lru_cache(maxsize=1 << 16)  # the same figures recur across tables, pages and units
def number(x: float | None, decimals: int = MAX_DECIMALS, fixed: bool = False) -> str:
    """`1234.5` → `1.234,5`; at most `decimals` decimals, no trailing zeros (`fixed`: exactly, `91,0`)."""
    if x is None or math.isnan(x):
        return "–"
    rounded = round(x, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    whole, _, frac = f"{abs(rounded):.{decimals}f}".partition(".")
    if not fixed:
        frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def decimals_of(x: float | None) -> int:
    """How many decimals `x` is given with, as typed (`60.4` → 1, `60` → 0), at most `MAX_DECIMALS`."""
    if x is None or not math.isfinite(x):
        return 0
    for d in range(MAX_DECIMALS):
        scaled = x * 10**d
        if abs(scaled - round(scaled)) <= 1e-9 * max(1.0, abs(scaled)):
            return d
    return MAX_DECIMALS


def figure(x: float | None, decimals: int | None = None) -> str:
    """An indicator's figure: with exactly its `decimals` (`91,0` beside `93,5`); None: as few as it needs."""
    return number(x) if decimals is None else number(x, decimals, fixed=True)


@functools.lru_cache(maxsize=1 << 16)  # one call per cell of every table: the same figures recur
def quantity(x: float | None, measure: str, decimals: int | None = None) -> str:
    """A number with its unit of measure, as Markdown: `85,2%`, `12.345 người`.

    `decimals`: the indicator's (`Results.decimals`), kept even when they are zeros: `91,0%`.
    The measure is data text, so it is made inert like any other cell.
    """
    if x is None or measure.strip() == "%":
        return quantity_text(x, measure, decimals)
    return f"{figure(x, decimals)} {text(measure)}".rstrip()


def quantity_text(x: float | None, measure: str, decimals: int | None = None) -> str:
    """`quantity` as plain text, for text that is escaped later (chart alt text)."""
    if x is None:
        return "–"
    if measure.strip() == "%":
        return f"{figure(x, decimals)}%"
    return f"{figure(x, decimals)} {measure}".rstrip()


def percent(share: float | None) -> str:
    """A share (0.852) as a percentage with one decimal (`85,2%`, `72,0%`): a progress beside a time reads alike."""
    return "–" if share is None else f"{number(share * 100, 1, fixed=True)}%"


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
