"""Text normalisation with an offset map back to the original post text.

Rules match on normalised text, but evidence must point into ``posts.text``.
A :class:`View` is a normalised copy of a post plus, for every character of
the copy, the span of original characters it came from.

Two views exist:

- ``clean``: NFKC, invisible characters (zero-width, bidi controls, soft
  hyphen, variation selectors) removed. Case is kept. Used for personal data,
  where fullwidth digits or a zero-width space inside an IBAN must not hide it.
- ``folded``: ``clean`` plus casefolding (ß → ss), German umlauts spelled out
  (ä → ae, ö → oe, ü → ue) and other accents stripped (é → e). Used by lexicon
  rules. Leetspeak is *not* undone here: digits are meaningful in terms such as
  "Q3-Zahlen", so the confidential matcher undoes leetspeak per token
  (:func:`leet_forms`).

Each view has a fast form (``fold_fast``/``clean_fast``: whole-string C-level
operations, no map) that rules use as a prefilter, and a mapped form
(``folded_view``/``clean_view``) built per character cluster, which is the
authority for matching and evidence once the prefilter says a post may match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that render as nothing (or only steer direction) and are used to
# split words so that naive matching misses them.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space/joiners, LRM/RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates and deprecated format characters
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space / BOM
    (0xFFA0, 0xFFA0),
)
_INVISIBLE_CLASS = "".join(
    f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _INVISIBLE_RANGES
)
# A regex rather than str.translate: translate with a dict costs ~10x more per post.
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CLASS}]")
# Combining diacritics that accent stripping removes (after umlaut folding).
_COMBINING_CLASS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_RE = re.compile(f"[{_COMBINING_CLASS}]")
# A segment is either a run of ASCII characters none of which is followed by a
# combining mark or invisible character (handled in bulk), or one character
# with the marks and invisibles that follow it (one cluster). Invisible
# characters join the cluster before them so that "a", ZWSP, U+0308 still
# composes to "ä" exactly as the whole-string fast path does.
_CONT = f"[{_COMBINING_CLASS}{_INVISIBLE_CLASS}]"
_SEGMENT_RE = re.compile(f"(?s)((?:[\\x00-\\x7f](?!{_CONT}))+)|(.{_CONT}*)")

# Leetspeak digits and symbols back to letters. "1" is ambiguous (i or l), so
# :func:`leet_forms` yields both readings.
_LEET_I = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_L = str.maketrans({"1": "l"})
_LEET_RE = re.compile(r"[013457@$]")
_ALPHA_RE = re.compile(r"[^\W\d_]")


def clean_fast(text: str) -> str:
    """The ``clean`` view without an offset map (prefilter use)."""
    if text.isascii():
        return text
    return _clean_nonascii(text)


def _clean_nonascii(text: str) -> str:
    return unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", text))


def fold_fast(text: str) -> str:
    """The ``folded`` view without an offset map (prefilter use)."""
    if text.isascii():
        return text.lower()
    return _fold_nonascii(text)


def fast_views(texts: list[str]) -> tuple[list[str], list[str]]:
    """``fold_fast`` and ``clean_fast`` of many texts; the folded one made from the clean one."""
    clean = [t if t.isascii() else _clean_nonascii(t) for t in texts]
    # For ASCII, casefold() is lower(), and _fold_clean then changes nothing more.
    folded = [c.lower() if c.isascii() else _fold_clean(c) for c in clean]
    return folded, clean


def _fold_nonascii(text: str) -> str:
    return _fold_clean(_clean_nonascii(text))


def _fold_clean(clean: str) -> str:
    """The folded view of a text from its clean view (NFKC, no invisibles)."""
    folded = clean.casefold()
    folded = folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    if folded.isascii():
        return folded
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", folded))


@lru_cache(maxsize=65536)
def _fold_cluster(cluster: str) -> str:
    return _fold_nonascii(cluster)


@lru_cache(maxsize=65536)
def _clean_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", cluster))


class View:
    """A normalised copy of a text with a map back to the original offsets."""

    __slots__ = ("_ends", "_starts", "original", "text")

    def __init__(
        self,
        original: str,
        text: str,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.original = original
        self.text = text
        # None means the identity map (ASCII input: every character stays put).
        self._starts = starts
        self._ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of the view to ``[start, end)`` of the original text.

        The result covers every original character that produced a view
        character in the range, including invisible characters and combining
        marks inside it.
        """
        if self._starts is None or self._ends is None:
            return start, end
        if end <= start:
            pos = self._starts[start] if start < len(self._starts) else len(self.original)
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind view range ``[start, end)``."""
        a, b = self.span(start, end)
        return self.original[a:b]


def _build_view(text: str, fold: bool) -> View:
    if text.isascii():
        return View(text, text.lower() if fold else text)
    cluster_fn = _fold_cluster if fold else _clean_cluster
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _SEGMENT_RE.finditer(text):
        run = m.group(1)
        if run is not None:
            a, b = m.span()
            parts.append(run.lower() if fold else run)
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
            continue
        out = cluster_fn(m.group(2))
        if out:
            a, b = m.span()
            parts.append(out)
            starts.extend([a] * len(out))
            ends.extend([b] * len(out))
    return View(text, "".join(parts), starts, ends)


def folded_view(text: str) -> View:
    """The ``folded`` view (NFKC, no invisibles, casefold, umlauts spelled out) with its map."""
    return _build_view(text, fold=True)


def clean_view(text: str) -> View:
    """The ``clean`` view (NFKC, no invisibles, case kept) with its map."""
    return _build_view(text, fold=False)


def leet_forms(token: str) -> tuple[str, ...]:
    """Readings of a folded token with leetspeak undone, the token itself first.

    Only tokens that mix letters with leet characters get extra readings: a
    plain number such as "2024" stays a number.
    """
    if token.isalpha() or token.isdigit() or not _LEET_RE.search(token):
        return (token,)
    if not _ALPHA_RE.search(token):
        return (token,)
    as_l = token.translate(_LEET_L).translate(_LEET_I)
    as_i = token.translate(_LEET_I)
    if as_l == as_i:
        return (token, as_i)
    return (token, as_i, as_l)


def fold_term(text: str) -> str:
    """Fold a lexicon entry the way post text is folded."""
    return fold_fast(text)


def fold_term_plain(text: str) -> str:
    """Fold a lexicon entry with umlauts reduced to their base letter (ä → a).

    Posts often drop the dots instead of spelling the umlaut out.
    """
    stripped = unicodedata.normalize("NFKC", text).casefold()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", stripped))
