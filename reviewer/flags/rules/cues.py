"""Shared matching for the lexicon rules: cue lists, conjunctions and sentences.

A *cue list* is a list of phrase entries from the policy (words separated by
spaces or hyphens, ``*`` for any ending; see :mod:`reviewer.flags.phrases`),
compiled into one whole-word regex over folded text. A *conjunction* is a
policy entry of the form ``"a|b & c|d"``: a sentence matches when it contains
one of ``a``, ``b`` and one of ``c``, ``d``. Rules run their cues sentence by
sentence on the folded view and map every span back to ``posts.text``.

Every matcher also yields the *anchors* of what it can match (the longest word
of each alternative of its most selective group): a post whose folded text
contains none of a rule's anchors cannot match, which one Aho-Corasick pass
decides (the cascade's cheap first step).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick

from reviewer.flags.normalize import View, fold_term, fold_term_plain
from reviewer.flags.phrases import Anchors, entry_anchor, entry_words, phrase_needles, phrase_regex
from reviewer.model import Evidence

# A sentence ends at . ! ? or a line break; a dot before a digit ("3.5") does not end it.
# Written as one character, then runs of ordinary characters, each after a dot before
# a digit: the same matches as "(?:[^.!?\n]|[.!?](?=\d))+" at a fifth of the cost.
SENTENCE_RE = re.compile(
    r"(?:[^.!?\n]|[.!?](?=\d))[^.!?\n]*(?:[.!?](?=\d)[^.!?\n]*)*(?:[.!?]+|\n|$)"
)
CONJUNCTION = "&"
ALTERNATIVE = "|"


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start offset, sentence) for each sentence of ``text``."""
    for m in SENTENCE_RE.finditer(text):
        if m.group().strip():
            yield m.start(), m.group()


def split_conjunction(entry: str) -> list[list[str]]:
    """``"a|b & c"`` → ``[["a", "b"], ["c"]]`` (empty parts dropped; see policy_check)."""
    groups = []
    for part in entry.split(CONJUNCTION):
        alternatives = [a.strip() for a in part.split(ALTERNATIVE) if a.strip()]
        if alternatives:
            groups.append(alternatives)
    return groups


def shared_anchors(entries: Sequence[str]) -> set[str]:
    """Like the union of :func:`anchors_of`, but an entry that holds another entry's
    anchor word is anchored on that word: fewer needles, and rarer ones
    ("nordwind-aktie*" beside "aktie*" anchors on "aktie", not on the company name).
    """
    forms = []  # (entry index, its words, its own anchor) per umlaut spelling
    for i, entry in enumerate(entries):
        for form in (entry, fold_term_plain(entry)):
            words = entry_words(form)
            if words:
                forms.append((i, words, max(words, key=len)))
    out = set()
    for i, words, own in forms:
        others = {a for j, _words, a in forms if j != i}
        shared = [w for w in words if w in others]
        out.add(max(shared, key=len) if shared else own)
    return out


def anchors_of(entry: str) -> set[str]:
    """Substrings of every text matching ``entry``: its longest word in both umlaut spellings."""
    out = {entry_anchor(entry), entry_anchor(fold_term_plain(entry))}
    return {a for a in out if a}


class Cues:
    """One cue list compiled to a whole-word regex over folded text."""

    def __init__(self, entries: Sequence[str], after_sigil: bool = False) -> None:
        self.entries = list(entries)
        self.regex = phrase_regex(self.entries, after_sigil=after_sigil)
        self.anchors = {a for e in self.entries for a in anchors_of(e)}
        # Names continue into compounds ("Nordwind-Stand"); a cue word does not: "no
        # risk-free investment" holds no "no risk".
        self.compounds = after_sigil
        # Every match holds one of these words: a text without any cannot match,
        # which one Aho-Corasick pass tells faster than the regex.
        needles = phrase_needles(self.entries)
        self._gate = Anchors(needles) if needles is not None and self.regex is not None else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def may_occur(self, text: str) -> bool:
        """False when no part of ``text`` (a sentence of it, say) can hold a cue."""
        return self.regex is not None and (self._gate is None or self._gate.any_in(text))

    def search(self, text: str) -> re.Match[str] | None:
        """The first cue in ``text``, or None."""
        if self.regex is None or (self._gate is not None and not self._gate.any_in(text)):
            return None
        m = self.regex.search(text)
        if m is None or self.compounds or not text.startswith("-", m.end()):
            return m
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every cue in ``text``."""
        if self.regex is None or (self._gate is not None and not self._gate.any_in(text)):
            return
        for m in self.regex.finditer(text):
            end = m.end()
            if (
                not self.compounds
                and text.startswith("-", end)
                and end + 1 < len(text)
                and text[end + 1].isalpha()
            ):
                continue
            yield m


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue found in a sentence; offsets index the folded view."""

    start: int
    end: int
    label: str  # which list or conjunction it came from


