"""The theme layer: Vietnamese words, the menu in three groups, breadcrumbs, the footer's contact, the 404 page.

What a browser shows is in tests/browser/test_theme.py; here, what the built files hold, for the sample
and for another program (with and without a contact, internal and public editions).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_mkdocs
from programs import write_program

from scripts.assemble.pagecache import _setting
from scripts.data.textutil import heading_id

GROUPS = ["Báo cáo", "Tra cứu", "Dành cho cán bộ"]
DETAIL_FOLDERS = ("chi-tieu", "don-vi", "de-tai", "phu-luc")
PARENTS = {"chi-tieu": "Chỉ tiêu", "don-vi": "Đơn vị", "de-tai": "Đề tài khoa học", "phu-luc": "Phụ lục"}
CONTACT = 'Ban Tổ chức <b>Tỉnh ủy</b> & "Văn phòng", ĐT 0123 456 789'


def nav_pages(items: list[object]) -> list[str]:
    out: list[str] = []
    for item in items:
        assert isinstance(item, dict)
        for value in item.values():
            out += nav_pages(value) if isinstance(value, list) else [value]
    return out


def menu_groups(page: str) -> list[str]:
    """The titles of the menu's top-level groups, as the page shows them."""
    primary = page.split('class="md-nav md-nav--primary"', 1)[1]
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m).strip())
        for m in re.findall(
            r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label"[^>]*>(.*?)</label>', primary, re.S
        )
    ]


def footer(page: str) -> str:
    return page.split('<footer class="md-footer">', 1)[1].split("</footer>", 1)[0]


def footer_contact(page: str) -> str | None:
    """The contact as the footer prints it (escaped HTML), None when there is no contact line."""
    m = re.search(r'<p class="site-contact"><strong>Liên hệ:</strong> (.*?)</p>', footer(page), re.S)
    return m.group(1) if m else None


# --- the menu ----------------------------------------------------------------------


def test_the_menu_lists_three_groups_and_every_page_it_listed_before() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(group)) for group in config["nav"]] == GROUPS
    listed = nav_pages(config["nav"])
    before = ["index.md", "chuong-trinh.md", "chi-tieu/index.md", "don-vi/index.md", "de-tai/index.md",
              "danh-gia.md", "phuong-huong.md", "moc-thoi-gian.md", "phu-luc/index.md", "thay-doi/index.md",
              "du-lieu.md", "huong-dan.md", "ban-in.md"]  # fmt: skip
    assert [p for p in before if p not in listed] == []
    assert len(listed) == len(set(listed))
    assert not any(p.startswith(f"{f}/") and not p.endswith("/index.md") for p in listed for f in DETAIL_FOLDERS)


def test_every_page_of_the_sample_shows_the_three_groups(built_sample: Path) -> None:
    for page in ("index.html", "du-lieu.html", "chi-tieu/index.html", "thay-doi/index.html"):
        assert menu_groups((built_sample / page).read_text(encoding="utf-8")) == GROUPS, page


def test_every_detail_page_has_breadcrumbs_to_its_folder(built_sample: Path) -> None:
    pages = [p for f in DETAIL_FOLDERS for p in (built_sample / f).rglob("*.html") if p.name != "index.html"]
    assert {p.relative_to(built_sample).parts[0] for p in pages} == set(DETAIL_FOLDERS)
    for path in pages:
        page = path.read_text(encoding="utf-8")
        crumbs = re.search(r'<nav class="breadcrumbs" aria-label="Vị trí trang">(.*?)</nav>', page, re.S)
        assert crumbs, path
        links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs.group(1))
        here = path.relative_to(built_sample).as_posix()
        folder = here.split("/")[0]
        home, parent = (posixpath.relpath(p, posixpath.dirname(here)) for p in ("index.html", f"{folder}/index.html"))
        assert links == [(home, "Trang chủ"), (parent, PARENTS[folder])], path
        # the menu lights the folder's page: its item is marked active
        lit = rf'<li class="md-nav__item md-nav__item--active">\s*<a href="{re.escape(parent)}" class="md-nav__link">'
        assert re.search(lit, page), path


def test_pages_of_the_menu_have_no_breadcrumbs(built_sample: Path) -> None:
    for page in ("index.html", "chi-tieu/index.html", "du-lieu.html"):
        assert 'class="breadcrumbs"' not in (built_sample / page).read_text(encoding="utf-8")


