"""Macros for the hand-written pages in `docs/`: their numbers come from the data.

Only pages that opt in (`render_macros: true`) are rendered as Jinja. Every
macro returns Markdown built by `scripts.report.pages`, with data text escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.report import fmt, pages
from scripts.report.status import LABELS


def define_env(env: Any) -> None:
    generated = env.conf["extra"]["site_generated"]
    ds, results = generated.dataset, generated.results
    program = ds.program

    env.variables["program_code"] = fmt.text(program.code)
    env.variables["program_title"] = fmt.text(program.title)
    env.variables["program_issuer"] = fmt.text(program.issuer)
    env.variables["period"] = f"{program.start}–{program.end}"
    env.variables["as_of"] = fmt.date(program.as_of)
    env.variables["root_name"] = fmt.text(ds.root.name)
    env.variables["build_date"] = env.conf["extra"]["build_date"]
    env.variables["status_labels"] = LABELS

    @env.macro
    def count(what: str) -> str:
        """How many indicators, units, topics, documents… the data holds."""
        items = {
            "indicators": ds.indicators,
            "units": ds.units,
            "topics": ds.topics,
            "documents": ds.documents,
            "values": [v for v in ds.values if v.value is not None],
            "accepted_topics": [t for t in ds.topics if t.status.startswith("accepted")],
        }
        return fmt.number(len(items[what]))

    @env.macro
    def status_count(code: str) -> str:
        return fmt.number(results.summary.get(code, 0))

    @env.macro
    def glance() -> str:
        return pages.glance(ds)

    @env.macro
    def status_summary() -> str:
        return pages.status_summary(ds, results, env.page.file.src_uri)

    @env.macro
    def topic_summary() -> str:
        return pages.topic_summary(ds)

    @env.macro
    def indicators_table() -> str:
        return pages.indicators_table(ds, results, env.page.file.src_uri)

    guard = env.conf["extra"]["edition_guard"]

    def here() -> str:
        return env.page.file.src_uri

    def lookup(what: str, key: str, known: dict[str, Any], macro: str) -> Any:
        """The edition's item, or None: the hook then stops the build, naming the page and the item."""
        return guard.lookup(f"{Path(env.conf['docs_dir']).name}/{here()}", what, key, known, macro)

    @env.macro
    def indicator(id: str) -> str:
        """One indicator: its name linked to its page, its latest result and its status."""
        ind = lookup("chỉ tiêu", id, ds.indicator_by_id, "indicator")
        return pages.indicator_line(ind, results, here()) if ind else ""

    @env.macro
    def topic(id: str) -> str:
        """One research topic: its title linked to its page and its status."""
        t = lookup("đề tài", id, {t.id: t for t in ds.topics}, "topic")
        return pages.topic_line(t, here()) if t else ""

    @env.macro
    def document(number: str) -> str:
        """One document: its number, kind, date and title, linked to the program page."""
        d = lookup("văn bản", number, ds.document_by_number, "document")
        return pages.document_line(d, here()) if d else ""

    env.macro(pages.data_dictionary, "data_dictionary")
    env.macro(pages.status_legend, "status_legend")
    env.macro(pages.message_catalogue, "message_catalogue")
