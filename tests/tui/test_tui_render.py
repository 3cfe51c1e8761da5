"""The pure rendering helpers: text in, Rich Text out, never markup."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.cells import cell_len

from reviewer.tui import render


def test_one_line_collapses_whitespace_and_fits_cells() -> None:
    line = render.one_line("a\n\nb\tc  d", 20)
    assert line.plain == "a b c d"
    wide = render.one_line("北风能源的服务太差了，我要投诉！" * 5, 21)
    assert cell_len(wide.plain) <= 21
    assert wide.plain.endswith("…")


def test_post_text_clips_bad_offsets_and_layers_severity() -> None:
    flags = [
        {"severity": "low", "evidence": [{"start": 0, "end": 4}]},
        {"severity": "critical", "evidence": [{"start": 2, "end": 999}, {"start": 5}]},
        {"severity": "bogus", "evidence": [{"start": -3, "end": 1}]},
    ]
    text = render.post_text("[b]x[/b]", flags)
    assert text.plain == "[b]x[/b]"
    spans = [(s.start, s.end, s.style) for s in text.spans]
    # Unknown severity ranks lowest and goes first; critical last so it wins overlaps.
    assert spans == [
        (0, 1, "reverse"),
        (0, 4, render.EVIDENCE_STYLE["low"]),
        (2, 8, render.EVIDENCE_STYLE["critical"]),
    ]


def test_safe_keeps_length() -> None:
    raw = "a\x1b[2Jb\x07\x7fc\n"
    shown = render.safe(raw)
    assert len(shown) == len(raw)
    assert shown == "a␛[2Jb␇␡c\n"


def test_metadata_and_history_are_plain_text() -> None:
    meta = render.metadata(
        {
            "post_id": "x:1",
            "platform": "x",
            "author": "[red]eve[/red]",
            "created_at": datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
            "media": '[{"type": "image", "path": "a.jpg", "alt": "[i]cat[/i]"}]',
        }
    )
    assert "[red]eve[/red]" in meta.plain
    assert "image: a.jpg ([i]cat[/i])" in meta.plain
    events = [
        {
            "seq": 3,
            "reviewer": "bob",
            "action": "decide",
            "payload": {"status": "escalated", "escalate_to": "legal"},
        },
        {
            "seq": 4,
            "reviewer": "bob",
            "action": "undo",
            "payload": {"undoes": 3, "action": "decide"},
        },
    ]
    assert render.history(events).plain.splitlines() == [
        "#3 bob escalated to legal",
        "#4 bob undo #3 (decide)",
    ]
