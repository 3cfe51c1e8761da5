"""The Store: one DuckDB connection and the operations the core needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from reviewer.store.connection import connect
from reviewer.store.flags import FlagsMixin
from reviewer.store.posts import ImportResult, PostsMixin
from reviewer.store.queue import QueueMixin
from reviewer.store.review import ReviewMixin

__all__ = ["ImportResult", "Store"]


class Store(PostsMixin, FlagsMixin, ReviewMixin, QueueMixin):
    """A reviewer database, opened once for the life of the process."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0

    @classmethod
    def open(
        cls, path: str | Path, *, read_only: bool = False, as_of: datetime | None = None
    ) -> Store:
        """Open (and migrate) the database at ``path``; ``as_of`` needs ``read_only``."""
        con = connect(path, read_only=read_only, as_of=as_of)
        return cls(con, str(path), read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        self.con.execute("COMMIT")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for another thread (a TUI worker) on the same database."""
        cur = self.con.cursor()
        cur.execute("SET TimeZone = 'UTC'")
        return cur
