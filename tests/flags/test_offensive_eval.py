"""profanity + hate and personal_data against public sets in ../shared/eval (skipped if absent).

A post counts as "offensive" when ``profanity`` or ``hate`` flags it. Measured
on GermEval-2018 test (German, OFFENSE vs OTHER) and OLID level A test
(English, OFF vs NOT): macro-F1 printed. Both sets label insults and abuse
far beyond swear words, so a lexicon finds only part of them; the assertion
is a regression guard, the numbers are in docs/policy.md. personal_data on
presidio-research's synthetic sentences: span precision >= 0.95.

The scoring is :mod:`reviewer.flags.evaluate`, the code behind ``reviewer eval``.
"""

from __future__ import annotations

import pytest

from reviewer.flags.engine import FlagEngine
from reviewer.flags.evaluate import (
    DEFAULT_DATA,
    PII_PRECISION,
    eval_germeval2018,
    eval_olid,
    eval_presidio,
)
from reviewer.flags.metrics import Counts

GERMEVAL = DEFAULT_DATA / "germeval2018" / "germeval2018.test.txt"
OLID = DEFAULT_DATA / "olid_offenseval2019"
PRESIDIO = DEFAULT_DATA / "presidio_research" / "synth_dataset_v2.json"


def test_macro_f1_on_known_counts() -> None:
    c = Counts.of([True, True, False, False], [True, False, False, False])
    assert (c.tp, c.fp, c.fn, c.tn) == (1, 1, 0, 2)
    # positive class: P 0.5 R 1 -> F1 2/3; negative class: P 1 R 2/3 -> F1 0.8
    assert c.macro_f1 == pytest.approx((2 / 3 + 0.8) / 2)
    assert c.f2 == pytest.approx(5 * 0.5 / (4 * 0.5 + 1))


@pytest.mark.skipif(not GERMEVAL.exists(), reason=f"GermEval-2018 not found at {GERMEVAL}")
def test_germeval2018(engine: FlagEngine) -> None:
    (result,) = eval_germeval2018(engine, DEFAULT_DATA)
    assert result.counts is not None
    f1, p, r = result.measures["macro_f1"], result.counts.precision, result.counts.recall
    print(f"\nGermEval-2018 test ({result.n}): macro-F1 {f1:.3f}, OFFENSE P {p:.3f} R {r:.3f}")
    assert result.n == 3532
    assert f1 >= 0.5 and p >= 0.6


@pytest.mark.skipif(not OLID.exists(), reason=f"OLID not found at {OLID}")
def test_olid(engine: FlagEngine) -> None:
    (result,) = eval_olid(engine, DEFAULT_DATA)
    assert result.counts is not None
    f1, p, r = result.measures["macro_f1"], result.counts.precision, result.counts.recall
    print(f"\nOLID level A test ({result.n}): macro-F1 {f1:.3f}, OFF P {p:.3f} R {r:.3f}")
    assert result.n == 860
    assert f1 >= 0.5 and p >= 0.6


@pytest.mark.skipif(not PRESIDIO.exists(), reason=f"presidio-research data not found at {PRESIDIO}")
def test_presidio_personal_data_precision(engine: FlagEngine) -> None:
    (result,) = eval_presidio(engine, DEFAULT_DATA)
    c = result.counts
    assert c is not None
    print(f"\npresidio synthetic: P {c.precision:.3f} R {c.recall:.3f} (tp {c.tp} fp {c.fp})")
    assert c.precision >= PII_PRECISION
    assert c.recall >= 0.7
