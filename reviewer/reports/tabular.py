"""Reports as data: one row per incident (CSV, Parquet) or the whole model (JSON)."""

from __future__ import annotations

import json
from typing import Any

from reviewer.output import _plain, render_csv, write_parquet
from reviewer.reports.model import Incident, Report

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
]


def masked_text(incident: Incident) -> str:
    """The post text with personal data replaced by its masked evidence."""
    return "".join(s.text for s in incident.segments)


def incident_rows(report: Report) -> list[tuple[Any, ...]]:
    rows = []
    for i in report.incidents:
        rows.append(
            (
                i.post["post_id"],
                str(i.severity),
                ", ".join(sorted({f["rule"] for f in i.flags})),
                i.post["platform"],
                i.post["kind"],
                i.post.get("author"),
                i.post.get("created_at"),
                i.state["status"],
                i.state["disposition"],
                i.state["escalated_to"],
                ", ".join(i.state["tags"]),
                masked_text(i),
                i.post.get("url"),
            )
        )
    return rows


def render_report_csv(report: Report) -> str:
    """One row per incident; cells a spreadsheet would run as formulas are neutralised."""
    return render_csv(COLUMNS, incident_rows(report))


def write_report_parquet(report: Report, path: Any) -> None:
    write_parquet(COLUMNS, incident_rows(report), path)


def render_report_json(report: Report) -> str:
    """The whole report model; post text appears only masked."""
    seq, head = report.chain_head
    data = {
        "generated_at": report.generated_at,
        "generated_by": report.generated_by,
        "tool_version": report.tool_version,
        "period": {"since": report.since, "until": report.until},
        "scope": {"min_severity": str(report.min_severity), "status": report.status},
        "review_log_head": {"seq": seq, "hash": head},
        "policy_versions": report.policy_versions,
        "summary": {k: dict(v) for k, v in report.counts.items()},
        "sources": [
            {k: s[k] for k in ("source", "platform", "sha256", "started_at", "posts_added")}
            for s in report.sources
        ],
        "incidents": [
            {
                **dict(zip(COLUMNS, row, strict=True)),
                "flags": i.flags,
                "history": [
                    {k: e[k] for k in ("seq", "occurred_at", "reviewer", "action", "payload")}
                    for e in i.history
                ],
            }
            for i, row in zip(report.incidents, incident_rows(report), strict=True)
        ],
    }
    return json.dumps(_plain(data), ensure_ascii=False, indent=2) + "\n"
