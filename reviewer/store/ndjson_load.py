"""Generic NDJSON loaded by DuckDB itself: parsed, checked and converted in SQL.

The Python importer (:mod:`reviewer.importers.generic`) reads any generic file
and says exactly what is wrong with a bad record; it converts some 30,000
posts a second. For the common case, an NDJSON file whose every record is
plain (the standard columns as text, ISO 8601 times, no stray spaces), this
module makes DuckDB do the same work in parallel C++, several times faster,
and writes exactly the rows the Python path would write (same ids, text
repair, times, media and raw line).

It runs in two passes so that the import's transaction never sees an error:

1. the stage: the file is read once, each record parsed, tested against the conditions under
   which both paths agree (the ``easy`` column) and converted, in parallel,
   into a table of an in-memory database attached to the import's DuckDB
   and written through a cursor in its own transaction. Any record outside
   those conditions (a bad record, a duplicate id, a key in another case, a
   time Python reads differently) or any error sends the whole file back to
   the Python path, which imports it or names the bad line;
2. the insert, in the import's transaction: a copy of the staged table,
   which DuckDB runs in parallel and in order (with a join in the query, as
   when posts of the file are stored already, it inserts on one thread),
   without dictionary compression (see :func:`without_dictionary`).

The file is streamed; the staged rows are held in memory until the insert.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from reviewer.model import PLATFORMS

# The contract columns a generic record may hold, in their list positions below.
_COLUMNS = ("id", "author", "created_at", "text", "url", "lang", "media", "platform", "reply_to")
_REQUIRED = ("id", "author", "created_at", "text")
_IMAGE = ("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff", "svg", "avif")
_VIDEO = ("mp4", "mov", "m4v", "avi", "mkv", "webm", "3gp", "mpeg", "mpg")
# The ISO 8601 forms on which DuckDB and Python's datetime.fromisoformat agree:
# date, then hours and minutes, optional seconds and 1-6 fraction digits, then
# an optional Z or ±HH:MM zone.
_ISO = (
    r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r"(?::[0-5][0-9](?:\.[0-9]{1,6})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
)


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


_COLS = _sql_list(_COLUMNS)
_PATHS = ", ".join(f"'$.\"{c}\"'" for c in _COLUMNS)
# What Python's str.strip() removes, as an RE2 class.
_WS = (
    r"[\s\x{0b}\x{0c}\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)
# A key Python's lowercasing and stripping turns into a column, between the
# separators of the joined key list (each key as \x01\x01key\x01\x01).
_COLUMN_KEY = rf"\x01{_WS}*(?i:{'|'.join(_COLUMNS)}){_WS}*\x01"
# A value that starts or ends with whitespace, in the joined values.
_WS_EDGE = rf"\x01{_WS}|{_WS}\x01"


def _records() -> str:
    """CTE ``records``: each non-blank line of the file (parameter 1) and its columns as text."""
    return f"""
    WITH lines AS (
        -- trim() is slow on long lines: only lines with spaces around the object need it.
        SELECT CASE WHEN starts_with(line, '{{') AND ends_with(line, '}}') THEN line
            ELSE trim(line, ' ' || chr(9) || chr(13)) END AS line
        FROM read_csv(?, columns = {{'line': 'VARCHAR'}}, delim = chr(1), quote = '',
                      escape = '', header = false, auto_detect = false, new_line = '\\n',
                      strict_mode = false)
    ),
    records AS (
        SELECT line, json_extract_string(line, [{_PATHS}]) AS sv
        FROM lines WHERE line IS NOT NULL AND line <> ''
    )
    """


def _post_id() -> str:
    return "coalesce(lower(nullif(sv[8], '')), 'generic') || ':' || sv[1]"


def _checked() -> str:
    """CTE ``checked``: each record's line, text columns, post id and whether it is plain."""

    # v holds each column's JSON text (its type shows in the first character),
    # k the record's keys: a column twice, or a key that Python's lowercasing
    # and stripping would turn into a column, makes more column-like keys
    # than columns present. Values are joined to look for whitespace at
    # either end of any of them in one regex.
    def is_text(i: int) -> str:
        return f"(v[{i}] IS NULL OR v[{i}] = 'null' OR starts_with(v[{i}], '\"'))"

    present = " + ".join(f"(v[{i}] IS NOT NULL)::INTEGER" for i in range(1, 10))
    # created_at and platform are left out: their own patterns below admit no space.
    edge_values = ", ".join(f"sv[{i}]" for i in (1, 2, 5, 6, 9))
    return (
        _records()
        + f""",
    parsed AS (
        SELECT line, sv, json_extract(line, [{_PATHS}]) AS v, json_keys(line) AS k,
            -- no zone reads as UTC, the session's time zone
            try_cast(sv[3] AS TIMESTAMPTZ) AS ts
        FROM records
    ),
    checked AS (
        SELECT {_post_id()} AS post_id, coalesce(
            -- required columns present (JSON null counts as present), none twice
            v[1] IS NOT NULL AND v[2] IS NOT NULL AND v[3] IS NOT NULL AND v[4] IS NOT NULL
            -- as many keys as columns found: each is a column, once (a CASE runs
            -- the regex only for the other records; OR would run it for all)
            AND CASE WHEN len(k) = {present} THEN true ELSE len(regexp_extract_all(
                chr(1) || chr(1) || array_to_string(k, repeat(chr(1), 4)) || chr(1) || chr(1),
                '{_COLUMN_KEY}')) = {present} END
            AND CASE WHEN starts_with(v[1], '"') THEN true
                ELSE regexp_matches(v[1], '^-?[0-9]{{1,18}}$') END
            AND sv[1] <> ''
            AND starts_with(v[2], '"') AND sv[2] <> ''
            AND starts_with(v[3], '"') AND regexp_matches(sv[3], '{_ISO}')
            -- a real date (the form gives years from 1000), before the year 9999
            AND ts IS NOT NULL AND NOT starts_with(sv[3], '9999')
            AND {" AND ".join(is_text(i) for i in (4, 5, 6, 7, 8, 9))}
            AND NOT regexp_matches(
                chr(1) || concat_ws(chr(1) || chr(1), {edge_values}) || chr(1), '{_WS_EDGE}')
            AND CASE WHEN sv[8] IS NULL OR sv[8] = '' THEN true
                ELSE regexp_matches(sv[8], '^[A-Za-z]+$')
                    AND lower(sv[8]) IN ({_sql_list(PLATFORMS)}) END
            AND CASE WHEN sv[7] IS NULL THEN true
                ELSE regexp_matches(sv[7], '^[ !#-\\[\\]-~]*$') END
            AND NOT contains(line, '\\u0000'),
            false) AS easy, line, sv, ts
        FROM parsed
    )
    """
    )


