"""Big X archives read by DuckDB: the JSON parsed and most tweets converted in SQL.

``tweets.js`` is ``window.YTD.tweets.part0 = [ {...}, ... ]``. A copy of each
data file without that prefix (a temporary file) is a plain JSON array that
DuckDB's ``read_json`` parses on all cores; one SQL query then produces the
columns of :data:`~reviewer.importers.batch.POST_SCHEMA` for every tweet it
can prove is plain, the same values the Python path
(:func:`~reviewer.importers.x_records.tweet_to_post`) gives:

* ``id_str``, ``created_at`` and ``full_text`` are strings, the id ASCII
  digits and the time in X's usual ``+0000`` form;
* the text holds no ``&`` (no entity to decode), the tweet no URL entities
  and no media (nothing to expand or strip);
* the serialised tweet (``raw``) holds no ``\\u`` escape, no number and no
  repeated key at its top level, so DuckDB's compact JSON is byte for byte
  what ``orjson.dumps`` writes (nested repeated keys are the one exception:
  DuckDB keeps both, the Python path the last; X writes none).

Every other tweet ("complex": links, entities, media, odd types) is converted
by :func:`tweet_to_post` itself from its parsed JSON, as are tweets whose
time is within a second of a note tweet (the note join needs them in file
order). NFC normalisation of non-ASCII text is done in Python on the column.

Anything unexpected (a DuckDB error, a tweet the Python code rejects, a
duplicate, a count the manifest disagrees with) abandons this path: the
Python path then runs, raises its exact error, or yields the remaining posts
(the posts already yielded are exactly its first ones, in the same order of
records).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from reviewer.errors import InputError
from reviewer.importers import x
from reviewer.importers.batch import POST_SCHEMA, posts_table
from reviewer.importers.x_records import NoteIndex, join_note, note_to_post, tweet_to_post
from reviewer.model import Post

if TYPE_CHECKING:
    from reviewer.importers.x import XExport, _Part

# Below this many bytes of tweets the Python path is quick enough.
DUCK_FROM = 8 * 1024 * 1024
# Rows per Arrow batch read from DuckDB (and per table handed to the store).
BATCH_ROWS = 50_000
_HEAD = re.compile(rb"\s*window\.[\w.]+\s*=\s*\[", re.ASCII)
_BOM = b"\xef\xbb\xbf"

# $1 the file, $2 the author in URLs, $3 the author, $4 the source file, $5 deleted.
_QUERY = r"""
WITH v AS (
  SELECT tweet::VARCHAR AS raw,
    json_type(tweet, ['$.id_str', '$.created_at', '$.full_text', '$.lang',
      '$.in_reply_to_status_id_str', '$.in_reply_to_status_id', '$.entities',
      '$.entities.urls', '$.entities.urls[0]', '$.entities.urls[1]', '$.entities.urls[0].url',
      '$.entities.urls[0].expanded_url', '$.entities.media', '$.extended_entities']) AS ty,
    json_extract_string(tweet, ['$.id_str', '$.created_at', '$.full_text', '$.lang',
      '$.in_reply_to_status_id_str', '$.in_reply_to_status_id', '$.entities.urls[0].url',
      '$.entities.urls[0].expanded_url']) AS s,
    json_keys(tweet) AS keys
  FROM read_json($1, format = 'array', columns = {'tweet': 'JSON'})
), c AS (
  SELECT raw, ty, keys, s[1] AS id, s[2] AS created_raw, s[3] AS full_text,
    CASE WHEN ty[4] = 'VARCHAR' THEN s[4] END AS lang,
    coalesce(nullif(s[5], ''), nullif(s[6], '')) AS reply_to,
    try_strptime(s[2][5:], '%b %d %H:%M:%S +0000 %Y') AS created,
    s[7] AS link, s[8] AS expanded,
    -- One URL entity: the text's one t.co link is it, and it is expanded.
    ty[9] = 'OBJECT' AND ty[10] IS NULL AND ty[11] = 'VARCHAR' AND ty[12] = 'VARCHAR'
      AND regexp_full_match(s[7], 'https?://t\.co/[A-Za-z0-9]+')
      AND regexp_extract_all(s[3], 'https?://t\.co/[A-Za-z0-9]+') = [s[7]]
      AND NOT regexp_matches(s[8], '[^\x01-\x7f]') AS one_link
  FROM v
), t AS (
  SELECT *, CASE WHEN one_link THEN replace(full_text, link, expanded) ELSE full_text END AS text
  FROM c
)
SELECT 'x:' || id AS post_id, 'x' AS platform, id AS native_id,
  CASE WHEN $5 THEN 'deleted' WHEN reply_to IS NOT NULL THEN 'reply'
    WHEN starts_with(text, 'RT @') THEN 'repost'
    WHEN one_link AND regexp_matches(expanded,
      '^https?://(www\.|mobile\.)?(twitter|x)\.com/\w+/status(es)?/\d', 'i') THEN 'quote'
    ELSE 'post' END AS kind,
  $3::VARCHAR AS author, created AS created_at, text,
  'https://x.com/' || $2 || '/status/' || id AS url, lang, '[]' AS media, reply_to,
  $4::VARCHAR AS source_file, created_raw AS created_at_raw, false AS tz_assumed,
  NULL::VARCHAR AS content_warning, raw,
  coalesce(ty[1] = 'VARCHAR' AND ty[2] = 'VARCHAR' AND ty[3] = 'VARCHAR'
    AND coalesce(ty[5], 'NULL') IN ('NULL', 'VARCHAR')
    AND coalesce(ty[6], 'NULL') IN ('NULL', 'VARCHAR')
    AND coalesce(ty[7], 'OBJECT') = 'OBJECT'
    AND (coalesce(ty[8], 'NULL') = 'NULL' OR (ty[8] = 'ARRAY' AND (ty[9] IS NULL OR one_link)))
    AND ty[13] IS NULL AND ty[14] IS NULL
    AND regexp_full_match(id, '[0-9]+')
    AND regexp_full_match(created_raw, '(Mon|Tue|Wed|Thu|Fri|Sat|Sun) '
      '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-3][0-9] '
      '([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] \+0000 [0-9]{4}')
    AND NOT ends_with(created_raw, ' 0000') AND created IS NOT NULL
    AND NOT contains(full_text, '&')
    AND NOT contains(raw, '\u') AND NOT regexp_matches(raw, '(":|[\[,])-?[0-9]')
    AND len(keys) = len(list_distinct(keys)), false)
    AS simple
