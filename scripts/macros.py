"""The mkdocs-macros module named in `mkdocs.yml`: a thin entry point into `scripts.report.macros`."""

from scripts.report.macros import define_env

__all__ = ["define_env"]
