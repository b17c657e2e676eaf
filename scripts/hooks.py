"""The MkDocs hooks named in `mkdocs.yml`: a thin entry point into `scripts.build.hooks`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build.hooks import *  # noqa: F403
