"""The research topics: their list, cards and each topic's page."""

from __future__ import annotations

import functools
import html

from scripts.data.model import Dataset, Topic
from scripts.report import fmt, tabular
from scripts.report.pages.common import (
    TOPIC_STATUS_LABELS,
    Page,
    _inline,
    demote_headings,
    downloads,
    findings_links,
    link,
    model_table,
    safe_markdown,
    sample_mark,
    topic_path,
)
from scripts.report.pages.program import topic_summary


def topic_result(ds: Dataset, t: Topic) -> str:
    """What a topic found, in one paragraph, marked as sample text when it has no source."""
    return (_inline(t.result_summary) or "Chưa có tóm tắt kết quả") + sample_mark(ds, t.source)


def accepted_count(ds: Dataset) -> str:
    """ "6/8 đề tài đã được nghiệm thu", and how many of these rows are sample content in an illustrative program."""
    accepted = [t for t in ds.topics if t.status.startswith("accepted")]
    text = f"{fmt.number(len(accepted))}/{fmt.number(len(ds.topics))} đề tài đã được nghiệm thu"
    sample = [t for t in accepted if ds.program.illustrative and not t.source]
    if sample and len(sample) == len(accepted):
        return text + " (nội dung mẫu, không có nguồn)"
    if sample:
        return text + f" (trong đó {fmt.number(len(sample))} đề tài là nội dung mẫu, không có nguồn)"
    return text


def topics_table(ds: Dataset, src: str, results: bool = False) -> str:
    """The topics as a table; with `results`, what each found (the appendix carries the topics' results)."""
    found = functools.partial(topic_result, ds)
    model = tabular.topics_table(ds.topics, src, topic_path, ds.program.illustrative, results, found)
    return model_table(model, src)


def topics_index(ds: Dataset) -> Page:
    """The topics as cards (title, lead agency, status, rating, what it found), filterable, readable without script."""
    src = "de-tai/index.md"
    body = [
        "# Đề tài khoa học\n",
        f"{fmt.number(len(ds.topics))} đề tài. Mỗi thẻ tóm tắt kết quả nghiên cứu và kiến nghị của đề tài; "
        "lọc theo tình trạng, lĩnh vực hoặc cơ quan chủ trì.\n",
        topic_summary(ds),
        downloads(src, "tinh-trang"),
        "## Các đề tài\n",
        '<div class="card-filter" data-attrs="status:Tình trạng,field:Lĩnh vực,lead:Cơ quan chủ trì"></div>\n',
        topic_cards(ds, src),
        "## Bảng tổng hợp\n",
        '<div class="table-filter" data-columns="1,2,3"></div>\n',
        topics_table(ds, src),
        downloads(src, "de-tai"),
    ]
    return Page(src, "Đề tài khoa học", "\n".join(body))


def topic_cards(ds: Dataset, src: str) -> str:
    """One card per topic; `data-*` attributes let the page's filter hide cards, and print shows them all."""
    if not ds.topics:
        return "_Chưa có đề tài trong dữ liệu._\n"
    cards = []
    for tp in ds.topics:
        facts = [f"Cơ quan chủ trì: {fmt.text(tp.lead_agency)}"]
        if tp.field:
            facts.append(f"Lĩnh vực: {fmt.text(tp.field)}")
        if tp.rating:
            facts.append(f"Xếp loại: {fmt.text(tp.rating)}")
        summary = tp.result_summary
        attrs = " ".join(
            f'data-{k}="{html.escape(v, quote=True)}"'
            for k, v in (("status", TOPIC_STATUS_LABELS[tp.status]), ("field", tp.field), ("lead", tp.lead_agency))
        )
        cards.append(
            f'<article class="topic-card" {attrs} markdown>\n\n'
            f"### {link(fmt.text(f'{tp.id}. {tp.title}'), src, topic_path(tp))}\n\n"
            f'<span class="topic-card__status topic-card__status--{tp.status}">{TOPIC_STATUS_LABELS[tp.status]}</span>'
            f"{sample_mark(ds, tp.source)}\n\n"
            + " · ".join(facts)
            + "\n\n"
            + (f"{_inline(summary)}\n\n" if summary else "_Chưa có tóm tắt kết quả._\n\n")
            + "</article>\n"
        )
    return '<div class="topic-cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"


def topic_page(ds: Dataset, t: Topic) -> Page:
    facts = tabular.topic_facts(t, topic_path(t), ds.program.illustrative)
    body = [
        f"# {fmt.text(t.id)}. {fmt.text(t.title)}\n",
        model_table(facts, topic_path(t)),
        downloads(topic_path(t), "thong-tin"),
    ]
    if t.summary:
        body += ["## Tóm tắt kết quả\n", safe_markdown(t.summary) + "\n"]
    body += ["## Nội dung đề tài\n", demote_headings(t.body)]
    named = ds.findings_naming.get(t.id, ())
    if named:
        body += [
            "\n## Nội dung báo cáo nêu đề tài này\n",
            "\n".join(f"- {findings_links((f,), topic_path(t))}" for f in named) + "\n",
        ]
    return Page(topic_path(t), f"{t.id}. {t.title}", "\n".join(body))
