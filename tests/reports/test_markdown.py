"""The Markdown incident report: content, masking and inert hostile text."""

from __future__ import annotations

from reviewer.model import Severity
from reviewer.reports import build_report, render_markdown
from reviewer.reports.markdown import md_escape
from reviewer.reports.model import Segment, minimise, segments
from reviewer.review import ReviewService
from reviewer.store import Store


def test_report_lists_every_flagged_post_with_flags_state_and_history(store: Store) -> None:
    svc = ReviewService(store, "alice")
    svc.tag("x:1000", "press")
    svc.decide("x:1000", "resolved", disposition="violation_removal")
    text = render_markdown(build_report(store, generated_by="auditor"))
    assert "- Incidents: 3" in text
    assert text.index("x:1000") < text.index("x:1001") < text.index("x:1003")
    assert "Review: resolved · disposition violation\\_removal" not in text  # enum not escaped
    assert "Review: resolved · disposition violation_removal · tags press" in text
    assert "`confidential` (high" in text
    head = store.last_event()
    assert f"seq {head['seq']}, hash `{head['hash']}`" in text
    assert "| 2 | " in text and "| alice | decide | disposition=violation_removal" in text


def test_personal_data_is_masked_in_excerpts(store: Store) -> None:
    text = render_markdown(build_report(store, generated_by="auditor"))
    assert "jane.doe@example.com" not in text
    assert "j\\*\\*\\*@example.com" in text


def test_hostile_text_cannot_change_the_document(store: Store) -> None:
    text = render_markdown(build_report(store, generated_by="auditor", min_severity=Severity.INFO))
    assert "<script>" not in text
    assert "[bold]" not in text and "\\[bold\\]" in text


def test_filters_narrow_the_report(store: Store) -> None:
    high = build_report(store, generated_by="a", min_severity=Severity.HIGH)
    assert [i.post["post_id"] for i in high.incidents] == ["x:1000"]
    ReviewService(store, "a").decide("x:1001", "escalated", escalate_to="legal")
    escalated = build_report(store, generated_by="a", status="escalated")
    assert [i.post["post_id"] for i in escalated.incidents] == ["x:1001"]


def test_md_escape_keeps_one_line_and_escapes_markup() -> None:
    assert md_escape("# head\n*x*") == "\\# head ⏎ \\*x\\*"


def test_segments_highlight_and_mask() -> None:
    flags = [
        {"rule": "personal_data", "evidence": [{"start": 3, "end": 9, "text": "a***", "why": ""}]},
        {"rule": "confidential", "evidence": [{"start": 10, "end": 13, "text": "xyz", "why": ""}]},
    ]
    parts = segments("hi secret xyz!", flags)
    assert [(s.text, s.evidence) for s in parts] == [
        ("hi ", False),
        ("a***", True),
        (" ", False),
        ("xyz", True),
        ("!", False),
    ]


def test_long_posts_are_minimised_to_evidence_and_context() -> None:
    text = "a" * 900 + " SECRET " + "b" * 300 + " j***@x.de " + "c" * 900
    start = text.index("SECRET")
    mail = text.index("j***")
    flags = [
        {"rule": "confidential", "evidence": [{"start": start, "end": start + 6, "text": ""}]},
        {"rule": "personal_data", "evidence": [{"start": mail, "end": mail + 9, "text": "j***"}]},
    ]
    parts = minimise(segments(text, flags))
    shown = "".join(p.text for p in parts)
    assert [p.text for p in parts if p.evidence] == ["SECRET", "j***"]
    assert shown.startswith("…" + "a" * 199 + " SECRET ")
    assert shown.endswith(" " + "c" * 199 + "…")
    assert len(shown) < 1200
    short = "short post with SECRET inside"
    assert minimise(segments(short, [])) == [Segment(short)]
    assert "".join(p.text for p in minimise(segments("x" * 5000, []))) == "x" * 1200 + "…"
