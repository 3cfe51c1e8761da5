"""TikTok "Download your data" (JSON): ``user_data_tiktok.json`` / ``user_data.json``.

One object of sections. Own posts are ``Post.Posts.VideoList`` (older:
``Video.Videos.VideoList``), recently deleted ones ``Post."Recently Deleted
Posts".PostList``, comments ``Comment.Comments.CommentsList``. Keys changed
case and names between years and empty lists are ``null``, so keys match
case-insensitively. The file is streamed: the watch history that makes it big
is never built in memory. Only ``userName`` is read from the profile, which
also holds the e-mail address and phone number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from reviewer.importers.common import (
    FilesExport,
    RecordError,
    folder_of,
    media_item,
    parse_time,
    stable_id,
)
from reviewer.importers.jsonstream import iter_items
from reviewer.importers.sniff import Scan
from reviewer.importers.textrepair import repair
from reviewer.model import Post

POSTS = (("Post", "Posts", "VideoList"), ("Video", "Videos", "VideoList"))
DELETED = (("Post", "Recently Deleted Posts", "PostList"),)
COMMENTS = (("Comment", "Comments", "CommentsList"),)
PROFILES = (
    ("Profile", "Profile Info", "ProfileMap"),
    ("Profile", "Profile Information", "ProfileMap"),
    ("Profile", "Profile And Settings", "Profile Info", "ProfileMap"),
)
_SECTIONS = frozenset(
    (
        "activity",
        "your activity",
        "ads and data",
        "app settings",
        "comment",
        "direct message",
        "direct messages",
        "post",
        "video",
        "profile",
        "tiktok live",
        "tiktok shop",
        "location review",
        "income plus wallet transactions",
    )
)
_NONE = ("", "n/a", "none", "null")


def _get(record: dict[str, Any], *names: str) -> Any:
    """A field by any of its spellings, case-insensitively."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value is not None:
            return value
    return None


def _clean(value: Any) -> str:
    """Text with TikTok's ``"N/A"`` placeholders turned into nothing."""
    if not isinstance(value, str) or value.strip().lower() in _NONE:
        return ""
    return value.strip()


def _video(record: Any, kind: str, author: str | None, source_file: str) -> Post:
    if not isinstance(record, dict):
        raise RecordError("not an object")
    raw_date = _get(record, "Date")
    created, assumed = parse_time(raw_date)
    links = _clean(_get(record, "Link", "VideoLink")).split()
    alt = _clean(_get(record, "AlternateText")) or None
    # Several links in one string are a photo-mode post's pictures.
    shape = "video" if len(links) == 1 else "image"
    media = [media_item(link, shape, alt if i == 0 else None) for i, link in enumerate(links)]
    cover = _clean(_get(record, "CoverImage"))
    if cover:
        media.append(media_item(cover, "image"))
    text = "\n".join(
        t for t in (_clean(_get(record, "Title")), _clean(_get(record, "AddYoursText"))) if t
    )
    # The CDN path names the object; its query is a signature that expires.
    anchor = urlsplit(links[0]).path if links else text
    return Post(
        platform="tiktok",
        native_id=stable_id("post", raw_date, anchor),
        kind=kind,
        author=author,
        created_at=created,
        text=repair(text),
        media=media,
        source_file=source_file,
        created_at_raw=raw_date,
        tz_assumed=assumed,
        raw=record,
    )


def _comment(record: Any, author: str | None, source_file: str) -> Post:
    if not isinstance(record, dict):
        raise RecordError("not an object")
    raw_date = _get(record, "date")
    created, assumed = parse_time(raw_date)
    text = _get(record, "comment")
    if not isinstance(text, str):
        raise RecordError("no comment text")
    photo = _clean(_get(record, "photo"))
    target = _clean(_get(record, "url"))
    return Post(
        platform="tiktok",
        native_id=stable_id("comment", raw_date, text),
        kind="comment",
        author=author,
        created_at=created,
        text=repair(text),
        media=[media_item(photo, "image")] if photo else [],
        reply_to=target or None,
        source_file=source_file,
        created_at_raw=raw_date,
        tz_assumed=assumed,
        raw=record,
    )


class TikTokExport(FilesExport):
    """One TikTok JSON export file."""

    platform = "tiktok"

    def __init__(self, src: Any, rel: str, owner: str | None) -> None:
        super().__init__(src, folder_of(rel), [rel], [])
        self._owner = owner

    def posts(self) -> Iterator[Post]:
        """Posts, recently deleted posts (kind ``deleted``), then comments."""
        rel = self.main[0]
        found: dict[tuple[str, ...], list[Any]] = {}
        author = self._owner
        paths = [*POSTS, *DELETED, *COMMENTS]
        for path, value in iter_items(self._src, rel, paths, objects=list(PROFILES)):
            if path in PROFILES:
                name = _get(value, "userName") if isinstance(value, dict) else None
                author = name if isinstance(name, str) and name else author
            else:
                found.setdefault(path, []).append(value)
        # Collected first: the profile comes after the posts in the file.
        source_file = self.rel(rel)
        for path in paths:
            for i, record in enumerate(found.get(path, []), 1):
                try:
                    if path in COMMENTS:
                        yield _comment(record, author, source_file)
                    else:
                        kind = "deleted" if path in DELETED else "post"
                        yield _video(record, kind, author, source_file)
                except RecordError as exc:
                    raise self.fail(rel, f"{'.'.join(path)} item {i}", str(exc)) from exc


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[TikTokExport], set[str]]:
    """TikTok exports: a JSON object whose top-level keys are TikTok's sections."""
    exports = []
    for rel in scan.files:
        shape = scan.json(rel)
        if shape.kind != "{":
            continue
        sections = {k.lower() for k in shape.top()} & _SECTIONS
        named = any("tiktok" in k.lower() for keys in shape.keys.values() for k in keys)
        if len(sections) >= 2 or (sections and named):
            exports.append(TikTokExport(scan.src, rel, owner))
    return exports, {e.main[0] for e in exports}
