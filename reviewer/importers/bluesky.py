"""Bluesky repository export (``repo.car``): posts and reposts from the record tree.

A CAR v1 file of DAG-CBOR blocks, read as a stream (:mod:`bluesky_car`) and
decoded with libipld; only the tree and the post and repost blocks are kept. The records are
found by walking the Merkle search tree from the commit named in the header,
never by taking every block: a CAR can also hold old commits and records
deleted since, which must stay out. Record keys (the ``rkey`` in a post's
address) exist only in the tree. The repository names its account by DID;
the handle is not in it (``--owner`` sets one).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import libipld

from reviewer.errors import InputError
from reviewer.importers.bluesky_car import CarError, decode, read_car
from reviewer.importers.bluesky_records import post_record, repost_record
from reviewer.importers.common import FilesExport, RecordError, folder_of
from reviewer.importers.sniff import Scan
from reviewer.importers.source import Source
from reviewer.model import Post

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
# A repository holds millions of records at most; a deeper walk is a loop.
_MAX_NODES = 50_000_000


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data) and shift < 64:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise ValueError("bad varint")


def is_car(head: bytes) -> bool:
    """Whether bytes start like a CAR v1 file: a length, then a CBOR map with roots and version."""
    try:
        size, pos = _varint(head, 0)
    except ValueError:
        return False
    header = head[pos : pos + size]
    return (
        8 < size < 4096
        and header[:1] in (b"\xa2", b"\xa3")
        and b"roots" in header
        and b"version" in header
    )


def _cid(value: Any) -> str:
    try:
        return libipld.encode_cid(value) if isinstance(value, bytes) else str(value)
    except Exception:  # a malformed CID in a hostile file: show its bytes
        return base64.b32encode(value).decode("ascii").lower() if isinstance(value, bytes) else ""


def jsonable(value: Any) -> Any:
    """A decoded DAG-CBOR value as JSON: CIDs become ``{"$link"}``, other bytes ``{"$bytes"}``."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        if value[:2] in (b"\x01q", b"\x01U"):
            return {"$link": _cid(value)}
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    return value


class BlueskyExport(FilesExport):
    """One repository export (a ``.car`` file)."""

    platform = "bluesky"

    def __init__(self, src: Source, rel: str, owner: str | None) -> None:
        super().__init__(src, folder_of(rel), [rel], [])
        self._owner = owner

    def _load(self) -> tuple[dict[str, Any], dict[bytes, bytes], dict[bytes, bytes]]:
        """The commit, the tree's blocks and the post and repost blocks, read as a stream."""
        rel = self.main[0]
        where = self._src.where(rel)
        with self._src.reading(rel) as fh:
            try:
                header, tree, records = read_car(fh)
            except CarError as exc:
                raise InputError(where, f"not a readable repository: {exc}") from exc
        roots = header.get("roots") if isinstance(header, dict) else None
        if not isinstance(roots, list) or not roots or roots[0] not in tree:
            raise InputError(where, "the repository's commit block is missing")
        commit = decode(tree[roots[0]])
        if not isinstance(commit, dict) or not isinstance(commit.get("did"), str):
            raise InputError(where, "the root block is not a repository commit")
        return commit, tree, records

    def _walk(self, root: Any, blocks: dict[bytes, Any]) -> Iterator[tuple[str, Any]]:
        """``(record key, record CID)`` in key order, from the tree rooted at ``root``."""
        where = self._src.where(self.main[0])
        stack: list[tuple[str, Any]] = [("node", root)]
        seen: set[bytes] = set()
        while stack:
            what, value = stack.pop()
            if what == "leaf":
                yield value
                continue
            if value is None:
                continue
            if not isinstance(value, bytes) or value in seen or len(seen) > _MAX_NODES:
                raise InputError(where, "the record tree is malformed (a loop or a bad link)")
            seen.add(value)
            data = blocks.get(value)
            node = decode(data) if data is not None else None
            if not isinstance(node, dict) or not isinstance(node.get("e", []), list):
                raise InputError(where, f"record tree node {_cid(value)} is missing or malformed")
            work: list[tuple[str, Any]] = [("node", node.get("l"))]
            key = b""
            for entry in node.get("e") or []:
                if not isinstance(entry, dict) or not isinstance(entry.get("k"), bytes):
                    raise InputError(where, f"record tree node {_cid(value)} has a bad entry")
                prefix = entry.get("p") if isinstance(entry.get("p"), int) else 0
                key = key[:prefix] + entry["k"]
                work.append(("leaf", (key.decode("utf-8", "replace"), entry.get("v"))))
                work.append(("node", entry.get("t")))
            stack.extend(reversed(work))

    def posts(self) -> Iterator[Post]:
        """Posts (and replies, quotes) and reposts; other records are counted as skipped."""
        commit, tree, records = self._load()
        did = commit["did"]
        author = self._owner or did
        rel = self.main[0]
        for key, cid in self._walk(commit.get("data"), tree):
            collection, _, rkey = key.partition("/")
            if collection not in (POST, REPOST):
                self.skipped[collection] += 1
                continue
            data = records.get(cid) if isinstance(cid, bytes) else None
            record = decode(data) if data is not None else None
            if not isinstance(record, dict):
                raise self.fail(rel, key, "record block is missing")
            try:
                mapper = post_record if collection == POST else repost_record
                post = mapper(record, did, rkey, author, self.rel(rel))
            except RecordError as exc:
                raise self.fail(rel, key, str(exc)) from exc
            post.raw = {"uri": f"at://{did}/{key}", "cid": _cid(cid), "record": jsonable(record)}
            yield post


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[BlueskyExport], set[str]]:
    """Repository exports: files starting with a CAR v1 header."""
    exports = [BlueskyExport(scan.src, rel, owner) for rel in scan.files if is_car(scan.head(rel))]
    return exports, {e.main[0] for e in exports}
