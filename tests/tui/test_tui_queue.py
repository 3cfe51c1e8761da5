"""The queue: which posts, in which order, how they look, moving and paging."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static
from tui_support import REVIEWER, TAGS, settle

from reviewer.store import Store
from reviewer.tui.app import ReviewerApp
from reviewer.tui.widgets.queue_table import QueueTable

QUEUE_ORDER = ["x:1", "x:3", "x:2", "facebook:5", "mastodon:4", "x:6", "reddit:7"]


def _meta(app: ReviewerApp) -> str:
    content = app.screen.query_one("#post-meta", Static).content
    assert isinstance(content, Text)
    return content.plain


async def test_flagged_posts_most_severe_first(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        assert [row.post_id for row in table.posts] == QUEUE_ORDER
        topbar = app.screen.query_one("#topbar", Static).content
        assert isinstance(topbar, Text)
        assert "7 of 8 posts flagged · 7 new" in topbar.plain
        assert "reviewing as alice" in topbar.plain


async def test_cells_are_text_so_brackets_stay_literal(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        cells = table.get_row("x:2")
        assert all(isinstance(cell, Text) for cell in cells)
        assert cells[-1].plain.startswith("[link=https://evil.")
        # Newlines collapse to one line; the escape character is shown, not sent.
        line = table.get_row("reddit:7")[-1].plain
        assert "\n" not in line and "\x1b" not in line
        assert line.startswith("line one line two ␛")


async def test_j_and_k_move_and_the_detail_follows(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        assert table.cursor_row == 0
        assert "x:1" in _meta(app)
        await pilot.press("j")
        await settle(pilot)
        assert table.cursor_row == 1
        assert "post x:3" in _meta(app)
        await pilot.press("j", "j")
        await settle(pilot)
        assert table.cursor_row == 3
        assert "post facebook:5" in _meta(app)
        await pilot.press("k")
        await settle(pilot)
        assert table.cursor_row == 2
        assert "post x:2" in _meta(app)
        await pilot.press("down", "up", "up")
        await settle(pilot)
        assert table.cursor_row == 1


async def test_next_page_loads_when_the_cursor_nears_the_end(store: Store) -> None:
    app = ReviewerApp(store, REVIEWER, tags=TAGS, page_size=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        assert len(table.posts) >= 3
        for _ in range(len(QUEUE_ORDER)):
            await pilot.press("j")
            await settle(pilot)
        assert [row.post_id for row in table.posts] == QUEUE_ORDER
        assert table.cursor_row == len(QUEUE_ORDER) - 1
        assert "post reddit:7" in _meta(app)


async def test_an_empty_queue_says_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "empty.duckdb") as empty:
        app = ReviewerApp(empty, REVIEWER, tags=TAGS)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            text = app.screen.query_one("#post-text", Static).content
            assert isinstance(text, Text)
            assert "No flagged posts" in text.plain
            await pilot.press("j", "1", "r", "u")  # nothing to act on: no crash
            await settle(pilot)
            assert app.screen.query_one(QueueTable).row_count == 0
            assert list(empty.events()) == []


async def test_the_text_column_follows_the_terminal_width(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        narrow = table.get_row("x:1")[-1].plain
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        wide = table.get_row("x:1")[-1].plain
        assert len(wide) > len(narrow)
        assert table.columns["text"].width == len(wide)
        assert wide.startswith(narrow.rstrip("…"))
