"""Turning posts, flags and events into Rich ``Text``: never markup, always data.

Everything here builds ``rich.text.Text`` objects from plain strings, so a post
that says ``[bold]`` shows ``[bold]``. No Textual import: these are pure
functions, easy to test on their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text

from reviewer.model import Severity

if TYPE_CHECKING:
    from reviewer.store.queue import QueueRow

# Rich styles, because DataTable cells cannot take CSS classes. The detail pane's
# flag boxes take their colours from reviewer.tcss (.sev-critical, ...).
SEVERITY_STYLE: dict[str, str] = {
    "critical": "bold #ff5f5f",
    "high": "bold #ff9f43",
    "medium": "#f5d547",
    "low": "dim",
    "info": "dim",
}
SEVERITY_LABEL: dict[str, str] = {
    "critical": "CRIT",
    "high": "HIGH",
    "medium": "MED",
    "low": "LOW",
    "info": "INFO",
}
EVIDENCE_STYLE: dict[str, str] = {
    "critical": "bold #ffffff on #a3262a",
    "high": "bold #1b1b1b on #ff9f43",
    "medium": "#1b1b1b on #f5d547",
    "low": "underline",
    "info": "underline",
}
STATUS_STYLE: dict[str, str] = {
    "new": "bold",
    "in_review": "#7fb4ff",
    "escalated": "bold #ff9f43",
    "resolved": "dim #8fd18f",
}

# C0 controls and DEL would move the terminal's cursor or start escape
# sequences; show each as its one-character "control picture" so that evidence
# offsets (which index the stored text) stay valid.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def safe(text: str | None) -> str:
    """``text`` with control characters made visible, same length as the original."""
    if not text:
        return ""
    return _CONTROLS.sub(_picture, text.replace("\t", " "))


def one_line(text: str | None, width: int) -> Text:
    """A post's text collapsed to one line and cut to ``width`` cells with an ellipsis."""
    flat = " ".join(safe(text).split())
    # Cut by characters first so a huge post never becomes a huge Text; then by cells.
    line = Text(flat[: width * 4], no_wrap=True, overflow="ellipsis", end="")
    line.truncate(width, overflow="ellipsis")
    return line


def plain(value: object, style: str = "", width: int | None = None) -> Text:
    """Any value as a plain ``Text`` (``None`` as an empty cell)."""
    text = Text(safe("" if value is None else str(value)), style=style, no_wrap=True, end="")
    if width is not None:
        text.truncate(width, overflow="ellipsis")
    return text


def date(value: datetime | None, *, with_time: bool = False) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%Y-%m-%d")


def severity_cell(severity: Severity | str) -> Text:
    sev = str(severity)
    return Text(SEVERITY_LABEL.get(sev, sev), style=SEVERITY_STYLE.get(sev, ""), end="")


def status_cell(status: str) -> Text:
    return Text(status.replace("_", " "), style=STATUS_STYLE.get(status, ""), end="")


# The queue table's columns: key, label, width (None: the text column, which takes the rest).
QUEUE_COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("severity", "Sev", 5),
    ("rules", "Flags", 14),
    ("platform", "Platform", 9),
    ("author", "Author", 12),
    ("date", "Date", 10),
    ("status", "Status", 9),
    ("tags", "Tags", 9),
    ("assignee", "Assignee", 8),
    ("text", "Text", None),
)
# On a narrow terminal these columns give way, first to last, until the text
# column has QUEUE_TEXT_WANTED cells: the detail pane shows them all anyway.
QUEUE_DROP_ORDER = ("assignee", "tags", "platform", "date", "status")
QUEUE_TEXT_WANTED = 20
# The mark of a selected post, at the start of its severity cell (VisiData style).
SELECTED_MARK = "●"
SELECTED_STYLE = "bold #5fafff"


def queue_cells(row: QueueRow, text_width: int, *, selected: bool = False) -> list[Text]:
    """The cells of one queue row, in ``QUEUE_COLUMNS`` order."""
    widths = {key: width for key, _label, width in QUEUE_COLUMNS}
    severity = Text(SELECTED_MARK if selected else " ", style=SELECTED_STYLE, end="")
    severity.append_text(severity_cell(row.severity))
    return [
        severity,
        plain(", ".join(row.rules), width=widths["rules"]),
        plain(row.platform, width=widths["platform"]),
        plain(row.author, width=widths["author"]),
        plain(date(row.created_at)),
        status_cell(row.status),
        plain(" ".join(row.tags), style="italic", width=widths["tags"]),
        plain(row.assignee, width=widths["assignee"]),
        one_line(row.text, text_width),
    ]


def counts_line(counts: Mapping[str, int], loaded: int, *, more: bool) -> str:
    """The header's summary: '12 of 40 posts flagged · 9 new · 12 loaded'."""
    if "matching" in counts:  # a filter narrows the queue
        line = f"{counts['matching']:,} of {counts['flagged']:,} flagged"
        line += f" · {counts['matching_new']:,} new"
        if more or loaded < counts["matching"]:
            line += f" · {loaded:,} loaded"
        return line
    line = f"{counts['flagged']:,} of {counts['posts']:,} posts flagged · {counts['new']:,} new"
    if more or loaded < counts["flagged"]:
        line += f" · {loaded:,} loaded"
    return line


def _rank(flag: Mapping[str, Any]) -> int:
    try:
        return Severity(flag["severity"]).rank
    except ValueError:
        return 0


