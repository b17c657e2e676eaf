"""Data: the contract, reading, validation and the typed dataset.

Owns the data contract declared as data (`schema`), reading CSV/Excel/YAML
into raw cells (`load`), checking every rule and collecting every problem
(`validate`, `errors`, `messages`), the immutable `Dataset` (`model`) and
the public edition's dataset (`editions`).

May import: the standard library, PyYAML, openpyxl, and `scripts.data` itself.
Never `scripts.report`, `scripts.downloads` or `scripts.assemble`.
"""
