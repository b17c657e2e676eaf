"""Text for the Word document: staff Markdown as plain paragraphs, the site's markup as plain text, dates.

A Word document holds plain runs: what the site writes as Markdown or HTML
(`pages.result_text`, `pages.status_badge`, a finding's text) is made plain
here, so the document says what the site says, in the same words.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from scripts.report import fmt, pages

# Characters XML 1.0 cannot carry, even escaped: left out of the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TAG = re.compile(r"<[^>]*>")


def clean(text: str) -> str:
    """Text a Word document can hold: no control characters."""
    return _NOT_XML.sub("", text)


def plain(markup: str) -> str:
    """Text the site's functions make for a page (escaped, maybe with tags) as plain text."""
    return " ".join(html.unescape(_TAG.sub("", markup)).split())


_CODE = re.compile(r"`+([^`]*)`+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_HELD = 0xF0000  # escaped punctuation waits in a private-use plane while the markers are removed
_HELD_CHAR = re.compile("[\U000f0000-\U000f007f]")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_RULE = re.compile(r"^([-*_])(\s*\1){2,}$")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")


def inline(text: str) -> str:
    """A line of staff Markdown as plain text: emphasis markers, links' targets, tags and escapes gone."""
    text = _ESCAPE.sub(lambda m: chr(_HELD + ord(m.group(1))), text)  # held aside: `\*` is no emphasis
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HELD_CHAR.sub(lambda m: chr(ord(m.group()) - _HELD), text)
    return " ".join(html.unescape(text).split())


def paragraphs(markdown: str) -> list[str]:
    """Staff Markdown as plain paragraphs, one per paragraph, heading or list item.

    Emphasis markers go and the text stays; a bullet ("-", "*", "+") becomes the
    dash ("- ") Vietnamese documents begin a list item with, a numbered item keeps
    its number; a table row becomes its cells separated by "; ".
    """
    out: list[str] = []
    current: list[str] = []
    fenced = False

    def flush() -> None:
        text = inline(" ".join(current))
        if text:
            out.append(text)
        current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line:
                out.append(line)
            continue
        line = line.lstrip("> ").strip() if line.startswith(">") else line
        if not line or _RULE.match(line):
            flush()
            continue
        if line.startswith("|"):
            flush()
            if not _TABLE_RULE.match(line):
                out.append("; ".join(c for c in (inline(c) for c in line.strip("|").split("|")) if c))
            continue
        heading, bullet, ordered = _HEADING.match(line), _BULLET.match(line), _ORDERED.match(line)
        if heading:
            flush()
            current.append(heading.group(1))
            flush()
        elif bullet:
            flush()
            current.append("- " + bullet.group(1))
        elif ordered:
            flush()
            current.append(f"{ordered.group(1)}. {ordered.group(2)}")
        else:
            current.append(line)
    flush()
    return out


def long_date(d: dt.date) -> str:
    """ "ngày 30 tháng 6 năm 2020": days below 10 and the months 1 and 2 with a leading zero."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def number_suffix(code: str) -> str:
    """The committee's part of a document number ("TU" of "01-CTr/TU"), or dots when the code has none."""
    _, slash, tail = code.rpartition("/")
    return tail.strip() if slash and tail.strip() else "…"


@dataclass(frozen=True)
class Marked:
    """A figure and the mark raised after it ("mh", "ước")."""

    text: str
    mark: str


Cell = str | Marked


def figure(value: float | None, measure: str, kind: str, decimals: int) -> Cell:
    """A figure with its mark when it is not official ("85,2%" with "mh" raised), as the site shows it.

    `decimals`: its indicator's (`Results.decimals`).
    """
    if value is None:
        return "–"
    shown = plain(fmt.quantity(value, measure, decimals))
    return Marked(shown, pages.MARKS[kind][0]) if kind in pages.MARKS else shown
