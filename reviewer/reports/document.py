"""The report for people as format-neutral blocks; Markdown, HTML and PDF render the same blocks.

Every string from the database stays a plain ``Run`` of text here: each renderer escapes it
for its own format, so no renderer can forget a field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from reviewer.reports.model import Incident, Report

# Inline styles of a run.
TEXT, CODE, MARK, BOLD, LINK = "text", "code", "mark", "bold", "link"


class Run(NamedTuple):
    """A piece of inline text in one style; ``href`` only for links (http and https only).

    A tuple, not a dataclass: a 10,000-incident report makes a quarter of a million.
    """

    text: str
    style: str = TEXT
    href: str | None = None


Inline = list[Run]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Para:
    runs: Inline


@dataclass(frozen=True, slots=True)
class Bullets:
    items: list[Inline]


@dataclass(frozen=True, slots=True)
class Table:
    header: list[str]
    rows: list[list[Inline]]
    numeric: tuple[int, ...] = ()  # right-aligned columns


@dataclass(frozen=True, slots=True)
class Quote:
    runs: Inline


@dataclass(frozen=True, slots=True)
class Section:
    """Starts one incident: renderers keep it together on a page where they can."""

    anchor: str


Block = Heading | Para | Bullets | Table | Quote | Section


def when(value: datetime | None) -> str:
    """A UTC moment to the minute (isoformat is several times faster than strftime)."""
    if value is None:
        return "–"
    return value.astimezone(UTC).isoformat(sep=" ", timespec="minutes")[:16] + " UTC"


def _t(value: Any) -> Run:
    return Run("" if value is None else str(value))


def _c(value: Any) -> Run:
    return Run(str(value), CODE)


def _hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _payload(payload: dict[str, Any]) -> str:
    """An event's payload on one line, hashes and long lists shortened."""
    parts = []
    for key, value in sorted(payload.items()):
        if key == "text_sha256":
            continue
        if isinstance(value, list) and len(value) > 5:
            value = ", ".join(map(str, value[:5])) + f" … ({len(value)} in all)"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in sorted(value.items()) if v not in (None, []))
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        parts.append(f"{key}={value}")
    return "; ".join(parts)


def _link(url: str | None) -> Inline:
    if not url:
        return [_t("–")]
    if url.lower().startswith(("https://", "http://")):
        return [Run(url, LINK, url)]
    return [_t(url)]


def cover(report: Report) -> list[Block]:
    seq, head = report.chain_head
    f = report.filters
    items: list[Inline] = [
        [_t("Classification: "), _t("confidential (vertraulich)")],
        [_t("Report id: "), _c(report.report_id)],
        [_t("Period: "), _t(f.period())],
        [_t("Scope: "), _t("flagged posts; " + ", ".join(f.describe()))],
        [_t("Generated: "), _t(f"{when(report.generated_at)} by "), _t(report.generated_by)],
    ]
    if report.as_of:
        items.append([_t("Review state as of: "), _t(when(report.as_of))])
    items += [
        [_t("Tool: "), _t(f"reviewer {report.tool_version}")],
        [_t("Policy versions: ")]
        + (
            [r for p in report.policies for r in (_c(p["policy_version"]), _t(" "))][:-1]
            or [_t("none")]
        ),
        [_t("Review log head: "), _t(f"seq {seq}, hash "), _c(head)],
        [
            _t("Personal data: "),
            _t(
                "UNMASKED at the request of the person who generated the report; "
                "the request is recorded in the review log"
                if report.unmasked
                else "masked in excerpts and evidence"
            ),
        ],
        [_t("Incidents: "), _t(len(report.incidents))],
    ]
    return [Heading(1, f"Incident report {report.report_id}"), Bullets(items)]


def _count_table(title: str, rows: list[tuple[str, int]]) -> Table:
    return Table(
        [title, "count"], [[[_t(k)], [_t(v)]] for k, v in rows] or [[[_t("none")], [_t(0)]]], (1,)
    )


def summary(report: Report) -> list[Block]:
    blocks: list[Block] = [Heading(2, "1. Summary", "summary")]
    for key in ("severity", "rule", "platform", "status", "disposition"):
        blocks.append(_count_table(key, report.counts[key]))
    blocks.append(Heading(3, "Open escalations"))
    if report.open_escalations:
        blocks.append(
            Table(
                ["post", "severity", "escalated to", "since"],
                [
                    [[_t(e["post_id"])], [_t(e["severity"])], [_t(e["to"])], [_t(when(e["since"]))]]
                    for e in report.open_escalations
                ],
            )
        )
    else:
        blocks.append(Para([_t("None.")]))
    notable = [i for i in report.incidents if i.severity in ("critical", "high")][:10]
    blocks.append(Heading(3, "Notable incidents"))
    blocks.append(
        Bullets(
            [
                [
                    _t(f"{i.post_id} ({i.severity}, {i.state['status']}): "),
                    _t(", ".join(sorted({f["rule"] for f in i.flags}))),
                ]
                for i in notable
            ]
        )
        if notable
        else Para([_t("No critical or high incidents.")])
    )
    return blocks


