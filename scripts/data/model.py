"""The typed, immutable dataset that every stage after validation receives."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year, a quarter or a month."""

    year: int
    months: int  # 12 for a year, 3 for a quarter, 1 for a month
    index: int  # 1 for a year; the quarter (1-4) or the month (1-12)

    def __hash__(self) -> int:
        # Tables look values up by period millions of times; ints hash alike in every process.
        return self.year * 1024 + self.months * 16 + self.index

    @classmethod
    def parse(cls, text: str) -> Period | None:
        return _parse_period(text)

    @classmethod
    def _parse(cls, text: str) -> Period | None:
        m = _PERIOD.match(text)
        if not m:
            return None
        year = int(m.group(1))
        if not 1900 <= year <= 2100:
            return None
        if m.group(2):
            return cls(year, 3, int(m.group(2)))
        if m.group(3):
            return cls(year, 1, int(m.group(3)))
        return cls(year, 12, 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def next_day(self) -> dt.date:
        """The first day after the period: its end, as an instant."""
        month = self.index * self.months + 1
        return dt.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next_day - dt.timedelta(days=1)

    @cached_property  # sorting every value of a large program asks for it often
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.next_day, -self.months)

    @cached_property  # asked for by every cell of every table
    def code(self) -> str:
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    @cached_property  # asked for by every cell of every table
    def label(self) -> str:
        if self.months == 12:
            return f"Năm {self.year}"
        if self.months == 3:
            return f"Quý {('I', 'II', 'III', 'IV')[self.index - 1]}/{self.year}"
        return f"Tháng {self.index}/{self.year}"

    @cached_property  # asked for by every cell of every table
    def short(self) -> str:
        if self.months == 12:
            return str(self.year)
        if self.months == 3:
            return f"Q{self.index}/{self.year}"
        return f"{self.index:02d}/{self.year}"


@functools.lru_cache(maxsize=4096)  # a data folder has few distinct periods and many values
def _parse_period(text: str) -> Period | None:
    return Period._parse(text)


@dataclass(frozen=True)
class Round:
    """A reporting round: the date the program is reported at, and its name ("Giao ban quý III/2019")."""

    date: dt.date
    name: str = ""


@dataclass(frozen=True)
class Program:
    code: str
    title: str
    issuer: str
    start: int
    end: int
    as_of: dt.date
    term: str = ""
    adopted: dt.date | None = None
    summary: str = ""
    innovations: str = ""
    illustrative: bool = False
    number_format: str = "en"
    contact: str = ""
    place: str = ""
    next_term: str = ""
    rank_units_home: bool = True
    given_rounds: tuple[Round, ...] = ()  # as written in program.yml; see `rounds`

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The reporting rounds, the last one `as_of`: as given, else 31 December of each year before it."""
        given = {r.date: r for r in self.given_rounds}
        if not given:
            given = {dt.date(y, 12, 31): Round(dt.date(y, 12, 31)) for y in range(self.start, self.as_of.year)}
            given = {d: r for d, r in given.items() if d < self.as_of}
        given.setdefault(self.as_of, Round(self.as_of))
        return tuple(given[d] for d in sorted(given))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 1, 1)

    @property
    def next_day_after(self) -> dt.date:
        return dt.date(self.end + 1, 1, 1)

    def covers(self, period: Period) -> bool:
        return self.start <= period.year <= self.end


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    parent: str | None
    slug: str
    row: int = 0


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    name: str
    measure: str
    direction: str
    slug: str
    target: float | None = None
    target_type: str | None = None
    target_text: str = ""
    target_op: str = ""  # ">=", ">", "<=", "<"; empty: ">=" for up, "<=" for down
    rank_units: str = "yes"
    baseline: float | None = None
    baseline_year: int | None = None
    target_status: str = "official"
    baseline_status: str = "official"
    document: str | None = None
    source: str = ""
    visibility: str = "public"
    description: str = ""

    @property
    def is_percent(self) -> bool:
        return self.measure.strip() == "%"

    @property
    def op(self) -> str:
        """How a value is held against the target: the given `target_op`, else the direction's default."""
        return self.target_op or (">=" if self.direction == "up" else "<=")

    @property
    def ranked(self) -> bool:
        """Whether units may be ranked (`rank_units: no` for sensitive tasks; never for a monitoring indicator)."""
        return self.rank_units != "no" and not self.monitored

    @property
    def monitored(self) -> bool:
        """A monitoring indicator (`direction: none`): no better or worse, its target only a reference."""
        return self.direction == "none"


@dataclass(frozen=True, slots=True)  # a program has hundreds of thousands: no dict of attributes each
class Value:
    indicator: str
    unit: str
    period: Period
    value: float | None = None
    status: str = "official"
    source: str = ""
    note: str = ""
    reported: dt.date | None = None  # when the figure was reported: decides the reporting rounds it counts at


