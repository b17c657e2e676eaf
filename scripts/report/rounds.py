"""The program over time: the dataset as it stood at a reporting date, the statuses at each round, what moved.

A program is reported at rounds (`Program.rounds`: quarterly reviews, the
mid-term, the end). `stood` is the dataset as it stood at a date: the values
known by then (the data contract's table below), and the documents,
milestones, topics' acceptances and dated findings of that date or before.
The same function gives each round's statuses (the status method of
`scripts.report.status`, unchanged, with time elapsed measured at the round)
and the whole site as of a past round (`SITE_AS_OF`).

| the value has…                     | it counts at a round on date D when… |
|------------------------------------|--------------------------------------|
| `reported`                         | `reported` is on or before D         |
| no `reported`                      | its period ends on or before D       |
| no `reported`, at the last round   | its period has begun, as today       |

A round shows the figures held now: a figure revised after a round shows its
revised value at that round too (the data keeps one figure per period).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from dataclasses import dataclass

from scripts.data import editions
from scripts.data.model import Dataset, Indicator, Period, Round, Value
from scripts.report.compute import Results
from scripts.report.memo import Always, Memo
from scripts.report.status import Status

KIND = "rounds"  # what an indicator's statuses at every round are kept as (`Memo.indicator`)
# How good a status with a figure is: a move up this scale is an improvement, down it a slip.
RANK = {"not_met": 0, "behind": 1, "on_track": 2, "achieved": 3}


def known(value: Value, day: dt.date, last: bool = False) -> bool:
    """Whether `value` was known at a round on `day` (`last`: the program's `as_of`, the latest round)."""
    if value.reported is not None:
        return value.reported <= day
    if last:
        return value.period.first_day <= day
    return value.period.last_day <= day


def stood(ds: Dataset, day: dt.date) -> Dataset:
    """The dataset as it stood on `day`, which becomes its `as_of` (its rounds after `day` left out).

    Values not known by then are left out (`known`); so are documents and
    milestones dated after it, and findings whose `date` is after it (a
    finding without one counts at every round; findings are numbered again
    within each kind). A topic accepted after `day` is shown as in progress.
    A reference to a document left out is dropped, as the public edition
    drops one to an internal document.
    """
    last = day >= ds.program.as_of
    program = dataclasses.replace(
        ds.program, as_of=day, given_rounds=tuple(r for r in ds.program.given_rounds if r.date <= day)
    )
    documents = tuple(d for d in ds.documents if d.date <= day)
    numbers = {d.number for d in documents}
    indicators = tuple(
        i if i.document is None or i.document in numbers else dataclasses.replace(i, document=None)
        for i in ds.indicators
    )
    topics = tuple(
        t
        if t.accepted_on is None or t.accepted_on <= day
        else dataclasses.replace(t, status="in_progress", accepted_on=None, rating="")
        for t in ds.topics
    )
    named = {i.id for i in indicators} | numbers | {t.id for t in topics}
    findings = (
        dataclasses.replace(f, related=tuple(x for x in f.related if x in named))
        for f in ds.findings
        if f.date is None or f.date <= day
    )
    return dataclasses.replace(
        ds,
        program=program,
        indicators=indicators,
        values=tuple(v for v in ds.values if known(v, day, last)),
        topics=topics,
        documents=documents,
        findings=editions.renumbered(findings),
        milestones=tuple(m for m in ds.milestones if m.date <= day),
        fingerprint=hashlib.sha256(f"{ds.fingerprint}|as_of={day.isoformat()}".encode()).hexdigest(),
    )


def statuses(ds: Dataset, ind: Indicator, r: Results | None = None) -> Rounds:
    """The status of `ind` for the whole at each round of the program, and its late figures (`Rounds`).

    Worked out on the dataset as it stood at each round (`stood`), narrowed to
    the whole's values of this indicator, so it depends on nothing else of the
    values (a rebuild after an edit works out again the rounds of one indicator).
    `r`: the results of `ds`, whose values are grouped already.
    """
    own = (r or Results(ds)).values(ind.id, ds.root.code)
    narrow = dataclasses.replace(ds, values=own)
    found: list[Status | None] = []
    for rnd in ds.program.rounds:
        s = Results(stood(narrow, rnd.date)).status(ind.id)
        found.append(None if s.code == "no_data" or s.compared is None else s)
    rounds = ds.program.rounds
    late: tuple[Period, ...] = ()
    if len(rounds) > 1:
        prev = rounds[-2].date
        late = tuple(
            v.period
            for v in own
            if v.value is not None and v.reported is not None and v.reported > prev and v.period.last_day <= prev
        )
    return Rounds(tuple(found), late)


@dataclass(frozen=True)
class Rounds:
    """An indicator's status for the whole at each round (None: no figure was known then), and the periods of
    its figures reported after the previous round though those periods had ended by then (supplied late, or
    revised, as `reported` tells)."""

    statuses: tuple[Status | None, ...]
    late: tuple[Period, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """Each indicator's status for the whole at each round, in the order of `rounds`."""

    rounds: tuple[Round, ...]
    by_indicator: dict[str, Rounds]

    @property
    def previous(self) -> Round | None:
        return self.rounds[-2] if len(self.rounds) > 1 else None

    def cells(self, indicator: str) -> tuple[Status | None, ...]:
        return self.by_indicator[indicator].statuses


def timeline(ds: Dataset, memo: Memo | None = None, r: Results | None = None) -> Timeline:
    """Every indicator's statuses at every round; `memo` keeps each indicator's (keyed by its values)."""
    memo, r = memo or Always(), r or Results(ds)
    found = {
        ind.id: memo.indicator(ind.id, KIND, functools.partial(statuses, ds, ind, r), count=False)
        for ind in ds.indicators
    }
    return Timeline(ds.program.rounds, found)


def previous_status(t: Timeline, indicator: str) -> Status | None:
    """The status of an indicator at the round before the latest (None: no figure then, or a single round).

    What the Word report's "Kỳ trước" column shows.
    """
    return t.cells(indicator)[-2] if len(t.rounds) > 1 else None


# --- what moved between the previous round and the latest ---------------------

MOVES = ("new", "met", "improved", "slipped", "late")


@dataclass(frozen=True)
class Move:
    """How an indicator moved between the previous round and the latest; each indicator moves once.

    `kind`: `new` (no figure at the previous round), `met` (the target met
    since), `improved`, `slipped`, or `late` (figures of periods that had ended
    by the previous round, reported after it: supplied late or revised, as
    `reported` tells; `periods` names them).
    """

    indicator: Indicator
    kind: str
    before: Status | None
    after: Status | None
    periods: tuple[Period, ...] = ()


def moves(ds: Dataset, t: Timeline) -> tuple[Move, ...]:
    """What moved since the previous round, by kind (`MOVES`), indicators in the program's order."""
    if t.previous is None:
        return ()
    out: list[Move] = []
    for ind in ds.indicators:
        found = t.by_indicator[ind.id]
        before, after = found.statuses[-2], found.statuses[-1]
        kind = _kind(before, after) or ("late" if found.late else "")
        if kind:
            out.append(Move(ind, kind, before, after, found.late if kind == "late" else ()))
    return tuple(sorted(out, key=lambda m: MOVES.index(m.kind)))


def _kind(before: Status | None, after: Status | None) -> str:
    if after is None:
        return ""
    if before is None:
        return "new"
    if before.code not in RANK or after.code not in RANK:
        return ""
    if after.code == "achieved" and before.code != "achieved":
        return "met"
    if RANK[after.code] > RANK[before.code]:
        return "improved"
    if RANK[after.code] < RANK[before.code]:
        return "slipped"
    return ""
