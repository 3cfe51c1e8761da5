"""Several reviewers at once: nothing lost, nothing doubled, the chain one line.

Team mode runs real processes against the real PostgreSQL; embedded mode (one
process may open a DuckDB file) runs the same work in threads of one process.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from reviewer.review import ReviewService
from reviewer.store import Store
from tests.team import concurrent_workers as w

REVIEWERS = 4
ACTIONS = 30  # per reviewer here; bench/bench_team.py runs the full 4 x 250


def _run_all(store: Store, jobs: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[Any]:
    """Run ``jobs`` at once: processes for a team lakehouse, threads for a DuckDB file."""
    if store.team:
        store.close()  # the workers open their own connections
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(len(jobs), mp_context=ctx) as pool:
            futures: list[Future[Any]] = [pool.submit(fn, *args) for fn, args in jobs]
            return [f.result(timeout=300) for f in futures]
    with ThreadPoolExecutor(len(jobs)) as pool:
        futures = [pool.submit(fn, *args, shared=store) for fn, args in jobs]
        return [f.result(timeout=300) for f in futures]


def _start(store: Store) -> float:
    return time.time() + (8.0 if store.team else 0.5)  # processes need time to start


def test_concurrent_reviewers_lose_and_double_nothing(store: Store) -> None:
    target = store.path
    start = _start(store)
    jobs = [(w.review, (target, f"r{i}", ACTIONS, start)) for i in range(REVIEWERS)]
    results = _run_all(store, jobs)
    with Store.open(target) as after:
        events = {e["seq"]: e for e in after.events()}
        verdict = ReviewService(after, "auditor").verify()
    acked = [(r["name"], seq, h) for r in results for seq, h, _ in r["acked"]]
    assert len(acked) == REVIEWERS * ACTIONS  # every action acknowledged in the end
    assert len(events) == len(acked)  # nothing lost, nothing extra
    assert sorted(events) == list(range(1, len(acked) + 1))  # one unbroken sequence
    for name, seq, digest in acked:  # each acknowledgement is the event stored
        assert (events[seq]["reviewer"], events[seq]["hash"]) == (name, digest)
    assert verdict.ok, verdict.reason
    assert verdict.checked == len(acked)


def test_two_reviewers_resolving_one_post_one_wins(store: Store) -> None:
    target = store.path
    start = _start(store)
    jobs = [
        (w.resolve, (target, "alice", "violation_removal", w.POSTS, start)),
        (w.resolve, (target, "bob", "acceptable", w.POSTS, start)),
    ]
    if store.team:
        store.close()
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=ctx) as pool:
            futures = [pool.submit(fn, *args) for fn, args in jobs]
            results = [o for f in futures for o in f.result(timeout=300)]
    else:  # each thread opens its own connection to the file of this process
        with ThreadPoolExecutor(2) as pool:
            futures = [pool.submit(fn, *args) for fn, args in jobs]
            results = [o for f in futures for o in f.result(timeout=300)]
    with Store.open(target) as after:
        for post in w.POSTS:
            mine = [r for r in results if r["post"] == post]
            winners = [r for r in mine if r["won"]]
            losers = [r for r in mine if not r["won"]]
            assert len(winners) == 1 and len(losers) == 1, mine
            state = after.state(post)
            decided = [e for e in after.events(post) if e["action"] == "decide"]
            assert len(decided) == 1 and decided[0]["reviewer"] == winners[0]["name"]
            # The loser was told who won and shown the state as it now is.
            assert f"{winners[0]['name']} decide resolved" in losers[0]["reason"]
            assert losers[0]["state"]["disposition"] == state["disposition"]
        assert ReviewService(after, "auditor").verify().ok


def test_an_import_blocks_no_reviewer(store: Store) -> None:
    target = store.path
    start = _start(store)
    actions = 30
    jobs = [
        (w.import_many, (target, 60_000 if store.team else 200_000, start)),
        (w.review, (target, "r0", actions, start)),
        (w.review, (target, "r1", actions, start)),
    ]
    imported, *reviewers = _run_all(store, jobs)
    began = datetime.fromisoformat(imported["began"])
    ended = datetime.fromisoformat(imported["ended"])
    with Store.open(target) as after:
        posts = after.con.execute("SELECT count(*) FROM posts").fetchone()[0]
        assert ReviewService(after, "auditor").verify().ok
        assert len(list(after.events())) == 2 * actions
    assert imported["added"] == posts - 5
    for r in reviewers:
        assert len(r["acked"]) == actions
        during = [t for _, _, t in r["acked"] if began < datetime.fromisoformat(t) < ended]
        # Each reviewer got actions committed while the import was still writing.
        assert during, (r["name"], began, ended, r["acked"][0][2], r["acked"][-1][2])


def test_two_imports_of_one_export_store_each_post_once(store: Store) -> None:
    target = store.path
    start = _start(store)
    n = 3000
    first, second = _run_all(
        store, [(w.import_many, (target, n, start)), (w.import_many, (target, n, start))]
    )
    assert sorted([first["added"], second["added"]]) == [0, n]
    with Store.open(target) as after:
        row = after.con.execute("SELECT count(*), count(DISTINCT post_id) FROM posts").fetchone()
    assert row == (n + 5, n + 5)


def test_two_flag_runs_take_turns_and_flag_each_post_once(store: Store) -> None:
    target = store.path
    n = 400
    store.import_posts(
        source="bulk",
        sha256="2" * 64,
        platform="x",
        posts=w.flaggable_posts(n),
        imported_by="importer",
    )
    start = _start(store)
    first, second = _run_all(store, [(w.flag_all, (target, start)), (w.flag_all, (target, start))])
    # One run scanned everything, the other found nothing left; neither failed.
    assert sorted([first["scanned"], second["scanned"]]) == [0, n + 5]
    assert max(first["flags"], second["flags"]) >= n
    with Store.open(target) as after:
        row = after.con.execute(
            "SELECT count(*), count(DISTINCT (post_id, rule)) FROM flags"
        ).fetchone()
        scans = after.con.execute("SELECT count(*) FROM flag_scans").fetchone()
    assert row is not None and row[0] == row[1] >= n
    assert scans == (n + 5,)
