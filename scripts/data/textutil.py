"""Small text helpers shared by the stages: slugs, diacritic folding, parsing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NUMBER_EN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_NUMBER_VI = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def fold(text: str) -> str:
    """Vietnamese text without tone marks and with đ → d, lower-cased."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def parse_number(raw: object, number_format: str) -> float | None:
    """A number as typed in a cell; None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if number_format == "vi":
        if not _NUMBER_VI.match(text):
            return None
        return float(text.replace(".", "").replace(",", "."))
    if not _NUMBER_EN.match(text):
        return None
    return float(text)


def parse_date(raw: object) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _VN_DATE.match(text)
        if not m:
            return None
        d, mo, y = (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


YEARS = range(1900, 2101)  # the years a program can cover; keeps dates and periods computable


def parse_year(raw: object) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return int(text) if re.fullmatch(r"\d{4}", text) and int(text) in YEARS else None
