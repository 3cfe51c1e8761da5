"""The review event log (append-only) and the review state view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.store.db import Store

EVENT_COLUMNS = (
    "seq",
    "occurred_at",
    "reviewer",
    "post_id",
    "action",
    "payload",
    "prev_hash",
    "hash",
)


def _event(row: tuple[Any, ...]) -> dict[str, Any]:
    event = dict(zip(EVENT_COLUMNS, row, strict=True))
    event["payload"] = json.loads(event["payload"])
    return event


def new_state(post_id: str) -> dict[str, Any]:
    """The review state of a post that has no review event yet (a ``review_state`` row)."""
    return {
        "post_id": post_id,
        "status": "new",
        "disposition": None,
        "escalated_to": None,
        "tags": [],
        "assignee": None,
        "last_reviewer": None,
        "updated_at": None,
    }


class ReviewMixin:
    """Events are only ever inserted; nothing here updates or deletes one."""

    def last_event(self: Store) -> dict[str, Any] | None:
        row = self.con.execute("SELECT * FROM review_events ORDER BY seq DESC LIMIT 1").fetchone()
        return _event(row) if row else None

    def insert_event(
        self: Store,
        *,
        seq: int,
        occurred_at: datetime,
        reviewer: str,
        post_id: str,
        action: str,
        payload: dict[str, Any],
        prev_hash: str,
        hash: str,
    ) -> None:
        self.con.execute(
            "INSERT INTO review_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                seq,
                occurred_at,
                reviewer,
                post_id,
                action,
                json.dumps(payload, ensure_ascii=False, sort_keys=True),
                prev_hash,
                hash,
            ],
        )

    def events(self: Store, post_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Review events in log order, of one post or all."""
        cur = self.cursor()
        if post_id is None:
            cur.execute("SELECT * FROM review_events ORDER BY seq")
        else:
            cur.execute("SELECT * FROM review_events WHERE post_id = ? ORDER BY seq", [post_id])
        try:
            while rows := cur.fetchmany(5000):
                for row in rows:
                    yield _event(row)
        finally:
            cur.close()

    def post_version(self: Store, post_id: str) -> int:
        """The seq of the post's latest event (0 if none): what a reviewer last saw."""
        row = self.con.execute(
            "SELECT coalesce(max(seq), 0) FROM review_events WHERE post_id = ?", [post_id]
        ).fetchone()
        return int(row[0]) if row else 0

    def events_after(self: Store, post_id: str, seq: int) -> list[dict[str, Any]]:
        """The post's events with a seq above ``seq``, in log order."""
        rows = self.con.execute(
            "SELECT * FROM review_events WHERE post_id = ? AND seq > ? ORDER BY seq",
            [post_id, seq],
        ).fetchall()
        return [_event(r) for r in rows]

    def event(self: Store, seq: int) -> dict[str, Any] | None:
        row = self.con.execute("SELECT * FROM review_events WHERE seq = ?", [seq]).fetchone()
        return _event(row) if row else None

    def undone_seqs(self: Store, post_id: str | None = None) -> set[int]:
        """Sequence numbers of events that an undo event has cancelled."""
        sql = (
            "SELECT CAST(json_extract_string(payload, 'undoes') AS BIGINT) "
            "FROM review_events WHERE action = 'undo'"
        )
        params: list[Any] = []
        if post_id is not None:
            sql += " AND post_id = ?"
            params.append(post_id)
        return {r[0] for r in self.con.execute(sql, params).fetchall()}

    def state(self: Store, post_id: str) -> dict[str, Any]:
        """The review state of one post (``new`` when nothing happened yet)."""
        # review_event_state, not review_state: the same row for a post with events,
        # without scanning every flag; a post without events is new (below).
        cur = self.con.execute("SELECT * FROM review_event_state WHERE post_id = ?", [post_id])
        row = cur.fetchone()
        if row is None:
            return new_state(post_id)
        names = [d[0] for d in cur.description]
        return dict(zip(names, row, strict=True))

    def flag_verdicts(self: Store, post_id: str) -> dict[str, dict[str, Any]]:
        """rule → {verdict, reviewer, judged_at} for the flags of a post that a reviewer judged."""
        rows = self.con.execute(
            "SELECT rule, verdict, reviewer, judged_at FROM flag_verdicts WHERE post_id = ?",
            [post_id],
        ).fetchall()
        return {r[0]: {"verdict": r[1], "reviewer": r[2], "judged_at": r[3]} for r in rows}

    def text_hashes(self: Store) -> dict[str, str]:
        """post_id → SHA-256 of its current text, for posts that have events."""
        rows = self.con.execute(
            "SELECT p.post_id, p.text_sha256 FROM posts p "
            "WHERE p.post_id IN (SELECT post_id FROM review_events)"
        ).fetchall()
        return dict(rows)

    def recompute_text_hashes(self: Store) -> dict[str, str]:
        """post_id → SHA-256 recomputed from the text itself (not the stored column)."""
        rows = self.con.execute(
            "SELECT p.post_id, sha256(p.text) FROM posts p "
            "WHERE p.post_id IN (SELECT post_id FROM review_events)"
        ).fetchall()
        return dict(rows)
