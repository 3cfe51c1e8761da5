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

from reviewer.flags.normalize import View
from reviewer.flags.phrases import entry_anchor, phrase_regex
from reviewer.model import Evidence

# A sentence ends at . ! ? or a line break; a dot before a digit ("3.5") does not end it.
SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?=\d))+(?:[.!?]+|\n|$)")
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


class Cues:
    """One cue list compiled to a whole-word regex over folded text."""

    def __init__(self, entries: Sequence[str], after_sigil: bool = False) -> None:
        self.entries = list(entries)
        self.regex = phrase_regex(self.entries, after_sigil=after_sigil)
        self.anchors = {a for a in (entry_anchor(e) for e in self.entries) if a}
        # Names continue into compounds ("Nordwind-Stand"); a cue word does not: "no
        # risk-free investment" holds no "no risk".
        self.compounds = after_sigil

    def __bool__(self) -> bool:
        return self.regex is not None

    def search(self, text: str) -> re.Match[str] | None:
        """The first cue in ``text``, or None."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every cue in ``text``."""
        if self.regex is None:
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


class Conjunctions:
    """Entries of the form ``"a|b & c|d"``; each matches a sentence holding all its groups."""

    def __init__(self, entries: Sequence[str]) -> None:
        self.entries = list(entries)
        self._compiled: list[tuple[str, list[Cues]]] = []
        self.anchors: set[str] = set()
        for entry in self.entries:
            groups = [Cues(alts) for alts in split_conjunction(entry)]
            if not groups or not all(groups):
                continue
            self._compiled.append((entry, groups))
            # The group whose shortest anchor is longest is the most selective one.
            best = max(groups, key=lambda g: min((len(a) for a in g.anchors), default=0))
            self.anchors |= best.anchors

    def find(self, sentence: str) -> list[tuple[str, list[re.Match[str]]]]:
        """(entry, one match per group) for every entry the sentence satisfies."""
        found = []
        for entry, groups in self._compiled:
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
