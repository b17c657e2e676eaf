"""Small text helpers shared by the stages: slugs, diacritic folding, parsing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_NUMBER_EN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_NUMBER_VI = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$")


def fold(text: str) -> str:
    """Vietnamese text without tone marks and with đ → d, lower-cased."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Vietnamese alphabetical order: base letters, then tone marks (none, grave, hook, tilde, acute, dot below).
# f, j, w, z are not Vietnamese letters but occur in names ("Zalo", "Wi-Fi"): they keep their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {c: n for n, c in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPES = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn (ô, ê, ư by base below)


def vi_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key for Vietnamese alphabetical order ("Đất đai" after "Dân vận", "Ư" after "U").

    Letters compare by the Vietnamese alphabet (a ă â b c d đ e ê …), case
    ignored; tone marks only break ties (a, à, ả, ã, á, ạ); the text itself
    last, so the order is total and deterministic. A small key rather than
    PyICU: no compiled dependency for one ordering rule.
    """
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text).lower():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        shape = base
        for m in marks:
            if m in _SHAPES:
                shape = {"a": "ă" if m == "\u0306" else "â", "o": "ô" if m == "\u0302" else "ơ",
                         "e": "ê", "u": "ư"}.get(base, base)  # fmt: skip
        rank = _LETTER_RANK.get(shape)
        if rank is not None:
            letters.append(100 + rank)
        elif shape.isdigit():
            letters.append(10 + int(shape) if shape.isascii() else 1000 + ord(shape))
        else:  # spaces and punctuation before letters and digits
            letters.append(0 if shape.isspace() else 1000 + ord(shape) if shape.isalpha() else 1 + (ord(shape) % 8))

        tones.append(tone)
    return tuple(letters), tuple(tones), text


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def heading_id(value: str, separator: str = "-") -> str:
    """The anchor of a heading (the toc extension's `slugify`): "Đánh giá chung" → "danh-gia-chung".

    Python-Markdown's own drops what has no ASCII form, so "Đ" vanished ("#anh-gia-chung");
    this one folds tone marks and đ → d, the way people type an address.
    """
    return re.sub(r"[^a-z0-9]+", separator, fold(value)).strip(separator)


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


def parse_datetime(raw: object) -> dt.datetime | None:
    """A date and time as written by the collection of returns ("2022-07-08 15:30:00"), or a date (at 0:00)."""
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None, microsecond=0)
    text = str(raw).strip()
    if _ISO_DATETIME.match(text):
        try:
            return dt.datetime.fromisoformat(text.replace("T", " "))
        except ValueError:
            return None
    day = parse_date(raw)
    return None if day is None else dt.datetime(day.year, day.month, day.day)


YEARS = range(1900, 2101)  # the years a program can cover; keeps dates and periods computable


def parse_year(raw: object) -> int | None:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return int(text) if re.fullmatch(r"\d{4}", text) and int(text) in YEARS else None
