"""The generic import: CSV, NDJSON or a JSON array of objects, one post per record.

Required columns ``id, author, created_at, text``; optional ``url, lang, media,
platform, reply_to``; any other column is kept in the raw record. It is the
way in for platforms without an importer and for hand-made test sets.
"""

from __future__ import annotations

import csv
import io
import json
import re
from array import array
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import orjson

from reviewer.errors import InputError
from reviewer.importers.export import Export
from reviewer.importers.source import FileSource, Source
from reviewer.importers.textrepair import nfc
from reviewer.importers.textstream import decoded_chunks, split_lines
from reviewer.model import PLATFORMS, Post

REQUIRED = ("id", "author", "created_at", "text")
OPTIONAL = ("url", "lang", "media", "platform", "reply_to")
# A file naming at least this many required columns is meant as a generic
# export, so a missing column is reported instead of the file being ignored.
_NEAR_MISS = 3

_IMAGE = frozenset(
    ("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff", "svg", "avif")
)
_VIDEO = frozenset(("mp4", "mov", "m4v", "avi", "mkv", "webm", "3gp", "mpeg", "mpg"))
_KEY = re.compile(r'"((?:[^"\\]|\\.){1,64})"\s*:')


ColumnMap = dict[str, str]


def check_column_map(column_map: ColumnMap, where: str) -> None:
    """Refuse a ``--map`` that renames to an unknown column or to one column twice."""
    targets = [t.strip().lower() for t in column_map.values()]
    for target in targets:
        if target not in REQUIRED + OPTIONAL:
            raise InputError(where, f"--map: unknown column {target!r}")
    dupes = sorted({t for t in targets if targets.count(t) > 1})
    if dupes:
        raise InputError(where, f"--map: two columns renamed to {dupes[0]!r}")


def _normalized_map(column_map: ColumnMap | None) -> ColumnMap:
    return {k.strip().lower(): v.strip().lower() for k, v in (column_map or {}).items()}


def _rename(names: list[str], column_map: ColumnMap) -> list[str]:
    """Header names lowercased, with ``--map`` renames applied."""
    return [column_map.get(n.strip().lower(), n.strip().lower()) for n in names]


def _columns_score(names: list[str], column_map: ColumnMap | None = None) -> int:
    keys = set(_rename(names, _normalized_map(column_map)))
    return sum(r in keys for r in REQUIRED)


def sniff_generic(head: bytes, forced: bool, column_map: ColumnMap | None = None) -> str | None:
    """``"csv"``, ``"ndjson"`` or ``"json"`` when ``head`` looks like a generic export.

    ``column_map`` renames the file's columns first (``--map message=text``).
    """
    if b"\0" in head:
        return None
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip()
    threshold = 1 if forced else _NEAR_MISS
    if text.startswith("["):
        body = text[1:].lstrip()
        try:
            first, _ = json.JSONDecoder().raw_decode(body)
            keys = list(first) if isinstance(first, dict) else []
        except json.JSONDecodeError:
            # The first object may not fit in the head; its key names still show.
            keys = _KEY.findall(body) if body.startswith("{") else []
        return "json" if _columns_score(keys, column_map) >= threshold else None
    if text.startswith("{"):
        try:
            first = json.loads(text.split("\n", 1)[0])
        except json.JSONDecodeError:
            return None  # one pretty-printed object: another platform's file
        keys = list(first) if isinstance(first, dict) else []
        return "ndjson" if _columns_score(keys, column_map) >= threshold else None
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return None
    return "csv" if _columns_score(header, column_map) >= threshold else None


def _media_type(name: str) -> str:
    ext = name.split("?", 1)[0].rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return "image" if ext in _IMAGE else "video" if ext in _VIDEO else "other"


def parse_media(value: str | list[Any] | None) -> list[dict[str, Any]]:
    """``a.jpg; https://x/v.mp4`` (or a JSON list) → ``[{path|url, type, alt}]``."""
    if not value:
        return []
    items = value if isinstance(value, list) else value.split(";")
    out = []
    for item in items:
        name = str(item).strip()
        if name:
            key = "url" if "://" in name else "path"
            out.append({key: name, "type": _media_type(name), "alt": None})
    return out


