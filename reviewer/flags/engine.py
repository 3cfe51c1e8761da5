"""The flag engine: runs every active rule over posts, in batches. Pure: no database."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import accumulate, count, islice
from operator import add
from typing import Any, NotRequired, TypedDict

import ahocorasick
import pyarrow as pa

from reviewer.errors import InputError
from reviewer.flags import scan
from reviewer.flags.normalize import fast_views, fold_fast
from reviewer.flags.policy import Policy
from reviewer.flags.prepared import Batch, PreparedPost, RuleResult
from reviewer.flags.rules import IMPLEMENTED_RULES, Rule, build_rule
from reviewer.flags.scan import BatchScanner
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
    clean texts. Where Hyperscan is installed, it does both searches instead
    (:mod:`reviewer.flags.scan`, three times faster), with the same result.
    A post's hits OR together into the mask of the rules that run on it.
    Rules that declare neither run on every post, unless they have a
    ``select`` that narrows them down for the whole batch at once.

    ``hyperscan``: use it (True), do not (False), or use it where installed (None).
    """

    def __init__(
        self, rules: list[Rule], use_triggers: bool = True, hyperscan: bool | None = None
    ) -> None:
        self.always = 0
        self.patterns: list[tuple[re.Pattern[str], int]] = []
        ascii_forms: list[tuple[re.Pattern[str], bytes, int]] = []
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
            forms = getattr(rule, "trigger_patterns_ascii", None) or ()
            if patterns and len(forms) == len(patterns):
                ascii_forms.extend(zip(patterns, forms, [bit] * len(forms), strict=True))
        # A rule may also wake where each of several needle sets occurs (``trigger_all``):
        # every set gets a bit of its own beyond the rules' bits, which masks() turns
        # into the rule's bit when all of them are set (see _conjoin).
        self._conjunctions: list[tuple[int, int]] = []  # (the sets' bits, the rule's bit)
        self._set_bits = 0
        next_bit = 1 << len(rules)
        for i, rule in enumerate(rules):
            sets = getattr(rule, "trigger_all", None) if use_triggers else None
            if not sets or self.always >> i & 1:
                continue
            need = 0
            for needles in sets:
                set_bit, next_bit = next_bit, next_bit << 1
                need |= set_bit
                for needle in needles:
                    if needle and BATCH_SEPARATOR not in needle:
                        masks[needle] = masks.get(needle, 0) | set_bit
            self._conjunctions.append((need, 1 << i))
            self._set_bits |= need
        self._conjoined: dict[int, int] = {}
        # Hyperscan for the searches (reviewer.flags.scan), by default where it is
        # installed; every pattern needs its ASCII form for it.
        self.hyperscan = scan.available() if hyperscan is None else hyperscan
        self.scanner: BatchScanner | None = None
        if self.hyperscan and (masks or self.patterns) and len(ascii_forms) == len(self.patterns):
            self.scanner = BatchScanner(masks, ascii_forms)
        self.automaton = ahocorasick.Automaton()
        for needle, mask in masks.items():
            self.automaton.add_word(needle, mask)
        self.empty = not masks
        if not self.empty:
            self.automaton.make_automaton()
        # Rules that narrow their posts for a whole batch (``select``), with their bits.
        self.selects: list[tuple[Any, int]] = []
        if use_triggers:
            for i, rule in enumerate(rules):
                select = getattr(rule, "select", None)
                if select is not None:
                    self.selects.append((select, 1 << i))
        self.select_bits = 0
        for _select, bit in self.selects:
            self.select_bits |= bit
        self._n_rules = len(rules)
        self._indices: dict[int, tuple[int, ...]] = {}

    def rule_indices(self, mask: int) -> tuple[int, ...]:
        """The indices of the rules in ``mask``, in order (cached: masks repeat)."""
        which = self._indices.get(mask)
        if which is None:
            which = tuple(i for i in range(self._n_rules) if mask >> i & 1)
            self._indices[mask] = which
        return which

    def masks(
        self, folded: list[str], clean: list[str] | None, batch: Batch | None = None
    ) -> list[int]:
        """Bit masks for a batch, from its folded and (if patterns exist) clean texts.

        With ``batch`` (the same posts), rules with a ``select`` then keep
        their bit only on the posts they select.
        """
        out = [self.always] * len(folded)
        texts = batch if batch is not None else Batch(folded, [])
        if self.scanner is None or not self.scanner.scan(out, texts, clean):
            self._search(out, texts, clean)
        if self._set_bits:
            sets = self._set_bits
            out = [self._conjoin(m) if m & sets else m for m in out]
        if batch is not None and self.select_bits:
            before = out
            out = [m & ~self.select_bits for m in before]
            for select, bit in self.selects:
                for k in select(batch):
                    if before[k] & bit:
                        out[k] |= bit
        return out

    def _conjoin(self, mask: int) -> int:
        """``mask`` with the bits of the rules whose every ``trigger_all`` set it holds,
        without the sets' own bits (cached: masks repeat)."""
        done = self._conjoined.get(mask)
        if done is None:
            done = mask & ~self._set_bits
            for need, bit in self._conjunctions:
                if mask & need == need:
                    done |= bit
            self._conjoined[mask] = done
        return done

    def _search(self, out: list[int], texts: Batch, clean: list[str] | None) -> None:
        """The needles and patterns of :meth:`masks` without Hyperscan."""
        if not self.empty:
            self._hits(out, texts.ends(), self.automaton.iter(texts.joined))
        if self.patterns and clean is not None:
            joined = BATCH_SEPARATOR.join(clean)
            ends = separator_offsets(clean)
            for pattern, bit in self.patterns:
                self._hits(out, ends, ((m.start(), bit) for m in pattern.finditer(joined)))

    @staticmethod
    def _hits(out: list[int], ends: list[int], hits: Iterable[tuple[int, int]]) -> None:
        """OR each (offset in the joined texts, bits) into the mask of its post.

        ``ends[k]`` is the offset of the separator after post k (see
        :func:`separator_offsets`); a hit's post is found by bisection.
        """
        for offset, bits in hits:
            out[bisect_right(ends, offset)] |= bits


