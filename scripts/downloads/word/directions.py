"""Part IV: the directions and tasks for the term the program names (`next_term`), and the solutions under them."""

from __future__ import annotations

from scripts.data.model import Dataset
from scripts.downloads.word.findings import findings
from scripts.downloads.word.writer import Writer
from scripts.report import pages
from scripts.report.compute import Results

SECTIONS = ("1. " + pages.FINDING_HEADINGS["direction"], "2. " + pages.FINDING_HEADINGS["solution"])


def heading(ds: Dataset) -> str:
    """ "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NHIỆM KỲ 2020–2025", as the site heads its page."""
    return "IV. " + pages.directions_heading(ds.program, bool(ds.findings_of("solution"))).upper()


def headings(ds: Dataset) -> list[str]:
    return [heading(ds), *(SECTIONS if ds.findings_of("solution") else ())]


def part(w: Writer, r: Results) -> None:
    ds = w.ds
    w.heading(heading(ds), 1)
    solutions = ds.findings_of("solution")
    if not solutions:
        findings(w, r, ds.findings_of("direction"))
        return
    w.heading(SECTIONS[0], 2)
    findings(w, r, ds.findings_of("direction"), prefix="1.")
    w.heading(SECTIONS[1], 2)
    findings(w, r, solutions, prefix="2.")
