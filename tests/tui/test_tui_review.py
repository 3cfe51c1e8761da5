"""Review actions by keyboard: each one lands in the event log and shows in the queue."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input, Static
from tui_support import REVIEWER, TAGS, settle

from reviewer.errors import InputError
from reviewer.store import Store
from reviewer.tui.app import ReviewerApp
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.widgets.queue_table import QueueTable


def _events(store: Store, post_id: str) -> list[dict[str, Any]]:
    return list(store.events(post_id))


def _errors(messages: list[Message]) -> list[str]:
    return [
        str(m.notification.message)
        for m in messages
        if isinstance(m, Notify) and m.notification.severity == "error"
    ]


async def test_1_tags_and_1_again_untags(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        [event] = _events(store, "x:1")
        assert (event["action"], event["reviewer"], event["payload"]) == (
            "tag",
            REVIEWER,
            {"tag": "urgent"},
        )
        assert store.state("x:1")["tags"] == ["urgent"]
        table = app.screen.query_one(QueueTable)
        assert table.current is not None and table.current.tags == ["urgent"]
        assert table.get_row("x:1")[6].plain == "urgent"
        topbar = app.screen.query_one("#topbar", Static).content
        assert isinstance(topbar, Text) and "7 of 8 posts flagged · 6 new" in topbar.plain

        await pilot.press("1")
        await settle(pilot)
        assert [e["action"] for e in _events(store, "x:1")] == ["tag", "untag"]
        assert store.state("x:1")["tags"] == []
        assert table.get_row("x:1")[6].plain == ""


async def test_tags_follow_the_policy_order(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "3", "2")
        await settle(pilot)
        assert store.state("x:3")["tags"] == ["customer", "legal-hold"]
        # Key 5 has no tag in this policy: nothing happens.
        await pilot.press("5")
        await settle(pilot)
        assert len(_events(store, "x:3")) == 2


async def test_resolve_by_number(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "r")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        state = store.state("x:3")
        assert (state["status"], state["disposition"]) == ("resolved", "acceptable")
        assert app.screen.query_one(QueueTable).get_row("x:3")[5].plain == "resolved"


async def test_resolve_with_arrows_and_enter(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "r", "down", "down", "down", "enter")
        await settle(pilot)
        state = store.state("x:3")
        assert (state["status"], state["disposition"]) == ("resolved", "violation_removal")


async def test_escape_cancels_resolve(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", "escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert _events(store, "x:1") == []


async def test_false_positive_on_a_critical_post_asks_for_a_note(
    app: ReviewerApp, store: Store
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", "1")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("enter")  # an empty note is refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"internal test", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        [event] = _events(store, "x:1")
        assert event["payload"]["disposition"] == "false_positive"
        assert event["payload"]["note"] == "internal test"
        assert store.state("x:1")["status"] == "resolved"


async def test_cancelling_the_note_resolves_nothing(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", "1", "escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert _events(store, "x:1") == []


async def test_false_positive_on_a_low_post_needs_no_note(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"jjjjj")  # x:6, low
        await settle(pilot)
        await pilot.press("r", "1")
        await settle(pilot)
        assert store.state("x:6")["disposition"] == "false_positive"


async def test_escalate_to_a_role(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        state = store.state("x:1")
        assert (state["status"], state["escalated_to"]) == ("escalated", "legal")


async def test_undo_reverts_the_last_action(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "r", "2")
        await settle(pilot)
        assert store.state("x:1")["status"] == "resolved"
        await pilot.press("u")
        await settle(pilot)
        events = _events(store, "x:1")
        assert events[-1]["action"] == "undo"
        assert events[-1]["payload"]["undoes"] == events[1]["seq"]
        state = store.state("x:1")
        assert (state["status"], state["disposition"], state["tags"]) == (
            "in_review",
            None,
            ["urgent"],
        )
        assert app.screen.query_one(QueueTable).get_row("x:1")[5].plain == "in review"


async def test_undo_with_nothing_to_undo_is_a_notification(store: Store) -> None:
    messages: list[Message] = []
    app = ReviewerApp(store, REVIEWER, tags=TAGS)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert any("nothing of yours to undo" in e for e in _errors(messages))
        assert _events(store, "x:1") == []
        assert app.is_running


async def test_a_refused_action_with_brackets_is_shown_not_parsed(store: Store) -> None:
    messages: list[Message] = []
    app = ReviewerApp(store, REVIEWER, tags=["bad tag [/bold]"])
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert any("bad tag [/bold]" in e for e in _errors(messages))
        assert app.is_running


async def test_note(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(Input).value = "seen [bold]before[/bold] — ok"
        await pilot.press("enter")
        await settle(pilot)
        [event] = _events(store, "x:1")
        assert event["action"] == "note"
        assert event["payload"]["text"] == "seen [bold]before[/bold] — ok"


async def test_typing_a_note(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"call them", "enter")
        await settle(pilot)
        [event] = _events(store, "x:1")
        assert event["payload"]["text"] == "call them"


async def test_help_lists_the_keys(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = {(keys, what) for _title, rows in app.screen.sections for keys, what, _id in rows}
        assert ("1", "Toggle tag “urgent”") in listed
        assert ("r", "Resolve") in listed
        assert any(keys.startswith("j") and what == "Next post" for keys, what in listed)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_keymap_remaps_by_binding_id(store: Store) -> None:
    app = ReviewerApp(store, REVIEWER, tags=TAGS, keymap={"resolve": "R", "tag-1": "t"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("t")
        await settle(pilot)
        assert store.state("x:1")["tags"] == ["urgent"]
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)


def test_an_unknown_binding_id_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="keymap: resolv"):
        ReviewerApp(store, REVIEWER, tags=TAGS, keymap={"resolv": "R"})


async def test_a_failed_read_is_a_notification(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire [bold]")

    monkeypatch.setattr("reviewer.tui.screens.queue.read_post", broken)
    messages: list[Message] = []
    app = ReviewerApp(store, REVIEWER, tags=TAGS)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert any("disk on fire [bold]" in e for e in _errors(messages))
        assert app.is_running
        assert app.screen.query_one(QueueTable).cursor_row == 1


async def test_q_quits(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_review_actions_are_in_the_command_palette(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Resolve", "Escalate", "Note", "Undo", "Toggle tag “urgent”"} <= titles
        assert "Toggle tag 4" not in titles  # no fourth tag in this policy