_OUT_COLUMNS = (
    "post_id, platform, native_id, kind, author, created_at, text, url, lang, media, reply_to, "
    "source_file, created_at_raw, tz_assumed, content_warning, raw"
)


def _staged() -> str:
    """Each record's posts row and whether it is plain (file: parameter 1, source_file: 2).

    The conversion assumes a plain record; one that is not may come out wrong
    or raise an error, and either sends the file to the Python path.
    """
    ext = "lower(regexp_extract(regexp_extract(split_part(m, '?', 1), '[^/]*$'), '[^.]*$'))"
    media_item = (
        "'{\"' || CASE WHEN contains(m, '://') THEN 'url' ELSE 'path' END || '\":\"' || m"
        f" || '\",\"type\":\"' || CASE WHEN {ext} IN ({_sql_list(_IMAGE)}) THEN 'image'"
        f" WHEN {ext} IN ({_sql_list(_VIDEO)}) THEN 'video' ELSE 'other' END"
        ' || \'","alt":null}\''
    )
    return (
        _checked()
        + f""",
    fields AS (
        SELECT easy, post_id, line, sv, ts, coalesce(sv[4], '') AS text_in,
            nullif(sv[9], '') AS reply_to, nullif(sv[7], '') AS media_in,
            -- ends with Z or ±HH:MM, as the check proved the form
            NOT (ends_with(sv[3], 'Z') OR sv[3][-6] IN ('+', '-')) AS assumed
        FROM checked
    )
    SELECT easy, post_id, coalesce(lower(nullif(sv[8], '')), 'generic') AS platform,
        sv[1] AS native_id, CASE WHEN reply_to IS NULL THEN 'post' ELSE 'reply' END AS kind,
        sv[2] AS author,
        ts AS created_at,
        -- NFC, the costly step, changes no text below U+0300 (no combining marks);
        -- an ASCII text (as many bytes as characters) without CR skips the pattern.
        CASE WHEN (strlen(text_in) <> length(text_in) OR contains(text_in, chr(13)))
                AND regexp_matches(text_in, '[\\r\\x{{300}}-\\x{{10ffff}}]')
            THEN nfc_normalize(replace(text_in, chr(13) || chr(10), chr(10)))
            ELSE text_in END AS text,
        nullif(sv[5], '') AS url, nullif(sv[6], '') AS lang,
        CASE WHEN media_in IS NULL THEN '[]' ELSE '[' || array_to_string(list_transform(
            list_filter(list_transform(string_split(media_in, ';'), lambda x: trim(x)),
                lambda x: x <> ''),
            lambda m: {media_item}), ',') || ']' END AS media,
        reply_to, ?::VARCHAR AS source_file, sv[3] AS created_at_raw,
        assumed AS tz_assumed, CAST(NULL AS VARCHAR) AS content_warning, line AS raw,
        sha256(text) AS text_sha256
    FROM fields
    """
    )


