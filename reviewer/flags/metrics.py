"""Quality measures shared by ``reviewer eval`` and the tests: no I/O, no rules."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Counts:
    """True and false positives and false negatives of one binary decision."""

    tp: int
    fp: int
    fn: int
    tn: int = 0

    @classmethod
    def of(cls, predicted: Sequence[bool], gold: Sequence[bool]) -> Counts:
        """Count hits and misses of ``predicted`` against ``gold``."""
        tp = fp = fn = tn = 0
        for p, g in zip(predicted, gold, strict=True):
            if p and g:
                tp += 1
            elif p:
                fp += 1
            elif g:
                fn += 1
            else:
                tn += 1
        return cls(tp, fp, fn, tn)

    @property
    def precision(self) -> float:
        """Share of the flagged that are right (0 when nothing was flagged)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of the positives that were flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def f_beta(self, beta: float) -> float:
        """F-beta; beta 2 weighs recall four times as much as precision."""
        p, r = self.precision, self.recall
        b2 = beta * beta
        return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0

    @property
    def f1(self) -> float:
        """F1 of the positive class."""
        return self.f_beta(1.0)

    @property
    def f2(self) -> float:
        """F2 of the positive class (the project's per-rule target)."""
        return self.f_beta(2.0)

    @property
    def macro_f1(self) -> float:
        """Mean of the F1 of the positive and of the negative class."""
        flipped = Counts(self.tn, self.fn, self.fp, self.tp)
        return (self.f1 + flipped.f1) / 2


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of two equally long series (0 when one is constant)."""
    n = len(xs)
    if n == 0:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    vy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (vx * vy) if vx and vy else 0.0


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Probability that a positive outranks a negative (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda pair: pair[0])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average = (i + j + 1) / 2  # 1-based average rank of the tie group
        rank_sum += average * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    pos = sum(1 for label in labels if label)
    neg = len(labels) - pos
    if not pos or not neg:
        return 0.5
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)
