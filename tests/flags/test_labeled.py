"""Precision and recall of confidential and personal_data on a small labeled set.

tests/flags/data/labeled.json holds hand-written EN and DE posts: for each rule
at least 20 positives and 40 hard negatives (near-misses, look-alike numbers,
the organisation's own addresses). Known misses are kept in the set, noted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.flags.engine import FlagEngine
from tests.flags.labeled_support import score

DATA = Path(__file__).parent / "data" / "labeled.json"
ROWS = json.loads(DATA.read_text(encoding="utf-8"))


def test_the_set_is_big_enough() -> None:
    for rule in ("confidential", "personal_data"):
        rows = [r for r in ROWS if r["rule"] == rule]
        assert sum(r["label"] for r in rows) >= 20
        assert sum(not r["label"] for r in rows) >= 40
        assert {r["lang"] for r in rows} == {"de", "en"}


@pytest.mark.parametrize("rule", ["confidential", "personal_data"])
def test_precision_and_recall(engine: FlagEngine, rule: str) -> None:
    result = score(engine, ROWS, rule)
    print(result.line(rule))
    recall, precision = result.recall, result.precision
    assert recall >= 0.9
    assert precision >= 0.9
