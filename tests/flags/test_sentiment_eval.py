"""Negativity scorers against public data in ../shared/eval (skipped when it is absent).

- English: Pearson r of the VADER compound (with the policy's extra words)
  against the human mean on VADER's tweets_GroundTruth.txt (paper: r = 0.881).
- German: AUC of our polarity lexicon for "negative" vs the rest on
  GermEval-2017 (Deutsche Bahn), documents deduplicated by id. Tuned on
  ``dev``, reported on ``test_syn``. That data has no stated licence: it is
  read in place for internal evaluation and never copied into the repository.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import pytest

from reviewer.flags.normalize import fold_fast
from reviewer.flags.policy import Policy
from reviewer.flags.rules.negativity import VADER_AVAILABLE, german_polarity, vader

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
TWEETS = EVAL / "vader_hutto_ICWSM_2014" / "tweets_GroundTruth.txt"
GERMEVAL = EVAL / "germeval2017_db_sentiment"


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    vy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (vx * vy)


def auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a positive outranks a negative (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2  # 1-based average rank of the tie group
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    pos = sum(labels)
    neg = len(labels) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def germeval_docs(split: str) -> list[tuple[str, bool]]:
    csv.field_size_limit(sys.maxsize)
    docs: dict[str, tuple[str, bool]] = {}
    with (GERMEVAL / f"{split}_df_opinion.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            docs.setdefault(row["id"], (row["text"] or "", row["sentiment"] == "negative"))
    return list(docs.values())


@pytest.mark.skipif(not TWEETS.exists(), reason=f"VADER ground truth not found at {TWEETS}")
@pytest.mark.skipif(not VADER_AVAILABLE, reason="vaderSentiment is not installed")
def test_english_negativity_correlates_with_humans(policy: Policy) -> None:
    analyser = vader(tuple(policy.effective["negativity"]["en_lexicon"]))
    xs, ys = [], []
    for line in TWEETS.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            xs.append(analyser.polarity_scores(parts[2])["compound"])
            ys.append(float(parts[1]))
    r = pearson(xs, ys)
    print(f"\nEnglish negativity: Pearson r {r:.3f} on {len(xs)} tweets (paper: 0.881)")
    assert r >= 0.85


@pytest.mark.skipif(not GERMEVAL.exists(), reason=f"GermEval-2017 not found at {GERMEVAL}")
@pytest.mark.parametrize("split", ["dev", "test_syn"])
def test_german_negativity_auc(policy: Policy, split: str) -> None:
    scorer = german_polarity(policy)
    threshold = policy.effective["negativity"]["de_threshold"]
    docs = germeval_docs(split)
    scores = [-scorer.score(fold_fast(text), text) for text, _ in docs]
    labels = [neg for _, neg in docs]
    value = auc(scores, labels)
    predicted = [s >= -threshold for s in scores]
    tp = sum(p and y for p, y in zip(predicted, labels, strict=True))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(labels))
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    print(
        f"\nGerman negativity on GermEval-2017 {split} ({len(docs)} docs, {sum(labels)} negative): "
        f"AUC {value:.3f}, at threshold {threshold}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )
    # Regression guard; the target (0.75) is not reached by the lexicon, see docs.
    assert value >= 0.68


@pytest.mark.skipif(not TWEETS.exists(), reason=f"VADER ground truth not found at {TWEETS}")
@pytest.mark.skipif(not VADER_AVAILABLE, reason="vaderSentiment is not installed")
def test_vader_prefilter_never_skips_a_negative_sentence(policy: Policy) -> None:
    from reviewer.flags.rules.negativity import _may_be_negative

    analyser = vader(tuple(policy.effective["negativity"]["en_lexicon"]))
    skipped = 0
    for line in TWEETS.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and not _may_be_negative(analyser, parts[2]):
            skipped += 1
            assert analyser.polarity_scores(parts[2])["compound"] >= 0, parts[2]
    print(f"\nVADER prefilter skipped {skipped} tweets, none of them negative")
    assert skipped > 0
