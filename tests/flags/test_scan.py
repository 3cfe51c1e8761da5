"""The cascade's Hyperscan pass gives the masks of its own Aho-Corasick and ``re`` pass."""

from __future__ import annotations

import array
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate
from reviewer.flags import scan
from reviewer.flags.engine import FlagEngine
from reviewer.flags.normalize import fast_views
from reviewer.flags.policy import Policy, load_policy
from reviewer.flags.prepared import Batch

pytestmark = pytest.mark.skipif(
    not scan.available(), reason="the hyperscan package is not installed (built for x86-64 only)"
)

DATA = Path(__file__).parent / "data"

# Digits and spaces of several scripts, and what numbers are written with.
TRICKY = [
    "IBAN DE89 3704 0044 0532 0130 00 bitte",
    "IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000",  # no-break spaces
    "Konto ٠١٢٣٤٥٦٧٨٩٠١٢٣ (Arabic-Indic digits)",
    "Karte ４１１１ １１１１ １１１１ １１１１",  # fullwidth
    "call +49\u3000171\u30002345678",  # ideographic spaces
    "call 0171\u20052345678",
    "0171\x852345678 next line",
    "Nummer (030) 1234567 oder 030/1234567",
    "DE12 3456 7890 1234 5678 90 und GB82WEST12345698765432",
    "order 100000 and 1000000 and (123456)",
    "v2 0123456 A1 12 3456",
    "Nordwind will refund every customer, sagt der Sprecher",
    "Projekt P0larstern: streng vertraulich",
    "",
    "😀" * 5 + " 1234 5678 9012 3456",
    "Mathe 𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎𝟏𝟐",
]


def _engines(policy: Policy) -> tuple[FlagEngine, FlagEngine]:
    return FlagEngine(policy, hyperscan=True), FlagEngine(policy, hyperscan=False)


def _masks(engine: FlagEngine, texts: list[str]) -> list[int]:
    folded, clean = fast_views(texts)
    batch = Batch(folded, [None] * len(texts), engine.cascade.hyperscan)
    return engine.cascade.masks(folded, clean, batch)


def _assert_same(quick: list[int], exact: list[int], engine: FlagEngine) -> None:
    """Every rule's bit the same, except that Hyperscan's ASCII forms of personal_data's
    patterns may wake it on more posts (never on fewer): its check tests again."""
    bit = 1 << [r.name for r in engine.rules].index("personal_data")
    for q, e in zip(quick, exact, strict=True):
        assert q & ~bit == e & ~bit
        assert q & bit or not e & bit


def _labeled_texts() -> list[str]:
    return [
        case["text"]
        for name in ("labeled.json", "labeled_claims.json", "labeled_security.json")
        for case in json.loads((DATA / name).read_text(encoding="utf-8"))
    ]


def test_the_odd_characters_are_every_non_ascii_digit_and_space() -> None:
    chars = array.array("I", range(0x80, 0xD800)).tobytes().decode("utf-32-le") + array.array(
        "I", range(0xE000, 0x110000)
    ).tobytes().decode("utf-32-le")
    expected = {ord(m.group()) for m in re.finditer(r"[\d\s]", chars)}
    got = {cp for lo, hi in scan.non_ascii_digits_and_spaces() for cp in range(lo, hi + 1)}
    assert got == expected
    assert "\u0660" in chars and 0x0660 in got and 0x3000 in got


def test_both_searches_give_the_same_masks(policy: Policy) -> None:
    fast, own = _engines(policy)
    assert fast.cascade.scanner is not None and own.cascade.scanner is None
    texts = TRICKY + _labeled_texts() + [r["text"] for r in generate(3000, seed=11)]
    quick, exact = _masks(fast, texts), _masks(own, texts)
    _assert_same(quick, exact, fast)
    assert sum(map(bool, quick)) > len(texts) // 10


def test_both_searches_give_the_same_flags(policy: Policy) -> None:
    fast, own = _engines(policy)
    posts = [
        {"post_id": f"p{k}", "text": t, "author": "employee_1"}
        for k, t in enumerate(TRICKY + _labeled_texts())
    ]
    flags = fast.flag(posts)
    assert flags == own.flag(posts)
    assert {f.rule for f in flags} >= {"personal_data", "confidential"}


def test_a_nul_in_a_text_takes_the_own_search(policy: Policy) -> None:
    fast, own = _engines(policy)
    texts = ["IBAN DE89 3704 0044 0532 0130 00", "a\x00b Nordwind", "Projekt Polarstern"]
    folded, clean = fast_views(texts)
    assert fast.cascade.scanner is not None
    assert not fast.cascade.scanner.scan([0] * 3, Batch(folded, [None] * 3), clean)
    _assert_same(_masks(fast, texts), _masks(own, texts), fast)


_PIECES = st.sampled_from(
    [
        "0",
        "1",
        "7",
        "٣",
        "𝟕",
        " ",
        "-",
        "/",
        "(",
        ")",
        "+",
        ".",
        "\u00a0",
        "\x85",
        "\u2003",
        "DE",
        "GB",
        "A",
        "x",
        "ü",
        "\n",
    ]
)


_ENGINES = _engines(load_policy()) if scan.available() else (None, None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=6))
def test_the_number_and_phone_patterns_find_every_post_re_finds(texts: list[str]) -> None:
    fast, own = _ENGINES
    _assert_same(_masks(fast, texts), _masks(own, texts), fast)


def test_a_hyperscan_that_cannot_run_here_leaves_the_own_search(
    policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_needles: object) -> None:
        raise scan.hyperscan.error("this CPU lacks SSSE3")

    monkeypatch.setattr(scan, "literal_database", refuse)
    scan.available.cache_clear()
    try:
        assert not scan.available()
        engine = FlagEngine(policy)
        assert engine.cascade.scanner is None and not engine.cascade.hyperscan
        flags = engine.flag([{"post_id": "p", "text": "IBAN DE89 3704 0044 0532 0130 00"}])
        assert [f.rule for f in flags] == ["personal_data"]
    finally:
        scan.available.cache_clear()
