"""The shared text repairs."""

from __future__ import annotations

import pytest

from reviewer.importers.textrepair import fix_mojibake, html_to_text, nfc, unescape_entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wind &amp; Sonne &gt; Kohle", "Wind & Sonne > Kohle"),
        ("&lt;script&gt;", "<script>"),
        ("&amp;lt; stays one level", "&lt; stays one level"),
        ("&#128168; &#x1F4A8;", "💨 💨"),
        ("?a=1&not=2 and &copy2024", "?a=1&not=2 and &copy2024"),
        ("&unknownentity; AT&T", "&unknownentity; AT&T"),
    ],
)
def test_unescape_entities(text: str, expected: str) -> None:
    assert unescape_entities(text) == expected


def test_nfc_composes() -> None:
    assert nfc("Gru\u0308ße") == "Grüße"
    assert nfc("Grüße") == "Grüße"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grüße aus KÃ¶ln", "Grüße aus KÃ¶ln"),  # mixed text is not guessed at
        ("aus KÃ¶ln", "aus Köln"),
        ("cut off Ã", "cut off Ã"),  # not valid UTF-8 once re-encoded: left alone
        ("ð\x9f\x98\x80", "😀"),
        ("café", "café"),  # real Latin-1 text is never damaged
        ("already fine 😀 ü", "already fine 😀 ü"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fix_mojibake(text: str, expected: str) -> None:
    assert fix_mojibake(text) == expected


def test_fix_mojibake_round_trips_meta_escapes() -> None:
    # Meta writes "ü" as "\u00c3\u00bc": the UTF-8 bytes, one code point each.
    broken = "Gr\u00c3\u00bc\u00c3\u009fe"
    assert fix_mojibake(broken) == "Grüße"


def test_html_to_text() -> None:
    markup = (
        '<p>Hallo <a href="https://x"><span class="invisible">https://</span>'
        "nordwind-energie.de</a> &amp; mehr</p><p>Zeile 1<br>Zeile 2<br/>"
        "<script>alert(1)</script>[bold]</p>"
    )
    assert (
        html_to_text(markup)
        == "Hallo https://nordwind-energie.de & mehr\n\nZeile 1\nZeile 2\n[bold]"
    )
