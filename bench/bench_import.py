"""Import throughput on a synthetic X archive and NDJSON file, against reference tools.

    python -m bench.bench_import -n 1000000

Measures, in one run on the same files:

* the importers alone (files → Post objects, what ``open_exports`` yields);
* the whole ``reviewer import`` path (importers + store, one transaction); for
  the X archive also each of its three ways: DuckDB parsing the archive (what
  ``reviewer import`` takes for a big archive), worker processes, one process;
* DuckDB's own ``read_json`` loading the same NDJSON into a table, in memory
  and (like an import) into a database file, committed;
* ``twitter-to-sqlite import`` on the same archive (its ``tweets.js`` renamed
  ``tweet.js``, the only name it knows), when that tool is installed.

Each measurement runs in a fresh process, so its peak RSS (the largest of
the process and its workers) and CPU time (process and workers, every
thread) are its own. ``--only ndjson`` or ``--only x`` runs one input's
steps. Prints numbers and ratios; asserts nothing.

The two steps of the headline ratio, ``read_json`` into a file and the
NDJSON import, run ``--repeat`` times (3 by default) interleaved, each in its
own process after a ``sync`` and on the same warm page cache, their order
alternating; the table shows their medians (and each run) and the ratios are
ratios of medians: one run of either on a 2-core machine is noisy both ways.
Their ratio is also given run by run (each import against the ``read_json``
run beside it, which shared its load) and the median of those.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.generate import generate, write_ndjson, write_x_archive
from bench.measure import cpu_seconds
from reviewer.importers import open_exports
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports


def _timed(step: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = step()
    return time.perf_counter() - start, count


def _parse_only(path: Path) -> int:
    return sum(1 for export in open_exports(path) for _ in export.posts())


def _full_import(path: Path, db: Path, one_process: bool = False, workers: bool = False) -> int:
    exports = read_exports([path])
    if one_process:  # the pure-Python path
        for export in exports:
            export.post_tables = lambda: None  # type: ignore[method-assign]
    if workers:  # the worker path, even when the machine is busy
        from reviewer.importers import x_duck, x_parallel

        x_duck.DUCK_FROM = sys.maxsize
        x_parallel.os.getloadavg = lambda: (0.0, 0.0, 0.0)  # type: ignore[assignment]
    with Store.open(db) as store:
        results = import_exports(store, exports, imported_by="bench")
    return sum(r.posts_added for r in results)


def _reimport(path: Path, db: Path) -> int:
    """Import a file already imported: every post unchanged, nothing written but the import."""
    with Store.open(db) as store:
        results = import_exports(store, read_exports([path]), imported_by="bench")
    return sum(r.posts_unchanged for r in results)


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


def _t2s_input(archive: Path, workdir: Path) -> Path:
    """The archive's tweets as ``tweet.js``: twitter-to-sqlite only knows the 2019-2022 name."""
    old = workdir / "t2s" / "tweet.js"
    old.parent.mkdir(exist_ok=True)
    with (archive / "data" / "tweets.js").open("rb") as src, old.open("wb") as out:
        head = src.read(64)
        out.write(head.replace(b"YTD.tweets.part0", b"YTD.tweet.part0", 1))
        shutil.copyfileobj(src, out, 16 * 1024 * 1024)
    return old


def _twitter_to_sqlite(tweet_js: Path, db: Path) -> int:
    tool = shutil.which("twitter-to-sqlite")
    assert tool is not None
    subprocess.run([tool, "import", str(db), str(tweet_js)], check=True, capture_output=True)
    import sqlite3

    with sqlite3.connect(db) as con:
        (count,) = con.execute("SELECT count(*) FROM archive_tweet").fetchone()
    return int(count)


_STEPS: dict[str, Callable[[Path, Path], int]] = {
    "parse": lambda path, _: _parse_only(path),
    "read_json": lambda path, _: _duckdb_read_json(path),
    "read_json_file": _duckdb_read_json,
    "import": _full_import,
    "reimport": _reimport,
    "import_one_process": lambda path, db: _full_import(path, db, one_process=True),
    "import_workers": lambda path, db: _full_import(path, db, workers=True),
    "twitter_to_sqlite": _twitter_to_sqlite,
}


def _step(name: str, path: Path, db: Path) -> None:
    """Run one measurement in this process; print seconds, CPU, posts and peak RSS as JSON."""
    cpu = cpu_seconds()
    seconds, count = _timed(lambda: _STEPS[name](path, db))
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    # ru_maxrss is in KiB on Linux; workers count as children.
    rss = max(u.ru_maxrss for u in usage)
    cpu = cpu_seconds() - cpu  # the step's own CPU time, not the interpreter's start
    print(json.dumps({"seconds": seconds, "count": count, "rss_mb": rss / 1024, "cpu": cpu}))


def _measure(
    name: str, path: Path, db: Path, fresh: bool = False
) -> tuple[float, int, float, float]:
    """One step in a fresh process; ``fresh`` removes its database first (a repeated step)."""
    if fresh:
        for old in (db, db.with_name(db.name + ".wal")):
            old.unlink(missing_ok=True)
    # Flush what earlier steps wrote: a step never pays for another's writeback.
    os.sync()
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_import", "--step", name, str(path), str(db)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["seconds"], result["count"], result["rss_mb"], result["cpu"]


Row = tuple[str, float, int, float, float, list[float]]

# The steps run --repeat times, interleaved: the two sides of the headline ratio.
_REPEATED = ("read_json_file", "import")


def _median_row(label: str, runs: list[tuple[float, int, float, float]]) -> Row:
    """A step's row from its runs: median seconds and CPU, largest RSS, and every run's seconds."""
    return (
        label,
        statistics.median(r[0] for r in runs),
        runs[0][1],
        max(r[2] for r in runs),
        statistics.median(r[3] for r in runs),
        [r[0] for r in runs],
    )


