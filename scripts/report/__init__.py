"""Report: what the site says, computed from a `Dataset` and written as Markdown and charts.

Owns the status method (`status`), everything computed from the data
(`compute`), Vietnamese formatting (`fmt`), the pages (`pages`), the charts
(`charts`), the print view (`printview`), the change list (`changes`) and
the numbers of the hand-written pages (`macros`).

May import: `scripts.data`, matplotlib, and `scripts.report` itself. Never
`scripts.downloads` or `scripts.assemble`: the cache wraps this code from the
outside, through the `Memo` the pages accept.
"""
