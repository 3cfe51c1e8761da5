"""What a report measures: per-incident review times, escalations and per-rule precision."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from reviewer.model import SEVERITY_ORDER, Action, Verdict
from reviewer.reports.model import Incident

# A disposition that says the flag was right: everything but these.
_NOT_CONFIRMED = ("false_positive", "duplicate")
# Per-flag feedback: a reviewer judging one rule's flag on a post, payload {rule, verdict}.
FEEDBACK_ACTIONS = (str(Action.FLAG_FEEDBACK),)


def effective_events(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events that still count: not undo events, not undone ones."""
    undone = {int(e["payload"].get("undoes", -1)) for e in history if e["action"] == "undo"}
    return [e for e in history if e["action"] != "undo" and e["seq"] not in undone]


def annotate(incident: Incident) -> None:
    """Fill in an incident's review times, escalation and rationale from its history."""
    flagged = [f["flagged_at"] for f in incident.flags if f.get("flagged_at")]
    incident.flagged_at = min(flagged) if flagged else None
    incident.first_review_at = incident.history[0]["occurred_at"] if incident.history else None
    decisions = [e for e in effective_events(incident.history) if e["action"] == "decide"]
    if decisions:
        last = decisions[-1]
        incident.rationale = last["payload"].get("note")
        if incident.state["status"] == "resolved":
            incident.resolved_at = last["occurred_at"]
    escalation: dict[str, Any] | None = None
    for event in decisions:
        payload = event["payload"]
        if payload.get("status") == "escalated":
            escalation = {
                "to": payload.get("escalate_to"),
                "at": event["occurred_at"],
                "by": event["reviewer"],
                "note": payload.get("note"),
                "response": None,
            }
        elif escalation is not None and escalation["response"] is None:
            escalation["response"] = {
                "status": payload.get("status"),
                "disposition": payload.get("disposition"),
                "at": event["occurred_at"],
                "by": event["reviewer"],
                "note": payload.get("note"),
            }
    incident.escalation = escalation


def _quantile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (DuckDB's quantile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value / 3600, 2)


def _times(incidents: list[Incident]) -> dict[str, Any]:
    first = [
        (i.first_review_at - i.flagged_at).total_seconds()
        for i in incidents
        if i.first_review_at and i.flagged_at
    ]
    done = [
        (i.resolved_at - i.flagged_at).total_seconds()
        for i in incidents
        if i.resolved_at and i.flagged_at
    ]
    return {
        "posts": len(incidents),
        "waiting": sum(1 for i in incidents if i.first_review_at is None),
        "first_review_median_h": _hours(_quantile(first, 0.5)),
        "first_review_p90_h": _hours(_quantile(first, 0.9)),
        "resolved": len(done),
        "resolution_median_h": _hours(_quantile(done, 0.5)),
        "resolution_p90_h": _hours(_quantile(done, 0.9)),
    }


def _backlog(incidents: list[Incident], now: datetime) -> dict[str, Any]:
    open_ = [i for i in incidents if i.state["status"] != "resolved" and i.flagged_at]
    ages = [(now - i.flagged_at).total_seconds() / 86400 for i in open_]  # type: ignore[operator]
    return {
        "open": len(open_),
        "under_1_day": sum(1 for a in ages if a < 1),
        "1_to_7_days": sum(1 for a in ages if 1 <= a < 7),
        "over_7_days": sum(1 for a in ages if a >= 7),
        "oldest_days": round(max(ages), 1) if ages else None,
    }


def _feedback(incident: Incident) -> dict[str, bool]:
    """rule → True (flag confirmed) / False (false positive) from per-flag feedback events."""
    verdicts: dict[str, bool] = {}
    for event in effective_events(incident.history):
        if event["action"] not in FEEDBACK_ACTIONS:
            continue
        payload = event["payload"]
        rule, verdict = payload.get("rule"), payload.get("verdict")
        if rule and verdict in (Verdict.CONFIRMED, Verdict.FALSE_POSITIVE):
            verdicts[str(rule)] = verdict == Verdict.CONFIRMED  # the latest one counts
    return verdicts


def _precision(incidents: list[Incident]) -> list[dict[str, Any]]:
    """Per rule: confirmed / (confirmed + false positives), from dispositions and feedback.

    A post's disposition judges every flag on it; a per-flag feedback event, where one
    exists, judges that flag alone and wins over the disposition.
    """
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for incident in incidents:
        verdicts = _feedback(incident)
        disposition = incident.state["disposition"]
        resolved = incident.state["status"] == "resolved"
        for flag in incident.flags:
            counts = table[flag["rule"]]
            counts["flagged"] += 1
            if flag["rule"] in verdicts:
                counts["feedback"] += 1
                counts["confirmed" if verdicts[flag["rule"]] else "false_positive"] += 1
            elif resolved and disposition == "duplicate":
                counts["duplicate"] += 1
            elif resolved and disposition == "false_positive":
                counts["false_positive"] += 1
            elif resolved and disposition not in _NOT_CONFIRMED:
                counts["confirmed"] += 1
    rows = []
    for rule in sorted(table):
        c = table[rule]
        judged = c["confirmed"] + c["false_positive"]
        rows.append(
            {
                "rule": rule,
                "flagged": c["flagged"],
                "confirmed": c["confirmed"],
                "false_positive": c["false_positive"],
                "duplicate": c["duplicate"],
                "from_feedback": c["feedback"],
                "precision": round(c["confirmed"] / judged, 3) if judged else None,
            }
        )
    return rows


def compute_metrics(incidents: list[Incident], now: datetime) -> dict[str, Any]:
    """Review times (overall and per severity), backlog ageing, precision, decisions."""
    by_severity = []
    for severity in reversed(SEVERITY_ORDER):
        group = [i for i in incidents if i.severity == severity]
        if group:
            by_severity.append({"severity": str(severity), **_times(group)})
    deciders: Counter[str] = Counter(
        e["reviewer"]
        for i in incidents
        for e in effective_events(i.history)
        if e["action"] == "decide"
    )
    return {
        "review_times": {"all": _times(incidents), "by_severity": by_severity},
        "backlog": _backlog(incidents, now),
        "precision": _precision(incidents),
        "decisions_by_reviewer": sorted(deciders.items(), key=lambda kv: (-kv[1], kv[0])),
    }
