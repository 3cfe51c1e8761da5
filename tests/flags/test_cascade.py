"""The engine's trigger cascade: rules see only posts with their triggers, results unchanged."""

from __future__ import annotations

import pytest

from bench.generate import generate
from reviewer.flags import scan
from reviewer.flags.engine import Cascade, FlagEngine
from reviewer.flags.policy import Policy
from reviewer.flags.prepared import Batch, PreparedPost, RuleResult


class Recorder:
    """A rule that flags every post it is shown and remembers which those were."""

    def __init__(self, name: str, triggers: frozenset[str] | None) -> None:
        self.name = name
        self.triggers = triggers
        self.seen: list[str] = []

    def prepare(self, batch: list[PreparedPost]) -> None:
        pass

    def check(self, post: PreparedPost) -> RuleResult | None:
        self.seen.append(post.post_id)
        return RuleResult(1.0, [])


def test_rules_see_only_posts_with_their_triggers(policy: Policy) -> None:
    engine = FlagEngine(policy)
    breach = Recorder("security_incident", frozenset({"breach", "datenleck"}))
    always = Recorder("confidential", None)
    engine.rules = [always, breach]  # type: ignore[list-item]
    engine.cascade = Cascade(engine.rules)  # type: ignore[arg-type]
    engine._severity = [policy.rule(r.name).severity for r in engine.rules]
    posts = [
        {"post_id": "a", "text": "Nothing to see"},
        {"post_id": "b", "text": "We had a DATA BREACH"},
        {"post_id": "c", "text": "Ein Datenleck bei uns"},
    ]
    flags = engine.flag(posts)
    assert always.seen == ["a", "b", "c"]
    assert breach.seen == ["b", "c"]
    # Grouped by post in input order, rules in the engine's order within a post.
    assert [(f.post_id, f.rule) for f in flags] == [
        ("a", "confidential"),
        ("b", "confidential"),
        ("b", "security_incident"),
        ("c", "confidential"),
        ("c", "security_incident"),
    ]


def test_the_cascade_changes_no_flag(policy: Policy) -> None:
    records = generate(4000, seed=3)
    extra = [
        "Nordwind hat mich schon wieder abgezockt, nie wieder!",
        "Solaris Power is a scam, their support is useless",
        "f*ck this, what a sh1tty day",
        "Customer portal moved: https://nordwind-energy.com/account",
        "my api key is ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "Call me at +49 171 2345678 tonight",
    ]
    posts = [{"post_id": str(r["id"]), "text": str(r["text"])} for r in records]
    posts += [{"post_id": f"x{i}", "text": t} for i, t in enumerate(extra)]
    fast = FlagEngine(policy).flag(posts)
    slow = FlagEngine(policy, use_triggers=False).flag(posts)
    assert fast == slow
    assert {f.rule for f in fast} >= {
        "confidential",
        "personal_data",
        "brand_negativity",
        "competitor_negativity",
        "profanity",
        "suspicious_link",
        "credential_leak",
    }


def test_arrow_batches_flag_like_dicts(policy: Policy) -> None:
    import pyarrow as pa

    from reviewer.flags.prepared import PreparedPost

    texts = [
        "Projekt Polarstern startet",
        None,
        "Mail an anna.schmidt@example.org",
        "Nordwind ist eine Katastrophe, nie wieder!",
    ]
    posts = [
        {"post_id": f"p{i}", "text": t, "author": "a", "media": "[]" if i else '[{"u": 1}]'}
        for i, t in enumerate(texts)
    ]
    engine = FlagEngine(policy)
    from_arrow = engine.flag_arrow(pa.Table.from_pylist(posts))
    assert from_arrow == engine.flag(posts)
    assert [(f.post_id, f.rule) for f in from_arrow] == [
        ("p0", "confidential"),
        ("p0", "missing_credit"),  # media and no credit line
        ("p2", "personal_data"),
        ("p3", "brand_negativity"),
        ("p3", "missing_disclaimer"),  # author "a" is a personal account naming Nordwind
    ]
    # Media stored as JSON text is parsed when a rule asks for it.
    assert PreparedPost("x", "", media='[{"u": 1}]').media == [{"u": 1}]
    assert PreparedPost("x", "", media=None).media == []


class Selecting(Recorder):
    """A rule without triggers that narrows a batch to its posts with "x"."""

    def select(self, batch: Batch) -> list[int]:
        return [k for k, text in enumerate(batch.folded) if "x" in text]


def test_a_select_narrows_a_rule_without_triggers(policy: Policy) -> None:
    posts = [
        {"post_id": "a", "text": "no"},
        {"post_id": "b", "text": "XL"},
        {"post_id": "c", "text": ""},
        {"post_id": "d", "text": "box"},
    ]
    for use_triggers, expected in ((True, ["b", "d"]), (False, ["a", "b", "c", "d"])):
        engine = FlagEngine(policy)
        rule = Selecting("confidential", None)
        engine.rules = [rule]  # type: ignore[list-item]
        engine.cascade = Cascade(engine.rules, use_triggers)  # type: ignore[arg-type]
        engine._severity = [policy.rule("confidential").severity]
        assert [f.post_id for f in engine.flag(posts)] == expected
        assert rule.seen == expected  # the baseline (no triggers) ignores select


@pytest.mark.parametrize("hyperscan", [False, True])
def test_a_rule_with_trigger_sets_sees_posts_holding_one_of_each(
    policy: Policy, hyperscan: bool
) -> None:
    if hyperscan and not scan.available():
        pytest.skip("the hyperscan package is not installed (built for x86-64 only)")
    engine = FlagEngine(policy, hyperscan=hyperscan)
    both = Recorder("unauthorized_spokesperson", frozenset({"on behalf of"}))
    both.trigger_all = (frozenset({"tarif", "tariff"}), frozenset({"will", "wird"}))  # type: ignore[attr-defined]
    plain = Recorder("security_incident", frozenset({"tariff"}))
    engine.rules = [both, plain]  # type: ignore[list-item]
    engine.cascade = Cascade(engine.rules, hyperscan=hyperscan)  # type: ignore[arg-type]
    engine._severity = [policy.rule(r.name).severity for r in engine.rules]
    posts = [
        {"post_id": "topic+verb", "text": "The new tariff will start in May"},
        {"post_id": "de", "text": "Der Tarif wird günstiger"},
        {"post_id": "topic only", "text": "Our tariff is fair"},
        {"post_id": "verb only", "text": "It will rain"},
        {"post_id": "cue", "text": "I speak on behalf of the company"},
        {"post_id": "none", "text": "Nothing here"},
    ]
    engine.flag(posts)
    assert both.seen == ["topic+verb", "de", "cue"]
    assert plain.seen == ["topic+verb", "topic only"]
