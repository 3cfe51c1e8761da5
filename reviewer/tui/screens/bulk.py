"""Selecting posts, VisiData style, and acting on all of them in a worker.

``space`` toggles the post under the cursor, ``S`` selects every post that
matches the filter (without loading them: the selection remembers the filter
and the posts taken out of it), ``U`` clears. While posts are selected, the
review keys act on all of them: a thread worker writes one review event per
post through its own cursor and reports its progress, so the screen stays live.
``escape`` stops a running bulk action after the post in hand: the events
already written stay (each is its own review event, undoable with ``u``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from reviewer.errors import ReviewerError
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue_filter import QueueFilter

if TYPE_CHECKING:
    from textual.screen import Screen

    from reviewer.tui.widgets.queue_table import QueueTable

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

# A bulk action: given a review service and a store on the worker's cursor, write the
# event for one post and return it, or None to skip the post (nothing to change).
BulkAct = Callable[[ReviewService, Store, str], dict[str, Any] | None]

# How often a running bulk action reports its progress, in seconds.
_PROGRESS_EVERY = 0.1
_PAGE = 500


class Selection:
    """The selected posts: explicit ids, or all that match a filter except some."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.all_of: QueueFilter | None = None
        self.excluded: set[str] = set()
        self.all_count = 0

    def __contains__(self, post_id: object) -> bool:
        if self.all_of is not None:
            return post_id not in self.excluded
        return post_id in self.ids

    def __len__(self) -> int:
        if self.all_of is not None:
            return max(0, self.all_count - len(self.excluded))
        return len(self.ids)

    def __bool__(self) -> bool:
        return len(self) > 0

    def toggle(self, post_id: str) -> bool:
        """Flip one post; returns whether it is selected now."""
        if self.all_of is not None:
            self.excluded.symmetric_difference_update({post_id})
            return post_id not in self.excluded
        self.ids.symmetric_difference_update({post_id})
        return post_id in self.ids

    def select_all(self, queue_filter: QueueFilter, count: int) -> None:
        self.ids.clear()
        self.excluded.clear()
        self.all_of = queue_filter
        self.all_count = count

    def snapshot(self) -> Selection:
        """A copy a worker can read while the screen goes on changing this one."""
        copy = Selection()
        copy.ids, copy.excluded = set(self.ids), set(self.excluded)
        copy.all_of, copy.all_count = self.all_of, self.all_count
        return copy

    def clear(self) -> None:
        self.ids.clear()
        self.excluded.clear()
        self.all_of = None
        self.all_count = 0

    def targets(self, store: Store, cursor: Any) -> Iterator[str]:
        """The selected post ids; all-of-a-filter ones are read page by page (keyset).

        A write only changes posts already passed, so the pages ahead stay as they were.
        """
        if self.all_of is None:
            yield from sorted(self.ids)
            return
        after = None
        excluded = set(self.excluded)
        while True:
            page = store.queue_page(
                after=after, limit=_PAGE, queue_filter=self.all_of, cursor=cursor
            )
            for row in page:
                if row.post_id not in excluded:
                    yield row.post_id
            if len(page) < _PAGE:
                return
            after = page[-1].key


