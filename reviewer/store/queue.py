"""The review queue: windows of flagged posts, fetched by keyset pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reviewer.model import SEVERITY_ORDER, Severity

if TYPE_CHECKING:
    from reviewer.store.db import Store

_SEVERITIES = "[" + ", ".join(f"'{s}'" for s in SEVERITY_ORDER) + "]"


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the review queue."""

    post_id: str
    severity: Severity
    rules: list[str]
    platform: str
    author: str | None
    created_at: datetime | None
    status: str
    tags: list[str]
    text: str
    key: tuple[Any, ...]


class QueueMixin:
    """Most severe first, then newest; never the whole table at once."""

    def queue_page(
        self: Store,
        *,
        after: tuple[Any, ...] | None = None,
        limit: int = 200,
        status: str | None = None,
        cursor: Any = None,
    ) -> list[QueueRow]:
        """Up to ``limit`` flagged posts following the row whose key is ``after``."""
        con = cursor or self.con
        where = ["TRUE"]
        params: dict[str, Any] = {"n": limit}
        if after is not None:
            where.append("(q.sev_rank, q.ts, q.post_id) < ($r, $t, $id)")
            params.update(r=after[0], t=after[1], id=after[2])
        state = ""
        if status is not None:
            state = "LEFT JOIN review_event_state s USING (post_id)"
            where.append("coalesce(s.status, 'new') = $status")
            params["status"] = status
        # The window comes from queue_keys (one row per flagged post, its sort key
        # precomputed); the posts and their review state are then read for that
        # window only, by primary key (a join would scan every post).
        # review_event_state has rows for posts with events; the others are new.
        keys = con.execute(
            f"""
            SELECT q.post_id, q.sev_rank, q.rules, q.ts
            FROM queue_keys q {state}
            WHERE {" AND ".join(where)}
            ORDER BY q.sev_rank DESC, q.ts DESC, q.post_id DESC
            LIMIT $n
            """,
            params,
        ).fetchall()
        if not keys:
            return []
        ids = [k[0] for k in keys]
        marks = ", ".join("?" * len(ids))
        details = {
            r[0]: r[1:]
            for r in con.execute(
                f"""
                SELECT p.post_id, p.platform, p.author, p.created_at,
                       coalesce(s.status, 'new'), coalesce(s.tags, []::TEXT[]), p.text
                FROM posts p LEFT JOIN review_event_state s USING (post_id)
                WHERE p.post_id IN ({marks})
                """,
                ids,
            ).fetchall()
        }
        return [
            QueueRow(
                post_id=post_id,
                severity=SEVERITY_ORDER[rank - 1],
                rules=list(rules),
                platform=d[0],
                author=d[1],
                created_at=d[2],
                status=d[3],
                tags=list(d[4]),
                text=d[5],
                key=(rank, ts, post_id),
            )
            for post_id, rank, rules, ts in keys
            if (d := details.get(post_id)) is not None
        ]

    def queue_counts(self: Store, cursor: Any = None) -> dict[str, int]:
        """Header counts: posts, flagged posts, and flagged posts still new."""
        con = cursor or self.con
        row = con.execute(
            """
            SELECT (SELECT count(*) FROM posts),
                   (SELECT count(*) FROM queue_keys),
                   (SELECT count(*) FROM queue_keys)
                   - (SELECT count(*) FROM review_event_state s SEMI JOIN queue_keys q
                      ON s.post_id = q.post_id WHERE s.status <> 'new')
            """
        ).fetchone()
        return {"posts": row[0], "flagged": row[1], "new": row[2]}

    def stats(self: Store) -> dict[str, list[tuple[str, int]]]:
        """Counts by platform, rule, severity and review status."""
        con = self.con
        return {
            "platform": con.execute(
                "SELECT platform, count(*) FROM posts GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall(),
            "rule": con.execute(
                "SELECT rule, count(*) FROM flags GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall(),
            "severity": con.execute(
                f"SELECT severity, count(*) FROM flags GROUP BY 1 "
                f"ORDER BY list_position({_SEVERITIES}, severity) DESC"
            ).fetchall(),
            "status": con.execute(
                "SELECT status, count(*) FROM review_state GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall(),
        }
