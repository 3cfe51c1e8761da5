"""What the review queue shows: a filter, a sort order, and their SQL.

A :class:`QueueFilter` is a plain value (saved as JSON, compared by equality).
It turns into parameter-bound SQL conditions over the queue's row set, never
into SQL built from user text. Each sort order has its own keyset: the tuple
of values that places a row, so the next page starts "after" the last row
whatever the filter is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from reviewer.errors import InputError
from reviewer.model import Severity, Status

SORTS: dict[str, str] = {
    "severity": "severity, then newest",
    "date": "newest first",
    "platform": "platform, then severity",
    "author": "author, then severity",
}
# The assignee filter's value for posts nobody is assigned to.
UNASSIGNED = "(unassigned)"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Which flagged posts the queue shows, and in which order.

    Every criterion is optional; ``None`` (or an empty string) means "any".
    ``author`` and ``text`` match case-insensitive substrings; ``since`` and
    ``until`` are inclusive UTC days of the post's date; ``min_severity`` keeps
    posts whose most severe flag is at least that severe.
    """

    rule: str | None = None
    min_severity: str | None = None
    status: str | None = None
    platform: str | None = None
    author: str | None = None
    assignee: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    sort: str = "severity"

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise InputError("sort", f"{self.sort!r} is not one of {', '.join(SORTS)}")
        if self.min_severity and self.min_severity not in {s.value for s in Severity}:
            raise InputError("severity", f"{self.min_severity!r} is not a severity")
        if self.status and self.status not in {s.value for s in Status}:
            raise InputError("status", f"{self.status!r} is not a status")
        if self.since and self.until and self.since > self.until:
            raise InputError("since", "the first day is after the last day")

    @property
    def active(self) -> bool:
        """Whether any criterion narrows the queue (the sort order alone does not)."""
        return any(getattr(self, f.name) for f in fields(self) if f.name != "sort")

    def cleared(self) -> QueueFilter:
        """No criteria, the same sort order."""
        return QueueFilter(sort=self.sort)

    def with_(self, **changes: Any) -> QueueFilter:
        """A copy with some fields changed (empty strings become ``None``)."""
        return replace(self, **{k: (v if v != "" else None) for k, v in changes.items()})

    def describe(self) -> str:
        """The criteria in one short line, e.g. ``rule confidential · text “polar”``."""
        parts = []
        for name in ("rule", "min_severity", "status", "platform", "author", "assignee"):
            value = getattr(self, name)
            if value:
                label = "severity ≥" if name == "min_severity" else name
                parts.append(f"{label} {value}")
        if self.since or self.until:
            parts.append(f"date {self.since or '…'}–{self.until or '…'}")
        if self.text:
            parts.append(f"text “{self.text}”")
        return " · ".join(parts)

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in (None, "")}
        for key in ("since", "until"):
            if key in data:
                data[key] = data[key].isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | dict[str, Any]) -> QueueFilter:
        data = json.loads(raw) if isinstance(raw, str) else dict(raw)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError("filter", f"unknown field {unknown[0]!r}")
        for key in ("since", "until"):
            if data.get(key):
                data[key] = parse_day(data[key], key)
        return cls(**data)


def parse_day(value: str | date, where: str) -> date:
    """``YYYY-MM-DD`` as a date, or a one-line :class:`InputError`."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(where, f"{value!r} is not a date (YYYY-MM-DD)") from None


# The queue reads its window from queue_keys (one row per flagged post with its
# sort key precomputed, schema 4) and joins posts and the review state only when
# a filter or a sort order needs them; the page itself is joined afterwards.
_NEEDS_POSTS = ("platform", "author", "text")
_NEEDS_STATE = ("status", "assignee")
_GROUP = {
    "severity": "''",
    "date": "''",
    "platform": "p.platform",
    "author": "lower(coalesce(p.author, ''))",
}
_ORDER = {
    "severity": "sev_rank DESC, ts DESC, post_id DESC",
    "date": "ts DESC, sev_rank DESC, post_id DESC",
    "platform": "grp ASC, sev_rank DESC, ts DESC, post_id DESC",
    "author": "grp ASC, sev_rank DESC, ts DESC, post_id DESC",
}
_AFTER = {
    "severity": "(q.sev_rank, q.ts, q.post_id) < ($k_rank, $k_ts, $k_id)",
    "date": "(q.ts, q.sev_rank, q.post_id) < ($k_ts, $k_rank, $k_id)",
    "platform": "({grp} > $k_grp OR ({grp} = $k_grp AND (q.sev_rank, q.ts, q.post_id) < "
    "($k_rank, $k_ts, $k_id)))",
}
_AFTER["author"] = _AFTER["platform"]


def group_sql(queue_filter: QueueFilter) -> str:
    """The leading sort value of the platform and author orders ('' for the others)."""
    return _GROUP[queue_filter.sort]


def joins_sql(queue_filter: QueueFilter) -> str:
    """The joins onto ``queue_keys q`` that this filter and sort order need."""
    f = queue_filter
    joins = []
    if f.sort in ("platform", "author") or any(getattr(f, n) for n in _NEEDS_POSTS):
        joins.append("JOIN posts p USING (post_id)")
    if any(getattr(f, n) for n in _NEEDS_STATE):
        joins.append("LEFT JOIN review_event_state s USING (post_id)")
    return " ".join(joins)


def order_sql(queue_filter: QueueFilter) -> str:
    """ORDER BY over the names ``sev_rank``, ``ts``, ``post_id`` and ``grp``."""
    return _ORDER[queue_filter.sort]


def conditions(
    queue_filter: QueueFilter, after: tuple[Any, ...] | None, params: dict[str, Any]
) -> list[str]:
    """SQL conditions over ``queue_keys q`` and its joins (see :func:`joins_sql`); their
    values go into ``params``, never into the SQL."""
    f = queue_filter
    where = ["TRUE"]
    if after is not None:
        where.append(_AFTER[f.sort].format(grp=group_sql(f)))
        params.update(k_rank=after[1], k_ts=after[2], k_id=after[3])
        if f.sort in ("platform", "author"):
            params["k_grp"] = after[0]
    if f.rule:
        where.append("list_contains(q.rules, $rule)")
        params["rule"] = f.rule
    if f.min_severity:
        where.append("q.sev_rank >= $min_rank")
        params["min_rank"] = Severity(f.min_severity).rank + 1
    if f.status:
        where.append("coalesce(s.status, 'new') = $status")
        params["status"] = f.status
    if f.platform:
        where.append("p.platform = $platform")
        params["platform"] = f.platform
    if f.author:
        where.append("contains(lower(coalesce(p.author, '')), $author)")
        params["author"] = f.author.lower()
    if f.assignee == UNASSIGNED:
        where.append("s.assignee IS NULL")
    elif f.assignee:
        where.append("s.assignee = $assignee")
        params["assignee"] = f.assignee
    # queue_keys.ts is the post's date (the epoch when it has none, which no day matches).
    if f.since:
        where.append("q.ts >= $since")
        params["since"] = datetime.combine(f.since, time(), UTC)
    if f.until:
        where.append("q.ts < $until AND q.ts > TIMESTAMPTZ '1970-01-01 00:00:00+00'")
        params["until"] = datetime.combine(f.until + timedelta(days=1), time(), UTC)
    if f.text:
        # A plain substring test: no LIKE wildcards to escape, case-insensitive.
        where.append("contains(lower(p.text), $needle)")
        params["needle"] = f.text.lower()
    return where
