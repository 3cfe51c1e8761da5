"""The saved-queries screen: pick a query, fill in its parameters, run it, page and export.

Saved queries run on a worker's cursor of the store's own connection (DuckDB
refuses a second, read-only connection to the same file in one process). They
stay read-only all the same: only a single SELECT statement is accepted, it
runs inside a transaction that is always rolled back, and parameters are bound
by name, never spliced into the SQL. Every run is recorded in ``query_runs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from reviewer import output
from reviewer.errors import InputError
from reviewer.store import Store
from reviewer.store.queries import (
    SavedQuery,
    load_queries,
    record_run_on,
    result_sha256,
    run_read_only,
)
from reviewer.tui import render

# The result table holds this many rows at first and grows by as many when the
# cursor comes within NEAR_END rows of its last one; the whole result stays in
# memory for export.
PAGE_SIZE = 500
NEAR_END = 50
# Cells are cut to this many terminal cells; export has them whole.
CELL_WIDTH = 60

EXPORT_FORMATS = {".csv": "csv", ".json": "json", ".parquet": "parquet"}


# -- running (no Textual; called on a worker thread) ------------------------------


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A finished run: the columns, every row, the result hash and whether it was recorded."""

    name: str
    names: list[str]
    rows: list[tuple[Any, ...]]
    digest: str
    recorded: bool


def export_result(names: list[str], rows: list[tuple[Any, ...]], path: Path) -> str:
    """Write the whole result to ``path`` in the format its extension names; returns it."""
    fmt = EXPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "the file name must end in .csv, .json or .parquet")
    if not path.parent.is_dir():
        raise InputError(str(path), "no such folder")
    if fmt == "parquet":
        output.write_parquet(names, rows, path)
    elif fmt == "csv":
        path.write_text(output.render_csv(names, rows), encoding="utf-8")
    else:
        path.write_text(output.render_json(names, rows), encoding="utf-8")
    return fmt


# -- showing ------------------------------------------------------------------------


def cell(value: Any) -> Text:
    """One result value as a one-line ``Text`` (numbers right-aligned, NULL empty)."""
    if value is None:
        return Text("", end="")
    if isinstance(value, datetime):
        shown = value.strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(value, date):
        shown = value.isoformat()
    elif isinstance(value, list | tuple):
        shown = ", ".join("" if v is None else str(v) for v in value)
    else:
        shown = str(value)
    text = render.plain(" ".join(shown[: CELL_WIDTH * 4].split()), width=CELL_WIDTH)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text.justify = "right"
    return text


def _query_option(query: SavedQuery) -> Option:
    label = Text.assemble((query.title, "bold"), "\n", (query.name, "dim"))
    return Option(label, id=query.name)


