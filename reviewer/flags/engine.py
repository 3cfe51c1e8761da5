"""The flag engine: runs every active rule over posts, in batches. Pure: no database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, NotRequired, TypedDict

import ahocorasick
import pyarrow as pa

from reviewer.errors import InputError
from reviewer.flags.policy import Policy
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.flags.rules import IMPLEMENTED_RULES, Rule, build_rule
from reviewer.model import RULES, Flag


class FlagInput(TypedDict):
    """One post as the engine takes it (the columns of ``posts`` it may use)."""

    post_id: str
    text: str | None
    platform: NotRequired[str]
    kind: NotRequired[str]
    author: NotRequired[str | None]
    lang: NotRequired[str | None]
    media: NotRequired[list[Any]]
    reply_to: NotRequired[str | None]


class Cascade:
    """Which rules need to look at a post: one Aho-Corasick pass over every rule's triggers.

    A rule's ``triggers`` (see :class:`reviewer.flags.rules.Rule`) are
    substrings of the folded text without which it never flags. All rules'
    triggers go into one automaton whose values are bit masks of rules; a
    post's matches OR together into the mask of the rules that run on it.
    Rules without triggers run on every post.
    """

    def __init__(self, rules: list[Rule], use_triggers: bool = True) -> None:
        self.always = 0
        masks: dict[str, int] = {}
        for i, rule in enumerate(rules):
            triggers = getattr(rule, "triggers", None) if use_triggers else None
            if triggers is None:
                self.always |= 1 << i
                continue
            for needle in triggers:
                if needle:
                    masks[needle] = masks.get(needle, 0) | 1 << i
        self.automaton = ahocorasick.Automaton()
        for needle, mask in masks.items():
            self.automaton.add_word(needle, mask)
        self.empty = not masks
        if not self.empty:
            self.automaton.make_automaton()

    def mask(self, folded: str) -> int:
        """Bit mask of the rules (by index) that must check a post with this folded text."""
        mask = self.always
        if not self.empty:
            for _end, bits in self.automaton.iter(folded):
                mask |= bits
        return mask


class FlagEngine:
    """Computes flags for posts under one policy.

    Rules run in the contract's order; a rule runs if the policy enables it
    and it is implemented. Each batch is normalised lazily and shared by all
    rules; a :class:`Cascade` over the rules' triggers decides which rules
    look at which post, and each rule's own prefilter then decides which
    posts get the expensive matching.
    """

    def __init__(self, policy: Policy, batch_size: int = 2048, use_triggers: bool = True) -> None:
        self.policy = policy
        self.batch_size = max(1, batch_size)
        self.rules: list[Rule] = [
            build_rule(name, policy)
            for name in RULES
            if name in IMPLEMENTED_RULES and policy.rule(name).enabled
        ]
        # use_triggers=False runs every rule on every post (benchmark baseline, tests).
        self.cascade = Cascade(self.rules, use_triggers)
        self._severity = [policy.rule(r.name).severity for r in self.rules]

    @property
    def active_rules(self) -> list[str]:
        """Names of the rules this engine runs."""
        return [r.name for r in self.rules]

    def flag(self, posts: Iterable[FlagInput]) -> list[Flag]:
        """All flags for ``posts``, grouped by post in input order."""
        return list(self.iter_flags(posts))

    def iter_flags(self, posts: Iterable[FlagInput]) -> Iterator[Flag]:
        """Like :meth:`flag`, streaming batch by batch to keep memory flat."""
        it = iter(posts)
        while batch := list(islice(it, self.batch_size)):
            yield from self._flag_batch([_prepare(p) for p in batch])

    def flag_arrow(self, batch: pa.RecordBatch | pa.Table) -> list[Flag]:
        """Flags for posts given as Arrow columns (``post_id``, ``text`` and any of
        the other :class:`FlagInput` keys; ``media`` as a list or its JSON text)."""
        columns = batch.to_pydict()
        ids, texts = columns["post_id"], columns["text"]
        extra = {k: columns[k] for k in _COLUMNS if k in columns}
        prepared = [
            PreparedPost(str(ids[k]), texts[k] or "", **{c: v[k] for c, v in extra.items()})
            for k in range(len(ids))
        ]
        flags: list[Flag] = []
        for lo in range(0, len(prepared), self.batch_size):
            flags.extend(self._flag_batch(prepared[lo : lo + self.batch_size]))
        return flags

    def _flag_batch(self, prepared: list[PreparedPost]) -> Iterator[Flag]:
        rules = self.rules
        n_rules = len(rules)
        todo: list[list[int]] = [[] for _ in rules]  # per rule: indices of its posts
        mask_of = self.cascade.mask
        for k, post in enumerate(prepared):
            mask = mask_of(post.folded_fast)
            i = 0
            while mask:
                if mask & 1:
                    todo[i].append(k)
                mask >>= 1
                i += 1
        found: list[tuple[int, int, RuleResult]] = []
        for i in range(n_rules):
            if not todo[i]:
                continue
            rule = rules[i]
            posts = [prepared[k] for k in todo[i]]
            rule.prepare(posts)
            check = rule.check
            for k, post in zip(todo[i], posts, strict=True):
                result = check(post)
                if result is not None:
                    found.append((k, i, result))
        found.sort(key=lambda item: (item[0], item[1]))
        version = self.policy.version
        for k, i, result in found:
            yield Flag(
                post_id=prepared[k].post_id,
                rule=rules[i].name,
                severity=self._severity[i],
                score=min(1.0, max(0.0, result.score)),
                evidence=result.evidence,
                policy_version=version,
            )


_COLUMNS = ("platform", "kind", "author", "lang", "media", "reply_to")


def _prepare(post: FlagInput) -> PreparedPost:
    try:
        post_id = post["post_id"]
    except (KeyError, TypeError):
        raise InputError("flag input", f"post without post_id: {post!r:.80}") from None
    return PreparedPost(
        str(post_id),
        post.get("text") or "",
        platform=post.get("platform"),
        kind=post.get("kind"),
        author=post.get("author"),
        lang=post.get("lang"),
        media=post.get("media"),
        reply_to=post.get("reply_to"),
    )