FROM t
"""


class _Bail(Exception):
    """This path cannot vouch for the rows: the Python path takes over."""


def duck_tables(export: XExport, min_size: int | None = None) -> Iterator[pa.Table] | None:
    """The archive's posts as tables, or None where this path does not apply.

    It applies when the tweets (and deleted tweets) files add up to at least
    ``min_size`` bytes (:data:`DUCK_FROM`) and every one opens with
    ``window.NAME = [``.
    """
    min_size = DUCK_FROM if min_size is None else min_size
    from reviewer.importers.x import DELETED, TWEETS

    parts = [(p, False) for p in export.parts(*TWEETS)] + [(p, True) for p in export.parts(DELETED)]
    if not parts:
        return None
    sizes = [export.size(p) for p, _ in parts]
    if any(s is None for s in sizes) or sum(s or 0 for s in sizes) < min_size:
        return None
    for part, _ in parts:
        if _array_start(export, part) is None:
            return None
    return _tables(export, parts)


def _array_start(export: XExport, part: _Part) -> int | None:
    """The offset just past ``window.NAME = [`` when the array holds objects, else None."""
    with export.src.reading(part.rel) as fh:
        head = fh.read(64 * 1024)
    bom = len(_BOM) if head.startswith(_BOM) else 0
    match = _HEAD.match(head, bom)
    if not match:
        return None
    rest = head[match.end() :].lstrip()
    if rest and not rest.startswith((b"{", b"]")):
        return None
    return match.end()


def _copy_array(export: XExport, part: _Part, start: int, target: Path) -> None:
    """Write the part's array to ``target`` without the ``window.NAME =`` prefix."""
    with export.src.reading(part.rel) as fh, target.open("wb") as out:
        out.write(b"[")
        out.flush()
        offset = start
        if export.src.real_path(part.rel) is not None and hasattr(os, "copy_file_range"):
            # A file on disk is copied by the kernel, never through Python.
            size = os.fstat(fh.fileno()).st_size
            with suppress(OSError):  # not supported here: copied below
                while offset < size:
                    copied = os.copy_file_range(fh.fileno(), out.fileno(), size - offset, offset)
                    if copied == 0:
                        break
                    offset += copied
        if fh.seekable():
            fh.seek(offset)
        else:
            fh.read(offset)
        shutil.copyfileobj(fh, out, 4 * 1024 * 1024)
    # X ends the file with "]"; a trailing ";" (allowed by the Python path) is cut.
    with target.open("r+b") as out:
        size = out.seek(0, os.SEEK_END)
        out.seek(max(0, size - 64))
        tail = out.read()
        body = tail.rstrip()
        if body.endswith(b";"):
            out.truncate(size - len(tail) + len(body) - 1)


def _tables(export: XExport, parts: list[tuple[_Part, bool]]) -> Iterator[pa.Table]:
    yielded = 0
    try:
        for table in _fast(export, parts):
            yielded += table.num_rows
            yield table
    except _Bail:
        # The Python path raises the exact error, or goes on where this path stopped.
        posts = itertools.islice(export.posts(), yielded, None)
        while batch := list(itertools.islice(posts, BATCH_ROWS)):
            yield posts_table(batch)


def _connect(workdir: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"threads": os.cpu_count() or 1, "temp_directory": workdir})
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET enable_progress_bar = false")
    return con


def _fast(export: XExport, parts: list[tuple[_Part, bool]]) -> Iterator[pa.Table]:
    author = export.author()
    notes = export.notes()
    index = NoteIndex(notes)
    seconds = {int(note.created.timestamp()) for note in notes}
    note_seconds = pa.array(sorted({s + d for s in seconds for d in (-1, 0, 1)}), pa.int64())
    deleted_ids = export.deleted_ids()
    deleted_arr = pa.array(sorted(deleted_ids), pa.string())
    ids: list[pa.ChunkedArray] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-x-") as workdir:
        con = _connect(workdir)
        try:
            for number, (part, deleted) in enumerate(parts):
                start = _array_start(export, part)
                if start is None:
                    raise _Bail
                copy = Path(workdir) / f"part{number}.json"
                try:
                    _copy_array(export, part, start, copy)
                except (OSError, InputError) as exc:  # a full disk, an unreadable member
                    raise _Bail from exc
                ctx = export.context(part, author, deleted=deleted)
                # Parse odd tweets as the Python path parses this file: small files
                # whole with json, big ones with orjson (integers past 64 bits differ).
                size = export.size(part)
                loads = json.loads if size is not None and size < x.STREAM_FROM else _loads
                count = 0
                try:
                    reader = con.execute(
                        _QUERY,
                        [str(copy), author or "i", author, ctx.source_file, deleted],
                    ).to_arrow_reader(BATCH_ROWS)
                    for batch in reader:
                        count += batch.num_rows
                        table = _convert(
                            pa.Table.from_batches([batch]),
                            ctx,
                            deleted,
                            loads,
                            index,
                            note_seconds,
                            deleted_arr,
                            deleted_ids,
                        )
                        ids.append(table.column("native_id"))
                        if table.num_rows:
                            yield table
                except duckdb.Error as exc:
                    raise _Bail from exc
                finally:
                    copy.unlink(missing_ok=True)
                try:
                    export.check_count(part, count)
                except InputError as exc:
                    raise _Bail from exc
        finally:
            with suppress(duckdb.Error):
                con.close()
    _check_unique(ids)
    rest = [note_to_post(note, author) for note in notes if not note.used]
    if rest:
        yield posts_table(rest)


def _loads(text: str) -> Any:
    """As :func:`x_stream.parse_chunk` parses: orjson, or json where orjson refuses."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _check_unique(ids: list[pa.ChunkedArray]) -> None:
    """A tweet twice (in one part or two) sends the archive to the Python path, which names it.

    Checked once all tweets are read: nothing is committed before the
    generator ends, and the Python path then raises before its end.
    """
    if not ids:
        return
    every = pa.chunked_array([c for column in ids for c in column.chunks], pa.string())
    if len(pc.unique(every)) != len(every):
        raise _Bail


def _convert(
    table: pa.Table,
    ctx: Any,
    deleted: bool,
    loads: Callable[[str], Any],
    index: NoteIndex,
    note_seconds: pa.Array,
    deleted_arr: pa.Array,
    deleted_ids: set[str],
) -> pa.Table:
    """One batch of query rows as a POST_SCHEMA table (plain rows as they are, others in Python)."""
    simple = table.column("simple")
    if not deleted and len(deleted_arr):
        # A tweet also in the deleted tweets is imported from there.
        gone = pc.fill_null(pc.is_in(table.column("native_id"), value_set=deleted_arr), False)
        simple_kept = pc.and_(simple, pc.invert(gone))
    else:
        simple_kept = simple
    python = pc.invert(simple)
    if len(note_seconds):
        # A tweet within a second of a note may take it: joined in file order below.
        micros = pc.cast(table.column("created_at"), pa.int64())
        near = pc.fill_null(
            pc.is_in(
                pc.floor(pc.divide(pc.cast(micros, pa.float64()), 1e6)).cast(pa.int64()),
                value_set=note_seconds,
            ),
            False,
        )
        python = pc.or_(python, near)
        simple_kept = pc.and_(simple_kept, pc.invert(near))
    plain = _plain(table.filter(simple_kept))
    python_raw = table.filter(python).column("raw").to_pylist()
    if not python_raw:
        return plain
    posts: list[Post] = []
    for raw in python_raw:
        if raw is None:
            raise _Bail  # an element without "tweet": only the Python path reads it
        try:
            record = {"tweet": loads(raw)}
            post = tweet_to_post(record, 0, ctx, deleted=deleted)
        except (ValueError, RecursionError, InputError) as exc:
            raise _Bail from exc
        if not deleted and post.native_id in deleted_ids:
            continue
        note = index.take(post)
        if note is not None:
            join_note(post, note)
        posts.append(post)
    return pa.concat_tables([plain, posts_table(posts)])


_NAMES = POST_SCHEMA.names


def _plain(table: pa.Table) -> pa.Table:
    """The plain rows with their text in NFC, as POST_SCHEMA."""
    table = table.select(_NAMES)
    text = table.column("text")
    wide = pc.invert(pc.string_is_ascii(text))
    if not all(unicodedata.is_normalized("NFC", v) for v in text.filter(wide).to_pylist()):
        fixed = pa.array([unicodedata.normalize("NFC", v) for v in text.to_pylist()], pa.string())
        table = table.set_column(_NAMES.index("text"), "text", fixed)
    created = table.column("created_at").cast(pa.timestamp("us"))
    table = table.set_column(
        _NAMES.index("created_at"), "created_at", created.cast(pa.timestamp("us", tz="UTC"))
    )
    return table.cast(POST_SCHEMA)
