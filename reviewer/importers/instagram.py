"""Instagram (and Threads) JSON export records to posts.

A post is ``{"media": [{"uri", "creation_timestamp", "title", ...}]}``; a single
photo keeps its caption in ``media[0].title``, a carousel on the post itself.
Comments are ``string_map_data`` records whose keys are UI labels in the
account's language. Threads posts (``text_post_app_text_posts``) have the same
shape plus ``text_app_post`` reply details. No ids: a post's id hashes its time
and first media file (or its text when it has none). See docs/formats.md.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from reviewer.importers.common import RecordError, from_unix, media_item, scrub, stable_id
from reviewer.importers.textrepair import repair
from reviewer.model import Post

# Labels of comment records, by export language (the English ones are verified).
COMMENT_LABELS = frozenset(("comment", "kommentar", "comentario", "commentaire", "commento"))
OWNER_LABELS = frozenset(("media owner", "medieninhaber", "propietario", "propriétaire"))
USERNAME_LABELS = frozenset(
    ("username", "benutzername", "nombre de usuario", "nom d'utilisateur", "nome utente")
)


def _media_list(record: dict[str, Any]) -> list[dict[str, Any]]:
    media = record.get("media")
    if not isinstance(media, list):
        raise RecordError("'media' is not a list")
    return [m for m in media if isinstance(m, dict)]


def _text(value: Any) -> str:
    return repair(value, mojibake=True) if isinstance(value, str) else ""


def _media_entries(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for m in items:
        uri = m.get("uri")
        if not isinstance(uri, str) or not uri:
            continue  # text-only Threads posts carry an empty uri
        meta = m.get("media_metadata") if isinstance(m.get("media_metadata"), dict) else {}
        kind = (
            "video" if "video_metadata" in meta else "image" if "photo_metadata" in meta else None
        )
        # Video files are often written without an extension: the metadata says.
        out.append(media_item(_text(uri), kind))
    return out


def media_post(record: Any, platform: str, author: str | None, source_file: str) -> Post:
    """One Instagram post or Threads post; raises RecordError when unusable."""
    if not isinstance(record, dict):
        raise RecordError("not an object")
    items = _media_list(record)
    if not items and "creation_timestamp" not in record:
        raise RecordError("no media and no creation_timestamp")
    timestamp = record.get("creation_timestamp")
    if timestamp is None:
        timestamp = items[0].get("creation_timestamp")
    created = from_unix(timestamp)
    text = _text(record.get("title")) or next(
        (t for t in (_text(m.get("title")) for m in items) if t), ""
    )
    media = _media_entries(items)
    anchor = PurePosixPath(media[0].get("path") or media[0].get("url")).name if media else text
    kind, reply_to = "post", None
    reply = record.get("text_app_post")
    if isinstance(reply, dict) and reply.get("is_reply") is True:
        kind = "reply"
        who = reply.get("in_reply_to_username")
        reply_to = who if isinstance(who, str) and who else None
    return Post(
        platform=platform,
        native_id=stable_id(kind if kind != "reply" else "post", int(created.timestamp()), anchor),
        kind=kind,
        author=author,
        created_at=created,
        text=text,
        media=media,
        reply_to=reply_to,
        source_file=source_file,
        created_at_raw=str(timestamp),
        raw=scrub(record),
    )


def _labelled(smd: dict[str, Any]) -> tuple[str | None, str | None, Any]:
    """(comment, media owner, timestamp) from localized ``string_map_data`` labels."""
    strings = [(k, v["value"]) for k, v in smd.items() if isinstance(v, dict) and "value" in v]
    stamp = next(
        (v["timestamp"] for v in smd.values() if isinstance(v, dict) and "timestamp" in v), None
    )
    comment = next((val for k, val in strings if k.lower() in COMMENT_LABELS), None)
    owner = next((val for k, val in strings if k.lower() in OWNER_LABELS), None)
    if comment is None and strings:
        # An unknown language: the comment is written first, the owner second.
        comment = strings[0][1]
        owner = strings[1][1] if len(strings) > 1 and owner is None else owner
    return comment, owner, stamp


def comment_post(record: Any, author: str | None, source_file: str) -> Post:
    """One Instagram comment (``string_map_data``); raises RecordError when unusable."""
    smd = record.get("string_map_data") if isinstance(record, dict) else None
    if not isinstance(smd, dict):
        raise RecordError("no 'string_map_data'")
    comment, owner, stamp = _labelled(smd)
    if not isinstance(comment, str):
        raise RecordError("no comment text")
    created = from_unix(stamp)
    text = _text(comment)
    media = _media_entries([m for m in record.get("media_list_data") or [] if isinstance(m, dict)])
    return Post(
        platform="instagram",
        native_id=stable_id("comment", int(created.timestamp()), text),
        kind="comment",
        author=author,
        created_at=created,
        text=text,
        media=media,
        reply_to=_text(owner) or None,
        source_file=source_file,
        created_at_raw=str(stamp),
        raw=scrub(record),
    )


def profile_username(profile: Any) -> str | None:
    """The handle from ``personal_information.json`` (``profile_user[0]``); nothing else is read."""
    users = profile.get("profile_user") if isinstance(profile, dict) else None
    first = users[0] if isinstance(users, list) and users else None
    smd = first.get("string_map_data") if isinstance(first, dict) else None
    if not isinstance(smd, dict):
        return None
    for label, value in smd.items():
        if label.lower() in USERNAME_LABELS and isinstance(value, dict):
            name = value.get("value")
            if isinstance(name, str) and name:
                return _text(name)
    return None
