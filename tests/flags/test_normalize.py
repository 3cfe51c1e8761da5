"""Normalised views and their maps back to the original text."""

from __future__ import annotations

import pytest

from reviewer.flags.normalize import clean_fast, clean_view, fold_fast, folded_view, leet_forms

TRICKY = [
    "plain ascii Text",
    "Grüße aus Köln, Straße",
    "STRASSE und Straße und ẞ",
    "e\u0301te\u0301 cafe\u0301",
    "Polar\u200bstern\u200d und \u202eRTL\u202c",
    "😀👍🏽🇩🇪 emoji first, then Projekt",
    "ﬁnanz ﬂow ①②",
    "ＡＢＣ １２３",
    "soft\xadhyphen",
    "a\u200b\u0308 umlaut behind a zero-width space",
    "İstanbul",
    "日本語のテキスト",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_and_mapped_views_agree(text: str) -> None:
    # The fast view is the prefilter; it must see what the mapped view sees.
    assert folded_view(text).text == fold_fast(text)
    assert clean_view(text).text == clean_fast(text)


def test_folding() -> None:
    assert fold_fast("Grüße aus KÖLN") == "gruesse aus koeln"
    assert fold_fast("Polar\u200bstern") == "polarstern"
    assert fold_fast("ＰＲＯＪＥＫＴ") == "projekt"
    assert fold_fast("cafe\u0301") == "cafe"
    assert clean_fast("４１１１\u200b１１１１") == "41111111"


def test_every_view_character_maps_into_the_original() -> None:
    text = "😀 Grüße, Proj\u200bekt e\u0301 ẞ"
    view = folded_view(text)
    for i in range(len(view.text)):
        a, b = view.span(i, i + 1)
        assert 0 <= a < b <= len(text)
    # "ü" became "ue": both view characters map back to the one original "ü".
    i = view.text.index("ue")
    assert view.original_text(i, i + 2) == "ü"
    # A span across a zero-width space covers it.
    j = view.text.index("projekt")
    assert view.original_text(j, j + 7) == "Proj\u200bekt"
    k = view.text.index("e ss")
    assert view.original_text(k, k + 1) == "e\u0301"


def test_ascii_text_maps_to_itself() -> None:
    view = folded_view("Hello World")
    assert view.text == "hello world"
    assert view.span(6, 11) == (6, 11)


def test_leet_forms() -> None:
    assert leet_forms("p0larstern") == ("p0larstern", "polarstern")
    # "1" reads as i or l; both readings are tried.
    assert {"internai", "lnternal"} <= set(leet_forms("1nterna1"))
    assert leet_forms("2024") == ("2024",)  # numbers stay numbers
    assert leet_forms("projekt") == ("projekt",)
    assert "strictly" in leet_forms("5trictly")
