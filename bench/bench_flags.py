"""Flag throughput of the default pack against the obvious baseline, in one run.

    python -m bench.bench_flags -n 1000000

1. Imports ``n`` synthetic posts (``bench/generate.py``) into a temporary
   DuckDB file (not timed).
2. Flags them as ``reviewer flag`` does (``workflow.flag_posts``: Arrow
   batches, the trigger cascade, one worker process per core), in a process
   of its own so that its peak memory is measured alone, and prints posts/s.
3. Runs the obvious baseline on a sample of the same posts, before and after
   the flag run (the load may change): one process, posts read as dicts,
   every rule's check on every post (no cascade) and VADER and the German
   lexicon on every post, as a naive engine would score sentiment before
   looking for a name. Also the same baseline with the engine's workers, to
   separate the algorithmic gain from the cores.
4. Prints the ratios, CPU time per post of both (less sensitive to a shared
   machine than wall time; for the flag run also the parent's share: reading,
   writing flags), and the peak resident memory of the flag run's parent and
   of its largest worker.

``--db FILE`` keeps the imported corpus for the next run.

Prints numbers; asserts nothing. The machine may be shared: compare the
ratios, which are measured in the same run, and note ``load average``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.generate import generate
from bench.measure import cpu_seconds, peak_rss_mb

# The rest is imported where it is used: the flag run's workers are spawned and
# import this module as their main, as they import the `reviewer` command's
# (which imports next to nothing before it parses its arguments).
if TYPE_CHECKING:
    from reviewer.flags.policy import Policy
    from reviewer.model import Flag
    from reviewer.store import Store


class BaselineEngine:
    """Every rule on every post, and both sentiment scorers on every post."""

    def __init__(self, policy: Policy) -> None:
        from reviewer.flags.engine import FlagEngine
        from reviewer.flags.normalize import fold_fast
        from reviewer.flags.rules.negativity import german_polarity, vader

        self.fold = fold_fast
        self.engine = FlagEngine(policy, use_triggers=False)
        cfg = policy.effective["negativity"]
        self.analyser = vader(tuple(cfg["en_lexicon"]))
        self.german = german_polarity(policy)

    def flag(self, posts: list[dict[str, Any]]) -> list[Flag]:
        """The engine's flags for ``posts``, after scoring each post's sentiment."""
        for post in posts:
            text = post["text"] or ""
            self.analyser.polarity_scores(text)
            self.german.score(self.fold(text), text)
        return self.engine.flag(posts)


_baseline: BaselineEngine | None = None


def _init_baseline(policy: Policy) -> None:
    global _baseline
    _baseline = BaselineEngine(policy)


def _baseline_batch(posts: list[dict[str, Any]]) -> int:
    assert _baseline is not None
    return len(_baseline.flag(posts))


def _sample(store: Store, policy: Policy, n: int) -> list[list[dict[str, Any]]]:
    """The first ``n`` posts as dict batches, the way a naive engine reads them."""
    batches = store.posts_to_flag(policy.version, rescan=True, batch_size=2_000)
    return list(islice(batches, max(1, n // 2_000)))


def _baseline_rate(policy: Policy, batches: list[list[dict[str, Any]]], workers: int) -> float:
    n = sum(len(b) for b in batches)
    if workers <= 1:
        engine = BaselineEngine(policy)
        t0 = time.perf_counter()
        for batch in batches:
            engine.flag(batch)
        return n / (time.perf_counter() - t0)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, _init_baseline, (policy,)) as pool:
        list(pool.map(_baseline_batch, batches[:workers]))  # start the workers untimed
        t0 = time.perf_counter()
        list(pool.map(_baseline_batch, batches))
        return n / (time.perf_counter() - t0)


def _write_corpus(n: int, path: Path, chunk: int = 100_000) -> None:
    """``n`` synthetic posts as NDJSON, generated a chunk at a time (flat memory)."""
    with path.open("w", encoding="utf-8") as out:
        for lo in range(0, n, chunk):
            for k, record in enumerate(generate(min(chunk, n - lo), seed=7 + lo)):
                record["id"] = f"s{lo + k:08d}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _flag_only(db: Path) -> None:
    """Child mode: flag ``db`` as ``reviewer flag`` does and print JSON numbers.

    A process of its own, so that its peak memory is the flag run's alone.
    """
    from reviewer.flags.policy import load_policy
    from reviewer.store import Store
    from reviewer.workflow import flag_posts

    policy = load_policy(None)
    workers = os.cpu_count() or 1
    with Store.open(db) as store:
        cpu0, parent0 = cpu_seconds(), cpu_seconds(children=False)
        t0 = time.perf_counter()
        summary = flag_posts(store, policy, rescan=True, workers=workers)
    # Timed up to the closed file, as `reviewer flag` ends: a checkpoint left for
    # the close counts too.
    seconds = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    parent = cpu_seconds(children=False) - parent0
    print(
        json.dumps(
            {
                "scanned": summary.scanned,
                "flagged_posts": summary.flagged_posts,
                "flags": summary.flags,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "cpu_seconds_parent": parent,
                "workers": workers,
                "rss_parent_mb": peak_rss_mb(),
                # An upper bound: a spawned worker's maxrss starts at this process's size.
                "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


def _baseline_cpu(policy: Policy, batches: list[list[dict[str, Any]]]) -> float:
    """CPU seconds per post of the baseline in this process."""
    engine = BaselineEngine(policy)
    t0 = time.process_time()
    for batch in batches:
        engine.flag(batch)
    return (time.process_time() - t0) / sum(len(b) for b in batches)


def run(n: int, baseline_n: int, db: Path) -> dict[str, Any]:
    """Import (unless ``db`` holds the corpus already), flag and compare."""
    from reviewer.flags.policy import load_policy
    from reviewer.store import Store
    from reviewer.workflow import import_exports, read_exports

    policy = load_policy(None)
    if not db.exists():
        corpus = db.with_suffix(".ndjson")
        _write_corpus(n, corpus)
        with Store.open(db) as store:
            import_exports(store, read_exports([corpus]), imported_by="bench")
        corpus.unlink()
    with Store.open(db) as store:
        sample = _sample(store, policy, min(n, baseline_n))
    # The baseline runs before and after the flag run: the load may change meanwhile.
    base_before = _baseline_rate(policy, sample, 1)
    load = os.getloadavg()
    child = subprocess.run(
        [sys.executable, "-m", "bench.bench_flags", "--flag-only", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    flagged = json.loads(child.stdout.strip().splitlines()[-1])
    workers = flagged["workers"]
    fast = flagged["scanned"] / flagged["seconds"]
    load_after = os.getloadavg()
    base_1 = (base_before + _baseline_rate(policy, sample, 1)) / 2
    base_w = _baseline_rate(policy, sample, workers)
    cpu_fast = flagged["cpu_seconds"] / flagged["scanned"]
    cpu_base = _baseline_cpu(policy, sample)
    return {
        "posts": flagged["scanned"],
        "workers": workers,
        "cores": os.cpu_count() or 1,
        "load average before": " ".join(f"{x:.1f}" for x in load),
        "flag seconds": flagged["seconds"],
        "flag posts/s": fast,
        "flagged posts": flagged["flagged_posts"],
        "flags": flagged["flags"],
        "baseline sample": sum(len(b) for b in sample),
        "baseline posts/s, 1 process": base_1,
        f"baseline posts/s, {workers} workers": base_w,
        "ratio vs baseline, 1 process": fast / base_1,
        f"ratio vs baseline, {workers} workers": fast / base_w,
        "CPU µs/post, flag run (all processes)": cpu_fast * 1e6,
        "  of which the parent (DuckDB)": flagged["cpu_seconds_parent"] / flagged["scanned"] * 1e6,
        "CPU µs/post, baseline": cpu_base * 1e6,
        "CPU ratio": cpu_base / cpu_fast,
        "flag run peak RSS parent MB": flagged["rss_parent_mb"],
        "flag run peak RSS largest worker MB": flagged["rss_worker_mb"],
        "load average after flag run": " ".join(f"{x:.1f}" for x in load_after),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    parser.add_argument("--baseline", type=int, default=50_000, help="posts in the baseline sample")
    parser.add_argument("--flag-only", type=Path, metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument(
        "--db", type=Path, help="keep the imported corpus in this file and reuse it next time"
    )
    args = parser.parse_args()
    if args.flag_only:
        _flag_only(args.flag_only)
        return
    if args.db:
        numbers = run(args.n, args.baseline, args.db)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            numbers = run(args.n, args.baseline, Path(tmp) / "bench.duckdb")
    for key, value in numbers.items():
        if isinstance(value, float):
            print(f"{key:32} {value:>14,.1f}")
        elif isinstance(value, int):
            print(f"{key:32} {value:>14,}")
        else:
            print(f"{key:32} {value:>14}")


if __name__ == "__main__":
    main()
