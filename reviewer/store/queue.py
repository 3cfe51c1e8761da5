"""The review queue: windows of flagged posts, fetched by keyset pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reviewer.errors import InputError
from reviewer.model import SEVERITY_ORDER, Severity
from reviewer.store.queue_filter import (
    QueueFilter,
    conditions,
    group_sql,
    joins_sql,
    order_sql,
)

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
    assignee: str | None = None


@dataclass(frozen=True, slots=True)
class SavedFilter:
    """A named queue filter, re-selectable from the review screen."""

    name: str
    filter: QueueFilter
    saved_by: str
    saved_at: datetime


class QueueMixin:
    """Most severe first, then newest; never the whole table at once."""

    def queue_page(
        self: Store,
        *,
        after: tuple[Any, ...] | None = None,
        limit: int = 200,
        status: str | None = None,
        queue_filter: QueueFilter | None = None,
        cursor: Any = None,
    ) -> list[QueueRow]:
        """Up to ``limit`` flagged posts matching the filter, following the row keyed ``after``.

        ``after`` is the ``key`` of the last row of the previous page (keyset
        pagination: every page costs the same, however deep).
        """
        con = cursor or self.con
        qf = queue_filter or QueueFilter()
        if status is not None:
            qf = qf.with_(status=status)
        params: dict[str, Any] = {"n": limit}
        where = conditions(qf, after, params)
        # The window comes from queue_keys (one row per flagged post, its sort key
        # precomputed), joined to posts and the review state only as far as the filter
        # needs; the posts and their review state are then read for that window only,
        # by primary key (a join would scan every post: 0.2 s at a million).
        # review_event_state has rows for posts with events; the others are new.
        keys = con.execute(
            f"""
            SELECT q.post_id, q.sev_rank, q.rules, q.ts, {group_sql(qf)} AS grp
            FROM queue_keys q {joins_sql(qf)}
            WHERE {" AND ".join(where)}
            ORDER BY {order_sql(qf)}
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
                       coalesce(s.status, 'new'), coalesce(s.tags, []::TEXT[]), p.text,
                       s.assignee
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
                key=(grp, rank, ts, post_id),
                assignee=d[6],
            )
            for post_id, rank, rules, ts, grp in keys
            if (d := details.get(post_id)) is not None
        ]

    def queue_counts(
        self: Store, queue_filter: QueueFilter | None = None, cursor: Any = None
    ) -> dict[str, int]:
        """Header counts: posts, flagged posts, flagged posts still new, and (with a
        filter that narrows) ``matching`` and ``matching_new``."""
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
        counts = {"posts": row[0], "flagged": row[1], "new": row[2]}
        if queue_filter is not None and queue_filter.active:
            params: dict[str, Any] = {}
            where = conditions(queue_filter, None, params)
            joins = joins_sql(queue_filter)
            if "review_event_state" not in joins:
                joins += " LEFT JOIN review_event_state s USING (post_id)"
            matching = con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE coalesce(s.status, 'new') = 'new') "
                f"FROM queue_keys q {joins} WHERE {' AND '.join(where)}",
                params,
            ).fetchone()
            counts.update(matching=matching[0], matching_new=matching[1])
        return counts

    def queue_review(
        self: Store, post_ids: list[str], cursor: Any = None
    ) -> dict[str, tuple[str, list[str], str | None]]:
        """post_id → (status, tags, assignee) for the given posts (rows already shown)."""
        if not post_ids:
            return {}
        con = cursor or self.con
        rows = con.execute(
            "SELECT post_id, status, tags, assignee FROM review_event_state "
            "WHERE post_id IN (SELECT unnest($ids))",
            {"ids": post_ids},
        ).fetchall()
        found = {r[0]: (r[1], list(r[2]), r[3]) for r in rows}
        return {pid: found.get(pid, ("new", [], None)) for pid in post_ids}

    def queue_facets(self: Store, cursor: Any = None) -> dict[str, list[str]]:
        """The values the filter form offers: rules, platforms and assignees in use."""
        con = cursor or self.con
        return {
            "rule": [
                r[0] for r in con.execute("SELECT DISTINCT rule FROM flags ORDER BY 1").fetchall()
            ],
            "platform": [
                r[0]
                for r in con.execute(
                    "SELECT DISTINCT p.platform FROM queue_keys q JOIN posts p USING (post_id) "
                    "ORDER BY 1"
                ).fetchall()
            ],
            "assignee": [
                r[0]
                for r in con.execute(
                    "SELECT DISTINCT assignee FROM review_event_state "
                    "WHERE assignee IS NOT NULL ORDER BY 1"
                ).fetchall()
            ],
        }

    # -- saved filters ---------------------------------------------------------

    def save_filter(self: Store, name: str, queue_filter: QueueFilter, saved_by: str) -> None:
        """Save (or replace) a named filter."""
        name = name.strip()
        if not name or len(name) > 64:
            raise InputError("filter name", "give the filter a name of 1 to 64 characters")
        with self.transaction():
            self.con.execute("DELETE FROM saved_filters WHERE name = ?", [name])
            self.con.execute(
                "INSERT INTO saved_filters VALUES (?, ?, ?, ?)",
                [name, queue_filter.to_json(), saved_by, datetime.now(UTC)],
            )

    def saved_filters(self: Store, cursor: Any = None) -> list[SavedFilter]:
        """Every saved filter, by name."""
        con = cursor or self.con
        rows = con.execute(
            "SELECT name, filter, saved_by, saved_at FROM saved_filters ORDER BY name"
        ).fetchall()
        return [SavedFilter(r[0], QueueFilter.from_json(r[1]), r[2], r[3]) for r in rows]

    def delete_filter(self: Store, name: str) -> bool:
        """Forget a saved filter; False when there was none of that name."""
        with self.transaction():
            found = self.con.execute(
                "SELECT count(*) FROM saved_filters WHERE name = ?", [name]
            ).fetchone()
            self.con.execute("DELETE FROM saved_filters WHERE name = ?", [name])
        return bool(found and found[0])

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
