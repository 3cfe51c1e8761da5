"""The saved-queries screen: list, parameter form, read-only runs, paging, export, the record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static
from tui_support import REVIEWER, TAGS, settle

from reviewer import output
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.store.queries import load_queries, result_sha256
from reviewer.tui.app import ReviewerApp, binding_ids
from reviewer.tui.screens.queries import PAGE_SIZE, ExportScreen, QueriesScreen
from reviewer.tui.screens.queue import QueueScreen

SIZE = (120, 40)


def _errors(messages: list[Message]) -> list[str]:
    return [
        str(m.notification.message)
        for m in messages
        if isinstance(m, Notify) and m.notification.severity == "error"
    ]


def _runs(store: Store) -> list[tuple[object, ...]]:
    return store.con.execute(
        "SELECT reviewer, query_name, params, row_count, result_sha256 FROM query_runs"
    ).fetchall()


def _own_queries(tmp_path: Path, **files: str) -> list[Path]:
    folder = tmp_path / "my_queries"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.sql").write_text(text, encoding="utf-8")
    return [shipped_dir("queries"), folder]


async def _open(pilot: Pilot[None]) -> QueriesScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QueriesScreen)
    return screen


async def _choose(pilot: Pilot[None], screen: QueriesScreen, name: str) -> None:
    listing = screen.query_one("#query-list", OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index(name)
    await settle(pilot)
    assert screen.selected is not None and screen.selected.name == name


async def _set(pilot: Pilot[None], field: Input, value: str) -> None:
    field.focus()
    field.value = ""
    await pilot.press(*value)


def _column(table: DataTable[object], index: int) -> list[str]:
    return [table.get_row_at(row)[index].plain for row in range(table.row_count)]


async def test_s_opens_the_list_of_shipped_queries(app: ReviewerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        listing = screen.query_one("#query-list", OptionList)
        shipped = load_queries(shipped_dir("queries"))
        labels = [listing.get_option_at_index(i).prompt for i in range(listing.option_count)]
        assert all(isinstance(label, Text) for label in labels)
        plain = "\n".join(label.plain for label in labels if isinstance(label, Text))
        assert len(labels) == len(shipped) >= 12
        for query in shipped.values():
            assert query.title in plain
        # The highlighted query's description and its parameters, with their defaults.
        await _choose(pilot, screen, "flagged_unreviewed")
        about = screen.query_one("#query-about", Static).content
        assert isinstance(about, Text)
        assert "Every flagged post whose review status is still new" in about.plain
        assert {name: f.value for name, f in screen.inputs.items()} == {
            "min_severity": "info",
            "max_rows": "1000",
        }
        # s again does not stack a second screen; escape goes back to the queue.
        await pilot.press("ctrl+l", "s")
        await settle(pilot)
        assert len(app.screen_stack) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_run_with_a_parameter_shows_the_rows_and_records_the_run(
    app: ReviewerApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "flagged_unreviewed")
        await _set(pilot, screen.inputs["min_severity"], "high")
        await pilot.press("enter")
        await settle(pilot)
        table = screen.query_one("#query-result", DataTable)
        assert screen.result is not None
        names = screen.result.names
        assert names[:3] == ["severity", "rules", "post_id"]
        assert _column(table, 2) == ["x:1", "x:2", "x:3"]
        assert _column(table, 0) == ["critical", "high", "high"]
        # Database strings are Text, never markup: the brackets stay literal.
        assert _column(table, names.index("excerpt"))[1].startswith("[link=https://evil.")
        status = screen.query_one("#query-status", Static).content
        assert isinstance(status, Text) and "3 rows" in status.plain

        [(who, name, params, count, digest)] = _runs(store)
        assert (who, name, count) == (REVIEWER, "flagged_unreviewed", 3)
        assert json.loads(str(params)) == {"max_rows": 1000, "min_severity": "high"}
        assert digest == result_sha256(names, screen.result.rows) == screen.result.digest

        # Ctrl+r runs again with another value; each run is recorded.
        await _set(pilot, screen.inputs["max_rows"], "1")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert _column(table, 2) == ["x:1"]
        assert [run[3] for run in _runs(store)] == [3, 1]


async def test_a_badly_typed_parameter_is_a_notification(store: Store) -> None:
    messages: list[Message] = []
    app = ReviewerApp(store, REVIEWER, tags=TAGS)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "flagged_unreviewed")
        await _set(pilot, screen.inputs["max_rows"], "many [b]")
        await pilot.press("enter")
        await settle(pilot)
        assert any("max_rows" in e and "'many [b]'" in e for e in _errors(messages))
        assert app.is_running and app.screen is screen
        assert screen.result is None
        assert screen.focused is screen.inputs["max_rows"]
        assert _runs(store) == []


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM posts",
        "SELECT 1; DELETE FROM posts",
        "CREATE TABLE sneaky AS SELECT * FROM posts",
        "COPY posts TO 'leak.csv'",
    ],
)
async def test_a_query_that_writes_is_refused(store: Store, tmp_path: Path, sql: str) -> None:
    messages: list[Message] = []
    folders = _own_queries(tmp_path, sneaky=f"-- title: Sneaky\n{sql};\n")
    app = ReviewerApp(store, REVIEWER, tags=TAGS, query_folders=folders)
    before = store.con.execute("SELECT count(*) FROM posts").fetchone()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "sneaky")
        await pilot.press("enter")  # no parameters: enter on the list runs it
        await settle(pilot)
        assert any("refused" in e for e in _errors(messages))
        assert app.is_running and screen.result is None
    assert store.con.execute("SELECT count(*) FROM posts").fetchone() == before
    tables = store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    assert ("sneaky",) not in tables
    assert _runs(store) == []


async def test_a_failing_query_is_a_notification(store: Store, tmp_path: Path) -> None:
    messages: list[Message] = []
    folders = _own_queries(tmp_path, broken="-- title: Broken\nSELECT * FROM no_such_table\n")
    app = ReviewerApp(store, REVIEWER, tags=TAGS, query_folders=folders)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "broken")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert any("no_such_table" in e for e in _errors(messages))
        assert app.is_running
        # The cursor's transaction was rolled back: the store still writes.
        store.con.execute("CREATE TEMP TABLE still_writable AS SELECT 1")


async def test_export_writes_the_whole_result(store: Store, tmp_path: Path) -> None:
    folders = _own_queries(
        tmp_path,
        formulas="-- title: Formulas\nSELECT '=1+1' AS cell, post_id FROM posts ORDER BY post_id\n",
    )
    app = ReviewerApp(store, REVIEWER, tags=TAGS, query_folders=folders)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "formulas")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.result is not None and len(screen.result.rows) == 8
        for suffix in ("csv", "json", "parquet"):
            await pilot.press("ctrl+s")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportScreen)
            field = dialog.query_one(Input)
            assert field.value == "formulas.csv"
            field.value = str(tmp_path / f"out.{suffix}")
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
        csv_text = (tmp_path / "out.csv").read_text(encoding="utf-8")
        assert csv_text == output.render_csv(screen.result.names, screen.result.rows)
        assert csv_text.splitlines()[:2] == ["cell,post_id", "'=1+1,facebook:5"]
        data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert len(data) == 8 and data[0] == {"cell": "=1+1", "post_id": "facebook:5"}
        import pyarrow.parquet as pq

        assert pq.read_table(tmp_path / "out.parquet").num_rows == 8


async def test_export_to_an_unknown_format_is_a_notification(store: Store, tmp_path: Path) -> None:
    messages: list[Message] = []
    app = ReviewerApp(store, REVIEWER, tags=TAGS)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await _open(pilot)
        await pilot.press("ctrl+s")  # nothing run yet: a warning, no dialog
        await settle(pilot)
        assert app.screen is screen
        await _choose(pilot, screen, "flagged_unreviewed")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one(Input).value = str(tmp_path / "out.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert any(".csv, .json or .parquet" in e for e in _errors(messages))
        assert not (tmp_path / "out.xlsx").exists()
        assert app.is_running


async def test_a_100k_row_result_is_paged_into_the_table(store: Store, tmp_path: Path) -> None:
    folders = _own_queries(
        tmp_path, big="-- title: A big one\nSELECT range AS n, 'row' AS what FROM range(100000)\n"
    )
    app = ReviewerApp(store, REVIEWER, tags=TAGS, query_folders=folders)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "big")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.result is not None and len(screen.result.rows) == 100_000
        table = screen.query_one("#query-result", DataTable)
        assert table.row_count == PAGE_SIZE
        assert app.focused is table
        status = screen.query_one("#query-status", Static).content
        assert isinstance(status, Text)
        assert "100,000 rows" in status.plain and f"showing {PAGE_SIZE} of 100,000" in status.plain
        # Near the end of what is loaded, the next page comes in.
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 2 * PAGE_SIZE
        assert table.get_row_at(PAGE_SIZE)[0].plain == str(PAGE_SIZE)
        [run] = _runs(store)
        assert run[3] == 100_000


def test_the_query_keys_can_be_remapped(store: Store) -> None:
    ids = binding_ids()
    assert {"queries", "queries-run", "queries-export", "queries-back"} <= set(ids)
    ReviewerApp(store, REVIEWER, tags=TAGS, keymap={"queries": "Q", "queries-run": "f5"})


async def test_a_user_folder_overrides_a_shipped_query(store: Store, tmp_path: Path) -> None:
    folders = _own_queries(
        tmp_path, flagged_unreviewed="-- title: Mine [b]not markup[/b]\nSELECT 42 AS answer\n"
    )
    app = ReviewerApp(store, REVIEWER, tags=TAGS, query_folders=folders)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _choose(pilot, screen, "flagged_unreviewed")
        about = screen.query_one("#query-about", Static).content
        assert isinstance(about, Text) and about.plain.startswith("Mine [b]not markup[/b]")
        await pilot.press("enter")
        await settle(pilot)
        table = screen.query_one("#query-result", DataTable)
        assert _column(table, 0) == ["42"]
