"""The hash chain over review events.

Each event's hash is SHA-256 over the previous event's hash and a canonical
JSON of the event itself, so editing, deleting, inserting or reordering any
event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def canonical_event(event: Mapping[str, Any]) -> str:
    """The canonical JSON of an event's content (everything but its hashes)."""
    occurred: datetime = event["occurred_at"]
    body = {
        "seq": int(event["seq"]),
        "occurred_at": occurred.astimezone(UTC).isoformat(timespec="microseconds"),
        "reviewer": event["reviewer"],
        "post_id": event["post_id"],
        "action": event["action"],
        "payload": event["payload"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the canonical event."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_event(event).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of recomputing the chain."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    reason: str | None = None


def verify_chain(
    events: Iterable[Mapping[str, Any]], text_hashes: Mapping[str, str] | None = None
) -> VerifyResult:
    """Recompute the chain over ``events`` (in seq order) and name the first bad event.

    ``text_hashes`` maps post ids to the SHA-256 of their current text; a
    decision whose recorded text hash differs means the post text was changed
    after it was judged.
    """
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for event in events:
        seq = int(event["seq"])
        if seq != expected_seq:
            reason = (
                f"event {expected_seq} is missing"
                if seq > expected_seq
                else f"event {seq} is out of order or duplicated"
            )
            return VerifyResult(False, checked, expected_seq - 1, prev_hash, expected_seq, reason)
        if event["prev_hash"] != prev_hash:
            return VerifyResult(
                False, checked, seq - 1, prev_hash, seq, "does not follow the previous event"
            )
        if event_hash(prev_hash, event) != event["hash"]:
            return VerifyResult(
                False, checked, seq - 1, prev_hash, seq, "content does not match its hash"
            )
        recorded = event["payload"].get("text_sha256") if event["action"] == "decide" else None
        if recorded and text_hashes is not None:
            current = text_hashes.get(event["post_id"])
            if current != recorded:
                return VerifyResult(
                    False,
                    checked,
                    seq - 1,
                    prev_hash,
                    seq,
                    f"the text of {event['post_id']} changed after this decision",
                )
        prev_hash = event["hash"]
        expected_seq += 1
        checked += 1
    return VerifyResult(True, checked, expected_seq - 1, prev_hash)
