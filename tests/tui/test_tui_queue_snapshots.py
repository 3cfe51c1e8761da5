"""Snapshots of the queue's filter and selection look: a filtered queue with selected
posts and a flag marked wrong, and the filter form.

Regenerate with ``pytest tests/tui --snapshot-update`` only after looking at
the report of the failing comparison.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.pilot import Pilot
from tui_support import settle

from reviewer.tui.app import ReviewerApp

SIZE = (120, 40)


class _FrozenClock(datetime):
    """Review events at a fixed moment, so the history in the snapshot never changes."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def test_filtered_queue_with_selection_and_a_wrong_flag(  # type: ignore[no-untyped-def]
    snap_compare, app: ReviewerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reviewer.review.service.datetime", _FrozenClock)

    async def filter_select_and_mark(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"[", "enter")  # posts with a bracket in the text
        await settle(pilot)
        await pilot.press("space", "c", "w")
        await settle(pilot)
        pilot.app.clear_notifications()  # toasts come and go with the machine's speed
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=filter_select_and_mark)


def test_filter_form(snap_compare, app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    async def open_form(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_form)
