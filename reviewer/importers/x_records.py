"""X archive records to posts: the JS wrapper, timestamps, tweets and note tweets.

Pure functions over already-loaded records; :mod:`reviewer.importers.x` finds
the files and drives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from reviewer.errors import InputError
from reviewer.importers.export import load_json
from reviewer.importers.textrepair import nfc, unescape_entities
from reviewer.model import Post

# Month and day names are parsed by hand: strptime's %a/%b follow the process
# locale, and a German locale would reject "Tue Dec".
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_DAYS = frozenset(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
_X_TIME = re.compile(
    r"(\w{3}) (\w{3}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})"
)
_STATUS_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)", re.IGNORECASE
)
_LEADING_MENTIONS = re.compile(r"^(?:@\w+\s+)+")
_TCO = re.compile(r"https?://t\.co/[A-Za-z0-9]+")
_TCO_OR_ENTITY = re.compile(r"(?P<link>https?://t\.co/[A-Za-z0-9]+)(?![A-Za-z0-9])|&[^&\s]*;")


def parse_x_time(value: str) -> datetime:
    """Parse X's ``Tue Dec 02 06:23:48 +0000 2025`` into an aware UTC datetime."""
    # Fast path for the form every archive uses (UTC, fixed width): slicing is
    # several times cheaper than the regex and the zone conversion below.
    if (
        len(value) == 30
        and value[19:26] == " +0000 "
        and value[3] == value[7] == value[10] == " "
        and value[13] == value[16] == ":"
        and value[:3] in _DAYS
        and value[4:7] in _MONTHS
    ):
        digits = value[8:10] + value[11:13] + value[14:16] + value[17:19] + value[26:30]
        if digits.isascii() and digits.isdigit():
            return datetime(
                int(value[26:30]),
                _MONTHS[value[4:7]],
                int(value[8:10]),
                int(value[11:13]),
                int(value[14:16]),
                int(value[17:19]),
                tzinfo=UTC,
            )
    m = _X_TIME.fullmatch(value.strip())
    if not m or m.group(1) not in _DAYS or m.group(2) not in _MONTHS:
        raise ValueError(f"not an X timestamp: {value!r}")
    _, mon, day, hh, mi, ss, sign, oh, om, year = m.groups()
    offset = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
    local = datetime(
        int(year), _MONTHS[mon], int(day), int(hh), int(mi), int(ss), tzinfo=timezone(offset)
    )
    return local.astimezone(UTC)


