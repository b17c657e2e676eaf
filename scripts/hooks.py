"""MkDocs wiring: hand the pipeline's generated files to MkDocs.

Thin on purpose: the pipeline (`scripts.site`) knows nothing of MkDocs, and
this hook knows nothing of the data. Generated pages and charts are added
in memory with `File.generated`; nothing is written into `docs/`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scripts import editions, pages, site
from scripts.errors import DataError

KEY = "site_generated"
GUARD = "edition_guard"


@event_priority(100)  # before the macros plugin, which reads the dataset
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    base = Path(config.config_file_path).resolve().parent
    folder = site.data_folder(base=base)
    try:
        edition = editions.profile()
        generated = site.generate(folder, cache=base / ".cache", edition=edition)
    except editions.ProfileError as e:
        raise Abort(str(e)) from None
    except DataError as e:
        raise Abort(e.report()) from None
    program = generated.dataset.program
    # Material prints the site name unescaped into the page, so it is escaped here.
    config.site_name = pages.page_title(f"{program.code} — {program.issuer}")
    config.extra[KEY] = generated
    config.extra["data_folder"] = str(folder)
    config.extra["illustrative"] = program.illustrative
    config.extra["build_date"] = site.build_date().strftime("%d/%m/%Y")
    config.extra["edition"] = edition
    config.extra[GUARD] = editions.Guard(generated.withheld, edition)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated: site.Generated = config.extra[KEY]
    for path, content in sorted(generated.files.items()):
        files.append(File.generated(config, path, content=content))
    if generated.edition == editions.INTERNAL:
        not_indexed(files, config)
    return files


def not_indexed(files: Files, config: MkDocsConfig) -> None:
    """The internal edition has no sitemap: neither MkDocs' template (nor the .gz made from it) nor a copy of it."""
    config.theme.static_templates.discard("sitemap.xml")
    sitemap = files.get_file_from_path("sitemap.xml")
    if sitemap is not None:
        files.remove(sitemap)


@event_priority(-100)  # after the macros plugin has rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages: find where they name what the edition withholds."""
    generated: site.Generated = config.extra[KEY]
    if page.file.src_uri not in generated.files:
        guard: editions.Guard = config.extra[GUARD]
        guard.page(f"{Path(config.docs_dir).name}/{page.file.src_uri}", page.file.content_string, markdown)
    return markdown


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page has been read: stop before anything is written if one names a withheld item."""
    error = config.extra[GUARD].error()
    if error:
        raise Abort(error.report())
    return env


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(config.extra["data_folder"])
    return server
