"""The flow's steps that span layers: import exports into a store, flag posts.

The CLI and the TUI call these; they hold no presentation of their own.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from reviewer.flags import worker
from reviewer.flags.engine import FlagEngine
from reviewer.flags.fingerprint import ReflagPlan, plan_reflag, rule_fingerprints
from reviewer.flags.policy import Policy
from reviewer.importers import Export, open_exports
from reviewer.importers.source import ByteProgress
from reviewer.store import ImportResult, Store
from reviewer.store.flags import ANY_VERSION

Progress = Callable[[int], None]


def read_exports(
    paths: Sequence[Path],
    *,
    platform: str | None = None,
    owner: str | None = None,
    column_map: dict[str, str] | None = None,
    reading: ByteProgress | None = None,
) -> list[Export]:
    """Recognise every input before anything is written.

    ``reading`` follows the long reads this makes (a ``.tar.gz`` is walked to
    its end on opening).
    """
    exports: list[Export] = []
    for path in paths:
        exports.extend(
            open_exports(
                path, platform=platform, owner=owner, column_map=column_map, progress=reading
            )
        )
    return exports


def hash_exports(exports: Sequence[Export], reading: ByteProgress | None = None) -> None:
    """Compute every export's SHA-256 (one read of all its files), following the bytes read."""
    sizes = [export.byte_size() for export in exports]
    total = None if None in sizes else sum(s for s in sizes if s is not None)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if reading:
            reading("reading input", done, total)

    for export in exports:
        export.hash_files(step)


def import_exports(
    store: Store,
    exports: Sequence[Export],
    *,
    imported_by: str,
    progress: Progress | None = None,
    reading: ByteProgress | None = None,
) -> list[ImportResult]:
    """Import all ``exports`` in one transaction: every post of every export, or nothing.

    ``progress`` gets the number of posts read so far; ``reading`` follows
    the first read of every file, which hashes them (before any post).
    """
    results: list[ImportResult] = []
    done = 0
    hash_exports(exports, reading)

    def step(n: int) -> None:
        if progress:
            progress(done + n)

    with store.exclusive("import"), store.transaction():  # held until the commit
        for export in exports:
            result = None
            plain = export.plain_ndjson()
            if plain is not None:
                # DuckDB loads plain NDJSON itself; None sends it down the Python path.
                result = store.import_ndjson(
                    source=export.source,
                    sha256=export.sha256,
                    platform=export.platform,
                    path=plain[0],
                    source_file=plain[1],
                    imported_by=imported_by,
                    progress=step,
                )
            if result is None:
                tables = export.post_tables()
                result = store.import_posts(
                    source=export.source,
                    sha256=export.sha256,
                    platform=export.platform,
                    posts=export.posts() if tables is None else None,
                    tables=tables,
                    imported_by=imported_by,
                    progress=step,
                )
            done += result.posts_added + result.posts_unchanged
            results.append(result)
    return results


@dataclass(slots=True)
class PlatformSummary:
    """What an import command did for one platform, over all its exports."""

    platform: str
    exports: int = 0
    added: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def summarize_import(
    exports: Sequence[Export], results: Sequence[ImportResult]
) -> list[PlatformSummary]:
    """Per platform: exports, posts added, posts already present, records skipped by reason."""
    rows: dict[str, PlatformSummary] = {}
    for export, result in zip(exports, results, strict=True):
        row = rows.setdefault(result.platform, PlatformSummary(result.platform))
        row.exports += 1
        row.added += result.posts_added
        row.unchanged += result.posts_unchanged
        row.skipped.update(export.skipped)
    return sorted(rows.values(), key=lambda r: r.platform)


