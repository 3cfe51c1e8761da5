"""Scoring a rule against a labeled set, shared by the labeled-set tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.flags.engine import FlagEngine

# Columns of a post a labeled row may carry besides its text (the speaking rules need them).
POST_FIELDS = ("author", "kind", "media", "reply_to", "parent_text")


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f2: float
    tp: int
    fp: int
    fn: int
    wrong: list[tuple[str, str]]

    def line(self, rule: str) -> str:
        return (
            f"\n{rule}: precision {self.precision:.3f} recall {self.recall:.3f} F2 {self.f2:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}); wrong: {self.wrong}"
        )


def score(engine: FlagEngine, rows: list[dict[str, Any]], rule: str) -> Score:
    """Run the engine over the rows labeled for ``rule`` and count hits and misses."""
    rows = [r for r in rows if r["rule"] == rule]
    posts = [
        {"post_id": str(i), "text": r["text"], **{k: r[k] for k in POST_FIELDS if k in r}}
        for i, r in enumerate(rows)
    ]
    flagged = {f.post_id for f in engine.flag(posts) if f.rule == rule}
    tp = sum(1 for i, r in enumerate(rows) if r["label"] and str(i) in flagged)
    fp = sum(1 for i, r in enumerate(rows) if not r["label"] and str(i) in flagged)
    fn = sum(1 for i, r in enumerate(rows) if r["label"] and str(i) not in flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
    wrong = [
        ("missed" if r["label"] else "false alarm", r["text"])
        for i, r in enumerate(rows)
        if r["label"] != (str(i) in flagged)
    ]
    return Score(precision, recall, f2, tp, fp, fn, wrong)
