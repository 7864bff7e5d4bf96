"""Turn curated, sourced notes into the pages of a cross-linked reference site.

The pipeline runs load → validate → resolve → render → emit. Every stage but emit is plain
Python over immutable data; only :mod:`refsite.mkdocs.hook` knows about MkDocs.
"""

__version__ = "0.1.0"
