"""The flow's steps that span layers: import exports into a store, flag posts.

The CLI and the TUI call these; they hold no presentation of their own.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import Policy
from reviewer.importers import Export, open_exports
from reviewer.importers.source import ByteProgress
from reviewer.model import Flag
from reviewer.store import ImportResult, Store

Progress = Callable[[int], None]


def read_exports(
    paths: Sequence[Path],
    *,
    platform: str | None = None,
    owner: str | None = None,
    column_map: dict[str, str] | None = None,
    reading: ByteProgress | None = None,
) -> list[Export]:
    """Recognise every input before anything is written.

    ``reading`` follows the long reads this makes (a ``.tar.gz`` is walked to
    its end on opening).
    """
    exports: list[Export] = []
    for path in paths:
        exports.extend(
            open_exports(
                path, platform=platform, owner=owner, column_map=column_map, progress=reading
            )
        )
    return exports


def hash_exports(exports: Sequence[Export], reading: ByteProgress | None = None) -> None:
    """Compute every export's SHA-256 (one read of all its files), following the bytes read."""
    sizes = [export.byte_size() for export in exports]
    total = None if None in sizes else sum(s for s in sizes if s is not None)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if reading:
            reading("reading input", done, total)

    for export in exports:
        export.hash_files(step)


def import_exports(
    store: Store,
    exports: Sequence[Export],
    *,
    imported_by: str,
    progress: Progress | None = None,
    reading: ByteProgress | None = None,
) -> list[ImportResult]:
    """Import all ``exports`` in one transaction: every post of every export, or nothing.

    ``progress`` gets the number of posts read so far; ``reading`` follows
    the first read of every file, which hashes them (before any post).
    """
    results: list[ImportResult] = []
    done = 0
    hash_exports(exports, reading)

    def step(n: int) -> None:
        if progress:
            progress(done + n)

    with store.exclusive("import"), store.transaction():  # held until the commit
        for export in exports:
            result = None
            plain = export.plain_ndjson()
            if plain is not None:
                # DuckDB loads plain NDJSON itself; None sends it down the Python path.
                result = store.import_ndjson(
                    source=export.source,
                    sha256=export.sha256,
                    platform=export.platform,
                    path=plain[0],
                    source_file=plain[1],
                    imported_by=imported_by,
                    progress=step,
                )
            if result is None:
                tables = export.post_tables()
                result = store.import_posts(
                    source=export.source,
                    sha256=export.sha256,
                    platform=export.platform,
                    posts=export.posts() if tables is None else None,
                    tables=tables,
                    imported_by=imported_by,
                    progress=step,
                )
            done += result.posts_added + result.posts_unchanged
            results.append(result)
    return results


@dataclass(slots=True)
class PlatformSummary:
    """What an import command did for one platform, over all its exports."""

    platform: str
    exports: int = 0
    added: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def summarize_import(
    exports: Sequence[Export], results: Sequence[ImportResult]
) -> list[PlatformSummary]:
    """Per platform: exports, posts added, posts already present, records skipped by reason."""
    rows: dict[str, PlatformSummary] = {}
    for export, result in zip(exports, results, strict=True):
        row = rows.setdefault(result.platform, PlatformSummary(result.platform))
        row.exports += 1
        row.added += result.posts_added
        row.unchanged += result.posts_unchanged
        row.skipped.update(export.skipped)
    return sorted(rows.values(), key=lambda r: r.platform)


@dataclass(frozen=True, slots=True)
class FlagSummary:
    """What one flagging run did."""

    policy_version: str
    scanned: int
    flags: int
    flagged_posts: int


# Below this many posts a run stays in one process: starting workers costs
# about a second, more than small runs take.
PARALLEL_FROM = 50_000
# Posts per batch read from the store, sent to a worker and written back.
BATCH_SIZE = 10_000

_worker_engine: FlagEngine | None = None


def _init_worker(policy: Policy) -> None:
    global _worker_engine
    _worker_engine = FlagEngine(policy)


def _flag_in_worker(batch: pa.RecordBatch) -> list[Flag]:
    assert _worker_engine is not None
    return _worker_engine.flag_arrow(batch)


def _flag_batches(
    batches: Iterator[pa.RecordBatch], policy: Policy, workers: int
) -> Iterator[tuple[pa.RecordBatch, list[Flag]]]:
    """(batch, its flags) in order; batches run in ``workers`` processes when above one.

    Batches travel as Arrow record batches (pickled as buffers, no per-post
    objects in the parent); only the flags come back as objects.
    """
    if workers <= 1:
        engine = FlagEngine(policy)
        for batch in batches:
            yield batch, engine.flag_arrow(batch)
        return
    # Spawned, not forked: the parent holds a DuckDB connection and its threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, _init_worker, (policy,)) as pool:
        pending: deque[tuple[pa.RecordBatch, Future[list[Flag]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_flag_in_worker, batch)))
            if len(pending) > 2 * workers:  # bounded: memory stays flat on big runs
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def flag_posts(
    store: Store,
    policy: Policy,
    *,
    rescan: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> FlagSummary:
    """Flag every post not yet scanned under ``policy`` (every post with ``rescan``).

    Each batch commits on its own, so an interrupted run resumes where it
    stopped; a post's old flags are replaced, never duplicated. Big runs use
    every core (``workers`` overrides).
    """
    store.record_policy(policy.version, str(policy.path) if policy.path else None, policy.effective)
    if workers is None:
        todo = store.count_posts_to_flag(policy.version, rescan=rescan)
        workers = (os.cpu_count() or 1) if todo >= PARALLEL_FROM else 1
    scanned = n_flags = 0
    flagged: set[str] = set()
    with _lean_duckdb(store.con):
        batches = store.post_batches_to_flag(policy.version, rescan=rescan, batch_size=BATCH_SIZE)
        for batch, flags in _flag_batches(batches, policy, workers):
            store.write_flags(batch.column("post_id"), flags, policy.version)
            scanned += batch.num_rows
            n_flags += len(flags)
            flagged.update(f.post_id for f in flags)
            if progress:
                progress(scanned)
    return FlagSummary(policy.version, scanned, n_flags, len(flagged))


# While flagging, DuckDB only reads batches and writes a few rows per batch: the
# cores belong to the flag workers, and its memory stays bounded.
FLAG_DUCKDB_SETTINGS = {"threads": "1", "memory_limit": "'256MB'"}


@contextmanager
def _lean_duckdb(con: Any) -> Iterator[None]:
    """DuckDB with :data:`FLAG_DUCKDB_SETTINGS` for the block, its settings restored after."""
    old = {
        name: con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
        for name in FLAG_DUCKDB_SETTINGS
    }
    for name, value in FLAG_DUCKDB_SETTINGS.items():
        con.execute(f"SET {name} = {value}")
    try:
        yield
    finally:
        with suppress(Exception):  # an aborted transaction refuses SET; its error matters more
            for name, value in old.items():
                con.execute(
                    f"SET {name} = '{value}'" if name == "memory_limit" else f"SET {name} = {value}"
                )
