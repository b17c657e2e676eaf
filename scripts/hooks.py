"""The MkDocs hooks named in `mkdocs.yml`: a thin entry point into `scripts.assemble.hooks`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.assemble.hooks import *  # noqa: F403
