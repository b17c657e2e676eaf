"""Assemble: the pipeline end to end, its MkDocs wiring and publishing.

Owns the pipeline (`pipeline`), the MkDocs hooks (`hooks`), the incremental
build and its counts (`rebuild`), publishing through a staging folder
(`publish`, `output`), the process pool (`parallel`), the settings
(`settings`), the navigation (`navigation`), the search index (`search`,
`searchtext`), the page conversion MkDocs does and what of it is kept
(`tablehtml`, `pagecache`, `pageoutput`) and the downloads of each page
(`downloadfiles`).

May import anything in `scripts`; nothing else in `scripts` imports it.
"""
