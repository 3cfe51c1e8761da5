"""Team mode: a DuckLake lakehouse with its catalog in PostgreSQL and data files in a folder.

A team target reads ``ducklake:postgres:<libpq conninfo>``, e.g.
``ducklake:postgres:dbname=reviewer host=127.0.0.1``. Each process opens an
in-memory DuckDB, loads the ``ducklake`` and ``postgres`` extensions from the
pip wheels of the ``team`` extra (never from the network), attaches the lake
as ``lake`` and makes it the default catalog, so the store's SQL runs on it
unchanged.

DuckLake has no primary keys, unique or check constraints, indexes or
sequences (measured on DuckDB 1.5.5 with DuckLake 1.5.5, see
docs/architecture.md). Migrations are rewritten without them (:func:`ddl`), and
what a unique key used to guarantee is kept by the app: appends to the review
log are serialised by a PostgreSQL advisory lock (:class:`PgLock`), so two
reviewers can never give two events the same ``seq``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from reviewer.errors import InputError, StoreBusy

PREFIX = "ducklake:"
_PG_PREFIX = "ducklake:postgres:"
CATALOG = "lake"
EXTENSIONS = ("ducklake", "postgres")
INSTALL_HINT = "team mode needs the team extra: pip install 'reviewer[team]'"


class TeamTarget(str):
    """A team ``--db`` target that also carries ``--data-path`` (None: the catalog's own)."""

    data_path: str | None = None


def with_data_path(target: str, data_path: str | None) -> str:
    """``target`` carrying ``data_path``, if it is a team target; otherwise ``target``."""
    if not is_team(target):
        return target
    marked = TeamTarget(target)
    marked.data_path = data_path
    return marked


def is_team(target: object) -> bool:
    """Whether ``target`` names a DuckLake lakehouse rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(PREFIX)


def postgres_dsn(target: str) -> str:
    """The libpq conninfo of a ``ducklake:postgres:`` target."""
    if not target.startswith(_PG_PREFIX):
        raise InputError(
            "--db", "a team target must read ducklake:postgres:<conninfo> (catalog in PostgreSQL)"
        )
    return target[len(_PG_PREFIX) :].strip()


def _psycopg() -> Any:
    try:
        return importlib.import_module("psycopg")
    except ImportError:
        raise InputError("--db", INSTALL_HINT) from None


def pg_connect(dsn: str, **kwargs: Any) -> Any:
    """A psycopg connection, or an :class:`InputError` naming the target."""
    psycopg = _psycopg()
    try:
        return psycopg.connect(dsn, connect_timeout=10, **kwargs)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise InputError(f"--db {dsn}", f"cannot connect to PostgreSQL: {reason}") from None


# -- extensions -------------------------------------------------------------------


def extension_dir() -> Path:
    """Where the extension binaries from the wheels are installed for DuckDB to load."""
    configured = os.environ.get("REVIEWER_EXTENSION_DIR")
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "reviewer" / "duckdb-extensions"


def connection_config() -> dict[str, Any]:
    """DuckDB settings for a team connection: local extensions only, never a download."""
    return {
        "extension_directory": str(extension_dir()),
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """``LOAD`` ducklake and postgres, first installing them from their wheels if needed.

    The install copies the binary shipped in the ``duckdb-extension-*`` wheel
    into :func:`extension_dir` (a local file copy, no network); a lock file keeps
    parallel processes from copying at the same time.
    """
    for name in EXTENSIONS:
        try:
            con.execute(f"LOAD {name}")
            continue
        except duckdb.Error:
            pass
        try:
            from duckdb_extensions import import_extension
        except ImportError:
            raise InputError("--db", INSTALL_HINT) from None
        folder = extension_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                con.execute(f"LOAD {name}")
            except duckdb.Error:
                try:
                    import_extension(name, con=con)
                except (ImportError, ModuleNotFoundError):
                    raise InputError("--db", INSTALL_HINT) from None
                con.execute(f"LOAD {name}")


# -- the catalog ------------------------------------------------------------------


def catalog_exists(dsn: str) -> bool:
    """Whether the PostgreSQL database already holds a DuckLake catalog."""
    with pg_connect(dsn, autocommit=True) as pg:
        row = pg.execute("SELECT to_regclass('ducklake_metadata') IS NOT NULL").fetchone()
        return bool(row and row[0])


def create_database(dsn: str) -> bool:
    """Create the PostgreSQL database the conninfo names, if missing; True if created."""
    psycopg = _psycopg()
    try:
        with psycopg.connect(dsn, connect_timeout=10, autocommit=True):
            return False
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise InputError(f"--db {dsn}", f"cannot connect to PostgreSQL: {exc}") from None
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    name = params.get("dbname")
    if not name:
        raise InputError(f"--db {dsn}", "the conninfo names no dbname")
    admin = psycopg.conninfo.make_conninfo(dsn, dbname="postgres")
    with pg_connect(admin, autocommit=True) as pg:
        pg.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    return True


def open_lake(
    target: str,
    *,
    read_only: bool,
    create: bool = False,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lakehouse attached as ``lake`` and in use.

    Without ``create`` a missing catalog is an error telling to run
    ``reviewer team init``; only that command creates one.
    """
    dsn = postgres_dsn(target)
    data_path = getattr(target, "data_path", None)
    if create and not data_path:
        raise InputError("--data-path", "team init needs the shared data folder (--data-path)")
    if not create and not catalog_exists(dsn):
        raise InputError(
            f"--db {target}", "no reviewer catalog there yet (run `reviewer team init` first)"
        )
    con = duckdb.connect(":memory:", config=connection_config())
    try:
        load_extensions(con)
        options = []
        if data_path:
            folder = Path(data_path)
            if create:
                folder.mkdir(parents=True, exist_ok=True)
            elif not folder.is_dir():
                raise InputError(str(folder), "no such data folder")
            options.append(f"DATA_PATH {_literal(str(folder.resolve()) + os.sep)}")
        if read_only:
            options.append("READ_ONLY")
        clause = f" ({', '.join(options)})" if options else ""
        con.execute(f"ATTACH {_literal(_PG_PREFIX + dsn)} AS {CATALOG}{clause}")
        con.execute(f"USE {CATALOG}")
    except duckdb.Error as exc:
        con.close()
        raise InputError(f"--db {target}", f"cannot open the lakehouse: {_first(exc)}") from None
    except BaseException:
        con.close()
        raise
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _first(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- DDL without the constraints DuckLake lacks ----------------------------------------

_COMMENT = re.compile(r"--[^\n]*")
_TABLE_KEY = re.compile(r",\s*(PRIMARY\s+KEY|UNIQUE)\s*\([^)]*\)", re.IGNORECASE)
_COLUMN_KEY = re.compile(r"\s+(PRIMARY\s+KEY|UNIQUE)\b", re.IGNORECASE)
_CHECK = re.compile(r"\s*\bCHECK\s*\(", re.IGNORECASE)
_INDEX = re.compile(r"CREATE\s+(UNIQUE\s+)?INDEX\b[^;]*;?", re.IGNORECASE)


def ddl(sql: str) -> str:
    """A migration rewritten for DuckLake: no keys, unique or check constraints, indexes.

    The constraints stay in the embedded schema; in team mode the app keeps
    what they guaranteed (one writer of the log at a time, inserts that skip
    existing keys).
    """
    sql = _COMMENT.sub("", sql)
    sql = _INDEX.sub("", sql)
    sql = _TABLE_KEY.sub("", sql)
    sql = _COLUMN_KEY.sub("", sql)
    out: list[str] = []
    pos = 0
    for match in _CHECK.finditer(sql):
        if match.start() < pos:
            continue
        out.append(sql[pos : match.start()])
        depth, i = 1, match.end()
        while i < len(sql) and depth:
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            i += 1
        pos = i
    out.append(sql[pos:])
    return "".join(out)


# -- serialising writers across processes -----------------------------------------------


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for ``name``."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class PgLock:
    """Transaction-scoped PostgreSQL advisory locks on one connection of their own.

    ``hold(name)`` returns once no other process holds ``name`` and keeps it
    until the block ends; the lock goes with the PostgreSQL transaction, so a
    crashed process never leaves it held.
    """

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self._pg: Any = None

    def _connection(self) -> Any:
        if self._pg is None or self._pg.closed:
            self._pg = pg_connect(self.dsn, autocommit=True)
        return self._pg

    @contextlib.contextmanager
    def hold(self, name: str) -> Iterator[None]:
        psycopg = _psycopg()
        try:
            pg = self._connection()
            tx = pg.transaction()
            tx.__enter__()
            pg.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
        except psycopg.OperationalError:
            self.close()  # a dropped connection: one fresh try
            try:
                pg = self._connection()
                tx = pg.transaction()
                tx.__enter__()
                pg.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
            except psycopg.Error as exc:
                self.close()
                raise StoreBusy(
                    f"--db {self.dsn}", f"lost PostgreSQL, nothing recorded: {_first(exc)}"
                ) from None
        try:
            yield
        except BaseException as exc:
            with contextlib.suppress(Exception):
                tx.__exit__(type(exc), exc, exc.__traceback__)
            raise
        tx.__exit__(None, None, None)

    def close(self) -> None:
        if self._pg is not None:
            with contextlib.suppress(Exception):
                self._pg.close()
            self._pg = None


# -- maintenance -------------------------------------------------------------------------


def maintain(con: duckdb.DuckDBPyConnection, older_than: datetime) -> dict[str, int]:
    """Compact small files and expire snapshots older than ``older_than``.

    Inlined rows are flushed to Parquet, adjacent small files merged, old
    snapshots expired and the files no snapshot needs any more deleted. Rows
    are never changed: every table reads the same before and after.
    """
    snapshots_before = _count(con, f"SELECT count(*) FROM {CATALOG}.snapshots()")
    files_before = _data_files(con)
    con.execute(f"CALL ducklake_flush_inlined_data('{CATALOG}')")
    con.execute(f"CALL ducklake_merge_adjacent_files('{CATALOG}')")
    con.execute(
        f"CALL ducklake_expire_snapshots('{CATALOG}', older_than => ?)",
        [older_than],
    )
    con.execute(f"CALL ducklake_cleanup_old_files('{CATALOG}', cleanup_all => true)")
    return {
        "snapshots_before": snapshots_before,
        "snapshots_after": _count(con, f"SELECT count(*) FROM {CATALOG}.snapshots()"),
        "files_before": files_before,
        "files_after": _data_files(con),
    }


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _data_files(con: duckdb.DuckDBPyConnection) -> int:
    return _count(
        con,
        f"SELECT count(*) FROM __ducklake_metadata_{CATALOG}.ducklake_data_file "
        "WHERE end_snapshot IS NULL",
    )
