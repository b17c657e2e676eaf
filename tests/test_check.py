"""`python -m scripts.check`: the whole list for people, JSON for machines, exit 1 on any problem."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT
from programs import write_csv, write_program

from scripts.data.messages import MESSAGES
from scripts.report.cautions import stated_until


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.check", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def broken(folder: Path) -> Path:
    write_program(folder)
    with (folder / "values.csv").open("a", encoding="utf-8") as f:
        f.write("A1,BL,2021,120\nA1,HN,2021,50\n")
    return folder


def test_valid_folder_exits_0_with_counts(tmp_path: Path) -> None:
    result = check(str(write_program(tmp_path / "data")))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Dữ liệu hợp lệ: 5 units, 2 indicators, 50 values, 3 topics, 0 documents, 0 findings, 0 milestones.\n"
    )


def test_problems_are_listed_all_at_once_without_traceback(tmp_path: Path) -> None:
    result = check(str(broken(tmp_path / "data")))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Dữ liệu có 2 lỗi, trang chưa được dựng lại:",
        '  1. data/values.csv, dòng 52, cột value: "120" nằm ngoài khoảng 0–100 của chỉ tiêu tính bằng % '
        "— cần một số từ 0 đến 100. Cách sửa: kiểm tra lại số liệu (có thể nhập nhầm 856 thay vì 85,6)",
        '  2. data/values.csv, dòng 53, cột unit: "HN" không có trong units.csv — cần một mã đơn vị đã khai báo '
        "trong units.csv. Cách sửa: sửa lỗi chính tả hoặc thêm dòng tương ứng vào units.csv",
    ]


def test_json_gives_every_field_of_every_problem(tmp_path: Path) -> None:
    result = check(str(broken(tmp_path / "data")), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    first = report["problems"][0]
    assert {k: first[k] for k in ("code", "file", "row", "column", "value", "cell")} == {
        "code": "percent_range",
        "file": "data/values.csv",
        "row": 52,
        "column": "value",
        "value": "120",
        "cell": None,
    }
    assert first["expected"] == "một số từ 0 đến 100"
    assert first["hint"] == MESSAGES["percent_range"].hint
    assert first["message"].startswith('data/values.csv, dòng 52, cột value: "120"')
    assert [p["code"] for p in report["problems"]] == ["percent_range", "unknown_ref"]


def test_json_for_a_valid_folder(tmp_path: Path) -> None:
    result = check(str(write_program(tmp_path / "data")), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "counts": {"units": 5, "indicators": 2, "values": 50, "topics": 3, "documents": 0, "findings": 0,
                   "milestones": 0},
        "warnings": [],
    }  # fmt: skip


def test_a_limitation_without_a_body_responsible_is_a_warning_not_an_error(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data")
    (folder / "findings.csv").write_text("kind,order,title\noverall,1,Chung\nlimitation,1,Một hạn chế\n", "utf-8")
    result = check(str(folder))
    assert result.returncode == 0
    assert result.stderr == (
        "Cảnh báo: data/findings.csv, dòng 3, cột responsible: hạn chế 1 «Một hạn chế» chưa ghi cơ quan, tổ chức "
        "chịu trách nhiệm — báo cáo phải nêu rõ cơ quan, tổ chức có trách nhiệm với từng hạn chế\n"
    )


def test_what_the_report_should_not_be_published_with_is_warned_with_file_row_and_column(tmp_path: Path) -> None:
    folder = write_program(tmp_path / "data")  # A1 is met: 80% in its latest quarter
    write_csv(
        folder / "findings.csv",
        ("kind", "order", "title", "responsible", "related"),
        [("limitation", 1, "Tỷ lệ A còn thấp", "Ban Tổ chức", "A1")],
    )
    write_csv(
        folder / "documents.csv",
        ("number", "kind", "date", "title", "result"),
        [("03-ĐA/TU", "scheme", "2021-01-05", "Đề án A", "Đến 12/2021 đã làm xong một nửa."),
         ("04-ĐA/TU", "scheme", "2021-01-05", "Đề án B", "")],
    )  # fmt: skip
    indicators = (folder / "indicators.csv").read_text("utf-8").splitlines()
    (folder / "indicators.csv").write_text(
        "\n".join([indicators[0] + ",document", indicators[1] + ",03-ĐA/TU", indicators[2] + ",04-ĐA/TU"]) + "\n",
        "utf-8",
    )
    result = check(str(folder))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "Cảnh báo: data/documents.csv, dòng 2, cột result: kết quả của 03-ĐA/TU ghi đến 31/12/2021, cũ hơn số liệu "
        "mới nhất của chỉ tiêu gắn với văn bản: “Tỷ lệ A” có số liệu quý I/2022: 80% — cập nhật kết quả cho cùng kỳ "
        "với số liệu",
        "Cảnh báo: data/documents.csv, dòng 3, cột result: 04-ĐA/TU chưa ghi kết quả, trong khi chỉ tiêu “Số B” có "
        "số liệu quý I/2022: 176 người — ghi kết quả thực hiện đến nay; trong lúc chưa ghi, báo cáo dẫn số liệu "
        "của chỉ tiêu",
        "Cảnh báo: data/findings.csv, cột kind: chưa có đánh giá chung (dòng có kind là overall) — phần “Đánh giá "
        "chung” của báo cáo mở đầu bằng một hoặc vài đoạn đánh giá chung trước các ưu điểm, hạn chế",
        'Cảnh báo: data/findings.csv, dòng 2, cột related: "A1" hạn chế 1 «Tỷ lệ A còn thấp» dẫn chỉ tiêu “Tỷ lệ A”, '
        "chỉ tiêu này được đánh giá “Đã đạt” — xem lại hạn chế hoặc số liệu trước khi công bố",
    ]
    report = json.loads(check(str(folder), "--format", "json").stdout)
    assert [(w["code"], w["file"], w["row"], w["column"]) for w in report["warnings"]] == [
        ("scheme_result_stale", "data/documents.csv", 2, "result"),
        ("scheme_result_stale", "data/documents.csv", 3, "result"),
        ("no_overall", "data/findings.csv", None, "kind"),
        ("limitation_achieved", "data/findings.csv", 2, "related"),
    ]


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("Đến 31/12/2019 đã sắp xếp 20 đơn vị", dt.date(2019, 12, 31)),
        ("Đến 6/2020 đã giảm 13 phòng, ban", dt.date(2020, 6, 30)),
        ("Năm 2019 hoàn thành; giai đoạn 2016-2020", dt.date(2020, 12, 31)),  # the latest day it speaks of
        ("Đã triển khai ở 12 xã", None),  # no date: its age cannot be told
    ],
)
def test_a_results_age_is_the_latest_day_it_speaks_of(text: str, until: dt.date | None) -> None:
    assert stated_until(text) == until


def test_a_missing_folder_is_a_problem_too(tmp_path: Path) -> None:
    result = check(str(tmp_path / "dat"), "--format", "json")
    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["code"] == "missing_folder"
    assert problem["message"] == (
        f"{tmp_path / 'dat'}: không có thư mục dữ liệu này — cần thư mục chứa program.yml, units.csv, "
        "indicators.csv, values.csv, topics.csv. Cách sửa: kiểm tra đường dẫn trong biến SITE_DATA hoặc tham số "
        "của lệnh"
    )


def test_the_editors_guide_lists_every_message_with_its_example(built_sample: Path) -> None:
    html = (built_sample / "huong-dan.html").read_text(encoding="utf-8")
    missing = [code for code in MESSAGES if f"<code>{code}</code>" not in html]
    assert missing == []
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert [m.example for m in MESSAGES.values() if " ".join(m.example.split()) not in text] == []