def parse_iso_utc(value: str) -> datetime:
    """Parse an ISO 8601 timestamp with zone (note tweets' ``createdAt``) into UTC."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without zone: {value!r}")
    return parsed.astimezone(UTC)


def parse_js_assignment(text: str, where: str) -> tuple[str, Any]:
    """Split ``window.NAME = <json>;`` into ``(NAME, value)``; never evaluates JavaScript."""
    stripped = text.lstrip()
    eq = stripped.find("=")
    if not stripped.startswith("window.") or eq < 0:
        raise InputError(where, "not an X archive data file (expected 'window.… = ')")
    name = stripped[len("window.") : eq].strip()
    body = stripped[eq + 1 :].rstrip().removesuffix(";")
    # The body starts on the first line, so JSON line numbers are file line numbers
    # once the leading blank lines that lstrip removed are added back.
    skipped_lines = text[: len(text) - len(stripped)].count("\n")
    return name, load_json(body, where, skipped_lines)


def _fail(where: str, index: int, reason: str) -> InputError:
    return InputError(where, f"record {index}: {reason}")


def _str_field(record: dict[str, Any], key: str, where: str, index: int) -> str:
    value = record.get(key)
    if not isinstance(value, str):
        raise _fail(where, index, f"missing or non-text '{key}'")
    return value


def _url_entities(tweet: dict[str, Any], where: str, index: int) -> list[dict[str, Any]]:
    entities = tweet.get("entities") or {}
    if not isinstance(entities, dict):
        raise _fail(where, index, "'entities' is not an object")
    urls = entities.get("urls") or []
    if not isinstance(urls, list) or not all(isinstance(u, dict) for u in urls):
        raise _fail(where, index, "'entities.urls' is not a list of objects")
    return urls


def _media_items(tweet: dict[str, Any]) -> list[dict[str, Any]]:
    # extended_entities lists every item with its true type; entities.media
    # only the first, always typed "photo".
    for key in ("extended_entities", "entities"):
        block = tweet.get(key)
        if isinstance(block, dict) and isinstance(block.get("media"), list):
            return [m for m in block["media"] if isinstance(m, dict)]
    return []


def repair_tweet_text(tweet: dict[str, Any], where: str, index: int) -> str:
    """``full_text`` with t.co links expanded, the media link dropped, entities decoded.

    One regex pass handles links and entities together, so an expanded URL is
    inserted verbatim and an ``&amp;`` inside it is never decoded by mistake.
    """
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        raise _fail(where, index, "missing or non-text 'full_text'")
    for media in _media_items(tweet):
        link = media.get("url")
        if isinstance(link, str) and link and text.rstrip().endswith(link):
            text = text.rstrip()[: -len(link)].rstrip()
    expand = {
        u["url"]: u["expanded_url"]
        for u in _url_entities(tweet, where, index)
        if isinstance(u.get("url"), str) and isinstance(u.get("expanded_url"), str) and u["url"]
    }
    if not expand:
        return nfc(unescape_entities(text))
    if all(_TCO.fullmatch(u) for u in expand):
        # The usual case: one precompiled pattern. Compiling a pattern per
        # tweet (below) costs more than everything else an import does.
        pattern = _TCO_OR_ENTITY
        return nfc(
            pattern.sub(
                lambda m: (
                    expand.get(m.group("link"), m.group("link"))
                    if m.group("link")
                    else unescape_entities(m.group())
                ),
                text,
            )
        )
    links = "|".join(re.escape(u) for u in sorted(expand, key=len, reverse=True))
    pattern = re.compile(rf"(?P<link>{links})(?![A-Za-z0-9])|(?P<other>&[^&\s]*;)")
    return nfc(
        pattern.sub(
            lambda m: expand[m.group("link")] if m.group("link") else unescape_entities(m.group()),
            text,
        )
    )


def tweet_kind(tweet: dict[str, Any], text: str) -> str:
    """reply, repost, quote or post, from the fields an archive actually fills."""
    if tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"):
        return "reply"
    # Archives always say "retweeted": false; the "RT @" prefix is the only sign.
    if text.startswith("RT @"):
        return "repost"
    for u in (tweet.get("entities") or {}).get("urls") or []:
        if isinstance(u, dict) and _STATUS_URL.match(str(u.get("expanded_url") or "")):
            return "quote"
    return "post"


def _media_path(media: dict[str, Any], tweet_id: str, media_dir: str) -> str | None:
    url = media.get("media_url_https") or media.get("media_url")
    if media.get("type") in ("video", "animated_gif"):
        variants = (media.get("video_info") or {}).get("variants") or []
        mp4 = [v for v in variants if isinstance(v, dict) and v.get("content_type") == "video/mp4"]
        if mp4:
            # The archive keeps the highest-bitrate rendition under the same name.
            best = max(mp4, key=lambda v: int(str(v.get("bitrate") or "0") or 0))
            url = best.get("url") or url
    if not isinstance(url, str) or not url:
        return None
    basename = url.split("?", 1)[0].rsplit("/", 1)[-1]
    return f"{media_dir}/{tweet_id}-{basename}"


def tweet_media(tweet: dict[str, Any], tweet_id: str, media_dir: str) -> list[dict[str, Any]]:
    """The tweet's photos, videos and GIFs as ``{url, type, alt, path}``."""
    out = []
    for media in _media_items(tweet):
        alt = media.get("ext_alt_text")
        out.append(
            {
                "url": media.get("media_url_https") or media.get("media_url"),
                "type": media.get("type"),
                "alt": alt if isinstance(alt, str) else None,
                "path": _media_path(media, tweet_id, media_dir),
            }
        )
    return out


@dataclass(slots=True)
class XContext:
    """What every tweet of one export shares."""

    author: str | None
    where: str
    source_file: str
    media_dir: str


