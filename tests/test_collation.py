"""Vietnamese order and Vietnamese anchors: `vi_key` sorts as a Vietnamese dictionary does,
and `heading_id` gives a heading the anchor a person would type (đ → d, no tone marks)."""

from __future__ import annotations

import unicodedata

import pytest

from scripts.data.textutil import heading_id, vi_key


def vi_sorted(words: list[str]) -> list[str]:
    return sorted(words, key=vi_key)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # đ is a letter of its own, after d: the fields of a program's documents
        (
            ["Đất đai", "Xây dựng Đảng", "Đô thị", "Dân vận", "Xây dựng", "Đảng viên"],
            ["Dân vận", "Đảng viên", "Đất đai", "Đô thị", "Xây dựng", "Xây dựng Đảng"],
        ),
        # a ă â, e ê, o ô ơ, u ư are letters in that order
        (["âm", "ăn", "an"], ["an", "ăn", "âm"]),
        (["ơn", "ông", "ong"], ["ong", "ông", "ơn"]),
        (["ưu", "uy", "ê", "em"], ["em", "ê", "uy", "ưu"]),
        # tone marks only break ties, in the dictionary's order: none, huyền, hỏi, ngã, sắc, nặng
        (["mạ", "má", "mã", "mả", "mà", "ma"], ["ma", "mà", "mả", "mã", "má", "mạ"]),
        # …and a letter decides before any tone mark: "bà" comes before "ban"
        (["ban", "bà", "bá"], ["bà", "bá", "ban"]),
        # case is ignored
        (["b", "A", "a", "B"], ["A", "a", "B", "b"]),
        # names with f, j, w, z keep their Latin places
        (["Zalo", "Wi-Fi", "Facebook", "Giang"], ["Facebook", "Giang", "Wi-Fi", "Zalo"]),
        # a word before the same word followed by more
        (["Xây dựng Đảng", "Xây dựng"], ["Xây dựng", "Xây dựng Đảng"]),
    ],
)
def test_vietnamese_alphabetical_order(words: list[str], expected: list[str]) -> None:
    assert vi_sorted(words) == expected


def test_composed_and_decomposed_text_sort_alike() -> None:
    composed = "Đảng ủy"
    decomposed = unicodedata.normalize("NFD", composed)
    assert vi_key(composed)[:2] == vi_key(decomposed)[:2]


def test_the_order_is_total_and_deterministic() -> None:
    words = ["a", "A", "à", "À", "b"]
    assert vi_sorted(words) == vi_sorted(list(reversed(words)))


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Đánh giá chung", "danh-gia-chung"),  # Python-Markdown's own gives "anh-gia-chung"
        ("Đổi mới phương thức lãnh đạo, chỉ đạo", "doi-moi-phuong-thuc-lanh-dao-chi-dao"),
        ("Hạn chế, yếu kém (4)", "han-che-yeu-kem-4"),
        ("So sánh các đơn vị (Năm 2020)", "so-sanh-cac-don-vi-nam-2020"),
        ("Văn bản 21-ĐA/TU", "van-ban-21-da-tu"),
        (unicodedata.normalize("NFD", "Đề tài khoa học"), "de-tai-khoa-hoc"),  # decomposed input
    ],
)
def test_heading_anchors_fold_tone_marks_and_d(heading: str, anchor: str) -> None:
    assert heading_id(heading, "-") == anchor


def test_heading_anchor_uses_the_separator_it_is_given() -> None:
    assert heading_id("Đơn vị báo cáo", "_") == "don_vi_bao_cao"
