"""``reviewer eval``: the rules measured against labeled data.

Each evaluation reads one data set in place, runs the real rules (or, for the
sentiment sets, the negativity rules' scorers) and returns a :class:`Result`
with precision, recall and F2 of the flag, the data set's own measure (Pearson
r, AUC, macro-F1) and the project's target. Missing data is a skipped result
with its reason, never an error.

Public sets live in ``shared/eval`` beside the repository (see its
SOURCES.md); they are read, never copied. Tuning happens on the train/dev
splits, the reported numbers come from the test splits. The project's own
labeled sets are JSON lists of ``{"rule", "label", "text", ...}`` rows in
``tests/flags/data``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.flags.engine import FlagEngine, FlagInput
from reviewer.flags.metrics import Counts, auc, pearson
from reviewer.flags.normalize import fold_fast
from reviewer.flags.policy import Policy
from reviewer.flags.rules import IMPLEMENTED_RULES
from reviewer.flags.rules.negativity import german_polarity, vader

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "eval"
DEFAULT_LABELED = REPO / "tests" / "flags" / "data"

# Targets of issue 4 (a metric at or above its value passes).
OWN_F2 = 0.85
EN_PEARSON = 0.85
DE_AUC = 0.75
PII_PRECISION = 0.95
# A VADER tweet counts as negative when the human mean is at or below this (-4..4).
VADER_NEGATIVE = -0.5
# presidio-research entity types that personal_data is meant to find.
PRESIDIO_TYPES = frozenset({"CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"})
OFFENSIVE_RULES = ("profanity", "hate")


@dataclass(slots=True)
class Result:
    """One line of the evaluation table."""

    dataset: str
    split: str
    rule: str
    n: int = 0
    positives: int = 0
    counts: Counts | None = None
    measures: dict[str, float] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)
    skipped: str = ""
    note: str = ""

    @property
    def missed(self) -> list[str]:
        """The targets this result misses, as "metric value < target"."""
        values = self.values()
        return [
            f"{name} {values.get(name, 0.0):.3f} < {target}"
            for name, target in self.targets.items()
            if not self.skipped and values.get(name, 0.0) < target
        ]

    def values(self) -> dict[str, float]:
        """Precision, recall, F2 (when the result has counts) and the extra measures."""
        out: dict[str, float] = {}
        if self.counts is not None:
            out |= {
                "precision": self.counts.precision,
                "recall": self.counts.recall,
                "f2": self.counts.f2,
            }
        return out | self.measures

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "dataset": self.dataset,
            "split": self.split,
            "rule": self.rule,
            "n": self.n,
            "positives": self.positives,
            **(
                {"tp": self.counts.tp, "fp": self.counts.fp, "fn": self.counts.fn}
                if self.counts
                else {}
            ),
            "metrics": {k: round(v, 4) for k, v in self.values().items()},
            "targets": self.targets,
            "passed": not self.skipped and not self.missed,
            "skipped": self.skipped or None,
            "note": self.note or None,
        }


def _skip(dataset: str, split: str, rule: str, reason: str) -> Result:
    return Result(dataset, split, rule, skipped=reason)


def _flagged(engine: FlagEngine, posts: Sequence[FlagInput], rules: Iterable[str]) -> set[str]:
    wanted = set(rules)
    return {f.post_id for f in engine.iter_flags(posts) if f.rule in wanted}


# -- the project's own labeled sets -------------------------------------------

_POST_KEYS = ("platform", "kind", "author", "lang", "media", "reply_to")


def labeled_counts(
    engine: FlagEngine, rows: Sequence[dict[str, Any]], rule: str
) -> tuple[Counts, list[bool]]:
    """Hits and misses of ``rule`` on the rows labeled for it, and which of them it flagged."""
    rows = [r for r in rows if r["rule"] == rule]
    posts: list[FlagInput] = []
    for i, row in enumerate(rows):
        post: dict[str, Any] = {"post_id": str(i), "text": row["text"]}
        post |= {k: row[k] for k in _POST_KEYS if k in row}
        posts.append(post)  # type: ignore[arg-type]
    flagged = _flagged(engine, posts, [rule])
    predicted = [str(i) in flagged for i in range(len(rows))]
    return Counts.of(predicted, [r["label"] for r in rows]), predicted


def eval_labeled(engine: FlagEngine, folder: Path) -> list[Result]:
    """Per rule precision, recall and F2 on every ``*.json`` labeled set in ``folder``."""
    if not folder.is_dir():
        return [_skip("own labeled sets", "all", "*", f"no labeled sets at {folder}")]
    results: list[Result] = []
    for path in sorted(folder.glob("*.json")):
        rows = json.loads(path.read_text(encoding="utf-8"))
        for rule in dict.fromkeys(r["rule"] for r in rows):
            if rule not in engine.active_rules:
                why = "not implemented" if rule not in IMPLEMENTED_RULES else "disabled"
                results.append(_skip(path.stem, "all", rule, f"rule {why}"))
                continue
            counts, _ = labeled_counts(engine, rows, rule)
            results.append(
                Result(
                    path.stem,
                    "all",
                    rule,
                    n=sum(r["rule"] == rule for r in rows),
                    positives=counts.tp + counts.fn,
                    counts=counts,
                    targets={"f2": OWN_F2},
                )
            )
    return results


# -- sentiment ------------------------------------------------------------------


def eval_vader_tweets(policy: Policy, data: Path) -> list[Result]:
    """English negativity: Pearson r against the human mean on VADER's tweets."""
    path = data / "vader_hutto_ICWSM_2014" / "tweets_GroundTruth.txt"
    name, rule = "vader_tweets", "brand_negativity (EN)"
    if not path.exists():
        return [_skip(name, "all", rule, f"not found: {path}")]
    cfg = policy.effective["negativity"]
    analyser = vader(tuple(cfg["en_lexicon"]))
    if analyser is None:
        return [_skip(name, "all", rule, "vaderSentiment is not installed")]
    scores, human = [], []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            scores.append(analyser.polarity_scores(parts[2])["compound"])
            human.append(float(parts[1]))
    gold = [h <= VADER_NEGATIVE for h in human]
    counts = Counts.of([s <= cfg["en_threshold"] for s in scores], gold)
    return [
        Result(
            name,
            "all",
            rule,
            n=len(scores),
            positives=sum(gold),
            counts=counts,
            measures={"pearson_r": pearson(scores, human)},
            targets={"pearson_r": EN_PEARSON},
            note=f"paper r 0.881; negative = human mean <= {VADER_NEGATIVE}",
        )
    ]


