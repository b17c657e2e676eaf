"""The reporting round: forms out to the units, their returns back into the data folder.

Owns what a unit is asked for and the workbook that asks it (`form`: the
rows, the identity kept on a hidden sheet, the instructions, the print
setup), reading a returned workbook (`returned`: recognising it by its
identity, checking its cells with the rules and messages of values.csv),
merging the figures into the data folder (`merge`: additions, revisions,
`reported`, receipts.csv), writing the folder's files whole or not at all
with backups (`files`), and the collection run with its summary (`collect`).
The commands `scripts/forms.py` and `scripts/collect.py` only wire these.

May import `scripts.data`.
"""
