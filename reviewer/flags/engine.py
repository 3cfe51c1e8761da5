"""The flag engine: runs every active rule over posts, in batches. Pure: no database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, NotRequired, TypedDict

from reviewer.errors import InputError
from reviewer.flags.policy import Policy
from reviewer.flags.prepared import PreparedPost
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
    parent_text: NotRequired[str | None]  # the text of the post replied to, if known


class FlagEngine:
    """Computes flags for posts under one policy.

    Rules run in the contract's order; a rule runs if the policy enables it
    and it is implemented. Each batch is normalised lazily and shared by all
    rules, and each rule's cheap prefilter decides which posts get the
    expensive matching.
    """

    def __init__(self, policy: Policy, batch_size: int = 2048) -> None:
        self.policy = policy
        self.batch_size = max(1, batch_size)
        self.rules: list[Rule] = [
            build_rule(name, policy)
            for name in RULES
            if name in IMPLEMENTED_RULES and policy.rule(name).enabled
        ]

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
            yield from self._flag_batch(batch)

    def _flag_batch(self, batch: list[FlagInput]) -> Iterator[Flag]:
        prepared = [_prepare(p) for p in batch]
        for rule in self.rules:
            rule.prepare(prepared)
        version = self.policy.version
        for post in prepared:
            for rule in self.rules:
                result = rule.check(post)
                if result is None:
                    continue
                yield Flag(
                    post_id=post.post_id,
                    rule=rule.name,
                    severity=self.policy.rule(rule.name).severity,
                    score=min(1.0, max(0.0, result.score)),
                    evidence=result.evidence,
                    policy_version=version,
                )


def _prepare(post: FlagInput) -> PreparedPost:
    try:
        post_id = post["post_id"]
    except (KeyError, TypeError):
        raise InputError("flag input", f"post without post_id: {post!r:.80}") from None
    return PreparedPost(str(post_id), post.get("text") or "", post)
