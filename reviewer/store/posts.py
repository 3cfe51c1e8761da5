"""Writing imports and posts; reading single posts."""

from __future__ import annotations

import gc
import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from reviewer.importers.batch import posts_table
from reviewer.model import Post
from reviewer.store import ndjson_load

if TYPE_CHECKING:
    from reviewer.store.db import Store

BATCH = 20_000


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What one export added to the database."""

    import_id: str
    source: str
    platform: str
    posts_added: int
    posts_unchanged: int


def text_sha256(text: str) -> str:
    """The hash that review decisions record of the text they judged."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import runs.

    An import allocates millions of short-lived, acyclic objects (records,
    posts, column lists); each burst of allocations made the collector walk
    every live object again, a large share of an import's time. Reference
    counting still frees them as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _single_threaded(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB on one thread while an import writes, its setting restored after.

    Python reads and converts posts on one core while DuckDB inserts; DuckDB's
    own worker threads then only compete with it. On the 2-core bench machine
    one thread made inserting a million posts and committing about twice as
    fast, in CPU time as well as wall time.
    """
    row = con.execute("SELECT current_setting('threads')").fetchone()
    threads = int(row[0]) if row else 1
    con.execute("SET threads = 1")
    try:
        yield
    except BaseException:
        # An aborted transaction refuses SET until rolled back; the error that
        # aborted it matters more than the setting.
        with suppress(duckdb.Error):
            con.execute(f"SET threads = {threads}")
        raise
    con.execute(f"SET threads = {threads}")


def _chunks(posts: Iterable[Post], size: int) -> Iterator[list[Post]]:
    batch: list[Post] = []
    for post in posts:
        batch.append(post)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class PostsMixin:
    """Import writing: one export, one transaction, no duplicates."""

    def import_posts(
        self: Store,
        *,
        source: str,
        sha256: str,
        platform: str,
        posts: Iterable[Post] | None = None,
        tables: Iterable[pa.Table] | None = None,
        imported_by: str,
        progress: Callable[[int], None] | None = None,
    ) -> ImportResult:
        """Write one export atomically: all of its posts, or nothing.

        The posts come one by one (``posts``) or already as Arrow tables of
        :data:`~reviewer.importers.batch.POST_SCHEMA` (``tables``, built in
        worker processes). Posts already in the database (same ``post_id``)
        are left as they were, so tags and decisions on them survive a
        re-import.
        """
        if tables is None:
            tables = (posts_table(batch) for batch in _chunks(posts or (), BATCH))
        import_id = uuid.uuid4().hex[:16]
        seen = added = 0
        with (
            # Team mode has no primary key to stop two importers adding one post twice.
            self.exclusive("import"),
            self.transaction() as con,
            _single_threaded(con),
            _gc_paused(),
            ThreadPoolExecutor(1) as writer,
        ):
            con.execute(
                "INSERT INTO imports (import_id, source, sha256, platform, started_at, "
                "imported_by) VALUES (?, ?, ?, ?, ?, ?)",
                [import_id, source, sha256, platform, datetime.now(UTC), imported_by],
            )
            # DuckDB inserts one batch on the writer thread (it releases the GIL)
            # while this thread reads and converts the next; at most one batch is
            # in flight and batches are written in order.
            pending: Future[int] | None = None
            try:
                for table in tables:
                    if pending is not None:
                        added += pending.result()
                    pending = writer.submit(self._insert_batch, import_id, table)
                    seen += table.num_rows
                    if progress:
                        progress(seen)
                if pending is not None:
                    added += pending.result()
            finally:
                if pending is not None:
                    # A failed read still waits for the write in flight, so the
                    # rollback never races it.
                    pending.exception()
            con.execute(
                "UPDATE imports SET finished_at = ?, posts_added = ?, posts_unchanged = ? "
                "WHERE import_id = ?",
                [datetime.now(UTC), added, seen - added, import_id],
            )
        return ImportResult(import_id, source, platform, added, seen - added)

    def import_ndjson(
        self: Store,
        *,
        source: str,
        sha256: str,
        platform: str,
        path: Path,
        source_file: str,
        imported_by: str,
        progress: Callable[[int], None] | None = None,
    ) -> ImportResult | None:
        """Write a generic NDJSON file loaded by DuckDB itself (see :mod:`ndjson_load`).

        Returns None, having written nothing, when the file holds a record
        only the Python importer reads (or reports): the caller imports it
        through :meth:`import_posts` then. Same guarantees: one transaction,
        posts already stored left as they were.
        """
        try:
            staged = ndjson_load.stage(self.con, path, source_file)
        except ndjson_load.NotPlain:
            return None
        total = staged.total
        import_id = uuid.uuid4().hex[:16]
        with staged, self.transaction() as con:
            con.execute(
                "INSERT INTO imports (import_id, source, sha256, platform, started_at, "
                "imported_by) VALUES (?, ?, ?, ?, ?, ?)",
                [import_id, source, sha256, platform, datetime.now(UTC), imported_by],
            )
            # DuckDB would draw its own progress bar on a long insert.
            row = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()
            con.execute("SET enable_progress_bar = false")
            added = ndjson_load.insert(con, staged, import_id)
            con.execute(f"SET enable_progress_bar = {bool(row and row[0])}")
            con.execute(
                "UPDATE imports SET finished_at = ?, posts_added = ?, posts_unchanged = ? "
                "WHERE import_id = ?",
                [datetime.now(UTC), added, total - added, import_id],
            )
        if progress:
            progress(total)
        return ImportResult(import_id, source, platform, added, total - added)

    def _insert_batch(self: Store, import_id: str, incoming: pa.Table) -> int:
        """Insert the posts of ``incoming`` not yet stored; returns how many were new."""
        con = self.con
        # A batch with one row per post (every X batch) skips DISTINCT ON: hashing
        # whole rows, raw JSON included, cost a tenth of an insert.
        ids = incoming.column("post_id")
        rows = "incoming_posts"
        if pc.count_distinct(ids, mode="all").as_py() != len(ids):
            rows = "(SELECT DISTINCT ON (post_id) * FROM incoming_posts)"
        con.register("incoming_posts", incoming)
        try:
            row = con.execute(
                f"""
                INSERT INTO posts (post_id, platform, native_id, kind, author, created_at, text,
                    url, lang, media, reply_to, import_id, source_file, created_at_raw,
                    tz_assumed, content_warning, text_sha256, raw)
                SELECT post_id, platform, native_id, kind, author, created_at, text, url, lang,
                    media, reply_to, ?, source_file, created_at_raw, tz_assumed, content_warning,
                    sha256(text), raw
                FROM {rows} i
                WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.post_id = i.post_id)
                """,
                [import_id],
            ).fetchone()
        finally:
            con.unregister("incoming_posts")
        return int(row[0]) if row else 0

    def post(self: Store, post_id: str) -> dict[str, Any] | None:
        """One post with its columns, or None."""
        cur = self.con.execute("SELECT * FROM posts WHERE post_id = ?", [post_id])
        row = cur.fetchone()
        if row is None:
            return None
        names = [d[0] for d in cur.description]
        return dict(zip(names, row, strict=True))

    def imports(self: Store) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM imports ORDER BY started_at")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
