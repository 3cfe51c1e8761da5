"""X (Twitter) archives: find them in a source and read their posts.

An archive is recognised by content: a ``manifest.js`` assigning
``window.__THAR_CONFIG``, or data files assigning ``window.YTD.tweets.partN``
(older: ``YTD.tweet.partN``) or ``YTD.deleted_tweets.partN``. Files are matched
to their role by the global name they assign, not by file name, so renamed
files still work; the manifest, when present, says which parts must exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import pyarrow as pa

from reviewer.errors import InputError
from reviewer.importers import x_stream
from reviewer.importers.export import Export, decode_utf8
from reviewer.importers.source import FileSource, Source
from reviewer.importers.x_records import (
    Note,
    NoteIndex,
    XContext,
    join_note,
    note_to_post,
    parse_js_assignment,
    parse_note,
    tweet_to_post,
)
from reviewer.model import Post

MANIFEST_GLOBAL = "__THAR_CONFIG"
# Data files up to this size are read whole; bigger ones are streamed in chunks.
STREAM_FROM = 8 * 1024 * 1024
_PART = re.compile(r"^YTD\.(\w+)\.part(\d+)$")
# Data types this importer reads; "tweet" is the 2019-2022 name of "tweets".
TWEETS = ("tweets", "tweet")
DELETED = "deleted_tweets"
NOTES = "note_tweet"
ACCOUNT = "account"
_MARKERS = (*TWEETS, DELETED)
# Manifest dataTypes keys for the types above.
_MANIFEST_TYPES = {
    "tweets": TWEETS,
    "tweet": TWEETS,
    "deletedTweets": (DELETED,),
    "noteTweet": (NOTES,),
}


def sniff_global(head: bytes) -> str | None:
    """The global a file assigns (``YTD.tweets.part0``, ``__THAR_CONFIG``), or None."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"window."):
        return None
    eq = text.find(b"=")
    if eq < 0:
        return None
    name = text[len(b"window.") : eq].strip().decode("ascii", "replace")
    return name if name == MANIFEST_GLOBAL or _PART.match(name) else None


@dataclass(slots=True)
class _Part:
    rel: str  # path in the source
    kind: str  # data type: tweets, deleted_tweets, note_tweet, account, ...
    number: int


@dataclass
class _ArchiveDir:
    """The files of one archive's data folder, grouped by what they hold."""

    directory: str
    manifest: str | None = None
    parts: list[_Part] = field(default_factory=list)

    def of(self, *kinds: str) -> list[_Part]:
        return sorted((p for p in self.parts if p.kind in kinds), key=lambda p: (p.number, p.rel))


