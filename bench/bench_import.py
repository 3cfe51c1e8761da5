"""Import throughput on a synthetic X archive and NDJSON file, against reference tools.

    python -m bench.bench_import -n 1000000

Measures, in one run on the same files:

* the importers alone (files → Post objects, what ``open_exports`` yields);
* the whole ``reviewer import`` path (importers + store, one transaction);
* DuckDB's own ``read_json`` loading the same NDJSON into a table, in memory
  and (like an import) into a database file, committed;
* ``twitter-to-sqlite import`` on the same archive (its ``tweets.js`` renamed
  ``tweet.js``, the only name it knows), when that tool is installed.

Prints numbers and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.generate import generate, write_ndjson, write_x_archive
from reviewer.importers import open_exports
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports


def _timed(step: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = step()
    return time.perf_counter() - start, count


def _parse_only(path: Path) -> int:
    return sum(1 for export in open_exports(path) for _ in export.posts())


def _full_import(path: Path, db: Path) -> int:
    with Store.open(db) as store:
        results = import_exports(store, read_exports([path]), imported_by="bench")
    return sum(r.posts_added for r in results)


def _duckdb_read_json(path: Path, db: Path | None = None) -> int:
    """DuckDB loading the NDJSON itself: in memory, or into a database file like an import."""
    con = duckdb.connect(str(db) if db else ":memory:")
    con.execute(
        "CREATE TABLE posts AS SELECT * FROM read_json(?, format = 'newline_delimited')",
        [str(path)],
    )
    count = con.execute("SELECT count(*) FROM posts").fetchone()
    con.close()
    return int(count[0]) if count else 0


def _twitter_to_sqlite(archive: Path, workdir: Path) -> tuple[float, int] | None:
    tool = shutil.which("twitter-to-sqlite")
    if tool is None:
        return None
    # It only knows the 2019-2022 name; the content is the same.
    old = workdir / "t2s" / "tweet.js"
    old.parent.mkdir(exist_ok=True)
    text = (archive / "data" / "tweets.js").read_text(encoding="utf-8")
    old.write_text(text.replace("YTD.tweets.part0", "YTD.tweet.part0", 1), encoding="utf-8")
    db = workdir / "t2s.db"
    start = time.perf_counter()
    subprocess.run([tool, "import", str(db), str(old)], check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    import sqlite3

    with sqlite3.connect(db) as con:
        (count,) = con.execute("SELECT count(*) FROM archive_tweet").fetchone()
    return elapsed, int(count)


def run(n: int, workdir: Path) -> list[tuple[str, float, int]]:
    """Every measurement as ``(name, seconds, posts)``."""
    records = generate(n)
    ndjson = workdir / "corpus.ndjson"
    write_ndjson(records, ndjson)
    archive = write_x_archive(records, workdir / "twitter-archive")
    del records
    rows = [
        ("ndjson: importer only", *_timed(lambda: _parse_only(ndjson))),
        ("ndjson: duckdb read_json", *_timed(lambda: _duckdb_read_json(ndjson))),
        (
            "ndjson: duckdb read_json to file",
            *_timed(lambda: _duckdb_read_json(ndjson, workdir / "r.duckdb")),
        ),
        ("ndjson: reviewer import", *_timed(lambda: _full_import(ndjson, workdir / "a.duckdb"))),
        ("x archive: importer only", *_timed(lambda: _parse_only(archive))),
        (
            "x archive: reviewer import",
            *_timed(lambda: _full_import(archive, workdir / "b.duckdb")),
        ),
    ]
    t2s = _twitter_to_sqlite(archive, workdir)
    if t2s is not None:
        rows.append(("x archive: twitter-to-sqlite", *t2s))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = run(args.n, workdir)
        sizes = {
            "ndjson": (workdir / "corpus.ndjson").stat().st_size,
            "tweets.js": (workdir / "twitter-archive" / "data" / "tweets.js").stat().st_size,
        }
    print(f"{args.n:,} posts; " + ", ".join(f"{k} {v / 1e6:,.0f} MB" for k, v in sizes.items()))
    # Other processes on a 2-core machine distort every number: say so.
    print(f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"{'measurement':32} {'seconds':>9} {'posts':>11} {'posts/s':>11}")
    for name, seconds, count in rows:
        print(f"{name:32} {seconds:9.2f} {count:11,} {count / seconds:11,.0f}")
    times = {name: seconds for name, seconds, _ in rows}
    ratios = [
        ("ndjson importer / duckdb read_json", "ndjson: importer only", "ndjson: duckdb read_json"),
        ("ndjson import / duckdb read_json", "ndjson: reviewer import", "ndjson: duckdb read_json"),
        (
            "ndjson import / read_json to file",
            "ndjson: reviewer import",
            "ndjson: duckdb read_json to file",
        ),
        (
            "x importer / twitter-to-sqlite",
            "x archive: importer only",
            "x archive: twitter-to-sqlite",
        ),
        (
            "x import / twitter-to-sqlite",
            "x archive: reviewer import",
            "x archive: twitter-to-sqlite",
        ),
    ]
    for label, ours, theirs in ratios:
        if ours in times and theirs in times:
            print(f"{label:40} {times[ours] / times[theirs]:6.2f}x the time")


if __name__ == "__main__":
    main()
