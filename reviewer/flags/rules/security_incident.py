"""Rule ``security_incident``: talk about a breach, ransomware or another incident of ours.

The policy's incident terms ("data breach", "ransomware", "gehackt",
"Datenleck*") are matched as whole words on the folded view. A term counts
only in a sentence that is about the organisation: it names the organisation
or one of its brands, or speaks as "we/our/wir/unsere". Sentences that talk
about security in general ("webinar", "tips", "how to protect", "Schulung",
"if you ...") do not count, nor do other people's incidents ("my Instagram got
hacked").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.phrases import Anchors, entry_anchor, phrase_regex
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


class SecurityIncidentRule:
    """Flags posts in which the organisation talks about a security incident of its own."""

    name = "security_incident"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["security_incident"]
        org = policy.organization
        self.terms_re = phrase_regex(cfg["terms"])
        names = [org.name, *org.brands] if org.name else list(org.brands)
        self.self_re = phrase_regex([*cfg["self_words"], *(n.lstrip("@#") for n in names if n)])
        self.general_re = phrase_regex(cfg["not_incident"])
        self.anchors = Anchors({entry_anchor(t) for t in cfg["terms"]})
        self.triggers = self.anchors.needles

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every incident term in a sentence about us, or None."""
        if self.terms_re is None or self.self_re is None:
            return None
        if not self.anchors.any_in(post.folded_fast) or not self.terms_re.search(post.folded_fast):
            return None
        view = post.folded
        evidence: list[Evidence] = []
        for sentence in SENTENCE_RE.finditer(view.text):
            text = sentence.group()
            terms = list(self.terms_re.finditer(text))
            if not terms:
                continue
            who = self.self_re.search(text)
            if who is None:
                continue
            if self.general_re is not None and self.general_re.search(text):
                continue
            base = sentence.start()
            about = view.original_text(base + who.start(), base + who.end())
            for t in terms:
                a, b = view.span(base + t.start(), base + t.end())
                original = post.text[a:b]
                why = f'incident term "{original}" in a sentence about us ("{about}")'
                evidence.append(Evidence(a, b, original, why))
        if not evidence:
            return None
        return RuleResult(0.8, evidence)
