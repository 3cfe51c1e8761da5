"""Reports as data: one row per incident (CSV, Parquet) or the whole model (JSON)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from reviewer.output import _plain, render_csv, write_parquet
from reviewer.reports.model import Report

# The first thirteen columns are those of the first report version; new ones go at the end.
COLUMNS = [
    "post_id",
    "severity",
    "rules",
    "platform",
    "kind",
    "author",
    "created_at",
    "status",
    "disposition",
    "escalated_to",
    "tags",
    "excerpt",
    "url",
    "flagged_at",
    "first_review_at",
    "resolved_at",
    "assignee",
    "rationale",
    "review_events",
    "policy_versions",
]


def incident_rows(report: Report) -> list[tuple[Any, ...]]:
    """One row per incident in report order; the excerpt is masked unless unmasked."""
    rows = []
    for i in report.incidents:
        post, state = i.post, i.state
        rows.append(
            (
                post["post_id"],
                str(i.severity),
                ", ".join(sorted({f["rule"] for f in i.flags})),
                post["platform"],
                post["kind"],
                post.get("author"),
                post.get("created_at"),
                state["status"],
                state["disposition"],
                state["escalated_to"],
                ", ".join(state["tags"]),
                i.excerpt,
                post.get("url"),
                i.flagged_at,
                i.first_review_at,
                i.resolved_at,
                state.get("assignee"),
                i.rationale,
                len(i.history),
                ", ".join(sorted({f["policy_version"] for f in i.flags})),
            )
        )
    return rows


def render_report_csv(report: Report) -> str:
    """One row per incident; cells a spreadsheet would run as formulas are neutralised."""
    return render_csv(COLUMNS, incident_rows(report))


def write_report_parquet(report: Report, path: Path) -> None:
    """One row per incident, typed columns (timestamps stay timestamps)."""
    write_parquet(COLUMNS, incident_rows(report), path)


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("seq", "occurred_at", "reviewer", "post_id", "action", "payload")} | {
        "hash": e["hash"]
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report model as JSON-ready values; post text appears only as the excerpt."""
    seq, head = report.chain_head
    return {
        "report_id": report.report_id,
        "classification": "confidential",
        "generated_at": report.generated_at,
        "generated_by": report.generated_by,
        "tool_version": report.tool_version,
        "as_of": report.as_of,
        "filters": report.filters.as_dict(),
        "period": {"since": report.filters.since, "until": report.filters.until},
        "personal_data": "unmasked" if report.unmasked else "masked",
        "review_log_head": {"seq": seq, "hash": head},
        "review_log_check": report.chain_check,
        "policy_versions": report.policy_versions,
        "summary": {
            **{k: dict(v) for k, v in report.counts.items()},
            "incidents": len(report.incidents),
            "open_escalations": report.open_escalations,
        },
        "scope": {
            "sources": [
                {
                    k: s.get(k)
                    for k in (
                        "source",
                        "platform",
                        "sha256",
                        "started_at",
                        "imported_by",
                        "posts_added",
                        "posts_unchanged",
                        "incidents",
                    )
                }
                for s in report.sources
            ],
            "policies": [
                {k: p[k] for k in ("policy_version", "source", "first_used_at")}
                for p in report.policies
            ],
            "rules": report.rules,
            "known_limits": list(report.limits),
        },
        "incidents": [
            {
                **dict(zip(COLUMNS, row, strict=True)),
                "flags": i.flags,
                "escalation": i.escalation,
                "history": [_event(e) for e in i.history],
            }
            for i, row in zip(report.incidents, incident_rows(report), strict=True)
        ],
        "metrics": report.metrics,
        "audit_log_extract": [_event(e) for e in report.audit_extract],
    }


def render_report_json(report: Report) -> str:
    """The whole report model as one JSON document.

    orjson writes exactly what ``json.dumps(..., ensure_ascii=False, indent=2)`` would, several
    times faster; what it refuses (integers past 64 bits) goes through json.
    """
    data = report_data(report)
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    except TypeError:
        return json.dumps(_plain(data), ensure_ascii=False, indent=2) + "\n"
