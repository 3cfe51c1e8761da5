"""The queue's filter keys: filter form, text search, sort order, saved filters, clear."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from reviewer.errors import ReviewerError
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue_filter import SORTS, QueueFilter
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen
from reviewer.tui.screens.filter_form import FilterChosen, FilterScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from reviewer.tui.screens.bulk import Selection

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object


class FacetsLoaded(Message):
    """The values in use (rules, platforms, assignees) arrived for the filter form."""

    def __init__(self, facets: dict[str, list[str]]) -> None:
        super().__init__()
        self.facets = facets


class FilterActions(_ScreenBase):
    """Changing what the queue shows, mixed into the queue screen."""

    store: Store
    service: ReviewService
    queue_filter: QueueFilter
    selection: Selection
    bulk_running: bool
    if TYPE_CHECKING:  # provided by the screen

        def reload(self) -> None: ...

        def cancel_bulk(self) -> None: ...

    def apply_filter(self, queue_filter: QueueFilter) -> None:
        """Show the queue under ``queue_filter``, from its first post."""
        if queue_filter == self.queue_filter:
            return
        if self.selection.all_of is not None:
            # "All matching" meant the old filter: keep nothing rather than guess.
            self.selection.clear()
            self.notify("Selection cleared (it was all posts of the old filter).", markup=False)
        self.queue_filter = queue_filter
        self.reload()

    def action_filter(self) -> None:
        self.load_facets()

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def load_facets(self) -> None:
        worker = get_current_worker()
        cur = self.store.cursor()
        try:
            facets = self.store.queue_facets(cursor=cur)
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(FacetsLoaded(facets))

    def on_facets_loaded(self, message: FacetsLoaded) -> None:
        if self.app.screen is not self:  # a dialog opened meanwhile
            return
        self.app.push_screen(
            FilterScreen(self.queue_filter, message.facets, me=self.service.reviewer),
            self._filter_chosen,
        )

    def _filter_chosen(self, chosen: FilterChosen | None) -> None:
        if chosen is None:
            return
        if chosen.save_as:
            try:
                self.store.save_filter(chosen.save_as, chosen.filter, self.service.reviewer)
            except ReviewerError as exc:
                self.notify(str(exc), title="Not saved", severity="error", markup=False)
            else:
                self.notify(f"Saved filter “{chosen.save_as.strip()}”.", markup=False)
        self.apply_filter(chosen.filter)

    def action_search(self) -> None:
        self.app.push_screen(
            NoteScreen(
                "Search post text",
                placeholder="words in the text (empty: no search)",
                value=self.queue_filter.text or "",
                allow_empty=True,
            ),
            self._search_for,
        )

    def _search_for(self, text: str | None) -> None:
        if text is not None:
            self.apply_filter(self.queue_filter.with_(text=text.strip()))

    def action_sort(self) -> None:
        """Next sort order: severity → date → platform → author → severity."""
        orders = list(SORTS)
        following = orders[(orders.index(self.queue_filter.sort) + 1) % len(orders)]
        self.apply_filter(self.queue_filter.with_(sort=following))
        self.notify(f"Sorted by {SORTS[following]}.", timeout=2, markup=False)

    def action_clear_filter(self) -> None:
        if self.bulk_running:  # escape first stops a running bulk action
            self.cancel_bulk()
            return
        if not self.queue_filter.active:
            self.notify("No filter to clear.", timeout=2, markup=False)
            return
        self.apply_filter(self.queue_filter.cleared())

    def action_saved_filters(self) -> None:
        try:
            saved = self.store.saved_filters()
        except ReviewerError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if not saved:
            self.notify(
                "No saved filters yet: press f and give the filter a name under “Save as”.",
                markup=False,
            )
            return
        choices = [(s.name, f"{s.name} — {s.filter.describe() or 'all'}") for s in saved]
        by_name = {s.name: s.filter for s in saved}

        def chosen(name: str | None) -> None:
            if name is not None:
                self.apply_filter(by_name[name])

        self.app.push_screen(ChoiceScreen("Saved filters", choices), chosen)

    def describe_filter(self) -> str:
        """The queue border's title: the active criteria and the sort order."""
        parts: list[Any] = []
        if self.queue_filter.active:
            parts.append(f"Filter: {self.queue_filter.describe()}")
        if self.queue_filter.sort != "severity":
            parts.append(f"sorted by {SORTS[self.queue_filter.sort]}")
        return " · ".join(parts)
