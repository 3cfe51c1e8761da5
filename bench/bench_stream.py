"""Peak memory of importing a large generic CSV and JSON array, against the file's size.

    python -m bench.bench_stream -n 1000000 [--old DIR]

Writes ``n`` synthetic posts (bench/generate.py) as a generic CSV and as a
pretty-printed JSON array, and for each measures, every step in a fresh
process: the importer alone (posts read and dropped) and the whole
``reviewer import`` (importer and store, one transaction). Prints the file
size, peak RSS, CPU seconds (user + sys), wall seconds and posts/s. With
``--old DIR`` (a checkout of an older revision, e.g. made with ``git archive``)
the same steps also run on that code, so old and new are compared in one run.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_files(n: int, workdir: Path) -> dict[str, Path]:
    from bench.generate import generate

    records = generate(n)
    fields = list(records[0])
    paths = {"csv": workdir / "posts.csv", "json": workdir / "posts.json"}
    with paths["csv"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
    with paths["json"].open("w", encoding="utf-8") as fh:
        fh.write("[\n")
        for i, record in enumerate(records):
            fh.write(("" if i == 0 else ",\n") + json.dumps(record, indent=2, ensure_ascii=False))
        fh.write("\n]\n")
    return paths


def _peak_rss_kib() -> int:
    """This process's peak RSS since it was started.

    Not ``ru_maxrss``: that survives exec, so a child forked from a parent
    holding the generated posts would report the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _step(name: str, path: Path, db: Path) -> None:
    """One measurement in this process (run with the code under test on sys.path)."""
    from reviewer.importers import open_exports

    start = time.perf_counter()
    if name == "parse":
        count = sum(1 for export in open_exports(path) for _ in export.posts())
    else:
        from reviewer.store import Store
        from reviewer.workflow import import_exports, read_exports

        with Store.open(db) as store:
            results = import_exports(store, read_exports([path]), imported_by="bench")
        count = sum(r.posts_added for r in results)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "count": count,
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                "rss_mb": _peak_rss_kib() / 1024,
                "code": str(Path(sys.modules["reviewer"].__file__ or "").parents[1]),
            }
        )
    )


def _measure(code: Path, name: str, path: Path, db: Path) -> dict[str, float]:
    db.unlink(missing_ok=True)
    # Run as a script from elsewhere, so only PYTHONPATH decides which reviewer is imported.
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, __file__, "--step", name, str(path), str(db)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=db.parent,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert Path(result["code"]).resolve() == code, result["code"]  # the code meant ran
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    parser.add_argument("--old", type=Path, help="a checkout of the code to compare against")
    parser.add_argument("--step", nargs=3, metavar=("NAME", "PATH", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        name, path, db = args.step
        _step(name, Path(path), Path(db))
        return
    codes = [("new", ROOT)] + ([("old", args.old.resolve())] if args.old else [])
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        paths = write_files(args.n, workdir)
        for fmt, path in paths.items():
            size = path.stat().st_size / 1e6
            for step in ("parse", "import"):
                for label, code in codes:
                    result = _measure(code, step, path, workdir / "bench.duckdb")
                    rows.append((fmt, size, step, label, result))
    print(
        f"{args.n:,} posts; load average (1 min) {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    print(
        f"{'file':6} {'MB':>7} {'step':7} {'code':4} {'peak RSS':>10} {'cpu s':>7} "
        f"{'wall s':>7} {'posts/s':>9}"
    )
    for fmt, size, step, label, r in rows:
        print(
            f"{fmt:6} {size:7,.0f} {step:7} {label:4} {r['rss_mb']:7,.0f} MB {r['cpu']:7.1f} "
            f"{r['wall']:7.1f} {r['count'] / r['wall']:9,.0f}"
        )


if __name__ == "__main__":
    main()
