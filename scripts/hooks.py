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

from scripts import pages, site
from scripts.errors import DataError

KEY = "site_generated"


@event_priority(100)  # before the macros plugin, which reads the dataset
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    base = Path(config.config_file_path).resolve().parent
    folder = site.data_folder(base=base)
    try:
        generated = site.generate(folder, cache=base / ".cache")
    except DataError as e:
        raise Abort(e.report()) from None
    program = generated.dataset.program
    # Material prints the site name unescaped into the page, so it is escaped here.
    config.site_name = pages.page_title(f"{program.code} — {program.issuer}")
    config.extra[KEY] = generated
    config.extra["data_folder"] = str(folder)
    config.extra["illustrative"] = program.illustrative
    config.extra["build_date"] = site.build_date().strftime("%d/%m/%Y")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated: site.Generated = config.extra[KEY]
    for path, content in sorted(generated.files.items()):
        files.append(File.generated(config, path, content=content))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(config.extra["data_folder"])
    return server
