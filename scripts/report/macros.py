"""Macros for the hand-written pages in `docs/`: their numbers come from the data.

Only pages that opt in (`render_macros: true`) are rendered as Jinja. Every
macro returns Markdown built by `scripts.report.pages`, with data text escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from pathlib import Path
from typing import Any

from scripts.data import schema
from scripts.report import dashboard as dashboard_mod
from scripts.report import fmt, pages
from scripts.report.status import LABELS


def define_env(env: Any) -> None:
    generated = env.conf["extra"]["site_generated"]
    ds, results = generated.dataset, generated.results
    program = ds.program

    env.variables["program_code"] = fmt.text(program.code)
    env.variables["program_title"] = fmt.text(program.title)
    env.variables["program_issuer"] = fmt.text(program.issuer)
    env.variables["program_contact"] = fmt.text(program.contact)  # who answers questions; "" when not given
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
    def dashboard() -> str:
        """The home page's dashboard (scripts.report.dashboard)."""
        return dashboard_mod.dashboard(ds, results, generated.timeline)

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

    @env.macro
    def citation() -> str:
        """How to cite the site (docs/du-lieu.md): issuer, program code and title, date of the figures, address."""
        return cite(program.issuer, program.code, program.title, program.as_of, env.conf.get("site_url") or "")

    @env.macro
    def data_templates() -> str:
        """The section "Tải mẫu nhập liệu" of the editors' guide: only in an edition that offers the templates."""
        return templates_section(env.conf["extra"].get("template_paths", {}), here())

    env.macro(pages.data_dictionary, "data_dictionary")
    env.macro(pages.status_legend, "status_legend")
    env.macro(pages.message_catalogue, "message_catalogue")


# Where the site's address is not known when it is built (no `site_url`), docs/assets/site.js writes the
# address of the home page in its place once the page is opened from a web server.
ADDRESS_UNKNOWN = '<span class="site-address">địa chỉ trang chủ của trang web này</span>'


def cite(issuer: str, code: str, title: str, as_of: dt.date, site_url: str) -> str:
    """The site as an entry of a Vietnamese reference list: issuing body, *title*, date of the figures, address."""
    url = html.escape(site_url, quote=True)
    address = f'<a href="{url}">{url}</a>' if site_url else ADDRESS_UNKNOWN
    return (
        f"{fmt.text(issuer)}, *Kết quả thực hiện Chương trình {fmt.text(code)}: {fmt.text(title)}*, "
        f"số liệu tính đến {fmt.date(as_of)}, {address}."
    )


def templates_section(offered: dict[str, str], here: str) -> str:
    """Links to the Excel template of each table (`offered`: table → path), with what to do with them; "" for none."""
    if not offered:
        return ""
    described = {t.name: t.description for t in schema.TABLES}
    links = [
        f"- [{name}.xlsx]({posixpath.relpath(path, posixpath.dirname(here) or '.')}): {fmt.text(described[name])}"
        for name, path in offered.items()
    ]
    return "\n".join(
        [
            "## Tải mẫu nhập liệu",
            "",
            "Mỗi bảng dữ liệu có một sổ Excel mẫu, đã điền sẵn dữ liệu dùng cho lần dựng trang này. Dòng 1 là tên "
            "các cột; di chuột lên ô tiêu đề để xem cột đó ghi gì và có bắt buộc hay không. Cột mã và cột loại có "
            "danh sách thả xuống; cột số, cột năm, cột ngày chỉ nhận đúng kiểu đó; cột kỳ và các mã để ở dạng văn bản, "
            "nên Excel không tự đổi `2019-09` thành ngày.",
            "",
            *links,
            "",
            "Sửa xong, lưu sổ vào thư mục dữ liệu với đúng tên của nó (ví dụ `values.xlsx`) rồi xóa tệp `.csv` "
            "cùng tên: mỗi bảng chỉ được có một tệp. Khi bảng số liệu rất lớn (hàng trăm nghìn dòng), mẫu "
            "`values.xlsx` trên trang chỉ có dòng tiêu đề, danh sách thả xuống và quy tắc nhập, không kèm số liệu. "
            "Để có mẫu điền sẵn dữ liệu mới nhất trong thư mục dữ liệu, "
            "chạy `python -m scripts.template mau` (các tệp mẫu được ghi vào thư mục `mau`).",
            "",
        ]
    )