def scope(report: Report) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "2. Scope and method", "scope"),
        Heading(3, "Sources"),
        Table(
            ["source", "platform", "sha256", "imported", "by", "posts added", "incidents"],
            [
                [
                    [_t(s["source"])],
                    [_t(s["platform"])],
                    [_c(s["sha256"])],
                    [_t(when(s["started_at"]))],
                    [_t(s.get("imported_by") or "–")],
                    [_t(s["posts_added"])],
                    [_t(s["incidents"])],
                ]
                for s in report.sources
            ]
            or [[[_t("none")]] + [[_t("")]] * 6],
            (5, 6),
        ),
        Heading(3, "Policies"),
        Table(
            ["version", "source", "first used"],
            [
                [[_c(p["policy_version"])], [_t(p["source"])], [_t(when(p["first_used_at"]))]]
                for p in report.policies
            ]
            or [[[_t("none")], [_t("")], [_t("")]]],
        ),
        Heading(3, "Rules"),
        Table(
            ["rule", "severity", "policy reference", "flags"],
            [
                [
                    [_c(r["rule"])],
                    [_t(r["severity"] or "–")],
                    [_t(r["policy_ref"] or "–")],
                    [_t(r["flags"])],
                ]
                for r in report.rules
            ],
            (3,),
        ),
        Heading(3, "Known limits"),
        Bullets([[_t(limit)] for limit in report.limits]),
    ]
    return blocks


def _review_line(incident: Incident) -> Inline:
    state = incident.state
    runs = [_t(state["status"])]
    for label, value in (
        ("disposition", state["disposition"]),
        ("escalated to", state["escalated_to"]),
        ("assignee", state.get("assignee")),
        ("tags", ", ".join(state["tags"])),
    ):
        if value:
            runs.append(_t(f" · {label} {value}"))
    return runs


def _escalation(incident: Incident) -> Inline:
    e = incident.escalation
    if e is None:
        return [_t("none")]
    runs = [_t(f"to {e['to']} on {when(e['at'])} by {e['by']}")]
    if e["note"]:
        runs.append(_t(f" ({e['note']})"))
    response = e["response"]
    if response is None:
        runs.append(_t("; no response yet (open)"))
    else:
        runs.append(
            _t(
                f"; response: {response['status']}"
                + (f" {response['disposition']}" if response["disposition"] else "")
                + f" on {when(response['at'])} by {response['by']}"
                + (f" ({response['note']})" if response["note"] else "")
            )
        )
    return runs


def incident_blocks(number: int, incident: Incident) -> list[Block]:
    post = incident.post
    anchor = f"incident-{number}"
    excerpt = [Run(s.text, MARK) if s.evidence else _t(s.text) for s in incident.segments]
    flags: list[Inline] = []
    for flag in incident.flags:
        runs = [
            _c(flag["rule"]),
            _t(
                f" ({flag['severity']}, score {flag['score']:.2f}, policy {flag['policy_version']})"
            ),
        ]
        if flag.get("policy_ref"):
            runs.append(_t(f" — {flag['policy_ref']}"))
        evidence = "; ".join(f"“{e['text']}” ({e['why']})" for e in flag["evidence"])
        runs.append(_t(f". Evidence: {evidence or 'none recorded'}"))
        flags.append(runs)
    blocks: list[Block] = [
        Section(anchor),
        Heading(3, f"3.{number} {post['post_id']} ({incident.severity})", anchor),
        Bullets(
            [
                [_t(f"{post['platform']} {post['kind']} by "), _t(post.get("author") or "unknown")],
                [_t("Link: "), *_link(post.get("url"))],
                [
                    _t(
                        f"Posted {when(post.get('created_at'))} · flagged "
                        f"{when(incident.flagged_at)} · first review "
                        f"{when(incident.first_review_at)} · resolved {when(incident.resolved_at)}"
                    )
                ],
                [_t("Review: "), *_review_line(incident)],
                [_t("Rationale: "), _t(incident.rationale or "–")],
                [_t("Escalation: "), *_escalation(incident)],
            ]
        ),
        Quote(excerpt or [_t("(empty post)")]),
        Para([Run("Flags", BOLD)]),
        Bullets(flags),
        Para([Run("Review history", BOLD)]),
    ]
    if incident.history:
        blocks.append(
            Table(
                ["#", "when", "reviewer", "action", "detail"],
                [
                    [
                        [_t(e["seq"])],
                        [_t(when(e["occurred_at"]))],
                        [_t(e["reviewer"])],
                        [_t(e["action"])],
                        [_t(_payload(e["payload"]))],
                    ]
                    for e in incident.history
                ],
                (0,),
            )
        )
    else:
        blocks.append(Para([_t("No review yet.")]))
    return blocks


