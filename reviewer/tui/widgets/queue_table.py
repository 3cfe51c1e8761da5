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
        # The keys of the columns shown, in QUEUE_COLUMNS order (set on the first fit).
        self.shown: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self._fit_columns()

    def on_resize(self) -> None:
        if self.shown:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Choose the columns the width allows and give the text column what they leave.

        Explicit widths, not DataTable's auto width: auto widths are measured
        on idle, so the first frames (and snapshots) would depend on timing.
        A change of the columns shown rebuilds the table; a change of width
        only re-cuts the loaded texts.
        """
        shown, width = self._layout()
        if shown != self.shown:
            cursor = self.cursor_row
            self.clear(columns=True)
            for key, label, fixed in render.QUEUE_COLUMNS:
                if key in shown:
                    self.add_column(label, key=key, width=fixed if fixed is not None else width)
            self.shown, self._text_column_width = shown, width
            for row in self.posts:
                self.add_row(*self._cells(row), key=row.post_id)
            if self.posts:
                self.move_cursor(row=min(max(cursor, 0), len(self.posts) - 1), animate=False)
            return
        if width == self._text_column_width:
            return
        self.remove_column("text")
        self.add_column("Text", key="text", width=width)
        self._text_column_width = width
        for row in self.posts:
            self.update_cell(row.post_id, "text", render.one_line(row.text, width))

    def _layout(self) -> tuple[tuple[str, ...], int]:
        """The columns to show at the table's width, and the text column's width."""
        # The text column takes what the fixed columns (and the scrollbar) leave.
        total = (self.size.width or self.app.size.width - 2) - self.styles.scrollbar_size_vertical
        dropped: set[str] = set()

        def text_width() -> int:
            kept = [w for key, _label, w in render.QUEUE_COLUMNS if key not in dropped]
            return total - sum(w or 0 for w in kept) - len(kept) * _PADDING

        for key in render.QUEUE_DROP_ORDER:
            if text_width() >= render.QUEUE_TEXT_WANTED:
                break
            dropped.add(key)
        shown = tuple(key for key, _label, _w in render.QUEUE_COLUMNS if key not in dropped)
        return shown, max(_MIN_TEXT, text_width())

    def _cells(self, row: QueueRow, *, selected: bool | None = None) -> list[Any]:
        """The cells of ``row`` for the columns shown."""
        if selected is None:
            selected = self.is_selected(row.post_id)
        cells = render.queue_cells(row, self._text_column_width, selected=selected)
        return [
            cell
            for (key, _label, _w), cell in zip(render.QUEUE_COLUMNS, cells, strict=True)
            if key in self.shown
        ]

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

    def add_posts(self, rows: list[QueueRow]) -> None:
        """Append a page of posts (already in queue order)."""
        self._fit_columns()
        for row in rows:
            if row.post_id in self._index:
                continue
            self._index[row.post_id] = len(self.posts)
            self.posts.append(row)
            self.add_row(*self._cells(row), key=row.post_id)

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
        cells = dict(zip(self.shown, self._cells(row, selected=selected), strict=True))
        for key in keys:
            if key in cells:  # a column the width hides has nothing to update
                self.update_cell(row.post_id, key, cells[key])
