"""What a person does in the browser, as functions: search the site, check it with axe-core."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

# axe-core 4.14.1 (MPL-2.0), newer than the 4.12.1 the pinned axe-playwright-python ships: vendor/axe-core/README.md
AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"


@dataclass(frozen=True)
class Hit:
    href: str  # the result link's path and anchor, without the highlight query
    title: str  # the result's heading, as shown
    marks: tuple[str, ...]  # highlighted words, as shown


def search(page: Page, query: str) -> list[Hit]:
    """Type `query` into the site's search box and read the results as shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=5)  # key by key, as a person types
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return document.querySelector('input.md-search__input').value === q && m &&"
        " /phù hợp/.test(m.textContent) }",  # "3 trang phù hợp", "Không tìm thấy trang nào phù hợp"
        arg=query,
    )
    page.wait_for_timeout(150)  # the list renders right after the count
    hits = page.eval_on_selector_all(
        "a.md-search-result__link",
        """links => links.map(a => ({
            href: new URL(a.href).pathname + new URL(a.href).hash,
            title: (a.querySelector('h1, h2') || a).textContent.trim(),
            marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
        }))""",
    )
    page.keyboard.press("Escape")
    return [Hit(h["href"], h["title"], tuple(h["marks"])) for h in hits]


def leads_to(hits: list[Hit], path: str) -> list[Hit]:
    """The hits that link to `path` (relative to the site root, with an optional #anchor)."""
    return [h for h in hits if h.href.endswith("/" + path)]


# Rules axe-core marks experimental and leaves off, that this site must pass too: a control's accessible
# name contains its visible text (WCAG 2.5.3), so a sort button is read with its column's name.
EXPERIMENTAL = ("label-content-name-mismatch",)


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now: id, impact and the first few elements."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async rules => (await axe.run(document, {
            resultTypes: ['violations'],
            rules: Object.fromEntries(rules.map(r => [r, {enabled: true}])),
        })).violations.map(v => ({
            id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
        }))""",
        list(EXPERIMENTAL),
    )
