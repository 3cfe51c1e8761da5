"""Bad states: an empty database, posts without flags, a small terminal.

Each shows a clear message and keeps running: no traceback, no error toast.
"""

from __future__ import annotations

from pathlib import Path

from dashboard_support import seed_dashboard
from rich.text import Text
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import DataTable, Static
from tui_support import REVIEWER, TAGS, settle

from reviewer.flags.policy import load_policy
from reviewer.model import Post
from reviewer.store import Store
from reviewer.tui.app import ReviewerApp, make_app
from reviewer.tui.screens.dashboard import DashboardScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.screens.responses import ResponsesScreen


def _text(screen: object, selector: str) -> str:
    content = screen.query_one(selector, Static).content  # type: ignore[attr-defined]
    return content.plain if isinstance(content, Text) else str(content)


def _notices(messages: list[Message], severity: str) -> list[str]:
    return [
        str(m.notification.message)
        for m in messages
        if isinstance(m, Notify) and m.notification.severity == severity
    ]


async def _walk(app: ReviewerApp, size: tuple[int, int]) -> tuple[list[Message], list[str]]:
    """Open the queue, press p, open the dashboard; return messages and what it said."""
    messages: list[Message] = []
    said: list[str] = []
    async with app.run_test(size=size, message_hook=messages.append) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        said.append(_text(app.screen, "#post-text"))
        await pilot.press("p", "1")  # nothing selected: a warning, nothing written
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        said.append(_text(app.screen, "#dash-message"))
        assert app.screen.query_one("#dash-message").display
        assert not app.screen.query_one("#dash-rules").display
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
    return messages, said


async def test_an_empty_database(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.duckdb") as store:
        messages, said = await _walk(ReviewerApp(store, REVIEWER, tags=TAGS), (120, 40))
        assert list(store.events()) == []
    assert "No flagged posts" in said[0]
    assert said[1].startswith("The database is empty. Import exports with `reviewer import`")
    assert _notices(messages, "error") == []
    assert "No post selected." in _notices(messages, "warning")


async def test_posts_without_flags(tmp_path: Path) -> None:
    with Store.open(tmp_path / "unflagged.duckdb") as store:
        posts = [
            Post(platform="x", native_id=str(i), kind="post", author="a", created_at=None,
                 text=f"[b]harmless[/b] post {i} 🙂", url=None, lang="en")
            for i in range(3)
        ]  # fmt: skip
        store.import_posts(
            source="s.json", sha256="2" * 64, platform="x", posts=posts, imported_by="t"
        )
        messages, said = await _walk(ReviewerApp(store, REVIEWER, tags=TAGS), (120, 40))
        assert list(store.events()) == []
    assert "No flagged posts" in said[0]
    assert said[1] == "None of the 3 posts has a flag yet. Flag them with `reviewer flag`."
    assert _notices(messages, "error") == []


async def test_an_80_by_24_terminal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "small.duckdb") as store:
        seed_dashboard(store)
        app = make_app(store, REVIEWER, load_policy())
        messages: list[Message] = []
        async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
            await settle(pilot)
            screen = app.screen
            assert "30 of 31 posts flagged" in _text(screen, "#topbar")
            assert "Nordwind Energie is a rip-off" in _text(screen, "#post-text")
            # The text column stays in view: the least needed columns give way.
            table = screen.query_one("#queue", DataTable)
            labels = [str(c.label) for c in table.ordered_columns]
            assert labels[-1] == "Text" and "Assignee" not in labels and "Sev" in labels
            assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 78
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape", "p")
            await settle(pilot)
            assert isinstance(app.screen, ResponsesScreen)
            region = app.screen.query_one(".dialog").region
            assert region.right <= 80 and region.bottom <= 24  # the dialog fits
            await pilot.press("escape", "d")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert "31 posts · 30 flagged" in _text(app.screen, "#dash-topbar")
            rules = app.screen.query_one("#dash-rules", DataTable)
            assert rules.row_count == 3 and rules.region.height >= 3
            assert "▲ spikes: 2024-06-15" in _text(app.screen, "#dash-spikes")
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen)
        assert _notices(messages, "error") == []


async def test_resizing_shows_and_hides_columns_and_keeps_the_cursor(tmp_path: Path) -> None:
    with Store.open(tmp_path / "resize.duckdb") as store:
        seed_dashboard(store)
        app = make_app(store, REVIEWER, load_policy())
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#queue", DataTable)
            await pilot.press("j", "j")
            await settle(pilot)
            post = app.screen.table.current.post_id  # type: ignore[attr-defined]
            narrow = [str(c.label) for c in table.ordered_columns]
            await pilot.resize_terminal(160, 30)
            await settle(pilot)
            wide = [str(c.label) for c in table.ordered_columns]
            assert set(narrow) < set(wide) and "Assignee" in wide and wide[-1] == "Text"
            assert table.row_count == len(app.screen.table.posts)  # type: ignore[attr-defined]
            assert app.screen.table.current.post_id == post  # type: ignore[attr-defined]
            first_word = app.screen.table.current.text.split()[0]  # type: ignore[attr-defined]
            assert str(table.get_row(post)[-1]).startswith(first_word)  # re-cut, not lost
