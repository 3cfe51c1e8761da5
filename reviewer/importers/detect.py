"""Find every export in an input by looking at file content, never at file names."""

from __future__ import annotations

from pathlib import Path

from reviewer.errors import InputError
from reviewer.importers import generic, x
from reviewer.importers.export import Export
from reviewer.importers.source import (
    FileSource,
    FolderSource,
    Source,
    ZipSource,
    is_zip,
    open_source,
)
from reviewer.model import PLATFORMS

SUPPORTED = ("x", "generic")
# Enough to see "window.YTD.tweets.part0 =" or a zip signature; text-like files
# get a longer look for a CSV header or the first JSON record.
_SNIFF = 1024
_SNIFF_TEXT = 65536


class _Scan:
    """A source's files with their first bytes cached, shared by every importer."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.files = src.files()
        self._heads: dict[str, bytes] = {}

    def head(self, rel: str, size: int = _SNIFF) -> bytes:
        cached = self._heads.get(rel)
        if cached is None or (len(cached) < size and len(cached) == _SNIFF):
            cached = self.src.head(rel, size)
            self._heads[rel] = cached
        return cached[:size]


def _scan_source(src: Source, platform: str | None, owner: str | None) -> list[Export]:
    scan = _Scan(src)
    exports: list[Export] = []
    claimed: set[str] = set()
    if platform in (None, "x"):
        globals_by_file = {}
        for rel in scan.files:
            name = x.sniff_global(scan.head(rel))
            if name is not None:
                globals_by_file[rel] = name
        x_exports, claimed = x.open_x_exports(src, globals_by_file, owner)
        exports += x_exports
    for rel in scan.files:
        if rel in claimed:
            continue
        head = scan.head(rel)
        if is_zip(head):
            exports += _nested_zip(src, rel, platform, owner)
            continue
        if platform not in (None, "generic") or b"\0" in head:
            continue
        forced = platform == "generic"
        fmt = generic.sniff_generic(scan.head(rel, _SNIFF_TEXT), forced)
        if fmt is None and forced and isinstance(src, FileSource):
            fmt = "csv"  # a lone file forced to generic is read as CSV to say what is wrong
        if fmt is not None:
            exports.append(generic.GenericExport(src, rel, fmt))
    return exports


def _nested_zip(src: Source, rel: str, platform: str | None, owner: str | None) -> list[Export]:
    """A zip inside a folder is opened in place; a zip inside a zip is refused."""
    real = src.real_path(rel)
    if not isinstance(src, FolderSource) or real is None:
        raise InputError(src.where(rel), "zip inside a zip is not supported; unpack the outer one")
    return _scan_source(ZipSource(real, src.where(rel)), platform, owner)


def open_exports(
    path: Path | str, platform: str | None = None, owner: str | None = None
) -> list[Export]:
    """Every platform export in ``path`` (a file, a folder or a ``.zip``).

    The platform is detected from content unless ``platform`` names it.
    ``owner`` is the account handle to use when the export does not say
    (an X ``tweets.js`` given without ``account.js`` or manifest). Raises
    InputError when nothing is recognised or an input is unreadable or hostile.
    """
    label = str(path)
    if platform is not None and platform not in PLATFORMS:
        raise InputError(label, f"unknown platform {platform!r}")
    if platform is not None and platform not in SUPPORTED:
        raise InputError(label, f"importing {platform} exports is not supported yet")
    exports = _scan_source(open_source(Path(path), label), platform, owner)
    if not exports:
        what = "platform" if platform is None else platform
        raise InputError(label, f"not a recognised {what} export")
    return sorted(exports, key=lambda e: e.source)
