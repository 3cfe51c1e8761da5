"""The review TUI on 1,000 and 1,000,000 flagged posts: first paint, key latency, memory.

    python -m bench.bench_tui                   # 1,000 and 1,000,000 posts
    python -m bench.bench_tui --sizes 1000 100000 --keep bench/out

For each size it builds a database of that many flagged posts (rows written
with SQL from ``bench/generate.py``'s texts: the import and flag paths would
take many minutes for a million flagged posts, and only the resulting rows
matter to the TUI), adds review events through the real review service, then
runs the real app headless (``App.run_test``) in a fresh process per size and
measures:

* startup to first paint: from opening the store to the first page of the
  queue on screen with the first post in the detail pane;
* key-press to updated screen for ``j``, ``pagedown``, a status-filter change
  and ``1`` (tag): from the key press until the screen shows the result (the
  detail pane on the new post, the filtered queue, the tag in the table);
* peak memory: the maximum resident set size of that process (VmHWM).

Targets (issue 5): first paint under 1 s at 1M posts; each key-press latency at
1M within 1.5× of the same at 1k; peak memory under 400 MB at 1M. Prints a
table with ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.generate import CONFIDENTIAL, HARD_NEGATIVES, ORDINARY, PERSONAL
from bench.measure import peak_rss_mb
from reviewer.model import PLATFORMS, RULES

REPEATS = 15
# Severity shares of the synthetic flags: mostly medium and low, a few critical.
SEVERITY_CUTS = ((0.02, "critical"), (0.15, "high"), (0.55, "medium"), (0.85, "low"), (1.0, "info"))
REVIEWER = "bench"


# -- building a database ------------------------------------------------------------


def build(path: Path, n: int) -> None:
    """A database of ``n`` posts, every one flagged, and some review events."""
    from reviewer.review import ReviewService
    from reviewer.store import Store

    texts = [t.format(brand="Nordwind") for t in ORDINARY] + CONFIDENTIAL + PERSONAL
    texts += HARD_NEGATIVES
    severity = " ".join(f"WHEN u < {cut} THEN '{name}'" for cut, name in SEVERITY_CUTS)
    with Store.open(path) as store:
        con = store.con
        con.execute(
            "INSERT INTO imports VALUES ('bench', 'bench_tui', repeat('0', 64), 'generic', "
            "now(), now(), $n, 0, 'bench')",
            {"n": n},
        )
        con.execute(
            """
            INSERT INTO posts
            SELECT platform || ':b' || i, platform, 'b' || i, 'post', 'employee_' || (i % 200),
                   TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_minutes(i), text,
                   'https://example.invalid/' || i, CASE WHEN i % 3 = 0 THEN 'de' ELSE 'en' END,
                   NULL, NULL, 'bench', 'bench.ndjson', NULL, false, NULL, sha256(text), NULL
            FROM (
                SELECT i, $platforms[1 + i % len($platforms)] AS platform,
                       $texts[1 + (hash(i) % len($texts))::BIGINT] || ' (' || i || ')' AS text
                FROM range($n) r(i)
            )
            """,
            {"n": n, "platforms": list(PLATFORMS), "texts": texts},
        )
        # One flag per post, a second rule on every seventh; flagged over the last 60 days.
        con.execute(
            f"""
            INSERT INTO flags
            SELECT p.post_id, rule, CASE {severity} END, 0.5 + u / 2,
                   json_array(json_object('start', 0, 'end', 8, 'text', left(p.text, 8),
                                          'why', 'bench')),
                   'bench', now() - to_minutes((hash(i) % 86400)::BIGINT)
            FROM (
                SELECT post_id, text, i, (hash(i * 7 + 1) % 1000) / 1000.0 AS u,
                       $rules[1 + i % len($rules)] AS rule
                FROM (SELECT post_id, text, row_number() OVER () AS i FROM posts)
                UNION ALL
                SELECT post_id, text, i, (hash(i * 11 + 3) % 1000) / 1000.0,
                       $rules[1 + (i + 5) % len($rules)]
                FROM (SELECT post_id, text, row_number() OVER () AS i FROM posts)
                WHERE i % 7 = 0
            ) p
            """,
            {"rules": list(RULES)},
        )
        store.rebuild_queue_keys()  # what write_flags does for flags it writes
        con.execute("CHECKPOINT")
        # Review events through the real service (a valid hash chain): the same
        # number at every size, so that the review log is not what differs.
        service = ReviewService(store, "someone_else")
        ids = [
            r[0]
            for r in con.execute(
                "SELECT post_id FROM posts ORDER BY hash(post_id) LIMIT 300"
            ).fetchall()
        ]
        for k, post_id in enumerate(ids):
            if k % 3 == 0:
                service.decide(post_id, "escalated", escalate_to="legal")
            else:
                service.tag(post_id, "repeat")


# -- measuring (in a fresh process per database) --------------------------------------


async def _until(pilot: Any, done: Callable[[], bool], timeout: float = 60.0) -> None:
    """Let the app run until ``done()`` holds (polling), then until it is idle."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not update")
        await asyncio.sleep(0.002)
    await pilot.pause()


def _shown_post(app: Any) -> str:
    """The post id the detail pane shows (from its metadata block)."""
    from rich.text import Text
    from textual.widgets import Static

    content = app.screen.query_one("#post-meta", Static).content
    plain = content.plain if isinstance(content, Text) else str(content)
    for line in plain.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "post":
            return parts[1]
    return ""


