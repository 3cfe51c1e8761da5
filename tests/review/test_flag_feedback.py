"""Feedback on one flag of a post: an event in the chain, a verdict per flag, undoable."""

from __future__ import annotations

import pytest

from reviewer.errors import InputError
from reviewer.review import ReviewService
from reviewer.store import Store


def test_marking_a_flag_wrong_is_an_event_and_a_verdict(store: Store) -> None:
    svc = ReviewService(store, "alice")
    event = svc.flag_feedback("x:1000", "confidential")
    assert (event["action"], event["reviewer"], event["payload"]) == (
        "flag_feedback",
        "alice",
        {"rule": "confidential", "verdict": "false_positive"},
    )
    [stored] = list(store.events("x:1000"))
    assert stored["hash"] == event["hash"]
    assert store.flag_verdicts("x:1000")["confidential"]["verdict"] == "false_positive"
    assert store.flag_verdicts("x:1001") == {}
    # Feedback on a flag is not a decision on the post.
    state = store.state("x:1000")
    assert (state["status"], state["disposition"]) == ("in_review", None)
    assert svc.verify().ok


def test_the_latest_verdict_counts_and_undo_restores_the_one_before(store: Store) -> None:
    svc = ReviewService(store, "alice")
    svc.flag_feedback("x:1000", "confidential", "false_positive")
    svc.flag_feedback("x:1000", "confidential", "confirmed")
    assert store.flag_verdicts("x:1000")["confidential"]["verdict"] == "confirmed"
    undo = svc.undo("x:1000")
    assert undo["payload"]["action"] == "flag_feedback"
    assert store.flag_verdicts("x:1000")["confidential"]["verdict"] == "false_positive"
    svc.undo("x:1000")
    assert store.flag_verdicts("x:1000") == {}
    assert svc.verify().ok


def test_feedback_needs_a_flag_of_that_rule(store: Store) -> None:
    svc = ReviewService(store, "alice")
    with pytest.raises(InputError, match="has no flag of that rule"):
        svc.flag_feedback("x:1000", "personal_data")
    with pytest.raises(InputError, match="not one of"):
        svc.flag_feedback("x:1000", "confidential", "maybe")
    with pytest.raises(InputError, match="no such post"):
        svc.flag_feedback("x:nope", "confidential")
    assert list(store.events()) == []
