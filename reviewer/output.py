"""Writing tabular results (query runs, listings) as table, CSV, JSON or Parquet."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

FORMATS = ("table", "csv", "json", "parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """Neutralise a cell a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S%z")
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text.replace("\r", " ").replace("\n", " ")


def render_table(names: list[str], rows: list[tuple[Any, ...]], width: int = 60) -> str:
    """A plain aligned text table, each cell on one line and cut at ``width``."""
    cells = [[_cell(v)[:width] for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render_csv(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([csv_safe(_cell(v)) if v is not None else "" for v in row])
    return buffer.getvalue()


def render_json(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    data = [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_parquet(names: list[str], rows: list[tuple[Any, ...]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {n: [row[i] for row in rows] for i, n in enumerate(names)}
    pq.write_table(pa.table(columns), path)
