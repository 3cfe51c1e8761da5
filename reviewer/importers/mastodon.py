"""Mastodon account archive: ``outbox.json`` (with ``actor.json`` beside it).

The outbox is an ActivityStreams ``OrderedCollection`` of ``Create`` (posts and
replies, HTML ``content``) and ``Announce`` (boosts: only the boosted post's
address is in the archive). Some 4.2/4.3 archives write ``orderedItems``
twice, an empty array first; the file is streamed and both are read, so the
real items are never lost to the empty one. Content warnings (``summary``)
are kept; media alt texts (``name``) go into ``media``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from reviewer.importers.common import (
    FilesExport,
    RecordError,
    folder_of,
    media_item,
    parse_time,
)
from reviewer.importers.jsonstream import iter_items, load_small
from reviewer.importers.sniff import Scan
from reviewer.importers.source import Source
from reviewer.importers.textrepair import html_to_text, nfc
from reviewer.model import Post

_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_POSTS = frozenset(("Note", "Question", "Article", "Page"))
_USER_PATH = re.compile(r"/(?:users|ap/users)/([^/]+)")


def _handle(actor: Any) -> str | None:
    """``@user@host`` from an actor document (or only its id)."""
    actor_id = actor.get("id") if isinstance(actor, dict) else actor
    if not isinstance(actor_id, str) or "://" not in actor_id:
        return None
    host = urlsplit(actor_id).hostname
    name = actor.get("preferredUsername") if isinstance(actor, dict) else None
    if not isinstance(name, str):
        match = _USER_PATH.search(urlsplit(actor_id).path)
        name = match.group(1) if match else None
    return f"@{name}@{host}" if name and host else None


def visibility(activity: dict[str, Any], obj: dict[str, Any]) -> str:
    """public, unlisted, private (followers only) or direct, from the addressing."""
    to = obj.get("to", activity.get("to")) or []
    cc = obj.get("cc", activity.get("cc")) or []
    to, cc = ([to] if isinstance(to, str) else to), ([cc] if isinstance(cc, str) else cc)
    if _PUBLIC in to:
        return "public"
    if _PUBLIC in cc:
        return "unlisted"
    if any(isinstance(a, str) and a.endswith("/followers") for a in [*to, *cc]):
        return "private"
    return "direct"


def _text(value: Any) -> str:
    return nfc(html_to_text(value)) if isinstance(value, str) else ""


def _media(obj: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    attachments = obj.get("attachment") or []
    for att in attachments if isinstance(attachments, list) else [attachments]:
        if not isinstance(att, dict) or not isinstance(att.get("url"), str):
            continue
        url = att["url"]
        # Archives write "/<bucket>/media_attachments/files/…" or "media_attachments/…".
        cut = url.find("media_attachments/")
        location = url[cut:] if cut >= 0 and "://" not in url else url
        alt = att.get("name") if isinstance(att.get("name"), str) else None
        mime = att.get("mediaType") if isinstance(att.get("mediaType"), str) else None
        kind = (
            mime.split("/", 1)[0]
            if mime and mime.split("/", 1)[0] in ("image", "video", "audio")
            else None
        )
        out.append(media_item(location, kind, alt))
    return out


def activity_to_post(activity: Any, author: str | None, source_file: str) -> Post | None:
    """A Create or Announce activity as a post; None for other activity types."""
    if not isinstance(activity, dict):
        raise RecordError("not an object")
    kind = activity.get("type")
    if kind == "Announce":
        target = activity.get("object")
        target = target.get("id") if isinstance(target, dict) else target
        activity_id = activity.get("id")
        if not isinstance(activity_id, str) or not isinstance(target, str):
            raise RecordError("Announce without id or object")
        created, _ = parse_time(activity.get("published"))
        return Post(
            platform="mastodon",
            native_id=activity_id.removesuffix("/activity"),
            kind="repost",
            author=author or _handle(activity.get("actor")),
            created_at=created,
            text="",
            url=target,  # the boosted post: its text is not in the archive
            source_file=source_file,
            created_at_raw=activity.get("published"),
            raw=activity,
        )
    obj = activity.get("object")
    if kind != "Create" or not isinstance(obj, dict) or obj.get("type") not in _POSTS:
        return None
    post_id = obj.get("id")
    if not isinstance(post_id, str) or not post_id:
        raise RecordError("object without id")
    published = obj.get("published") or activity.get("published")
    created, _ = parse_time(published)
    content_map = obj.get("contentMap")
    lang = next(iter(content_map), None) if isinstance(content_map, dict) else None
    reply_to = obj.get("inReplyTo")
    # Signatures are kilobytes of key material, useless to a reviewer.
    raw = {k: v for k, v in activity.items() if k != "signature"}
    raw["object"] = {k: v for k, v in obj.items() if k != "signature"}
    raw["visibility"] = visibility(activity, obj)
    return Post(
        platform="mastodon",
        native_id=post_id,
        kind="reply" if isinstance(reply_to, str) and reply_to else "post",
        author=author or _handle(obj.get("attributedTo") or activity.get("actor")),
        created_at=created,
        text=_text(obj.get("content")),
        url=obj.get("url") if isinstance(obj.get("url"), str) else post_id,
        lang=lang,
        media=_media(obj),
        reply_to=reply_to if isinstance(reply_to, str) and reply_to else None,
        source_file=source_file,
        created_at_raw=published,
        content_warning=_text(obj.get("summary")) or None,
        raw=raw,
    )


class MastodonExport(FilesExport):
    """One Mastodon archive: its outbox and the actor beside it."""

    platform = "mastodon"

    def __init__(self, src: Source, outbox: str, actor: list[str], owner: str | None) -> None:
        super().__init__(src, folder_of(outbox), [outbox], actor)
        self._owner = owner

    def posts(self) -> Iterator[Post]:
        """Posts, replies and boosts in outbox order; other activities are counted as skipped."""
        author = next((_handle(load_small(self._src, rel)) for rel in self.side), None)
        author = author or self._owner
        rel = self.main[0]
        seen: set[str] = set()
        for i, (_, activity) in enumerate(
            iter_items(self._src, rel, [("orderedItems",)], exact=True), 1
        ):
            try:
                post = activity_to_post(activity, author, self.rel(rel))
            except RecordError as exc:
                raise self.fail(rel, f"orderedItems item {i}", str(exc)) from exc
            if post is None:
                self.skipped[f"{activity.get('type')} activity"] += 1
            elif post.native_id in seen:
                self.skipped["duplicate activity"] += 1
            else:
                seen.add(post.native_id)
                yield post


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[MastodonExport], set[str]]:
    """Outboxes (an OrderedCollection of activities) and the ``actor.json`` beside each."""
    outboxes, actors, claimed = [], {}, set()
    for rel in scan.files:
        shape = scan.json(rel)
        top = shape.top()
        if "orderedItems" in top and shape.strings.get(("type",)) == "OrderedCollection":
            claimed.add(rel)  # likes.json and bookmarks.json too: other people's posts
            item_keys = shape.at("orderedItems", "item")
            if item_keys & {"actor", "object"} or shape.strings.get(("id",)) == "outbox.json":
                outboxes.append(rel)
        elif {"preferredUsername", "outbox"} <= top:
            actors.setdefault(folder_of(rel), []).append(rel)
    exports = [
        MastodonExport(scan.src, rel, actors.get(folder_of(rel), [])[:1], owner) for rel in outboxes
    ]
    claimed |= {r for e in exports for r, _ in e.files()}
    return exports, claimed