def germeval2017_docs(data: Path, split: str) -> list[tuple[str, bool]]:
    """GermEval-2017 documents (deduplicated by id) and whether they are negative."""
    csv.field_size_limit(sys.maxsize)
    path = data / "germeval2017_db_sentiment" / f"{split}_df_opinion.tsv"
    docs: dict[str, tuple[str, bool]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            docs.setdefault(row["id"], (row["text"] or "", row["sentiment"] == "negative"))
    return list(docs.values())


def eval_germeval2017(policy: Policy, data: Path, splits: Sequence[str]) -> list[Result]:
    """German negativity: AUC and F1 of the polarity lexicon, negative vs the rest."""
    name, rule = "germeval2017", "brand_negativity (DE)"
    scorer = german_polarity(policy)
    threshold = policy.effective["negativity"]["de_threshold"]
    results = []
    for split in splits:
        path = data / "germeval2017_db_sentiment" / f"{split}_df_opinion.tsv"
        if not path.exists():
            results.append(_skip(name, split, rule, f"not found: {path}"))
            continue
        docs = germeval2017_docs(data, split)
        polarity = [scorer.score(fold_fast(text), text) for text, _ in docs]
        gold = [negative for _, negative in docs]
        counts = Counts.of([p <= threshold for p in polarity], gold)
        reported = split == "test_syn"
        results.append(
            Result(
                name,
                split,
                rule,
                n=len(docs),
                positives=sum(gold),
                counts=counts,
                measures={"auc": auc([-p for p in polarity], gold), "f1": counts.f1},
                targets={"auc": DE_AUC} if reported else {},
                note="reported split" if reported else "tuning split",
            )
        )
    return results


# -- offensive language ---------------------------------------------------------


def _offensive_result(
    engine: FlagEngine, name: str, split: str, texts: list[str], gold: list[bool]
) -> Result:
    posts: list[FlagInput] = [{"post_id": str(i), "text": t} for i, t in enumerate(texts)]
    flagged = _flagged(engine, posts, OFFENSIVE_RULES)
    counts = Counts.of([str(i) in flagged for i in range(len(texts))], gold)
    return Result(
        name,
        split,
        "profanity+hate",
        n=len(texts),
        positives=sum(gold),
        counts=counts,
        measures={"macro_f1": counts.macro_f1},
        note="offensive = flagged by profanity or hate",
    )


def eval_germeval2018(engine: FlagEngine, data: Path) -> list[Result]:
    """German offensive language (OFFENSE vs OTHER) on GermEval-2018 test."""
    path = data / "germeval2018" / "germeval2018.test.txt"
    if not path.exists():
        return [_skip("germeval2018", "test", "profanity+hate", f"not found: {path}")]
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r) >= 2]
    gold = [r[1] == "OFFENSE" for r in rows]
    return [_offensive_result(engine, "germeval2018", "test", [r[0] for r in rows], gold)]


