"""Build: the pipeline end to end and its MkDocs wiring.

Owns the pipeline (`pipeline`), the MkDocs hooks (`hooks`), the incremental
build and its counts (`rebuild`), publishing through a staging folder
(`publish`, `output`), the process pool (`parallel`), everything kept
between builds (`store`, the one place entries are kept, and `code`,
`datacache`, `revalidate`, `pagekeys`, `pagecache`, `pageoutput`, which key
them), the settings (`settings`) and the search index (`search`).

May import anything in `scripts`; nothing else in `scripts` imports it.
"""
