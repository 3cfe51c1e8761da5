"""Every flag of the default pack on fixed corpora, written out for comparison.

    python -m bench.flag_digest -o before.jsonl [-n 100000]
    python -m bench.flag_digest -o after.jsonl  [-n 100000]
    cmp before.jsonl after.jsonl

A speed change to the flag engine must not change what it detects. This
writes every flag (post, rule, severity, score, evidence spans, texts and
reasons) of three corpora as sorted JSON lines, and prints a count and a
SHA-256 per corpus:

- ``generated``: ``n`` synthetic posts (``bench/generate.py``), imported into
  a temporary DuckDB file and flagged by ``workflow.flag_posts`` as ``reviewer
  flag`` does (Arrow batches, one process), read back from the ``flags`` table;
- ``samples``: ``sample_exports/``, the same way;
- ``texts``: real text through ``FlagEngine.flag`` (dicts) and
  ``FlagEngine.flag_arrow`` (Arrow), which must agree: the own labeled sets in
  ``tests/flags/data`` and the public evaluation sets in ``../shared/eval``
  where present, each text also once with a brand or competitor name
  prepended and with a brand mention as a reply, so that the negativity and
  speaking rules run on varied sentences.

Prints numbers and writes a file; asserts nothing except that the dict and
Arrow paths agree.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from bench.generate import generate, write_ndjson
from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import load_policy
from reviewer.model import Flag
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports

ROOT = Path(__file__).resolve().parent.parent
_KEYS = ("platform", "kind", "author", "lang", "media", "reply_to", "parent_text")
_PREFIXES = ("Nordwind ", "@nordwind_official ", "Solaris Power: ", "#nordwind ")


def _store_flags(exports: list[Path], db: Path) -> list[str]:
    with Store.open(db) as store:
        import_exports(store, read_exports(exports), imported_by="digest")
        flag_posts(store, load_policy(None), rescan=True, workers=1)
        rows = store.con.execute(
            "SELECT post_id, rule, severity, score, evidence::TEXT FROM flags ORDER BY 1, 2"
        ).fetchall()
    return [
        json.dumps([r[0], r[1], r[2], r[3], json.loads(r[4])], ensure_ascii=False) for r in rows
    ]


def _texts(data: Path) -> Iterator[tuple[str, str]]:
    """(source, text) of the labeled sets and public evaluation sets."""
    csv.field_size_limit(sys.maxsize)
    for path in sorted((ROOT / "tests" / "flags" / "data").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            yield path.stem, row["text"]
    for split in ("dev", "test_syn"):
        p = data / "germeval2017_db_sentiment" / f"{split}_df_opinion.tsv"
        if p.exists():
            with p.open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                    yield "germeval2017", row["text"] or ""
    p = data / "germeval2018" / "germeval2018.test.txt"
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            yield "germeval2018", line.split("\t")[0]
    p = data / "olid_offenseval2019" / "testset-levela.tsv"
    if p.exists():
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                yield "olid", row["tweet"]
    p = data / "presidio_research" / "synth_dataset_v2.json"
    if p.exists():
        for r in json.loads(p.read_text(encoding="utf-8")):
            yield "presidio", r["full_text"]
    for name in ("tweets", "amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets"):
        p = data / "vader_hutto_ICWSM_2014" / f"{name}_GroundTruth.txt"
        if p.exists():
            for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split("\t", 2)
                if len(parts) == 3:
                    yield "vader_" + name, parts[2]
    p = data / "davidson_hate_offensive" / "labeled_data.csv"
    if p.exists():
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield "davidson", row["tweet"]


def _text_posts(eval_dir: Path) -> list[dict[str, Any]]:
    posts: list[dict[str, Any]] = []
    for k, (source, text) in enumerate(_texts(eval_dir)):
        author = f"user_{k % 7}" if k % 11 else "nordwind_official"
        posts.append({"post_id": f"{source}:{k}", "text": text, "author": author})
        prefix = _PREFIXES[k % len(_PREFIXES)]
        posts.append({"post_id": f"{source}:{k}:n", "text": prefix + text, "author": author})
        posts.append(
            {
                "post_id": f"{source}:{k}:r",
                "text": text,
                "author": author,
                "kind": "reply",
                "reply_to": "p1",
                "parent_text": "Nordwind, " + text[:80],
            }
        )
    return posts


def _flag_lines(flags: list[Flag]) -> list[str]:
    return sorted(
        json.dumps(
            [f.post_id, f.rule, str(f.severity), f.score, [e.as_dict() for e in f.evidence]],
            ensure_ascii=False,
        )
        for f in flags
    )


def _engine_flags(posts: list[dict[str, Any]]) -> list[str]:
    engine = FlagEngine(load_policy(None))
    by_dict = _flag_lines(engine.flag(posts))
    columns = {"post_id": [p["post_id"] for p in posts], "text": [p["text"] for p in posts]}
    for key in _KEYS:
        columns[key] = [p.get(key) for p in posts]
    columns["media"] = [json.dumps(p.get("media") or []) for p in posts]
    table = pa.table(columns)
    by_arrow: list[str] = []
    for batch in table.to_batches(10_000):
        by_arrow.extend(_flag_lines(engine.flag_arrow(batch)))
    by_arrow.sort()
    if by_arrow != by_dict:
        raise SystemExit("FlagEngine.flag and FlagEngine.flag_arrow disagree")
    return by_dict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="generated posts")
    parser.add_argument("-o", type=Path, required=True, help="output JSON lines")
    parser.add_argument(
        "--eval",
        type=Path,
        default=ROOT.parent / "shared" / "eval",
        help="folder of the public evaluation sets (default: shared/eval beside the repository)",
    )
    args = parser.parse_args()
    sections: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.ndjson"
        write_ndjson(generate(args.n, seed=11), corpus)
        sections["generated"] = _store_flags([corpus], Path(tmp) / "g.duckdb")
        sections["samples"] = _store_flags([shipped_dir("sample_exports")], Path(tmp) / "s.duckdb")
    sections["texts"] = _engine_flags(_text_posts(args.eval))
    with args.o.open("w", encoding="utf-8") as out:
        for name, lines in sections.items():
            digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
            print(f"{name:10} {len(lines):>8,} flags  sha256 {digest[:16]}")
            for line in lines:
                out.write(f"{name}\t{line}\n")


if __name__ == "__main__":
    main()
