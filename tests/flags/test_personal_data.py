"""Rule personal_data: validated values, masked evidence, the organisation's own addresses."""

from __future__ import annotations

import importlib.util

import pytest

from reviewer.flags.rules.personal_data import mask_card, mask_email, mask_iban

RULE = "personal_data"
IBAN = "DE89 3704 0044 0532 0130 00"


def test_valid_iban_with_spaces_fires_masked(flag_of) -> None:
    text = f"Bitte an {IBAN} überweisen"
    flag = flag_of(text, RULE)
    assert flag is not None
    [ev] = flag.evidence
    assert text[ev.start : ev.end] == IBAN
    assert ev.text == "DE89 **** **** **** **30 00"
    assert ev.why == "IBAN, mod-97 valid"


def test_compact_iban_and_other_countries_fire(flag_of) -> None:
    for value in ("DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "NL91ABNA0417164300"):
        text = f"IBAN {value}."
        flag = flag_of(text, RULE)
        assert flag is not None, value
        assert text[flag.evidence[0].start : flag.evidence[0].end] == value


def test_lower_case_iban_after_the_word_iban(flag_of) -> None:
    text = "my iban is gb42nawi04454264788619"
    flag = flag_of(text, RULE)
    assert flag is not None
    assert text[flag.evidence[0].start : flag.evidence[0].end] == "gb42nawi04454264788619"


def test_iban_with_bad_checksum_does_not_fire(flag_of) -> None:
    assert flag_of("IBAN DE12 3704 0044 0532 0130 00", RULE) is None
    assert flag_of("IBAN DE89 3704 0044 0532 0130 01", RULE) is None


def test_iban_followed_by_more_text_is_trimmed_to_the_valid_part(flag_of) -> None:
    text = f"{IBAN} BIC COBADEFFXXX"
    flag = flag_of(text, RULE)
    assert text[flag.evidence[0].start : flag.evidence[0].end] == IBAN


def test_luhn_valid_card_fires_masked(flag_of) -> None:
    text = "paid with 4111 1111 1111 1111 yesterday"
    flag = flag_of(text, RULE)
    [ev] = flag.evidence
    assert text[ev.start : ev.end] == "4111 1111 1111 1111"
    assert ev.text == "**** **** **** 1111"
    assert ev.why == "payment card, Luhn valid"


@pytest.mark.parametrize(
    "text",
    [
        "card 4111 1111 1111 1112",  # Luhn invalid
        "card 4111111111111121",  # Luhn invalid, compact
        "card 4444 4444 4444 4444",  # all the same digit
        "Bestellnummer 1234 5678 9012 3456",  # no card network starts with 1
        "EAN 4006381333931",
        "https://www.facebook.com/298026420216364/posts/1",
        "@[298026420216364:274:Deutsche Bahn]",
        "Preis 1.299,00 €",
    ],
)
def test_numbers_that_are_not_cards(flag_of, text: str) -> None:
    assert flag_of(text, RULE) is None


def test_card_words_admit_short_and_old_card_numbers(flag_of) -> None:
    # 13-digit Visa, 12-digit Maestro, 15-digit JCB: only next to a word for "card".
    for number in ("4047737215142", "630427373398", "180016070420458"):
        assert flag_of(f"please block my card {number}", RULE) is not None, number
        assert flag_of(f"Artikelnummer {number}", RULE) is None, number


def test_card_hidden_by_zero_width_or_fullwidth_digits(flag_of) -> None:
    for text in ("4111\u200b1111\u200b1111\u200b1111", "４１１１ １１１１ １１１１ １１１１"):
        flag = flag_of(f"x {text} y", RULE)
        assert flag is not None
        ev = flag.evidence[0]
        assert f"x {text} y"[ev.start : ev.end] == text
        assert ev.text.endswith("1111") and "*" in ev.text


def test_email_fires_masked(flag_of) -> None:
    text = "write to lena.meyer@example.com today"
    flag = flag_of(text, RULE)
    [ev] = flag.evidence
    assert text[ev.start : ev.end] == "lena.meyer@example.com"
    assert ev.text == "l***@example.com"
    assert ev.why == "e-mail address"


@pytest.mark.parametrize(
    "text",
    [
        "Presseanfragen an presse@nordwind-energie.de",
        "Schreib an max.muster@nordwind-energie.de",  # own domain: a company contact
        "mail an jobs@karriere.nordwind-energie.de",  # subdomain of our own
        "Fragen? support@solaris-power.de",  # role mailbox
        "Folgt @anna@mastodon.social",  # fediverse handle
        "Follow @nordwind_official",
        "Masked already: j***@gmail.com",
        "user@localhost is not an address",
    ],
)
def test_addresses_that_are_not_personal_data(flag_of, text: str) -> None:
    assert flag_of(text, RULE) is None


def test_masked_evidence_never_contains_the_value(flag_of) -> None:
    values = [
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "4111 1111 1111 1111",
        "5555-5555-5555-4444",
        "3782 822463 10005",
        "a.b@example.org",
        "ab@example.org",
    ]
    text = " und ".join(values)
    flag = flag_of(text, RULE)
    assert len(flag.evidence) == len(values)
    for ev, value in zip(flag.evidence, values, strict=True):
        assert text[ev.start : ev.end] == value
        assert value not in ev.text
        assert "*" in ev.text
        if "@" not in value:
            # At most 8 of the value's digits and letters remain visible.
            assert sum(c.isalnum() for c in ev.text) <= 8


def test_score_and_severity(flag_of, policy) -> None:
    iban = flag_of(f"IBAN {IBAN} und max@example.com", RULE)
    mail = flag_of("max@example.com", RULE)
    assert 0.0 < mail.score < iban.score <= 1.0
    assert iban.severity is policy.rule(RULE).severity


def test_masks() -> None:
    assert mask_iban(IBAN) == "DE89 **** **** **** **30 00"
    assert mask_card("4111-1111-1111-1111") == "****-****-****-1111"
    assert mask_email("l", "example.com") == "***@example.com"
    assert mask_email("lena", "example.com") == "l***@example.com"


@pytest.mark.skipif(
    importlib.util.find_spec("phonenumbers") is not None, reason="phonenumbers is installed"
)
def test_phone_numbers_are_skipped_without_phonenumbers(flag_of) -> None:
    assert flag_of("Ruf mich an: +49 170 1234567", RULE) is None


@pytest.mark.skipif(
    importlib.util.find_spec("phonenumbers") is None, reason="phonenumbers is not installed"
)
def test_phone_numbers_with_phonenumbers(flag_of) -> None:  # pragma: no cover - optional
    text = "Ruf mich an: +49 170 1234567"
    flag = flag_of(text, RULE)
    assert flag is not None
    ev = flag.evidence[0]
    assert "1234567" not in ev.text and text[ev.start : ev.end].startswith("+49")
