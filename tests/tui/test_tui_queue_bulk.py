"""Select posts, act on all of them; claim, assign, mark one flag wrong: keys, log, screen."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from rich.text import Text
from textual.widgets import Input, Static
from tui_support import REVIEWER, settle

from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.tui.app import ReviewerApp
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.widgets.queue_table import QueueTable

QUEUE_ORDER = ["x:1", "x:3", "x:2", "facebook:5", "mastodon:4", "x:6", "reddit:7"]


def _events(store: Store) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [(e["post_id"], e["action"], e["reviewer"], e["payload"]) for e in store.events()]


def _plain(app: ReviewerApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content.plain


def _sev(app: ReviewerApp, post_id: str) -> str:
    return app.screen.query_one(QueueTable).get_row(post_id)[0].plain


async def test_space_selects_then_a_tag_key_tags_every_selected_post(
    app: ReviewerApp, store: Store
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "j", "space")  # x:1, then (skip x:3) x:2
        await settle(pilot)
        assert _sev(app, "x:1").startswith("●") and _sev(app, "x:2").startswith("●")
        assert not _sev(app, "x:3").startswith("●")
        assert "2 selected" in _plain(app, "#topbar")
        assert app.screen.query_one(QueueTable).border_subtitle == "2 selected"
        await pilot.press("1")
        await settle(pilot)
        assert _events(store) == [
            ("x:1", "tag", REVIEWER, {"tag": "urgent"}),
            ("x:2", "tag", REVIEWER, {"tag": "urgent"}),
        ]
        table = app.screen.query_one(QueueTable)
        assert table.get_row("x:1")[6].plain == "urgent"
        assert table.get_row("x:2")[6].plain == "urgent"
        assert table.get_row("x:3")[6].plain == ""
        assert app.screen.query_one("#bulk").display is False  # the progress bar is gone
        # Again: both have the tag already, nothing is written.
        await pilot.press("1")
        await settle(pilot)
        assert len(_events(store)) == 2
        # Undo on a selection undoes each post's latest event of this reviewer.
        await pilot.press("u")
        await settle(pilot)
        assert [e[1] for e in _events(store)] == ["tag", "tag", "undo", "undo"]
        assert store.state("x:1")["tags"] == [] and store.state("x:2")["tags"] == []
        assert table.get_row("x:2")[6].plain == ""
        # U clears the selection: the next tag is for the post under the cursor only.
        await pilot.press("U")
        await settle(pilot)
        assert not _sev(app, "x:1").startswith("●")
        assert "selected" not in _plain(app, "#topbar")
        await pilot.press("2")
        await settle(pilot)
        assert _events(store)[-1][:2] == (table.current.post_id, "tag")  # type: ignore[union-attr]
        assert len(_events(store)) == 5


async def test_select_all_matching_then_resolve_them(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nordwind", "enter")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert "2 selected" in _plain(app, "#topbar")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "2 selected posts" in _plain(app, ".subject")
        await pilot.press("2")  # acceptable
        await settle(pilot)
        decided = [(e[0], e[3]["disposition"]) for e in _events(store) if e[1] == "decide"]
        assert sorted(decided) == [("x:3", "acceptable"), ("x:6", "acceptable")]
        assert store.state("x:1")["status"] == "new"
        table = app.screen.query_one(QueueTable)
        assert table.get_row("x:3")[5].plain == "resolved"
        assert table.get_row("x:6")[5].plain == "resolved"
        # Leaving the filter drops an "all matching" selection rather than guess.
        await pilot.press("escape")
        await settle(pilot)
        assert "selected" not in _plain(app, "#topbar")


async def test_select_all_then_take_one_out(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S", "space")  # all seven, then x:1 out again
        await settle(pilot)
        assert "6 selected" in _plain(app, "#topbar")
        await pilot.press("c")
        await settle(pilot)
        claimed = sorted(e[0] for e in _events(store))
        assert claimed == sorted(set(QUEUE_ORDER) - {"x:1"})
        assert {e[3]["assignee"] for e in _events(store)} == {REVIEWER}
        assert app.screen.query_one(QueueTable).get_row("x:3")[7].plain == REVIEWER


async def test_bulk_false_positive_needs_one_note_for_all(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "space", "space")  # facebook:5, mastodon:4 (medium)
        await pilot.press("r", "1")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("escape")  # cancelled: nothing resolved
        await settle(pilot)
        assert _events(store) == []
        await pilot.press("r", "1")
        await settle(pilot)
        await pilot.press(*"wrong brand", "enter")
        await settle(pilot)
        notes = {e[0]: e[3].get("note") for e in _events(store)}
        assert notes == {"facebook:5": "wrong brand", "mastodon:4": "wrong brand"}


async def test_claim_and_assign_a_single_post(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert store.state("x:1")["assignee"] == REVIEWER
        table = app.screen.query_one(QueueTable)
        assert table.get_row("x:1")[7].plain == REVIEWER
        assert f"assignee {REVIEWER}" in " ".join(_plain(app, "#post-state").split())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"bob", "enter")
        await settle(pilot)
        assert _events(store) == [
            ("x:1", "assign", REVIEWER, {"assignee": REVIEWER}),
            ("x:1", "assign", REVIEWER, {"assignee": "bob"}),
        ]
        assert table.get_row("x:1")[7].plain == "bob"
        await pilot.press("u")
        await settle(pilot)
        assert store.state("x:1")["assignee"] == REVIEWER
        assert table.get_row("x:1")[7].plain == REVIEWER


async def test_w_marks_the_only_flag_wrong_and_u_takes_it_back(
    app: ReviewerApp, store: Store
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert _events(store) == [
            (
                "x:1",
                "flag_feedback",
                REVIEWER,
                {"rule": "confidential", "verdict": "false_positive"},
            )
        ]
        flag = app.screen.query_one("#flags Static", Static).content
        assert isinstance(flag, Text) and f"✗ marked wrong by {REVIEWER}" in flag.plain
        assert "flag confidential marked wrong" in _plain(app, "#post-history")
        # The post itself is not decided: the flag's verdict is feedback on the rule.
        assert store.state("x:1")["disposition"] is None
        await pilot.press("w")  # nothing left to mark
        await settle(pilot)
        assert len(_events(store)) == 1
        await pilot.press("u")
        await settle(pilot)
        assert store.flag_verdicts("x:1") == {}
        flag = app.screen.query_one("#flags Static", Static).content
        assert isinstance(flag, Text) and "marked wrong" not in flag.plain


async def test_w_asks_which_flag_when_there_are_several(app: ReviewerApp, store: Store) -> None:
    from reviewer.model import Evidence, Flag, Severity

    store.write_flags(
        ["x:2"],
        [
            Flag("x:2", "suspicious_link", Severity.HIGH, 0.9, [], "v1"),
            Flag("x:2", "profanity", Severity.LOW, 0.4, [Evidence(0, 5, "[link", "w")], "v1"),
        ],
        "v1",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert sorted(value for value, _label in dialog.choices) == ["profanity", "suspicious_link"]
        wrong = dialog.choices[1][0]
        await pilot.press("2")
        await settle(pilot)
        assert {r: v["verdict"] for r, v in store.flag_verdicts("x:2").items()} == {
            wrong: "false_positive"
        }
        right = ({"profanity", "suspicious_link"} - {wrong}).pop()
        texts = [s.content.plain for s in app.screen.query("#flags Static").results(Static)]  # type: ignore[union-attr]
        assert any(t.startswith(wrong) and "marked wrong" in t for t in texts)
        assert any(t.startswith(right) and "marked wrong" not in t for t in texts)


async def test_single_actions_wait_while_a_bulk_action_runs(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.bulk_running = True  # as while a worker writes
        await pilot.press("1", "c", "w")
        await settle(pilot)
        assert _events(store) == []
        screen.bulk_running = False


async def test_other_reviewers_events_survive_a_bulk_undo(app: ReviewerApp, store: Store) -> None:
    ReviewService(store, "bob").tag("x:1", "press")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "u")
        await settle(pilot)
        # Nothing of alice's to undo: refused per post, reported, nothing written.
        assert [e[1] for e in _events(store)] == ["tag"]
        assert store.state("x:1")["tags"] == ["press"]
    assert Input  # the note dialogs are Inputs


async def test_the_new_keys_can_be_remapped(store: Store) -> None:
    from tui_support import TAGS

    keymap = {"toggle-select": "v", "flag-wrong": "x", "claim": "C", "search": "ctrl+f"}
    app = ReviewerApp(store, REVIEWER, tags=TAGS, keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "w", "c")  # the old keys do nothing now
        await settle(pilot)
        assert _events(store) == []
        await pilot.press("x", "v", "C")
        await settle(pilot)
        assert [(e[0], e[1]) for e in _events(store)] == [
            ("x:1", "flag_feedback"),
            ("x:1", "assign"),
        ]
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)


async def test_escape_stops_a_running_bulk_action_after_the_post_in_hand(
    app: ReviewerApp, store: Store
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_tag(service: ReviewService, _writer: Store, post_id: str) -> dict[str, Any]:
        started.set()
        release.wait(10)
        return service.tag(post_id, "urgent")

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await pilot.press("S")  # all 7 posts
        await settle(pilot)
        screen.start_bulk("Tag urgent", slow_tag)
        assert await asyncio.to_thread(started.wait, 10)
        assert "esc stops" in _plain(app, "#bulk-label")
        await pilot.press("escape")
        await pilot.pause()
        assert "Stopping" in str(screen.query_one("#bulk-label", Static).content)
        release.set()
        for _ in range(50):
            await settle(pilot)
            if not screen.bulk_running:
                break
        assert not screen.bulk_running and screen.query_one("#bulk").display is False
        # The post in hand was written; the other six were never touched.
        assert _events(store) == [(QUEUE_ORDER[0], "tag", REVIEWER, {"tag": "urgent"})]
        assert screen.queue_filter.active is False  # escape stopped the action, nothing else
        assert len(screen.selection) == 7
