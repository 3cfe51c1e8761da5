"""Import and flag throughput on a synthetic corpus (posts per second).

    python -m bench.bench_pipeline -n 100000

Prints numbers; asserts nothing. Uses the same code paths as `reviewer import`
and `reviewer flag`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.generate import generate, write_ndjson
from reviewer.flags.policy import load_policy
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports


def run(n: int, workdir: Path) -> dict[str, float]:
    corpus = workdir / "corpus.ndjson"
    t0 = time.perf_counter()
    write_ndjson(generate(n), corpus)
    generated = time.perf_counter() - t0

    db = workdir / "bench.duckdb"
    with Store.open(db) as store:
        t0 = time.perf_counter()
        exports = read_exports([corpus])
        results = import_exports(store, exports, imported_by="bench")
        import_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        again = import_exports(store, read_exports([corpus]), imported_by="bench")
        reimport_s = time.perf_counter() - t0

        policy = load_policy(None)
        t0 = time.perf_counter()
        summary = flag_posts(store, policy)
        flag_s = time.perf_counter() - t0
    added = sum(r.posts_added for r in results)
    assert sum(r.posts_added for r in again) == 0
    return {
        "posts": n,
        "generate_s": generated,
        "import_s": import_s,
        "import_posts_per_s": added / import_s,
        "reimport_posts_per_s": n / reimport_s,
        "flag_s": flag_s,
        "flag_posts_per_s": summary.scanned / flag_s,
        "flagged_posts": summary.flagged_posts,
        "db_mb": db.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        numbers = run(args.n, Path(tmp))
    for key, value in numbers.items():
        print(f"{key:24} {value:>14,.1f}" if isinstance(value, float) else f"{key:24} {value:>14,}")


if __name__ == "__main__":
    main()
