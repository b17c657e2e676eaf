"""Cache: the one store of what is kept between builds, and what keys its entries.

Owns the store (`store`: one file per entry, written whole or not at all),
the hash of the code that made an entry (`code`), the validated dataset
kept between builds (`datacache`) and the revalidation of the lines that
changed (`revalidate`), and the keys of each page's data (`pagekeys`).

May import: `scripts.data`, `scripts.report`, `scripts.downloads` and
`scripts.cache` itself. Never `scripts.assemble`, which wires it in.
"""
