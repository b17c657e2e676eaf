"""What changed in the data since the previous build: the "Thay đổi từ lần cập nhật trước" page.

Each build leaves a snapshot of its figures with the output (`SNAPSHOT`, a
gzipped JSON file in the site). The next build reads it back from the site
folder it replaces and lists the values added, changed and removed, with
changes of an indicator's status first, plus the same list as CSV and JSON.

A rebuild of unchanged figures carries the previous list forward, so the page
keeps saying what the last real update changed, and the same data with the
same previous snapshot always gives the same bytes.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.data import editions
from scripts.data.model import Dataset, Period, Value
from scripts.report import fmt, pages
from scripts.report.compute import Results
from scripts.report.memo import Always, Memo
from scripts.report.status import LABELS, Status

PAGE = "thay-doi/index.md"
SNAPSHOT = "thay-doi/data-snapshot.json.gz"
CSV = "thay-doi/thay-doi.csv"
JSON = "thay-doi/thay-doi.json"
FORMAT = 1
ROWS_SHOWN = 500  # value changes listed on the page; the CSV and JSON have all
# What changed between two builds of the site, not between two reporting rounds (`scripts.report.rounds`).
TITLE = "Thay đổi từ lần cập nhật trước"
NOT_ROUNDS = (
    "_Trang này so sánh với lần cập nhật trang trước, không phải với kỳ báo cáo trước; thay đổi giữa các kỳ báo cáo "
    "ở mục [So với kỳ trước](../ket-qua.md#so-voi-ky-truoc)._\n"
)
KIND_LABELS = {"added": "Thêm mới", "changed": "Sửa", "removed": "Xóa"}
CSV_COLUMNS = ("kind", "indicator", "indicator_name", "unit", "unit_name", "period", "old", "new")

Snapshot = dict[str, Any]


@dataclass(frozen=True)
class Report:
    """The changes shown, as plain data (it is stored in the snapshot as is)."""

    first: bool  # no earlier data to compare with
    since: str | None  # as_of of the data compared with, ISO date
    statuses: tuple[dict[str, Any], ...]
    values: tuple[dict[str, Any], ...]

    def as_json(self) -> dict[str, Any]:
        return {"first": self.first, "since": self.since, "statuses": self.statuses, "values": self.values}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(data["first"], data["since"], tuple(data["statuses"]), tuple(data["values"]))


def snapshot(ds: Dataset, r: Results, fragments: dict[str, Fragment]) -> Snapshot:
    """The figures a later build compares with: statuses and names, and a digest of each indicator's values
    (the values themselves are written from `fragments`, `encoded`)."""
    return {
        "format": FORMAT,
        "internal": bool(editions.withheld(ds)),  # holds rows the public edition leaves out
        "as_of": ds.program.as_of.isoformat(),
        "indicators": {
            i.id: {"name": i.name, "measure": i.measure, "status": r.status(i.id).code} for i in ds.indicators
        },
        "units": {u.code: u.name for u in ds.units},
        "digests": {ind: fragment.digest for ind, fragment in fragments.items()},
    }


@dataclass(frozen=True)
class Fragment:
    """An indicator's values as the snapshot holds them: the JSON of {unit: {period: value}}, and its digest."""

    text: str
    digest: str


def fragments(ds: Dataset, memo: Memo) -> dict[str, Fragment]:
    """The values of each indicator that has some, in the dataset's order, kept with the indicator's values."""
    out = {}
    for ind in ds.indicators:
        values = ds.values_by_indicator.get(ind.id, ())
        if values:
            out[ind.id] = memo.indicator(ind.id, "snapshot", functools.partial(_fragment, values), count=False)
    return out


def _fragment(values: tuple[Value, ...]) -> Fragment:
    block: dict[str, dict[str, float | None]] = {}
    for v in values:
        block.setdefault(v.unit, {})[v.period.code] = v.value
    text = json.dumps(block, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Fragment(text, hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16).hexdigest())


