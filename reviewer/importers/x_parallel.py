"""Big X archives converted in worker processes, returned as Arrow tables.

The main process streams each data file in chunks of whole records
(:mod:`reviewer.importers.x_stream`) and hands them to spawned workers, which
parse them and convert every tweet with the same :func:`tweet_to_post` as the
one-process path, returning Arrow tables the store inserts as they come, in
file order. Memory stays bounded: a few chunks are in flight at a time.

Only archives without note tweets take this path: joining a note to its tweet
needs every earlier tweet's claim, so those archives run in one process.
Any error is reported exactly as the one-process path reports it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from reviewer.errors import InputError
from reviewer.importers import x_stream
from reviewer.importers.batch import posts_table
from reviewer.importers.x_records import XContext, tweet_to_post

if TYPE_CHECKING:
    from reviewer.importers.x import XExport

# Below this many bytes of tweets the workers' start-up costs more than they save.
PARALLEL_FROM = 48 * 1024 * 1024

_deleted_ids: frozenset[str] = frozenset()

# What a worker returns for a chunk: ("ok", records, table), ("error", record
# number in the chunk, reason) or ("split", line, detail, truncated).
Result = tuple[Any, ...]


def _init(deleted_ids: frozenset[str]) -> None:
    global _deleted_ids
    _deleted_ids = deleted_ids


def convert(
    chunk: x_stream.Chunk, ctx: XContext, deleted: bool, skip: frozenset[str] | None = None
) -> Result:
    """Parse and convert one chunk (in a worker, or in the main process after a join).

    Tweets whose id is in ``skip`` (the deleted tweets; the worker's own set
    by default) are left out.
    """
    skip = _deleted_ids if skip is None else skip
    try:
        records = x_stream.parse_chunk(chunk)
    except x_stream.ChunkError as exc:
        return ("split", exc.line, exc.detail, exc.truncated)
    posts = []
    for i, record in enumerate(records, 1):
        try:
            post = tweet_to_post(record, i, ctx, deleted=deleted)
        except InputError as exc:
            return ("error", i, exc.reason.removeprefix(f"record {i}: "))
        if not deleted and post.native_id in skip:
            continue
        posts.append(post)
    return ("ok", len(records), posts_table(posts))


def parallel_tables(export: XExport, workers: int | None = None) -> Iterator[pa.Table] | None:
    """The archive's posts as tables converted in workers, or None where that does not apply."""
    from reviewer.importers.x import DELETED, TWEETS

    workers = workers or os.cpu_count() or 1
    if workers < 2 or export.notes():
        return None
    if os.getloadavg()[0] > workers - 1:
        # Workers only pay when cores are free: on a busy machine three processes
        # competing for its cores were a third slower than one (bench_import).
        return None
    parts = [(p, False) for p in export.parts(*TWEETS)] + [(p, True) for p in export.parts(DELETED)]
    streamed = [(p, d, export.chunks(p)) for p, d in parts]
    if any(pieces is None for _, _, pieces in streamed):
        return None  # a small or odd file: the one-process path reads it whole
    sizes = [export.size(p) for p, _ in parts]
    if sum(s or 0 for s in sizes) < PARALLEL_FROM:
        return None
    return _tables(export, streamed, workers)


def _tables(
    export: XExport,
    streamed: list[tuple[Any, bool, Iterator[x_stream.Chunk] | None]],
    workers: int,
) -> Iterator[pa.Table]:
    author = export.author()
    deleted_ids = frozenset(export.deleted_ids())
    seen: set[int | str] = set()
    # Spawned, not forked: the importing process holds a DuckDB connection and threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, _init, (deleted_ids,)) as pool:
        for part, deleted, pieces in streamed:
            assert pieces is not None
            ctx = export.context(part, author, deleted=deleted)
            count = 0
            batches = _in_order(pool, pieces, ctx, deleted, deleted_ids, workers)
            for records, table in batches:
                ids = table.column("native_id").to_pylist()
                before = len(seen)
                seen.update(int(i) if i.isascii() else i for i in ids)
                if len(seen) != before + len(ids):
                    _reraise(export)  # a tweet twice: the one-process path names it
                count += records
                yield table
            export.check_count(part, count)


def _in_order(
    pool: ProcessPoolExecutor,
    pieces: Iterator[x_stream.Chunk],
    ctx: XContext,
    deleted: bool,
    deleted_ids: frozenset[str],
    workers: int,
) -> Iterator[tuple[int, pa.Table]]:
    """(records, table) per chunk in file order; a chunk cut inside a record is joined."""
    pending: deque[tuple[x_stream.Chunk, Future[Result]]] = deque()
    offset = 0  # records before the current chunk
    carry: x_stream.Chunk | None = None
    pieces = iter(pieces)
    exhausted = False
    while True:
        while not exhausted and len(pending) < 2 * workers:  # bounded: memory stays flat
            piece = next(pieces, None)
            if piece is None:
                exhausted = True
                break
            pending.append((piece, pool.submit(convert, piece, ctx, deleted)))
        if not pending:
            return
        chunk, future = pending.popleft()
        result = future.result()
        if carry is not None:
            chunk = carry.joined(chunk)
            result = convert(chunk, ctx, deleted, deleted_ids)
        if result[0] == "split":
            if chunk.final:
                _, line, detail, truncated = result
                raise x_stream.ChunkError(line, detail, truncated).as_input_error(ctx.where)
            carry = chunk
            continue
        carry = None
        if result[0] == "error":
            _, i, reason = result
            raise InputError(ctx.where, f"record {offset + i}: {reason}")
        _, records, table = result
        offset += records
        yield records, table


def _reraise(export: XExport) -> None:
    """Run the one-process path, which raises the exact error for this archive."""
    for _ in export.posts():
        pass
    raise AssertionError("the one-process path found no error")  # pragma: no cover
