"""The Content-Security-Policy the built site works under, written beside its pages for nginx.

A policy of `script-src 'self'` blocks every inline script unless its
SHA-256 is listed; the theme and `overrides/` put a few inline scripts in the
pages (the scope of its saved settings, one per folder depth; the 404
page's), and they change when the theme or the templates do. So the build
reads them from the site it wrote and writes the policy with their hashes
as one nginx directive, `.csp.conf` (a dotfile: the shipped configuration
includes it and serves no dotfile). Style attributes are allowed by their
hash too (`'unsafe-hashes'`): tables align their cells with the `align`
attribute (mkdocs.yml, `tables: use_align_attribute`), which no policy
governs, and the few style attributes left (the widths of the home page's
bar) are listed one by one, so no `'unsafe-inline'` is needed.

The policy depends only on the site's bytes: a warm rebuild writes the same
file as a cold build.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FILE = ".csp.conf"  # in the site folder; nginx includes it, and serves no dotfile
HEADER = "Content-Security-Policy"
# Inline content: a script element without `src` (its text, as the parser gives it: scripts are raw text),
# a style element, and a style attribute's value (its entities decoded). Read as bytes: a page is decoded
# only where one of them is (a site of a province's every commune holds hundreds of megabytes of pages).
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(rb"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_STYLE_ATTR = re.compile(rb"""\sstyle=(?:"([^"]*)"|'([^']*)')""")  # in text, `"` would do no harm: one more hash
_SRC = re.compile(rb"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(rb"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Types a browser runs as script (any other, such as application/json, is data the policy does not govern).
_RUN = {b"", b"text/javascript", b"application/javascript", b"module"}


@dataclass
class Inline:
    """The hashes of what the pages hold inline, by what the policy governs."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)  # style elements
    style_attributes: set[str] = field(default_factory=set)

    def add(self, page: bytes) -> None:
        for attrs, body in _SCRIPT.findall(page):
            kind = _TYPE.search(attrs)
            if not _SRC.search(attrs) and (kind.group(1).lower() if kind else b"") in _RUN:
                self.scripts.add(digest(body.decode("utf-8")))
        if b"<style" in page:
            self.styles.update(digest(body.decode("utf-8")) for body in _STYLE.findall(page))
        if b"style=" in page:
            for a, b in _STYLE_ATTR.findall(page):
                self.style_attributes.add(digest(html.unescape((a or b).decode("utf-8"))))


def digest(text: str) -> str:
    """A CSP hash source: 'sha256-<base64 of the UTF-8 text's SHA-256>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_of(pages: Iterable[Path]) -> Inline:
    found = Inline()
    for path in pages:
        found.add(path.read_bytes())
    return found


def policy(found: Inline) -> str:
    """The policy: only the site's own files, and of inline content only what the pages hold."""
    scripts = " ".join(["'self'", *sorted(found.scripts)])
    styles = ["'self'", *sorted(found.styles)]
    if found.style_attributes:
        styles += ["'unsafe-hashes'", *sorted(found.style_attributes)]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src {' '.join(styles)}",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def directive(found: Inline) -> str:
    """The nginx directive that sends the policy on every response."""
    return (
        "# Written by the build from the pages it wrote (scripts/assemble/csp.py): do not edit.\n"
        f'add_header {HEADER} "{policy(found)}" always;\n'
    )


def write(site_dir: Path) -> Path:
    """`.csp.conf` in `site_dir`, from every page there."""
    out = site_dir / FILE
    text = directive(inline_of(sorted(site_dir.rglob("*.html"))))
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.unlink(missing_ok=True)  # it may be a link to the site folder's copy: never written through
        out.write_text(text, encoding="utf-8")
    return out
