"""Rule ``confidential``: code names, internal figures and confidentiality markings.

Matching is done by :class:`reviewer.flags.lexicon.Lexicon` on the folded view
of each post; this module turns matches into evidence on the original text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ahocorasick

from reviewer.flags import scan
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
_FIND_MAX = 32  # up to this many anchors, select finds them one by one
_LABEL_AFTER = (":", "]", ")", "*", "»", "“", '"', "|")
_LABEL_BEFORE = ("[", "(", "*", "#", "«", "„", '"', "|")


class ConfidentialRule:
    """Flags posts that name a confidential term or carry a confidentiality marking."""

    name = "confidential"

    def __init__(self, policy: Policy) -> None:
        self.lexicon = Lexicon(
            policy.confidential_terms, policy.confidential_markings, policy.near_misses
        )
        # Whitespace-separated chunks of folded text seen so far: with their anchor
        # tokens, or without any.
        self._anchor_chunks: dict[str, frozenset[str]] = {}
        self._plain_chunks: set[str] = set()
        # (how built, anchors) -> a searcher of the anchors (see _cached)
        self._searchers: dict[tuple[Callable[..., Any], frozenset[str]], Any] = {}

    def select(self, batch: Batch) -> list[int]:
        """The posts of a batch that contain an anchor token (the others cannot match).

        The same test as :meth:`prepare`'s, for the whole batch and without a
        post object per post: the batch's anchor tokens (:meth:`_anchors`),
        then, for the posts that hold one, one Hyperscan pass over its folded
        texts where Hyperscan is installed, else a substring search per anchor
        (a few) or one Aho-Corasick pass (many).
        """
        anchors = self._anchors(batch.folded)
        if not anchors:
            return []
        if batch.hyperscan and scan.separable(batch):
            return scan.posts_with(self._cached(anchors, scan.literal_database), batch)
        ends = batch.ends()
        joined = batch.joined
        if len(anchors) <= _FIND_MAX:
            # str.find skips through the text far faster than the automaton walks it.
            posts: set[int] = set()
            for a in anchors:
                at = joined.find(a)
                while at != -1:
                    k = batch.post_at(at, ends)  # no anchor holds the separator
                    posts.add(k)
                    at = joined.find(a, ends[k] + 1)
            return sorted(posts)
        automaton = self._cached(anchors, _automaton)
        return sorted({batch.post_at(end, ends) for end, _ in automaton.iter(joined)})

    def _cached(self, anchors: frozenset[str], build: Callable[[frozenset[str]], Any]) -> Any:
        """A searcher of ``anchors`` made by ``build``, kept for the next batches (a feed
        holds the same few anchor tokens batch after batch)."""
        key = (build, anchors)
        searcher = self._searchers.get(key)
        if searcher is None:
            if len(self._searchers) > 1_000:
                self._searchers.clear()
            searcher = self._searchers[key] = build(anchors)
        return searcher

    def _anchors(self, folded: list[str]) -> frozenset[str]:
        """The anchor tokens among the tokens of ``folded``.

        Tokens never span whitespace, so the texts' tokens are those of their
        distinct whitespace-separated chunks. A chunk seen before is known to
        hold anchor tokens (which) or none; the tokens of the unseen chunks are
        learned at once, in one vectorised pass.
        """
        chunks = set(" ".join(folded).split())
        known, plain = self._anchor_chunks, self._plain_chunks
        cold = chunks.difference(plain).difference(known)
        if cold:
            if len(known) + len(plain) > 500_000:
                known.clear()
                plain.clear()
            # The unseen chunks' tokens, all at once (no token holds a space).
            vocabulary = set(TOKEN_RE.findall(" ".join(cold)))
            self.lexicon.learn(vocabulary)
            cold_anchors = self.lexicon.anchor_tokens(vocabulary)
            if not cold_anchors:
                plain.update(cold)
            for chunk in cold if cold_anchors else ():
                # A chunk holds an anchor token only if it holds the anchor's text.
                if any(a in chunk for a in cold_anchors):
                    anchors = self.lexicon.anchor_tokens(set(TOKEN_RE.findall(chunk)))
                    if anchors:
                        known[chunk] = frozenset(anchors)
                        continue
                plain.add(chunk)
        found: set[str] = set()
        for chunk in chunks.intersection(known):
            found |= known[chunk]
        return frozenset(found)

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


def _automaton(anchors: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for a in anchors:
        automaton.add_word(a, a)
    automaton.make_automaton()
    return automaton


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
