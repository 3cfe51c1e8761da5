"""Find every export in an input by looking at file content, never at file names.

Each platform module offers ``find(scan, owner, only)``, returning the exports
it recognises in a scanned source and the files they claim; a file claimed by
one platform is never offered to the next. Generic CSV/JSON comes last, so a
platform's own CSV is never mistaken for a generic one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewer.errors import InputError
from reviewer.importers import (
    bluesky,
    generic,
    linkedin,
    mastodon,
    meta,
    reddit,
    tiktok,
    x,
    youtube,
)
from reviewer.importers.export import Export
from reviewer.importers.sniff import SNIFF_TEXT, Scan
from reviewer.importers.source import (
    ByteProgress,
    FileSource,
    FolderSource,
    Source,
    is_archive,
    open_archive,
    open_source,
)
from reviewer.model import PLATFORMS

Finder = Callable[[Scan, str | None, str | None], tuple[list[Export], set[str]]]

SUPPORTED = PLATFORMS


def _find_x(scan: Scan, owner: str | None, only: str | None) -> tuple[list[Export], set[str]]:
    globals_by_file = {}
    for rel in scan.files:
        name = x.sniff_global(scan.head(rel))
        if name is not None:
            globals_by_file[rel] = name
    exports, claimed = x.open_x_exports(scan.src, globals_by_file, owner)
    return list(exports), claimed


# (platforms a finder can return, the finder), in the order they look.
_FINDERS: list[tuple[tuple[str, ...], Finder]] = [
    (("x",), _find_x),
    (("bluesky",), bluesky.find),
    (meta.PLATFORMS, meta.find),
    (("mastodon",), mastodon.find),
    (("linkedin",), linkedin.find),
    (("reddit",), reddit.find),
    (("tiktok",), tiktok.find),
    (("youtube",), youtube.find),
]


def _scan_source(
    src: Source,
    platform: str | None,
    owner: str | None,
    column_map: dict[str, str] | None,
    progress: ByteProgress | None = None,
) -> list[Export]:
    scan = Scan(src)
    exports: list[Export] = []
    claimed: set[str] = set()
    for platforms, finder in _FINDERS:
        if platform is not None and platform not in platforms:
            continue
        found, taken = finder(scan, owner, platform)
        exports += found
        claimed |= taken
    for rel in scan.files:
        if rel in claimed:
            continue
        head = scan.head(rel)
        if is_archive(head):
            exports += _nested_archive(src, rel, platform, owner, column_map, progress)
            continue
        if platform not in (None, "generic") or b"\0" in head:
            continue
        forced = platform == "generic"
        fmt = generic.sniff_generic(scan.head(rel, SNIFF_TEXT), forced, column_map)
        if fmt is None and forced and isinstance(src, FileSource):
            fmt = "csv"  # a lone file forced to generic is read as CSV to say what is wrong
        if fmt is not None:
            exports.append(generic.GenericExport(src, rel, fmt, column_map))
    return exports


def _nested_archive(
    src: Source,
    rel: str,
    platform: str | None,
    owner: str | None,
    column_map: dict[str, str] | None,
    progress: ByteProgress | None,
) -> list[Export]:
    """An archive inside a folder is opened in place; one inside an archive is refused."""
    real = src.real_path(rel)
    if not isinstance(src, FolderSource) or real is None:
        raise InputError(
            src.where(rel), "an archive inside an archive is not supported; unpack the outer one"
        )
    archive = open_archive(real, src.where(rel), progress)
    return _scan_source(archive, platform, owner, column_map, progress)


def open_exports(
    path: Path | str,
    platform: str | None = None,
    owner: str | None = None,
    *,
    column_map: dict[str, str] | None = None,
    progress: ByteProgress | None = None,
) -> list[Export]:
    """Every platform export in ``path`` (a file, a folder, a ``.zip`` or a ``.tar.gz``).

    The platform is detected from content unless ``platform`` names it.
    ``owner`` is the account handle to use when the export does not say
    (an X ``tweets.js`` without ``account.js``, a Bluesky repository, which
    only names the DID). ``column_map`` renames generic columns
    (``{"message": "text"}``: the file's ``message`` column is read as
    ``text``). ``progress`` follows the one long read detection makes (a
    ``.tar.gz`` is walked to its end on opening). Raises InputError when
    nothing is recognised or an input is unreadable or hostile.
    """
    label = str(path)
    if platform is not None and platform not in PLATFORMS:
        raise InputError(label, f"unknown platform {platform!r}")
    if column_map:
        generic.check_column_map(column_map, label)
    src = open_source(Path(path), label, progress)
    exports = _scan_source(src, platform, owner, column_map, progress)
    if not exports:
        what = "platform" if platform is None else platform
        raise InputError(label, f"not a recognised {what} export")
    return sorted(exports, key=lambda e: (e.source, e.platform))