async def _measure(path: Path) -> dict[str, Any]:
    from reviewer.store import Store
    from reviewer.tui.app import ReviewerApp
    from reviewer.tui.widgets.queue_table import QueueTable

    started = time.perf_counter()
    started_cpu = time.process_time()
    store = Store.open(path)
    app = ReviewerApp(store, REVIEWER, tags=["urgent", "repeat", "press"])
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        def table() -> QueueTable:
            return app.screen.query_one(QueueTable)

        def on_current() -> bool:
            current = table().current
            return current is not None and _shown_post(app) == current.post_id

        await _until(pilot, lambda: table().row_count > 0 and on_current())
        out["first_paint_s"] = time.perf_counter() - started
        # CPU time of the process (all threads): less sensitive to a loaded machine.
        out["first_paint_cpu_s"] = time.process_time() - started_cpu
        out["flagged_posts"] = (app.screen._counts or {}).get("flagged")

        async def timed(keys: tuple[str, ...], done: Callable[[], bool]) -> float:
            t0 = time.perf_counter()
            await pilot.press(*keys)
            await _until(pilot, done)
            return time.perf_counter() - t0

        out["j_s"] = [await timed(("j",), on_current) for _ in range(REPEATS)]
        out["pagedown_s"] = []
        for _ in range(REPEATS):
            before = table().cursor_row
            out["pagedown_s"].append(
                await timed(("pagedown",), lambda b=before: table().cursor_row > b and on_current())
            )
        out["rows_loaded"] = table().row_count
        out["tag_s"] = []
        for _ in range(REPEATS):
            await pilot.press("j")
            await _until(pilot, on_current)
            out["tag_s"].append(
                await timed(("1",), lambda: "urgent" in (table().current.tags or []))
            )
        out["filter_s"] = await _filter_latencies(app, pilot, table, on_current)
    store.close()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


async def _filter_latencies(app: Any, pilot: Any, table: Any, on_current: Any) -> Any:
    """Switching the queue's status filter (escalated ↔ none); ``None`` if it has none.

    Uses the queue screen's ``apply_filter(QueueFilter(...))`` (the filter form's
    entry point), the same call the filter keys end in.
    """
    screen = app.screen
    try:
        from reviewer.store.queue_filter import QueueFilter  # type: ignore[import-not-found]
    except ImportError:
        return None
    if not hasattr(screen, "apply_filter"):
        return None
    times = []
    for status in ("escalated", None) * (REPEATS // 2 + 1):
        t0 = time.perf_counter()
        screen.apply_filter(QueueFilter(status=status))
        await _until(
            pilot,
            lambda s=status: (
                table().row_count > 0
                and (s is None or all(r.status == s for r in table().posts))
                and on_current()
            ),
        )
        times.append(time.perf_counter() - t0)
    return times


def _child(path: Path) -> None:
    print(json.dumps(asyncio.run(_measure(path))))


# -- the table ------------------------------------------------------------------------


def _median(values: Any) -> float | None:
    return statistics.median(values) if values else None


def _row(label: str, small: float | None, big: float | None, unit: str, target: str) -> str:
    def fmt(v: float | None) -> str:
        if v is None:
            return "—"
        return f"{v * 1000:,.1f} ms" if unit == "ms" else f"{v:,.1f} MB"

    ratio = f"{big / small:.2f}×" if small and big else "—"
    return f"{label:28} {fmt(small):>12} {fmt(big):>12} {ratio:>8}   {target}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the databases in this folder")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for n in args.sizes:
            db = folder / f"tui-{n}.duckdb"
            if not db.exists():
                t0 = time.perf_counter()
                build(db, n)
                print(f"built {db} ({n:,} flagged posts) in {time.perf_counter() - t0:.1f} s")
            # Measure on a copy: the tag presses write to it, and every run starts alike.
            run = folder / f"run-{n}.duckdb"
            shutil.copyfile(db, run)
            env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
            try:
                proc = subprocess.run(
                    [sys.executable, "-m", "bench.bench_tui", "--child", str(run)],
                    capture_output=True,
                    text=True,
                    env=env,
                )
            finally:
                run.unlink(missing_ok=True)
            if proc.returncode:
                sys.exit(f"error: {db}: the measuring process failed\n{proc.stderr[-3000:]}")
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    small, big = results
    a, b = args.sizes
    print(f"\nreview TUI, {a:,} vs {b:,} flagged posts (median of {REPEATS} presses)")
    print(f"{'':28} {f'{a:,}':>12} {f'{b:,}':>12} {'ratio':>8}   target")
    print(
        _row(
            "startup to first paint",
            small["first_paint_s"],
            big["first_paint_s"],
            "ms",
            f"< 1 s at {b:,}",
        )
    )
    print(
        _row(
            "  the same, CPU time",
            small["first_paint_cpu_s"],
            big["first_paint_cpu_s"],
            "ms",
            "",
        )
    )
    for key, label in (
        ("j_s", "key j (next post)"),
        ("pagedown_s", "key pagedown"),
        ("filter_s", "filter change (status)"),
        ("tag_s", "key 1 (tag)"),
    ):
        print(_row(label, _median(small[key]), _median(big[key]), "ms", "ratio ≤ 1.5×"))
    print(
        _row(
            "peak memory (RSS)",
            small["peak_rss_mb"],
            big["peak_rss_mb"],
            "MB",
            f"< 400 MB at {b:,}",
        )
    )
    if small["filter_s"] is None:
        print(
            "\nfilter change: skipped, this build's queue screen has no filter "
            "(apply_filter with reviewer.store.queue_filter.QueueFilter)"
        )
    print(f"rows loaded after the page-downs: {small['rows_loaded']:,} / {big['rows_loaded']:,}")
    print("Measured on a shared machine: absolute times vary with load; ratios are same-run.")


if __name__ == "__main__":
    main()