class BulkProgress(Message):
    """A bulk action has handled ``done`` of ``total`` posts."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class BulkFinished(Message):
    """A bulk action ended: posts changed, skipped (nothing to do) and refused."""

    def __init__(
        self,
        label: str,
        changed: int,
        skipped: int,
        failed: int,
        first_error: str | None,
        *,
        cancelled: bool = False,
    ) -> None:
        super().__init__()
        self.cancelled = cancelled
        self.label = label
        self.changed = changed
        self.skipped = skipped
        self.failed = failed
        self.first_error = first_error


class BulkActions(_ScreenBase):
    """Selection keys and the bulk worker, mixed into the queue screen."""

    store: Store
    service: ReviewService
    selection: Selection
    queue_filter: QueueFilter
    bulk_running: bool
    if TYPE_CHECKING:  # provided by the screen

        @property
        def table(self) -> QueueTable: ...

        def load_counts(self) -> Any: ...

        def refresh_rows(self) -> Any: ...

        def matching_count(self) -> int: ...

        def show_selection(self) -> None: ...

    def action_toggle_select(self) -> None:
        row = self.table.current
        if row is None:
            return
        self.table.mark_selected(row.post_id, self.selection.toggle(row.post_id))
        self.show_selection()
        self.table.action_cursor_down()

    def action_select_all(self) -> None:
        count = self.matching_count()
        if not count:
            self.notify("No posts to select.", severity="warning", markup=False)
            return
        self.selection.select_all(self.queue_filter, count)
        self.table.refresh_marks()
        self.show_selection()

    def action_clear_selection(self) -> None:
        self.selection.clear()
        self.table.refresh_marks()
        self.show_selection()

    def start_bulk(self, label: str, act: BulkAct) -> None:
        """Run ``act`` on every selected post in a worker, with a progress bar."""
        if self.bulk_running:
            self.notify("A bulk action is still running.", severity="warning", markup=False)
            return
        self.bulk_running = True
        total = len(self.selection)
        # Text, not markup: a label may hold a tag name from the policy.
        self.query_one("#bulk-label", Static).update(Text(f"{label}: {_posts(total)} · esc stops"))
        bar = self.query_one("#bulk-progress-bar", ProgressBar)
        bar.update(total=total, progress=0)
        self.query_one("#bulk").display = True
        self.refresh_bindings()  # escape now stops the action
        self.run_bulk(label, act, self.selection.snapshot(), total)

    def cancel_bulk(self) -> None:
        """Stop the running bulk action after the post it is writing."""
        self.workers.cancel_group(self, "bulk")
        self.query_one("#bulk-label", Static).update(Text("Stopping…"))

    @work(thread=True, exclusive=True, group="bulk", exit_on_error=False)
    def run_bulk(self, label: str, act: BulkAct, selection: Selection, total: int) -> None:
        """Write one event per selected post on this worker's own cursor."""
        worker = get_current_worker()
        cur = self.store.cursor()
        writer = Store(cur, self.store.path, read_only=False)
        service = ReviewService(writer, self.service.reviewer)
        changed = skipped = failed = 0
        first_error: str | None = None
        last_report = time.monotonic()
        try:
            for post_id in selection.targets(writer, cur):
                if worker.is_cancelled:
                    break
                try:
                    event = act(service, writer, post_id)
                except ReviewerError as exc:
                    failed += 1
                    first_error = first_error or f"{post_id}: {exc}"
                else:
                    changed, skipped = changed + (event is not None), skipped + (event is None)
                now = time.monotonic()
                if now - last_report >= _PROGRESS_EVERY:
                    last_report = now
                    self.post_message(BulkProgress(changed + skipped + failed, total))
        finally:
            writer.close()  # the cursor, and in team mode the writer's lock connection
            self.post_message(
                BulkFinished(
                    label, changed, skipped, failed, first_error, cancelled=worker.is_cancelled
                )
            )

    def on_bulk_progress(self, message: BulkProgress) -> None:
        bar = self.query_one("#bulk-progress-bar", ProgressBar)
        bar.update(total=max(message.total, message.done), progress=message.done)

    def on_bulk_finished(self, message: BulkFinished) -> None:
        self.bulk_running = False
        self.query_one("#bulk").display = False
        self.refresh_bindings()
        summary = f"{message.label}: {_posts(message.changed)} changed"
        if message.skipped:
            summary += f", {_posts(message.skipped)} unchanged"
        if message.failed:
            summary += f", {message.failed:,} refused (first: {message.first_error})"
        if message.cancelled:
            summary += "; stopped before the rest (u undoes a post's change)"
        self.notify(
            summary,
            title="Bulk action stopped" if message.cancelled else "Bulk action done",
            severity="warning" if message.failed or message.cancelled else "information",
            timeout=8 if message.failed or message.cancelled else 4,
            markup=False,
        )
        self.refresh_rows()
        self.load_counts()


def _posts(count: int) -> str:
    return f"{count:,} post" if count == 1 else f"{count:,} posts"
