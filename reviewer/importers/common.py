"""Helpers every platform importer shares: ids, times, media, scrubbing, the file export.

Kept apart from the platform modules so that each rule (how a synthesized id
is built, which keys count as personal data) is written once.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from reviewer.errors import InputError
from reviewer.importers.export import Export
from reviewer.importers.source import FileSource, Source
from reviewer.model import Post

_IMAGE = frozenset(
    ("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff", "svg", "avif")
)
_VIDEO = frozenset(("mp4", "mov", "m4v", "avi", "mkv", "webm", "3gp", "mpeg", "mpg"))
_AUDIO = frozenset(("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"))

# Keys whose values are personal data about the account, not post content:
# they are removed from the raw records kept with posts (upload_ip in Meta's
# exif data, Reddit's ip column, e-mail and phone fields in profiles).
_PII_KEYS = frozenset(
    (
        "ip",
        "upload_ip",
        "ip_address",
        "ipaddress",
        "email",
        "email_address",
        "emailaddress",
        "phone",
        "phone_number",
        "phonenumber",
        "telephonenumber",
    )
)

# Unix seconds later than this are treated as broken (year 2100).
_MAX_UNIX = 4_102_444_800


class RecordError(ValueError):
    """A record's field is unusable; the caller adds where the record is."""


def stable_id(*parts: object) -> str:
    """A deterministic id for platforms that give none: a hash of stable fields.

    The same fields give the same id on every import, so a re-import (or a
    newer export repeating old posts) matches instead of duplicating.
    """
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


def from_unix(value: Any) -> datetime:
    """Unix seconds (int, float or digit string) → aware UTC datetime."""
    if isinstance(value, bool):
        raise RecordError(f"bad timestamp {value!r}")
    if isinstance(value, str) and re.fullmatch(r"\d{1,12}", value.strip()):
        value = int(value)
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise RecordError(f"bad timestamp {value!r}")
    if not 0 <= value <= _MAX_UNIX:
        raise RecordError(f"timestamp out of range {value!r}")
    return datetime.fromtimestamp(value, UTC)


def parse_time(value: Any) -> tuple[datetime, bool]:
    """An ISO-like time (``2025-07-01 14:33:22``, ``…T…Z``, ``… UTC``) → (UTC, zone assumed).

    Platforms without a zone marker (LinkedIn, TikTok) are taken as UTC and
    reported as assumed, so reviewers can tell.
    """
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"bad time {value!r}")
    text = value.strip()
    if text.endswith(" UTC"):
        text = text[:-4] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise RecordError(f"bad time {value!r}") from exc
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), True
    return parsed.astimezone(UTC), False


def media_type(name: str, mime: str | None = None) -> str:
    """``image``, ``video``, ``audio`` or ``other``, from a MIME type or the file extension."""
    if mime:
        major = mime.split("/", 1)[0].lower()
        if major in ("image", "video", "audio"):
            return major
    ext = name.split("?", 1)[0].rsplit("/", 1)[-1].rpartition(".")[2].lower()
    if ext in _IMAGE:
        return "image"
    if ext in _VIDEO:
        return "video"
    return "audio" if ext in _AUDIO else "other"


def media_item(
    location: str, kind: str | None = None, alt: str | None = None, **extra: Any
) -> dict[str, Any]:
    """One ``media`` entry: ``{"path"|"url": location, "type", "alt"}``.

    Remote addresses go under ``url``, paths inside the archive under ``path``.
    """
    key = "url" if "://" in location else "path"
    item: dict[str, Any] = {key: location, "type": kind or media_type(location), "alt": alt}
    item.update({k: v for k, v in extra.items() if v is not None})
    return item


def scrub(value: Any) -> Any:
    """A copy of a raw record without personal-data keys (IP addresses, e-mail, phone)."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if str(k).lower() not in _PII_KEYS}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def text_of(value: Any) -> str:
    """A text field, or ``""`` when it is missing; anything else is a RecordError."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"text is {type(value).__name__}, not a string")
    return value


def folder_of(rel: str) -> str:
    """The folder of a file in a source (``""`` at the top)."""
    parent = str(PurePosixPath(rel).parent)
    return "" if parent == "." else parent


def root_of(rel: str, layout_dirs: Iterable[str]) -> str:
    """The export root of a file: its folder with the platform's own layout folders removed.

    Meta and Google put files in layout folders (``your_facebook_activity/posts``)
    that moved between years; files of one export share the folder above them.
    """
    parts = list(PurePosixPath(rel).parent.parts)
    known = set(layout_dirs)
    while parts and parts[-1].lower() in known:
        parts.pop()
    return "/".join(parts)


def merge_duplicate(kept: Post, again: Post) -> None:
    """Fold a record the platform wrote twice into the post already kept.

    Facebook writes a multi-photo post once per photo, LinkedIn a share once
    per media URL: the media are united, every raw record is kept.
    """
    for item in again.media:
        if item not in kept.media:
            kept.media.append(item)
    records = kept.raw["records"] if isinstance(kept.raw, dict) and "records" in kept.raw else None
    if records is None:
        kept.raw = {"records": [kept.raw]}
        records = kept.raw["records"]
    records.append(again.raw)


class FilesExport(Export):
    """An export made of a few files in one source: the posts files and side files.

    ``main`` files hold posts; ``side`` files are read for context (a profile
    for the author's name). ``skipped`` counts records deliberately left out,
    by reason, as :meth:`posts` runs (see :class:`Export`).
    """

    def __init__(self, src: Source, root: str, main: list[str], side: list[str]) -> None:
        one_file = len(main) + len(side) == 1
        if isinstance(src, FileSource):
            source = src.label
        elif one_file:
            source = src.where(main[0])
        else:
            source = src.where(root) if root else src.label
        super().__init__(src, source)
        self._root = root
        self.main = sorted(main)
        self.side = sorted(side)
        self._single_file = one_file

    def rel(self, rel_src: str) -> str:
        """A file's path relative to the export root (what ``source_file`` records)."""
        if isinstance(self._src, FileSource):
            return rel_src
        return rel_src[len(self._root) + 1 :] if self._root else rel_src

    def files(self) -> list[tuple[str, str]]:
        return [(r, self.rel(r)) for r in [*self.main, *self.side]]

    def fail(self, rel: str, where: str, reason: str) -> InputError:
        """An InputError naming a file of this export and the place in it."""
        return InputError(self._src.where(rel), f"{where}: {reason}")


class RoleFilesExport(FilesExport):
    """A :class:`FilesExport` whose posts files each play a role (shares, comments, ...)."""

    def __init__(
        self, src: Source, root: str, roles: dict[str, str], side: list[str], owner: str | None
    ) -> None:
        super().__init__(src, root, list(roles), side)
        self._roles = roles
        self._owner = owner