class XExport(Export):
    """One X archive (a ``data/`` folder, a flat folder, or a lone tweets file)."""

    platform = "x"

    def __init__(self, src: Source, archive: _ArchiveDir, owner: str | None) -> None:
        directory = archive.directory
        # The archive root is the parent of "data/": manifest paths and media
        # paths ("data/tweets_media/...") are relative to it.
        path = PurePosixPath(directory)
        root = str(path.parent) if path.name == "data" else directory
        self._root = "" if root == "." else root
        super().__init__(src, src.where(self._root) if self._root else src.label)
        self._archive = archive
        self._owner = owner
        self._single_file = isinstance(src, FileSource)
        self._manifest: dict[str, Any] = {}
        if archive.manifest is not None:
            self._manifest = self._load(archive.manifest, expect=dict)
            self._check_manifest()

    @property
    def src(self) -> Source:
        """Where the archive's files are read from."""
        return self._src

    def _rel(self, rel_src: str) -> str:
        return rel_src[len(self._root) + 1 :] if self._root else rel_src

    def files(self) -> list[tuple[str, str]]:
        read = [p.rel for p in self._archive.of(*TWEETS, DELETED, NOTES, ACCOUNT)]
        if self._archive.manifest:
            read.append(self._archive.manifest)
        return [(r, self._rel(r)) for r in read]

    def _load(self, rel: str, expect: type) -> Any:
        where = self._src.where(rel)
        _, value = parse_js_assignment(decode_utf8(self._src.read_bytes(rel), where), where)
        if not isinstance(value, expect):
            raise InputError(where, f"expected a JSON {'array' if expect is list else 'object'}")
        return value

    def _check_manifest(self) -> None:
        """Every tweets part the manifest lists must be present, or tweets would be lost."""
        where = self._src.where(self._archive.manifest or "")
        types = self._manifest.get("dataTypes")
        if not isinstance(types, dict):
            raise InputError(where, "manifest has no 'dataTypes'")
        present = {f"YTD.{p.kind}.part{p.number}" for p in self._archive.parts}
        for key, kinds in _MANIFEST_TYPES.items():
            entry = types.get(key) or {}
            listed = entry.get("files") if isinstance(entry, dict) else None
            if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
                if key in types:
                    raise InputError(where, f"manifest dataTypes.{key}.files is malformed")
                continue
            for f in listed:
                name, count = str(f.get("globalName", "")), str(f.get("count", "0"))
                m = _PART.match(name)
                if not m or m.group(1) not in kinds:
                    raise InputError(where, f"manifest lists unexpected part {name!r}")
                if count != "0" and name not in present:
                    raise InputError(where, f"{f.get('fileName', name)} is listed but missing")

    def _expected_count(self, part: _Part) -> int | None:
        name = f"YTD.{part.kind}.part{part.number}"
        for entry in (self._manifest.get("dataTypes") or {}).values():
            for f in (entry.get("files") or []) if isinstance(entry, dict) else []:
                if isinstance(f, dict) and f.get("globalName") == name:
                    try:
                        return int(f.get("count"))
                    except (TypeError, ValueError):
                        return None
        return None

    def _records(self, part: _Part) -> list[Any]:
        records = self._load(part.rel, expect=list)
        self.check_count(part, len(records))
        return records

    def check_count(self, part: _Part, count: int) -> None:
        """A part holding another number of records than the manifest lists is an error."""
        expected = self._expected_count(part)
        if expected is not None and expected != count:
            raise InputError(
                self._src.where(part.rel),
                f"holds {count} records but the manifest says {expected}",
            )

    def chunks(self, part: _Part) -> Iterator[x_stream.Chunk] | None:
        """The part's records in chunks, streamed; None for a file read whole.

        Small files, and files that do not open with ``window.NAME = [`` and
        an object, are read whole (:meth:`_records`), as they always were.
        """
        size = self._src.size(part.rel)
        if size is not None and size < STREAM_FROM:
            return None
        with self._src.reading(part.rel) as fh:
            if x_stream.open_array(fh) is None:
                return None

        def pieces() -> Iterator[x_stream.Chunk]:
            with self._src.reading(part.rel) as fh:
                opened = x_stream.open_array(fh)
                assert opened is not None
                yield from x_stream.chunks(fh, *opened)

        return pieces()

    def _stream(self, part: _Part) -> Iterator[tuple[int, Any]]:
        """``(record number, record)`` of a data part, streamed when it is big."""
        pieces = self.chunks(part)
        if pieces is None:
            yield from enumerate(self._records(part), 1)
            return
        count = 0
        try:
            for _, records in x_stream.parsed(pieces):
                for record in records:
                    count += 1
                    yield count, record
        except x_stream.ChunkError as exc:
            raise exc.as_input_error(self._src.where(part.rel)) from None
        self.check_count(part, count)

    def size(self, part: _Part) -> int | None:
        """The size of a data part's file, when known."""
        return self._src.size(part.rel)

    def parts(self, *kinds: str) -> list[_Part]:
        """The archive's data parts of ``kinds`` in order."""
        return self._archive.of(*kinds)

    def deleted_ids(self) -> set[str]:
        """Ids of the deleted tweets (streamed: a tweet in both files counts as deleted)."""
        return {
            str(t.get("id_str") or t.get("id"))
            for part in self._archive.of(DELETED)
            for _, rec in self._stream(part)
            if isinstance(rec, dict) and isinstance(t := rec.get("tweet", rec), dict)
        }

    def context(self, part: _Part, author: str | None, *, deleted: bool) -> XContext:
        """What every tweet of ``part`` shares."""
        default_media = "data/deleted_tweets_media" if deleted else "data/tweets_media"
        types = ("deletedTweets",) if deleted else ("tweets", "tweet")
        media_dir = self._media_dir(types, default_media)
        return XContext(author, self._src.where(part.rel), self._rel(part.rel), media_dir)

    def notes(self) -> list[Note]:
        """The archive's note tweets (the full text of long posts)."""
        notes = []
        for part in self._archive.of(NOTES):
            where = self._src.where(part.rel)
            notes += [
                parse_note(rec, i, where, self._rel(part.rel))
                for i, rec in enumerate(self._records(part), 1)
            ]
        return notes

    def author(self) -> str | None:
        """The archive's handle: account.js, else the manifest, else ``--owner``."""
        return self._author()

    def _author(self) -> str | None:
        for part in self._archive.of(ACCOUNT):
            for record in self._records(part):
                # Only the handle is read: account.js also holds the e-mail and
                # phone number, which must never reach a post.
                account = record.get("account") if isinstance(record, dict) else None
                if isinstance(account, dict) and isinstance(account.get("username"), str):
                    return account["username"]
        user_info = self._manifest.get("userInfo")
        if isinstance(user_info, dict) and isinstance(user_info.get("userName"), str):
            return user_info["userName"]
        return self._owner

    def _media_dir(self, data_types: tuple[str, ...], default: str) -> str:
        for data_type in data_types:
            entry = (self._manifest.get("dataTypes") or {}).get(data_type)
            media_dir = entry.get("mediaDirectory") if isinstance(entry, dict) else None
            if isinstance(media_dir, str) and media_dir:
                return media_dir
        return default

    def post_tables(self) -> Iterator[pa.Table] | None:
        """Posts as Arrow tables for a big archive: read by DuckDB, else in worker processes.

        The DuckDB path (:mod:`~reviewer.importers.x_duck`) takes every big
        archive whose files open as X writes them; the workers
        (:mod:`~reviewer.importers.x_parallel`) are the fallback for the rest.
        """
        from reviewer.importers.x_duck import duck_tables
        from reviewer.importers.x_parallel import parallel_tables

        tables = duck_tables(self)
        return tables if tables is not None else parallel_tables(self)

    def posts(self) -> Iterator[Post]:
        """Tweets, then deleted tweets, then notes no tweet claimed.

        A long post's truncated tweet gets the full text of its note tweet.
        Big data files are streamed, never read whole.
        """
        author = self._author()
        notes = self.notes()
        index = NoteIndex(notes)
        # A tweet deleted while the archive was built can sit in both files; the
        # deleted copy wins because that is the fact a reviewer needs.
        deleted_ids = self.deleted_ids()
        seen: dict[str, str] = {}
        parts = [(p, False) for p in self._archive.of(*TWEETS)]
        parts += [(p, True) for p in self._archive.of(DELETED)]
        for part, deleted in parts:
            ctx = self.context(part, author, deleted=deleted)
            for i, record in self._stream(part):
                post = tweet_to_post(record, i, ctx, deleted=deleted)
                if not deleted and post.native_id in deleted_ids:
                    continue
                if post.native_id in seen:
                    raise InputError(
                        ctx.where,
                        f"record {i}: tweet {post.native_id} also in {seen[post.native_id]}",
                    )
                seen[post.native_id] = part.rel
                note = index.take(post)
                if note is not None:
                    join_note(post, note)
                yield post
        for note in notes:
            if not note.used:
                yield note_to_post(note, author)