# --- words -------------------------------------------------------------------------


def test_no_theme_english_and_no_generator_line(built_sample: Path) -> None:
    english = ("Skip to content", "Back to top", "Made with", "Initializing search", "Type to start searching",
               "matching document", "Table of contents", 'aria-label="Navigation"', 'aria-label="Header"',
               'aria-label="Footer"', "Copy to clipboard", "Xoá", "Trở lại mục lục")  # fmt: skip
    for path in sorted(built_sample.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        assert [w for w in english if w in page] == [], path


def test_the_sample_footer_names_its_contact_on_every_page(built_sample: Path) -> None:
    contact = yaml.safe_load((ROOT / "data" / "program.yml").read_text(encoding="utf-8"))["contact"]
    for page in ("index.html", "chi-tieu/index.html", "404.html", "ban-in.html"):
        shown = footer_contact((built_sample / page).read_text(encoding="utf-8"))
        assert shown is not None and html.unescape(shown) == contact, page


# --- the 404 page ----------------------------------------------------------------


def test_the_404_page_is_vietnamese_and_relative_to_the_site_root(built_sample: Path) -> None:
    raw = (built_sample / "404.html").read_bytes()
    page = raw.decode("utf-8")
    assert "<h1>Không tìm thấy trang</h1>" in page
    assert "<title>Không tìm thấy trang - " in page
    assert b'<meta charset="utf-8">' in raw[:1024]  # the script that finds the root stays small
    assert re.findall(r'(?:href|src)="/[^/]', page) == []  # nothing absolute: it works from the disk
    assert '<a href="./index.html">Về trang chủ</a>' in page
    folders = re.search(r"var t=(\[[^\]]*\])", page)
    assert folders and {"assets", "chi-tieu", "don-vi"} <= set(yaml.safe_load(folders.group(1)))


# --- another program -------------------------------------------------------------


@pytest.mark.parametrize("profile", ["internal", "public"])
def test_another_program_with_a_contact_shows_it_escaped(tmp_path: Path, profile: str) -> None:
    data = write_program(tmp_path / "data")
    with (data / "program.yml").open("a", encoding="utf-8") as f:
        f.write(f"contact: {yaml.safe_dump(CONTACT, allow_unicode=True).splitlines()[0]}\n")
    site = tmp_path / "site"
    result = run_mkdocs(data, site, env={"SITE_PROFILE": profile})
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    shown = footer_contact(home)
    assert shown is not None and html.unescape(shown) == CONTACT and "<" not in shown
    assert "<b>Tỉnh ủy</b>" not in home
    assert menu_groups(home) == GROUPS  # the public edition keeps the staff pages it had, regrouped
    about = (site / "du-lieu.html").read_text(encoding="utf-8")
    assert 'id="lien-he"' in about and "&lt;b&gt;Tỉnh ủy&lt;/b&gt;" in about
    assert 'id="cach-trich-dan"' in about


def test_another_program_without_a_contact_has_no_contact_line(tmp_path: Path) -> None:
    data = write_program(tmp_path / "data")
    site = tmp_path / "site"
    result = run_mkdocs(data, site)
    assert result.returncode == 0, result.stderr
    assert footer_contact((site / "index.html").read_text(encoding="utf-8")) is None
    assert "Liên hệ" not in footer((site / "index.html").read_text(encoding="utf-8"))
    assert 'id="lien-he"' not in (site / "du-lieu.html").read_text(encoding="utf-8")


# --- anchors -----------------------------------------------------------------------


def test_headings_starting_with_d_get_anchors_starting_with_d(built_sample: Path) -> None:
    found = []
    for path in sorted(built_sample.rglob("*.html")):
        for anchor, text in re.findall(r'<h[2-4] id="([^"]+)">(.*?)</h[2-4]>', path.read_text(encoding="utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
            if text.startswith(("Đ", "đ")):
                found.append((path.name, text, anchor))
    assert found
    assert [f for f in found if not f[2].startswith("d")] == []


def test_the_toc_slugify_is_named_the_same_in_every_run() -> None:
    # the page cache keys pages by the Markdown settings: a function must not enter them by its address
    assert _setting(heading_id) == "scripts.data.textutil.heading_id"
    assert _setting({"permalink": False}) == repr({"permalink": False})
