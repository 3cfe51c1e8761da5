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

IMPLEMENTED_RULES: tuple[str, ...] = ("confidential", "personal_data")


class Rule(Protocol):
    """What the engine needs from a rule."""

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
    raise KeyError(f"rule {name!r} is not implemented")
