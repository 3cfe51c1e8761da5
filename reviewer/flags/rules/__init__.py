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
    "regulated_claim",
    "defamation",
    "unlawful_activity",
    "missing_credit",
    "unsourced_claim",
    "missing_disclaimer",
    "unauthorized_spokesperson",
    "complaint_reply",
)


class Rule(Protocol):
    """What the engine needs from a rule.

    A rule may also declare where it can fire, so that the engine's cascade
    (:class:`reviewer.flags.engine.Cascade`) calls :meth:`check` only on posts
    where it can:

    - ``triggers``: lower-case substrings of the folded text
      (:attr:`PreparedPost.folded_fast`), found for all rules in one
      Aho-Corasick pass per batch;
    - ``trigger_patterns``: compiled regular expressions searched in the
      clean text (:attr:`PreparedPost.clean_fast`), once per batch over the
      texts joined by NUL, so a pattern must not match a NUL (no ``.``, no
      negated classes, no ``\\D``/``\\W``);
    - ``trigger_patterns_ascii``, with ``trigger_patterns``: the same tests as
      Hyperscan byte patterns, for the cascade's Hyperscan pass (see
      :mod:`reviewer.flags.scan`): each must match wherever its counterpart
      matches on a text whose digits and whitespace are ASCII, and may match
      more (a match may start on the NUL before a text, but not run past
      one). Without them, the patterns run through ``re``.

    - ``trigger_all``, with ``triggers``: sets of substrings of the folded
      text; the rule also sees a post that holds one of every set (a topic
      word and an announcement verb, say), found in the same pass.

    Every post the rule flags must contain a trigger, hold one of each
    ``trigger_all`` set or match a pattern. A rule that declares neither
    ``triggers`` nor ``trigger_patterns`` (or both as ``None``) sees every post.
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
    if name == "regulated_claim":
        from reviewer.flags.rules.claims import RegulatedClaimRule

        return RegulatedClaimRule(policy)
    if name == "unsourced_claim":
        from reviewer.flags.rules.claims import UnsourcedClaimRule

        return UnsourcedClaimRule(policy)
    if name == "defamation":
        from reviewer.flags.rules.conduct import DefamationRule

        return DefamationRule(policy)
    if name == "unlawful_activity":
        from reviewer.flags.rules.conduct import UnlawfulActivityRule

        return UnlawfulActivityRule(policy)
    if name == "missing_credit":
        from reviewer.flags.rules.credit import MissingCreditRule

        return MissingCreditRule(policy)
    if name == "missing_disclaimer":
        from reviewer.flags.rules.speaking import MissingDisclaimerRule

        return MissingDisclaimerRule(policy)
    if name == "unauthorized_spokesperson":
        from reviewer.flags.rules.speaking import SpokespersonRule

        return SpokespersonRule(policy)
    if name == "complaint_reply":
        from reviewer.flags.rules.speaking import ComplaintReplyRule

        return ComplaintReplyRule(policy)
    raise KeyError(f"rule {name!r} is not implemented")
