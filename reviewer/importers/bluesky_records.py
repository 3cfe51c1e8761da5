"""Bluesky records (decoded DAG-CBOR) to posts: text, facets, embeds, replies, reposts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import libipld

from reviewer.importers.common import RecordError, parse_time
from reviewer.importers.textrepair import nfc
from reviewer.model import Post

_LINK = "app.bsky.richtext.facet#link"


def _cid(value: Any) -> str | None:
    if isinstance(value, bytes):
        try:
            return libipld.encode_cid(value)
        except Exception:
            return None
    return value if isinstance(value, str) else None


def tid_time(rkey: str) -> datetime | None:
    """The time inside a TID record key (microseconds since 1970 in its top bits)."""
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    if len(rkey) != 13 or any(c not in alphabet for c in rkey):
        return None
    value = 0
    for c in rkey:
        value = value * 32 + alphabet.index(c)
    try:
        return datetime.fromtimestamp((value >> 10) / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def web_url(at_uri: str) -> str | None:
    """``at://did/app.bsky.feed.post/rkey`` → ``https://bsky.app/profile/did/post/rkey``."""
    parts = at_uri.removeprefix("at://").split("/")
    if len(parts) == 3 and parts[1] == "app.bsky.feed.post":
        return f"https://bsky.app/profile/{parts[0]}/post/{parts[2]}"
    return None


def expand_links(text: str, facets: Any) -> str:
    """Put the full address back where the app showed a shortened link.

    Facet offsets count UTF-8 bytes. Only a link whose shown text is the
    start of its address (``github.com/bluesky-soci...``) is replaced, the
    way X's t.co links are expanded; any other link text stays.
    """
    if not isinstance(facets, list):
        return text
    data = text.encode("utf-8")
    spans = []
    for facet in facets:
        index = facet.get("index") if isinstance(facet, dict) else None
        features = facet.get("features") if isinstance(facet, dict) else None
        if not isinstance(index, dict) or not isinstance(features, list):
            continue
        start, end = index.get("byteStart"), index.get("byteEnd")
        uri = next(
            (f.get("uri") for f in features if isinstance(f, dict) and f.get("$type") == _LINK),
            None,
        )
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(uri, str)):
            continue
        if not 0 <= start < end <= len(data):
            continue
        try:
            shown = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        core = shown.rstrip(".…")
        bare = uri.split("://", 1)[-1].removeprefix("www.")
        if (
            shown != uri
            and core
            and (uri.startswith(core) or bare.startswith(core.removeprefix("www.")))
        ):
            spans.append((start, end, uri))
    for start, end, uri in sorted(spans, reverse=True):
        if all(not (s < end and start < e) for s, e, _ in spans if (s, e) != (start, end)):
            data = data[:start] + uri.encode("utf-8") + data[end:]
    return data.decode("utf-8")


def _blob_media(image: Any, did: str, kind: str, alt: Any) -> dict[str, Any] | None:
    if not isinstance(image, dict):
        return None
    cid = _cid(image.get("ref"))
    if isinstance(image.get("ref"), dict):  # the JSON form {"$link": ...}
        cid = image["ref"].get("$link")
    if cid is None:
        cid = image.get("cid") if isinstance(image.get("cid"), str) else None  # legacy blobs
    if cid is None:
        return None
    url = (
        f"https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg"
        if kind == "image"
        else f"https://video.bsky.app/watch/{did}/{cid}/playlist.m3u8"
    )
    return {"url": url, "type": kind, "alt": alt if isinstance(alt, str) else None, "cid": cid}


def embed_media(embed: Any, did: str) -> tuple[list[dict[str, Any]], str | None]:
    """Media of an embed, and the address of a quoted post when it quotes one."""
    if not isinstance(embed, dict):
        return [], None
    kind = embed.get("$type")
    media: list[dict[str, Any]] = []
    quoted = None
    if kind == "app.bsky.embed.images":
        for image in embed.get("images") or []:
            if isinstance(image, dict):
                item = _blob_media(image.get("image"), did, "image", image.get("alt"))
                media += [item] if item else []
    elif kind == "app.bsky.embed.video":
        item = _blob_media(embed.get("video"), did, "video", embed.get("alt"))
        media += [item] if item else []
    elif kind == "app.bsky.embed.external":
        external = embed.get("external")
        if isinstance(external, dict) and isinstance(external.get("uri"), str):
            media.append({"url": external["uri"], "type": "link", "alt": None})
    elif kind == "app.bsky.embed.record":
        record = embed.get("record")
        quoted = record.get("uri") if isinstance(record, dict) else None
    elif kind == "app.bsky.embed.recordWithMedia":
        media, _ = embed_media(embed.get("media"), did)
        _, quoted = embed_media(embed.get("record"), did)
    return media, quoted if isinstance(quoted, str) else None


def _created(record: dict[str, Any], rkey: str) -> tuple[datetime, str | None]:
    raw = record.get("createdAt")
    try:
        return parse_time(raw)[0], raw
    except RecordError:
        # A client may write a bad date; the record key still holds a time.
        fallback = tid_time(rkey)
        if fallback is None:
            raise
        return fallback, raw if isinstance(raw, str) else None


def post_record(record: dict[str, Any], did: str, rkey: str, author: str, source: str) -> Post:
    """An ``app.bsky.feed.post`` record as a post, reply or quote."""
    text = record.get("text", "")
    if not isinstance(text, str):
        raise RecordError("text is not a string")
    created, created_raw = _created(record, rkey)
    media, quoted = embed_media(record.get("embed"), did)
    reply = record.get("reply")
    parent = reply.get("parent") if isinstance(reply, dict) else None
    reply_to = parent.get("uri") if isinstance(parent, dict) else None
    langs = record.get("langs")
    labels = record.get("labels")
    values = labels.get("values") if isinstance(labels, dict) else None
    warning = ", ".join(
        v["val"] for v in values or [] if isinstance(v, dict) and isinstance(v.get("val"), str)
    )
    uri = f"at://{did}/app.bsky.feed.post/{rkey}"
    return Post(
        platform="bluesky",
        native_id=uri,
        kind="reply" if isinstance(reply_to, str) else "quote" if quoted else "post",
        author=author,
        created_at=created,
        text=nfc(expand_links(text, record.get("facets"))),
        url=web_url(uri),
        lang=langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None,
        media=media,
        reply_to=reply_to if isinstance(reply_to, str) else None,
        source_file=source,
        created_at_raw=created_raw,
        content_warning=warning or None,
    )


def repost_record(record: dict[str, Any], did: str, rkey: str, author: str, source: str) -> Post:
    """An ``app.bsky.feed.repost`` record: no text of its own; ``url`` is the reposted post."""
    subject = record.get("subject")
    target = subject.get("uri") if isinstance(subject, dict) else None
    if not isinstance(target, str):
        raise RecordError("repost without a subject")
    created, created_raw = _created(record, rkey)
    return Post(
        platform="bluesky",
        native_id=f"at://{did}/app.bsky.feed.repost/{rkey}",
        kind="repost",
        author=author,
        created_at=created,
        text="",
        url=web_url(target) or target,
        source_file=source,
        created_at_raw=created_raw,
    )
