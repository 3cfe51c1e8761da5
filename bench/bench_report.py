"""Benchmark: an incident report of 10,000 incidents, in every format.

    python -m bench.bench_report [-n 10000] [--workdir bench/out/report]

Builds a database of flagged posts through the store API (hostile texts, masked personal
data, a review history on a third of them), then times ``reviewer report`` end to end per
format (open, gather, render, write, manifest) and prints wall-clock and CPU seconds per
format (CPU time says more on a machine shared with other work). The target is under 10 s
per format for 10,000 incidents.

PDF (fpdf2 lays out every line in Python) is timed on its own smaller database,
``--pdf-n`` incidents (default 1,000), and its rate is printed: it does not reach the target
at 10,000 incidents; HTML printed from a browser is the way to a PDF of a report that big.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.reports.deliver import Delivery, deliver
from reviewer.reports.model import Filters
from reviewer.review import ReviewService
from reviewer.store import Store

TEXTS = [
    "Can't say much yet but Projekt Polarstern is going to be huge <script>alert(1)</script>",
    "Write to jane.doe@example.com about the refund 👩‍💻 | *stars* _under_",
    '=HYPERLINK("http://evil") Die Q3-Zahlen sehen besser aus als erwartet, psst',
    "Grüße aus Köln: 北京 and مرحبا, [bold]not markup[/bold] # not a heading",
    "Der Nordlicht-Vertrag ist fast unterschrieben! streng vertraulich\nzweite Zeile",
]
RULES = [
    ("confidential", Severity.HIGH, "term"),
    ("personal_data", Severity.MEDIUM, "e-mail address"),
    ("profanity", Severity.LOW, "word"),
    ("credential_leak", Severity.CRITICAL, "password"),
]


def build_database(path: Path, n: int, seed: int = 11) -> None:
    """``n`` flagged posts (and a tenth more unflagged ones), a third of them reviewed."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    posts = [
        Post(
            platform=rng.choice(["x", "linkedin", "mastodon", "facebook"]),
            native_id=str(100_000 + i),
            kind="post",
            author=f"author_{rng.randrange(400)}",
            created_at=start + timedelta(minutes=37 * i),
            text=TEXTS[i % len(TEXTS)] + f" #{i}",
            url=f"https://example.com/p/{i}",
        )
        for i in range(n + n // 10)
    ]
    with Store.open(path) as store:
        store.import_posts(
            source="bench", sha256="0" * 64, platform="generic", posts=posts, imported_by="bench"
        )
        flags = []
        for post in posts[:n]:
            for rule, severity, why in rng.sample(RULES, rng.randint(1, 2)):
                flags.append(
                    Flag(
                        post.post_id,
                        rule,
                        severity,
                        round(rng.random(), 2),
                        [Evidence(0, 10, "j***" if rule == "personal_data" else "x", why)],
                        "bench-v1",
                    )
                )
        store.write_flags([p.post_id for p in posts], flags, "bench-v1")
        store.record_policy("bench-v1", None, {"rules": {}})
        svc = ReviewService(store, "bench-reviewer")
        with store.transaction():
            for post in posts[: n // 3]:
                svc.tag(post.post_id, "bench")
                if rng.random() < 0.5:
                    svc.decide(post.post_id, "resolved", disposition="violation_coaching")
                else:
                    svc.decide(post.post_id, "escalated", escalate_to="legal", note="look <b>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10_000, help="incidents (default 10,000)")
    parser.add_argument("--pdf-n", type=int, default=1_000, help="incidents for the PDF run")
    parser.add_argument("--workdir", type=Path, default=Path("bench/out/report"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    db = args.workdir / "bench.duckdb"
    began = time.perf_counter()
    build_database(db, args.n)
    print(f"database: {args.n} incidents built in {time.perf_counter() - began:.1f} s")
    small = args.workdir / "small.duckdb"
    build_database(small, args.pdf_n)
    timings = {}
    for fmt in ("md", "html", "csv", "json", "parquet", "pdf"):
        out = args.workdir / fmt
        began, cpu = time.perf_counter(), time.process_time()
        done = deliver(
            Delivery(
                db=str(small if fmt == "pdf" else db),
                reviewer="bench",
                filters=Filters(),
                formats=[fmt],
                out=f"{out}/",
            )
        )
        timings[fmt] = time.perf_counter() - began
        cpu = time.process_time() - cpu
        size = sum(p.stat().st_size for p in done.files) / 1e6
        rate = done.incidents / timings[fmt]
        verdict = (
            f"{rate:,.0f} incidents/s"
            if fmt == "pdf"
            else ("ok" if timings[fmt] < 10 else "OVER 10 s")
        )
        print(
            f"{fmt:8} {timings[fmt]:6.2f} s wall {cpu:6.2f} s cpu  {done.incidents} incidents  "
            f"{size:6.1f} MB  {verdict}"
        )
    began = time.perf_counter()
    deliver(
        Delivery(
            db=str(db),
            reviewer="bench",
            filters=Filters(),
            formats=["md", "html", "csv", "json", "parquet"],
            out=f"{args.workdir / 'all'}/",
        )
    )
    together = time.perf_counter() - began
    print(f"md+html+csv+json+parquet in one run: {together:.2f} s")
    rest = {k: v for k, v in timings.items() if k != "pdf"}
    print(f"slowest/fastest ratio (without pdf): {max(rest.values()) / min(rest.values()):.1f}")


if __name__ == "__main__":
    main()