def post_text(text: str, flags: Iterable[Mapping[str, Any]]) -> Text:
    """The full post text with every evidence span highlighted by its flag's severity.

    The less severe spans are applied first so the most severe colour wins
    where spans overlap. Offsets outside the text are clipped, never fatal.
    """
    shown = Text(safe(text), end="")
    size = len(shown.plain)
    for flag in sorted(flags, key=_rank):
        style = EVIDENCE_STYLE.get(str(flag.get("severity")), "reverse")
        for ev in flag.get("evidence") or []:
            try:
                start, end = max(0, int(ev["start"])), min(size, int(ev["end"]))
            except (KeyError, TypeError, ValueError):
                continue
            if start < end:
                shown.stylize(style, start, end)
    return shown


def _media(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [m for m in value or [] if isinstance(m, dict)]


def metadata(post: Mapping[str, Any]) -> Text:
    """Platform, author, date, kind, language, url and media of a post, one per line."""
    out = Text(end="")
    fields = [
        ("post", post.get("post_id")),
        ("platform", post.get("platform")),
        ("author", post.get("author")),
        ("date", date(post.get("created_at"), with_time=True)),
        ("kind", post.get("kind")),
        ("lang", post.get("lang")),
        ("url", post.get("url")),
        ("reply to", post.get("reply_to")),
        ("warning", post.get("content_warning")),
    ]
    for media in _media(post.get("media")):
        where = media.get("path") or media.get("url") or "?"
        alt = f" ({media['alt']})" if media.get("alt") else ""
        fields.append(("media", f"{media.get('type') or 'file'}: {where}{alt}"))
    for label, value in fields:
        if value in (None, ""):
            continue
        if out.plain:
            out.append("\n")
        out.append(f"{label:>9} ", style="dim")
        out.append(safe(str(value)))
    return out


def flag_text(
    flag: Mapping[str, Any],
    policy_ref: Callable[[str], str | None],
    verdict: Mapping[str, Any] | None = None,
) -> Text:
    """One flag: rule, severity, score, a reviewer's verdict on it, policy reference and
    each evidence span's why."""
    sev = str(flag.get("severity"))
    out = Text(end="")
    wrong = bool(verdict) and verdict.get("verdict") == "false_positive"  # type: ignore[union-attr]
    out.append(safe(str(flag.get("rule"))), style="bold strike" if wrong else "bold")
    out.append("  ")
    out.append(sev, style=SEVERITY_STYLE.get(sev, ""))
    score = flag.get("score")
    if isinstance(score, int | float):
        out.append(f"  score {score:.2f}", style="dim")
    if verdict:
        mark = "✗ marked wrong" if wrong else "✓ confirmed"
        out.append(f"  {mark} by ", style="bold #ff9f43" if wrong else "bold #8fd18f")
        out.append(safe(str(verdict.get("reviewer", ""))), style="bold")
    ref = policy_ref(str(flag.get("rule")))
    if ref:
        out.append("\n  policy ", style="dim")
        out.append(safe(ref))
    for ev in flag.get("evidence") or []:
        out.append("\n  “", style="dim")
        out.append(safe(str(ev.get("text", ""))))
        out.append("”", style="dim")
        if ev.get("why"):
            out.append(" — ", style="dim")
            out.append(safe(str(ev["why"])), style="italic")
    return out


def state_text(state: Mapping[str, Any]) -> Text:
    """Status, disposition, escalation, tags and assignee of a post."""
    out = Text(end="")
    status = str(state.get("status") or "new")
    out.append(f"{'status':>12} ", style="dim")
    out.append_text(status_cell(status))
    rows = [
        ("disposition", state.get("disposition")),
        ("escalated to", state.get("escalated_to")),
        ("tags", " ".join(state.get("tags") or []) or None),
        ("assignee", state.get("assignee")),
        ("last by", state.get("last_reviewer")),
    ]
    for label, value in rows:
        if value:
            out.append(f"\n{label:>12} ", style="dim")
            out.append(safe(str(value)))
    return out


def _describe(event: Mapping[str, Any]) -> str:
    payload = event.get("payload") or {}
    action = event.get("action")
    if action in ("tag", "untag"):
        return f"{action} {payload.get('tag', '')}"
    if action == "note":
        return f"note: {payload.get('text', '')}"
    if action == "assign":
        return f"assign to {payload.get('assignee', '')}"
    if action == "flag_feedback":
        verdict = "wrong" if payload.get("verdict") == "false_positive" else "confirmed"
        return f"flag {payload.get('rule', '')} marked {verdict}"
    if action == "undo":
        return f"undo #{payload.get('undoes', '?')} ({payload.get('action', '')})"
    if action == "decide":
        parts = [str(payload.get("status", ""))]
        if payload.get("disposition"):
            parts.append(f"as {payload['disposition']}")
        if payload.get("escalate_to"):
            parts.append(f"to {payload['escalate_to']}")
        line = " ".join(parts)
        if payload.get("note"):
            line += f": {payload['note']}"
        return line
    return str(action)


def history(events: Iterable[Mapping[str, Any]]) -> Text:
    """The review events of a post, oldest first, one line each."""
    out = Text(end="")
    for event in events:
        if out.plain:
            out.append("\n")
        out.append(f"#{event.get('seq')} ", style="dim")
        when = event.get("occurred_at")
        if isinstance(when, datetime):
            out.append(when.strftime("%Y-%m-%d %H:%M "), style="dim")
        out.append(safe(str(event.get("reviewer", ""))), style="bold")
        out.append(" ")
        out.append(safe(_describe(event)))
    if not out.plain:
        out.append("no review events yet", style="dim italic")
    return out
