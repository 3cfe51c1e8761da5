"""The dashboard (d) and the pre-approved responses (p): keys, screen and database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dashboard_support import HOSTILE_RULE, SPIKE_DAY, seed_dashboard
from rich.text import Text
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static
from tui_support import REVIEWER, TAGS, settle

from reviewer.flags.policy import load_policy
from reviewer.flags.responses import Response
from reviewer.store import Store
from reviewer.store.dashboard import mark_spikes, read_dashboard
from reviewer.tui.app import ReviewerApp, make_app
from reviewer.tui.screens.dashboard import DashboardScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.screens.responses import ResponsesScreen
from reviewer.tui.widgets.queue_table import QueueTable

SIZE = (120, 40)


@pytest.fixture
def dash_store(tmp_path: Path) -> Iterator[Store]:
    db = Store.open(tmp_path / "dash.duckdb")
    seed_dashboard(db)
    yield db
    db.close()


@pytest.fixture
def dash_app(dash_store: Store) -> ReviewerApp:
    return make_app(dash_store, REVIEWER, load_policy())


def _cells(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [
        [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


def _static(screen: object, selector: str) -> str:
    content = screen.query_one(selector, Static).content  # type: ignore[attr-defined]
    return content.plain if isinstance(content, Text) else str(content)


# -- the numbers --------------------------------------------------------------------


def test_spikes_are_days_far_above_the_days_before() -> None:
    days = [date(2024, 1, d) for d in range(1, 11)]
    counts = [1, 2, 1, 1, 2, 1, 9, 2, 3, 1]
    marked = mark_spikes(list(zip(days, counts, strict=True)))
    assert [d.day.day for d in marked if d.spike] == [7]
    # A steady high level is no spike, and neither are tiny counts over a zero baseline.
    assert not any(d.spike for d in mark_spikes([(day, 20) for day in days]))
    assert not any(d.spike for d in mark_spikes([(days[0], 0), (days[1], 0), (days[2], 2)]))


def test_read_dashboard_counts(dash_store: Store) -> None:
    board = read_dashboard(dash_store.con)
    assert (board.posts, board.flagged_posts, board.flags) == (31, 30, 30)
    assert sum(board.rule_platform["brand_negativity"].values()) == 28
    assert board.rule_platform[HOSTILE_RULE] == {"mastodon": 1}
    assert [str(d.day) for d in board.spikes] == [SPIKE_DAY]
    assert len(board.negative_days) == 30 and str(board.negative_days[-1].day) == "2024-06-20"
    assert sum(d.count for d in board.negative_days) == 28
    assert board.backlog["new"]["< 1 day"] == 30 and board.resolved == 0


def test_backlog_ages_and_statuses(dash_store: Store) -> None:
    from reviewer.review import ReviewService

    service = ReviewService(dash_store, REVIEWER)
    service.decide("x:d29", "resolved", disposition="false_positive", note="fine, not phishing")
    service.decide("mastodon:d30", "escalated", escalate_to="legal")
    service.note("x:d3", "looking")
    later = datetime.now(UTC) + timedelta(days=10)
    board = read_dashboard(dash_store.con, now=later)
    assert board.resolved == 1
    assert board.backlog["escalated"]["1–4 weeks"] == 1
    assert board.backlog["in_review"]["1–4 weeks"] == 1
    assert board.backlog["new"] == {
        "< 1 day": 0,
        "1–3 days": 0,
        "3–7 days": 0,
        "1–4 weeks": 27,
        "> 4 weeks": 0,
    }


# -- the screen ---------------------------------------------------------------------


async def test_d_opens_the_dashboard_and_escape_returns(dash_app: ReviewerApp) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = dash_app.screen
        assert isinstance(screen, DashboardScreen)
        assert "31 posts · 30 flagged (30 flags) · 30 open · 0 resolved" in _static(
            screen, "#dash-topbar"
        )
        rules = _cells(screen.query_one("#dash-rules", DataTable))
        assert rules[0][0] == "brand_negativity" and rules[0][-1] == "28"
        assert [HOSTILE_RULE, "1", "·", "·", "1"] in rules  # shown as text, never as markup
        backlog = _cells(screen.query_one("#dash-backlog", DataTable))
        assert backlog[0][:2] == ["new", "30"]
        spikes = _static(screen, "#dash-spikes")
        assert "▲ spikes: 2024-06-15 9 (usual 1.1)" in spikes
        assert "2024-05-22 – 2024-06-20 (UTC): 28 mentions" in spikes
        chart = screen.query_one("#dash-plot").render()
        assert "▲" in chart.plain  # type: ignore[union-attr]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(dash_app.screen, QueueScreen)


async def test_refresh_shows_a_resolved_post(dash_app: ReviewerApp, dash_store: Store) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "2")  # resolve the first post as acceptable
        await settle(pilot)
        assert dash_store.state("mastodon:d28")["status"] == "resolved"
        await pilot.press("d")
        await settle(pilot)
        assert "29 open · 1 resolved" in _static(dash_app.screen, "#dash-topbar")
        await pilot.press("escape", "j", "e", "2")  # escalate the next one to legal
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        backlog = _cells(dash_app.screen.query_one("#dash-backlog", DataTable))
        assert backlog[2][:2] == ["escalated", "1"]
        assert backlog[3][0] == "resolved" and backlog[3][-1] == "1"


async def test_dashboard_is_in_the_palette_and_help(dash_app: ReviewerApp) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in dash_app.get_system_commands(dash_app.screen)]
        assert "Dashboard" in titles and "Pre-approved responses" in titles
        await pilot.press("question_mark")
        await settle(pilot)
        keys = _static(dash_app.screen, "#help-keys")
        assert "d  Dashboard" in keys and "p  Pre-approved responses" in keys


# -- pre-approved responses ---------------------------------------------------------


def _notes(store: Store, post_id: str) -> list[str]:
    return [e["payload"]["text"] for e in store.events(post_id) if e["action"] == "note"]


async def test_p_offers_fitting_responses_and_copies_one(
    dash_app: ReviewerApp, dash_store: Store
) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")  # the first post: brand_negativity, English
        await settle(pilot)
        screen = dash_app.screen
        assert isinstance(screen, ResponsesScreen)
        assert [r.id for r in screen.responses] == ["complaint_ack_en"]
        options = screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(dash_app.screen, QueueScreen)
        expected = next(r for r in dash_app.responses if r.id == "complaint_ack_en")
        assert dash_app.clipboard == expected.text
        [note] = _notes(dash_store, "mastodon:d28")
        assert note.startswith("Copied pre-approved response complaint_ack_en (en): ")
        assert note.endswith(expected.text)
        assert dash_store.state("mastodon:d28")["status"] == "in_review"
        history = _static(dash_app.screen, "#post-history")
        assert "Copied pre-approved response complaint_ack_en" in history


async def test_a_german_post_gets_the_german_response(
    dash_app: ReviewerApp, dash_store: Store
) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "p")  # the second post is German
        await settle(pilot)
        assert [r.id for r in dash_app.screen.responses] == ["complaint_ack_de"]  # type: ignore[attr-defined]
        await pilot.press("escape")  # cancelled: nothing copied, nothing recorded
        await settle(pilot)
        assert dash_app.clipboard == ""
        assert list(dash_store.events()) == []


async def test_no_fitting_response_is_a_notification(dash_store: Store) -> None:
    app = ReviewerApp(
        dash_store,
        REVIEWER,
        tags=TAGS,
        responses=[Response("only_de", "de", ("brand_negativity",), "Hallo [b]x[/b]")],
    )
    messages: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("p")  # English post, only a German response
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        warnings = [
            str(m.notification.message)
            for m in messages
            if isinstance(m, Notify) and m.notification.severity == "warning"
        ]
        assert any("No pre-approved response fits this post" in w for w in warnings)
        assert list(dash_store.events()) == []
        table = app.screen.query_one(QueueTable)
        assert table.current is not None and table.current.post_id == "mastodon:d28"


# -- snapshots ----------------------------------------------------------------------


def test_dashboard_snapshot(snap_compare, dash_app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    async def open_dashboard(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)

    assert snap_compare(dash_app, terminal_size=SIZE, run_before=open_dashboard)


def test_responses_snapshot(snap_compare, dash_app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    async def open_responses(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(dash_app, terminal_size=SIZE, run_before=open_responses)


async def test_the_palette_opens_the_responses_and_the_dashboard(dash_app: ReviewerApp) -> None:
    async with dash_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Pre-approved")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(dash_app.screen, ResponsesScreen)
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"Dashboard")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(dash_app.screen, DashboardScreen)