class _Unfrozen:
    """`Value`'s fields in the same slots, set as a plain class sets them (`values_of`)."""

    __slots__ = Value.__slots__

    def __init__(
        self,
        indicator: str,
        unit: str,
        period: Period,
        value: float | None,
        status: str,
        source: str,
        note: str,
        reported: dt.date | None,
    ) -> None:
        self.indicator, self.unit, self.period, self.value = indicator, unit, period, value
        self.status, self.source, self.note, self.reported = status, source, note, reported


def values_of(*columns: Sequence[Any]) -> list[Value]:
    """`list(map(Value, *columns))`, in half the time: the columns hold each field of every value, in order.

    A frozen dataclass sets each field of each new object through
    `object.__setattr__`; a program's hundreds of thousands of values are
    made as a plain class with the very same slots, then become `Value`s
    (Python refuses the change of class unless the layouts are the same).
    """
    made: list[Any] = list(map(_Unfrozen, *columns))
    for value in made:
        value.__class__ = Value
    return made


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    lead_agency: str
    status: str
    slug: str
    body: str
    chair: str = ""
    field: str = ""
    start: str = ""
    end: str = ""
    rating: str = ""
    summary: str = ""  # one paragraph of results; see `result_summary`
    accepted_on: dt.date | None = None
    visibility: str = "public"
    source: str = ""

    @property
    def result_summary(self) -> str:
        """What the topic found: its `summary`, else the first paragraph of its Markdown that is prose."""
        if self.summary:
            return self.summary
        for block in re.split(r"\n\s*\n", self.body):
            text = block.strip()
            if text and not text.startswith(("#", "|", "-", "*", ">", "```", "<", "!", "1.")):
                return " ".join(line.strip() for line in text.splitlines())
        return ""


@dataclass(frozen=True)
class Document:
    number: str
    kind: str
    date: dt.date
    title: str
    slug: str
    issuer: str = ""
    field: str = ""
    summary: str = ""
    progress: str = ""  # planned, in_progress, completed, stopped (schemes, programs, plans, thematic work)
    result: str = ""  # Markdown: what it has achieved so far
    visibility: str = "public"
    source: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str  # overall, highlight, strength, limitation, cause, lesson, direction, solution
    order: int
    title: str
    text: str = ""
    responsible: str = ""
    aspect: str = ""  # causes: objective, subjective
    related: tuple[str, ...] = ()  # indicator ids, document numbers, topic ids
    source: str = ""
    date: dt.date | None = None  # when it was stated; None: it counts at every reporting round
    visibility: str = "public"


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    title: str
    chair: str = ""
    summary: str = ""
    visibility: str = "public"
    source: str = ""


@dataclass(frozen=True)
class Receipt:
    """A unit's return taken by the collection of returns (receipts.csv)."""

    unit: str
    period: Period
    received: dt.datetime
    file: str = ""
    sha256: str = ""
    added: int = 0
    revised: int = 0


@dataclass(frozen=True)
class Dataset:
    """Everything the site shows, validated; sorted so output is deterministic."""

    program: Program
    units: tuple[Unit, ...]
    indicators: tuple[Indicator, ...]
    values: tuple[Value, ...]
    topics: tuple[Topic, ...]
    documents: tuple[Document, ...] = ()
    findings: tuple[Finding, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    receipts: tuple[Receipt, ...] = ()  # by period, then unit and time received
    fingerprint: str = field(default="", compare=False)

    @cached_property
    def root(self) -> Unit:
        return next(u for u in self.units if u.parent is None)

    @cached_property
    def unit_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def document_by_number(self) -> dict[str, Document]:
        return {d.number: d for d in self.documents}

    @cached_property
    def topic_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @cached_property
    def findings_naming(self) -> dict[str, tuple[Finding, ...]]:
        """The findings that name each indicator id, document number or topic id in `related`."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            for item in f.related:
                out.setdefault(item, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    def findings_of(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    @cached_property
    def values_by_indicator(self) -> dict[str, tuple[Value, ...]]:
        out: dict[str, list[Value]] = {i.id: [] for i in self.indicators}
        for v in self.values:
            out[v.indicator].append(v)
        return {k: tuple(vs) for k, vs in out.items()}

    @cached_property
    def children(self) -> dict[str, tuple[Unit, ...]]:
        out: dict[str, list[Unit]] = {u.code: [] for u in self.units}
        for u in self.units:
            if u.parent is not None:
                out[u.parent].append(u)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def reporting_units(self) -> tuple[Unit, ...]:
        """The units asked for figures each round: every unit but the whole that has values, in order."""
        reporting = {v.unit for v in self.values}
        return tuple(u for u in self.units if u.parent is not None and u.code in reporting)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        return tuple(sorted({v.period for v in self.values}, key=lambda p: p.sort_key))
