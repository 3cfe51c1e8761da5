"""Rules ``profanity`` and ``hate``: swear words and insults; attacks on groups of people.

Both match lexicons from ``[offensive]`` of the policy as whole words on the
folded view (``*`` = any ending), after an Aho-Corasick prefilter on the
entries' first words.

- ``profanity``: an entry of ``profanity``, or a masked spelling of a few
  common swear words ("f*ck", "sh!t", "sch***e"). ``not_profanity`` entries
  never count.
- ``hate``: a slur from ``slurs`` on its own, or, in one sentence, a group of
  people from ``groups`` together with a dehumanising or inciting word from
  ``attacks`` ("Flüchtlinge sind Ungeziefer", "deport them all").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.phrases import Anchors, entry_anchor, phrase_needles, phrase_regex
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
# Masked swear words: a first letter, masking characters, the last letters.
_MASKED_RE = re.compile(
    r"(?<!\w)(?:f[*#@%!]{1,3}(?:ck|k)\w*|sh[*#@%!1]{1,2}t\w*|sch[*#@%!]{2,4}(?:e|ss\w*)"
    r"|a[*#@%]{2}hole|b[*#@%!]{1,3}tch\w*|ar[*#@%]{1,3}ch\w*)(?!\w)"
)
_MASK_ANCHORS = ("*", "#", "@", "%", "!", "1")
# Every masked spelling above has one of these pairs (its letter before the first
# mask character, with the mask characters that spelling allows): the cascade's
# triggers for it.
_MASK_PAIRS = frozenset(
    f"{letter}{mask}"
    for letter, masks in (
        ("f", "*#@%!"),
        ("h", "*#@%!1"),
        ("a", "*#@%"),
        ("b", "*#@%!"),
        ("r", "*#@%"),
    )
    for mask in masks
)


def _gate(entries: list[str]) -> Anchors | None:
    needles = phrase_needles(entries)
    return Anchors(needles) if needles is not None else None


def _may_occur(gate: Anchors | None, text: str) -> bool:
    return gate is None or gate.any_in(text)


class ProfanityRule:
    """Flags swear words and insults."""

    name = "profanity"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["offensive"]
        self.words_re = phrase_regex(cfg["profanity"])
        self.not_re = phrase_regex(cfg["not_profanity"])
        self.anchors = Anchors({entry_anchor(w)[:4] for w in cfg["profanity"]})
        self.triggers = self.anchors.needles | _MASK_PAIRS

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every swear word in the post, or None."""
        fast = post.folded_fast
        masked = any(c in fast for c in _MASK_ANCHORS) and _MASKED_RE.search(fast)
        if not masked and not self.anchors.any_in(fast):
            return None
        view = post.folded
        spans: list[tuple[int, int, str]] = []
        if self.words_re is not None:
            excluded = {m.span() for m in self.not_re.finditer(view.text)} if self.not_re else set()
            for m in self.words_re.finditer(view.text):
                if m.span() not in excluded:
                    spans.append((m.start(), m.end(), "profanity lexicon"))
        for m in _MASKED_RE.finditer(view.text):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), "masked swear word"))
        if not spans:
            return None
        evidence = []
        for a, b, how in sorted(spans):
            start, end = view.span(a, b)
            word = post.text[start:end]
            evidence.append(Evidence(start, end, word, f'{how}: "{word}"'))
        return RuleResult(0.7, evidence)


class HateRule:
    """Flags slurs, and sentences that attack a group of people."""

    name = "hate"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["offensive"]
        self.slurs_re = phrase_regex(cfg["slurs"])
        self.groups_re = phrase_regex(cfg["groups"])
        self.attacks_re = phrase_regex(cfg["attacks"])
        # Words one of which every slur (attack) match holds; None: unknown.
        self.slur_gate = _gate(cfg["slurs"])
        self.attack_gate = _gate(cfg["attacks"])
        # A flag needs a slur or a group: the attack words need not be looked for.
        self.anchors = Anchors({entry_anchor(w)[:4] for w in (*cfg["slurs"], *cfg["groups"])})
        self.triggers = self.anchors.needles

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every slur and every attack on a group, or None."""
        if not self.anchors.any_in(post.folded_fast):
            return None
        view = post.folded
        evidence: list[Evidence] = []
        score = 0.0
        # A slur, or an attack word in some sentence, holds its gate word.
        slurs = self.slurs_re is not None and _may_occur(self.slur_gate, view.text)
        attacks = (
            self.groups_re is not None
            and self.attacks_re is not None
            and _may_occur(self.attack_gate, view.text)
        )
        if slurs and self.slurs_re is not None:
            for m in self.slurs_re.finditer(view.text):
                start, end = view.span(m.start(), m.end())
                word = post.text[start:end]
                evidence.append(Evidence(start, end, word, f'slur "{word}"'))
                score = 0.9
        if attacks and self.groups_re is not None and self.attacks_re is not None:
            for sentence in SENTENCE_RE.finditer(view.text):
                text = sentence.group()
                group = self.groups_re.search(text)
                if group is None:
                    continue
                attacks = list(self.attacks_re.finditer(text))
                if not attacks:
                    continue
                base = sentence.start()
                who = view.original_text(base + group.start(), base + group.end())
                for m in attacks:
                    start, end = view.span(base + m.start(), base + m.end())
                    word = post.text[start:end]
                    why = f'"{word}" about a group of people ("{who}")'
                    evidence.append(Evidence(start, end, word, why))
                score = max(score, 0.8)
        if not evidence:
            return None
        evidence.sort(key=lambda e: e.start)
        return RuleResult(score, evidence)
