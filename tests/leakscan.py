"""Look for strings in every file of a built site, whatever form the file gives them.

A leak hides in forms a plain `grep` misses: HTML entities (`MẬT&#45;X`),
JSON escapes (`\\u1eac`), URL encoding, decomposed Unicode, a search index that
folds tone marks and splits words, a member of a zip or an xlsx workbook, a
gzipped sitemap, the text layer of a PDF, a Word document that splits a word
across runs (`<w:t>MẬT-QZ</w:t></w:r><w:r><w:t>XV</w:t>`). So every file is
opened by what its bytes are (not its name), containers are opened recursively, and text is
compared as a skeleton: decoded, lower case, without tone marks, words
separated by single spaces. A needle is found when its skeleton is.
"""

from __future__ import annotations

import gzip
import html
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
import urllib.parse
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scripts.data.textutil import fold

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_WORD_BREAK = re.compile(r"</w:p>|</w:tc>|<w:br/>|<w:cr/>|<w:tab/>")  # where Word text breaks between runs
_WORD_TAG = re.compile(r"<[^>]*>")
_WORD_XML = b"schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Hit:
    path: str  # file, and member inside it after "!"
    needle: str


@dataclass
class Scan:
    hits: list[Hit] = field(default_factory=list)
    files: int = 0  # files and container members read
    skipped: list[str] = field(default_factory=list)  # what could not be read, and why

    def found(self, needle: str) -> list[str]:
        return [h.path for h in self.hits if h.needle == needle]


def skeleton(text: str) -> str:
    """Lower case, no tone marks, words separated by single spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(unicodedata.normalize("NFC", text))).split())


def readable(data: bytes) -> str:
    """The text a file's bytes carry, with every escape a leak could hide behind undone."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        text = data.decode("utf-8", errors="replace")  # binary files keep their embedded UTF-8 strings
    text = html.unescape(text)
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return urllib.parse.unquote(text)


def scan(root: Path, needles: Sequence[str], exact: bool = False) -> Scan:
    """Every file under `root`, every member of every container, searched for every needle.

    `exact` compares the decoded text as it is (for paths and host names, whose
    skeleton would be an ordinary word) instead of skeletons.
    """
    result = Scan()
    wanted = {n: n if exact else skeleton(n) for n in needles}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        for name, text in _texts(path.relative_to(root).as_posix(), path.read_bytes(), result):
            result.files += 1
            flat = unicodedata.normalize("NFC", text) if exact else skeleton(text)
            result.hits += [Hit(name, n) for n, s in wanted.items() if s in flat]
    return result


def _texts(name: str, data: bytes, result: Scan) -> Iterator[tuple[str, str]]:
    """The readable text of a file and, recursively, of what it contains."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):  # zip, xlsx, docx…
        yield name, readable(data)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            result.skipped.append(f"{name}: not a readable zip")
            return
        for info in archive.infolist():
            if not info.is_dir():
                yield from _texts(f"{name}!{info.filename}", archive.read(info), result)
    elif data.startswith(b"\x1f\x8b"):
        yield name, readable(data)
        yield from _texts(f"{name}!gunzip", gzip.decompress(data), result)
    elif data.startswith(b"%PDF"):
        yield name, readable(data)
        text = pdf_text(data)
        if text is None:
            result.skipped.append(
                f"{name}: PDF text not read (pdftotext is not installed; apt-get install poppler-utils)"
            )
        else:
            yield f"{name}!text", text
    elif data.lstrip().startswith(b"<") and _WORD_XML in data[:4096]:  # a part of a Word document
        yield name, readable(data)
        yield f"{name}!text", word_text(data)
    else:
        yield name, readable(data)


def word_text(data: bytes) -> str:
    """The text of a Word document's XML part with its runs joined: a word split across runs is read whole."""
    text = _WORD_BREAK.sub("\n", data.decode("utf-8", errors="replace"))
    return readable(_WORD_TAG.sub("", text).encode("utf-8"))


def pdf_text(data: bytes) -> str | None:
    """The text layer of a PDF, or None without `pdftotext`."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "f.pdf"
        pdf.write_bytes(data)
        done = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=120, check=True)
    return done.stdout.decode("utf-8", errors="replace")