def separator_offsets(texts: list[str]) -> list[int]:
    """For texts joined by :data:`BATCH_SEPARATOR`: the offset of the separator
    after each text (for the last, the end of the joined string)."""
    # Text k's end is its cumulative length plus the k separators before it (all in C).
    return list(map(add, accumulate(map(len, texts)), count()))


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
        hyperscan: bool | None = None,
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
        # hyperscan: see Cascade (tests compare both ways of searching).
        self.cascade = Cascade(self.rules, use_triggers, hyperscan)
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
            prepared = [_prepare(p) for p in batch]
            yield from self._flag_batch(
                [p.text for p in prepared],
                [p._media for p in prepared],
                lambda ks, prepared=prepared: [prepared[k] for k in ks],
            )

    def flag_arrow(self, batch: pa.RecordBatch | pa.Table) -> list[Flag]:
        """Flags for posts given as Arrow columns (``post_id``, ``text`` and any of
        the other :class:`FlagInput` keys; ``media`` as a list or its JSON text)."""
        # Only the columns the rules use (a batch may carry others, e.g. created_at); the
        # text and media for every post (the cascade reads them), the others only for
        # the posts some rule looks at (a fifth of a typical feed).
        names = set(batch.schema.names)
        texts = [t or "" for t in batch.column("text").to_pylist()]
        media = batch.column("media").to_pylist() if "media" in names else [None] * len(texts)
        others = [name for name in ("post_id", *_COLUMNS) if name != "media"]
        flags: list[Flag] = []
        for lo in range(0, len(texts), self.batch_size):

            def make(ks: list[int], lo: int = lo) -> list[PreparedPost]:
                rows = pa.array([lo + k for k in ks], type=pa.int64())
                none = [None] * len(ks)
                ids, platform, kind, author, lang, reply_to, parent = (
                    batch.column(name).take(rows).to_pylist()
                    if name in names or name == "post_id"  # post_id: required
                    else none
                    for name in others
                )
                return [
                    PreparedPost(
                        str(ids[i]),
                        texts[lo + k],
                        platform=platform[i],
                        kind=kind[i],
                        author=author[i],
                        lang=lang[i],
                        media=media[lo + k],
                        reply_to=reply_to[i],
                        parent_text=parent[i],
                    )
                    for i, k in enumerate(ks)
                ]

            hi = lo + self.batch_size
            flags.extend(self._flag_batch(texts[lo:hi], media[lo:hi], make))
        return flags

    def _flag_batch(
        self, texts: list[str], media: list[Any], make: Callable[[list[int]], list[PreparedPost]]
    ) -> Iterator[Flag]:
        """Flags of one batch: ``texts`` and ``media`` of its posts, ``make(ks)`` the posts
        at positions ``ks``."""
        rules = self.rules
        clean: list[str] | None
        if self.cascade.patterns:
            folded, clean = fast_views(texts)
        else:
            folded, clean = [fold_fast(t) for t in texts], None
        batch = Batch(folded, media, self.cascade.hyperscan)
        # Per rule: the posts it looks at and their positions in the batch.
        todo: list[list[PreparedPost]] = [[] for _ in rules]
        where: list[list[int]] = [[] for _ in rules]
        cascade = self.cascade
        masks = cascade.masks(folded, clean, batch)
        ks = [k for k, mask in enumerate(masks) if mask]
        for k, post in zip(ks, make(ks), strict=True):
            mask = masks[k]
            post.set_fast(folded[k], clean[k] if clean is not None else None)
            for i in cascade.rule_indices(mask):
                todo[i].append(post)
                where[i].append(k)
        found: list[tuple[int, int, PreparedPost, RuleResult]] = []
        for i, posts in enumerate(todo):
            if not posts:
                continue
            rule = rules[i]
            rule.prepare(posts)
            check = rule.check
            for k, post in zip(where[i], posts, strict=True):
                result = check(post)
                if result is not None:
                    found.append((k, i, post, result))
        found.sort(key=lambda item: (item[0], item[1]))
        version = self.policy.version
        for _k, i, post, result in found:
            yield Flag(
                post_id=post.post_id,
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
