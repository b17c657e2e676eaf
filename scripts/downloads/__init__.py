"""Downloads: the site's tables as CSV and Excel, the data set as a Data Package.

May import: `scripts.data`, `scripts.report`, and `scripts.downloads` itself.
Never `scripts.assemble`: where files are kept between builds is the build's business.
"""
