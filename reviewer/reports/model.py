"""The report model: everything a report says, gathered once from the store.

Renderers (Markdown, HTML, PDF, CSV, JSON, Parquet) only format this model; none of them
reads the database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reviewer.model import Severity

# Rules whose evidence is masked in the store; their spans are masked in excerpts too.
MASKED_RULES = frozenset({"personal_data", "credential_leak"})

# What every report says about itself, whatever was found.
KNOWN_LIMITS = (
    "Text only: images, video and links are not analysed, only the post text.",
    "Rules are written for English and German; other languages are flagged only where "
    "a term or pattern happens to match.",
    "Flags are heuristics that put posts in front of a reviewer; they are not legal "
    "determinations. The disposition is the reviewer's judgement.",
    "Personal data is masked where a rule found it (personal_data, credential_leak); "
    "personal data that no rule recognised, and reviewers' notes, appear as written.",
    "Times to review are measured from when the current flags were computed (flagged_at); "
    "re-flagging under a new policy version moves that moment.",
    "The review log is tamper-evident, not tamper-proof: compare the chain head on the "
    "cover with one written down independently (`reviewer report verify`, "
    "`reviewer audit verify --head`).",
)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which flagged posts a report covers. Lists are alternatives (any of them)."""

    since: date | None = None
    until: date | None = None
    min_severity: Severity = Severity.INFO
    status: str | None = None
    rules: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The filters as plain JSON values (manifest, JSON report, unmask event)."""
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "min_severity": str(self.min_severity),
            "status": self.status,
            "rules": list(self.rules),
            "platforms": list(self.platforms),
            "authors": list(self.authors),
            "tags": list(self.tags),
        }

    def period(self) -> str:
        """The period in words, for the cover."""
        if not self.since and not self.until:
            return "all time"
        return f"{self.since or 'the beginning'} to {self.until or 'now'} (post dates, UTC)"

    def describe(self) -> list[str]:
        """The non-default filters, one phrase each."""
        out = [f"severity {self.min_severity} or higher"]
        out.append(f"status {self.status}" if self.status else "any review status")
        for label, values in (
            ("rule", self.rules),
            ("platform", self.platforms),
            ("author", self.authors),
            ("tag", self.tags),
        ):
            if values:
                out.append(f"{label} {' or '.join(values)}")
        return out


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a post's text: plain, or evidence (masked where it holds personal data)."""

    text: str
    evidence: bool = False


@dataclass(slots=True)
class Incident:
    """One flagged post with everything the report says about it."""

    post: dict[str, Any]
    severity: Severity
    flags: list[dict[str, Any]]
    state: dict[str, Any]
    history: list[dict[str, Any]]
    segments: list[Segment]
    flagged_at: datetime | None = None
    first_review_at: datetime | None = None
    resolved_at: datetime | None = None
    escalation: dict[str, Any] | None = None
    rationale: str | None = None

    @property
    def post_id(self) -> str:
        return str(self.post["post_id"])

    @property
    def excerpt(self) -> str:
        """The post text as the report shows it (masked unless unmasked)."""
        return "".join(s.text for s in self.segments)


@dataclass(slots=True)
class Report:
    """A whole report: cover, summary, scope, incidents, metrics and the audit extract."""

    generated_at: datetime
    generated_by: str
    tool_version: str
    filters: Filters
    as_of: datetime | None
    unmasked: bool
    chain_head: tuple[int, str]
    chain_check: dict[str, Any]
    policies: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    counts: dict[str, list[tuple[str, int]]]
    open_escalations: list[dict[str, Any]]
    metrics: dict[str, Any]
    audit_extract: list[dict[str, Any]]
    incidents: list[Incident] = field(default_factory=list)
    limits: tuple[str, ...] = KNOWN_LIMITS

    @property
    def policy_versions(self) -> list[str]:
        return [p["policy_version"] for p in self.policies]

    @property
    def report_id(self) -> str:
        """A short id from the moment, the parameters and the chain head."""
        basis = json.dumps(
            [
                self.generated_at.isoformat(),
                self.filters.as_dict(),
                self.as_of.isoformat() if self.as_of else None,
                self.unmasked,
                list(self.chain_head),
            ],
            sort_keys=True,
        )
        return "R-" + hashlib.sha256(basis.encode()).hexdigest()[:12]


def segments(text: str, flags: list[dict[str, Any]], *, unmask: bool = False) -> list[Segment]:
    """Split ``text`` at evidence spans; spans of masked rules show their masked text.

    With ``unmask`` the original text of every span is shown instead.
    """
    spans: list[tuple[int, int, str | None]] = []
    for flag in flags:
        masked_rule = flag["rule"] in MASKED_RULES and not unmask
        for ev in flag["evidence"]:
            start, end = int(ev["start"]), int(ev["end"])
            if 0 <= start < end <= len(text):
                spans.append((start, end, ev["text"] if masked_rule else None))
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


# Posts longer than this are minimised to the evidence and CONTEXT characters around it.
EXCERPT_LIMIT = 1200
CONTEXT = 200
ELLIPSIS = " … "


def minimise(
    parts: list[Segment], limit: int = EXCERPT_LIMIT, context: int = CONTEXT
) -> list[Segment]:
    """A long post cut down to its evidence with some context, the cuts marked with ``…``.

    Data minimisation: a report needs what the rules found and enough around it to judge,
    not the whole of a long post. Posts up to ``limit`` characters are kept whole.
    """
    if sum(len(p.text) for p in parts) <= limit:
        return parts
    if not any(p.evidence for p in parts):
        return [Segment("".join(p.text for p in parts)[:limit] + "…")]
    out: list[Segment] = []
    last = len(parts) - 1
    for n, part in enumerate(parts):
        text = part.text
        if part.evidence or len(text) <= 2 * context:
            out.append(part)
        elif n == 0:
            out.append(Segment("…" + text[-context:]))
        elif n == last:
            out.append(Segment(text[:context] + "…"))
        else:
            out.append(Segment(text[:context] + ELLIPSIS + text[-context:]))
    return out


def shown_evidence(
    text: str, flag: dict[str, Any], *, unmask: bool = False
) -> list[dict[str, Any]]:
    """A flag's evidence as the report shows it: masked text unless unmasked."""
    out = []
    for ev in flag["evidence"]:
        shown = ev["text"]
        if unmask and flag["rule"] in MASKED_RULES:
            start, end = int(ev["start"]), int(ev["end"])
            if 0 <= start < end <= len(text):
                shown = text[start:end]
        out.append({**ev, "text": shown})
    return out