def parse_created(value: str) -> tuple[datetime, bool]:
    """ISO 8601 → (aware UTC datetime, whether UTC was assumed for lack of a zone)."""
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC), True
    return parsed.astimezone(UTC), False


def _text_value(record: dict[str, Any], key: str, loc: str, where: str) -> str | None:
    """A scalar column as stripped text (integers allowed for ids); None when blank."""
    value = record.get(key)
    if value is None:
        return None
    if type(value) is str:  # the common case, checked first: this runs for every column
        return value.strip() or None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(where, f"{loc}: '{key}' must be text")
    return str(value).strip() or None


_SCALARS = ("id", "author", "created_at", "url", "lang", "platform", "reply_to")


# Keys already seen stripped and lowercase: a set lookup per key instead of
# stripping and lowercasing every key of every record (bounded: keys are columns).
_CLEAN_KEYS: set[str] = set()


def _normalize_keys(raw: dict[str, Any]) -> dict[str, Any]:
    """Keys stripped and lowercased; records whose keys already are skip the copy."""
    for k in raw:
        if k in _CLEAN_KEYS:
            continue
        if type(k) is not str or k != k.strip().lower():
            return {str(k).strip().lower(): v for k, v in raw.items()}
        if len(_CLEAN_KEYS) < 4096:
            _CLEAN_KEYS.add(k)
    return raw


def record_to_post(
    raw: dict[str, Any],
    loc: str,
    where: str,
    source_file: str,
    column_map: ColumnMap | None = None,
    raw_json: str | None = None,
) -> tuple[Post, str]:
    """Validate one record (keys any case) and map it; returns the post and its id key.

    ``raw_json`` is the record's own JSON text when it has one (an NDJSON line),
    kept for auditors instead of re-serialising ``raw``.

    ``column_map`` (lowercase file column → contract column) is applied first;
    a renamed column wins over a column of the target's name, which stays in ``raw``.
    """
    record = _normalize_keys(raw)
    if column_map:
        record = dict(record)
        for source_name, target in column_map.items():
            if source_name in record:
                record[target] = record.pop(source_name)
    for key in REQUIRED:
        if key not in record:
            raise InputError(where, f"{loc}: missing required column '{key}'")
    values: dict[str, str | None] = {}
    for key in _SCALARS:
        value = record.get(key)
        # Inline for the common case (text or absent): this runs for every column.
        if type(value) is str:
            values[key] = value.strip() or None
        else:
            values[key] = None if value is None else _text_value(record, key, loc, where)
    for key in ("id", "author", "created_at"):
        if values[key] is None:
            raise InputError(where, f"{loc}: empty '{key}'")
    text = record["text"]
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise InputError(where, f"{loc}: 'text' must be text")
    created_raw = str(values["created_at"])
    try:
        created, assumed = parse_created(created_raw)
    except ValueError as exc:
        raise InputError(where, f"{loc}: bad created_at {created_raw!r} (need ISO 8601)") from exc
    platform = (values["platform"] or "generic").lower()
    if platform not in PLATFORMS:
        raise InputError(where, f"{loc}: unknown platform {platform!r}")
    media = record.get("media")
    if media is not None and not isinstance(media, str | list):
        raise InputError(where, f"{loc}: 'media' must be text or a list")
    reply_to = values["reply_to"]
    post = Post(
        platform=platform,
        native_id=str(values["id"]),
        kind="reply" if reply_to else "post",
        author=values["author"],
        created_at=created,
        # Line endings are unified so rules and offsets see one newline form.
        text=nfc(text.replace("\r\n", "\n")) if "\r" in text or not text.isascii() else text,
        url=values["url"],
        lang=values["lang"],
        media=parse_media(media),
        reply_to=reply_to,
        source_file=source_file,
        created_at_raw=created_raw,
        tz_assumed=assumed,
        raw=raw,
        raw_json=raw_json,
    )
    return post, post.post_id


# Each reader yields (location, record, the record's JSON text or None).
Records = Iterator[tuple[str, dict[str, Any], str | None]]


