"""The report model: everything a report says, gathered once from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from reviewer import __version__
from reviewer.model import SEVERITY_ORDER, Severity
from reviewer.review.chain import GENESIS
from reviewer.store import Store

# Rules whose evidence is masked in the store; their spans are masked in excerpts too.
MASKED_RULES = frozenset({"personal_data", "credential_leak"})


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a post's text: plain, or evidence (masked where it holds personal data)."""

    text: str
    evidence: bool = False


@dataclass(slots=True)
class Incident:
    post: dict[str, Any]
    severity: Severity
    flags: list[dict[str, Any]]
    state: dict[str, Any]
    history: list[dict[str, Any]]
    segments: list[Segment]


@dataclass(slots=True)
class Report:
    generated_at: datetime
    generated_by: str
    tool_version: str
    since: date | None
    until: date | None
    min_severity: Severity
    status: str | None
    chain_head: tuple[int, str]
    policy_versions: list[str]
    sources: list[dict[str, Any]]
    counts: dict[str, list[tuple[str, int]]]
    incidents: list[Incident] = field(default_factory=list)


def segments(text: str, flags: list[dict[str, Any]]) -> list[Segment]:
    """Split ``text`` at evidence spans; spans of masked rules show their masked text."""
    spans: list[tuple[int, int, str | None]] = []
    for flag in flags:
        for ev in flag["evidence"]:
            start, end = int(ev["start"]), int(ev["end"])
            if 0 <= start < end <= len(text):
                spans.append((start, end, ev["text"] if flag["rule"] in MASKED_RULES else None))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Segment] = []
    pos = 0
    for start, end, masked in spans:
        if start < pos:  # overlapping evidence: the earlier span already covers it
            if masked is not None and end > pos:
                out.append(Segment(masked, True))
                pos = end
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(masked if masked is not None else text[start:end], True))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def build_report(
    store: Store,
    *,
    generated_by: str,
    since: date | None = None,
    until: date | None = None,
    min_severity: Severity = Severity.INFO,
    status: str | None = None,
) -> Report:
    """Gather every flagged post in the period (created_at) at or above ``min_severity``."""
    where = ["list_position($levels, f.severity) >= $min_rank"]
    params: dict[str, Any] = {
        "levels": [str(s) for s in SEVERITY_ORDER],
        "min_rank": SEVERITY_ORDER.index(min_severity) + 1,
    }
    if since is not None:
        where.append("p.created_at >= $since")
        params["since"] = datetime(since.year, since.month, since.day, tzinfo=UTC)
    if until is not None:
        where.append("p.created_at < $until + INTERVAL 1 DAY")
        params["until"] = datetime(until.year, until.month, until.day, tzinfo=UTC)
    if status is not None:
        where.append("coalesce(s.status, 'new') = $status")
        params["status"] = status
    rows = store.con.execute(
        f"""
        SELECT p.post_id, max(list_position($levels, f.severity)) AS rank
        FROM flags f JOIN posts p USING (post_id) LEFT JOIN review_state s USING (post_id)
        WHERE {" AND ".join(where)}
        GROUP BY p.post_id, p.created_at
        ORDER BY rank DESC, p.created_at, p.post_id
        """,
        params,
    ).fetchall()
    incidents = []
    for post_id, rank in rows:
        post = store.post(post_id) or {}
        flags = store.flags_of(post_id)
        incidents.append(
            Incident(
                post=post,
                severity=SEVERITY_ORDER[rank - 1],
                flags=flags,
                state=store.state(post_id),
                history=list(store.events(post_id)),
                segments=segments(post.get("text", ""), flags),
            )
        )
    last = store.last_event()
    head = (last["seq"], last["hash"]) if last else (0, GENESIS)
    policy_versions = sorted({f["policy_version"] for i in incidents for f in i.flags})
    report = Report(
        generated_at=datetime.now(UTC),
        generated_by=generated_by,
        tool_version=__version__,
        since=since,
        until=until,
        min_severity=min_severity,
        status=status,
        chain_head=head,
        policy_versions=policy_versions,
        sources=store.imports(),
        counts=_counts(incidents),
    )
    report.incidents = incidents
    return report


def _counts(incidents: list[Incident]) -> dict[str, list[tuple[str, int]]]:
    def tally(values: list[str]) -> list[tuple[str, int]]:
        found: dict[str, int] = {}
        for v in values:
            found[v] = found.get(v, 0) + 1
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))

    return {
        "severity": tally([str(i.severity) for i in incidents]),
        "rule": tally([f["rule"] for i in incidents for f in i.flags]),
        "platform": tally([i.post.get("platform", "?") for i in incidents]),
        "status": tally([i.state["status"] for i in incidents]),
        "disposition": tally([i.state["disposition"] or "none" for i in incidents]),
    }
