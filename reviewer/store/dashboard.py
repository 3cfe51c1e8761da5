"""The numbers behind the TUI's dashboard, read with SQL on a cursor of the caller's.

Three views of the database: flags per rule and platform, the open backlog by
review status and age, and negative brand mentions (``brand_negativity``
flags) per day with spikes marked. Each is one aggregate query that DuckDB
answers without the TUI ever loading rows; the TUI runs :func:`read_dashboard`
in a thread worker on its own cursor. No Textual here.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

# (label, short label, lower bound in days, upper bound in days or None); ages
# are measured from the moment a post was first flagged: since it entered the queue
# (queue_keys.first_flagged). Statuses come from review_event_state: a flagged post
# without review events is new.
AGE_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("< 1 day", "<1d", 0, 1),
    ("1–3 days", "1–3d", 1, 3),
    ("3–7 days", "3–7d", 3, 7),
    ("1–4 weeks", "1–4w", 7, 28),
    ("> 4 weeks", ">4w", 28, None),
)
OPEN_STATUSES: tuple[str, ...] = ("new", "in_review", "escalated")
NEGATIVE_RULE = "brand_negativity"
# Days shown in the negative-mentions chart, ending at the latest day with one.
DAYS = 30
# A day is a spike when it has at least SPIKE_MIN mentions and more than the
# mean of the SPIKE_WINDOW days before it plus SPIKE_SIGMAS standard deviations
# (the deviation floored at 1, so a flat zero baseline needs a real jump).
SPIKE_WINDOW = 7
SPIKE_SIGMAS = 2.0
SPIKE_MIN = 3


@dataclass(frozen=True, slots=True)
class DayCount:
    """Negative brand mentions posted on one day (UTC)."""

    day: date
    count: int
    spike: bool = False
    baseline: float | None = None


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard screen shows, already aggregated."""

    posts: int
    flagged_posts: int
    flags: int
    rule_platform: dict[str, dict[str, int]] = field(default_factory=dict)
    """rule → platform → number of flags, rules with the most flags first."""
    platforms: list[str] = field(default_factory=list)
    """Platforms that have flags, the most flagged first."""
    backlog: dict[str, dict[str, int]] = field(default_factory=dict)
    """Open status → age bucket label → flagged posts (every status and bucket present)."""
    resolved: int = 0
    negative_days: list[DayCount] = field(default_factory=list)

    @property
    def spikes(self) -> list[DayCount]:
        return [d for d in self.negative_days if d.spike]


def read_dashboard(con: Any, *, now: datetime | None = None, days: int = DAYS) -> Dashboard:
    """Aggregate the dashboard's numbers through ``con`` (a DuckDB connection or cursor).

    ``now`` (default: the current time) is the moment backlog ages are
    measured from.
    """
    now = now or datetime.now(UTC)
    posts, flagged, flags = con.execute(
        "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM queue_keys), "
        "(SELECT count(*) FROM flags)"
    ).fetchone()
    rule_platform, platforms = _rule_platform(con)
    backlog, resolved = _backlog(con, now)
    return Dashboard(
        posts=posts,
        flagged_posts=flagged,
        flags=flags,
        rule_platform=rule_platform,
        platforms=platforms,
        backlog=backlog,
        resolved=resolved,
        negative_days=mark_spikes(_negative_per_day(con, days)),
    )


def _rule_platform(con: Any) -> tuple[dict[str, dict[str, int]], list[str]]:
    rows = con.execute(
        """
        SELECT f.rule, p.platform, count(*) AS n
        FROM flags f JOIN posts p USING (post_id)
        GROUP BY ALL
        """
    ).fetchall()
    by_rule: dict[str, dict[str, int]] = {}
    per_platform: dict[str, int] = {}
    for rule, platform, n in rows:
        by_rule.setdefault(rule, {})[platform] = n
        per_platform[platform] = per_platform.get(platform, 0) + n
    order = sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r))
    platforms = sorted(per_platform, key=lambda p: (-per_platform[p], p))
    return {rule: by_rule[rule] for rule in order}, platforms


def _backlog(con: Any, now: datetime) -> tuple[dict[str, dict[str, int]], int]:
    cases = " ".join(
        f"WHEN age < INTERVAL {upper} DAY THEN {n}"
        for n, (_label, _short, _lower, upper) in enumerate(AGE_BUCKETS)
        if upper is not None
    )
    rows = con.execute(
        f"""
        WITH items AS (SELECT post_id, $now - first_flagged AS age FROM queue_keys)
        SELECT coalesce(s.status, 'new') AS status,
               CASE {cases} ELSE {len(AGE_BUCKETS) - 1} END AS bucket,
               count(*) AS n
        FROM items i LEFT JOIN review_event_state s USING (post_id)
        GROUP BY ALL
        """,
        {"now": now},
    ).fetchall()
    backlog = {status: {label: 0 for label, *_ in AGE_BUCKETS} for status in OPEN_STATUSES}
    resolved = 0
    for status, bucket, n in rows:
        if status == "resolved":
            resolved += n
            continue
        label = AGE_BUCKETS[bucket][0]
        backlog.setdefault(status, {lb: 0 for lb, *_ in AGE_BUCKETS})[label] += n
    return backlog, resolved


def _negative_per_day(con: Any, days: int) -> list[tuple[date, int]]:
    """Mentions per day for the ``days`` days ending at the latest one, zero days included."""
    rows = con.execute(
        """
        WITH per_day AS (
            SELECT CAST(p.created_at AS DATE) AS day, count(*) AS n
            FROM flags f JOIN posts p USING (post_id)
            WHERE f.rule = $rule AND p.created_at IS NOT NULL
            GROUP BY 1
        ),
        span AS (
            SELECT CAST(d AS DATE) AS day
            FROM (SELECT max(day) AS last FROM per_day) b,
                 range(b.last - to_days($days - 1), b.last + INTERVAL 1 DAY, INTERVAL 1 DAY) r(d)
            WHERE b.last IS NOT NULL
        )
        SELECT span.day, coalesce(per_day.n, 0)
        FROM span LEFT JOIN per_day USING (day)
        ORDER BY span.day
        """,
        {"rule": NEGATIVE_RULE, "days": days},
    ).fetchall()
    return [(day, int(n)) for day, n in rows]


def mark_spikes(series: list[tuple[date, int]]) -> list[DayCount]:
    """Each day with its count, marked as a spike against the days before it.

    The first days, with fewer than two days of history, are never spikes.
    """
    out: list[DayCount] = []
    counts = [n for _day, n in series]
    for i, (day, n) in enumerate(series):
        history = counts[max(0, i - SPIKE_WINDOW) : i]
        if len(history) < 2:
            out.append(DayCount(day, n))
            continue
        mean = statistics.fmean(history)
        spread = max(statistics.pstdev(history), 1.0)
        spike = n >= SPIKE_MIN and n > mean + SPIKE_SIGMAS * spread
        out.append(DayCount(day, n, spike, round(mean, 1)))
    return out
