"""Nothing in the built site points outside it: every script, stylesheet, image and font is local."""

from __future__ import annotations

import re
from pathlib import Path

LOADS = re.compile(r"<(?:script|img|source|iframe)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\"")


def test_pages_load_only_files_of_the_site(built_sample: Path) -> None:
    outside = []
    for page in sorted(built_sample.rglob("*.html")):
        for src, href in LOADS.findall(page.read_text(encoding="utf-8")):
            url = src or href
            if re.match(r"^[a-z]+:|^//", url) and not url.startswith("data:"):
                outside.append(f"{page.relative_to(built_sample)}: {url}")
    assert outside == []


def test_no_web_font_and_the_worker_shim_is_vendored(built_sample: Path) -> None:
    css = "\n".join(p.read_text(encoding="utf-8") for p in built_sample.rglob("*.css"))
    assert "@font-face" not in css and "fonts.googleapis" not in css
    home = (built_sample / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in home
    assert "unpkg.com" not in home
