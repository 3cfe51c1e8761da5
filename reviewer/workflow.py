"""The flow's steps that span layers: import exports into a store, flag posts.

The CLI and the TUI call these; they hold no presentation of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import Policy
from reviewer.importers import Export, open_exports
from reviewer.store import ImportResult, Store

Progress = Callable[[int], None]


def read_exports(
    paths: Sequence[Path],
    *,
    platform: str | None = None,
    owner: str | None = None,
    column_map: dict[str, str] | None = None,
) -> list[Export]:
    """Recognise every input before anything is written."""
    exports: list[Export] = []
    for path in paths:
        exports.extend(open_exports(path, platform=platform, owner=owner, column_map=column_map))
    return exports


def import_exports(
    store: Store, exports: Sequence[Export], *, imported_by: str, progress: Progress | None = None
) -> list[ImportResult]:
    """Import all ``exports`` in one transaction: every post of every export, or nothing."""
    results: list[ImportResult] = []
    done = 0

    def step(n: int) -> None:
        if progress:
            progress(done + n)

    with store.transaction():
        for export in exports:
            result = store.import_posts(
                source=export.source,
                sha256=export.sha256,
                platform=export.platform,
                posts=export.posts(),
                imported_by=imported_by,
                progress=step,
            )
            done += result.posts_added + result.posts_unchanged
            results.append(result)
    return results


@dataclass(frozen=True, slots=True)
class FlagSummary:
    """What one flagging run did."""

    policy_version: str
    scanned: int
    flags: int
    flagged_posts: int


def flag_posts(
    store: Store, policy: Policy, *, rescan: bool = False, progress: Progress | None = None
) -> FlagSummary:
    """Flag every post not yet scanned under ``policy`` (every post with ``rescan``).

    Each batch commits on its own, so an interrupted run resumes where it
    stopped; a post's old flags are replaced, never duplicated.
    """
    engine = FlagEngine(policy)
    store.record_policy(
        policy.version, str(policy.path) if policy.path else None, policy.effective
    )
    scanned = n_flags = 0
    flagged: set[str] = set()
    for batch in store.posts_to_flag(policy.version, rescan=rescan):
        flags = engine.flag(batch)
        store.write_flags([p["post_id"] for p in batch], flags, policy.version)
        scanned += len(batch)
        n_flags += len(flags)
        flagged.update(f.post_id for f in flags)
        if progress:
            progress(scanned)
    return FlagSummary(policy.version, scanned, n_flags, len(flagged))