def tweet_to_post(record: Any, index: int, ctx: XContext, *, deleted: bool = False) -> Post:
    """Map one archive element (``{"tweet": {...}}`` or a bare tweet) to a Post."""
    tweet = record.get("tweet", record) if isinstance(record, dict) else None
    if not isinstance(tweet, dict):
        raise _fail(ctx.where, index, "not a tweet object")
    tweet_id = tweet.get("id_str") or tweet.get("id")
    if isinstance(tweet_id, int):
        tweet_id = str(tweet_id)
    if not isinstance(tweet_id, str) or not tweet_id.isdigit():
        raise _fail(ctx.where, index, "missing or invalid 'id_str'")
    raw_time = _str_field(tweet, "created_at", ctx.where, index)
    try:
        created = parse_x_time(raw_time)
    except ValueError as exc:
        raise _fail(ctx.where, index, f"bad created_at {raw_time!r}") from exc
    text = repair_tweet_text(tweet, ctx.where, index)
    reply_to = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
    lang = tweet.get("lang")
    user = ctx.author or "i"  # x.com/i/status/<id> resolves without the handle
    return Post(
        platform="x",
        native_id=tweet_id,
        kind="deleted" if deleted else tweet_kind(tweet, text),
        author=ctx.author,
        created_at=created,
        text=text,
        url=f"https://x.com/{user}/status/{tweet_id}",
        lang=lang if isinstance(lang, str) else None,
        media=tweet_media(tweet, tweet_id, ctx.media_dir),
        reply_to=str(reply_to) if reply_to else None,
        source_file=ctx.source_file,
        created_at_raw=raw_time,
        raw=tweet,
    )


@dataclass(slots=True)
class Note:
    """A note tweet: the full text of a long post, waiting for its tweet."""

    note_id: str
    created: datetime
    created_raw: str
    text: str
    record: dict[str, Any]
    source_file: str
    used: bool = False


def parse_note(record: Any, index: int, where: str, source_file: str) -> Note:
    """Validate one ``{"noteTweet": {...}}`` element; its short links are expanded."""
    note = record.get("noteTweet") if isinstance(record, dict) else None
    if not isinstance(note, dict):
        raise _fail(where, index, "not a noteTweet object")
    note_id = _str_field(note, "noteTweetId", where, index)
    raw_time = _str_field(note, "createdAt", where, index)
    try:
        created = parse_iso_utc(raw_time)
    except ValueError as exc:
        raise _fail(where, index, f"bad createdAt {raw_time!r}") from exc
    core = note.get("core")
    if not isinstance(core, dict) or not isinstance(core.get("text"), str):
        raise _fail(where, index, "missing 'core.text'")
    text = core["text"]
    # Note text is not HTML-escaped (unlike full_text); only links need expanding.
    for u in core.get("urls") or []:
        if isinstance(u, dict) and isinstance(u.get("shortUrl"), str) and u.get("expandedUrl"):
            text = text.replace(u["shortUrl"], str(u["expandedUrl"]))
    return Note(note_id, created, raw_time, nfc(text), note, source_file)


def _squash(text: str) -> str:
    return " ".join(text.split())


class NoteIndex:
    """Finds the note holding a truncated tweet's full text.

    Note ids differ from tweet ids, so the join is on creation time (to the
    second, ±1 s) plus a check that the note starts like the tweet's text.
    """

    def __init__(self, notes: list[Note]) -> None:
        self.notes = notes
        self._by_second: dict[int, list[Note]] = {}
        for note in notes:
            self._by_second.setdefault(int(note.created.timestamp()), []).append(note)

    def take(self, post: Post) -> Note | None:
        """The unused note matching ``post`` (marked used), or None."""
        if post.created_at is None or not self.notes:
            return None
        second = int(post.created_at.timestamp())
        body = _LEADING_MENTIONS.sub("", post.text)
        prefix = _squash(body.split("…", 1)[0])[:40]
        for delta in (0, -1, 1):
            for note in self._by_second.get(second + delta, []):
                if not note.used and _squash(note.text).startswith(prefix):
                    note.used = True
                    return note
        return None


def join_note(post: Post, note: Note) -> None:
    """Give ``post`` the note's full text, keeping the reply's leading mentions."""
    mentions = _LEADING_MENTIONS.match(post.text)
    post.text = (mentions.group(0) if mentions else "") + note.text
    post.raw = {**post.raw, "noteTweet": note.record}


def note_to_post(note: Note, author: str | None) -> Post:
    """A note no tweet claimed (its tweet is gone): kept as a post of kind ``note``."""
    return Post(
        platform="x",
        native_id=note.note_id,
        kind="note",
        author=author,
        created_at=note.created,
        text=note.text,
        source_file=note.source_file,
        created_at_raw=note.created_raw,
        raw=note.record,
    )
