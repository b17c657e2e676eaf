"""The data contract, declared once as data.

Each table lists its columns with a kind, whether it is required, the
allowed choices and a Vietnamese description. The reader, the validator and
the data dictionary page all work from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

UNIT_KINDS = (
    "province", "city", "urban_district", "rural_district", "town", "commune",
    "ward", "township", "party_committee", "agency", "other",
)  # fmt: skip
DIRECTIONS = ("up", "down", "none")
TARGET_TYPES = ("annual", "cumulative", "end")
TARGET_OPS = (">=", ">", "<=", "<")
YES_NO = ("yes", "no")
VISIBILITIES = ("public", "internal")
VALUE_STATUSES = ("official", "estimate", "illustrative")
TOPIC_STATUSES = ("planned", "in_progress", "accepted_base", "accepted_city")
DOCUMENT_KINDS = (
    "directive", "resolution", "scheme", "program", "plan", "conclusion",
    "regulation", "thematic", "other",
)  # fmt: skip
# Kinds of documents whose progress the report follows (đề án, chương trình, kế hoạch, chuyên đề).
TRACKED_KINDS = ("scheme", "program", "plan", "thematic")
PROGRESS = ("planned", "in_progress", "completed", "stopped")
FINDING_KINDS = ("overall", "highlight", "strength", "limitation", "cause", "lesson", "direction", "solution")
ASPECTS = ("objective", "subjective")
NUMBER_FORMATS = ("en", "vi")

KIND_LABELS = {
    "text": "văn bản",
    "markdown": "văn bản Markdown",
    "number": "số",
    "year": "năm",
    "date": "ngày",
    "date_or_year": "ngày hoặc năm",
    "datetime": "ngày và giờ (2022-07-08 15:30)",
    "period": "kỳ (2019, 2019-Q3, 2019-09)",
    "choice": "một giá trị trong danh sách",
    "bool": "true/false",
    "mapping": "nhóm khóa start, end",
    "rounds": "danh sách ngày, hoặc các nhóm khóa date, name",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool
    description: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    description: str
    columns: tuple[Column, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}


def _c(name: str, kind: str, required: bool, description: str, choices: tuple[str, ...] = ()) -> Column:
    return Column(name, kind, required, description, choices)


PROGRAM = Table(
    "program",
    True,
    "Thông tin chung của chương trình (tệp program.yml)",
    (
        _c("code", "text", True, "Số hiệu chương trình, ví dụ 01-CTr/TU"),
        _c("title", "text", True, "Tên đầy đủ"),
        _c("issuer", "text", True, "Cơ quan ban hành"),
        _c("term", "text", False, "Khóa, ví dụ khóa XVI"),
        _c("adopted", "date", False, "Ngày ban hành"),
        _c("period", "mapping", True, "Giai đoạn: start, end (năm)"),
        _c("as_of", "date", True, "Ngày chốt số liệu"),
        _c("summary", "markdown", False, "Tóm tắt ngắn"),
        _c("innovations", "markdown", False, "Những đổi mới trong phương thức lãnh đạo, chỉ đạo (tùy chọn)"),
        _c("illustrative", "bool", False, "true: mọi trang ghi rõ số liệu chỉ mang tính minh họa"),
        _c("number_format", "choice", False, "vi: số trong CSV viết 1.234,5", NUMBER_FORMATS),
        _c("contact", "text", False, "Nơi giải đáp về số liệu (cơ quan, điện thoại hoặc thư điện tử)"),
        _c("place", "text", False, "Địa danh ghi trước ngày của báo cáo, ví dụ Hà Nội"),
        _c("next_term", "text", False, "Nhiệm kỳ của phương hướng, ví dụ 2020–2025"),
        _c("rank_units_home", "bool", False, "false: trang chủ không nêu đơn vị đạt nhiều, đạt ít nhất"),
        _c("rounds", "rounds", False, "Các kỳ báo cáo (ngày, tên); mặc định 31/12 mỗi năm đến ngày chốt số liệu"),
    ),
)

UNITS = Table(
    "units",
    True,
    "Đơn vị báo cáo: thành phố, quận, huyện, xã, đảng bộ…",
    (
        _c("code", "text", True, "Mã đơn vị, duy nhất, dùng trong địa chỉ trang"),
        _c("name", "text", True, "Tên hiển thị"),
        _c("kind", "choice", True, "Loại đơn vị", UNIT_KINDS),
        _c("parent", "text", False, "Mã đơn vị cấp trên; để trống với đơn vị gốc"),
    ),
)

INDICATORS = Table(
    "indicators",
    True,
    "Chỉ tiêu và mục tiêu của chỉ tiêu",
    (
        _c("id", "text", True, "Mã chỉ tiêu, duy nhất, dùng trong địa chỉ trang"),
        _c("group", "text", True, "Nhóm nhiệm vụ, giải pháp"),
        _c("name", "text", True, "Tên chỉ tiêu"),
        _c("measure", "text", True, "Đơn vị tính: %, người, tổ chức…"),
        _c(
            "direction",
            "choice",
            True,
            "up: càng cao càng tốt; down: càng thấp càng tốt; none: chỉ theo dõi, không có tốt hơn hay kém hơn",
            DIRECTIONS,
        ),
        _c("target", "number", False, "Giá trị chỉ tiêu"),
        _c("target_type", "choice", False, "annual: hằng năm; cumulative: cộng dồn; end: cuối kỳ", TARGET_TYPES),
        _c("target_text", "text", False, "Chỉ tiêu như ghi trong chương trình"),
        _c(
            "target_op",
            "choice",
            False,
            "So với mục tiêu: >= (mặc định với up), > (trên, hơn), <= (mặc định với down), < (dưới)",
            TARGET_OPS,
        ),
        _c(
            "rank_units",
            "choice",
            False,
            "yes (mặc định): xếp hạng các đơn vị; no: không xếp hạng (nhiệm vụ nhạy cảm)",
            YES_NO,
        ),
        _c("baseline", "number", False, "Giá trị xuất phát"),
        _c("baseline_year", "year", False, "Năm của giá trị xuất phát"),
        _c(
            "target_status",
            "choice",
            False,
            "Mức tin cậy của chỉ tiêu: official, estimate, illustrative",
            VALUE_STATUSES,
        ),
        _c(
            "baseline_status",
            "choice",
            False,
            "Mức tin cậy của giá trị xuất phát: official, estimate, illustrative",
            VALUE_STATUSES,
        ),
        _c("document", "text", False, "Số hiệu văn bản (trong documents.csv) đặt ra chỉ tiêu"),
        _c("source", "text", False, "Nguồn số liệu"),
        _c("visibility", "choice", False, "public (mặc định) hoặc internal", VISIBILITIES),
        _c("description", "markdown", False, "Mô tả"),
    ),
)

VALUES = Table(
    "values",
    True,
    "Mỗi dòng là một số liệu của một chỉ tiêu, một đơn vị, một kỳ",
    (
        _c("indicator", "text", True, "Mã chỉ tiêu (indicators.csv)"),
        _c("unit", "text", True, "Mã đơn vị (units.csv)"),
        _c("period", "period", True, "Kỳ: 2019, 2019-Q3 hoặc 2019-09"),
        _c("value", "number", False, "Giá trị; để trống nếu chưa có số liệu (không phải số 0)"),
        _c("status", "choice", False, "official (mặc định), estimate, illustrative", VALUE_STATUSES),
        _c("source", "text", False, "Nguồn của riêng số liệu này"),
        _c("note", "text", False, "Ghi chú hiển thị kèm số liệu"),
        _c(
            "reported", "date", False, "Ngày báo cáo số liệu (ghi khi thu biểu mẫu); quyết định kỳ báo cáo tính số liệu"
        ),
    ),
)

TOPICS = Table(
    "topics",
    True,
    "Đề tài khoa học; nội dung ở topics/<id>.md",
    (
        _c("id", "text", True, "Mã đề tài; nội dung ở topics/<id>.md"),
        _c("title", "text", True, "Tên đề tài"),
        _c("lead_agency", "text", True, "Cơ quan chủ trì"),
        _c("chair", "text", False, "Chủ nhiệm đề tài"),
        _c("field", "text", False, "Lĩnh vực"),
        _c("start", "date_or_year", False, "Bắt đầu"),
        _c("end", "date_or_year", False, "Kết thúc"),
        _c("status", "choice", True, "Tình trạng", TOPIC_STATUSES),
        _c("rating", "text", False, "Xếp loại: xuất sắc, khá, đạt…"),
        _c("summary", "markdown", False, "Kết quả chính và kiến nghị, một đoạn (đưa vào phụ lục)"),
        _c("accepted_on", "date", False, "Ngày nghiệm thu"),
        _c("visibility", "choice", False, "public hoặc internal", VISIBILITIES),
        _c("source", "text", False, "Nguồn thông tin (tùy chọn)"),
    ),
)

DOCUMENTS = Table(
    "documents",
    False,
    "Văn bản: chỉ thị, nghị quyết, đề án, chương trình, kế hoạch, kết luận",
    (
        _c("number", "text", True, "Số hiệu, ví dụ 21-ĐA/TU"),
        _c("kind", "choice", True, "Loại văn bản", DOCUMENT_KINDS),
        _c("date", "date", True, "Ngày ban hành"),
        _c("title", "text", True, "Trích yếu"),
        _c("issuer", "text", False, "Cơ quan ban hành"),
        _c("field", "text", False, "Lĩnh vực"),
        _c("summary", "text", False, "Tóm tắt"),
        _c(
            "progress",
            "choice",
            False,
            "Tiến độ (đề án, chương trình, kế hoạch, chuyên đề): planned, in_progress, completed, stopped",
            PROGRESS,
        ),
        _c("result", "markdown", False, "Kết quả đạt được đến nay"),
        _c("visibility", "choice", False, "public hoặc internal", VISIBILITIES),
        _c("source", "text", False, "Nguồn thông tin (tùy chọn)"),
    ),
)

FINDINGS = Table(
    "findings",
    False,
    "Nội dung báo cáo: kết quả nổi bật, ưu điểm, hạn chế, nguyên nhân, bài học, phương hướng",
    (
        _c(
            "kind",
            "choice",
            True,
            "overall (đánh giá chung), highlight (kết quả nổi bật), strength (ưu điểm), limitation, cause, lesson,"
            " direction, solution (giải pháp)",
            FINDING_KINDS,
        ),
        _c("order", "number", True, "Thứ tự trong cùng loại: 1, 2, …"),
        _c("title", "text", True, "Tiêu đề"),
        _c("text", "markdown", False, "Nội dung"),
        _c("responsible", "text", False, "Cơ quan, tổ chức chịu trách nhiệm (với hạn chế)"),
        _c("aspect", "choice", False, "Với nguyên nhân: objective (khách quan), subjective (chủ quan)", ASPECTS),
        _c("related", "text", False, "Mã chỉ tiêu, số hiệu văn bản, mã đề tài liên quan, cách nhau bằng dấu ;"),
        _c("source", "text", False, "Nguồn (nơi nội dung được trích)"),
        _c("date", "date", False, "Ngày nêu nội dung; để trống: tính ở mọi kỳ báo cáo"),
        _c("visibility", "choice", False, "public hoặc internal", VISIBILITIES),
    ),
)

MILESTONES = Table(
    "milestones",
    False,
    "Mốc thời gian: giao ban, hội nghị, nghiệm thu…",
    (
        _c("date", "date", True, "Ngày"),
        _c("title", "text", True, "Sự kiện"),
        _c("chair", "text", False, "Người chủ trì"),
        _c("summary", "text", False, "Tóm tắt"),
        _c("visibility", "choice", False, "public hoặc internal", VISIBILITIES),
        _c("source", "text", False, "Nguồn thông tin (tùy chọn)"),
    ),
)

# Written by the collection of returns (`python -m scripts.collect`); shown in the internal edition only, so it is
# kept apart from `TABLES`, whose every table the data dictionary, the templates and the data package list.
RECEIPTS = Table(
    "receipts",
    False,
    "Biểu mẫu đơn vị đã gửi về: mỗi dòng một biểu mẫu đã thu (chỉ dùng nội bộ)",
    (
        _c("unit", "text", True, "Mã đơn vị gửi biểu mẫu (units.csv)"),
        _c("period", "period", True, "Kỳ của biểu mẫu: 2019, 2019-Q3 hoặc 2019-09"),
        _c("file", "text", False, "Tên tệp biểu mẫu đã thu"),
        _c("sha256", "text", False, "Mã băm SHA-256 của tệp (nhận ra một tệp được gửi lại)"),
        _c("received", "datetime", True, "Ngày giờ thu biểu mẫu"),
        _c("added", "number", False, "Số số liệu được thêm"),
        _c("revised", "number", False, "Số số liệu được sửa"),
    ),
)

TABLES: tuple[Table, ...] = (UNITS, INDICATORS, VALUES, TOPICS, DOCUMENTS, FINDINGS, MILESTONES)
