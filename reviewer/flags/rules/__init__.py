"""The rule implementations, one module per rule family.

``IMPLEMENTED_RULES`` names the rules the engine can run today; the policy pack
configures all of the contract's rules, but only these produce flags. The
factories are imported lazily so that loading a policy stays cheap and free of
import cycles (the rule modules read the policy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy
    from reviewer.flags.prepared import PreparedPost, RuleResult

IMPLEMENTED_RULES: tuple[str, ...] = (
    "confidential",
    "personal_data",
    "credential_leak",
    "suspicious_link",
    "security_incident",
    "brand_negativity",
    "competitor_negativity",
    "profanity",
    "hate",
)


class Rule(Protocol):
    """What the engine needs from a rule.

    A rule may also declare ``triggers``: lower-case substrings of the
    folded text (:attr:`PreparedPost.folded_fast`) at least one of which every
    post it flags contains. The engine finds the triggers of all rules in one
    Aho-Corasick pass per post and calls :meth:`check` only on posts with one
    of the rule's triggers; a rule without ``triggers`` (or with ``None``)
    sees every post. See :mod:`reviewer.flags.engine`.
    """

    name: str

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Warm caches for a batch before :meth:`check` runs on its posts."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """The rule's finding on one post, or None."""


def build_rule(name: str, policy: Policy) -> Rule:
    """Instantiate the implementation of rule ``name`` for ``policy``."""
    if name == "confidential":
        from reviewer.flags.rules.confidential import ConfidentialRule

        return ConfidentialRule(policy)
    if name == "personal_data":
        from reviewer.flags.rules.personal_data import PersonalDataRule

        return PersonalDataRule(policy)
    if name == "credential_leak":
        from reviewer.flags.rules.credential_leak import CredentialLeakRule

        return CredentialLeakRule(policy)
    if name == "suspicious_link":
        from reviewer.flags.rules.suspicious_link import SuspiciousLinkRule

        return SuspiciousLinkRule(policy)
    if name == "security_incident":
        from reviewer.flags.rules.security_incident import SecurityIncidentRule

        return SecurityIncidentRule(policy)
    if name in ("brand_negativity", "competitor_negativity"):
        from reviewer.flags.rules.negativity import NegativityRule

        return NegativityRule(policy, name)
    if name == "profanity":
        from reviewer.flags.rules.offensive import ProfanityRule

        return ProfanityRule(policy)
    if name == "hate":
        from reviewer.flags.rules.offensive import HateRule

        return HateRule(policy)
    raise KeyError(f"rule {name!r} is not implemented")
