"""The reviewer's vocabulary: posts, flags, review events and their enums."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_ORDER: tuple[Severity, ...] = (
    Severity.INFO,
    Severity.LOW,
    Severity.MEDIUM,
    Severity.HIGH,
    Severity.CRITICAL,
)


class Status(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


class Disposition(StrEnum):
    FALSE_POSITIVE = "false_positive"
    ACCEPTABLE = "acceptable"
    VIOLATION_COACHING = "violation_coaching"
    VIOLATION_REMOVAL = "violation_removal"
    VIOLATION_LEGAL = "violation_legal"
    REPORTABLE = "reportable"
    DUPLICATE = "duplicate"


class Role(StrEnum):
    CRISIS_RESPONSE = "crisis_response"
    LEGAL = "legal"
    PR = "pr"
    CUSTOMER_SERVICE = "customer_service"
    SOCIAL_ENGAGEMENT = "social_engagement"
    SECURITY = "security"
    DATA_PROTECTION = "data_protection"


class Action(StrEnum):
    """What a review event records."""

    TAG = "tag"
    UNTAG = "untag"
    NOTE = "note"
    DECIDE = "decide"
    ASSIGN = "assign"
    UNDO = "undo"
    REPORT_UNMASKED = "report_unmasked"  # report-level: empty post_id, no effect on state
    FLAG_FEEDBACK = "flag_feedback"


class Verdict(StrEnum):
    """A reviewer's judgement of one flag (not of the whole post)."""

    FALSE_POSITIVE = "false_positive"
    CONFIRMED = "confirmed"


PLATFORMS: tuple[str, ...] = (
    "x",
    "facebook",
    "instagram",
    "threads",
    "linkedin",
    "mastodon",
    "bluesky",
    "reddit",
    "tiktok",
    "youtube",
    "generic",
)

KINDS: tuple[str, ...] = ("post", "reply", "comment", "repost", "quote", "note", "deleted")

RULES: tuple[str, ...] = (
    "brand_negativity",
    "competitor_negativity",
    "confidential",
    "personal_data",
    "regulated_claim",
    "profanity",
    "defamation",
    "hate",
    "unlawful_activity",
    "missing_credit",
    "unsourced_claim",
    "missing_disclaimer",
    "unauthorized_spokesperson",
    "complaint_reply",
    "credential_leak",
    "suspicious_link",
    "security_incident",
)


@dataclass(slots=True)
class Post:
    """One post in the common schema, as an importer yields it.

    ``created_at`` is timezone-aware UTC. ``tz_assumed`` is true when the
    platform gave no zone and UTC was assumed. ``raw`` is the original record
    (JSON-serialisable) kept for auditors. ``raw_json``, when set, is that
    record already serialised (the record's own text, e.g. an NDJSON line):
    the store keeps it as is instead of serialising ``raw``; importers that
    change ``raw`` after setting it must reset it to None.
    """

    platform: str
    native_id: str
    kind: str
    author: str | None
    created_at: datetime | None
    text: str
    url: str | None = None
    lang: str | None = None
    media: list[dict[str, Any]] = field(default_factory=list)
    reply_to: str | None = None
    source_file: str | None = None
    created_at_raw: str | None = None
    tz_assumed: bool = False
    content_warning: str | None = None
    raw: Any = None
    raw_json: str | None = None

    @property
    def post_id(self) -> str:
        return f"{self.platform}:{self.native_id}"


@dataclass(slots=True)
class Evidence:
    """A span of ``posts.text`` that made a rule fire, and why."""

    start: int
    end: int
    text: str
    why: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}


@dataclass(slots=True)
class Flag:
    """A rule's finding on one post."""

    post_id: str
    rule: str
    severity: Severity
    score: float
    evidence: list[Evidence]
    policy_version: str
