"""Phrase lists from the policy compiled into one regex over folded text.

An entry is a word sequence; words may be separated by spaces or hyphens (or
nothing: "cyber attack" matches "cyberattack" and "Cyber-Attack"). An entry
ending in ``*`` matches any word ending ("datenleck*" → "Datenlecks").
Entries are folded like post text (ß → ss, ä → ae), and the umlaut-dropped
spelling (ä → a) is added, so "bestätigen" also matches "bestatigen".
"""

from __future__ import annotations

import re

import ahocorasick

from reviewer.flags.normalize import fold_term, fold_term_plain

_WORD_SPLIT = re.compile(r"[\s\-]+")
_FEW = 6  # up to this many needles, Anchors tests them one by one


def _pattern(entry: str) -> str:
    star = entry.endswith("*")
    words = [w for w in _WORD_SPLIT.split(entry.rstrip("*")) if w]
    body = r"[\s\-]*".join(re.escape(w) for w in words)
    return body + (r"\w*" if star else "")


def phrase_regex(
    entries: list[str] | tuple[str, ...], after_sigil: bool = False
) -> re.Pattern[str] | None:
    """One regex matching any entry as whole words on folded text; None if empty.

    With ``after_sigil`` an entry also matches right after "@" or "#" (names, handles).
    """
    alternatives: set[str] = set()
    for entry in entries:
        for form in (fold_term(entry), fold_term_plain(entry)):
            if form.strip("*").strip():
                alternatives.add(_pattern(form))
    if not alternatives:
        return None
    # Longest first so that "data breach*" wins over a shorter overlapping entry.
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    before = r"(?<!\w)" if after_sigil else r"(?<![\w@])"
    # "you won" is not "you won't": an apostrophe inside a word continues it; names
    # ("Nordwind's") keep their possessive.
    after = r"(?!\w)" if after_sigil else r"(?!\w|['’]\w)"
    return re.compile(rf"{before}(?:{body}){after}")


class Anchors:
    """A cheap prefilter: does folded text contain any of some substrings?

    One Aho-Corasick automaton (pyahocorasick) per rule; about 1 µs per post,
    about half a compiled alternation's cost. A hit only means the rule's
    real matching has to run.
    """

    def __init__(self, needles: list[str] | tuple[str, ...] | set[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self.needles = frozenset(n for n in needles if n)  # a rule's triggers for the engine
        for needle in self.needles:
            self._automaton.add_word(needle, needle)
        self.empty = len(self._automaton) == 0
        if not self.empty:
            self._automaton.make_automaton()
        # A few needles are found faster one by one ("in" is C) than by the automaton.
        self._few = tuple(sorted(self.needles)) if len(self.needles) <= _FEW else None

    def any_in(self, text: str) -> bool:
        """Whether ``text`` contains at least one needle."""
        if self._few is not None:
            for needle in self._few:  # noqa: SIM110 (any() with a generator costs twice this)
                if needle in text:
                    return True
            return False
        return next(self._automaton.iter(text), None) is not None


def phrase_needles(entries: list[str] | tuple[str, ...]) -> frozenset[str] | None:
    """Substrings one of which every match of :func:`phrase_regex` of ``entries`` contains.

    The longest word of each form of each entry, taken exactly as the regex
    takes it; None when some form has no word (its regex can match without one).
    """
    needles: set[str] = set()
    for entry in entries:
        for form in (fold_term(entry), fold_term_plain(entry)):
            if form.strip("*").strip():
                words = [w for w in _WORD_SPLIT.split(form.rstrip("*")) if w]
                if not words:
                    return None
                needles.add(max(words, key=len))
    return frozenset(needles)


def entry_words(entry: str) -> list[str]:
    """The folded words of a phrase entry, each a substring of every text it matches."""
    return [w for w in _WORD_SPLIT.split(fold_term(entry).rstrip("*")) if w]


def entry_anchor(entry: str) -> str:
    """The folded longest word of a phrase entry, a substring of every text it matches."""
    words = entry_words(entry)
    return max(words, key=len) if words else ""
