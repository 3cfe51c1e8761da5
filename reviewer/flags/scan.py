"""The cascade's whole-batch searches with Hyperscan, where it is installed.

Before any rule looks at a batch, the cascade (:class:`reviewer.flags.engine.Cascade`)
finds every rule's triggers (substrings of the folded texts) and trigger
patterns (regular expressions over the clean texts) in the batch's texts
joined by NUL. pyahocorasick and ``re`` take about 1.4 µs a post for it;
Hyperscan, a SIMD matcher made for many patterns at once, about 0.45 µs
(``bench/bench_flags.py``, 1M posts; see docs/policy.md). The ``hyperscan``
package is built for x86-64: elsewhere (or on a CPU it cannot run on), and for
a batch where a text holds a NUL itself, the cascade takes its own path; both
paths give the same masks (tests/flags/test_scan.py).

Hyperscan has no lookbehind, and Python's ``\\d`` and ``\\s`` know every
script's digits and spaces. A rule with ``trigger_patterns`` therefore also
gives ``trigger_patterns_ascii``: byte patterns that match wherever their
counterparts match on a text whose digits and whitespace are ASCII (they may
match more: the rule's check tests again). A post with any other digit or
whitespace character (:func:`non_ascii_digits_and_spaces`) gets the exact
patterns instead, one post at a time.
"""

from __future__ import annotations

import array
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

try:
    import hyperscan
except ImportError:  # not built for this platform: the cascade's own path runs
    hyperscan = None

if TYPE_CHECKING:
    from reviewer.flags.prepared import Batch

# Joins a batch's texts (engine.BATCH_SEPARATOR); no needle or pattern matches it.
_SEPARATOR = "\x00"
# Every digit and whitespace character outside ASCII lies below this (the test checks).
_ODD_LIMIT = 0x20000


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether Hyperscan is installed and runs here (it needs a CPU with SSSE3)."""
    if hyperscan is None:
        return False
    try:
        database = literal_database(["probe"])
        database.scan(b"a probe", match_event_handler=lambda *_: None)
    except hyperscan.error:
        return False
    return True


@lru_cache(maxsize=1)
def non_ascii_digits_and_spaces() -> tuple[tuple[int, int], ...]:
    """Ranges of the code points from U+0080 up that Python's ``\\d`` or ``\\s`` match."""
    below, above = range(0x80, 0xD800), range(0xE000, _ODD_LIMIT)  # no surrogates
    chars = "".join(array.array("I", r).tobytes().decode("utf-32-le") for r in (below, above))
    ranges: list[list[int]] = []
    for m in re.finditer(r"[\d\s]", chars):
        cp = ord(m.group())
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return tuple((lo, hi) for lo, hi in ranges)


def _odd_class() -> bytes:
    """A UTF-8 Hyperscan class of :func:`non_ascii_digits_and_spaces`."""
    parts = (
        f"\\x{{{lo:x}}}" if lo == hi else f"\\x{{{lo:x}}}-\\x{{{hi:x}}}"
        for lo, hi in non_ascii_digits_and_spaces()
    )
    return f"[{''.join(parts)}]".encode()


class BatchScanner:
    """Hyperscan databases for a cascade: its needles, and its patterns' ASCII forms.

    ``needles`` maps each needle to its rule bits; ``patterns`` lists
    (exact pattern, ASCII form, bits).
    """

    def __init__(
        self,
        needles: dict[str, int],
        patterns: Sequence[tuple[re.Pattern[str], bytes, int]],
    ) -> None:
        assert hyperscan is not None
        self._needle_bits = list(needles.values())
        self._literals = literal_database(needles) if needles else None
        self._exact = [(pattern, bits) for pattern, _, bits in patterns]
        self._pattern_bits = [bits for _, _, bits in patterns]
        self._odd = len(patterns)  # the id of the non-ASCII digit/space detector
        self._patterns: Any = None
        if patterns:
            exprs = [ascii_form for _, ascii_form, _ in patterns] + [_odd_class()]
            flags = [0] * len(patterns) + [hyperscan.HS_FLAG_UTF8]
            self._patterns = _database(exprs, flags)

    def scan(self, out: list[int], batch: Batch, clean: list[str] | None) -> bool:
        """OR the bits of every needle in the batch's folded texts and of every pattern
        in its clean texts into ``out``, the masks of its posts. False, and ``out``
        untouched, when a text holds a NUL."""
        if not separable(batch):
            return False
        if self._literals is not None:
            bits = self._needle_bits
            for i, k in _hits(self._literals, batch.utf8):
                out[k] |= bits[i]
        if self._patterns is not None and clean is not None:
            bits = self._pattern_bits
            odd: set[int] = set()
            for i, k in _hits(self._patterns, _SEPARATOR.join(clean).encode()):
                if i == self._odd:
                    odd.add(k)
                else:
                    out[k] |= bits[i]
            for k in odd:  # other digits or spaces: the exact patterns
                for pattern, bit in self._exact:
                    if not out[k] & bit and pattern.search(clean[k]):
                        out[k] |= bit
        return True


def separable(batch: Batch) -> bool:
    """Whether no text of ``batch`` holds a NUL: its posts are then told apart by them."""
    return batch.joined.count(_SEPARATOR) == len(batch.folded) - 1


def literal_database(needles: Collection[str]) -> Any:
    """A Hyperscan database of ``needles``, to search with :func:`posts_with`."""
    exprs = [n.encode() for n in needles]
    return _database(exprs, [0] * len(exprs), literal=True)


def _database(exprs: list[bytes], flags: list[int], literal: bool = False) -> Any:
    """A block-mode Hyperscan database of ``exprs``, each reported by its index."""
    assert hyperscan is not None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=exprs,
        ids=list(range(len(exprs))),
        elements=len(exprs),
        flags=flags,
        literal=literal,
    )
    return database


def posts_with(database: Any, batch: Batch) -> list[int]:
    """The posts of ``batch`` (:func:`separable`) whose folded text holds a needle of
    ``database``, in order."""
    return sorted({k for _, k in _hits(database, batch.utf8)})


def _hits(database: Any, data: bytes) -> list[tuple[int, int]]:
    """(expression id, post) for every match in ``data``, UTF-8 texts joined by NUL."""
    ids: list[int] = []
    ends: list[int] = []

    def found(expression: int, _start: int, end: int, _flags: int, _context: object) -> None:
        ids.append(expression)
        ends.append(end)

    database.scan(data, match_event_handler=found)
    if not ids:
        return []
    separators = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
    # A match's last byte lies in the post after as many separators as come before it.
    posts = np.searchsorted(separators, np.asarray(ends) - 1).tolist()
    return list(zip(ids, posts, strict=True))
