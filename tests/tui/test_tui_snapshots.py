"""Snapshots of the look, with emoji, umlauts, CJK, Arabic and [brackets] in the posts.

Regenerate with ``pytest tests/tui --snapshot-update`` only after looking at
the report of the failing comparison.
"""

from __future__ import annotations

from textual.pilot import Pilot
from tui_support import settle

from reviewer.tui.app import ReviewerApp

SIZE = (120, 40)


def test_queue_with_hostile_text(snap_compare, app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_detail_with_highlighted_evidence(snap_compare, app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    async def on_the_emoji_post(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=on_the_emoji_post)


def test_help(snap_compare, app: ReviewerApp) -> None:  # type: ignore[no-untyped-def]
    async def open_help(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_help)
