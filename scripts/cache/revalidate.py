"""Validate again only the rows of values.csv that the last build has not seen.

A quarterly update or a correction changes a handful of the hundreds of
thousands of rows of `values.csv`. A row is checked on its own, against the
other files (its cells, its indicator, its unit), and the rows together only
for the uniqueness of their keys. So while every other input file and the
checking code stay the same, a line of text the last build validated gives
the same value again: only the new lines are checked, with every other file,
by the very validation a full build runs, and then the keys of all rows
together.

Anything out of the ordinary falls back to a full validation: a problem in
the new lines, a duplicate key, a quoted cell that spans lines, values kept
in a workbook, another file changed, more than a quarter of the lines new.
Messages and their row numbers are therefore always a full validation's.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import itertools
import operator
from dataclasses import dataclass
from pathlib import Path

from scripts.data.errors import DataError, Problem
from scripts.data.load import (
    RawRow,
    RawTable,
    csv_lines,
    delimiter_of,
    display_name,
    first_line,
    nfc,
    parse_csv,
    read_text,
)
from scripts.data.model import Dataset, Indicator, Value
from scripts.data.validate import Checked, check, sorted_values

VALUES = "values.csv"
MAX_NEW = 0.25  # beyond this share of new lines a full validation is about as quick
# What no line of values.csv is checked against: the record of the returns collected, and the copies of
# values.csv the collection keeps beside it (`scripts.returns.files`).
NOT_CHECKED_AGAINST = ("receipts.csv", "receipts.xlsx")
BACKUPS = (f"{VALUES}.truoc-", "values.xlsx.truoc-")


def checked_against(name: str) -> bool:
    """Whether a line of values.csv is checked against the file `name` of the data folder (values.csv itself not)."""
    return name != VALUES and name not in NOT_CHECKED_AGAINST and not name.startswith(BACKUPS)


@dataclass(frozen=True, repr=False)
class Known:
    """The lines of values.csv a build validated, with the value each gave."""

    context: str  # hash of every other input file and of the checking code (`scripts.cache.datacache.context`)
    head: int  # lines up to and including the header row
    text: str  # values.csv as read: NFC, `\n` line ends
    values: tuple[Value | None, ...]  # the value of each line after the head; None for an empty line


def known(folder: Path, checked: Checked, context: str) -> Known | None:
    """What the next build may reuse of a full validation; None when values.csv does not allow it."""
    text = _text(folder)
    if text is None:
        return None
    lines = text.split("\n")
    head = _head(lines, text)
    if head is None or any(line.count('"') % 2 for line in lines):  # a quoted cell spans lines
        return None
    values = tuple(checked.value_rows.get(n) for n in range(head + 1, len(lines) + 1))
    return Known(context, head, text, values)


def revalidate(
    folder: Path, previous: Known, context: str, ordered: tuple[Value, ...] = ()
) -> tuple[Dataset, Known, int] | None:
    """The folder's dataset, checking only the lines `previous` lacks, and how many lines that was.

    `ordered`: the values of the dataset `previous` was kept with, in the dataset's order. None: validate
    the folder in full.
    """
    text = _text(folder) if context == previous.context else None
    if text is None:
        return None
    lines, old = text.split("\n"), previous.text.split("\n")
    head = previous.head
    if lines[:head] != old[:head]:
        return None
    edited = _edited_in_place(lines, old)
    if edited is not None:
        values = list(previous.values)
        for n in edited:
            values[n - head] = None
    else:
        seen = dict(zip(old[head:], previous.values, strict=True))  # an empty line gives None, as a new one
        values = list(map(seen.get, lines[head:]))
    unknown = itertools.compress(itertools.count(head), map(operator.is_, values, itertools.repeat(None)))
    new = [n for n in unknown if lines[n]]
    if len(new) > MAX_NEW * len(lines) or any(lines[n].count('"') % 2 for n in new):
        return None
    checked = _check_lines(folder, lines[:head], {n + 1: lines[n] for n in new})
    if checked is None:
        return None
    for n in new:
        values[n - head] = checked.value_rows.get(n + 1)
    indicators = checked.dataset.indicators
    in_order = None
    if edited is not None:  # each edited line's value in place of the value it had
        in_order = _replaced(ordered, [(previous.values[n - head], values[n - head]) for n in edited], indicators)
    if in_order is None:
        in_order = sorted_values(filter(None, values), indicators)
        keys = list(map(_KEY, in_order))
        if any(map(operator.eq, keys, itertools.islice(keys, 1, None))):
            return None  # a duplicate key (sorting puts it next to its twin): a full validation names both rows
    return dataclasses.replace(checked.dataset, values=in_order), Known(context, head, text, tuple(values)), len(new)


_KEY = operator.attrgetter("indicator", "unit", "period.sort_key")
IN_PLACE = 1000  # at most this many lines edited where they stand are looked at one by one


def _edited_in_place(lines: list[str], old: list[str]) -> list[int] | None:
    """The lines that differ from `old` where they stand, when lines were only edited there (as many
    lines, at most `IN_PLACE` of them changed); None for any other change (lines are then looked up
    by their text)."""
    if len(lines) != len(old):
        return None
    edited = list(itertools.islice(itertools.compress(itertools.count(), map(operator.ne, lines, old)), IN_PLACE + 1))
    return edited if len(edited) <= IN_PLACE else None


def _replaced(
    ordered: tuple[Value, ...], edits: list[tuple[Value | None, Value | None]], indicators: tuple[Indicator, ...]
) -> tuple[Value, ...] | None:
    """`ordered` with the value of each edited line in place of the value it had, when each edit kept
    the key (indicator, unit, period): then neither the order nor the keys' uniqueness can have
    changed. None for any other edit, a line emptied or filled (the values are then sorted and checked
    again)."""
    if not ordered or not edits:
        return None
    position = {ind.id: n for n, ind in enumerate(indicators)}
    out = list(ordered)
    for was, now in edits:
        if was is None or now is None or _KEY(was) != _KEY(now):
            return None
        key = (position[was.indicator], was.unit, was.period.sort_key)
        at = bisect.bisect_left(out, key, key=lambda v: (position[v.indicator], v.unit, v.period.sort_key))
        if at == len(out) or out[at] != was:
            return None
        out[at] = now
    return tuple(out)


def _check_lines(folder: Path, head: list[str], rows: dict[int, str]) -> Checked | None:
    """The folder validated with only `rows` (row number → line) of values.csv; None on any problem."""
    problems: list[Problem] = []
    table = parse_csv("\n".join([*head, *rows.values()]), "values", display_name(folder, VALUES), problems)
    if table is None or problems:
        return None
    numbers = dict(enumerate(rows, len(head) + 1))  # row of the text above → row of the file
    renumbered = tuple(RawRow(numbers[r.number], r.cells, r.complete) for r in table.rows)
    try:
        return check(folder, values=RawTable(table.name, table.file, table.header, renumbered, table.sheet))
    except DataError:
        return None


def _text(folder: Path) -> str | None:
    """values.csv as the reader sees it; None when the values are not (only) in values.csv."""
    path = folder / VALUES
    if not path.is_file() or (folder / "values.xlsx").exists():
        return None
    text = read_text(path, VALUES, [])
    return None if text is None else csv_lines(text)


def _head(lines: list[str], text: str) -> int | None:
    """How many lines the header row and the empty lines before it take."""
    delimiter = delimiter_of(first_line(text))
    for n, line in enumerate(lines, 1):
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if any(nfc(c) for c in cells):
            return n
    return None