def _csv_records(chunks: Iterator[str], where: str, column_map: ColumnMap) -> Records:
    # split_lines cuts lines as io.StringIO(newline="") does, so line_num counts alike.
    reader = csv.reader(split_lines(chunks), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(where, "empty file")
        names = _rename(header, column_map)
        for key in REQUIRED:
            if key not in names:
                raise InputError(where, f"missing required column '{key}'")
        # Checked on the file's own names: a --map target may repeat a column it replaces.
        original = [h.strip().lower() for h in header]
        dupes = sorted({n for n in original if original.count(n) > 1})
        if dupes:
            raise InputError(where, f"duplicate column '{dupes[0]}'")
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                raise InputError(
                    where, f"line {start}: {len(row)} fields but the header has {len(header)}"
                )
            yield f"line {start}", dict(zip(header, row, strict=True)), None
    except csv.Error as exc:
        raise InputError(where, f"line {reader.line_num}: malformed CSV ({exc})") from exc


def _loads(line: str) -> Any:
    """``json.loads``, through orjson (several times faster) where both read alike.

    orjson refuses what json accepts (NaN, lone surrogates): those lines, and
    real errors, go to json. orjson also reads integers past 64 bits as floats,
    so a record with a float or a list (media) among the columns that become
    post fields is read again by json; nested values only reach ``raw``, which
    keeps the line's own text.
    """
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)
    if type(record) is dict:
        for value in record.values():
            if type(value) is float or type(value) is list:
                return json.loads(line)
    return record


def _ndjson_records(chunks: Iterator[str], where: str, _: ColumnMap) -> Records:
    # Lines end at LF, CRLF or CR only: U+2028 and U+0085 may stand unescaped
    # inside JSON strings, where str.splitlines() would cut the record.
    for number, line in enumerate(split_lines(chunks), 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"invalid JSON at line {number}") from exc
        except RecursionError as exc:
            raise InputError(where, f"line {number}: JSON nested too deeply") from exc
        if not isinstance(record, dict):
            raise InputError(where, f"line {number}: expected a JSON object")
        yield f"line {number}", record, line


_WS = re.compile(r"\s*")
# A parse error this close to the end of the text read so far may only mean the
# record goes on in the next chunk ("-Infinity" cut after "-Infinit" is the longest).
_CUT_MARGIN = 16


class _Window:
    """Decoded text of a JSON array, read chunk by chunk; text before the current record is dropped.

    Positions are into :attr:`text`; :meth:`fill` drops what lies before a
    position, reads more and returns the position's new value.
    """

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self.text = ""
        self.eof = False
        self._line = 1  # the line at self._counted
        self._counted = 0

    def fill(self, pos: int) -> int:
        """Drop the text before ``pos`` and at least double what is left after it."""
        self.line_at(pos)
        self._counted = 0
        rest = self.text[pos:]
        pieces, got, want = [rest], 0, max(len(rest), 1)
        while got < want:
            piece = next(self._chunks, None)
            if piece is None:
                self.eof = True
                break
            pieces.append(piece)
            got += len(piece)
        self.text = "".join(pieces)
        return 0

    def line_at(self, pos: int) -> int:
        # Counted on from the last position asked for: recounting would be quadratic.
        self._line += self.text.count("\n", self._counted, pos)
        self._counted = pos
        return self._line

    def skip_ws(self, pos: int) -> int:
        while True:
            match = _WS.match(self.text, pos)
            pos = match.end() if match else pos
            if pos < len(self.text) or self.eof:
                return pos
            pos = self.fill(pos)

    def decode(self, decoder: json.JSONDecoder, pos: int, where: str) -> tuple[Any, int, int]:
        """The JSON value at ``pos``: ``(value, its start, its end)``, reading on as needed."""
        while True:
            try:
                value, end = decoder.raw_decode(self.text, pos)
                return value, pos, end
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or (
                    exc.pos >= len(self.text) - _CUT_MARGIN
                )
                if self.eof or not cut:
                    line = self.line_at(pos) + self.text.count("\n", pos, exc.pos)
                    raise InputError(where, f"invalid JSON at line {line}") from exc
            except RecursionError as exc:
                raise InputError(
                    where, f"line {self.line_at(pos)}: JSON nested too deeply"
                ) from exc
            pos = self.fill(pos)


