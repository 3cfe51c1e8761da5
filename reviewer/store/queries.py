"""Saved queries: plain .sql files with a comment header, run read-only.

Header lines, before the SQL::

    -- title: Flagged posts not yet reviewed
    -- description: ...
    -- param: min_severity text = info : lowest severity to list

Parameters are bound by name (``$min_severity``), never spliced into the SQL.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from reviewer.errors import InputError
from reviewer.store.connection import connect

_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>\w+)\s*=\s*(?P<default>[^:]*?)\s*:\s*(?P<desc>.*)$"
)
# Rows fetched at a time by run_read_only (cancellation is checked between).
FETCH_CHUNK = 10_000
_TYPES = ("text", "integer", "number", "boolean", "date", "timestamp")


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    type: str
    default: str
    description: str

    def convert(self, value: str) -> Any:
        """The typed value of ``value``, or an error naming the parameter."""
        try:
            match self.type:
                case "integer":
                    return int(value)
                case "number":
                    return float(value)
                case "boolean":
                    lowered = value.lower()
                    if lowered not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError(value)
                    return lowered in ("true", "1", "yes")
                case "date":
                    return date.fromisoformat(value)
                case "timestamp":
                    return datetime.fromisoformat(value)
                case _:
                    return value
        except ValueError:
            raise InputError(f"-p {self.name}", f"{value!r} is not a valid {self.type}") from None


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    path: Path
    title: str
    description: str
    sql: str
    params: list[QueryParam] = field(default_factory=list)

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """Typed values for every parameter: given ones, else defaults."""
        known = {p.name for p in self.params}
        for name in given:
            if name not in known:
                allowed = ", ".join(sorted(known)) or "none"
                raise InputError(f"-p {name}", f"{self.name} has no such parameter ({allowed})")
        return {p.name: p.convert(given.get(p.name, p.default)) for p in self.params}


def parse_query(path: Path) -> SavedQuery:
    """Read one saved query and its header."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("--"):
            if line.strip():
                break
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if not match or match["type"] not in _TYPES:
                raise InputError(
                    str(path),
                    f"line {number}: param must read 'name type = default : description' "
                    f"with type one of {', '.join(_TYPES)}",
                )
            params.append(QueryParam(match["name"], match["type"], match["default"], match["desc"]))
        elif key in ("title", "description"):
            meta[key] = (meta.get(key, "") + " " + value).strip()
    if "title" not in meta:
        raise InputError(str(path), "line 1: the header needs a '-- title:' line")
    return SavedQuery(path.stem, path, meta["title"], meta.get("description", ""), text, params)


def load_queries(*folders: Path) -> dict[str, SavedQuery]:
    """Saved queries by name; a later folder overrides an earlier one."""
    found: dict[str, SavedQuery] = {}
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.sql")):
                found[path.stem] = parse_query(path)
    return found


def run_sql(
    db: str | Path,
    sql: str,
    params: dict[str, Any] | None = None,
    *,
    as_of: datetime | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run SQL on a read-only connection; a statement that writes is refused."""
    con = connect(db, read_only=True, as_of=as_of)
    try:
        cur = con.execute(sql, params or {})
        names = [d[0] for d in cur.description] if cur.description else []
        return names, cur.fetchall() if names else []
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "read-only" in first.lower() or "read only" in first.lower():
            raise InputError("query", f"refused: queries are read-only ({first})") from None
        raise InputError("query", first) from None
    finally:
        con.close()


def result_sha256(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    """SHA-256 over the column names and rows as canonical JSON lines."""
    digest = hashlib.sha256()
    digest.update(json.dumps(names, ensure_ascii=False).encode("utf-8"))
    for row in rows:
        digest.update(b"\n")
        digest.update(
            json.dumps(list(row), ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
        )
    return digest.hexdigest()


def record_run(
    db: str | Path,
    *,
    reviewer: str,
    query_name: str,
    sql: str,
    params: dict[str, Any],
    names: list[str],
    rows: list[tuple[Any, ...]],
) -> str:
    """Append a ``query_runs`` row for a finished run on its own connection."""
    con = connect(db)
    try:
        return record_run_on(
            con,
            reviewer=reviewer,
            query_name=query_name,
            sql=sql,
            params=params,
            names=names,
            rows=rows,
        )
    finally:
        con.close()


def single_select(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The one SELECT statement in ``sql``, or an :class:`InputError` saying why not."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise InputError("query", str(exc).splitlines()[0]) from None
    if len(statements) != 1:
        raise InputError("query", f"refused: expected one statement, found {len(statements)}")
    statement = statements[0]
    if statement.type != duckdb.StatementType.SELECT:
        kind = statement.type.name.lower()
        raise InputError("query", f"refused: queries are read-only (this is a {kind} statement)")
    return statement


def run_read_only(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: dict[str, Any],
    *,
    cancelled: Any = lambda: False,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one SELECT on ``con`` inside a transaction that is always rolled back.

    ``params`` are bound by name; only the ones the statement names are passed.
    ``cancelled()`` is asked between chunks of rows; a cancelled run returns
    what it fetched so far (the caller drops it).
    """
    statement = single_select(con, sql)
    wanted = set(statement.named_parameters)
    missing = sorted(wanted - set(params))
    if missing:
        raise InputError("query", f"no value for ${', $'.join(missing)}")
    bound = {name: value for name, value in params.items() if name in wanted}
    con.execute("BEGIN TRANSACTION")
    try:
        cur = con.execute(statement, bound) if bound else con.execute(statement)
        names = [d[0] for d in cur.description] if cur.description else []
        rows: list[tuple[Any, ...]] = []
        while names and not cancelled():
            chunk = cur.fetchmany(FETCH_CHUNK)
            if not chunk:
                break
            rows.extend(chunk)
        return names, rows
    except duckdb.Error as exc:
        raise InputError("query", str(exc).splitlines()[0]) from None
    finally:
        con.execute("ROLLBACK")


def record_run_on(
    con: duckdb.DuckDBPyConnection,
    *,
    reviewer: str,
    query_name: str,
    sql: str,
    params: dict[str, Any],
    names: list[str],
    rows: list[tuple[Any, ...]],
) -> str:
    """Append a ``query_runs`` row on ``con``; returns the result hash."""
    digest = result_sha256(names, rows)
    con.execute(
        "INSERT INTO query_runs (run_id, ran_at, reviewer, query_name, sql_sha256, params, "
        "row_count, result_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            uuid.uuid4().hex[:16],
            datetime.now(UTC),
            reviewer,
            query_name,
            hashlib.sha256(sql.encode("utf-8")).hexdigest(),
            json.dumps(params, ensure_ascii=False, sort_keys=True, default=str),
            len(rows),
            digest,
        ],
    )
    return digest


def queries_markdown(queries: dict[str, SavedQuery]) -> str:
    """``docs/queries.md``: the saved queries, generated from their headers."""
    lines = [
        "# Saved queries",
        "",
        "Generated from the headers of `queries/*.sql` (`reviewer query docs`); do not edit by",
        "hand. Run one with `reviewer query run NAME [-p KEY VALUE]...`; every parameter has a",
        "default. Queries run on a read-only connection.",
        "",
    ]
    for q in sorted(queries.values(), key=lambda q: q.name):
        lines += [f"## `{q.name}`: {q.title}", "", q.description or "(no description)", ""]
        if q.params:
            lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            lines += [
                f"| `{p.name}` | {p.type} | `{p.default}` | {p.description} |" for p in q.params
            ]
            lines.append("")
    return "\n".join(lines)
