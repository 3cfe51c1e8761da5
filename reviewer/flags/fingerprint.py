"""Per-rule fingerprints: what a policy change means for each rule's flags.

A rule's flags depend on its code and on the parts of the effective policy it
reads: its own section and the shared ones (``[organization]`` names and
accounts, ``[offensive] profanity`` for the German negativity scorer,
``[speaking] self_words`` ...). :data:`RULE_READS` declares those parts per
rule, as paths into the effective policy; ``tests/flags/test_fingerprint.py``
builds every rule on a recording policy and fails when a rule reads a path it
does not declare, or declares one it does not read.

A rule's **detection fingerprint** hashes the values at its paths together
with the code revisions (``RULESET_REVISION`` for all rules, and the rule's
entry in :data:`RULE_REVISIONS`). Severity is kept apart: a severity-only
change re-grades existing flags without detecting anything again.
``reviewer flag`` compares the fingerprints of the version a post was scanned
under with the new ones (:func:`plan_reflag`): changed or newly enabled rules
run again, disabled or removed ones lose their flags, unchanged ones keep
theirs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewer.flags.rules import IMPLEMENTED_RULES
from reviewer.model import RULES

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

# Paths into the effective policy ("section.key") each rule reads, directly or
# through shared helpers (Speakers, german_polarity). Keep in step with the
# rule's constructor; the test named above checks it both ways.
_ORG_NAMES = ("organization.name", "organization.brands")
_SPEAKERS = (
    *_ORG_NAMES,
    "organization.competitors",
    "organization.domains",
    "organization.official_accounts",
    "speaking.self_words",
    "speaking.weather_before",
    "speaking.weather_words",
)
_NEGATIVITY = (
    *_ORG_NAMES,
    "organization.competitors",
    "negativity.en_threshold",
    "negativity.en_lexicon",
    "negativity.de_threshold",
    "negativity.de_negative",
    "negativity.de_positive",
    "negativity.de_negations",
    "negativity.de_boosters",
    "negativity.de_contrast",
    "negativity.de_irony",
    "offensive.profanity",  # swear words count as polar words in German
)
RULE_READS: dict[str, tuple[str, ...]] = {
    "confidential": ("confidential.terms", "confidential.markings", "confidential.near_misses"),
    "personal_data": (
        "organization.domains",
        "personal_data.role_mailboxes",
        "personal_data.phone_regions",
    ),
    "credential_leak": (
        "credential_leak.secret_words",
        "credential_leak.otp_words",
        "credential_leak.placeholders",
    ),
    "suspicious_link": (
        "organization.domains",
        "suspicious_link.shorteners",
        "suspicious_link.lure_phrases",
        "suspicious_link.trusted_domains",
        "suspicious_link.max_lookalike_distance",
    ),
    "security_incident": (
        *_ORG_NAMES,
        "security_incident.terms",
        "security_incident.self_words",
        "security_incident.not_incident",
    ),
    "brand_negativity": _NEGATIVITY,
    "competitor_negativity": _NEGATIVITY,
    "profanity": ("offensive.profanity", "offensive.not_profanity"),
    "hate": ("offensive.slurs", "offensive.groups", "offensive.attacks"),
    "regulated_claim": (
        *_ORG_NAMES,
        "speaking.self_words",
        "regulated_claim.finance_promises",
        "regulated_claim.finance_terms",
        "regulated_claim.health_effects",
        "regulated_claim.health_conditions",
        "regulated_claim.authorities",
        "regulated_claim.endorsements",
        "regulated_claim.subsidies",
        "regulated_claim.negations",
        "regulated_claim.not_claim",
    ),
    "defamation": (
        *_ORG_NAMES,
        "organization.competitors",
        "defamation.accusations",
        "defamation.person_titles",
        "defamation.negations",
        "defamation.not_defamation",
    ),
    "unlawful_activity": ("unlawful_activity.terms", "unlawful_activity.not_unlawful"),
    "missing_credit": (
        "missing_credit.credit_words",
        "missing_credit.credit_phrases",
        "missing_credit.ignore_media_types",
    ),
    "unsourced_claim": (
        "unsourced_claim.claim_phrases",
        "unsourced_claim.populations",
        "unsourced_claim.source_cues",
        "unsourced_claim.negations",
    ),
    "missing_disclaimer": (*_SPEAKERS, "speaking.disclaimers"),
    "unauthorized_spokesperson": (
        *_SPEAKERS,
        "speaking.spokesperson_cues",
        "speaking.spokesperson_roles",
        "speaking.company_we",
        "speaking.announcements",
        "speaking.company_topics",
        "speaking.hedges",
    ),
    "complaint_reply": (
        *_SPEAKERS,
        "complaint_reply.complaint_words",
        "complaint_reply.answer_cues",
        "complaint_reply.service_words",
    ),
}

# Per-rule code revision: bump a rule's entry when its detection changes (its
# module, or a helper only it uses), so that the next `reviewer flag` re-runs
# that rule alone. A change shared by every rule (normalisation, the engine)
# bumps RULESET_REVISION in reviewer/flags/policy.py instead. Rules not listed
# are at revision 1; a listed entry also changes the policy version.
RULE_REVISIONS: dict[str, int] = {
    # 2: German scorer with separable verbs, irony markers, compound fixes.
    "brand_negativity": 2,
    "competitor_negativity": 2,
}


def read_value(effective: Mapping[str, Any], path: str) -> Any:
    """The value at ``path`` ("section.key") of an effective policy, None if absent."""
    value: Any = effective
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def detection_fingerprint(effective: Mapping[str, Any], rule: str, ruleset: str) -> str:
    """16 hex digits that change whenever ``rule`` could detect differently."""
    document = {
        "rule": rule,
        "ruleset": ruleset,
        "revision": RULE_REVISIONS.get(rule, 1),
        "reads": {path: read_value(effective, path) for path in RULE_READS[rule]},
    }
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def rule_fingerprints(policy: Policy) -> dict[str, dict[str, str]]:
    """``{rule: {"detect": fingerprint, "severity": severity}}`` for every rule the engine runs."""
    from reviewer.flags.policy import RULESET_REVISION

    return {
        name: {
            "detect": detection_fingerprint(policy.effective, name, RULESET_REVISION),
            "severity": str(policy.rule(name).severity),
        }
        for name in RULES
        if name in IMPLEMENTED_RULES and policy.rule(name).active
    }


@dataclass(frozen=True, slots=True)
class ReflagPlan:
    """What moving posts from one policy version to another takes, rule by rule.

    ``rerun``: rules to run again (detection changed, newly enabled, or the old
    version is unknown); ``carry``: rules whose flags stay, mapped to their new
    severity (``regraded`` names those whose severity changed); ``dropped``:
    rules whose flags go (disabled or removed).
    """

    rerun: tuple[str, ...]
    carry: dict[str, str]
    regraded: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def full(self) -> bool:
        """Every active rule runs: new posts, or a version without fingerprints."""
        return not self.carry and not self.dropped

    @property
    def changes_flags(self) -> bool:
        """Whether any flag changes (otherwise only the scan version moves)."""
        return bool(self.rerun or self.regraded or self.dropped)


def plan_reflag(
    old: Mapping[str, Mapping[str, str]] | None, new: Mapping[str, Mapping[str, str]]
) -> ReflagPlan:
    """The plan from ``old`` fingerprints (None: unknown, all rules run) to ``new``."""
    if old is None:
        return ReflagPlan(tuple(new), {}, (), ())
    rerun = tuple(r for r in new if r not in old or old[r]["detect"] != new[r]["detect"])
    carry = {r: new[r]["severity"] for r in new if r not in rerun}
    regraded = tuple(r for r in carry if old[r]["severity"] != carry[r])
    dropped = tuple(r for r in old if r not in new)
    return ReflagPlan(rerun, carry, regraded, dropped)
