"""Build: the pipeline end to end and its MkDocs wiring.

Owns the pipeline (`pipeline`), the MkDocs hooks (`hooks`), the incremental
build and its counts (`rebuild`), publishing through a staging folder
(`publish`, `output`), the process pool (`parallel`), everything kept
between builds (`code`, `datacache`, `revalidate`, `pagekeys`, `pagecache`,
`pageoutput`, `cacheprune`) and the search index (`search`, `searchtext`).

May import anything in `scripts`; nothing else in `scripts` imports it.
"""
