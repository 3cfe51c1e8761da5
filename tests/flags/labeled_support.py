"""Scoring a rule against a labeled set, shared by the labeled-set tests.

The counting lives in :mod:`reviewer.flags.evaluate` (``reviewer eval`` uses
the same code); this adds the list of wrong rows that a failing test prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.flags.engine import FlagEngine
from reviewer.flags.evaluate import labeled_counts


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
    counts, flagged = labeled_counts(engine, rows, rule)
    mine = [r for r in rows if r["rule"] == rule]
    wrong = [
        ("missed" if r["label"] else "false alarm", r["text"])
        for r, hit in zip(mine, flagged, strict=True)
        if r["label"] != hit
    ]
    return Score(counts.precision, counts.recall, counts.f2, counts.tp, counts.fp, counts.fn, wrong)
