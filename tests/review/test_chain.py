"""The review log: actions become events, the state follows, tampering is caught."""

from __future__ import annotations

import pytest

from reviewer.errors import InputError
from reviewer.review import ReviewService
from reviewer.store import Store


@pytest.fixture
def reviewed(store: Store) -> ReviewService:
    svc = ReviewService(store, "alice")
    svc.tag("x:1000", "press")
    svc.note("x:1000", "Looks like a leak of the project name")
    svc.decide("x:1001", "escalated", escalate_to="data_protection")
    svc.decide("x:1000", "resolved", disposition="violation_removal")
    svc.tag("x:1003", "repeat")
    return svc


def test_actions_append_events_and_state_follows(store: Store, reviewed: ReviewService) -> None:
    actions = [e["action"] for e in store.events()]
    assert actions == ["tag", "note", "decide", "decide", "tag"]
    state = store.state("x:1000")
    assert (state["status"], state["disposition"], state["tags"]) == (
        "resolved",
        "violation_removal",
        ["press"],
    )
    assert store.state("x:1001")["escalated_to"] == "data_protection"
    assert store.state("x:1003")["status"] == "in_review"
    assert store.state("x:1002")["status"] == "new"


def test_undo_is_a_compensating_event(store: Store, reviewed: ReviewService) -> None:
    reviewed.undo("x:1000")
    assert store.state("x:1000")["status"] == "in_review"
    assert store.state("x:1000")["disposition"] is None
    reviewed.undo("x:1000")
    assert store.state("x:1000")["tags"] == ["press"]  # the note was undone, the tag stays
    assert [e["action"] for e in store.events("x:1000")][-2:] == ["undo", "undo"]
    assert store.con.execute("SELECT count(*) FROM review_events").fetchone()[0] == 7


def test_untag_removes_only_that_tag(store: Store, reviewed: ReviewService) -> None:
    reviewed.tag("x:1000", "legal-hold")
    reviewed.untag("x:1000", "press")
    assert store.state("x:1000")["tags"] == ["legal-hold"]


def test_bad_actions_are_refused_without_an_event(store: Store) -> None:
    svc = ReviewService(store, "bob")
    with pytest.raises(InputError, match="needs a disposition"):
        svc.decide("x:1000", "resolved")
    with pytest.raises(InputError, match="not one of"):
        svc.decide("x:1000", "resolved", disposition="fine")
    with pytest.raises(InputError, match="no such post"):
        svc.tag("x:404", "press")
    with pytest.raises(InputError, match="note is required"):
        svc.decide("x:1000", "resolved", disposition="false_positive")
    with pytest.raises(InputError, match="nothing of yours"):
        svc.undo("x:1000")
    assert store.con.execute("SELECT count(*) FROM review_events").fetchone()[0] == 0
    svc.decide("x:1000", "resolved", disposition="false_positive", note="term used publicly")
    assert store.state("x:1000")["disposition"] == "false_positive"


def test_intact_log_verifies(reviewed: ReviewService) -> None:
    result = reviewed.verify()
    assert result.ok and result.checked == 5 and result.head_seq == 5


TAMPERING = {
    "edited payload": (
        'UPDATE review_events SET payload = \'{"tag": "harmless"}\' WHERE seq = 1',
        1,
    ),
    "edited reviewer": ("UPDATE review_events SET reviewer = 'mallory' WHERE seq = 3", 3),
    "deleted event": ("DELETE FROM review_events WHERE seq = 2", 2),
    "deleted last event": ("DELETE FROM review_events WHERE seq = 5", None),
    "inserted event": (
        "INSERT INTO review_events SELECT 6, occurred_at, reviewer, post_id, action, payload, "
        "hash, hash FROM review_events WHERE seq = 5",
        6,
    ),
    "reordered events": (
        "UPDATE review_events SET seq = CASE seq WHEN 2 THEN 3 WHEN 3 THEN 2 END "
        "WHERE seq IN (2, 3)",
        2,
    ),
    "changed post text": (
        "UPDATE posts SET text = 'nothing to see here' WHERE post_id = 'x:1000'",
        4,
    ),
}


@pytest.mark.parametrize("act", list(TAMPERING))
def test_tampering_is_caught(store: Store, reviewed: ReviewService, act: str) -> None:
    sql, bad_seq = TAMPERING[act]
    store.con.execute(sql)
    result = reviewed.verify()
    if bad_seq is None:
        # Dropping the newest event leaves a valid shorter chain: only a recorded head exposes it.
        assert result.ok and result.head_seq == 4
        return
    assert not result.ok
    assert result.bad_seq == bad_seq, result
