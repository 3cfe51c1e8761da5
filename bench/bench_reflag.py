"""Re-flag after a policy change against a full rescan, at n posts, in one run.

    python -m bench.bench_reflag -n 200000

1. Imports ``n`` synthetic posts (``bench/generate.py``, as ``bench_flags``)
   and flags them with the default pack (not timed), then copies the database
   so that every measurement starts from the same state.
2. For each change (one rule's lexicon: a confidential term added, which
   runs on every post, or a hate phrase added, which the trigger cascade
   keeps to few posts; the shared German negativity lexicon: two rules; one
   rule's severity), times
   ``reviewer flag`` under the changed policy (only the affected rules run)
   and ``reviewer flag --rescan`` (every rule on every post), each on its own
   copy, as ``workflow.flag_posts`` with the default worker choice.
3. Prints wall and CPU seconds (this process and its finished workers) of
   both, their ratios, and the load average.

Prints numbers; asserts nothing. The machine may be shared: the CPU ratio is
the steadier number.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_flags import _write_corpus
from bench.measure import cpu_seconds
from reviewer.flags.policy import DEFAULT_POLICY_PATH, Policy, load_policy
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports

CHANGES: dict[str, tuple[str, str]] = {
    "one rule's lexicon (confidential)": (
        '"Nordlicht-Vertrag"]',
        '"Nordlicht-Vertrag", "Projekt Seestern"]',
    ),
    "one rule's lexicon (hate)": ("attacks = [\n", 'attacks = [\n    "are locusts",\n'),
    "German negativity lexicon (2 rules)": (
        "de_negative = [\n",
        'de_negative = [\n    "windig*:-3",\n',
    ),
    "one rule's severity (profanity)": (
        '[rules.profanity]  # implemented / umgesetzt\nseverity = "low"',
        '[rules.profanity]  # implemented / umgesetzt\nseverity = "medium"',
    ),
}


def _policy(folder: Path, name: str, edit: tuple[str, str]) -> Policy:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    if edit[0] not in text:
        raise SystemExit(f"the default pack changed: {edit[0]!r} not found; update CHANGES")
    path = folder / f"{name}.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return load_policy(path)


def _timed(db: Path, policy: Policy, rescan: bool) -> dict[str, Any]:
    with Store.open(db) as store:
        load = os.getloadavg()[0]
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        summary = flag_posts(store, policy, rescan=rescan)
        seconds, cpu = time.perf_counter() - t0, cpu_seconds() - cpu0
    return {"seconds": seconds, "cpu": cpu, "summary": summary, "load": load}


def run(n: int, folder: Path) -> None:
    base = folder / "base.duckdb"
    corpus = folder / "corpus.ndjson"
    _write_corpus(n, corpus)
    with Store.open(base) as store:
        import_exports(store, read_exports([corpus]), imported_by="bench")
        flag_posts(store, load_policy(None))
    corpus.unlink()
    print(f"posts {n:,}, cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    for k, (name, edit) in enumerate(CHANGES.items()):
        policy = _policy(folder, f"p{k}", edit)
        results = {}
        for rescan in (False, True):
            db = folder / f"run{k}-{int(rescan)}.duckdb"
            shutil.copy(base, db)
            results[rescan] = _timed(db, policy, rescan)
            db.unlink()
        part, full = results[False], results[True]
        print(f"\n{name}")
        for change in part["summary"].changes:
            print(f"  {change.describe()}")
        print(
            f"  re-flag  {part['seconds']:8.2f} s wall {part['cpu']:8.2f} s CPU "
            f"(load {part['load']:.1f})"
        )
        print(
            f"  rescan   {full['seconds']:8.2f} s wall {full['cpu']:8.2f} s CPU "
            f"(load {full['load']:.1f})"
        )
        print(
            f"  ratio    {full['seconds'] / part['seconds']:8.1f}x wall "
            f"{full['cpu'] / part['cpu']:6.1f}x CPU"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000, help="number of posts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(args.n, Path(tmp))


if __name__ == "__main__":
    main()
