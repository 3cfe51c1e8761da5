"""Rules ``brand_negativity`` and ``competitor_negativity``: negative sentences about a name.

Only the sentence around a mention is scored, and only posts that mention a
name get that far (one regex over the folded text is the prefilter):

- ``brand_negativity``: the organisation's name and brands;
- ``competitor_negativity``: the policy's competitors.

The language of the sentence is guessed from function words. English
sentences are scored with VADER (``compound`` at or below ``en_threshold``);
German sentences with :class:`GermanPolarity`, a small polarity lexicon from
the policy with negation, boosters and contrast ("aber"), scaled like VADER's
compound (at or below ``de_threshold``). Without the ``vaderSentiment``
package, English sentences are scored with the German scorer's machinery and
a tiny fallback is not attempted: the rule skips English sentences.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any

from reviewer.flags.normalize import fold_fast, fold_term, fold_term_plain
from reviewer.flags.phrases import Anchors, entry_anchor, phrase_needles, phrase_regex
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

try:  # optional at import time; declared as a dependency for English negativity
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
except ImportError:  # pragma: no cover - depends on the environment
    SentimentIntensityAnalyzer = None

VADER_AVAILABLE = SentimentIntensityAnalyzer is not None

SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_WORD_RE = re.compile(r"[^\W\d_]+")
_DE_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "nicht",
        "ist",
        "ich",
        "wir",
        "sie",
        "mit",
        "für",
        "fuer",
        "auf",
        "ein",
        "eine",
        "einen",
        "zu",
        "von",
        "den",
        "dem",
        "sich",
        "auch",
        "es",
        "war",
        "wie",
        "bei",
        "noch",
        "schon",
        "nur",
        "aber",
        "wieder",
        "mal",
        "kein",
        "keine",
        "immer",
        "sehr",
        "heute",
        "hat",
        "habe",
        "wird",
        "werden",
        "sind",
        "bin",
        "doch",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "not",
        "to",
        "of",
        "i",
        "we",
        "you",
        "it",
        "with",
        "for",
        "on",
        "a",
        "an",
        "are",
        "was",
        "this",
        "that",
        "my",
        "your",
        "have",
        "has",
        "be",
        "but",
        "so",
        "just",
        "very",
        "again",
        "never",
        "no",
        "always",
        "today",
        "they",
        "their",
        "at",
        "what",
    ]
)
_EMOJI = {
    "😡": -3.0,
    "🤬": -3.0,
    "👎": -2.0,
    "😤": -2.0,
    "😠": -2.0,
    "🙄": -1.0,
    "😒": -1.5,
    "💩": -2.0,
    "😞": -1.5,
    "😢": -1.5,
    "😭": -2.0,
    "👍": 1.5,
    "❤": 2.0,
    "😍": 3.0,
    "😊": 2.0,
    "🙂": 1.0,
    "👏": 2.0,
    "🎉": 2.0,
    "😩": -2.0,
    "😫": -2.0,
    "😑": -1.0,
    "🤦": -2.0,
    ":-(": -1.5,
    ":(": -1.5,
    ":'(": -2.0,
    "-.-": -1.5,
    "-_-": -1.5,
}
_EMOJI_RE = re.compile("|".join(map(re.escape, sorted(_EMOJI, key=len, reverse=True))))
_NEGATIVE_EMOJI_RE = re.compile("|".join(re.escape(e) for e, v in _EMOJI.items() if v < 0))
# Praise in customer feedback is often ironic ("Danke DB, wieder 40 Minuten",
# "super pünktlich mal wieder"), so positive words count this much (tuned on
# GermEval-2017 dev: 0.3 best of 0, 0.3, 0.5, 0.7, 1).
_POSITIVE_FACTOR = 0.3
_PROFANITY_WEIGHT = -2.0  # the policy's swear words, as polar words
_ALPHA = 15.0  # VADER's normalisation constant
_NEGATION_SCALAR = -0.74  # VADER's
_BOOST = 0.293  # VADER's booster increment
_NEGATION_WINDOW = 3
_SHORT_MENTION = 4  # words; a sentence this short borrows sentiment from the one before
_MIN_PLAIN = 6
_MIN_HEAD = 5  # shortest negative stem looked for inside a compound
_MIN_COMPOUND = 8  # shortest token searched for a compound head
_MIN_MODIFIER = 3  # a compound's first part has at least this many letters
# Verb particles: a "compound" whose first part is one of these is a verb.
_VERB_PARTICLES = frozenset(
    [
        "ver",
        "ent",
        "zer",
        "emp",
        "unter",
        "ueber",
        "aus",
        "ein",
        "auf",
        "vor",
        "nach",
        "her",
        "hin",
        "heraus",
        "hinaus",
        "herab",
        "herunter",
        "herein",
        "hinein",
        "zurueck",
        "durch",
        "weg",
        "mit",
        "fort",
        "wieder",
        "zusammen",
    ]
)
_MEMO_SIZE = 50_000  # tokens whose weight is remembered (cleared when full)
_FIRST_WORD_RE = re.compile(r"[^\W\d_]+")
_HEAD_FACTOR = 0.8  # shorter umlaut-dropped spellings collide with ordinary words
_ELONGATED_RE = re.compile(r"([^\W\d_])\1{2,}")  # "niiiicht", "sooo"
_CAPS_RE = re.compile(r"\b[A-ZÄÖÜ]{3,}\b")  # a shouted word
_CAPS_BOOST = 0.733  # VADER's all-caps increment
_DENSITY_WORDS = 25  # texts longer than this many tokens are scaled down
_TOKEN_RE = re.compile(r"[^\W\d_]+|[,;:–]")  # words, and clause breaks that stop a negation


_GAP = r"(?:[^\S\n]+[^\s,;:.!?–]+){0,4}?"  # up to four more words, no clause break


def _phrase_pattern(phrase: str) -> str:
    """The regex of one folded lexicon phrase: words apart by spaces or hyphens, "..." a gap."""
    parts = []
    for part in phrase.split("..."):
        words = [w for w in re.split(r"[\s\-]+", part.strip().rstrip("*")) if w]
        parts.append(r"[\s\-]*".join(map(re.escape, words)))
    body = (_GAP + r"[^\S\n]+").join(parts) if len(parts) > 1 else parts[0]
    return body + (r"\w*" if phrase.endswith("*") else "")


class GermanPolarity:
    """Sentence polarity from a weighted German lexicon, scaled to -1..1 like VADER.

    Entries are ``"word:weight"``; a trailing ``*`` on the word matches any
    ending ("enttäusch*" → "enttäuscht", "Enttäuschung"), and a space makes a
    phrase ("nie wieder"). A negation within three words before a polar word
    (or "nicht" right after it: "klappt nicht") flips and dampens it; a
    booster before it adds weight; after a contrast word ("aber") words count
    1.5 times and before it half.
    """

    def __init__(
        self,
        negative: list[str],
        positive: list[str],
        negations: list[str],
        boosters: list[str],
        contrast: list[str],
        profanity: list[str] | tuple[str, ...] = (),
        irony: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.exact: dict[str, float] = {}
        prefixes: dict[str, float] = {}
        heads: set[str] = set()
        phrases: list[tuple[str, float]] = []
        swear = [f"{w}:{_PROFANITY_WEIGHT}" for w in profanity if ":" not in w]
        for entry in [*swear, *negative, *positive]:
            word, _, weight = entry.rpartition(":")
            value = float(weight)
            word_start_only = word.startswith("^")  # "^teuer*": not inside "Steuer"
            word = word.lstrip("^")
            if value > 0:
                value *= _POSITIVE_FACTOR
            folded = fold_term(word)
            stem = folded[:-1] if folded.endswith("*") else ""
            if value < 0 and len(stem) >= _MIN_HEAD and not word_start_only:
                heads.add(stem)
            forms = {folded}
            plain = fold_term_plain(word)
            if len(plain.rstrip("*")) >= _MIN_PLAIN:  # "schön" without dots is "schon"
                forms.add(plain)
            for form in forms:
                if " " in form.strip():
                    phrases.append((form, value))
                elif form.endswith("*"):
                    prefixes[form[:-1]] = value
                else:
                    self.exact[form] = value
        self.prefixes = prefixes
        # Heads of German compounds: "Signalstörung", "Zugausfall", "Bahnlärm". Not the
        # umlaut-dropped spellings nor stems starting with a spelled-out umlaut: inside
        # a word they are other words ("kratzend" holds "atzend", "schaetzend" "aetzend").
        ordered_heads = sorted(
            (h for h in heads if not h.startswith(("ae", "oe"))), key=len, reverse=True
        )
        self.head_re = (
            re.compile("|".join(map(re.escape, ordered_heads))) if ordered_heads else None
        )
        ordered = sorted(prefixes, key=len, reverse=True)
        self.prefix_re = (
            re.compile("(?:" + "|".join(map(re.escape, ordered)) + ")") if ordered else None
        )
        # Phrases grouped by their first word, one regex per group with a capture
        # group per phrase (the group that matched names it); a group runs only when
        # its first word is among the sentence's tokens. "..." in an entry is a gap of
        # up to four words of the same clause ("fällt heute aus" for "fällt ... aus").
        groups: dict[str, list[tuple[str, float]]] = {}
        for phrase, value in phrases:
            first = _FIRST_WORD_RE.match(phrase)
            if value != 0.0 and first is not None:
                groups.setdefault(first.group(), []).append((phrase, value))
        self.phrase_groups: dict[str, tuple[re.Pattern[str], list[float]]] = {}
        for first, members in groups.items():
            members.sort(key=lambda pv: len(pv[0]), reverse=True)
            body = "|".join(f"({_phrase_pattern(p)})" for p, _ in members)
            rx = re.compile(rf"(?<![\w@])(?:{body})(?!\w|['’]\w)")
            self.phrase_groups[first] = (rx, [v for _, v in members])
        self.phrase_firsts = frozenset(self.phrase_groups)
        # Phrases of weight 0 are set formulas whose words carry no sentiment
        # ("Guten Morgen", "Mit freundlichen Grüßen"): they are blanked before scoring.
        neutral = [_phrase_pattern(p) for p, v in phrases if v == 0.0]
        self.neutral_re = (
            re.compile(rf"(?<![\w@])(?:{'|'.join(neutral)})(?!\w)") if neutral else None
        )
        self.negations = frozenset(fold_term(w) for w in negations)
        self.boosters = frozenset(fold_term(w) for w in boosters)
        self.contrast = frozenset(fold_term(w) for w in contrast)
        self.irony_re = phrase_regex(list(irony)) if irony else None
        # Words one of which every irony match holds (None: unknown).
        needles = phrase_needles(list(irony)) if irony else frozenset()
        self.irony_needles = Anchors(needles) if needles is not None else None
        self._memo: dict[str, float] = {}  # token -> weight, most tokens recur

    def weight(self, token: str) -> float:
        """The lexicon weight of one folded token (0 if it is not in the lexicon)."""
        value = self._memo.get(token)
        if value is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            value = self._memo[token] = self._lookup(token)
        return value

    def _lookup(self, token: str) -> float:
        value = self.exact.get(token)
        if value is not None:
            return value
        if self.prefix_re is not None:
            m = self.prefix_re.match(token)
            if m is not None:
                return self.prefixes[m.group()]
        if self.head_re is not None and len(token) >= _MIN_COMPOUND:
            m = self.head_re.search(token, _MIN_MODIFIER)
            # "verschlampen", "entsperren", "unterstreichen" are verbs, not compounds.
            if m is not None and token[: m.start()] not in _VERB_PARTICLES:
                return self.prefixes[m.group()] * _HEAD_FACTOR
        return 0.0

    def _tokens(self, folded: str) -> tuple[str, list[str]]:
        """The folded text as :meth:`score` reads it, and its tokens."""
        if _ELONGATED_RE.search(folded) is not None:
            folded = _ELONGATED_RE.sub(r"\1", folded)  # "niiicht" is "nicht"
        if self.neutral_re is not None and self.neutral_re.search(folded) is not None:
            folded = self.neutral_re.sub(" ", folded)
        return folded, _TOKEN_RE.findall(folded)

    def silent(self, folded: str, original: str) -> bool:
        """Whether :meth:`score` is 0.0 for sure: no polar word, no phrase, no emoji.

        Everything :meth:`score` adds up starts from one of these; an emoji
        (none holds an "X") found in ``original`` with names masked by "X" is
        also found in it unmasked, so the unmasked text may be given.
        """
        _folded, tokens = self._tokens(folded)
        return (
            not any(map(self.weight, tokens))
            and self.phrase_firsts.isdisjoint(tokens)
            and _EMOJI_RE.search(original) is None
        )

    def score(self, folded: str, original: str = "") -> float:
        """Compound polarity of a folded sentence (or document), in -1..1."""
        folded, tokens = self._tokens(folded)
        cut = next((i for i, t in enumerate(tokens) if t in self.contrast and i > 0), None)
        # Praise next to an irony marker is sarcasm: "Super, mal wieder 30 Minuten".
        irony = self.irony_re is not None and self.irony_re.search(folded) is not None
        shouted = _shouted(original)
        total = 0.0
        for i, token in enumerate(tokens):
            w = self.weight(token)
            if w == 0.0:
                continue
            if irony and w > 0:
                w = -w
            if shouted and token in shouted:
                w += _CAPS_BOOST if w > 0 else -_CAPS_BOOST
            for prev in tokens[max(0, i - 2) : i]:
                if prev in self.boosters:
                    w += _BOOST if w > 0 else -_BOOST
            window = tokens[max(0, i - _NEGATION_WINDOW) : i]
            for k in range(len(window) - 1, -1, -1):  # a clause break ends the window
                if window[k] in ",;:–":
                    window = window[k + 1 :]
                    break
            # "nicht" after a word negates a verb or praise ("klappt nicht"), never
            # a complaint ("leider nicht", "Verspätung nicht angesagt").
            if any(t in self.negations for t in window) or (
                w > 0 and i + 1 < len(tokens) and tokens[i + 1] == "nicht"
            ):
                w *= _NEGATION_SCALAR
            if cut is not None:
                w *= 1.5 if i > cut else 0.5
            total += w
        for first in self.phrase_firsts.intersection(tokens):
            rx, weights = self.phrase_groups[first]
            for m in rx.finditer(folded):
                total += weights[m.lastindex - 1]
        for m in _EMOJI_RE.finditer(original):
            total += _EMOJI[m.group()]
        if len(tokens) > _DENSITY_WORDS:
            # A long text with one complaint word is less negative than a tweet
            # with it: beyond a tweet's length the sum shrinks with sqrt(length).
            total *= math.sqrt(_DENSITY_WORDS / len(tokens))
        if total == 0.0:
            return 0.0
        return max(-1.0, min(1.0, total / math.sqrt(total * total + _ALPHA)))


def _shouted(original: str) -> frozenset[str]:
    """Folded words written in capitals ("NIE WIEDER"), unless the whole text is."""
    if original.isupper():
        return frozenset()
    words = _CAPS_RE.findall(original)
    return frozenset(fold_fast(w) for w in words) if words else frozenset()


# Function words as +1 (German) or -1 (English): their sum says which language has more.
_LANGUAGE_VOTES = {
    **{w: 1 for w in _DE_WORDS - _EN_WORDS},
    **{w: -1 for w in _EN_WORDS - _DE_WORDS},
}


def language(folded_sentence: str) -> str:
    """ "de", "en" or "" (undecided) for a sentence, by counting function words."""
    votes = sum(map(_LANGUAGE_VOTES.get, _WORD_RE.findall(folded_sentence), repeat(0)))
    return "de" if votes > 0 else "en" if votes < 0 else ""


def is_german(folded_sentence: str) -> bool:
    """Whether a sentence reads as German rather than English (function words)."""
    return language(folded_sentence) == "de"


_VADER: dict[tuple[str, ...], Any] = {}


def vader(extra: list[str] | tuple[str, ...] = ()) -> Any:
    """A VADER analyser with ``extra`` "word:weight" entries added to its lexicon.

    One analyser per distinct lexicon per process (loading one takes ~20 ms);
    None without the vaderSentiment package.
    """
    key = tuple(extra)
    if key not in _VADER:
        if SentimentIntensityAnalyzer is None:
            return None
        analyser = SentimentIntensityAnalyzer()
        for entry in extra:
            word, _, weight = entry.rpartition(":")
            analyser.lexicon[word.lower()] = float(weight)
        _VADER[key] = analyser
    return _VADER[key]


def german_polarity(policy: Policy) -> GermanPolarity:
    """The German scorer configured by ``[negativity]`` of ``policy``."""
    cfg = policy.effective["negativity"]
    return GermanPolarity(
        cfg["de_negative"],
        cfg["de_positive"],
        cfg["de_negations"],
        cfg["de_boosters"],
        cfg["de_contrast"],
        tuple(policy.effective.get("offensive", {}).get("profanity", ())),
        tuple(cfg.get("de_irony", ())),
    )


_PUNCTUATION = string.punctuation
_CUES: dict[int, frozenset[str]] = {}
_EXTRA_NEGATIONS = ("least", "without", "nor", "never", "not", "no", "cannot")


def _may_be_negative(analyser: Any, text: str) -> bool:
    """Whether VADER could score ``text`` below zero (a cheap test before VADER).

    VADER's compound is negative only through a word of negative valence, a
    negation of a positive word, or an emoticon/emoji; without any of these
    it is zero or positive, so VADER need not run.
    """
    cues = _CUES.get(id(analyser))
    if cues is None:
        from vaderSentiment.vaderSentiment import NEGATE

        negative = {w for w, v in analyser.lexicon.items() if v < 0}
        cues = frozenset(negative | set(NEGATE) | set(_EXTRA_NEGATIONS))
        _CUES[id(analyser)] = cues
    if not text.isascii():
        return True  # emoji: let VADER decide
    lower = text.lower()
    if "n't" in lower:  # no token holds whitespace, so some token holds it
        return True
    tokens = lower.split()
    if not cues.isdisjoint(tokens):
        return True
    return not cues.isdisjoint([t.strip(_PUNCTUATION) for t in tokens])


# What a token may add to a German score (NegativityRule._token_class).
_NEGATIVE, _POSITIVE, _NEGATION, _PHRASE, _ELONGATED = 1, 2, 4, 8, 16
# ASCII letters kept, every other byte a space: the letter tokens of _TOKEN_RE.
_ASCII_LETTERS = bytes(c if chr(c).isascii() and chr(c).isalpha() else ord(" ") for c in range(256))
_ASCII_NEGATIVE_EMOJI = tuple(e for e, v in _EMOJI.items() if v < 0 and e.isascii())
# After a run of . ! ? that a sentence ends with, where the next sentence starts.
_SENTENCE_CUT_RE = re.compile(r"([.!?])(?=[^.!?\s])")


def _may_be_negative_anywhere(analyser: Any, text: str) -> bool:
    """Whether :func:`_may_be_negative` may hold for some sentence of ``text``.

    A sentence's whitespace tokens are the text's, cut after the . ! ? run
    that ends a sentence; so its cues are among the cut tokens' cues.
    """
    if not text.isascii():
        return True
    lower = text.lower()
    if "n't" in lower:
        return True
    cues = _CUES[id(analyser)]
    if _SENTENCE_CUT_RE.search(lower) is not None:
        lower = _SENTENCE_CUT_RE.sub(r"\1 ", lower)
    tokens = lower.split()
    if not cues.isdisjoint(tokens):
        return True
    return not cues.isdisjoint(map(str.strip, tokens, repeat(_PUNCTUATION)))


def sentence_score(
    german: GermanPolarity,
    analyser: Any,
    folded: str,
    original: str,
    mask: Callable[[str], str] | None = None,
) -> tuple[float, str]:
    """Negativity score of one sentence (-1..1) and how it was computed.

    German sentences go to the polarity lexicon, English ones to VADER; when
    the function words do not decide, the more negative of the two counts.

    With ``mask``, the scorers read ``mask(original)`` (names blanked by "X"),
    made only when a scorer needs it: when the unmasked text has no polar word,
    phrase, emoji or negative VADER cue, the masked one has none either (see
    :meth:`GermanPolarity.silent`, and :func:`lazy_mask_safe` for VADER).
    """
    lang = language(folded)
    masked = original if mask is None else None
    scores: list[tuple[float, str]] = []
    if lang != "en":
        if masked is None and german.silent(folded, original):
            scores.append((0.0, "German polarity lexicon"))
        else:
            if masked is None:
                masked = mask(original)  # type: ignore[misc]
            scores.append((german.score(folded, masked), "German polarity lexicon"))
    if lang != "de" and analyser is not None:
        negative = _may_be_negative(analyser, original if masked is None else masked)
        if negative and masked is None:
            masked = mask(original)  # type: ignore[misc]
            negative = _may_be_negative(analyser, masked)
        if negative:
            scores.append((analyser.polarity_scores(masked)["compound"], "VADER compound"))
        else:
            scores.append((0.0, "VADER compound (no negative word)"))
    if not scores:
        return 0.0, "no scorer"
    return min(scores)


def _neutral(m: re.Match[str]) -> str:
    return "X" * len(m.group())


def lazy_mask_safe(analyser: Any, shortest_name: int) -> bool:
    """Whether VADER's negative cues can be looked for before names are masked.

    Masking turns a name of at least ``shortest_name`` characters into as many
    "X"s; a token that holds them is no cue unless some cue holds that many
    "x"s, so then a text without cues keeps none after masking.
    """
    if analyser is None:
        return True
    _may_be_negative(analyser, "")  # builds the cue set
    run = "x" * max(1, shortest_name)
    return not any(run in cue for cue in _CUES[id(analyser)])


class NegativityRule:
    """Flags negative sentences about the organisation (or about a competitor)."""

    def __init__(self, policy: Policy, name: str) -> None:
        self.name = name
        org = policy.organization
        if name == "brand_negativity":
            names = [org.name, *org.brands] if org.name else list(org.brands)
        else:
            names = list(org.competitors)
        self.names_re = phrase_regex([n.lstrip("@#") for n in names if n.strip("@#")], True)
        self.anchors = Anchors({entry_anchor(n.lstrip("@#")) for n in names})
        self.triggers = self.anchors.needles
        cfg = policy.effective["negativity"]
        self.en_threshold = cfg["en_threshold"]
        self.de_threshold = cfg["de_threshold"]
        self.german = german_polarity(policy)
        self.analyser = vader(tuple(cfg["en_lexicon"]))
        every = [org.name, *org.brands, *org.competitors]
        self.any_name_re = phrase_regex([n.lstrip("@#") for n in every if n.strip("@#")], True)
        plain = [re.escape(n.lstrip("@#")) for n in every if n.strip("@#")]
        plain.sort(key=len, reverse=True)
        self.mask_re = re.compile(rf"(?i)(?<!\w)(?:{'|'.join(plain)})(?!\w)") if plain else None
        shortest = min((len(n.lstrip("@#")) for n in every if n.strip("@#")), default=0)
        # Mask names only when a scorer needs the text (see sentence_score).
        self.lazy_mask = self.mask_re is not None and lazy_mask_safe(self.analyser, shortest)
        # A sentence scored 0.0 is not negative: posts where every sentence scores
        # 0.0 for sure can be passed over whole (see _quiet).
        self.quiet_ok = (
            (self.mask_re is None or self.lazy_mask)
            and self.en_threshold < 0
            and self.de_threshold < 0
        )
        self._classes: dict[Any, int] = {}  # token -> _token_class
        # ASCII tokens by bytes.translate, when the punctuation tokens add nothing.
        self._ascii_tokens = all(self._token_class(p) == 0 for p in ",;:")

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def _negative(
        self, folded: str, text: str, span: tuple[int, int]
    ) -> tuple[float, str, int, int] | None:
        a, b = span
        original = text[a:b]
        if self.lazy_mask:
            # Names carry no sentiment ("Solaris Power" is not positive).
            score, how = sentence_score(self.german, self.analyser, folded, original, self._mask)
        else:
            if self.mask_re is not None:
                original = self.mask_re.sub(_neutral, original)
            score, how = sentence_score(self.german, self.analyser, folded, original)
        threshold = self.de_threshold if how.startswith("German") else self.en_threshold
        if score > threshold:
            return None
        return score, f"{how} {score:+.2f}", a, b

    def _quiet(self, folded: str, original: str) -> bool:
        """Whether no sentence of the post scores below zero, for sure (so none is negative).

        Each sentence's German tokens are among the whole text's (also after
        ``score`` shortens elongations, which it does within a token, and blanks
        set phrases, which only removes tokens), its emoji and irony words among
        the text's, its VADER cues among those of
        :func:`_may_be_negative_anywhere`; names masked or not (see
        :func:`lazy_mask_safe`, :meth:`GermanPolarity.silent`).
        """
        # German: a sentence's sum is below zero only through a negative word, phrase
        # or emoji, or a positive word turned negative by irony or a negation.
        bits = self._token_bits(folded)
        if bits & (_NEGATIVE | _PHRASE):
            return False
        if original.isascii():
            if any(e in original for e in _ASCII_NEGATIVE_EMOJI):
                return False
        elif _NEGATIVE_EMOJI_RE.search(original) is not None:
            return False
        if bits & _POSITIVE:
            if bits & _NEGATION:
                return False
            german = self.german
            if german.irony_re is not None:
                if german.irony_needles is None:
                    return False
                if bits & _ELONGATED:  # irony is looked for after elongations shrink
                    folded = _ELONGATED_RE.sub(r"\1", folded)
                if german.irony_needles.any_in(folded):
                    return False
        if self.analyser is None:
            return True
        _may_be_negative(self.analyser, "")  # builds the cue set
        return not _may_be_negative_anywhere(self.analyser, original)

    def _token_bits(self, folded: str) -> int:
        """The :func:`_token_class` bits of all German tokens of ``folded``, ORed."""
        memo = self._classes
        if folded.isascii() and self._ascii_tokens:
            # Letters stay, the rest splits (",;:" are tokens too, of class 0).
            tokens: list[Any] = folded.encode("ascii").translate(_ASCII_LETTERS).split()
        else:
            tokens = _TOKEN_RE.findall(folded)
        found = set(map(memo.get, tokens))
        if None in found:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            for t in tokens:
                if t not in memo:
                    memo[t] = self._token_class(t.decode() if isinstance(t, bytes) else t)
            found = set(map(memo.get, tokens))
        bits = 0
        for b in found:
            bits |= b
        return bits

    def _token_class(self, token: str) -> int:
        """What one token (as found, before elongations shrink) may add to a German score."""
        german = self.german
        bits = 0
        if _ELONGATED_RE.search(token) is not None:
            token = _ELONGATED_RE.sub(r"\1", token)
            bits = _ELONGATED
        w = german.weight(token)
        bits |= _NEGATIVE if w < 0 else _POSITIVE if w > 0 else 0
        if token == "nicht" or token in german.negations:
            bits |= _NEGATION
        if token in german.phrase_firsts:
            bits |= _PHRASE
        return bits

    def _mask(self, original: str) -> str:
        assert self.mask_re is not None
        return self.mask_re.sub(_neutral, original)

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every negative sentence that names a target, or None."""
        if not self.anchors.any_in(post.folded_fast):
            return None
        if self.names_re is None or not self.names_re.search(post.folded_fast):
            return None
        view = post.folded
        if self.quiet_ok and self._quiet(view.text, post.text):
            return None
        evidence: list[Evidence] = []
        worst = 0.0
        sentences = list(SENTENCE_RE.finditer(view.text))
        for k, sentence in enumerate(sentences):
            mention = self.names_re.search(sentence.group())
            if mention is None:
                continue
            # The mention's sentence, else the sentence after or before it when that
            # names no one ("Nordwind billed me twice. Terrible service.").
            spans = [(sentence.start(), sentence.end())]
            # The sentence before only for a short mention ("Never again Nordwind.").
            before = k - 1 if len(_WORD_RE.findall(sentence.group())) <= _SHORT_MENTION else -1
            for j in (k + 1, before):
                if 0 <= j < len(sentences):
                    near = sentences[j]
                    if not (self.any_name_re and self.any_name_re.search(near.group())):
                        spans.append((near.start(), near.end()))
            hit = None
            for s_start, s_end in spans:
                hit = self._negative(view.text[s_start:s_end], post.text, view.span(s_start, s_end))
                if hit is not None:
                    lo = min(s_start, sentence.start())
                    hi = max(s_end, sentence.end())
                    hit = (hit[0], hit[1], *view.span(lo, hi))
                    break
            if hit is None:
                continue
            score, how, a, b = hit
            name = view.original_text(
                sentence.start() + mention.start(), sentence.start() + mention.end()
            )
            original = post.text[a:b]
            stripped = original.strip()
            start = a + len(original) - len(original.lstrip())
            evidence.append(
                Evidence(
                    start,
                    start + len(stripped),
                    stripped,
                    f'negative sentence about "{name}" ({how})',
                )
            )
            worst = min(worst, score)
        if not evidence:
            return None
        return RuleResult(round(-worst, 3), evidence)
