"""The review queue: one line per flagged post, most severe first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.widgets import DataTable

from reviewer.store.queue import QueueRow
from reviewer.tui import render

# Cell padding on both sides of every column, as DataTable draws it.
_PADDING = 2
_MIN_TEXT = 16


class QueueTable(DataTable[Any]):
    """A window of the queue. Rows are keyed by post id; cells are ``Text``, never markup."""

    def __init__(
        self, *, id: str | None = None, is_selected: Callable[[str], bool] = lambda _id: False
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.is_selected = is_selected
        self.posts: list[QueueRow] = []
        self._index: dict[str, int] = {}
        self._text_column_width = 0

    def on_mount(self) -> None:
        for key, label, width in render.QUEUE_COLUMNS:
            if width is not None:
                self.add_column(label, key=key, width=width)
        # The text column is added once the table knows its own width.

    def on_resize(self) -> None:
        if self._text_column_width:
            self._fit_text_column()

    def _fit_text_column(self) -> None:
        """Give the text column the width the others leave, re-cutting loaded rows to it.

        An explicit width, not DataTable's auto width: auto widths are measured
        on idle, so the first frames (and snapshots) would depend on timing.
        """
        width = self._text_width()
        if width == self._text_column_width:
            return
        if self._text_column_width:
            self.remove_column("text")
        self.add_column("Text", key="text", width=width)
        self._text_column_width = width
        for row in self.posts:
            self.update_cell(row.post_id, "text", render.one_line(row.text, width))

    @property
    def last_key(self) -> tuple[Any, ...] | None:
        """The keyset position of the last loaded row (where the next page starts)."""
        return self.posts[-1].key if self.posts else None

    @property
    def current(self) -> QueueRow | None:
        """The post under the cursor."""
        if not self.posts or not 0 <= self.cursor_row < len(self.posts):
            return None
        return self.posts[self.cursor_row]

    def _text_width(self) -> int:
        # The text column takes what the fixed columns (and the scrollbar) leave.
        width = self.size.width or self.app.size.width - 2
        fixed = sum(w or 0 for _key, _label, w in render.QUEUE_COLUMNS)
        columns = len(render.QUEUE_COLUMNS)
        scrollbar = self.styles.scrollbar_size_vertical
        return max(_MIN_TEXT, width - fixed - columns * _PADDING - scrollbar)

    def add_posts(self, rows: list[QueueRow]) -> None:
        """Append a page of posts (already in queue order)."""
        self._fit_text_column()
        width = self._text_column_width
        for row in rows:
            if row.post_id in self._index:
                continue
            self._index[row.post_id] = len(self.posts)
            self.posts.append(row)
            cells = render.queue_cells(row, width, selected=self.is_selected(row.post_id))
            self.add_row(*cells, key=row.post_id)

    def reset(self) -> None:
        self.clear()
        self.posts.clear()
        self._index.clear()

    def update_review(
        self, post_id: str, status: str, tags: list[str], assignee: str | None
    ) -> None:
        """Show a post's new review status, tags and assignee (the rest never changes)."""
        index = self._index.get(post_id)
        if index is None:
            return
        row = replace(self.posts[index], status=status, tags=list(tags), assignee=assignee)
        if row == self.posts[index]:
            return
        self.posts[index] = row
        self._update_cells(row, ("status", "tags", "assignee"))

    def mark_selected(self, post_id: str, selected: bool) -> None:
        """Show or hide one post's selection mark."""
        index = self._index.get(post_id)
        if index is not None:
            self._update_cells(self.posts[index], ("severity",), selected=selected)

    def refresh_marks(self) -> None:
        """Redraw every loaded post's selection mark (after select all / clear)."""
        for row in self.posts:
            self._update_cells(row, ("severity",), selected=self.is_selected(row.post_id))

    def _update_cells(
        self, row: QueueRow, keys: tuple[str, ...], *, selected: bool | None = None
    ) -> None:
        if selected is None:
            selected = self.is_selected(row.post_id)
        cells = render.queue_cells(row, self._text_column_width, selected=selected)
        columns = [key for key, _label, _width in render.QUEUE_COLUMNS]
        for key in keys:
            self.update_cell(row.post_id, key, cells[columns.index(key)])