@dataclass(frozen=True, slots=True)
class FlagChange:
    """What one flagging run did to one group of posts (all scanned under one old version).

    ``kind``: ``"new"`` (never scanned: every rule ran), ``"unknown"`` (scanned
    under a version without per-rule fingerprints: every rule ran),
    ``"rescan"`` (``--rescan``: every rule ran), ``"every"`` (every rule's
    detection changed, e.g. a new ``RULESET_REVISION``) or ``"changed"`` (only
    ``rerun`` ran; ``regraded`` kept their flags at a new severity,
    ``dropped`` lost theirs).
    """

    kind: str
    posts: int
    rerun: tuple[str, ...] = ()
    regraded: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for the CLI, e.g. ``policy changed: confidential re-run on 1,204 posts``."""
        n = f"{self.posts:,} post{'' if self.posts == 1 else 's'}"
        if self.kind == "new":
            return f"every rule run on {self.posts:,} new post{'' if self.posts == 1 else 's'}"
        if self.kind == "rescan":
            return f"rescan: every rule run on {n}"
        if self.kind == "every":
            return f"policy changed: every rule re-run on {n}"
        if self.kind == "unknown":
            return f"every rule run on {n} flagged by a policy without per-rule fingerprints"
        parts = []
        if self.rerun:
            parts.append(f"{', '.join(self.rerun)} re-run on {n}")
        if self.regraded:
            parts.append(f"severity of {', '.join(self.regraded)} re-graded")
        if self.dropped:
            parts.append(f"flags of {', '.join(self.dropped)} removed (rule disabled)")
        if not parts:
            return f"policy changed, no rule affected: flags of {n} kept"
        if not self.rerun:
            parts[-1] += f" on {n}"
        return "policy changed: " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class FlagSummary:
    """What one flagging run did.

    ``scanned``: posts brought to ``policy_version``; ``flags`` and
    ``flagged_posts``: their flags after the run (carried ones included);
    ``changes``: per group of posts, what was re-run, re-graded or dropped.
    """

    policy_version: str
    scanned: int
    flags: int
    flagged_posts: int
    changes: tuple[FlagChange, ...] = ()

    @property
    def rerun_posts(self) -> int:
        """Posts whose text went through the engine in this run."""
        return sum(c.posts for c in self.changes if c.kind != "changed" or c.rerun)


# Below this many posts a run stays in one process: starting workers costs
# about a second, more than small runs take.
PARALLEL_FROM = 50_000
# Posts per batch read from the store and sent to a worker: small enough that
# both workers stay busy to the end of a run.
BATCH_SIZE = 30_720
# Batches written back per transaction: 4 x 30,720 posts are a DuckDB row group,
# so that the scan marks of each commit go straight to the file rather than
# through the log and the run's checkpoint (1M posts: 0.45 s less CPU in the
# parent than a commit per 25,000 posts, measured).
WRITE_BATCHES = 4
# Posts per transaction when flags only move to the new version (nothing re-run).
CARRY_BATCH_SIZE = 100_000


# A batch, the rules to run (None: all), its re-flag plan (None: replace every
# flag) and whether its posts were never scanned (see Store.write_flags).
Job = tuple[pa.RecordBatch, frozenset[str] | None, ReflagPlan | None, bool]


def _flag_batches(
    jobs: Iterator[Job], policy: Policy, workers: int
) -> Iterator[tuple[Job, pa.Table]]:
    """(job, its flags as :func:`worker.flag_rows`) in order; batches run in ``workers``
    processes when above one.

    A job is a batch of posts, the rules to run on it (None: every active
    rule), its re-flag plan (None: replace every flag) and whether its posts
    were never scanned. Batches travel as
    Arrow record batches and their flags come back as Arrow tables (pickled as
    buffers, no per-post or per-flag objects in the parent).
    """
    if workers <= 1:
        engines: dict[Any, FlagEngine] = {}
        for job in jobs:
            engine = worker.engine_for(policy, job[1], engines)
            yield job, worker.flag_rows(engine.flag_arrow(job[0]))
        return
    # Spawned, not forked: the parent holds a DuckDB connection and its threads.
    context = multiprocessing.get_context("spawn")
    with (
        _worker_environment(),
        ProcessPoolExecutor(workers, context, worker.init, (policy,)) as pool,
    ):
        pending: deque[tuple[Job, Future[pa.Table]]] = deque()
        for job in jobs:
            pending.append((job, pool.submit(worker.flag_batch, job[0], job[1])))
            if len(pending) > 2 * workers:  # bounded: memory stays flat on big runs
                done, future = pending.popleft()
                yield done, future.result()
        # Every job is in: the workers exit as they finish, while the parent writes
        # the last flags, instead of after (0.09 s of a 1M-post run's wall time).
        pool.shutdown(wait=False)
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


# Flag workers do no linear algebra, but numpy's OpenBLAS starts a thread per core
# in each of them at import, for 0.12 s of CPU a worker (measured) on a run of seconds.
WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


@contextmanager
def _worker_environment() -> Iterator[None]:
    """:data:`WORKER_ENVIRONMENT` in the environment that spawned workers inherit, for
    the block (a variable the user set stays as it is)."""
    added = [name for name in WORKER_ENVIRONMENT if name not in os.environ]
    os.environ.update({name: WORKER_ENVIRONMENT[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def _write_groups(
    results: Iterator[tuple[Job, pa.Table]],
) -> Iterator[list[tuple[Job, pa.Table]]]:
    """Flagged batches in groups of up to :data:`WRITE_BATCHES` written at once, each
    group's batches from one re-flag plan and equally fresh (one ``write_flags`` call)."""
    group: list[tuple[Job, pa.Table]] = []
    for job, flags in results:
        if group and (job[2] is not group[0][0][2] or job[3] != group[0][0][3]):
            yield group
            group = []
        group.append((job, flags))
        if len(group) >= WRITE_BATCHES:  # now, while the workers flag the next batches
            yield group
            group = []
    if group:
        yield group


