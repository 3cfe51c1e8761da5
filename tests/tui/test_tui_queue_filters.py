"""Queue filters by keyboard: search, the filter form, sort, saved filters, clear."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Input, Select, Static
from tui_support import REVIEWER, TAGS, settle

from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue_filter import QueueFilter
from reviewer.tui.app import ReviewerApp
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen
from reviewer.tui.screens.filter_form import FilterScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.widgets.queue_table import QueueTable

QUEUE_ORDER = ["x:1", "x:3", "x:2", "facebook:5", "mastodon:4", "x:6", "reddit:7"]


def _ids(app: ReviewerApp) -> list[str]:
    return [row.post_id for row in app.screen.query_one(QueueTable).posts]


def _plain(app: ReviewerApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content.plain


async def _search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NoteScreen)
    # The field shows the current search, all selected: typing replaces it.
    await pilot.press(*text, "enter") if text else await pilot.press("backspace", "enter")
    await settle(pilot)


async def test_search_narrows_the_queue_and_esc_clears_it(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _search(pilot, "nordwind")  # case-insensitive, German and long posts
        assert _ids(app) == ["x:3", "x:6"]
        assert "2 of 7 flagged · 2 new" in _plain(app, "#topbar")
        table = app.screen.query_one(QueueTable)
        assert table.border_title == "Filter: text “nordwind”"
        assert "post x:3" in _plain(app, "#post-meta")
        # Brackets and a % in the search are just characters.
        await _search(pilot, "[red]x[/red]")
        assert _ids(app) == ["x:2"]
        await pilot.press("escape")
        await settle(pilot)
        assert _ids(app) == QUEUE_ORDER
        assert "7 of 8 posts flagged" in _plain(app, "#topbar")
        assert not table.border_title


async def test_a_search_without_matches_says_so(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _search(pilot, "zz%_top")
        assert _ids(app) == []
        assert "0 of 7 flagged · 0 new" in _plain(app, "#topbar")
        message = _plain(app, "#post-text")
        assert "No flagged post matches the filter" in message and "esc" in message
        await pilot.press("1", "r", "c", "w", "space")  # nothing to act on: no crash
        await settle(pilot)
        assert list(store.events()) == []
        # An empty search clears the search.
        await _search(pilot, "")
        assert _ids(app) == QUEUE_ORDER


async def test_filter_form_by_keys(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FilterScreen)
        # Text field first, then the rule: open its list, take the first rule, apply.
        await pilot.press("tab", "enter", "down", "enter")
        await settle(pilot)
        assert form.query_one("#f-rule", Select).value == "brand_negativity"
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert _ids(app) == ["x:3", "facebook:5", "mastodon:4"]
        assert "3 of 7 flagged · 3 new" in _plain(app, "#topbar")


async def test_filter_form_dates_platform_and_a_bad_date(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-since", Input).value = "2024-05-02"
        form.query_one("#f-until", Input).value = "2024-05-13"  # no month 13 in the next try
        form.query_one("#f-platform", Select).value = "x"
        form.query_one("#f-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert _ids(app) == ["x:3", "x:2", "x:6"]
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-since", Input).value == "2024-05-02"  # the form shows it
        form.query_one("#f-until", Input).value = "2024-13-01"
        messages: list[str] = []
        app.notify = lambda message, **kw: messages.append(str(message))  # type: ignore[method-assign]
        form.query_one("#f-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)  # not applied, still editing
        assert any("not a date" in m for m in messages)
        await pilot.press("escape")
        await settle(pilot)
        assert _ids(app) == ["x:3", "x:2", "x:6"]


async def test_sort_cycles_and_keeps_the_filter(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert _ids(app) == ["reddit:7", "x:6", "facebook:5", "mastodon:4", "x:3", "x:2", "x:1"]
        table = app.screen.query_one(QueueTable)
        assert table.border_title == "sorted by newest first"
        await pilot.press("o")
        await settle(pilot)
        assert _ids(app) == ["facebook:5", "mastodon:4", "reddit:7", "x:1", "x:3", "x:2", "x:6"]
        await pilot.press("o", "o")
        await settle(pilot)
        assert _ids(app) == QUEUE_ORDER


async def test_paging_keeps_working_under_a_filter(store: Store) -> None:
    app = ReviewerApp(store, REVIEWER, tags=TAGS, page_size=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.apply_filter(QueueFilter(min_severity="medium", sort="date"))
        await settle(pilot)
        for _ in range(6):
            await pilot.press("j")
            await settle(pilot)
        assert _ids(app) == ["facebook:5", "mastodon:4", "x:3", "x:2", "x:1"]


async def test_saved_filter_is_stored_and_reselected(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")  # none saved yet: a hint, no dialog
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("f")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-severity", Select).value = "high"
        form.query_one("#f-name", Input).value = "high & up"
        form.query_one("#f-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        [saved] = store.saved_filters()
        assert (saved.name, saved.filter, saved.saved_by) == (
            "high & up",
            QueueFilter(min_severity="high"),
            REVIEWER,
        )
        assert _ids(app) == ["x:1", "x:3", "x:2"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(_ids(app)) == 7
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("1")
        await settle(pilot)
        assert _ids(app) == ["x:1", "x:3", "x:2"]


async def test_claimed_posts_filter_by_assignee(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "c")
        await settle(pilot)
        ReviewService(store, "bob").assign("x:2", "bob")  # another reviewer, meanwhile
        await pilot.press("f")
        await settle(pilot)
        select = app.screen.query_one("#f-assignee", Select)
        options = [value for _label, value in select._options]
        assert options[1:] == [REVIEWER, "(unassigned)", "bob"]
        select.value = REVIEWER
        app.screen.query_one("#f-text", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert _ids(app) == ["x:3"]
        table = app.screen.query_one(QueueTable)
        assert table.get_row("x:3")[7].plain == REVIEWER
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        screen.apply_filter(QueueFilter(assignee="(unassigned)", since=date(2024, 5, 2)))
        await settle(pilot)
        assert "x:3" not in _ids(app) and "x:2" not in _ids(app) and "x:1" not in _ids(app)


async def test_filter_keys_are_in_help_and_palette(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Filter", "Saved filters", "Sort", "Select", "Select all matching"} <= (
            titles
        )
        assert {"Claim", "Assign to…", "Flag wrong"} <= titles
        await pilot.press("question_mark")
        await settle(pilot)
        rows = [" ".join(line.split()) for line in _plain(app, "#help-keys").splitlines()]
        for row in (
            "/ Search search",
            "f Filter filter",
            "F Saved filters saved-filters",
            "o Sort sort",
            "esc Clear filter clear-filter",
            "␣ Select toggle-select",
            "S Select all matching select-all",
            "U Clear selection clear-selection",
            "w Flag wrong flag-wrong",
            "c Claim claim",
            "a Assign to… assign",
        ):
            assert row in rows
