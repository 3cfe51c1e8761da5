"""Posts as Arrow tables: the form in which imports reach the store.

Importers that convert posts in worker processes send these tables back
instead of millions of Python objects; the store inserts them as they come.
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

import orjson
import pyarrow as pa

from reviewer.model import Post

POST_SCHEMA = pa.schema(
    [
        ("post_id", pa.string()),
        ("platform", pa.string()),
        ("native_id", pa.string()),
        ("kind", pa.string()),
        ("author", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("text", pa.string()),
        ("url", pa.string()),
        ("lang", pa.string()),
        ("media", pa.string()),
        ("reply_to", pa.string()),
        ("source_file", pa.string()),
        ("created_at_raw", pa.string()),
        ("tz_assumed", pa.bool_()),
        ("content_warning", pa.string()),
        ("raw", pa.string()),
    ]
)


# Datetimes and dataclasses go through ``default=str`` as with json.dumps;
# non-string keys become strings as json.dumps makes them.
_ORJSON_OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


def _dumps(value: Any) -> str:
    """``value`` as JSON text; orjson is several times faster than json.dumps.

    What orjson refuses (integers past 64 bits, lone surrogates) goes through
    json.dumps, so nothing is serialised differently than before but spacing.
    """
    try:
        return orjson.dumps(value, default=str, option=_ORJSON_OPTIONS).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, default=str)


def _dumps_utf8(value: Any) -> bytes | str:
    """:func:`_dumps` without decoding orjson's UTF-8: Arrow takes the bytes as they are."""
    try:
        return orjson.dumps(value, default=str, option=_ORJSON_OPTIONS)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, default=str)


def posts_table(posts: list[Post]) -> pa.Table:
    """The posts as an Arrow table of :data:`POST_SCHEMA` (``raw`` as JSON text)."""
    # Column-wise comprehensions: this runs once per post on every import.
    dumps = _dumps_utf8
    return pa.table(
        {
            "post_id": [p.post_id for p in posts],
            "platform": [p.platform for p in posts],
            "native_id": [p.native_id for p in posts],
            "kind": [p.kind for p in posts],
            "author": [p.author for p in posts],
            "created_at": [p.created_at.astimezone(UTC) if p.created_at else None for p in posts],
            "text": [p.text for p in posts],
            "url": [p.url for p in posts],
            "lang": [p.lang for p in posts],
            "media": [dumps(p.media) if p.media else "[]" for p in posts],
            "reply_to": [p.reply_to for p in posts],
            "source_file": [p.source_file for p in posts],
            "created_at_raw": [p.created_at_raw for p in posts],
            "tz_assumed": [bool(p.tz_assumed) for p in posts],
            "content_warning": [p.content_warning for p in posts],
            "raw": [
                p.raw_json if p.raw_json is not None else None if p.raw is None else dumps(p.raw)
                for p in posts
            ],
        },
        schema=POST_SCHEMA,
    )