def flag_posts(
    store: Store,
    policy: Policy,
    *,
    rescan: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> FlagSummary:
    """Flag every post not yet scanned under ``policy``; see :func:`_flag_posts`.

    Flag runs take turns (the writers' lock ``"flag"``): two at once would read
    the same unflagged posts and race to write their flags, which DuckLake
    refuses as a conflict. The second waits, then finds only what is left.
    """
    with store.exclusive("flag"):
        return _flag_posts(store, policy, rescan=rescan, progress=progress, workers=workers)


def _flag_posts(
    store: Store,
    policy: Policy,
    *,
    rescan: bool,
    progress: Progress | None,
    workers: int | None,
) -> FlagSummary:
    """Flag every post not yet scanned under ``policy`` (every post with ``rescan``).

    Posts scanned under an older version are re-flagged rule by rule
    (:func:`reviewer.flags.fingerprint.plan_reflag`): rules whose detection
    changed run again, a severity change re-grades flags in place, disabled
    rules lose their flags, the rest keep theirs. New posts get every rule.
    Each batch commits on its own, so an interrupted run resumes where it
    stopped; a post's old flags are replaced, never duplicated. Big runs use
    every core (``workers`` overrides).
    """
    fingerprints = rule_fingerprints(policy)
    store.record_policy(
        policy.version, str(policy.path) if policy.path else None, policy.effective, fingerprints
    )
    # (version scanned under, posts, plan, kind)
    groups: list[tuple[str | None, int, ReflagPlan, str]] = []
    if rescan:
        n = store.count_posts_to_flag(policy.version, rescan=True)
        groups.append((None, n, plan_reflag(None, fingerprints), "rescan"))
    else:
        for old_version, n in store.scan_groups(policy.version):
            old = None if old_version is None else store.policy_rules(old_version)
            plan = plan_reflag(old, fingerprints)
            groups.append((old_version, n, plan, _kind(old_version, old, plan)))
    if workers is None:
        # Posts weighted by the share of the rules that run on them: a one-rule
        # re-flag costs a worker's start more than it saves (measured: 100,000
        # posts, one rule re-run, 1.3 s CPU in one process, 2.2 s with two workers).
        active = max(1, len(fingerprints))
        todo = sum(n if plan.full else n * len(plan.rerun) / active for _, n, plan, _ in groups)
        workers = (os.cpu_count() or 1) if todo >= PARALLEL_FROM else 1

    # The group of posts never scanned (old version None; every post of a rescan
    # when none has a mark) needs no old flags deleted nor marks replaced.
    fresh = any(old_version is None for old_version, *_ in groups) and (
        store.unscanned_posts_are_bare(none_scanned=rescan)
    )
    counts = {"scanned": 0, "flags": 0, "flagged": 0}

    def done(post_ids: pa.Array | pa.ChunkedArray, written: tuple[int, int]) -> None:
        counts["flags"] += written[0]
        counts["flagged"] += written[1]
        counts["scanned"] += len(post_ids)
        if progress:
            progress(counts["scanned"])

    def jobs() -> Iterator[Job]:
        for old_version, _, plan, _ in groups:
            if not (plan.full or plan.rerun):
                continue
            only = None if plan.full else frozenset(plan.rerun)
            scanned_under: Any = old_version if not rescan else ANY_VERSION
            for batch in store.post_batches_to_flag(
                policy.version, rescan=rescan, batch_size=BATCH_SIZE, scanned_under=scanned_under
            ):
                yield batch, only, None if plan.full else plan, fresh and old_version is None

    with _lean_duckdb(store.con):
        # First the groups that need no detection: their flags move (or are
        # re-graded, or dropped) without reading a post's text.
        for old_version, _, plan, _ in groups:
            if plan.full or plan.rerun:
                continue
            assert old_version is not None
            for ids in store.scanned_post_ids(old_version, batch_size=CARRY_BATCH_SIZE):
                done(ids, store.write_flags(ids, [], policy.version, carry=plan.carry))
        for group in _write_groups(_flag_batches(jobs(), policy, workers)):
            (batch, _, plan, bare), _ = group[0]
            ids = pa.chunked_array([job[0].column("post_id") for job, _ in group])
            created = None
            if "created_at" in batch.schema.names:
                created = pa.chunked_array([job[0].column("created_at") for job, _ in group])
            written = store.write_flags(
                ids,
                pa.concat_tables([flags for _, flags in group]),
                policy.version,
                created_at=created,
                carry=None if plan is None else plan.carry,
                fresh=bare,
            )
            done(ids, written)
    if not store.team:
        # The run's one checkpoint (see FLAG_DUCKDB_SETTINGS), with every core again.
        store.con.execute("CHECKPOINT")
    changes = tuple(
        FlagChange(kind, n, plan.rerun, plan.regraded, plan.dropped)
        if kind == "changed"
        else FlagChange(kind, n)
        for _, n, plan, kind in groups
        if n
    )
    return FlagSummary(
        policy.version, counts["scanned"], counts["flags"], counts["flagged"], changes
    )


def _kind(old_version: str | None, old: object, plan: ReflagPlan) -> str:
    """The :attr:`FlagChange.kind` of a group of posts."""
    if old_version is None:
        return "new"
    if old is None:
        return "unknown"
    return "every" if plan.full else "changed"


# While flagging, DuckDB only reads batches and writes a few rows per batch: the
# cores belong to the flag workers, and its memory stays bounded. Each batch
# commits; checkpointing every 16 MB of log rewrote the growing indexes of the
# scan marks and flags again and again (1M posts: 0.5 µs of parent CPU a post
# more than one checkpoint at the end, see _flag_posts, for 100 MB less peak
# memory). 256 MB bounds what waits in memory for a checkpoint on bigger runs.
FLAG_DUCKDB_SETTINGS = {
    "threads": "1",
    "memory_limit": "'256MB'",
    "checkpoint_threshold": "'256MB'",
}


@contextmanager
def _lean_duckdb(con: Any) -> Iterator[None]:
    """DuckDB with :data:`FLAG_DUCKDB_SETTINGS` for the block, its settings restored after."""
    old = {
        name: con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
        for name in FLAG_DUCKDB_SETTINGS
    }
    for name, value in FLAG_DUCKDB_SETTINGS.items():
        con.execute(f"SET {name} = {value}")
    try:
        yield
    finally:
        with suppress(Exception):  # an aborted transaction refuses SET; its error matters more
            for name, value in old.items():
                # DuckDB prints sizes rounded ("18.8 GiB"): setting the printed value back
                # would shrink the limit a little on every run. A default comes back
                # exactly by RESET; only a value set by someone else is set again.
                con.execute(f"RESET {name}")
                now = con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
                if now != value:
                    con.execute(
                        f"SET {name} = {value}" if name == "threads" else f"SET {name} = '{value}'"
                    )
