"""Reviewer and importer bodies for the concurrency tests, run in processes or threads.

Each one opens the store itself (a process) or takes a cursor-backed store (a
thread of the one embedded process), waits for a common start time, works,
and reports what was acknowledged to it.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from reviewer.errors import Conflict, StoreBusy
from reviewer.model import Post
from reviewer.review import ReviewService
from reviewer.store import Store

POSTS = ["x:1000", "x:1001", "x:1002", "x:1003", "x:1004"]


def _wait(start: float) -> None:
    while time.time() < start:
        time.sleep(0.002)


def _open(target: str, shared: Store | None) -> tuple[Store, bool]:
    if shared is not None:
        return Store(shared.cursor(), shared.path, read_only=False), False
    return Store.open(target), True


def review(
    target: str, name: str, actions: int, start: float, shared: Store | None = None
) -> dict[str, Any]:
    """``actions`` tags, untags and notes on one queue; every success is acknowledged."""
    store, own = _open(target, shared)
    acked: list[tuple[int, str, str]] = []
    failed = 0
    try:
        svc = ReviewService(store, name)
        _wait(start)
        for i in range(actions):
            post = POSTS[i % len(POSTS)]
            while True:  # a failure is reported to the reviewer, who tries again
                try:
                    if i % 3 == 0:
                        event = svc.note(post, f"{name} action {i}")
                    elif i % 3 == 1:
                        event = svc.tag(post, f"{name}-{i % 4}")
                    else:
                        event = svc.untag(post, f"{name}-{(i - 1) % 4}")
                except StoreBusy:
                    failed += 1
                    continue
                acked.append((event["seq"], event["hash"], event["occurred_at"].isoformat()))
                break
    finally:
        if own:
            store.close()
    return {"name": name, "acked": acked, "failed": failed}


def resolve(
    target: str, name: str, disposition: str, posts: list[str], start: float, step: float = 0.4
) -> list[dict[str, Any]]:
    """Resolve each post as first seen (version 0), the k-th at ``start + k * step``.

    Another reviewer doing the same on the same clock makes each pair of
    decisions race; each outcome is a win or the conflict's message and state.
    """
    outcomes: list[dict[str, Any]] = []
    with Store.open(target) as store:
        svc = ReviewService(store, name)
        for k, post in enumerate(posts):
            _wait(start + k * step)
            try:
                event = svc.decide(post, "resolved", disposition=disposition, expected_version=0)
            except Conflict as exc:
                outcomes.append(
                    {
                        "post": post,
                        "name": name,
                        "won": False,
                        "reason": exc.reason,
                        "state": exc.state,
                    }
                )
                continue
            outcomes.append({"post": post, "name": name, "won": True, "seq": event["seq"]})
    return outcomes


def flaggable_posts(n: int) -> list[Post]:
    """``n`` posts that each break the default policy (an e-mail address)."""
    return [
        Post(
            platform="x",
            native_id=str(700_000 + i),
            kind="post",
            author="bulk",
            created_at=datetime(2025, 1, 2, tzinfo=UTC),
            text=f"write to kunde{i}@example.com about order {i}",
        )
        for i in range(n)
    ]


def import_many(target: str, n: int, start: float, shared: Store | None = None) -> dict[str, Any]:
    """Import ``n`` new posts in one export; report when it ran."""
    store, own = _open(target, shared)
    try:
        posts = (
            Post(
                platform="x",
                native_id=str(500_000 + i),
                kind="post",
                author="bulk",
                created_at=datetime(2025, 1, 1, tzinfo=UTC),
                text=f"bulk post number {i} about the weather " * 3,
            )
            for i in range(n)
        )
        _wait(start)
        began = datetime.now(UTC)
        result = store.import_posts(
            source="bulk", sha256="1" * 64, platform="x", posts=posts, imported_by="importer"
        )
        ended = datetime.now(UTC)
    finally:
        if own:
            store.close()
    return {"began": began.isoformat(), "ended": ended.isoformat(), "added": result.posts_added}


def flag_all(target: str, start: float, shared: Store | None = None) -> dict[str, Any]:
    """Run ``reviewer flag`` (the default policy) once; report what it scanned."""
    from reviewer.flags.policy import load_policy
    from reviewer.workflow import flag_posts

    store, own = _open(target, shared)
    try:
        _wait(start)
        summary = flag_posts(store, load_policy(), workers=1)
    finally:
        if own:
            store.close()
    return {"scanned": summary.scanned, "flags": summary.flags}
