"""profanity + hate against public offensive-language sets in ../shared/eval (skipped if absent).

A post counts as "offensive" when ``profanity`` or ``hate`` flags it. Measured
on GermEval-2018 test (German, OFFENSE vs OTHER) and OLID level A test
(English, OFF vs NOT): macro-F1 printed. Both sets label insults and abuse
far beyond swear words, so a lexicon finds only part of them; the assertion
is a regression guard, the numbers are in docs/policy.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reviewer.flags.engine import FlagEngine

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
GERMEVAL = EVAL / "germeval2018" / "germeval2018.test.txt"
OLID = EVAL / "olid_offenseval2019"


def macro_f1(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    """Macro-F1, and precision and recall of the offensive class."""
    f1s = []
    p_off = r_off = 0.0
    for cls in (True, False):
        tp = sum(p == cls and g == cls for p, g in zip(predicted, gold, strict=True))
        fp = sum(p == cls and g != cls for p, g in zip(predicted, gold, strict=True))
        fn = sum(p != cls and g == cls for p, g in zip(predicted, gold, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        if cls:
            p_off, r_off = prec, rec
    return sum(f1s) / 2, p_off, r_off


def offensive(engine: FlagEngine, texts: list[str]) -> list[bool]:
    posts = [{"post_id": str(i), "text": t} for i, t in enumerate(texts)]
    hit = {f.post_id for f in engine.flag(posts) if f.rule in ("profanity", "hate")}
    return [str(i) in hit for i in range(len(texts))]


@pytest.mark.skipif(not GERMEVAL.exists(), reason=f"GermEval-2018 not found at {GERMEVAL}")
def test_germeval2018(engine: FlagEngine) -> None:
    rows = [line.split("\t") for line in GERMEVAL.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r) >= 2]
    gold = [r[1] == "OFFENSE" for r in rows]
    f1, p, r = macro_f1(offensive(engine, [r[0] for r in rows]), gold)
    print(f"\nGermEval-2018 test ({len(rows)}): macro-F1 {f1:.3f}, OFFENSE P {p:.3f} R {r:.3f}")
    assert f1 >= 0.5 and p >= 0.6


@pytest.mark.skipif(not OLID.exists(), reason=f"OLID not found at {OLID}")
def test_olid(engine: FlagEngine) -> None:
    with (OLID / "labels-levela.csv").open(encoding="utf-8", newline="") as f:
        labels = {row["id"]: row["label"] == "OFF" for row in csv.DictReader(f)}
    with (OLID / "testset-levela.tsv").open(encoding="utf-8", newline="") as f:
        tweets = [(row["id"], row["tweet"]) for row in csv.DictReader(f, delimiter="\t")]
    gold = [labels[i] for i, _ in tweets]
    f1, p, r = macro_f1(offensive(engine, [t for _, t in tweets]), gold)
    print(f"\nOLID level A test ({len(tweets)}): macro-F1 {f1:.3f}, OFF P {p:.3f} R {r:.3f}")
    assert f1 >= 0.5 and p >= 0.6