class ExportScreen(ModalScreen[str | None]):
    """Type the file to export to; enter exports, escape cancels. Dismisses with the path."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
    ]

    def __init__(self, subject: str, suggestion: str) -> None:
        super().__init__(classes="dialog-screen")
        self.subject = subject
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export the result"
            yield Static(Text(self.subject, no_wrap=True, overflow="ellipsis"), classes="subject")
            yield Input(value=self.suggestion, placeholder="result.csv")
            yield Static(
                Text(
                    "the extension picks the format: .csv, .json or .parquet\n"
                    "enter to export · esc to cancel",
                    style="dim",
                ),
                classes="hint",
            )

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.notify("Type a file name.", severity="warning", markup=False)
            return
        self.dismiss(event.value.strip())


class QueriesScreen(Screen[None]):
    """The saved queries: descriptions, a parameter form, the result, export."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("ctrl+r", "run_query", "Run", id="queries-run"),
        Binding("ctrl+s", "export", "Export", id="queries-export"),
        Binding("ctrl+l", "focus_list", "Queries", id="queries-list"),
        Binding("ctrl+t", "focus_result", "Result", id="queries-result"),
        Binding("escape", "close", "Back", id="queries-back"),
    ]

    class Ran(Message):
        """A saved query finished (its run recorded, unless the database is read-only)."""

        def __init__(self, result: QueryResult) -> None:
            super().__init__()
            self.result = result

    class Exported(Message):
        """The whole result was written to a file."""

        def __init__(self, path: Path, fmt: str, rows: int) -> None:
            super().__init__()
            self.path = path
            self.fmt = fmt
            self.rows = rows

    def __init__(self, store: Store, reviewer: str, folders: Sequence[Path]) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.folders = list(folders)
        self.queries: dict[str, SavedQuery] = {}
        self.selected: SavedQuery | None = None
        self.inputs: dict[str, Input] = {}
        self.result: QueryResult | None = None
        self._shown = 0
        self._running = False

    def compose(self) -> ComposeResult:
        yield Static("", id="query-topbar")
        with Horizontal(id="query-top"):
            yield OptionList(id="query-list", markup=False)
            with VerticalScroll(id="query-form"):
                yield Static("", id="query-about")
                yield Vertical(id="query-params")
                yield Static(
                    Text("enter or ctrl+r runs · ctrl+s exports · esc goes back", style="dim"),
                    id="query-hint",
                )
        yield DataTable(id="query-result", cursor_type="row", zebra_stripes=True)
        yield Static("", id="query-status")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.queries = load_queries(*self.folders)
        except InputError as error:
            self.notify(
                str(error), title="Could not read a saved query", severity="error", markup=False
            )
        listing = self.query_one("#query-list", OptionList)
        listing.border_title = "Saved queries"
        listing.add_options([_query_option(q) for q in self.queries.values()])
        self.query_one("#query-result", DataTable).border_title = "Result"
        self._show_topbar()
        self._show_status(Text("Choose a query, fill in its parameters, run it.", style="dim"))
        listing.focus()
        if self.queries:
            listing.highlighted = 0

    # -- choosing and the form ---------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#query-list")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        query = self.queries.get(event.option.id or "")
        if query is not None and query is not self.selected:
            await self._show_form(query)

    @on(OptionList.OptionSelected, "#query-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.inputs:
            next(iter(self.inputs.values())).focus()
        else:
            self.action_run_query()

    async def _show_form(self, query: SavedQuery) -> None:
        self.selected = query
        about = Text.assemble((query.title, "bold"), "  ", (query.name, "dim"))
        if query.description:
            about.append("\n")
            about.append(render.safe(query.description))
        self.query_one("#query-about", Static).update(about)
        box = self.query_one("#query-params", Vertical)
        await box.remove_children()
        self.inputs = {}
        widgets = []
        for param in query.params:
            label = Text.assemble((param.name, "bold"), (f"  {param.type}", "dim"))
            if param.description:
                label.append(f"  {render.safe(param.description)}", style="dim")
            field = Input(value=param.default, name=param.name, classes="param")
            self.inputs[param.name] = field
            widgets += [Static(label, classes="param-label"), field]
        if not widgets:
            widgets.append(Static(Text("No parameters.", style="dim"), classes="param-label"))
        await box.mount_all(widgets)

    def values(self) -> dict[str, str]:
        """The form's values, as typed."""
        return {name: field.value for name, field in self.inputs.items()}

    @on(Input.Submitted, ".param")
    def _param_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run_query()

    # -- running -------------------------------------------------------------------

    def action_run_query(self) -> None:
        query = self.selected
        if query is None:
            self.notify("Choose a query first.", severity="warning", markup=False)
            return
        try:
            values = query.bind(self.values())
        except InputError as error:
            name = error.where.removeprefix("-p ")
            self.notify(
                f"{name}: {error.reason}", title="Bad parameter", severity="error", markup=False
            )
            field = self.inputs.get(name)
            if field is not None:
                field.focus()
            return
        self._running = True
        self._show_status(Text(f"running {query.name}…", style="dim"))
        self.run_query(query, values)

    @work(thread=True, exclusive=True, group="query-run", exit_on_error=False)
    def run_query(self, query: SavedQuery, values: dict[str, Any]) -> None:
        """Run ``query`` read-only on a cursor of its own and record the run."""
        worker = get_current_worker()
        cur = self.store.cursor()
        try:
            names, rows = run_read_only(
                cur, query.sql, values, cancelled=lambda: worker.is_cancelled
            )
            if worker.is_cancelled:
                return
            if self.store.read_only:
                digest, recorded = result_sha256(names, rows), False
            else:
                digest = record_run_on(
                    cur,
                    reviewer=self.reviewer,
                    query_name=query.name,
                    sql=query.sql,
                    params=values,
                    names=names,
                    rows=rows,
                )
                recorded = True
        finally:
            cur.close()
        self.post_message(self.Ran(QueryResult(query.name, names, rows, digest, recorded)))

    def on_queries_screen_ran(self, message: Ran) -> None:
        self._running = False
        self.result = message.result
        table = self.table
        table.clear(columns=True)
        for index, name in enumerate(message.result.names):
            table.add_column(Text(render.safe(name), style="bold"), key=f"c{index}")
        self._shown = 0
        self._show_more()
        self._show_status()
        if not self.inputs or self.focused not in self.inputs.values():
            table.focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "query-run":
            self._running = False
            self._show_status(Text("The query failed.", style="dim"))
            title = "The query failed"
        else:
            title = "Could not export"
        self.notify(str(error), title=title, severity="error", markup=False)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#query-result", DataTable)

    def _show_more(self) -> None:
        """Add the next page of the result to the table."""
        if self.result is None:
            return
        page = self.result.rows[self._shown : self._shown + PAGE_SIZE]
        self.table.add_rows([tuple(cell(v) for v in row) for row in page])
        self._shown += len(page)
        self._show_status()

    @on(DataTable.RowHighlighted, "#query-result")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if (
            self.result is not None
            and self._shown < len(self.result.rows)
            and event.cursor_row >= self._shown - NEAR_END
        ):
            self._show_more()

    # -- export --------------------------------------------------------------------

    def action_export(self) -> None:
        result = self.result
        if result is None:
            self.notify("Run a query first.", severity="warning", markup=False)
            return
        subject = f"{result.name}: {len(result.rows):,} rows"
        self.app.push_screen(
            ExportScreen(subject, f"{result.name}.csv"), lambda path: self._export_to(path)
        )

    def _export_to(self, typed: str | None) -> None:
        if typed is None or self.result is None:
            return
        self.export(self.result, Path(typed).expanduser())

    @work(thread=True, exclusive=True, group="query-export", exit_on_error=False)
    def export(self, result: QueryResult, path: Path) -> None:
        """Write the whole result to ``path``."""
        fmt = export_result(result.names, result.rows, path)
        self.post_message(self.Exported(path, fmt, len(result.rows)))

    def on_queries_screen_exported(self, message: Exported) -> None:
        self.notify(
            f"{message.rows:,} rows as {message.fmt.upper()} to {message.path}",
            title="Exported",
            markup=False,
        )

    # -- moving ----------------------------------------------------------------------

    def action_focus_list(self) -> None:
        self.query_one("#query-list", OptionList).focus()

    def action_focus_result(self) -> None:
        self.table.focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    # -- lines -----------------------------------------------------------------------

    def _show_topbar(self) -> None:
        line = Text.assemble(("reviewer", "bold"), "  saved queries", ("  ·  ", "dim"))
        line.append(f"{len(self.queries)} queries")
        line.append("  ·  read-only, every run recorded  ·  running as ", style="dim")
        line.append(self.reviewer, style="bold")
        self.query_one("#query-topbar", Static).update(line)

    def _show_status(self, note: Text | None = None) -> None:
        status = self.query_one("#query-status", Static)
        if note is not None:
            status.update(note)
            return
        result = self.result
        if result is None:
            return
        total = len(result.rows)
        line = Text.assemble((result.name, "bold"), f"  {total:,} row{'s' if total != 1 else ''}")
        if self._shown < total:
            line.append(f"  ·  showing {self._shown:,} of {total:,}, more as you scroll; ")
            line.append("ctrl+s exports all", style="bold")
        line.append(f"  ·  sha256 {result.digest[:16]}…", style="dim")
        if not result.recorded:
            line.append("  ·  not recorded: the database is open read-only", style="bold")
        status.update(line)
