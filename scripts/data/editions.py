"""Two editions from one data folder: the internal reference site and the public one.

The public edition is the site of the public rows alone. `public` drops every
row marked `visibility: internal` before anything is computed, so no page,
count, total, chart, table or download made downstream can be derived from
them. What dropping rows cannot fix is prose that names a withheld item: the
Markdown and free text of the rows that remain, and the hand-written pages in
`docs/`. `find` looks for the names of withheld items in such text, and the
public build stops with the place and the item rather than leak it or show a
blank.

How prose "names" an item: its key (indicator id, topic id, document number)
as a whole token, exactly as written in the data; or its title when the title
is distinctive (at least three words), in any case, with or without tone
marks, whatever the punctuation and spacing. HTML entities are decoded first,
so `21&#45;ĐA/TU` is `21-ĐA/TU`.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import html
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from scripts.data.errors import DataError, Problem
from scripts.data.model import Dataset, Finding
from scripts.data.textutil import fold

INTERNAL = "internal"
PUBLIC = "public"
PROFILES = {INTERNAL: "bản nội bộ, mặc định", PUBLIC: "bản công khai"}
NOTICE = "Lưu hành nội bộ"  # what every page and every file of the internal edition says
MIN_TITLE_WORDS = 3

FINDING_LABELS = {
    "highlight": "kết quả nổi bật",
    "strength": "ưu điểm",
    "limitation": "hạn chế",
    "cause": "nguyên nhân",
    "lesson": "bài học",
    "direction": "phương hướng",
}


class ProfileError(ValueError):
    """`SITE_PROFILE` names no edition."""


def profile(env: Mapping[str, str] | None = None) -> str:
    """The edition to build: `SITE_PROFILE`, `internal` when unset or empty."""
    env = os.environ if env is None else env
    value = env.get("SITE_PROFILE", "")
    if value == "":
        return INTERNAL
    if value not in PROFILES:
        choices = "; ".join(f'"{k}" ({v})' for k, v in PROFILES.items())
        raise ProfileError(
            f'SITE_PROFILE="{value}" không phải là bản nào của trang — cần một trong: {choices}. '
            "Cách sửa: đặt SITE_PROFILE=public để dựng bản công khai, hoặc bỏ biến này để dựng bản nội bộ."
        )
    return value


# --- the public dataset -------------------------------------------------------


def public(ds: Dataset) -> Dataset:
    """The dataset without its internal rows, and without anything that points at them.

    A public indicator that refers to an internal document loses the reference
    (the document number would give the document away), and a public finding
    loses the internal items in its `related` list likewise. Findings are numbered
    again from 1 within each kind, in the order given, so a gap in the
    numbering does not tell that an item was withheld. The fingerprint is the
    edition's own, so nothing keyed by it is shared between editions.
    """
    documents = tuple(d for d in ds.documents if d.visibility != INTERNAL)
    numbers = {d.number for d in documents}
    indicators = tuple(
        i if i.document is None or i.document in numbers else dataclasses.replace(i, document=None)
        for i in ds.indicators
        if i.visibility != INTERNAL
    )
    kept = {i.id for i in indicators}
    topics = tuple(t for t in ds.topics if t.visibility != INTERNAL)
    named = kept | numbers | {t.id for t in topics}
    findings = (
        dataclasses.replace(f, related=tuple(x for x in f.related if x in named))
        for f in ds.findings
        if f.visibility != INTERNAL
    )
    return dataclasses.replace(
        ds,
        indicators=indicators,
        values=tuple(v for v in ds.values if v.indicator in kept),
        topics=topics,
        documents=documents,
        findings=renumbered(findings),
        milestones=tuple(m for m in ds.milestones if m.visibility != INTERNAL),
        receipts=(),  # the office's record of the units' returns is internal as a whole
        fingerprint=hashlib.sha256(f"{ds.fingerprint}|edition={PUBLIC}".encode()).hexdigest(),
    )


def renumbered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings numbered again from 1 within each kind, in their order: no gap shows that one was left out."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        seen[f.kind] = seen.get(f.kind, 0) + 1
        out.append(dataclasses.replace(f, order=seen[f.kind]))
    return tuple(out)


# --- what is withheld, and where prose names it ------------------------------


@dataclass(frozen=True)
class Item:
    """A withheld row, as a reader would recognise it."""

    label: str  # "chỉ tiêu CT11", "văn bản 21-ĐA/TU"
    keys: tuple[str, ...] = ()  # matched exactly, as whole tokens
    titles: tuple[str, ...] = ()  # matched loosely (case, tone marks, punctuation)


@dataclass(frozen=True)
class Mention:
    item: Item
    found: str  # the key or title that was found
    line: int | None  # 1-based line of the text it was found in


def withheld(ds: Dataset) -> tuple[Item, ...]:
    """Every internal row of the full dataset."""
    items: list[Item] = []
    items += [_item(f"chỉ tiêu {i.id}", (i.id,), (i.name,)) for i in ds.indicators if i.visibility == INTERNAL]
    items += [_item(f"đề tài {t.id}", (t.id,), (t.title,)) for t in ds.topics if t.visibility == INTERNAL]
    items += [_item(f"văn bản {d.number}", (d.number,), (d.title,)) for d in ds.documents if d.visibility == INTERNAL]
    items += [
        _item(f"{FINDING_LABELS[f.kind]} {f.order} ({f.title})", (), (f.title,))
        for f in ds.findings
        if f.visibility == INTERNAL
    ]
    items += [
        _item(f"mốc thời gian {m.date:%d/%m/%Y} ({m.title})", (), (m.title,))
        for m in ds.milestones
        if m.visibility == INTERNAL
    ]
    return tuple(items)


def _item(label: str, keys: tuple[str, ...], titles: tuple[str, ...]) -> Item:
    distinctive = tuple(t for t in titles if len(_skeleton(t).split()) >= MIN_TITLE_WORDS)
    return Item(label, tuple(k for k in keys if k.strip()), distinctive)


def find(text: str, items: Iterable[Item]) -> Iterator[Mention]:
    """Every place the text names a withheld item: each line a key is on, each start of a title."""
    lines = [_plain(line) for line in text.splitlines()]
    whole, starts = "", []  # the text's skeleton, and where each line starts in it
    for line in lines:
        starts.append(len(whole))
        s = _skeleton(line)
        whole += f" {s}" if s else ""
    whole += " "
    for item in items:
        for key in item.keys:
            pattern = re.compile(rf"(?<!\w){re.escape(_plain(key))}(?!\w)")
            yield from (Mention(item, key, n) for n, line in enumerate(lines, 1) if pattern.search(line))
        for title in item.titles:
            needle = f" {_skeleton(title)} "  # a title may wrap across lines
            at = whole.find(needle)
            while at >= 0:
                yield Mention(item, title, bisect.bisect_right(starts, at))
                at = whole.find(needle, at + 1)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", html.unescape(text))


def _skeleton(text: str) -> str:
    """Lower case, no tone marks, words separated by single spaces."""
    return " ".join(re.sub(r"[^\w]+|_", " ", fold(_plain(text))).split())


# --- prose of the public data ------------------------------------------------


@dataclass(frozen=True)
class Prose:
    """One piece of free text of the data, with where it lives."""

    file: str
    column: str | None
    text: str
    row: Any = None  # the row it is a cell of, described by `where` only when needed
    where: Callable[[Any], str] = lambda _: ""


def prose(ds: Dataset, folder_name: str) -> Iterator[Prose]:
    """Every piece of text of the dataset a page may show."""

    def cells(
        file: str, rows: Iterable[Any], where: Callable[[Any], str], columns: tuple[str, ...] = ()
    ) -> Iterator[Prose]:
        for row in rows:
            for column in columns or [f.name for f in dataclasses.fields(row)]:
                value = getattr(row, column)
                if isinstance(value, str) and value and column not in ("slug", "visibility", "body"):
                    yield Prose(f"{folder_name}/{file}", column, value, row, where)

    yield from cells("program.yml", [ds.program], lambda _: "")
    yield from cells("units.csv", ds.units, lambda u: f"đơn vị {u.code}")
    yield from cells("indicators.csv", ds.indicators, lambda i: f"chỉ tiêu {i.id}")
    yield from cells(
        "values.csv",
        ds.values,
        lambda v: f"số liệu {v.indicator}, {v.unit}, {v.period.code}",
        ("source", "note"),  # its other cells are keys and codes
    )
    yield from cells("topics.csv", ds.topics, lambda t: f"đề tài {t.id}")
    for t in ds.topics:
        yield Prose(f"{folder_name}/topics/{t.id}.md", None, t.body)
    yield from cells("documents.csv", ds.documents, lambda d: f"văn bản {d.number}")
    yield from cells("findings.csv", ds.findings, lambda f: f"{FINDING_LABELS[f.kind]} «{f.title}»")
    yield from cells("milestones.csv", ds.milestones, lambda m: f"mốc {m.date:%d/%m/%Y}")


def mention_problem(file: str, mention: Mention, column: str | None = None, where: str = "") -> Problem:
    """`where` says, when the file and line cannot, which row or call names the item."""
    params = {"item": mention.item.label, "where": f" ({where})" if where else ""}
    return Problem("names_internal", file, mention.line, column, mention.found, params)


def prose_problems(public_ds: Dataset, items: tuple[Item, ...], folder_name: str) -> list[Problem]:
    """Where the text of the public rows names a withheld item."""
    if not items:
        return []
    out = []
    found: dict[str, list[Mention]] = {}  # notes and sources repeat: each text is searched once
    for p in prose(public_ds, folder_name):
        if p.text not in found:
            found[p.text] = list(find(p.text, items))
        seen = set()
        for m in found[p.text]:
            if p.column is None:  # a Markdown file: every line that names it
                out.append(mention_problem(p.file, m))
            elif m.item not in seen:  # a cell: once
                seen.add(m.item)
                where = p.where(p.row)
                where = f"ở {where}" if where else ""
                out.append(mention_problem(p.file, dataclasses.replace(m, line=None), p.column, where))
    return out


class EditionError(DataError):
    """An edition would show what it must not, or a page names what it lacks; carries every place."""

    def __init__(self, problems: list[Problem], edition: str = PUBLIC) -> None:
        self.edition = edition
        super().__init__(problems)

    def report(self) -> str:
        name = "Bản công khai" if self.edition == PUBLIC else "Bản nội bộ"
        lines = [f"{name} chưa được dựng: có {len(self.problems)} chỗ nêu mục không có trong bản này:"]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


def edition(ds: Dataset, name: str, folder_name: str) -> tuple[Dataset, tuple[Item, ...]]:
    """The dataset an edition shows, and the items it withholds.

    Raises `EditionError` when the public edition's own text names a withheld item.
    """
    if name == INTERNAL:
        return ds, ()
    items = withheld(ds)
    shown = public(ds)
    problems = prose_problems(shown, items, folder_name)
    if problems:
        raise EditionError(problems)
    return shown, items


# --- hand-written pages ------------------------------------------------------


def _is_template(line: str) -> bool:
    return "{{" in line or "{%" in line


@dataclass
class Guard:
    """Collects, during one build, every place a hand-written page names what the edition lacks.

    Macros report ids that the edition does not have; `page` scans a page's
    source (for line numbers) and its rendered Markdown (for what templates
    produced). The hook stops the build once every page has been seen.
    """

    items: tuple[Item, ...]
    edition: str = INTERNAL
    problems: list[Problem] = field(default_factory=list)

    def page(self, file: str, source: str, rendered: str = "") -> None:
        """Each line of the source that names a withheld item, then what only the rendered page names.

        Lines with template syntax are left to the macros, which report the ids they are given.
        """
        lines = source.splitlines()
        in_source = [m for m in find(source, self.items) if not _is_template(lines[(m.line or 1) - 1])]
        self.problems += [mention_problem(file, m) for m in in_source]
        seen = {m.item for m in in_source}
        for m in find(rendered, self.items):
            if m.item not in seen:
                seen.add(m.item)
                self.problems.append(mention_problem(file, dataclasses.replace(m, line=None)))

    def lookup(self, file: str, what: str, key: str, known: Mapping[str, object], macro: str) -> object | None:
        """The item `key` of the edition, or None after recording why there is none."""
        if key in known:
            return known[key]
        item = next((i for i in self.items if key in i.keys), None)
        if item is not None:
            self.problems.append(mention_problem(file, Mention(item, key, None), where=f"trong lời gọi {macro}(…)"))
        else:
            params = {"what": what, "macro": macro}
            self.problems.append(Problem("unknown_item", file, None, None, key, params))
        return None

    def error(self) -> EditionError | None:
        """The problems found, once every page has been seen."""
        return EditionError(self.problems, self.edition) if self.problems else None
