"""Facebook "Download your information" (JSON) records to posts.

Posts (``your_posts_1.json`` and its renamed successors) are a top-level array
of ``{"timestamp", "data": [{"post"}], "attachments": [{"data": [...]}], "title"}``;
comments are ``{"comments_v2": [{"timestamp", "data": [{"comment": {...}}]}]}``.
Facebook gives no ids, so each post's id hashes its time and text; the
duplicates Facebook itself writes (a multi-photo post as several records) share
that id and are merged into one post. Every string is repaired for Meta's
mojibake. See docs/formats.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

from reviewer.importers.common import (
    RecordError,
    from_unix,
    media_item,
    media_type,
    scrub,
    stable_id,
    text_of,
)
from reviewer.importers.textrepair import repair
from reviewer.model import Post

# "Lena Hoffmann shared a post." / "… shared a link." / "… shared a memory.":
# the only sign of a share, written in English exports only (best effort).
_SHARED = re.compile(r"\bshared (?:a|an|\S+'s) (?:post|link|memory|video|photo|album|event)\b")


def _entries(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key) or []
    if not isinstance(value, list):
        raise RecordError(f"'{key}' is not a list")
    return [v for v in value if isinstance(v, dict)]


def _attachment_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    items = []
    for attachment in _entries(record, "attachments"):
        items += _entries(attachment, "data")
    return items


def _media(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """Media entries and the first caption (``description``) of an attachment list."""
    media: list[dict[str, Any]] = []
    caption = ""
    for item in items:
        m = item.get("media")
        if isinstance(m, dict) and isinstance(m.get("uri"), str) and m["uri"]:
            uri = repair(m["uri"], mojibake=True)
            meta = m.get("media_metadata") if isinstance(m.get("media_metadata"), dict) else {}
            kind = (
                "video"
                if "video_metadata" in meta
                else "image"
                if "photo_metadata" in meta
                else media_type(uri)
            )
            media.append(media_item(uri, kind))
            if not caption and isinstance(m.get("description"), str):
                caption = m["description"]
        context = item.get("external_context")
        if isinstance(context, dict) and isinstance(context.get("url"), str) and context["url"]:
            # A shared link, not a picture: kept so link rules can see it.
            media.append(media_item(context["url"], "link"))
    return media, caption


def _identity(items: list[dict[str, Any]]) -> str:
    """What a post without text is about (a place, a link), for its id; media excluded
    so the records of one multi-photo post still share it."""
    keys = [
        json.dumps(item, sort_keys=True, ensure_ascii=False)
        for item in items
        if "media" not in item
    ]
    return "\x1e".join(sorted(keys))


def entry_to_post(record: Any, author: str | None, source_file: str) -> Post:
    """Map one posts-file or comments-file entry; raises RecordError when unusable."""
    if not isinstance(record, dict):
        raise RecordError("not an object")
    data = _entries(record, "data")
    comment = next((d["comment"] for d in data if isinstance(d.get("comment"), dict)), None)
    timestamp = record.get("timestamp")
    if timestamp is None and comment is not None:
        timestamp = comment.get("timestamp")
    if timestamp is None:
        timestamp = next((d["update_timestamp"] for d in data if "update_timestamp" in d), None)
    created = from_unix(timestamp)
    items = _attachment_items(record)
    media, caption = _media(items)
    title = repair(text_of(record.get("title")), mojibake=True)
    if comment is not None:
        kind = "comment"
        raw_text = text_of(comment.get("comment"))
        who = comment.get("author")
        author = repair(who, mojibake=True) if isinstance(who, str) and who else author
    else:
        raw_text = next((text_of(d["post"]) for d in data if "post" in d), "")
        if not raw_text:
            raw_text = text_of(caption)
        kind = "repost" if not raw_text and _SHARED.search(title) else "post"
    text = repair(raw_text, mojibake=True)
    native = stable_id(kind, int(created.timestamp()), text, "" if text else _identity(items))
    return Post(
        platform="facebook",
        native_id=native,
        kind=kind,
        author=author,
        created_at=created,
        text=text,
        media=media,
        source_file=source_file,
        created_at_raw=str(timestamp),
        raw=scrub(record),
    )


def profile_name(profile: Any) -> str | None:
    """The account's display name from ``profile_information.json`` (2018–2025 shapes)."""
    if not isinstance(profile, dict):
        return None
    inner = profile.get("profile_v2") or profile.get("profile")
    name = inner.get("name") if isinstance(inner, dict) else None
    full = name.get("full_name") if isinstance(name, dict) else name
    return repair(full, mojibake=True) if isinstance(full, str) and full else None
