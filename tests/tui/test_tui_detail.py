"""The detail pane: post text as data, evidence highlighted, flags, state and history."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static
from tui_support import HOSTILE, REVIEWER, TAGS, settle

from reviewer.store import Store
from reviewer.tui import render
from reviewer.tui.app import ReviewerApp


def _text(app: ReviewerApp, selector: str) -> Text:
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content


async def test_post_text_is_shown_literally(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        original = HOSTILE[0][0].text
        assert _text(app, "#post-text").plain == original
        # What is drawn, not only what was handed over: no markup was interpreted.
        drawn = app.screen.query_one("#post-text", Static).visual
        assert isinstance(drawn, Content)
        assert "[bold]not markup[/bold]" in drawn.plain
        assert not any("bold" in str(span.style) for span in drawn.spans if span.start > 30)


async def test_evidence_span_is_highlighted(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = _text(app, "#post-text")
        start = text.plain.index("Projekt Polarstern")
        end = start + len("Projekt Polarstern")
        assert [(s.start, s.end, s.style) for s in text.spans] == [
            (start, end, render.EVIDENCE_STYLE["critical"])
        ]
        drawn = app.screen.query_one("#post-text", Static).visual
        assert isinstance(drawn, Content)
        assert any(span.start == start and span.end == end for span in drawn.spans)


async def test_emoji_and_link_markup_with_evidence(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # x:2
        await settle(pilot)
        text = _text(app, "#post-text")
        assert text.plain == HOSTILE[1][0].text
        start = text.plain.index("https://evil.example")
        assert [(s.start, s.end) for s in text.spans] == [(start, start + 20)]


async def test_control_characters_are_made_visible(app: ReviewerApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"jjjjjj")  # reddit:7
        await settle(pilot)
        text = _text(app, "#post-text").plain
        assert "\x1b" not in text and "␛[31mred?␛[0m" in text
        assert len(text) == len(HOSTILE[6][0].text)  # offsets still line up


async def test_flags_state_and_history(app: ReviewerApp, store: Store) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [flag] = app.screen.query(".flag").results(Static)
        assert flag.has_class("sev-critical")
        flag_text = flag.content
        assert isinstance(flag_text, Text)
        assert "confidential" in flag_text.plain and "critical" in flag_text.plain
        assert "confidential code name" in flag_text.plain
        assert "status new" in " ".join(_text(app, "#post-state").plain.split())
        assert "no review events yet" in _text(app, "#post-history").plain

        await pilot.press("2", "n", *"check", "enter")
        await settle(pilot)
        state = " ".join(_text(app, "#post-state").plain.split())
        assert "status in review" in state and "tags legal-hold" in state
        history = _text(app, "#post-history").plain.splitlines()
        assert history[0].endswith(f"{REVIEWER} tag legal-hold")
        assert history[1].endswith(f"{REVIEWER} note: check")


async def test_policy_reference_is_shown(store: Store) -> None:
    refs = {"confidential": "POLICY.md §3 [confidential]"}
    app = ReviewerApp(store, REVIEWER, tags=TAGS, policy_ref=refs.get)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [flag] = app.screen.query(".flag").results(Static)
        assert isinstance(flag.content, Text)
        assert "policy POLICY.md §3 [confidential]" in flag.content.plain