def run(n: int, workdir: Path, only: str | None = None, repeat: int = 3) -> list[Row]:
    """Every measurement as ``(name, seconds, posts, peak RSS in MB, CPU seconds, runs)``.

    ``only`` (``"ndjson"`` or ``"x"``) runs the steps of that input alone.
    The steps in ``_REPEATED`` run ``repeat`` times, interleaved with each
    other in alternating order; their seconds and CPU are medians.
    """
    records = generate(n)
    ndjson = workdir / "corpus.ndjson"
    write_ndjson(records, ndjson)
    archive = workdir / "twitter-archive"
    if only != "ndjson":
        archive = write_x_archive(records, archive)
    del records
    steps = [
        ("ndjson: importer only", "parse", ndjson, None),
        ("ndjson: duckdb read_json", "read_json", ndjson, None),
        ("ndjson: duckdb read_json to file", "read_json_file", ndjson, "r.duckdb"),
        ("ndjson: reviewer import", "import", ndjson, "a.duckdb"),
        ("ndjson: reviewer import again", "reimport", ndjson, "a.duckdb"),
        ("x archive: importer only", "parse", archive, None),
        ("x archive: reviewer import", "import", archive, "d.duckdb"),
        ("x archive: import, workers", "import_workers", archive, "b.duckdb"),
        ("x archive: import, one process", "import_one_process", archive, "c.duckdb"),
    ]
    if only != "ndjson" and shutil.which("twitter-to-sqlite"):
        tweet_js = _t2s_input(archive, workdir)
        steps.append(("x archive: twitter-to-sqlite", "twitter_to_sqlite", tweet_js, "t.db"))
    if only:
        prefix = "ndjson:" if only == "ndjson" else "x archive:"
        steps = [step for step in steps if step[0].startswith(prefix)]
    pair = [s for s in steps if s[2] == ndjson and s[1] in _REPEATED]
    runs: dict[str, list[tuple[float, int, float, float]]] = {s[0]: [] for s in pair}
    rows: list[Row] = []
    for label, step, path, db in steps:
        if label not in runs:
            result = _measure(step, path, workdir / (db or "unused.duckdb"))
            rows.append((label, *result, [result[0]]))
        elif not runs[label]:  # the first of the pair: run both, interleaved
            for k in range(repeat):
                for label2, step2, path2, db2 in pair if k % 2 == 0 else pair[::-1]:
                    runs[label2].append(_measure(step2, path2, workdir / str(db2), fresh=True))
            rows.extend(_median_row(label2, runs[label2]) for label2, *_ in pair)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--only", choices=("ndjson", "x"), help="run the steps of one input only")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of read_json to file and the NDJSON import"
    )
    parser.add_argument("--step", nargs=3, metavar=("NAME", "PATH", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        name, path, db = args.step
        _step(name, Path(path), Path(db))
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = run(args.n, workdir, args.only, args.repeat)
        files = {
            "ndjson": workdir / "corpus.ndjson",
            "tweets.js": workdir / "twitter-archive" / "data" / "tweets.js",
        }
        sizes = {k: f.stat().st_size for k, f in files.items() if f.exists()}
    print(f"{args.n:,} posts; " + ", ".join(f"{k} {v / 1e6:,.0f} MB" for k, v in sizes.items()))
    # Other processes on a 2-core machine distort every number: say so.
    print(f"load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(
        f"{'measurement':32} {'seconds':>9} {'CPU s':>7} {'posts':>11} {'posts/s':>11}"
        f" {'peak RSS':>10}"
    )
    for name, seconds, count, rss, cpu, runs in rows:
        each = f"  median of {', '.join(f'{r:.2f}' for r in runs)}" if len(runs) > 1 else ""
        print(
            f"{name:32} {seconds:9.2f} {cpu:7.2f} {count:11,} {count / seconds:11,.0f}"
            f" {rss:7,.0f} MB{each}"
        )
    times = {name: seconds for name, seconds, _, _, _, _ in rows}
    each_run = {name: runs for name, _, _, _, _, runs in rows}
    cpus = {name: cpu for name, _, _, _, cpu, _ in rows}
    ratios = [
        ("ndjson importer / duckdb read_json", "ndjson: importer only", "ndjson: duckdb read_json"),
        ("ndjson import / duckdb read_json", "ndjson: reviewer import", "ndjson: duckdb read_json"),
        (
            "ndjson import / read_json to file",
            "ndjson: reviewer import",
            "ndjson: duckdb read_json to file",
        ),
        (
            "x import one process / workers",
            "x archive: import, one process",
            "x archive: import, workers",
        ),
        (
            "x import / one process",
            "x archive: reviewer import",
            "x archive: import, one process",
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
        (
            "x import one process / t-to-sqlite",
            "x archive: import, one process",
            "x archive: twitter-to-sqlite",
        ),
    ]
    for label, ours, theirs in ratios:
        if ours in times and theirs in times:
            print(
                f"{label:40} {times[ours] / times[theirs]:6.2f}x the time,"
                f" {cpus[ours] / cpus[theirs]:6.2f}x the CPU time"
            )
            if len(each_run[ours]) > 1 and len(each_run[ours]) == len(each_run[theirs]):
                # Each run beside its neighbour of the other step: the load they shared.
                pairs = [a / b for a, b in zip(each_run[ours], each_run[theirs], strict=True)]
                print(
                    f"{'  run by run (median)':40} {statistics.median(pairs):6.2f}x the time"
                    f" ({', '.join(f'{r:.2f}' for r in pairs)})"
                )


if __name__ == "__main__":
    main()
