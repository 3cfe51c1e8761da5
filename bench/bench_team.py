"""Tag latency and throughput with 1, 2 and 4 concurrent reviewers, embedded and team mode.

    python -m bench.bench_team [--actions 250] [--pg "host=127.0.0.1 port=5432 user=postgres"]

Each reviewer tags and untags posts of one queue through the review service
(``ReviewService.tag``/``untag``: the same path as ``reviewer tag`` and the TUI),
``--actions`` times. Latency is measured around each call, from the first try
to the commit (a retry inside the service counts in it); throughput is all
actions over the wall time of the run.

* Team mode: each reviewer is a separate process (spawned) with its own
  connection to a fresh lakehouse (a new PostgreSQL database, dropped after).
* Embedded mode: DuckDB lets one process write a file, so concurrent reviewers
  are threads of one process, each on its own cursor; the review log's writer
  lock serialises their appends, as it does for TUI workers.

After each run the log is checked: as many events as acknowledged actions, one
unbroken seq, and the hash chain verifies. Prints numbers and the targets
(embedded p99 < 10 ms, printed per reviewer count since a DuckDB file has one
writing process; team p99 < 250 ms with 4 reviewers); asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reviewer.errors import StoreBusy
from reviewer.model import Post
from reviewer.review import ReviewService
from reviewer.store import Store

QUEUE = 50  # posts in the queue the reviewers share
TARGETS_MS = {"embedded": 10.0, "team": 250.0}


def _posts() -> list[Post]:
    return [
        Post(
            platform="x",
            native_id=str(1000 + i),
            kind="post",
            author="bench",
            created_at=datetime(2025, 3, 1, tzinfo=UTC),
            text=f"bench post {i} about Projekt Polarstern",
        )
        for i in range(QUEUE)
    ]


def _fill(store: Store) -> None:
    store.import_posts(
        source="bench", sha256="0" * 64, platform="x", posts=_posts(), imported_by="bench"
    )


def _reviewer(
    target: str, name: str, actions: int, start: float, shared: Store | None = None
) -> dict[str, Any]:
    """One reviewer's tags; returns latencies (ms) and how often it had to try again."""
    store = Store(shared.cursor(), shared.path, read_only=False) if shared else Store.open(target)
    latencies: list[float] = []
    busy = 0
    try:
        svc = ReviewService(store, name)
        posts = [f"x:{1000 + i}" for i in range(QUEUE)]
        while time.time() < start:
            time.sleep(0.001)
        for i in range(actions):
            post = posts[(i // 2) % QUEUE]
            t0 = time.perf_counter()
            while True:
                try:
                    if i % 2 == 0:
                        svc.tag(post, name)
                    else:
                        svc.untag(post, name)
                    break
                except StoreBusy:
                    busy += 1
            latencies.append((time.perf_counter() - t0) * 1000)
    finally:
        if shared is None:
            store.close()
    return {"latencies": latencies, "busy": busy}


def _check(target: str, expected: int) -> str:
    with Store.open(target, read_only=True) as store:
        seqs = [e["seq"] for e in store.events()]
        result = ReviewService(store, "bench").verify()
    if len(seqs) != expected or seqs != list(range(1, expected + 1)):
        return f"LOG WRONG ({len(seqs)} events, {expected} acknowledged)"
    return "chain ok" if result.ok else f"CHAIN BROKEN at {result.bad_seq}"


def _run(mode: str, target: str, reviewers: int, actions: int) -> dict[str, Any]:
    done_before = 0
    with Store.open(target, read_only=True) as store:
        done_before = sum(1 for _ in store.events())
    if mode == "team":
        start = time.time() + 6.0  # spawned processes import and connect first
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(reviewers, mp_context=ctx) as pool:
            futures = [
                pool.submit(_reviewer, target, f"r{k}", actions, start) for k in range(reviewers)
            ]
            results = [f.result() for f in futures]
    else:
        with Store.open(target) as shared, ThreadPoolExecutor(reviewers) as pool:
            start = time.time() + 0.2
            futures = [
                pool.submit(_reviewer, target, f"r{k}", actions, start, shared)
                for k in range(reviewers)
            ]
            results = [f.result() for f in futures]
    wall = time.time() - start
    latencies = sorted(x for r in results for x in r["latencies"])
    total = len(latencies)
    return {
        "mode": mode,
        "reviewers": reviewers,
        "actions": total,
        "ops_s": total / wall,
        "p50": statistics.median(latencies),
        "p99": latencies[min(total - 1, int(total * 0.99))],
        "max": latencies[-1],
        "busy": sum(r["busy"] for r in results),
        "check": _check(target, done_before + total),
    }


def _team_target(pg: str, workdir: Path) -> tuple[str, Any]:
    import psycopg

    from reviewer.store.team import with_data_path

    name = f"reviewer_bench_{os.getpid()}"
    admin = psycopg.connect(pg + " dbname=postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    target = with_data_path(f"ducklake:postgres:{pg} dbname={name}", str(workdir / "lake"))
    with Store.open(target, create=True) as store:
        _fill(store)

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return target, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=250, help="tags per reviewer")
    parser.add_argument(
        "--pg",
        default=os.environ.get("REVIEWER_TEST_PG", "host=127.0.0.1 port=5432 user=postgres"),
        help="PostgreSQL conninfo (without dbname) for the team lakehouse",
    )
    parser.add_argument("--modes", default="embedded,team")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for mode in args.modes.split(","):
            if mode == "team":
                target, cleanup = _team_target(args.pg, workdir)
            else:
                target = str(workdir / "bench.duckdb")
                with Store.open(target) as store:
                    _fill(store)
                cleanup = None
            try:
                for reviewers in (1, 2, 4):
                    row = _run(mode, target, reviewers, args.actions)
                    rows.append(row)
                    print(
                        f"{row['mode']:<9} {row['reviewers']} reviewer(s) x {args.actions}: "
                        f"{row['ops_s']:7.1f} tags/s  p50 {row['p50']:7.1f} ms  "
                        f"p99 {row['p99']:7.1f} ms  max {row['max']:7.1f} ms  "
                        f"retried {row['busy']}  {row['check']}",
                        flush=True,
                    )
            finally:
                if cleanup:
                    cleanup()
    print()
    # The embedded target is read per reviewer count: a DuckDB file has one writing process,
    # so one reviewer is the embedded mode's own case; more are threads queueing on one writer.
    for row in rows:
        limit = TARGETS_MS[row["mode"]]
        if row["mode"] == "team" and row["reviewers"] != 4:
            continue
        verdict = "met" if row["p99"] < limit else "MISSED"
        print(
            f"target {row['mode']} p99 < {limit:g} ms, {row['reviewers']} reviewer(s): "
            f"{row['p99']:.1f} ms, {verdict}"
        )
    by = {(r["mode"], r["reviewers"]): r for r in rows}
    for n in (1, 2, 4):
        if ("team", n) in by and ("embedded", n) in by:
            ratio = by[("team", n)]["p50"] / by[("embedded", n)]["p50"]
            print(f"team / embedded p50 latency with {n} reviewer(s): {ratio:.1f}x")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
