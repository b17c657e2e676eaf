"""Macros for the hand-written pages in `docs/`: their numbers come from the data.

Only pages that opt in (`render_macros: true`) are rendered as Jinja. Every
macro returns Markdown built by `scripts.pages`, with data text escaped.
"""

from __future__ import annotations

from typing import Any

from scripts import fmt, pages
from scripts.status import LABELS


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

    env.macro(pages.data_dictionary, "data_dictionary")
    env.macro(pages.status_legend, "status_legend")
    env.macro(pages.message_catalogue, "message_catalogue")
