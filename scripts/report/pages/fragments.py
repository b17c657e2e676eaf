"""What the hand-written pages reach through the macros: lines, the data dictionary, the legend, the messages."""

from __future__ import annotations

import re

from scripts.data import schema
from scripts.data.messages import MESSAGES
from scripts.data.model import Document, Indicator, Topic
from scripts.report import fmt
from scripts.report.compute import Results
from scripts.report.pages.common import (
    DOCUMENT_KIND_LABELS,
    TOPIC_STATUS_LABELS,
    indicator_path,
    link,
    status_badge,
    table,
    topic_path,
    value_text,
)
from scripts.report.status import ORDER, Status


def indicator_line(ind: Indicator, r: Results, src: str) -> str:
    latest = r.latest(ind.id)
    shown = value_text(latest, ind.measure, r.decimals(ind)) + (f" ({latest.period.short})" if latest else "")
    name = link(fmt.text(f"{ind.id}. {ind.name}"), src, indicator_path(ind))
    return f"{name}: {shown}, {status_badge(r.status(ind.id))}"


def topic_line(t: Topic, src: str) -> str:
    return f"{link(fmt.text(f'{t.id}. {t.title}'), src, topic_path(t))} ({TOPIC_STATUS_LABELS[t.status]})"


def document_line(d: Document, src: str) -> str:
    number = link(fmt.text(d.number), src, "chuong-trinh.md", f"vb-{d.slug}")
    return f"{number} ({DOCUMENT_KIND_LABELS[d.kind]}, {fmt.date(d.date)}): {fmt.text(d.title)}"


def data_dictionary() -> str:
    out = []
    for t in (schema.PROGRAM, *schema.TABLES):
        name = "program.yml" if t is schema.PROGRAM else f"{t.name}.csv"
        need = "bắt buộc" if t.required else "không bắt buộc"
        out.append(f"### {name}\n\n{t.description} ({need}).\n")
        rows = [
            [
                f"`{c.name}`",
                "có" if c.required else "",
                schema.KIND_LABELS[c.kind],
                fmt.text(c.description + (f" ({', '.join(c.choices)})" if c.choices else "")),
            ]
            for c in t.columns
        ]
        out.append(table(["Cột", "Bắt buộc", "Kiểu", "Ý nghĩa"], rows))
    return "\n".join(out)


def status_legend() -> str:
    meanings = {
        "no_target": "Chỉ tiêu không có giá trị mục tiêu bằng số.",
        "no_data": "Đơn vị gốc chưa có số liệu nào trong giai đoạn của chương trình.",
        "achieved": "Đã đạt mục tiêu (chỉ tiêu tăng: giá trị ≥ mục tiêu; chỉ tiêu giảm: giá trị ≤ mục tiêu).",
        "not_met": "Chỉ tiêu hằng năm chưa đạt ở kỳ gần nhất có số liệu.",
        "on_track": "Chỉ tiêu cuối kỳ hoặc cộng dồn chưa đạt nhưng tiến độ đạt được ≥ thời gian đã qua.",
        "behind": "Chỉ tiêu cuối kỳ hoặc cộng dồn chưa đạt và tiến độ đạt được < thời gian đã qua.",
        "unassessed": "Đơn vị chưa đạt chỉ tiêu cuối kỳ và không có số liệu của năm xuất phát để tính tiến độ.",
        "monitored": "Chỉ tiêu theo dõi, không có hướng tốt hơn hay kém hơn: mục tiêu (nếu có) chỉ để tham chiếu.",
    }
    rows = [[f"`{code}`", status_badge(Status(code)), meanings[code]] for code in ORDER]
    return table(["Mã", "Nhãn", "Khi nào"], rows)


def message_catalogue() -> str:
    def plain(template: str) -> str:
        return fmt.text(re.sub(r"\{[^}]*\}", "…", template))

    rows = [[f"`{code}`", plain(m.problem), fmt.text(m.example), plain(m.hint)] for code, m in MESSAGES.items()]
    return table(["Mã lỗi", "Lỗi", "Ví dụ", "Cách sửa"], rows)
