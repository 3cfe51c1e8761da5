"""Opening the database: locking, read-only mode and schema migrations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from reviewer.errors import DatabaseInUse, InputError, SchemaTooNew
from reviewer.store import team

_LOCK_PID = re.compile(r"PID (\d+)")


def _migrations() -> list[tuple[int, str]]:
    """The packaged migrations as (version, sql), oldest first."""
    folder = resources.files("reviewer.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


MIGRATIONS = _migrations()
SCHEMA_VERSION = MIGRATIONS[-1][0]


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    as_of: datetime | None = None,
    create: bool = False,
) -> duckdb.DuckDBPyConnection:
    """Open the database (a DuckDB file or a team lakehouse), with clear errors.

    Read-write connections migrate the schema to the current version. A
    database written by a newer reviewer is refused, never downgraded.
    ``as_of`` (read-only only) shows the review log, and so ``review_state``,
    as it was at that moment: the log is append-only, so this is exact.
    ``create`` (team targets only) creates the lakehouse catalog.
    """
    if as_of is not None and not read_only:
        raise ValueError("as_of needs a read-only connection")
    if team.is_team(path):
        return _connect_team(str(path), path, read_only=read_only, as_of=as_of, create=create)
    target = str(path)
    if read_only and target != ":memory:" and not Path(target).exists():
        raise InputError(target, "no such database (import something first)")
    config = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    try:
        con = duckdb.connect(target, read_only=read_only, config=config)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            match = _LOCK_PID.search(message)
            pid = match.group(1) if match else "unknown"
            raise DatabaseInUse(target, f"in use by another reviewer process (pid {pid})") from None
        raise InputError(target, f"cannot open database: {message.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise InputError(target, f"not a reviewer database: {str(exc).splitlines()[0]}") from None
    _session(con)
    _check_version(con, target, migrate=not read_only)
    if as_of is not None:
        _travel_to(con, as_of)
    return con


def _connect_team(
    target: str,
    marked: object,
    *,
    read_only: bool,
    as_of: datetime | None,
    create: bool,
) -> duckdb.DuckDBPyConnection:
    """Open a lakehouse; read-write opens migrate under a team-wide lock."""
    con = team.open_lake(
        marked if isinstance(marked, str) else target, read_only=read_only, create=create
    )
    try:
        _session(con)
        if read_only or schema_version(con) == SCHEMA_VERSION:
            _check_version(con, target, migrate=False)
        else:
            lock = team.PgLock(team.postgres_dsn(target))
            try:
                with lock.hold("reviewer.migrate"):
                    _check_version(con, target, migrate=True, rewrite=team.ddl)
            finally:
                lock.close()
        if as_of is not None:
            _travel_to(con, as_of)
    except BaseException:
        con.close()
        raise
    return con


def _session(con: duckdb.DuckDBPyConnection) -> None:
    """Per-connection settings: UTC, and no progress bar drawn over the TUI or CLI output."""
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = false")


def prepare_cursor(
    cur: duckdb.DuckDBPyConnection, *, team_mode: bool, as_of: datetime | None
) -> duckdb.DuckDBPyConnection:
    """Give a new cursor what its connection had: UTC, the lakehouse in use, ``as_of``.

    A DuckDB cursor is a connection of its own: ``USE`` and temporary views
    do not carry over to it.
    """
    _session(cur)
    if team_mode:
        cur.execute(f"USE {team.CATALOG}")
    if as_of is not None:
        _travel_to(cur, as_of)
    return cur


def _travel_to(con: duckdb.DuckDBPyConnection, as_of: datetime) -> None:
    """Shadow ``review_events`` with the events up to ``as_of``.

    A temporary view comes first on the search path, so the views built on
    the log (``review_effective_events``, ``review_state``) and every query
    see the log as it was then. Nothing is written to the database.
    """
    row = con.execute("SELECT current_database()").fetchone()
    catalog = str(row[0]).replace('"', '""') if row else "memory"
    con.execute(
        f'CREATE TEMP VIEW review_events AS SELECT * FROM "{catalog}".main.review_events '
        f"WHERE occurred_at <= TIMESTAMPTZ '{as_of.astimezone(UTC).isoformat()}'"
    )


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database, 0 for an empty one."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
        "AND table_catalog = current_database() AND table_schema = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def _check_version(
    con: duckdb.DuckDBPyConnection,
    target: str,
    *,
    migrate: bool,
    rewrite: Callable[[str], str] = lambda sql: sql,
) -> None:
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        con.close()
        raise SchemaTooNew(
            target,
            f"written by a newer reviewer (schema version {current}, this reviewer knows "
            f"up to {SCHEMA_VERSION}); upgrade reviewer to open it",
        )
    if current == SCHEMA_VERSION or not migrate:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            rewrite(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            )
        )
        for version, sql in MIGRATIONS:
            if version > current:
                con.execute(rewrite(sql))
                con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [version])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