class WordAnchors:
    """A prefilter that wants whole words: Aho-Corasick hits checked for word boundaries.

    Plain substring anchors pass too much for short words ("fee" in "coffee",
    "app" in "happy"). Each entry's first word must start at a word boundary
    and, unless the entry ends in ``*``, its anchor must end at one (a hyphen
    counts as a boundary: "Preis-Info").
    """

    def __init__(self, entries: Sequence[str]) -> None:
        self._automaton: ahocorasick.Automaton | None = None
        words: dict[str, bool] = {}  # needle -> may continue (star entry or not the last word)
        for entry in entries:
            for form in {fold_term(entry), fold_term_plain(entry)}:
                star = form.endswith("*")
                parts = [w for w in re.split(r"[\s\-]+", form.rstrip("*")) if w]
                if not parts:
                    continue
                first = parts[0]
                open_end = star or len(parts) > 1
                words[first] = words.get(first, False) or open_end
        # Substrings one of which any_in needs (for the engine's cascade).
        self.needles = frozenset(words)
        if words:
            self._automaton = ahocorasick.Automaton()
            for word, open_end in words.items():
                self._automaton.add_word(word, (len(word), open_end))
            self._automaton.make_automaton()

    def any_in(self, text: str) -> bool:
        """Whether some entry's first word occurs in ``text`` as a word."""
        if self._automaton is None:
            return False
        n = len(text)
        for end, (length, open_end) in self._automaton.iter(text):
            start = end - length + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if not open_end and end + 1 < n and text[end + 1].isalnum():
                continue
            return True
        return False


class Conjunctions:
    """Entries of the form ``"a|b & c|d"``; each matches a sentence holding all its groups.

    The prefilter is stronger than one anchor list: an entry is a candidate only
    if an anchor of *every* one of its groups occurs in the post, found in one
    Aho-Corasick pass (``candidates``). Only candidate entries run their regexes.
    """

    def __init__(self, entries: Sequence[str]) -> None:
        self.entries = list(entries)
        self._compiled: list[tuple[str, list[Cues]]] = []
        # needle -> {(entry index, group index)}
        needles: dict[str, set[tuple[int, int]]] = {}
        for entry in self.entries:
            groups = [Cues(alts) for alts in split_conjunction(entry)]
            if not groups or not all(groups):
                continue
            for group in groups:
                group.anchors = shared_anchors(group.entries)
            ei = len(self._compiled)
            self._compiled.append((entry, groups))
            for gi, group in enumerate(groups):
                for needle in group.anchors:
                    needles.setdefault(needle, set()).add((ei, gi))
        self.anchors: set[str] = set(needles)
        # Per entry: the (entry, group) pairs a candidate needs an anchor of, every one.
        self._required = [
            frozenset((ei, gi) for gi in range(len(groups)))
            for ei, (_entry, groups) in enumerate(self._compiled)
        ]
        # Substrings one of which every match contains: each entry's most selective group.
        self.triggers: frozenset[str] = frozenset(
            a
            for _entry, groups in self._compiled
            for a in max(groups, key=lambda g: min((len(x) for x in g.anchors), default=0)).anchors
        )
        self._automaton: ahocorasick.Automaton | None = None
        if needles:
            self._automaton = ahocorasick.Automaton()
            for needle, refs in needles.items():
                self._automaton.add_word(needle, frozenset(refs))
            self._automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """Indices of the entries whose every group has an anchor in folded ``text``."""
        if self._automaton is None:
            return []
        hit: set[tuple[int, int]] = set()
        for _end, refs in self._automaton.iter(text):
            hit |= refs
        if not hit:
            return []
        entries = {ei for ei, _gi in hit}
        required = self._required
        return [ei for ei in sorted(entries) if required[ei] <= hit]

    def find(
        self, sentence: str, only: list[int] | None = None
    ) -> list[tuple[str, list[re.Match[str]]]]:
        """(entry, one match per group) for every entry the sentence satisfies.

        ``only`` limits the search to these entry indices (from :meth:`candidates`).
        """
        found = []
        indices = range(len(self._compiled)) if only is None else only
        for ei in indices:
            entry, groups = self._compiled[ei]
            matches = []
            for g in groups:
                m = g.search(sentence)
                if m is None:
                    break
                matches.append(m)
            else:
                found.append((entry, matches))
        return found


def evidence(view: View, base: int, m: re.Match[str] | tuple[int, int], why: str) -> Evidence:
    """Evidence for a folded-view span at ``base`` + the match's offsets, in original offsets."""
    a, b = m if isinstance(m, tuple) else m.span()
    start, end = view.span(base + a, base + b)
    return Evidence(start, end, view.original[start:end], why)


def quoted(view: View, base: int, m: re.Match[str] | tuple[int, int]) -> str:
    """The original text behind a match or span, for ``why`` messages."""
    a, b = m if isinstance(m, tuple) else m.span()
    return view.original_text(base + a, base + b)
