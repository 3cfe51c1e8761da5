"""The TUI in team review: a past state is read-only; a lost race shows the new state."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.text import Text
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Static

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tui_support import REVIEWER, TAGS, seed, settle

from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.tui.app import ReviewerApp
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.widgets.queue_table import QueueTable


def _notes(messages: list[Message]) -> list[str]:
    return [str(m.notification.message) for m in messages if isinstance(m, Notify)]


@pytest.fixture
def seeded(store_target: str) -> str:
    with Store.open(store_target) as store:
        seed(store)
    return store_target


async def test_as_of_opens_read_only_and_refuses_actions(seeded: str) -> None:
    with Store.open(seeded) as store:
        ReviewService(store, "bob").tag("x:1", "urgent")
        moment = datetime.now(UTC)
        time.sleep(0.01)
        ReviewService(store, "bob").decide("x:1", "resolved", disposition="acceptable")
        events = len(list(store.events()))
    with Store.open(seeded, read_only=True, as_of=moment) as past:
        app = ReviewerApp(past, REVIEWER, tags=TAGS)
        messages: list[Message] = []
        async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
            await settle(pilot)
            row = app.screen.query_one(QueueTable).get_row("x:1")
            assert row[5].plain == "in review" and row[6].plain == "urgent"  # then, not now
            topbar = app.screen.query_one("#topbar", Static).content
            assert isinstance(topbar, Text) and "READ-ONLY as of" in topbar.plain
            await pilot.press("2", "r", "n", "u")
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen)  # no dialog opened
            notes = _notes(messages)
            assert len(notes) == 4
            assert all("Actions are disabled" in n and "--as-of" in n for n in notes)
    with Store.open(seeded) as store:
        assert len(list(store.events())) == events


async def test_a_decision_that_lost_the_race_shows_the_new_state(seeded: str) -> None:
    with Store.open(seeded) as store:
        app = ReviewerApp(store, REVIEWER, tags=TAGS)
        messages: list[Message] = []
        async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
            await settle(pilot)
            # Meanwhile, bob (another terminal) resolves the post alice is looking at.
            with Store.open(seeded) as other:
                ReviewService(other, "bob").decide("x:1", "resolved", disposition="acceptable")
            await pilot.press("r", "3")  # alice resolves it as violation_removal
            await settle(pilot)
            notes = _notes(messages)
            assert any("bob decide resolved" in n and "not recorded" in n for n in notes), notes
            assert app.screen.query_one(QueueTable).get_row("x:1")[5].plain == "resolved"
        state = store.state("x:1")
        assert (state["disposition"], state["last_reviewer"]) == ("acceptable", "bob")
        assert [e["reviewer"] for e in store.events("x:1")] == ["bob"]
