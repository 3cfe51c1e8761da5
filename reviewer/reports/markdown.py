"""The Markdown incident report. Post text is escaped so it cannot change the document."""

from __future__ import annotations

import re
from typing import Any

from reviewer.reports.model import Incident, Report

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def md_escape(text: str) -> str:
    """Escape Markdown (and inline HTML) so ``text`` renders literally, on one line."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ⏎ ")


def _table(title: str, rows: list[tuple[str, int]]) -> list[str]:
    lines = [f"| {title} | count |", "|---|---:|"]
    lines += [f"| {md_escape(str(k))} | {v} |" for k, v in rows] or ["| none | 0 |"]
    return [*lines, ""]


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "unknown"


def _incident(number: int, incident: Incident) -> list[str]:
    post = incident.post
    state = incident.state
    excerpt = "".join(
        f"**{md_escape(s.text)}**" if s.evidence else md_escape(s.text) for s in incident.segments
    )
    lines = [
        f"### {number}. {md_escape(post['post_id'])} ({incident.severity})",
        "",
        f"- Platform: {post['platform']} · kind: {post['kind']} · "
        f"author: {md_escape(post.get('author') or 'unknown')}",
        f"- Posted: {_when(post.get('created_at'))}",
    ]
    if post.get("url"):
        lines.append(f"- Link: <{post['url'].replace('>', '%3E')}>")
    lines += [
        f"- Review: {state['status']}"
        + (f" · disposition {state['disposition']}" if state["disposition"] else "")
        + (f" · escalated to {state['escalated_to']}" if state["escalated_to"] else "")
        + (f" · tags {', '.join(md_escape(t) for t in state['tags'])}" if state["tags"] else ""),
        "",
        f"> {excerpt}",
        "",
        "Flags:",
        "",
    ]
    for flag in incident.flags:
        whys = "; ".join(md_escape(e["why"]) for e in flag["evidence"]) or "no evidence recorded"
        lines.append(
            f"- `{flag['rule']}` ({flag['severity']}, score {flag['score']:.2f}, "
            f"policy {flag['policy_version']}): {whys}"
        )
    lines += ["", "Review history:", ""]
    if not incident.history:
        lines.append("- none yet")
    for event in incident.history:
        detail = ", ".join(
            f"{k}={md_escape(str(v))}"
            for k, v in sorted(event["payload"].items())
            if k != "text_sha256"
        )
        lines.append(
            f"- #{event['seq']} {_when(event['occurred_at'])} {md_escape(event['reviewer'])}: "
            f"{event['action']} {detail}".rstrip()
        )
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    """The whole report as a Markdown document."""
    period = (
        f"{report.since or 'the beginning'} to {report.until or 'now'}"
        if report.since or report.until
        else "all time"
    )
    seq, head = report.chain_head
    lines = [
        "# Incident report",
        "",
        f"- Period: {period}",
        f"- Generated: {_when(report.generated_at)} by {md_escape(report.generated_by)}",
        f"- Tool: reviewer {report.tool_version}",
        f"- Policy versions: {', '.join(report.policy_versions) or 'none'}",
        f"- Review log head: seq {seq}, hash `{head}`",
        f"- Scope: flagged posts at or above {report.min_severity}"
        + (f", status {report.status}" if report.status else ", any review status"),
        f"- Incidents: {len(report.incidents)}",
        "",
        "Personal data in post excerpts and evidence is masked.",
        "",
        "## Summary",
        "",
    ]
    for key in ("severity", "rule", "platform", "status", "disposition"):
        lines += _table(key, report.counts[key])
    lines += [
        "## Sources",
        "",
        "| source | platform | sha256 | imported | added |",
        "|---|---|---|---|---:|",
    ]
    for src in report.sources:
        lines.append(
            f"| {md_escape(src['source'])} | {src['platform']} | `{src['sha256'][:16]}…` | "
            f"{_when(src['started_at'])} | {src['posts_added']} |"
        )
    lines += ["", "## Incidents", ""]
    for number, incident in enumerate(report.incidents, 1):
        lines += _incident(number, incident)
    return "\n".join(lines).rstrip() + "\n"
