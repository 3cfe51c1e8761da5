"""Matching a lexicon of terms (fuzzily) and markings (exactly) over folded tokens.

How a term matches (see docs/policy.md for the reasoning):

1. Every distinct token is compared once with every term word, with an edit
   budget by the term word's length: exact below 5 characters, 1 edit up to 8,
   2 from 9. OSA distance counts a swapped pair as one edit. Leetspeak readings
   of the token count too ("p0larstern"). Results are cached per token, so a
   post costs a dictionary lookup per token once the vocabulary is warm.
2. A multi-word term needs all its words in order, each within one token of
   the previous ("Projekt Polarstern", "Q3 2024 Zahlen").
3. Spellings without a space or hyphen match the joined term as one token
   ("Q3Zahlen", "#ProjektPolarstern"), and German compounds match: a two-word
   term in reverse order joined by a hyphen or nothing ("Polarstern-Projekt",
   "Polarsternprojekt"), the last word as the start of a longer compound
   ("Q3-Zahlenbericht") and the first word as the end of one
   ("Geheimprojekt Polarstern"). Compound parts are found with an Aho-Corasick
   automaton and must match exactly.
4. Words of a term shorter than 5 characters (acronyms, "Q3") never match
   fuzzily, not even inside a joined spelling ("Q4Zahlen" is not "Q3-Zahlen").

Markings ("streng vertraulich", "internal only") match whole tokens exactly,
in sequence, allowing leetspeak and German adjective endings on words of 5 or
more letters ("vertrauliche").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick
import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from reviewer.flags.normalize import _ALPHA_RE, _LEET_RE, fold_term, fold_term_plain, leet_forms

# Letters and digits; "@" and "$" inside a word stay in it (leetspeak: "p@ssw0rd"),
# and so does "&" ("M&A", "R&D": split, "M&A" would match "I'm a").
TOKEN_RE = re.compile(r"[^\W_]+(?:[@$&][^\W_]+)*")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")
_INFLECTIONS = ("e", "en", "er", "es", "em", "s")
_MIN_COMPOUND_REST = 3  # a compound part beside a term word has at least 3 letters
_MAX_GAP = 1  # tokens allowed between consecutive words of a term
_CACHE_LIMIT = 2_000_000

WHOLE, PREFIX, SUFFIX = "whole", "prefix", "suffix"
_FIRST = (WHOLE, SUFFIX)
_LAST = (WHOLE, PREFIX)
_MIDDLE = (WHOLE,)
_ANY = (WHOLE, PREFIX, SUFFIX)


def edit_budget(word: str) -> int:
    """Edits allowed for a term word: 0 below 5 characters, 1 up to 8, 2 from 9."""
    n = len(word)
    return 0 if n < 5 else 1 if n <= 8 else 2


@dataclass(frozen=True, slots=True)
class Hit:
    """How a token matched a term word (or a whole term, for one-token spellings)."""

    distance: int
    kind: str  # WHOLE, PREFIX (word starts the token) or SUFFIX (word ends it)
    leet: bool


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon entry split into folded words."""

    text: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A term or marking found in a folded text; offsets index the folded view."""

    label: str  # the term or marking as written in the policy
    is_marking: bool
    start: int
    end: int
    distance: int
    leet: bool
    compound: bool
    tokens: int = 1  # how many tokens the match spans


class _TokenInfo:
    __slots__ = ("marks", "terms", "words")

    def __init__(self) -> None:
        self.words: dict[str, list[Hit]] = {}
        self.terms: dict[int, Hit] = {}
        self.marks: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.words or self.terms or self.marks)


class Lexicon:
    """Terms and markings compiled for matching; keeps a per-token cache."""

    def __init__(
        self, terms: Sequence[str], markings: Sequence[str], near_misses: Sequence[str] = ()
    ) -> None:
        self.terms = [Term(t, tuple(TOKEN_RE.findall(fold_term(t)))) for t in terms]
        self.near_misses = {fold_term(w) for w in near_misses}
        # Fuzzy targets: (string, term index or -1, canonical word or "", budget, exact parts)
        targets: list[tuple[str, int, str, int, tuple[str, ...]]] = []
        # Compound parts: piece -> what it stands for ("w", word) or ("t", term index).
        pieces: dict[str, list[tuple[str, Any]]] = {}
        for ti, term in enumerate(self.terms):
            for words in _variants(term.text):
                short = tuple(w for w in words if len(w) < 5)
                for canonical, w in zip(term.words, words, strict=True):
                    targets.append((w, -1, canonical, edit_budget(w), ()))
                    if len(w) >= 5:
                        pieces.setdefault(w, []).append(("w", canonical))
                if len(words) > 1:
                    joined = ["".join(words)]
                    if len(words) == 2:
                        joined.append(words[1] + words[0])
                    for j in joined:
                        targets.append((j, ti, "", edit_budget(j), short))
                        pieces.setdefault(j, []).append(("t", ti))
        self._targets = targets
        self._target_strings = [t[0] for t in targets]
        self._budgets = np.array([t[3] for t in targets], dtype=np.int32)
        self._max_budget = int(self._budgets.max()) if targets else 0
        self._pieces: ahocorasick.Automaton | None = None
        if pieces:
            self._pieces = ahocorasick.Automaton()
            for piece, meanings in pieces.items():
                self._pieces.add_word(piece, (len(piece), meanings))
            self._pieces.make_automaton()
        self.markings: list[tuple[str, tuple[str, ...]]] = []
        for m in markings:
            for words in _variants(m):
                if (m, words) not in self.markings:
                    self.markings.append((m, words))
        self._mark_words = {w for _, words in self.markings for w in words}
        # Inflected spellings of marking words ("vertrauliche") -> the word.
        self._mark_forms = {w: w for w in self._mark_words}
        for w in self._mark_words:
            if len(w) >= 5:
                for ending in _INFLECTIONS:
                    self._mark_forms.setdefault(w + ending, w)
        # Every match needs its anchor word, so a post without an anchor token
        # cannot match: the prefilter. Anchors are the rarest-looking word of
        # each entry: one with a digit ("q3"), else, for a marking, an acronym
        # in capitals ("NDA"), else the longest.
        self._anchor_words = {_anchor(term.words) for term in self.terms if term.words}
        self._mark_anchors = {_anchor(words, m) for m, words in self.markings if words}
        self._anchor_tokens: set[str] = set()
        self._seen: set[str] = set()
        # Whether a token of digits alone can hit nothing: every target has more
        # letters than edits allowed (a digit never equals a letter, and a swap
        # exchanges two equal characters), every compound part and marking a letter.
        self._digits_inert = (
            all(sum(not c.isdigit() for c in t[0]) > t[3] for t in targets)
            and all(not piece.isdigit() for piece in pieces)
            and all(not form.isdigit() for form in self._mark_forms)
        )
        self._hits: dict[str, _TokenInfo] = {}

    # -- per-token analysis (cached) -----------------------------------------

    def learn(self, tokens: set[str] | list[str]) -> None:
        """Analyse tokens not seen before; do it for a whole batch at once."""
        cold = (tokens if isinstance(tokens, set) else set(tokens)) - self._seen
        if not cold:
            return
        if len(self._seen) > _CACHE_LIMIT:
            self._seen.clear()  # hits stay: they are few and still valid
        self._seen.update(cold)
        if self._digits_inert:  # numbers are most of a feed's new tokens
            cold = cold.difference(filter(str.isdigit, cold))
        # (token, form, leet): each token as it is, then its leetspeak readings, which
        # only tokens with a leet character and a letter have (see leet_forms).
        forms = [(t, t, False) for t in cold]
        for t in filter(_LEET_RE.search, cold):
            if _ALPHA_RE.search(t):
                forms.extend((t, f, True) for f in leet_forms(t)[1:])
        if self._targets:
            self._fuzzy(forms)
        if self._pieces is not None:
            self._compounds(forms)
        if self._mark_words:
            self._marks(forms)
        for token in self._hits.keys() & cold:  # the cold tokens that hit something
            info = self._hits[token]
            if (
                info.terms
                or not self._anchor_words.isdisjoint(info.words)
                or not self._mark_anchors.isdisjoint(info.marks)
            ):
                self._anchor_tokens.add(token)

    def anchor_tokens(self, tokens: set[str]) -> set[str]:
        """The (learned) tokens among ``tokens`` without one of which no match exists."""
        return self._anchor_tokens & tokens

    def is_candidate(self, tokens: list[str]) -> bool:
        """Whether the tokens (already learned) contain an anchor, without which no match exists."""
        return not self._anchor_tokens.isdisjoint(tokens)

    def _info(self, token: str) -> _TokenInfo:
        info = self._hits.get(token)
        if info is None:
            info = self._hits[token] = _TokenInfo()
        return info

    def _fuzzy(self, forms: list[tuple[str, str, bool]]) -> None:
        matrix = cdist(
            [f for _, f, _ in forms],
            self._target_strings,
            scorer=OSA.distance,
            score_cutoff=self._max_budget,
            dtype=np.int32,
        )
        rows, cols = np.nonzero(matrix <= self._budgets[None, :])
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            token, form, leet = forms[r]
            dist = int(matrix[r, c])
            if dist and form in self.near_misses:
                continue
            _target, ti, canonical, _budget, short = self._targets[c]
            if ti < 0:
                self._add(self._info(token).words.setdefault(canonical, []), Hit(dist, WHOLE, leet))
            elif all(s in form for s in short):
                self._add_term(self._info(token), ti, Hit(dist, WHOLE, leet))

    def _compounds(self, forms: list[tuple[str, str, bool]]) -> None:
        assert self._pieces is not None
        for token, form, leet in forms:
            if len(form) < 5 + _MIN_COMPOUND_REST:
                continue
            for end, (length, meanings) in self._pieces.iter(form):
                start = end - length + 1
                if start == 0 and len(form) - end - 1 >= _MIN_COMPOUND_REST:
                    kind = PREFIX
                elif end == len(form) - 1 and start >= _MIN_COMPOUND_REST:
                    kind = SUFFIX
                else:
                    continue
                info = self._info(token)
                for what, ref in meanings:
                    if what == "w":
                        self._add(info.words.setdefault(ref, []), Hit(0, kind, leet))
                    else:
                        self._add_term(info, ref, Hit(0, kind, leet))

    def _marks(self, forms: list[tuple[str, str, bool]]) -> None:
        if self._mark_forms.keys().isdisjoint([form for _token, form, _leet in forms]):
            return
        for token, form, _leet in forms:
            base = self._mark_forms.get(form)
            if base is not None:
                self._info(token).marks.add(base)

    @staticmethod
    def _add(hits: list[Hit], hit: Hit) -> None:
        for i, h in enumerate(hits):
            if h.kind == hit.kind:
                if hit.distance < h.distance:
                    hits[i] = hit
                return
        hits.append(hit)

    @staticmethod
    def _add_term(info: _TokenInfo, ti: int, hit: Hit) -> None:
        old = info.terms.get(ti)
        if old is None or (hit.distance, hit.kind != WHOLE) < (old.distance, old.kind != WHOLE):
            info.terms[ti] = hit

    # -- matching a text -------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """All term and marking matches in a folded text, in text order."""
        spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        tokens = [text[a:b] for a, b in spans]
        self.learn(tokens)
        infos = [self._hits.get(t) for t in tokens]
        if not any(infos):
            return []
        found: list[Match] = []
        for ti, term in enumerate(self.terms):
            found.extend(self._term_matches(ti, term, text, spans, infos))
        found.extend(self._marking_matches(spans, infos))
        found.sort(key=lambda m: (m.start, m.end))
        return found

    def _term_matches(
        self,
        ti: int,
        term: Term,
        text: str,
        spans: list[tuple[int, int]],
        infos: list[_TokenInfo | None],
    ) -> list[Match]:
        # Candidates as (first token, last token, distance, leet, compound).
        cands: list[tuple[int, int, int, bool, bool]] = []
        n = len(term.words)
        for i, info in enumerate(infos):
            if info is None:
                continue
            one = info.terms.get(ti)
            if one is not None:
                cands.append((i, i, one.distance, one.leet, True))
            seq = _sequence_at(term.words, i, infos)
            if seq is not None:
                last, hits = seq
                compound = any(h.kind != WHOLE for h in hits)
                cands.append(
                    (i, last, sum(h.distance for h in hits), any(h.leet for h in hits), compound)
                )
            if n == 2 and i + 1 < len(infos):
                rev = _reversed_at(term.words, i, text, spans, infos)
                if rev is not None:
                    cands.append(
                        (i, i + 1, sum(h.distance for h in rev), any(h.leet for h in rev), True)
                    )
        cands.sort(key=lambda c: (c[0], c[2], -c[1]))
        out: list[Match] = []
        last_end = -1
        for first, last, dist, leet, compound in cands:
            if first <= last_end:
                continue  # overlaps a match of the same term already taken
            out.append(
                Match(term.text, False, spans[first][0], spans[last][1], dist, leet, compound)
            )
            last_end = last
        return out

    def _marking_matches(
        self, spans: list[tuple[int, int]], infos: list[_TokenInfo | None]
    ) -> list[Match]:
        cands: list[tuple[int, int, str]] = []
        for i, info in enumerate(infos):
            if info is None or not info.marks:
                continue
            for label, words in self.markings:
                end = i + len(words)
                if end > len(infos):
                    continue
                if all(
                    (inf := infos[i + k]) is not None and w in inf.marks
                    for k, w in enumerate(words)
                ):
                    cands.append((i, end - 1, label))
        # Longest first, then no overlaps: "streng vertraulich" wins over "vertraulich".
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int]] = []
        out: list[Match] = []
        for first, last, label in cands:
            if any(first <= b and a <= last for a, b in taken):
                continue
            taken.append((first, last))
            out.append(
                Match(
                    label, True, spans[first][0], spans[last][1], 0, False, False, last - first + 1
                )
            )
        return out


def _variants(entry: str) -> list[tuple[str, ...]]:
    """Folded word sequences of an entry: umlauts spelled out (ae) and dropped (a)."""
    first = tuple(TOKEN_RE.findall(fold_term(entry)))
    second = tuple(TOKEN_RE.findall(fold_term_plain(entry)))
    return [first] if second == first or len(second) != len(first) else [first, second]


def _anchor(words: tuple[str, ...], entry: str = "") -> str:
    with_digit = [w for w in words if any(c.isdigit() for c in w)]
    if with_digit:
        return with_digit[0]
    # An acronym in capitals ("NDA" of "unter NDA") is rarer than any longer word.
    acronyms = {fold_term(w) for w in TOKEN_RE.findall(entry) if len(w) > 1 and w.isupper()}
    return next((w for w in words if w in acronyms), max(words, key=len))


def _best(info: _TokenInfo | None, word: str, kinds: tuple[str, ...]) -> Hit | None:
    if info is None:
        return None
    best = None
    for h in info.words.get(word, ()):
        if h.kind in kinds and (best is None or h.distance < best.distance):
            best = h
    return best


def _sequence_at(
    words: tuple[str, ...], i: int, infos: list[_TokenInfo | None]
) -> tuple[int, list[Hit]] | None:
    n = len(words)
    first = _best(infos[i], words[0], _ANY if n == 1 else _FIRST)
    if first is None:
        return None
    hits = [first]
    last = i
    for k in range(1, n):
        kinds = _LAST if k == n - 1 else _MIDDLE
        for j in range(last + 1, min(last + 2 + _MAX_GAP, len(infos))):
            h = _best(infos[j], words[k], kinds)
            if h is not None:
                hits.append(h)
                last = j
                break
        else:
            return None
    return last, hits


def _reversed_at(
    words: tuple[str, ...],
    i: int,
    text: str,
    spans: list[tuple[int, int]],
    infos: list[_TokenInfo | None],
) -> list[Hit] | None:
    # German compound order: "Polarstern-Projekt". Hyphen-joined for any two-word
    # term; space-separated ("Polarstern Projekt") only when both words are long,
    # because short words read backwards are ordinary speech ("zahlen Q3").
    sep = text[spans[i][1] : spans[i + 1][0]]
    if sep not in _HYPHENS and not (
        sep.isspace() and len(sep) <= 2 and all(len(w) >= 5 for w in words)
    ):
        return None
    a = _best(infos[i], words[1], _FIRST)
    b = _best(infos[i + 1], words[0], _LAST)
    return [a, b] if a is not None and b is not None else None
