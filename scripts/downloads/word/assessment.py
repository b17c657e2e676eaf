"""Parts II and III: the overall assessment, strengths, limitations, causes in their two groups; the lessons.

"Đánh giá chung" opens with the overall assessment's paragraphs (findings
of kind `overall`) before the lists. Causes come in the groups the site shows
(`pages.cause_groups`: objective and subjective, the groups in the order their
first cause has in `order`), each group under its letter and numbered from 1.
"""

from __future__ import annotations

from scripts.data.model import Dataset
from scripts.downloads.word.findings import findings, sample
from scripts.downloads.word.text import paragraphs
from scripts.downloads.word.writer import SMALL_PT, Writer, run
from scripts.report import pages
from scripts.report.compute import Results

PART = "II. ĐÁNH GIÁ CHUNG"
SECTIONS = tuple(f"{n}. {pages.FINDING_HEADINGS[k]}" for n, k in enumerate(("strength", "limitation", "cause"), 1))
LESSONS = "III. " + pages.FINDING_HEADINGS["lesson"].upper()


def cause_headings(ds: Dataset) -> list[str]:
    """ "a) Nguyên nhân khách quan", "b) Nguyên nhân chủ quan": the groups of causes that have a heading."""
    groups = [heading for heading, _ in pages.cause_groups(ds.findings_of("cause")) if heading]
    return [f"{chr(ord('a') + n)}) {heading}" for n, heading in enumerate(groups)]


def headings(ds: Dataset) -> list[str]:
    return [PART, *SECTIONS, *cause_headings(ds), LESSONS]


def part(w: Writer, r: Results) -> None:
    ds = w.ds
    w.heading(PART, 1)
    overall(w)
    for n, (heading, kind) in enumerate(zip(SECTIONS, ("strength", "limitation"), strict=False), 1):
        w.heading(heading, 2)
        findings(w, r, ds.findings_of(kind), prefix=f"{n}.")
    w.heading(SECTIONS[2], 2)
    groups = pages.cause_groups(ds.findings_of("cause"))
    if not groups:
        w.empty()
    headed = iter(cause_headings(ds))
    for heading, items in groups:
        if heading:
            w.heading(next(headed), 3)
        findings(w, r, items)
    w.heading(LESSONS, 1)
    findings(w, r, ds.findings_of("lesson"))


def overall(w: Writer) -> None:
    """The overall assessment's paragraphs: each title run in, in bold, before its text."""
    for f in w.ds.findings_of("overall"):
        lead, body = pages.overall_text(f)
        texts = paragraphs(body)
        if lead and texts and not texts[0].startswith("- "):
            p = w.para()
            run(p, lead + " ", bold=True)
            run(p, texts.pop(0))
        elif lead:
            p = w.para(lead, bold=True)
        else:
            p = w.para(texts.pop(0) if texts else "")
        sample(w, p, f.source)
        for text in texts:
            w.para(text)
        if f.source:
            w.labelled("Nguồn", f.source, size=SMALL_PT)
