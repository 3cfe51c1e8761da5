"""A post as the rules see it: its text normalised once, lazily, shared by all rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer.flags.normalize import View, clean_fast, clean_view, fold_fast, folded_view
from reviewer.model import Evidence


class PreparedPost:
    """One post with its normalised views, each computed at most once.

    The fast views (no offset map) feed the rules' prefilters; the mapped
    views are built only for the few posts a prefilter lets through. Plain
    lazy attributes rather than functools.cached_property, which takes a lock
    on every access in Python 3.11 and showed up in profiles.
    """

    __slots__ = (
        "_clean",
        "_clean_fast",
        "_folded",
        "_folded_fast",
        "post_id",
        "scratch",
        "source",
        "text",
    )

    def __init__(self, post_id: str, text: str, source: Mapping[str, Any] | None = None) -> None:
        self.post_id = post_id
        self.text = text
        # The engine's input record: the other columns (author, media, reply_to,
        # parent_text), read only by the rules that need them.
        self.source: Mapping[str, Any] = source if source is not None else {}
        # Rule-private results shared between a rule's prepare() and check().
        self.scratch: dict[str, object] = {}
        self._folded_fast: str | None = None
        self._clean_fast: str | None = None
        self._folded: View | None = None
        self._clean: View | None = None

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
    def author(self) -> str | None:
        """The post's author as the export gives it (handle or name), if known."""
        value = self.source.get("author")
        return value if isinstance(value, str) and value else None

    @property
    def media(self) -> list[Any]:
        """The post's media list (``posts.media``), empty when it has none."""
        value = self.source.get("media")
        return value if isinstance(value, list) else []

    @property
    def is_reply(self) -> bool:
        """Whether the post answers another post (``reply_to`` set, or kind reply/comment)."""
        return bool(self.source.get("reply_to")) or self.source.get("kind") in ("reply", "comment")

    @property
    def parent_text(self) -> str | None:
        """The text of the post this one replies to, where the store has it."""
        value = self.source.get("parent_text")
        return value if isinstance(value, str) and value else None

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


@dataclass(slots=True)
class RuleResult:
    """A rule's finding before the engine adds post id, severity and policy version."""

    score: float
    evidence: list[Evidence]
