"""A list of findings as the report states them: numbered under their heading, with the body responsible and evidence.

Findings are numbered under the heading they stand under ("2.1.", "2.2."
under "2. Kết quả nổi bật"), or from 1 where the heading has no number of its
own. What a finding rests on ("Căn cứ") is named in words, as on the site
(`pages.evidence`): the indicator's name, its figure and its status; a
document by its kind, number and title; a topic by its title.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.text.paragraph import Paragraph

from scripts.data.model import Finding, Indicator
from scripts.downloads.word.text import plain
from scripts.downloads.word.writer import SMALL_PT, Writer, run
from scripts.report import pages
from scripts.report.compute import Results
from scripts.report.status import VERDICTS, Status

SAMPLE = "Nội dung mẫu"  # a finding, topic or document of an illustrative program that gives no source
RESPONSIBLE = "Cơ quan, tổ chức chịu trách nhiệm"


def findings(w: Writer, r: Results, found: Sequence[Finding], prefix: str = "") -> None:
    """Findings, each numbered `prefix` + its place ("2." + "1."), with its text, body responsible, evidence, source."""
    if not found:
        w.empty()
        return
    for n, f in enumerate(found, 1):
        p = w.para()
        run(p, f"{prefix}{n}. {f.title}", bold=True)
        sample(w, p, f.source)
        p.paragraph_format.keep_with_next = True
        w.markdown(f.text)
        if f.responsible:
            w.labelled(RESPONSIBLE, f.responsible)
        elif f.kind == "limitation":
            w.labelled(RESPONSIBLE, "chưa xác định")
        cited = evidence(w, r, f)
        if len(cited) == 1:
            w.labelled("Căn cứ", cited[0])
        elif cited:
            w.para("Căn cứ:", italic=True).paragraph_format.keep_with_next = True
            for line in cited:
                w.para(f"- {line}")
        if f.source:
            w.labelled("Nguồn", f.source, size=SMALL_PT)


def evidence(w: Writer, r: Results, f: Finding) -> list[str]:
    """What a finding rests on, in words: "Tỷ lệ A: 82,5% (Q1/2022); đạt 1/5 kỳ — Đã đạt"."""
    out = []
    for e in pages.evidence(w.ds, r, f):
        if e.indicator is not None and e.status is not None:
            verdict = f" — {pages.status_text(e.status)}" if e.status.code in VERDICTS else ""
            out.append(f"{e.name}: {result(r, e.indicator, e.status)}{verdict}")
        else:
            out.append(e.name)
    return out


def result(r: Results, i: Indicator, s: Status) -> str:
    """The figure a status was computed from, worded as on the site."""
    return plain(pages.result_text(i, s, r.decimals(i)))


def sample(w: Writer, p: Paragraph, source: str) -> None:
    """The "Nội dung mẫu" label of a row of an illustrative program that gives no source."""
    if w.ds.program.illustrative and not source:
        run(p, f" ({SAMPLE})", italic=True)
