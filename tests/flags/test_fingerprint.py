"""Per-rule fingerprints: each rule declares exactly what it reads; only that moves its print."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from reviewer.flags.engine import FlagEngine
from reviewer.flags.fingerprint import (
    RULE_READS,
    detection_fingerprint,
    plan_reflag,
    rule_fingerprints,
)
from reviewer.flags.policy import (
    DEFAULT_POLICY_PATH,
    RULESET_REVISION,
    Policy,
    load_policy,
    parse_policy,
)
from reviewer.flags.prepared import PreparedPost
from reviewer.flags.rules import IMPLEMENTED_RULES, build_rule
from reviewer.model import RULES


class _Paths(dict):  # type: ignore[type-arg]
    """A policy section that records the path of every value read from it."""

    def __init__(self, data: dict[str, Any], prefix: str, seen: set[str]) -> None:
        super().__init__(data)
        self._prefix = prefix
        self._seen = seen

    def _value(self, key: str, value: Any) -> Any:
        path = f"{self._prefix}.{key}" if self._prefix else key
        if isinstance(value, dict):
            return _Paths(value, path, self._seen)
        self._seen.add(path)
        return value

    def __getitem__(self, key: str) -> Any:
        return self._value(key, dict.__getitem__(self, key))

    def get(self, key: str, default: Any = None) -> Any:
        return self._value(key, dict.get(self, key, default))

    def _whole(self) -> None:
        self._seen.add(self._prefix or "*")

    def items(self):  # type: ignore[no-untyped-def]
        self._whole()
        return dict.items(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._whole()
        return dict.values(self)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._whole()
        return dict.__iter__(self)


class _Attrs:
    """A policy object (``organization``, ``personal_data``) that records attribute reads."""

    def __init__(self, obj: object, prefix: str, seen: set[str]) -> None:
        self._obj, self._prefix, self._seen = obj, prefix, seen

    def __getattr__(self, name: str) -> Any:
        self._seen.add(f"{self._prefix}.{name}")
        return getattr(self._obj, name)


# Policy attributes that are copies of effective-policy values.
_ATTRIBUTE_PATHS = {
    "confidential_terms": "confidential.terms",
    "confidential_markings": "confidential.markings",
    "near_misses": "confidential.near_misses",
}


class _RecordingPolicy:
    """Stands in for a Policy and records every path of the effective policy a rule reads."""

    def __init__(self, policy: Policy, seen: set[str]) -> None:
        self._policy, self._seen = policy, seen

    def __getattr__(self, name: str) -> Any:
        if name == "effective":
            return _Paths(self._policy.effective, "", self._seen)
        if name in ("organization", "personal_data"):
            return _Attrs(getattr(self._policy, name), name, self._seen)
        self._seen.add(_ATTRIBUTE_PATHS.get(name, f"Policy.{name}"))
        return getattr(self._policy, name)


POSTS = [
    "Projekt Polarstern startet, streng vertraulich! Schreib an anna.schmidt@example.org",
    "Nordwind ist total unzuverlässig, schon wieder Stromausfall. Solaris Power is a rip-off",
    "Our wifi password: Sommer2024! and login at http://nordw1nd-energie.de/verify",
    "We at Nordwind announce the new tariff. Data breach at Nordwind, we were hacked",
    "Guaranteed 8% returns with Nordwind bonds! Studies show 90% of Germans agree",
    "Thomas Berger from Solaris Power is a fraud, fuck this. Immigrants are vermin",
    "Sorry for the trouble, DM us your contract number and we will fix it",
]


@pytest.mark.parametrize("rule", IMPLEMENTED_RULES)
def test_each_rule_declares_exactly_the_policy_paths_it_reads(rule: str) -> None:
    policy = load_policy(None)
    seen: set[str] = set()
    built = build_rule(rule, _RecordingPolicy(policy, seen))  # type: ignore[arg-type]
    posts = [
        PreparedPost(f"p{i}", t, author="lena", kind="reply", reply_to="x", parent_text=t)
        for i, t in enumerate(POSTS)
    ]
    built.prepare(posts)
    for post in posts:  # a rule that reads the policy lazily is recorded too
        built.check(post)
    declared = set(RULE_READS[rule])
    undeclared = {p for p in seen if not any(p == d or p.startswith(d + ".") for d in declared)}
    assert not undeclared, f"{rule} reads {sorted(undeclared)} without declaring them"
    unused = {d for d in declared if not any(p == d or p.startswith(d + ".") for p in seen)}
    assert not unused, f"{rule} declares {sorted(unused)} but does not read them"


def test_every_rule_has_declared_reads() -> None:
    assert set(RULE_READS) == set(IMPLEMENTED_RULES)
    for paths in RULE_READS.values():
        assert len(set(paths)) == len(paths)


def edited(policy: Policy, path: str, value: Any) -> Policy:
    """``policy`` with the effective value at ``path`` replaced (no file involved)."""
    effective = copy.deepcopy(policy.effective)
    section, _, key = path.partition(".")
    effective[section][key] = value
    return Policy(
        organization=policy.organization,
        confidential_terms=policy.confidential_terms,
        confidential_markings=policy.confidential_markings,
        near_misses=policy.near_misses,
        personal_data=policy.personal_data,
        tags=policy.tags,
        rules=policy.rules,
        version="edited",
        path=None,
        raw={},
        effective=effective,
    )


@pytest.mark.parametrize(
    ("path", "value", "affected"),
    [
        ("confidential.terms", ["Projekt Polarstern"], {"confidential"}),
        ("negativity.de_threshold", -0.5, {"brand_negativity", "competitor_negativity"}),
        (
            "offensive.profanity",
            ["fuck*"],
            {"profanity", "brand_negativity", "competitor_negativity"},
        ),
        (
            "organization.domains",
            ["example.org"],
            {
                "personal_data",
                "suspicious_link",
                "missing_disclaimer",
                "unauthorized_spokesperson",
                "complaint_reply",
            },
        ),
        (
            "speaking.self_words",
            ["wir"],
            {
                "regulated_claim",
                "missing_disclaimer",
                "unauthorized_spokesperson",
                "complaint_reply",
            },
        ),
        ("review.tags", ["x"], set()),
    ],
)
def test_a_change_moves_the_fingerprints_of_the_rules_that_read_it(
    path: str, value: Any, affected: set[str]
) -> None:
    policy = load_policy(None)
    before = {r: detection_fingerprint(policy.effective, r, RULESET_REVISION) for r in RULE_READS}
    changed = edited(policy, path, value)
    after = {r: detection_fingerprint(changed.effective, r, RULESET_REVISION) for r in RULE_READS}
    assert {r for r in RULE_READS if before[r] != after[r]} == affected


def test_wording_and_escalation_change_the_version_but_no_fingerprint() -> None:
    default = load_policy(None)
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    block = re.search(r"\[rules\.hate\][^\[]*", text)
    assert block
    reworded = re.sub(r'(?m)^(policy_ref|description) = ".*"$', r'\1 = "Other words."', block[0])
    reworded = re.sub(r'(?m)^escalate_to = ".*"$', 'escalate_to = "pr"', reworded)
    assert reworded != block[0]
    changed = parse_policy(text.replace(block[0], reworded), None, None)
    assert changed.version != default.version
    assert rule_fingerprints(changed) == rule_fingerprints(default)


def test_a_new_ruleset_revision_changes_every_fingerprint() -> None:
    effective = load_policy(None).effective
    for rule in RULES:
        assert detection_fingerprint(effective, rule, "a") != detection_fingerprint(
            effective, rule, "b"
        )


def prints(**severities: str) -> dict[str, dict[str, str]]:
    return {r: {"detect": f"d-{r}", "severity": s} for r, s in severities.items()}


def test_the_plan_of_a_change() -> None:
    old = prints(confidential="high", profanity="low", hate="critical", personal_data="high")
    new = prints(confidential="high", profanity="high", hate="critical", defamation="high")
    new["hate"]["detect"] = "other"
    plan = plan_reflag(old, new)
    assert plan.rerun == ("hate", "defamation")
    assert plan.carry == {"confidential": "high", "profanity": "high"}
    assert plan.regraded == ("profanity",)
    assert plan.dropped == ("personal_data",)
    assert not plan.full and plan.changes_flags


def test_unknown_old_fingerprints_rerun_everything() -> None:
    new = prints(confidential="high", profanity="low")
    plan = plan_reflag(None, new)
    assert plan.full and plan.rerun == ("confidential", "profanity") and not plan.carry


def test_a_subset_engine_gives_the_same_flags_of_those_rules() -> None:
    policy = load_policy(None)
    posts = [{"post_id": f"p{i}", "text": t, "author": "lena"} for i, t in enumerate(POSTS)]
    everything = FlagEngine(policy).flag(posts)
    subset = FlagEngine(policy, only={"confidential", "hate"})
    assert subset.active_rules == ["confidential", "hate"]
    assert subset.flag(posts) == [f for f in everything if f.rule in {"confidential", "hate"}]
