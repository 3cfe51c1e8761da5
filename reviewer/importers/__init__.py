"""Importers: platform export files in, :class:`~reviewer.model.Post` objects out.

Importers are pure transforms with no database access::

    for export in open_exports(Path("twitter-2025.zip")):
        print(export.platform, export.source, export.sha256)
        for post in export.posts():
            ...

Each platform lives in its own module; :mod:`.detect` asks each one whether it
recognises a file by content, and :mod:`.source` reads folders and zips alike.
"""

from reviewer.importers.detect import SUPPORTED, open_exports
from reviewer.importers.export import Export

__all__ = ["SUPPORTED", "Export", "open_exports"]