class NotPlain(Exception):
    """The file holds a record the SQL path does not take: the Python path reads it."""


class Staged:
    """A file's posts rows, converted and checked in a database of their own.

    An in-memory database attached to the import's DuckDB under a name of its
    own, written through a cursor of its own: the import's transaction reads
    the rows from it but never sees its errors. :meth:`close` detaches it.
    """

    def __init__(self, cur: duckdb.DuckDBPyConnection, name: str, total: int) -> None:
        self.cur = cur
        self.table = f"{name}.staged"
        self.total = total
        self._name = name

    def close(self) -> None:
        try:
            self.cur.execute(f"DETACH {self._name}")
        finally:
            self.cur.close()

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stage(con: duckdb.DuckDBPyConnection, path: Path, source_file: str) -> Staged:
    """Pass 1: parse, check and convert every record; :class:`NotPlain` unless all are plain.

    Runs in parallel, on a cursor of ``con`` in its own transaction, into an
    in-memory database: a parse error never touches the import's transaction.
    Plain also means no id twice: the Python path names the duplicate.
    """
    name = f"ndjson_stage_{uuid.uuid4().hex}"
    cur = con.cursor()
    try:
        cur.execute("SET enable_progress_bar = false; SET TimeZone = 'UTC'")
        cur.execute(f"ATTACH ':memory:' AS {name}")
    except BaseException:
        cur.close()
        raise
    staged = Staged(cur, name, 0)
    try:
        cur.execute(f"CREATE TABLE {staged.table} AS {_staged()}", [str(path), source_file])
        row = cur.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT easy), count(DISTINCT post_id) "
            f"FROM {staged.table}"
        ).fetchone()
    except duckdb.Error as exc:
        staged.close()
        raise NotPlain(str(exc).splitlines()[0]) from exc
    except BaseException:
        staged.close()
        raise
    assert row is not None
    total, hard, distinct = (int(v) for v in row)
    if hard or distinct != total:
        staged.close()
        raise NotPlain(f"{hard} records need the Python path" if hard else "an id occurs twice")
    staged.total = total
    return staged


def insert(con: duckdb.DuckDBPyConnection, staged: Staged, import_id: str) -> int:
    """Pass 2: insert the staged posts not yet stored; returns how many were new.

    DuckDB inserts a table's rows in parallel, in their order, unless a join
    stands in between: the join against stored posts only runs when some of
    them are (a file imported again, or a part of it).
    """
    columns = f"{_OUT_COLUMNS}, text_sha256"
    row = con.execute(
        f"SELECT count(*) FROM {staged.table} c JOIN posts p ON p.post_id = c.post_id"
    ).fetchone()
    stored = (
        ""
        if not row or not row[0]
        else ("WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.post_id = c.post_id)")
    )
    with without_dictionary(con):
        row = con.execute(
            f"INSERT INTO posts ({columns}, import_id) SELECT {columns}, ? FROM {staged.table} c "
            + stored,
            [import_id],
        ).fetchone()
    return int(row[0]) if row else 0


@contextmanager
def without_dictionary(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """No dictionary compression for what DuckDB writes meanwhile; the setting is restored after.

    Writing a million posts, DuckDB tries every string compression on every
    column segment and picks the smallest; trying dictionary compression on
    columns of distinct values (the raw line, the text, the hash, the ids)
    is a quarter of the insert's CPU time, and it wins only on the small
    columns of few values. The file grows by some 15%. The setting is global
    (every cursor of the database): it is changed and restored through a
    cursor of its own, which works even when the import's transaction has
    failed.
    """
    cur = con.cursor()
    try:
        row = cur.execute("SELECT current_setting('disabled_compression_methods')").fetchone()
        old = str(row[0]) if row and row[0] else ""
        methods = [m for m in old.split(",") if m.strip()]
        if "dictionary" in (m.strip().lower() for m in methods):
            yield
            return
        cur.execute(
            "SET GLOBAL disabled_compression_methods = ?", [",".join([*methods, "dictionary"])]
        )
        try:
            yield
        finally:
            cur.execute("SET GLOBAL disabled_compression_methods = ?", [old])
    finally:
        cur.close()
