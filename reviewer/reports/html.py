"""The HTML incident report: one self-contained file, every string from the database escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from reviewer.reports.model import Incident, Report

_STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
blockquote{border-left:4px solid #999;margin:0;padding:.3rem 1rem;background:#f6f6f6;
white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffd54f}.sev-critical,.sev-high{color:#b71c1c}.sev-medium{color:#e65100}
section.incident{page-break-inside:avoid;border-top:1px solid #ddd;padding-top:.5rem}
code{overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "unknown"


def _table(title: str, rows: list[tuple[str, int]]) -> str:
    body = "".join(f"<tr><td>{_e(k)}</td><td>{v}</td></tr>" for k, v in rows)
    return f"<table><tr><th>{_e(title)}</th><th>count</th></tr>{body}</table>"


def _incident(number: int, i: Incident) -> str:
    post, state = i.post, i.state
    excerpt = "".join(
        f"<mark>{_e(s.text)}</mark>" if s.evidence else _e(s.text) for s in i.segments
    )
    flags = "".join(
        f"<li><code>{_e(f['rule'])}</code> ({_e(f['severity'])}, score {f['score']:.2f}, "
        f"policy {_e(f['policy_version'])}): "
        + _e("; ".join(e["why"] for e in f["evidence"]) or "no evidence recorded")
        + "</li>"
        for f in i.flags
    )
    history = (
        "".join(
            f"<li>#{e['seq']} {_when(e['occurred_at'])} {_e(e['reviewer'])}: {_e(e['action'])} "
            + _e(
                ", ".join(f"{k}={v}" for k, v in sorted(e["payload"].items()) if k != "text_sha256")
            )
            + "</li>"
            for e in i.history
        )
        or "<li>none yet</li>"
    )
    link = f' · <a href="{_e(post["url"])}">original</a>' if post.get("url") else ""
    review = _e(state["status"]) + "".join(
        f" · {label} {_e(value)}"
        for label, value in (
            ("disposition", state["disposition"]),
            ("escalated to", state["escalated_to"]),
            ("tags", ", ".join(state["tags"])),
        )
        if value
    )
    return (
        f'<section class="incident"><h3>{number}. {_e(post["post_id"])} '
        f'<span class="sev-{_e(i.severity)}">({_e(i.severity)})</span></h3>'
        f"<p>{_e(post['platform'])} · {_e(post['kind'])} · {_e(post.get('author') or 'unknown')}"
        f" · {_when(post.get('created_at'))}{link}<br>Review: {review}</p>"
        f"<blockquote>{excerpt}</blockquote><p>Flags:</p><ul>{flags}</ul>"
        f"<p>Review history:</p><ul>{history}</ul></section>"
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document with inline style and no external assets."""
    seq, head = report.chain_head
    period = (
        f"{report.since or 'the beginning'} to {report.until or 'now'}"
        if report.since or report.until
        else "all time"
    )
    summary = "".join(_table(k, report.counts[k]) for k in report.counts)
    sources = "".join(
        f"<tr><td>{_e(s['source'])}</td><td>{_e(s['platform'])}</td>"
        f"<td><code>{_e(s['sha256'])}</code></td><td>{_when(s['started_at'])}</td>"
        f"<td>{s['posts_added']}</td></tr>"
        for s in report.sources
    )
    incidents = "".join(_incident(n, i) for n, i in enumerate(report.incidents, 1))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Incident report</title><style>{_STYLE}</style></head><body>"
        "<h1>Incident report</h1><ul>"
        f"<li>Period: {_e(period)}</li>"
        f"<li>Generated: {_when(report.generated_at)} by {_e(report.generated_by)}</li>"
        f"<li>Tool: reviewer {_e(report.tool_version)}</li>"
        f"<li>Policy versions: {_e(', '.join(report.policy_versions) or 'none')}</li>"
        f"<li>Review log head: seq {seq}, hash <code>{_e(head)}</code></li>"
        f"<li>Incidents: {len(report.incidents)}</li></ul>"
        "<p>Personal data in post excerpts and evidence is masked.</p>"
        f"<h2>Summary</h2>{summary}<h2>Sources</h2><table><tr><th>source</th><th>platform</th>"
        f"<th>sha256</th><th>imported</th><th>added</th></tr>{sources}</table>"
        f"<h2>Incidents</h2>{incidents}</body></html>\n"
    )
