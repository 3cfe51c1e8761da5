"""The queue screen: flagged posts in a table, the highlighted one in detail, review keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue import QueueRow
from reviewer.store.queue_filter import QueueFilter
from reviewer.tui import render
from reviewer.tui.data import PostView, read_page, read_post
from reviewer.tui.screens.bulk import BulkActions, Selection
from reviewer.tui.screens.help import HelpScreen, help_sections
from reviewer.tui.screens.queue_filters import FilterActions
from reviewer.tui.screens.review_actions import ReviewActions
from reviewer.tui.widgets.post_detail import PostDetail
from reviewer.tui.widgets.queue_table import QueueTable

# Load the next page when the cursor comes this close to the last loaded row.
NEAR_END = 40

_MOVE = Binding.Group("move", compact=True)
_TAG = Binding.Group("tag", compact=True)
_SELECT = Binding.Group("select", compact=True)
_FILTER = Binding.Group("filter", compact=True)
# Out of the footer while there is no filter / no selection (see check_action).
_HIDDEN_WHEN_IDLE = ("clear_filter", "clear_selection")


class QueueScreen(FilterActions, BulkActions, ReviewActions, Screen[None]):
    """Review flagged posts one after another, by keyboard; select several to act on all."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("j,down", "cursor_down", "Next post", id="cursor-down", group=_MOVE),
        Binding("k,up", "cursor_up", "Previous post", id="cursor-up", group=_MOVE),
        *(
            Binding(str(n), f"toggle_tag({n})", f"Toggle tag {n}", id=f"tag-{n}", group=_TAG)
            for n in range(1, 10)
        ),
        Binding("r", "resolve", "Resolve", id="resolve"),
        Binding("e", "escalate", "Escalate", id="escalate"),
        Binding("n", "note", "Note", id="note"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("w", "flag_wrong", "Flag wrong", id="flag-wrong", show=False),
        Binding("c", "claim", "Claim", id="claim", show=False),
        Binding("a", "assign", "Assign to…", id="assign", show=False),
        Binding("space", "toggle_select", "Select", id="toggle-select", group=_SELECT),
        Binding("S", "select_all", "Select all matching", id="select-all", show=False),
        Binding("U", "clear_selection", "Clear selection", id="clear-selection", group=_SELECT),
        Binding("slash", "search", "Search", id="search", group=_FILTER),
        Binding("f", "filter", "Filter", id="filter", group=_FILTER),
        Binding("F", "saved_filters", "Saved filters", id="saved-filters", show=False),
        Binding("o", "sort", "Sort", id="sort", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="clear-filter"),
        Binding("question_mark", "show_help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    class PageLoaded(Message):
        """A window of the queue arrived from the store (``after`` None: the first one)."""

        def __init__(
            self,
            rows: list[QueueRow],
            counts: dict[str, int] | None,
            after: tuple[Any, ...] | None,
            queue_filter: QueueFilter,
        ) -> None:
            super().__init__()
            self.rows = rows
            self.counts = counts
            self.after = after
            self.queue_filter = queue_filter

    class PostLoaded(Message):
        """One post's detail arrived from the store."""

        def __init__(self, view: PostView) -> None:
            super().__init__()
            self.view = view

    class CountsLoaded(Message):
        """The header counts were read again."""

        def __init__(self, counts: dict[str, int], queue_filter: QueueFilter) -> None:
            super().__init__()
            self.counts = counts
            self.queue_filter = queue_filter

    class RowsRefreshed(Message):
        """The review columns of the loaded rows were read again (after a bulk action)."""

        def __init__(self, review: dict[str, tuple[str, list[str], str | None]]) -> None:
            super().__init__()
            self.review = review

    def __init__(
        self,
        store: Store,
        service: ReviewService,
        *,
        tags: list[str],
        policy_ref: Callable[[str], str | None],
        page_size: int = 200,
    ) -> None:
        super().__init__()
        self.store = store
        self.service = service
        self.tags = tags
        self.policy_ref = policy_ref
        self.page_size = page_size
        self._more = True
        self._loading_page = False
        self._counts: dict[str, int] | None = None
        self.queue_filter = QueueFilter()
        self.selection = Selection()
        self.bulk_running = False
        self.current_view: PostView | None = None
        self.seen_versions: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        yield QueueTable(id="queue", is_selected=self.selection.__contains__)
        with Horizontal(id="bulk"):
            yield Static("", id="bulk-label")
            yield ProgressBar(id="bulk-progress-bar", show_eta=False)
        yield PostDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#bulk").display = False
        self._show_topbar()
        self._loading_page = True
        self.load_page(None, self.queue_filter)

    def reload(self) -> None:
        """Read the queue again from its first post (the filter or sort changed)."""
        self._more = True
        self._loading_page = True
        self.table.reset()
        self.table.border_title = self.describe_filter()
        self.detail.show_message("loading…")
        self.current_view = None
        self._show_topbar()
        self.refresh_bindings()
        self.load_page(None, self.queue_filter)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":  # escape: stops a running bulk action first
            return self.queue_filter.active or self.bulk_running
        if action == "clear_selection":
            return bool(self.selection)
        return super().check_action(action, parameters)

    def matching_count(self) -> int:
        """How many posts the current filter matches (as last counted)."""
        counts = self._counts or {}
        return int(counts.get("matching", counts.get("flagged", 0)))

    def show_selection(self) -> None:
        count = len(self.selection)
        self.table.border_subtitle = f"{count:,} selected" if count else ""
        self._show_topbar()
        self.refresh_bindings()

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    @property
    def detail(self) -> PostDetail:
        return self.query_one(PostDetail)

    # -- loading (thread workers; each opens its own cursor) -------------------

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def load_page(self, after: tuple[Any, ...] | None, queue_filter: QueueFilter) -> None:
        """Read the queue window after ``after`` and the header counts."""
        worker = get_current_worker()
        cur = self.store.cursor()
        try:
            rows, counts = read_page(
                self.store, cur, after=after, limit=self.page_size, queue_filter=queue_filter
            )
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(self.PageLoaded(rows, counts, after, queue_filter))

    @work(thread=True, exclusive=True, group="post", exit_on_error=False)
    def load_post(self, post_id: str) -> None:
        """Read one post's detail."""
        worker = get_current_worker()
        cur = self.store.cursor()
        try:
            view = read_post(self.store, cur, post_id)
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(self.PostLoaded(view))

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def load_counts(self) -> None:
        """Read the header counts again (after a review action)."""
        worker = get_current_worker()
        queue_filter = self.queue_filter
        cur = self.store.cursor()
        try:
            counts = self.store.queue_counts(queue_filter, cursor=cur)
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(self.CountsLoaded(counts, queue_filter))

    @work(thread=True, exclusive=True, group="rows", exit_on_error=False)
    def refresh_rows(self) -> None:
        """Read the review columns of every loaded row again (after a bulk action)."""
        worker = get_current_worker()
        post_ids = [row.post_id for row in self.table.posts]
        cur = self.store.cursor()
        try:
            review = self.store.queue_review(post_ids, cursor=cur)
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(self.RowsRefreshed(review))

    def on_queue_screen_rows_refreshed(self, message: RowsRefreshed) -> None:
        for post_id, (status, tags, assignee) in message.review.items():
            self.table.update_review(post_id, status, tags, assignee)
        current = self.table.current
        if current is not None:
            self.load_post(current.post_id)

    def on_queue_screen_page_loaded(self, message: PageLoaded) -> None:
        if message.queue_filter != self.queue_filter:
            return  # a page of a filter no longer shown
        self._loading_page = False
        table = self.table
        if message.after is None:
            table.reset()
        table.add_posts(message.rows)
        self._more = len(message.rows) >= self.page_size
        if message.counts is not None:
            self._counts = message.counts
        self._show_topbar()
        if message.after is None:
            if message.rows:
                self.load_post(message.rows[0].post_id)
            elif self.queue_filter.active:
                self.detail.show_message(
                    f"No flagged post matches the filter ({self.queue_filter.describe()}). "
                    "Press esc to clear it, f to change it."
                )
            else:
                self.detail.show_message(
                    "No flagged posts. Import exports with `reviewer import` and flag them "
                    "with `reviewer flag`."
                )

    def on_queue_screen_post_loaded(self, message: PostLoaded) -> None:
        view = message.view
        # The version a decision is based on: another reviewer's decision after it wins.
        self.seen_versions[view.post_id] = view.events[-1]["seq"] if view.events else 0
        current = self.table.current
        if view.post is not None:
            state = view.state
            self.table.update_review(
                view.post_id, state.get("status") or "new", state["tags"], state.get("assignee")
            )
        if current is not None and current.post_id == view.post_id:
            self.current_view = view
            self.detail.show(view, self.policy_ref)

    def on_queue_screen_counts_loaded(self, message: CountsLoaded) -> None:
        if message.queue_filter != self.queue_filter:
            return
        self._counts = message.counts
        self._show_topbar()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "queue":
            self._loading_page = False
        error = event.worker.error
        self.notify(str(error), title="Could not read the database", severity="error", markup=False)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.load_post(event.row_key.value)
        self._load_more_if_near_end()

    def _load_more_if_near_end(self) -> None:
        table = self.table
        if self._more and not self._loading_page and table.cursor_row >= table.row_count - NEAR_END:
            self._loading_page = True
            self.load_page(table.last_key, self.queue_filter)

    def _show_topbar(self) -> None:
        line = Text.assemble(("reviewer", "bold"), "  ")
        if self._counts is None:
            line.append("loading…", style="dim")
        else:
            loaded = len(self.table.posts)
            line.append(render.counts_line(self._counts, loaded, more=self._more))
        if self.selection:
            line.append(f"  ·  {len(self.selection):,} selected", style="bold")
        line.append("  ·  reviewing as ", style="dim")
        line.append(self.service.reviewer, style="bold")
        if self.store.as_of is not None:
            line.append(
                f"  ·  READ-ONLY as of {self.store.as_of:%Y-%m-%d %H:%M:%S %Z}", style="bold"
            )
        elif self.store.read_only:
            line.append("  ·  READ-ONLY", style="bold")
        self.query_one("#topbar", Static).update(line)

    # -- moving ---------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    # -- help and the command palette -------------------------------------------

    def _describe(self, binding: Binding) -> str:
        if binding.action.startswith("toggle_tag("):
            number = int(binding.action[len("toggle_tag(") : -1])
            if number <= len(self.tags):
                return f"Toggle tag “{self.tags[number - 1]}”"
        return binding.description

    def action_show_help(self) -> None:
        main = [b.id for b in self.BINDINGS if isinstance(b, Binding) and b.id]
        actives = list(self.active_bindings.values())
        # Keys hidden while they have nothing to do are still listed in the help.
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.action in _HIDDEN_WHEN_IDLE:
                    actives.append(ActiveBinding(self, binding, False, ""))
        sections = help_sections(
            actives,
            main=main,
            key_display=self.app.get_key_display,
            describe=self._describe,
        )
        self.app.push_screen(HelpScreen(sections))

    def commands(self) -> Iterator[SystemCommand]:
        """The review actions for the command palette."""
        seen: set[str] = set()
        for active in self.active_bindings.values():
            binding = active.binding
            if active.node is self and binding.id and active.enabled and binding.id not in seen:
                seen.add(binding.id)
                yield SystemCommand(
                    self._describe(binding),
                    f"key: {self.app.get_key_display(binding)}",
                    partial(self.run_action, binding.action),
                )
