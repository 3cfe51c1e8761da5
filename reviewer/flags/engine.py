"""The flag engine: runs every active rule over posts, in batches. Pure: no database."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from itertools import islice, repeat
from typing import Any, NotRequired, TypedDict

import ahocorasick
import pyarrow as pa

from reviewer.errors import InputError
from reviewer.flags.normalize import clean_fast, fold_fast
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
    parent_text: NotRequired[str | None]  # the text of the post replied to, if known


# Joins a batch's texts for the cascade's whole-batch searches; no trigger or
# pattern may contain or match it.
BATCH_SEPARATOR = "\x00"


class Cascade:
    """Which rules need to look at which post, decided for a whole batch at once.

    A rule may declare ``triggers``, substrings of the folded text, and
    ``trigger_patterns``, regular expressions searched in the clean text (see
    :class:`reviewer.flags.rules.Rule`); it then only sees posts where one of
    them occurs. All rules' triggers go into one Aho-Corasick automaton whose
    values are bit masks of rules, run once over the batch's folded texts
    joined by :data:`BATCH_SEPARATOR`; each pattern runs once over the joined
    clean texts. A post's hits OR together into the mask of the rules that run
    on it. Rules that declare neither run on every post.
    """

    def __init__(self, rules: list[Rule], use_triggers: bool = True) -> None:
        self.always = 0
        self.patterns: list[tuple[re.Pattern[str], int]] = []
        masks: dict[str, int] = {}
        for i, rule in enumerate(rules):
            bit = 1 << i
            triggers = getattr(rule, "triggers", None) if use_triggers else None
            patterns = getattr(rule, "trigger_patterns", None) if use_triggers else None
            if triggers is None and patterns is None:
                self.always |= bit
                continue
            for needle in triggers or ():
                if needle and BATCH_SEPARATOR not in needle:
                    masks[needle] = masks.get(needle, 0) | bit
            self.patterns.extend((pattern, bit) for pattern in patterns or ())
        self.automaton = ahocorasick.Automaton()
        for needle, mask in masks.items():
            self.automaton.add_word(needle, mask)
        self.empty = not masks
        if not self.empty:
            self.automaton.make_automaton()

    def masks(self, folded: list[str], clean: list[str] | None) -> list[int]:
        """Bit masks for a batch, from its folded and (if patterns exist) clean texts."""
        out = [self.always] * len(folded)
        if not self.empty:
            self._hits(out, folded, self.automaton.iter(BATCH_SEPARATOR.join(folded)))
        if self.patterns and clean is not None:
            joined = BATCH_SEPARATOR.join(clean)
            for pattern, bit in self.patterns:
                self._hits(out, clean, ((m.start(), bit) for m in pattern.finditer(joined)))
        return out

    @staticmethod
    def _hits(out: list[int], texts: list[str], hits: Iterable[tuple[int, int]]) -> None:
        """OR each (offset in the joined texts, bits) into the mask of its post.

        Hits come in increasing offset order, so the post is found by walking
        forward, not by a search per hit.
        """
        k, end = 0, len(texts[0]) if texts else 0
        for offset, bits in hits:
            while offset >= end:  # at or past the separator after post k
                k += 1
                end += 1 + len(texts[k])
            out[k] |= bits


class FlagEngine:
    """Computes flags for posts under one policy.

    Rules run in the contract's order; a rule runs if the policy enables it
    and it is implemented. Each batch is normalised lazily and shared by all
    rules; a :class:`Cascade` over the rules' triggers decides which rules
    look at which post, and each rule's own prefilter then decides which
    posts get the expensive matching.
    """

    def __init__(
        self,
        policy: Policy,
        batch_size: int = 2048,
        use_triggers: bool = True,
        only: Collection[str] | None = None,
    ) -> None:
        self.policy = policy
        self.batch_size = max(1, batch_size)
        # only: run just these of the active rules (a partial re-flag after a policy change).
        self.rules: list[Rule] = [
            build_rule(name, policy)
            for name in RULES
            if name in IMPLEMENTED_RULES
            and policy.rule(name).enabled
            and (only is None or name in only)
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
        none = repeat(None)
        platform, kind, author, lang, media, reply_to, parent = (
            columns.get(name, none) for name in _COLUMNS
        )
        prepared = [
            PreparedPost(
                str(i),
                t or "",
                platform=p,
                kind=k,
                author=a,
                lang=la,
                media=m,
                reply_to=r,
                parent_text=pt,
            )
            for i, t, p, k, a, la, m, r, pt in zip(  # missing columns repeat None
                ids, texts, platform, kind, author, lang, media, reply_to, parent, strict=False
            )
        ]
        flags: list[Flag] = []
        for lo in range(0, len(prepared), self.batch_size):
            flags.extend(self._flag_batch(prepared[lo : lo + self.batch_size]))
        return flags

    def _flag_batch(self, prepared: list[PreparedPost]) -> Iterator[Flag]:
        rules = self.rules
        n_rules = len(rules)
        texts = [p.text for p in prepared]
        folded = [fold_fast(t) for t in texts]
        clean = [clean_fast(t) for t in texts] if self.cascade.patterns else None
        for k, post in enumerate(prepared):
            post.set_fast(folded[k], clean[k] if clean is not None else None)
        todo: list[list[int]] = [[] for _ in rules]  # per rule: indices of its posts
        for k, mask in enumerate(self.cascade.masks(folded, clean)):
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


_COLUMNS = ("platform", "kind", "author", "lang", "media", "reply_to", "parent_text")


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
        parent_text=post.get("parent_text"),
    )
