"""The Store: one DuckDB connection and the operations the core needs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

import duckdb

from reviewer.store import team
from reviewer.store.connection import connect, prepare_cursor
from reviewer.store.flags import FlagsMixin
from reviewer.store.posts import ImportResult, PostsMixin
from reviewer.store.queue import QueueMixin
from reviewer.store.review import ReviewMixin

__all__ = ["ImportResult", "Store"]


# Embedded mode: one process owns the file, so a lock per file within the
# process serialises every writer of the review log (threads included).
_LOCAL_LOCKS: dict[tuple[str, str], threading.RLock] = {}
_LOCAL_LOCKS_GUARD = threading.Lock()


def _local_lock(path: str, name: str) -> threading.RLock:
    key = (str(Path(path).resolve()) if path != ":memory:" else path, name)
    with _LOCAL_LOCKS_GUARD:
        return _LOCAL_LOCKS.setdefault(key, threading.RLock())


class Store(PostsMixin, FlagsMixin, ReviewMixin, QueueMixin):
    """A reviewer database, opened once for the life of the process.

    The database is a DuckDB file (embedded mode) or a DuckLake lakehouse with
    its catalog in PostgreSQL (team mode, ``ducklake:postgres:...``); the SQL
    is the same, and ``team`` says which one this is.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: str,
        *,
        read_only: bool,
        as_of: datetime | None = None,
    ) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self.as_of = as_of
        self.team = team.is_team(path)
        self._depth = 0
        self._pg_lock: team.PgLock | None = None

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        as_of: datetime | None = None,
        create: bool = False,
    ) -> Store:
        """Open (and migrate) the database at ``path``; ``as_of`` needs ``read_only``.

        ``create`` creates a team lakehouse's catalog (``reviewer team init``).
        """
        con = connect(path, read_only=read_only, as_of=as_of, create=create)
        target = path if isinstance(path, str) else str(path)
        return cls(con, target, read_only=read_only, as_of=as_of)

    def close(self) -> None:
        if self._pg_lock is not None:
            self._pg_lock.close()
        self.con.close()

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold the writers' lock ``name`` across every process using this database.

        Team mode: a PostgreSQL advisory lock, so reviewers on other machines
        wait; embedded mode: a lock within this process (DuckDB lets only one
        process write a file). The review log appends under ``"review_events"``,
        imports under ``"import"``. Nested holds of one name by one holder are fine.
        """
        if not self.team:
            with _local_lock(self.path, name):
                yield
            return
        if self._pg_lock is None:
            self._pg_lock = team.PgLock(team.postgres_dsn(self.path))
        with self._pg_lock.hold(f"reviewer.{name}"):
            yield

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def retryable(exc: BaseException) -> bool:
        """Whether ``exc`` is a passing write conflict, worth trying the transaction again.

        DuckLake reports a lost commit race as a TransactionException (``Failed
        to commit``, ``Transaction conflict``); DuckDB does so for two cursors
        writing the same rows.
        """
        return isinstance(exc, duckdb.TransactionException) or (
            isinstance(exc, duckdb.Error) and "conflict" in str(exc).lower()
        )

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One atomic unit of work; nested use joins the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self.con
        except BaseException:
            self._depth = 0
            self.con.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.con.execute("COMMIT")
        except BaseException:
            # A failed commit (a lakehouse write conflict) rolls back; make sure.
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for another thread (a TUI worker) on the same database.

        It sees what the store sees: the lakehouse in team mode, the past
        review log with ``as_of``.
        """
        return prepare_cursor(self.con.cursor(), team_mode=self.team, as_of=self.as_of)