def encoded(current: Snapshot, fragments: dict[str, Fragment]) -> bytes:
    """The snapshot as JSON, keys sorted, its values spliced in from `fragments` (each kept already as text):
    the bytes `json.dumps` gives for the snapshot with its values, without making them again."""
    head = json.dumps(current, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert head.endswith("}") and all(key < "values" for key in current), "the values sort last"
    values = ",".join(f"{json.dumps(ind, ensure_ascii=False)}:{f.text}" for ind, f in sorted(fragments.items()))
    return f'{head[:-1]},"values":{{{values}}}}}'.encode("utf-8", errors="surrogatepass")


def narrowed(
    previous: Snapshot | None, current: Snapshot, fragments: dict[str, Fragment]
) -> tuple[Snapshot | None, Snapshot]:
    """The two snapshots with the values of the indicators whose values differ only, which is all `compare`
    needs: an indicator whose digest is the same in both has the same values. A snapshot written without
    digests is compared whole."""
    if previous is None:
        return None, {**current, "values": {}}
    before = previous.get("digests")
    if not isinstance(before, dict):
        return previous, {**current, "values": {ind: json.loads(f.text) for ind, f in fragments.items()}}
    after = current["digests"]
    changed = [ind for ind in after if before.get(ind) != after[ind]] + [ind for ind in before if ind not in after]
    new = {ind: json.loads(fragments[ind].text) for ind in changed if ind in fragments}
    old = {ind: previous["values"][ind] for ind in changed if ind in previous["values"]}
    return {**previous, "values": old}, {**current, "values": new}


def read_previous(site: Path | None, ds: Dataset) -> Snapshot | None:
    """The snapshot the previous build left in `site`, if it is readable and may be compared with.

    A build without internal rows (the public edition) never compares with a
    snapshot that had some: its page would list what the public must not see.
    """
    if site is None:
        return None
    path = site / SNAPSHOT
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("internal", True) and not editions.withheld(ds):
        return None
    return data


def compare(old: Snapshot | None, new: Snapshot) -> Report:
    """The report of this build: a fresh comparison, or the previous one when the figures are the same."""
    if old is None:
        return Report(True, None, (), ())
    if old["values"] == new["values"] and _statuses(old) == _statuses(new) and "changes" in old:
        return Report.from_json(old["changes"])
    return Report(False, old.get("as_of"), _status_changes(old, new), _value_changes(old, new))


def _statuses(s: Snapshot) -> dict[str, str]:
    return {k: v["status"] for k, v in s["indicators"].items()}


def _name(s: Snapshot, kind: str, key: str) -> str:
    item = s[kind].get(key)
    return "" if item is None else item["name"] if isinstance(item, dict) else item


def _status_changes(old: Snapshot, new: Snapshot) -> tuple[dict[str, Any], ...]:
    before, after = _statuses(old), _statuses(new)
    out = []
    for ind in list(after) + sorted(set(before) - set(after)):
        if before.get(ind) != after.get(ind):
            name = _name(new, "indicators", ind) or _name(old, "indicators", ind)
            out.append({"indicator": ind, "indicator_name": name, "old": before.get(ind), "new": after.get(ind)})
    return tuple(out)


def _value_changes(old: Snapshot, new: Snapshot) -> tuple[dict[str, Any], ...]:
    """Values added, changed and removed, in the order of the new data (then what left it)."""
    out = []
    ov, nv = old["values"], new["values"]
    for ind in list(nv) + sorted(set(ov) - set(nv)):
        a, b = ov.get(ind, {}), nv.get(ind, {})
        if a == b:
            continue
        ind_name = _name(new, "indicators", ind) or _name(old, "indicators", ind)
        for unit in list(b) + sorted(set(a) - set(b)):
            pa, pb = a.get(unit, {}), b.get(unit, {})
            if pa == pb:
                continue
            unit_name = _name(new, "units", unit) or _name(old, "units", unit)
            for period in sorted(set(pa) | set(pb), key=_period_key):
                x, y = pa.get(period), pb.get(period)
                if x == y:
                    continue
                kind = "added" if x is None else "removed" if y is None else "changed"
                out.append(
                    {
                        "kind": kind,
                        "indicator": ind,
                        "indicator_name": ind_name,
                        "unit": unit,
                        "unit_name": unit_name,
                        "period": period,
                        "old": x,
                        "new": y,
                    }
                )
    return tuple(out)


def _period_key(code: str) -> tuple[Any, ...]:
    p = Period.parse(code)
    return (0, p.sort_key) if p else (1, code)


# --- output ------------------------------------------------------------------


def files(
    ds: Dataset, r: Results, previous: Snapshot | None, memo: Memo | None = None
) -> tuple[pages.Page, dict[str, bytes]]:
    """The page and the files (snapshot, CSV, JSON) of this build's report.

    `memo` keeps each indicator's part of the snapshot with its values: a
    rebuild makes again only the parts of the indicators whose values changed,
    and compares only those with the previous snapshot.
    """
    parts = fragments(ds, memo or Always())
    current = snapshot(ds, r, parts)
    report = compare(*narrowed(previous, current, parts))
    current["changes"] = report.as_json()
    data = encoded(current, parts)
    out = {
        SNAPSHOT: gzip.compress(data, compresslevel=1, mtime=0),  # read by the next build only: quick beats small
        JSON: (json.dumps(report.as_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"),
        CSV: _csv(report),
    }
    return page(ds, r, report, current), out


def _csv(report: Report) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in report.statuses:
        w.writerow(["status", s["indicator"], s["indicator_name"], "", "", "", s["old"] or "", s["new"] or ""])
    for v in report.values:
        w.writerow(["" if v[c] is None else v[c] for c in CSV_COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # the mark lets Excel read UTF-8


def page(ds: Dataset, r: Results, report: Report, current: Snapshot) -> pages.Page:
    src = PAGE
    body = [f"# {TITLE}\n", NOT_ROUNDS]
    downloads = f"Bản đầy đủ: [CSV]({CSV.rsplit('/', 1)[1]}), [JSON]({JSON.rsplit('/', 1)[1]})."
    if report.first:
        body.append(
            "Chưa có bản dữ liệu trước để so sánh: đây là lần dựng đầu tiên của trang. "
            "Từ lần cập nhật sau, trang này liệt kê các số liệu được thêm, sửa, xóa.\n"
        )
        return pages.Page(src, TITLE, "\n".join(body))
    counts = {k: sum(1 for v in report.values if v["kind"] == k) for k in KIND_LABELS}
    since = f" (số liệu tính đến {fmt.date_text(report.since)})" if report.since else ""
    body.append(
        f"So với lần cập nhật dữ liệu trước{since}: {fmt.number(len(report.statuses))} chỉ tiêu thay đổi đánh giá, "
        f"{fmt.number(counts['added'])} số liệu thêm mới, {fmt.number(counts['changed'])} số liệu sửa, "
        f"{fmt.number(counts['removed'])} số liệu bị xóa. {downloads}\n"
    )
    body.append("## Thay đổi đánh giá\n")
    rows = [
        [_indicator(ds, s["indicator"], s["indicator_name"], src), _status(s["old"]), _status(s["new"])]
        for s in report.statuses
    ]
    body.append(pages.table(["Chỉ tiêu", "Trước", "Nay"], rows) if rows else "_Không có chỉ tiêu nào đổi đánh giá._\n")
    body.append("## Số liệu thay đổi\n")
    measures = {k: v["measure"] for k, v in current["indicators"].items()}
    places = r.decimals_by_indicator  # an indicator no longer in the data: its figures as few as they need
    vrows = [
        _value_row(ds, v, measures.get(v["indicator"], ""), places.get(v["indicator"]), src)
        for v in report.values[:ROWS_SHOWN]
    ]
    if len(report.values) > ROWS_SHOWN:
        body.append(
            f"_Trang hiển thị {fmt.number(ROWS_SHOWN)} trong {fmt.number(len(report.values))} thay đổi; "
            f"bản đầy đủ ở tệp CSV và JSON._\n"
        )
    header = ["Chỉ tiêu", "Đơn vị", "Kỳ", "Trước", "Nay", "Thay đổi"]
    body.append(pages.table(header, vrows, "lllrrl") if vrows else "_Không có số liệu nào thay đổi._\n")
    return pages.Page(src, TITLE, "\n".join(body))


def _status(code: str | None) -> str:
    return "–" if code is None else pages.status_badge(Status(code)) if code in LABELS else fmt.text(code)


def _indicator(ds: Dataset, ind: str, name: str, src: str) -> str:
    label = fmt.text(f"{ind}. {name}")
    found = ds.indicator_by_id.get(ind)
    return pages.link(label, src, pages.indicator_path(found)) if found else label


def _value_row(ds: Dataset, v: dict[str, Any], measure: str, decimals: int | None, src: str) -> list[str]:
    unit = ds.unit_by_code.get(v["unit"])
    unit_text = fmt.text(v["unit_name"] or v["unit"])
    period = Period.parse(v["period"])
    return [
        _indicator(ds, v["indicator"], v["indicator_name"], src),
        pages.link(unit_text, src, pages.unit_path(unit)) if unit else unit_text,
        period.short if period else fmt.text(v["period"]),
        fmt.quantity(v["old"], measure, decimals),
        fmt.quantity(v["new"], measure, decimals),
        KIND_LABELS[v["kind"]],
    ]