def find_archives(src: Source, globals_by_file: dict[str, str]) -> list[_ArchiveDir]:
    """Group X data files by folder; a folder with a manifest or tweets is an archive."""
    dirs: dict[str, _ArchiveDir] = {}
    for rel, name in sorted(globals_by_file.items()):
        directory = str(PurePosixPath(rel).parent)
        archive = dirs.setdefault(directory, _ArchiveDir(directory))
        if name == MANIFEST_GLOBAL:
            if archive.manifest is not None:
                raise InputError(src.where(rel), f"second manifest beside {archive.manifest}")
            archive.manifest = rel
            continue
        m = _PART.match(name)
        assert m is not None  # sniff_global only returns manifest or part names
        for other in archive.parts:
            if (other.kind, other.number) == (m.group(1), int(m.group(2))):
                raise InputError(src.where(rel), f"holds {name} like {other.rel}")
        archive.parts.append(_Part(rel, m.group(1), int(m.group(2))))
    return [
        a
        for a in dirs.values()
        if a.manifest is not None or any(p.kind in _MARKERS for p in a.parts)
    ]


def open_x_exports(
    src: Source, globals_by_file: dict[str, str], owner: str | None
) -> tuple[list[XExport], set[str]]:
    """The X archives in ``src`` and every file they claim (so no other importer reads them)."""
    archives = find_archives(src, globals_by_file)
    directories = {a.directory for a in archives}
    claimed = {rel for rel in globals_by_file if str(PurePosixPath(rel).parent) in directories}
    return [XExport(src, a, owner) for a in archives], claimed