def metrics(report: Report) -> list[Block]:
    m = report.metrics
    times = [m["review_times"]["all"] | {"severity": "all"}, *m["review_times"]["by_severity"]]
    backlog = m["backlog"]
    blocks: list[Block] = [
        Heading(2, "4. Metrics", "metrics"),
        Heading(3, "Time to review and to resolve (hours from flagging)"),
        Table(
            [
                "severity",
                "posts",
                "waiting",
                "first review median",
                "p90",
                "resolved",
                "resolution median",
                "p90",
            ],
            [
                [
                    [_t(r["severity"])],
                    [_t(r["posts"])],
                    [_t(r["waiting"])],
                    [_t(_hours(r["first_review_median_h"]))],
                    [_t(_hours(r["first_review_p90_h"]))],
                    [_t(r["resolved"])],
                    [_t(_hours(r["resolution_median_h"]))],
                    [_t(_hours(r["resolution_p90_h"]))],
                ]
                for r in times
            ],
            (1, 2, 3, 4, 5, 6, 7),
        ),
        Heading(3, "Backlog"),
        Para(
            [
                _t(
                    f"{backlog['open']} not resolved: {backlog['under_1_day']} under a day, "
                    f"{backlog['1_to_7_days']} one to seven days, {backlog['over_7_days']} "
                    f"over seven days old"
                    + (
                        f"; oldest {backlog['oldest_days']} days."
                        if backlog["oldest_days"]
                        else "."
                    )
                )
            ]
        ),
        Heading(3, "Precision per rule"),
        Para(
            [
                _t(
                    "precision = confirmed / (confirmed + false positives), from the dispositions "
                    "of resolved posts (duplicates left out) and per-flag feedback where recorded."
                )
            ]
        ),
        Table(
            [
                "rule",
                "flagged",
                "confirmed",
                "false positive",
                "duplicate",
                "from feedback",
                "precision",
            ],
            [
                [[_c(r["rule"])]]
                + [
                    [_t(r[k])]
                    for k in (
                        "flagged",
                        "confirmed",
                        "false_positive",
                        "duplicate",
                        "from_feedback",
                    )
                ]
                + [[_t("–" if r["precision"] is None else f"{r['precision']:.3f}")]]
                for r in m["precision"]
            ]
            or [[[_t("none")]] + [[_t("")]] * 6],
            (1, 2, 3, 4, 5, 6),
        ),
        Heading(3, "Decisions per reviewer"),
        _count_table("reviewer", m["decisions_by_reviewer"]),
    ]
    return blocks


def appendix(report: Report) -> list[Block]:
    check = report.chain_check
    verdict = (
        f"The review log verifies: {check['checked']} events recomputed, every hash matches."
        if check["ok"]
        else f"THE REVIEW LOG DOES NOT VERIFY: seq {check['bad_seq']}: {check['reason']}."
    )
    blocks: list[Block] = [
        Heading(2, "Appendix A. Audit-log extract", "audit-log"),
        Para(
            [
                _t(
                    "Review events of the reported posts in the period, and report-level events "
                    "(unmasked reports). "
                ),
                _t(verdict),
            ]
        ),
    ]
    if report.audit_extract:
        blocks.append(
            Table(
                ["seq", "when", "reviewer", "post", "action", "detail", "hash"],
                [
                    [
                        [_t(e["seq"])],
                        [_t(when(e["occurred_at"]))],
                        [_t(e["reviewer"])],
                        [_t(e["post_id"] or "(report)")],
                        [_t(e["action"])],
                        [_t(_payload(e["payload"]))],
                        [_c(e["hash"][:16])],
                    ]
                    for e in report.audit_extract
                ],
                (0,),
            )
        )
    else:
        blocks.append(Para([_t("No review events in the period.")]))
    blocks += [
        Heading(2, "Appendix B. Sign-off", "sign-off"),
        Table(
            ["role", "name", "date", "signature"],
            [[[_t(role)], [_t("")], [_t("")], [_t("")]] for role in ("Reviewer", "Compliance")],
        ),
    ]
    return blocks


def document(report: Report) -> list[Block]:
    """The whole report for people, in reading order."""
    blocks = cover(report) + summary(report) + scope(report)
    blocks.append(Heading(2, "3. Incidents", "incidents"))
    if not report.incidents:
        blocks.append(Para([_t("No flagged posts match the report's scope.")]))
    for number, incident in enumerate(report.incidents, 1):
        blocks += incident_blocks(number, incident)
    return blocks + metrics(report) + appendix(report)