def eval_olid(engine: FlagEngine, data: Path) -> list[Result]:
    """English offensive language (OFF vs NOT) on OLID level A test."""
    folder = data / "olid_offenseval2019"
    if not (folder / "testset-levela.tsv").exists() or not (folder / "labels-levela.csv").exists():
        return [_skip("olid", "test", "profanity+hate", f"not found: {folder}")]
    with (folder / "labels-levela.csv").open(encoding="utf-8", newline="") as f:
        labels = {row["id"]: row["label"] == "OFF" for row in csv.DictReader(f)}
    with (folder / "testset-levela.tsv").open(encoding="utf-8", newline="") as f:
        tweets = [(row["id"], row["tweet"]) for row in csv.DictReader(f, delimiter="\t")]
    gold = [labels[i] for i, _ in tweets]
    return [_offensive_result(engine, "olid", "test", [t for _, t in tweets], gold)]


# -- personal data --------------------------------------------------------------


def eval_presidio(engine: FlagEngine, data: Path) -> list[Result]:
    """personal_data on presidio-research synthetic sentences, span by span.

    A piece of evidence is right when it overlaps a gold span of a type the
    rule covers (card, phone, e-mail, IBAN); a gold span is found when some
    evidence overlaps it.
    """
    path = data / "presidio_research" / "synth_dataset_v2.json"
    name, rule = "presidio_synth", "personal_data"
    if not path.exists():
        return [_skip(name, "all", rule, f"not found: {path}")]
    records = json.loads(path.read_text(encoding="utf-8"))
    posts: list[FlagInput] = [
        {"post_id": str(i), "text": r["full_text"]} for i, r in enumerate(records)
    ]
    evidence: dict[str, list[tuple[int, int]]] = {}
    for flag in engine.iter_flags(posts):
        if flag.rule == rule:
            evidence[flag.post_id] = [(e.start, e.end) for e in flag.evidence]
    tp = fp = fn = 0
    for i, record in enumerate(records):
        gold = [
            (s["start_position"], s["end_position"])
            for s in record["spans"]
            if s["entity_type"] in PRESIDIO_TYPES
        ]
        found = evidence.get(str(i), [])
        right = [e for e in found if any(e[0] < b and a < e[1] for a, b in gold)]
        tp += len(right)
        fp += len(found) - len(right)
        fn += sum(1 for a, b in gold if not any(e[0] < b and a < e[1] for e in found))
    counts = Counts(tp, fp, fn)
    return [
        Result(
            name,
            "all",
            rule,
            n=len(records),
            positives=sum(
                1 for r in records for s in r["spans"] if s["entity_type"] in PRESIDIO_TYPES
            ),
            counts=counts,
            targets={"precision": PII_PRECISION},
            note="spans of CREDIT_CARD, PHONE_NUMBER, EMAIL_ADDRESS, IBAN_CODE",
        )
    ]


# -- all of it ------------------------------------------------------------------

DATASETS = ("own", "vader_tweets", "germeval2017", "germeval2018", "olid", "presidio")


def evaluate(
    policy: Policy,
    data: Path = DEFAULT_DATA,
    labeled: Path = DEFAULT_LABELED,
    datasets: Sequence[str] = DATASETS,
    progress: Callable[[str], None] | None = None,
) -> list[Result]:
    """Every selected evaluation under ``policy``, in the order of :data:`DATASETS`."""
    engine = FlagEngine(policy)
    runs: dict[str, Callable[[], list[Result]]] = {
        "own": lambda: eval_labeled(engine, labeled),
        "vader_tweets": lambda: eval_vader_tweets(policy, data),
        "germeval2017": lambda: eval_germeval2017(policy, data, ("dev", "test_syn")),
        "germeval2018": lambda: eval_germeval2018(engine, data),
        "olid": lambda: eval_olid(engine, data),
        "presidio": lambda: eval_presidio(engine, data),
    }
    results: list[Result] = []
    for name in DATASETS:
        if name in datasets:
            if progress:
                progress(name)
            results.extend(runs[name]())
    return results


COLUMNS = ("dataset", "split", "rule", "n", "pos", "P", "R", "F2", "measure", "target", "status")


def table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    """The evaluation as rows of :data:`COLUMNS`, numbers to three places."""
    rows = []
    for r in results:
        if r.skipped:
            rows.append(
                (r.dataset, r.split, r.rule, "", "", "", "", "", "", "", f"skipped: {r.skipped}")
            )
            continue
        c = r.counts
        measure = ", ".join(f"{k} {v:.3f}" for k, v in r.measures.items())
        target = ", ".join(f"{k} >= {v}" for k, v in r.targets.items())
        status = ("MISSED " + "; ".join(r.missed)) if r.missed else ("ok" if r.targets else "-")
        rows.append(
            (
                r.dataset,
                r.split,
                r.rule,
                str(r.n),
                str(r.positives),
                f"{c.precision:.3f}" if c else "",
                f"{c.recall:.3f}" if c else "",
                f"{c.f2:.3f}" if c else "",
                measure,
                target,
                status,
            )
        )
    return rows
