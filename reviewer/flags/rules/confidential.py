"""Rule ``confidential``: code names, internal figures and confidentiality markings.

Matching is done by :class:`reviewer.flags.lexicon.Lexicon` on the folded view
of each post; this module turns matches into evidence on the original text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ahocorasick

from reviewer.flags.lexicon import TOKEN_RE, Lexicon, Match
from reviewer.flags.prepared import Batch, PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

_EDIT_PENALTY = 0.1  # score lost per edit
_COMPOUND_PENALTY = 0.05  # a compound spelling is a little less certain
_MIN_TERM_SCORE = 0.6
_MARKING_SCORE = 0.7  # a marking alone may be harmless ("keep customer data confidential")
_TOKENS = "confidential.tokens"
_NO_TOKENS: list[str] = []  # a post with no anchor token: cannot match
_LABEL_AFTER = (":", "]", ")", "*", "»", "“", '"', "|")
_LABEL_BEFORE = ("[", "(", "*", "#", "«", "„", '"', "|")


class ConfidentialRule:
    """Flags posts that name a confidential term or carry a confidentiality marking."""

    name = "confidential"

    def __init__(self, policy: Policy) -> None:
        self.lexicon = Lexicon(
            policy.confidential_terms, policy.confidential_markings, policy.near_misses
        )
        self._chunks: dict[str, list[str]] = {}  # whitespace chunk -> its tokens
        self._automata: dict[frozenset[str], ahocorasick.Automaton] = {}  # anchors -> automaton

    def select(self, batch: Batch) -> list[int]:
        """The posts of a batch that contain an anchor token (the others cannot match).

        The batch's vocabulary is learned at once (its unseen tokens analysed
        in one vectorised pass); then one Aho-Corasick pass over the batch's
        folded texts finds the posts holding one of its anchor tokens, the
        same test as :meth:`prepare`'s, without a post object per post.
        """
        vocabulary = self._vocabulary(batch.folded)
        self.lexicon.learn(vocabulary)
        anchors = frozenset(self.lexicon.anchor_tokens(vocabulary))
        if not anchors:
            return []
        automaton = self._automata.get(anchors)
        if automaton is None:
            if len(self._automata) > 1_000:
                self._automata.clear()
            automaton = self._automata[anchors] = ahocorasick.Automaton()
            for a in anchors:
                automaton.add_word(a, a)
            automaton.make_automaton()
        ends = batch.ends()
        return sorted({batch.post_at(end, ends) for end, _ in automaton.iter(batch.joined)})

    def _vocabulary(self, folded: list[str]) -> set[str]:
        """The distinct tokens of the texts (``TOKEN_RE``), tokenising each distinct
        whitespace-separated chunk once: no token spans whitespace."""
        vocabulary: set[str] = set()
        cache = self._chunks
        if len(cache) > 200_000:
            cache.clear()
        for chunk in set(" ".join(folded).split()):
            tokens = cache.get(chunk)
            if tokens is None:
                tokens = cache[chunk] = TOKEN_RE.findall(chunk)
            vocabulary.update(tokens)
        return vocabulary

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Tokenise the batch at once, analyse its unseen tokens in one vectorised pass,
        and tokenise on their own only the posts that contain an anchor token."""
        # NUL is no token character, so tokens never run across two posts.
        vocabulary = set(TOKEN_RE.findall("\x00".join(p.folded_fast for p in batch)))
        self.lexicon.learn(vocabulary)
        anchors = self.lexicon.anchor_tokens(vocabulary)
        for post in batch:
            fast = post.folded_fast
            if anchors and any(a in fast for a in anchors):
                post.scratch[_TOKENS] = TOKEN_RE.findall(fast)
            else:
                post.scratch[_TOKENS] = _NO_TOKENS

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every term and marking in the post, or None."""
        tokens = post.scratch.get(_TOKENS)
        if tokens is None:
            tokens = TOKEN_RE.findall(post.folded_fast)
            self.lexicon.learn(tokens)
        if not self.lexicon.is_candidate(tokens):
            return None
        view = post.folded
        matches = self.lexicon.find(view.text)
        evidence: list[Evidence] = []
        score = 0.0
        for m in matches:
            start, end = view.span(m.start, m.end)
            original = post.text[start:end]
            if m.is_marking and m.tokens == 1 and not _label_position(post.text, start, end):
                continue
            evidence.append(Evidence(start, end, original, _why(m, original)))
            score = max(score, _score(m))
        if not evidence:
            return None
        return RuleResult(round(score, 3), evidence)


def _label_position(text: str, start: int, end: int) -> bool:
    """Whether a one-word marking stands where a label stands.

    "Confidential" and "vertraulich" are ordinary words too ("we keep your data
    confidential"), so alone they count only as a label: written in capitals,
    followed by a colon or closing bracket, or opened by a bracket, quote,
    asterisk or hash ("CONFIDENTIAL", "Vertraulich:", "[confidential]",
    "#vertraulich").
    """
    word = text[start:end]
    if word.isupper() and len(word) > 3:
        return True
    after = text[end:].lstrip(" \t")
    before = text[:start].rstrip(" \t")
    return after.startswith(_LABEL_AFTER) or before.endswith(_LABEL_BEFORE)


def _score(m: Match) -> float:
    if m.is_marking:
        return _MARKING_SCORE
    score = 1.0 - _EDIT_PENALTY * m.distance - (_COMPOUND_PENALTY if m.compound else 0.0)
    return max(_MIN_TERM_SCORE, score)


def _why(m: Match, original: str) -> str:
    if m.is_marking:
        return f'confidentiality marking "{m.label}" (matched "{original}")'
    details = []
    if m.compound:
        details.append("compound")
    if m.leet:
        details.append("leetspeak")
    if m.distance == 0:
        details.append("exact")
    else:
        details.append(f"{m.distance} edit" + ("s" if m.distance > 1 else ""))
    return f'confidential term "{m.label}" (matched "{original}", {", ".join(details)})'