def _json_records(chunks: Iterator[str], where: str, _: ColumnMap) -> Records:
    # Element by element, so errors name the line the bad record starts on; only
    # the record being parsed (and the rest of its chunk) is held in memory.
    decoder = json.JSONDecoder()
    win = _Window(chunks)
    pos = win.skip_ws(0)
    if not win.text.startswith("[", pos):
        raise InputError(where, "expected a JSON array of objects")
    pos = win.skip_ws(pos + 1)
    if win.text.startswith("]", pos):
        pos += 1
    else:
        while True:
            start = win.line_at(pos)
            record, begin, pos = win.decode(decoder, pos, where)
            if not isinstance(record, dict):
                raise InputError(where, f"line {start}: expected a JSON object")
            yield f"line {start}", record, win.text[begin:pos]
            pos = win.skip_ws(pos)
            if win.text.startswith("]", pos):
                pos += 1
                break
            if not win.text.startswith(",", pos):
                raise InputError(where, f"invalid JSON at line {win.line_at(pos)}")
            pos = win.skip_ws(pos + 1)
    pos = win.skip_ws(pos)
    if pos < len(win.text):
        raise InputError(where, f"invalid JSON at line {win.line_at(pos)}")


_READERS = {"csv": _csv_records, "ndjson": _ndjson_records, "json": _json_records}


class GenericExport(Export):
    """One generic file (CSV, NDJSON or JSON array)."""

    platform = "generic"
    _single_file = True

    def __init__(
        self, src: Source, rel: str, fmt: str, column_map: ColumnMap | None = None
    ) -> None:
        super().__init__(src, src.label if isinstance(src, FileSource) else src.where(rel))
        self._rel = rel
        self.format = fmt
        self._map = _normalized_map(column_map)

    def files(self) -> list[tuple[str, str]]:
        return [(self._rel, self._rel.rsplit("/", 1)[-1])]

    def plain_ndjson(self) -> tuple[Path, str] | None:
        """The NDJSON file on disk, when no ``--map`` renames its columns."""
        if self.format != "ndjson" or self._map:
            return None
        path = self._src.real_path(self._rel)
        return None if path is None else (path, self.files()[0][1])

    def _records(self, fh: BinaryIO, where: str) -> Iterator[tuple[str, Post, str]]:
        """``(location, post, its id key)`` for every record, read as the file streams in."""
        source_file = self.files()[0][1]
        records = _READERS[self.format](decoded_chunks(fh, where), where, self._map)
        for loc, record, raw_json in records:
            post, key = record_to_post(record, loc, where, source_file, self._map, raw_json)
            yield loc, post, key

    def posts(self) -> Iterator[Post]:
        """Every record as a post; a bad record raises InputError naming its line.

        Streamed: the file is decoded and parsed chunk by chunk as posts are
        taken. A repeated id is found at the end, from an 8-byte hash kept per
        post (not the ids themselves), and named by reading the file again; the
        import is one transaction, so the posts already written are rolled back.
        """
        where = self._src.where(self._rel)
        hashes = array("q")
        with self._src.reading(self._rel) as fh:
            for _, post, key in self._records(fh, where):
                hashes.append(hash(key))
                yield post
        ordered = np.sort(np.frombuffer(hashes, dtype=np.int64))
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        if len(repeated):
            self._name_duplicate(set(repeated.tolist()), where)

    def _name_duplicate(self, suspects: set[int], where: str) -> None:
        """Raise for the first id seen twice among posts whose hashes repeat (if any)."""
        first_seen: dict[str, str] = {}
        with self._src.reading(self._rel) as fh:
            for loc, post, key in self._records(fh, where):
                if hash(key) not in suspects:
                    continue
                if key in first_seen:
                    first = first_seen[key]
                    raise InputError(
                        where, f"{loc}: duplicate id {post.native_id!r} (also {first})"
                    )
                first_seen[key] = loc
        # Only distinct ids whose hashes collide: nothing is wrong.
