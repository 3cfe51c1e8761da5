"""A post as the rules see it: its text normalised once, lazily, shared by all rules."""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, count
from operator import add
from typing import Any

from reviewer.flags.normalize import View, clean_fast, clean_view, fold_fast, folded_view
from reviewer.model import Evidence


class PreparedPost:
    """One post with its normalised views, each computed at most once.

    The fast views (no offset map) feed the rules' prefilters; the mapped
    views are built only for the few posts a prefilter lets through. Plain
    lazy attributes rather than functools.cached_property, which takes a lock
    on every access in Python 3.11 and showed up in profiles.

    Besides the text, a post carries the other columns of ``posts`` that
    rules may use (platform, kind, author, lang, media, reply_to) and the text
    of the post replied to (``parent_text``); ``media`` may arrive as the
    stored JSON text and is parsed on first use.
    """

    __slots__ = (
        "_clean",
        "_clean_fast",
        "_folded",
        "_folded_fast",
        "_media",
        "author",
        "kind",
        "lang",
        "parent_text",
        "platform",
        "post_id",
        "reply_to",
        "scratch",
        "text",
    )

    def __init__(
        self,
        post_id: str,
        text: str,
        *,
        platform: str | None = None,
        kind: str | None = None,
        author: str | None = None,
        lang: str | None = None,
        media: list[Any] | str | None = None,
        reply_to: str | None = None,
        parent_text: str | None = None,
    ) -> None:
        self.post_id = post_id
        self.text = text
        self.platform = platform
        self.kind = kind
        self.author = author
        self.lang = lang
        self._media = media
        self.reply_to = reply_to
        # The text of the post replied to, where the store has it (complaint_reply).
        self.parent_text = parent_text
        # Rule-private results shared between a rule's prepare() and check().
        self.scratch: dict[str, object] = {}
        self._folded_fast: str | None = None
        self._clean_fast: str | None = None
        self._folded: View | None = None
        self._clean: View | None = None

    def set_fast(self, folded: str, clean: str | None = None) -> None:
        """Hand in fast views computed for a whole batch (the engine does)."""
        self._folded_fast = folded
        if clean is not None:
            self._clean_fast = clean

    @property
    def media(self) -> list[Any]:
        """The post's media items (empty when it has none)."""
        if isinstance(self._media, str):
            # Most posts carry none: skip the JSON parser for the empty list.
            raw = self._media
            self._media = json.loads(raw) if raw and raw != "[]" else []
        if self._media is None:
            self._media = []
        return self._media

    @property
    def is_reply(self) -> bool:
        """Whether the post answers another post (``reply_to`` set, or kind reply/comment)."""
        return bool(self.reply_to) or self.kind in ("reply", "comment")

    @property
    def folded_fast(self) -> str:
        """Folded text without an offset map (prefilters)."""
        if self._folded_fast is None:
            self._folded_fast = fold_fast(self.text)
        return self._folded_fast

    @property
    def clean_fast(self) -> str:
        """Clean text without an offset map (prefilters)."""
        if self._clean_fast is None:
            self._clean_fast = clean_fast(self.text)
        return self._clean_fast

    @property
    def folded(self) -> View:
        """The folded view with its map to the original text."""
        if self._folded is None:
            self._folded = folded_view(self.text)
        return self._folded

    @property
    def clean(self) -> View:
        """The clean view with its map to the original text."""
        if self._clean is None:
            self._clean = clean_view(self.text)
        return self._clean


class Batch:
    """A batch of posts as a rule's ``select`` sees it, before any post object exists.

    ``folded[k]`` is post k's folded text (:func:`fold_fast`), ``media[k]`` its
    media as given (a list, the stored JSON text or None); ``hyperscan``: see
    :mod:`reviewer.flags.scan`.
    """

    __slots__ = ("_ends", "_joined", "_utf8", "folded", "hyperscan", "media")

    def __init__(self, folded: list[str], media: list[Any], hyperscan: bool = False) -> None:
        self.folded = folded
        self.media = media
        # Whether a rule's select may search the batch with Hyperscan (the engine's choice).
        self.hyperscan = hyperscan
        self._joined: str | None = None
        self._utf8: bytes | None = None
        self._ends: list[int] | None = None

    @property
    def joined(self) -> str:
        """The folded texts joined by NUL (no trigger or token contains it)."""
        if self._joined is None:
            self._joined = "\x00".join(self.folded)
        return self._joined

    @property
    def utf8(self) -> bytes:
        """:attr:`joined` in UTF-8 (what Hyperscan searches, see :mod:`reviewer.flags.scan`)."""
        if self._utf8 is None:
            self._utf8 = self.joined.encode()
        return self._utf8

    def post_at(self, offset: int, ends: list[int]) -> int:
        """The post whose folded text holds ``offset`` of :attr:`joined` (``ends``:
        :meth:`ends`)."""
        return bisect_right(ends, offset)

    def ends(self) -> list[int]:
        """The offset in :attr:`joined` of the separator after each post (or the end)."""
        if self._ends is None:
            # Post k's end is its cumulative length plus the k separators before it.
            self._ends = list(map(add, accumulate(map(len, self.folded)), count()))
        return self._ends

    def has_media(self, k: int) -> bool:
        """Whether post k may carry media (None, "" and "[]" mean none)."""
        m = self.media[k]
        return bool(m) and m != "[]"


@dataclass(slots=True)
class RuleResult:
    """A rule's finding before the engine adds post id, severity and policy version."""

    score: float
    evidence: list[Evidence]
