"""A stored page is reused only while what every page shares is the same, theme overrides included."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.structure.nav import Navigation

from scripts.assemble import pageoutput

ROOT = Path(__file__).resolve().parent.parent


def shared_with(overrides: Path, **settings: Any) -> str:
    config = load_config(str(ROOT / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(overrides)}, **settings)
    return pageoutput.shared(config, Navigation([], []))


def test_an_edited_override_template_or_asset_changes_what_all_pages_share(tmp_path: Path) -> None:
    overrides = Path(shutil.copytree(ROOT / "overrides", tmp_path / "overrides"))
    before = shared_with(overrides)
    assert shared_with(overrides) == before  # the same settings give the same hash in another load
    main = overrides / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")
    edited = shared_with(overrides)
    assert edited != before
    (overrides / ".icons").mkdir()
    (overrides / ".icons" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    assert shared_with(overrides) != edited


def test_the_site_s_settings_are_part_of_what_all_pages_share(tmp_path: Path) -> None:
    overrides = Path(shutil.copytree(ROOT / "overrides", tmp_path / "overrides"))
    assert shared_with(overrides) != shared_with(overrides, copyright="© Ban Tổ chức")
