"""A small deterministic database for report tests: fixed posts, times, reviewers and hashes.

Everything goes through the real store API; only the clock-stamped columns (import and
flag times, policy first use) are set to fixed moments afterwards, and review events are
appended with fixed times through the real hash chain.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.review.chain import GENESIS, event_hash
from reviewer.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GENERATED_AT = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
VERSION = "golden-v1"

POLICY = {
    "rules": {
        "confidential": {
            "severity": "high",
            "policy_ref": "Minimum content: confidential company information",
            "enabled": True,
        },
        "personal_data": {
            "severity": "high",
            "policy_ref": "4. Legal risks: customer information is confidential",
            "enabled": True,
        },
        "profanity": {
            "severity": "medium",
            "policy_ref": "No derogatory content (| pipes & <tags> in a reference)",
            "enabled": True,
        },
        "hate": {"severity": "critical", "policy_ref": "No inflammatory content", "enabled": False},
    }
}

# (platform, native id, author, day, text)
POSTS = [
    ("x", "1", "lena_nordwind", 0, "Projekt Polarstern startet im Q3 – Grüße an alle! 🚀"),
    ("linkedin", "2", "max.muster", 1, "Schreibt mir: jane.doe@example.com oder +49 170 1234567"),
    ("mastodon", "3", "=cmd|' /C calc'!A0", 2, "<script>alert('x')</script> # not a heading"),
    ("x", "4", "lena_nordwind", 3, "@everyone [link](javascript:alert(1)) *bold* _em_ | cell"),
    ("facebook", "5", "hans", 4, "-2+3 looks like a formula\nsecond line\r\n> quoted"),
    ("x", "6", "hans", 5, "An ordinary post about wind turbines"),
]


def _at(post: int, part: str, shown: str, why: str) -> Evidence:
    """Evidence for ``part`` of post number ``post`` (offsets computed, never typed)."""
    start = POSTS[post][4].index(part)
    return Evidence(start, start + len(part), shown, why)


def _flags() -> list[Flag]:
    return [
        Flag(
            "x:1",
            "confidential",
            Severity.HIGH,
            1.0,
            [_at(0, "Projekt Polarstern", "Projekt Polarstern", "term 'Projekt Polarstern'")],
            VERSION,
        ),
        Flag(
            "linkedin:2",
            "personal_data",
            Severity.HIGH,
            0.95,
            [
                _at(1, "jane.doe@example.com", "j***@example.com", "e-mail address"),
                _at(1, "+49 170 1234567", "+49 *** ***4567", "phone number"),
            ],
            VERSION,
        ),
        Flag(
            "mastodon:3",
            "profanity",
            Severity.MEDIUM,
            0.7,
            [_at(2, "alert(", "alert(", "word <b>alert</b>")],
            VERSION,
        ),
        Flag(
            "x:4", "profanity", Severity.LOW, 0.4, [_at(3, "*bold*", "*bold*", "`x` | y")], VERSION
        ),
        Flag("x:4", "confidential", Severity.INFO, 0.2, [], VERSION),
        Flag(
            "facebook:5",
            "confidential",
            Severity.MEDIUM,
            0.6,
            [_at(4, "-2+3", "-2+3", "figure")],
            VERSION,
        ),
    ]


# (minutes after T0 + 5 days, reviewer, post, action, payload)
EVENTS: list[tuple[int, str, str, str, dict[str, Any]]] = [
    (0, "alice", "x:1", "assign", {"assignee": "alice"}),
    (30, "alice", "x:1", "tag", {"tag": "press"}),
    (60, "alice", "x:1", "decide", {"status": "escalated", "escalate_to": "legal"}),
    (
        240,
        "bob <legal>",
        "x:1",
        "decide",
        {"status": "resolved", "disposition": "violation_legal", "note": "Takedown requested"},
    ),
    (90, "alice", "linkedin:2", "note", {"text": "Customer wrote in | see ticket #12"}),
    (
        120,
        "alice",
        "linkedin:2",
        "decide",
        {"status": "escalated", "escalate_to": "data_protection", "note": "=SUM(A1)"},
    ),
    (
        150,
        "carol",
        "mastodon:3",
        "decide",
        {"status": "resolved", "disposition": "false_positive", "note": "code sample"},
    ),
    (180, "carol", "x:4", "tag", {"tag": "review-later"}),
    (200, "carol", "x:4", "undo", {"undoes": 0, "action": "tag"}),
    (210, "carol", "x:4", "flag_feedback", {"rule": "profanity", "verdict": "false_positive"}),
    (
        220,
        "alice",
        "linkedin:2",
        "flag_feedback",
        {"rule": "personal_data", "verdict": "confirmed"},
    ),
]


def _append(store: Store, seq: int, when: datetime, event: tuple, text_hash: str) -> str:
    _, reviewer, post_id, action, payload = event
    payload = dict(payload)
    if action == "decide":
        payload["text_sha256"] = text_hash
    if action == "undo":
        payload["undoes"] = seq - 1
    prev = store.last_event()
    row: dict[str, Any] = {
        "seq": seq,
        "occurred_at": when,
        "reviewer": reviewer,
        "post_id": post_id,
        "action": action,
        "payload": payload,
        "prev_hash": prev["hash"] if prev else GENESIS,
    }
    row["hash"] = event_hash(row["prev_hash"], row)
    store.insert_event(**row)
    return row["hash"]


def build(path: Path | str) -> Path | str:
    """Create the golden database at ``path``."""
    posts = [
        Post(
            platform=platform,
            native_id=native,
            kind="post",
            author=author,
            created_at=T0 + timedelta(days=day),
            text=text,
            url=f"https://example.com/{platform}/{native}" if native != "4" else "javascript:x",
        )
        for platform, native, author, day, text in POSTS
    ]
    with Store.open(path) as store:
        store.import_posts(
            source="golden-export.ndjson",
            sha256="ab" * 32,
            platform="generic",
            posts=posts,
            imported_by="importer",
        )
        store.write_flags([p.post_id for p in posts], _flags(), VERSION)
        store.record_policy(VERSION, "policy.toml", POLICY)
        store.con.execute(
            "UPDATE imports SET started_at = ?, finished_at = ?",
            [T0 + timedelta(days=6), T0 + timedelta(days=6, seconds=2)],
        )
        store.con.execute("UPDATE flags SET flagged_at = ?", [T0 + timedelta(days=5)])
        store.con.execute("UPDATE policy_versions SET first_used_at = ?", [T0 + timedelta(days=5)])
        base = T0 + timedelta(days=5)
        for seq, event in enumerate(sorted(EVENTS, key=lambda e: e[0]), 1):
            post = store.post(event[2])
            assert post is not None
            _append(store, seq, base + timedelta(minutes=event[0]), event, post["text_sha256"])
    return path
