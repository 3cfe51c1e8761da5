"""Rule confidential: terms with typos, leetspeak, compounds; markings; no near-misses."""

from __future__ import annotations

import pytest

from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import load_policy
from reviewer.model import Severity

RULE = "confidential"


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Kick-off für Projekt Polarstern morgen", "Projekt Polarstern"),
        ("ich arbeite am Projekt Polarsten", "Projekt Polarsten"),
        ("Projeckt Polarstern geht los", "Projeckt Polarstern"),
        ("Pr0jekt P0larstern startet", "Pr0jekt P0larstern"),
        ("Projekt P0larstern startet", "Projekt P0larstern"),
        ("PROJEKT POLARSTERN!!!", "PROJEKT POLARSTERN"),
        ("projekt polarstern, klein geschrieben", "projekt polarstern"),
        ("Working on Project Polarstern", "Project Polarstern"),
        ("Polarstern-Projekt: Testanlage läuft", "Polarstern-Projekt"),
        ("Unser Polarsternprojekt wird riesig", "Polarsternprojekt"),
        ("#ProjektPolarstern", "ProjektPolarstern"),
        ("Die Q3-Zahlen sind da", "Q3-Zahlen"),
        ("Die Q3 Zahlen sind da", "Q3 Zahlen"),
        ("#Q3Zahlen 👀", "Q3Zahlen"),
        ("Der Q3-Zahlenbericht liegt hier", "Q3-Zahlenbericht"),
        ("Nordlicht-Vertrag unterschrieben", "Nordlicht-Vertrag"),
        ("Nordlicht Vertrag unterschrieben", "Nordlicht Vertrag"),
        ("Infos zum Nordlichtvertrag", "Nordlichtvertrag"),
        ("Proj\u200bekt Polar\u200bstern", "Proj\u200bekt Polar\u200bstern"),
        ("Polar\u00adstern-Projekt", "Polar\u00adstern-Projekt"),
    ],
)
def test_term_variants_fire_with_evidence_on_the_original(flag_of, text: str, covered: str) -> None:
    flag = flag_of(text, RULE)
    assert flag is not None, text
    ev = flag.evidence[0]
    assert text[ev.start : ev.end] == covered
    assert ev.text == covered
    assert "Projekt Polarstern" in ev.why or "Q3-Zahlen" in ev.why or "Nordlicht" in ev.why


@pytest.mark.parametrize(
    "text",
    [
        "I'm confident we will make it",
        "Das ist vertraglich geregelt",
        "See you on Sunday!",
        "Projekt Polarstation in der Antarktis",
        "Die Polarstation sendet Bilder",
        "Der Polarstern zeigt nach Norden",
        "Ein ganz normaler Satz über Windräder und Strompreise.",
        "A perfectly normal sentence about wind farms.",
        "Die Q4-Zahlen kommen im Januar",
        "Nordlicht-Vortrag im Planetarium",
        "Confidence is key",
        "International team meeting",
        "Wir behandeln eure Daten vertraulich.",
        "Keep customer data confidential, always.",
        "I signed an NDA for my new job",
        "",
    ],
)
def test_near_misses_do_not_fire(flag_of, text: str) -> None:
    assert flag_of(text, RULE) is None


def test_why_names_the_term_the_spelling_and_the_edits(flag_of) -> None:
    flag = flag_of("Projekt Polarsten", RULE)
    assert flag.evidence[0].why == (
        'confidential term "Projekt Polarstern" (matched "Projekt Polarsten", 1 edit)'
    )
    exact = flag_of("Projekt Polarstern", RULE)
    assert exact.evidence[0].why.endswith("exact)")
    assert exact.score == 1.0
    assert flag.score < exact.score
    leet = flag_of("Pr0jekt P0larstern", RULE)
    assert "leetspeak" in leet.evidence[0].why


def test_offsets_survive_emoji_combining_marks_and_zero_width_before(flag_of) -> None:
    prefix = "😀👍🏽🇩🇪 Cafe\u0301 \u200b\u200bgrüße ẞ e\u0301 "
    text = prefix + "Projekt Polarsten läuft"
    flag = flag_of(text, RULE)
    ev = flag.evidence[0]
    assert ev.start == len(prefix)
    assert text[ev.start : ev.end] == "Projekt Polarsten"
    assert ev.text == "Projekt Polarsten"


def test_several_matches_give_several_evidence_spans(flag_of) -> None:
    text = "STRENG VERTRAULICH: Q3-Zahlen und Projekt Polarstern"
    flag = flag_of(text, RULE)
    spans = [text[e.start : e.end] for e in flag.evidence]
    assert spans == ["STRENG VERTRAULICH", "Q3-Zahlen", "Projekt Polarstern"]
    assert flag.score == 1.0


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("Das Dokument ist streng vertraulich", "streng vertraulich"),
        ("Streng vertrauliches Memo ist rum", "streng vertraulich"),
        ("Screenshot, internal only 🙊", "internal only"),
        ("Nur für den internen Gebrauch: Strategie", "nur für den internen Gebrauch"),
        ("Nur fur den internen Gebrauch: Strategie", "nur für den internen Gebrauch"),
        ("This deck is marked CONFIDENTIAL", "confidential"),
        ("Vertraulich: Entwurf Pressemitteilung", "vertraulich"),
        ("[confidential] board slides", "confidential"),
        ("#vertraulich 🙈", "vertraulich"),
        ("it's under NDA, sorry", "under NDA"),
        ("5trictly c0nfidential roadmap", "strictly confidential"),
    ],
)
def test_markings(flag_of, text: str, marking: str) -> None:
    flag = flag_of(text, RULE)
    assert flag is not None, text
    assert f'confidentiality marking "{marking}"' in flag.evidence[0].why
    ev = flag.evidence[0]
    assert text[ev.start : ev.end] == ev.text


def test_longest_marking_wins() -> None:
    engine = FlagEngine(load_policy())
    [flag] = engine.flag([{"post_id": "p", "text": "streng vertraulich"}])
    assert len(flag.evidence) == 1
    assert '"streng vertraulich"' in flag.evidence[0].why


def test_severity_comes_from_the_policy(flag_of, policy) -> None:
    flag = flag_of("Projekt Polarstern", RULE)
    assert flag.severity is policy.rule(RULE).severity is Severity.HIGH
    assert flag.policy_version == policy.version


def test_custom_terms_and_single_word_terms(tmp_path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[confidential]\nterms = ["Falkenauge", "M&A", "Projekt Eisbär"]\n', encoding="utf-8"
    )
    engine = FlagEngine(load_policy(path))

    def fires(text: str) -> bool:
        return any(f.rule == RULE for f in engine.flag([{"post_id": "p", "text": text}]))

    assert fires("Falkenauge kommt")
    assert fires("Falkenaugeprojekt kommt")  # a term inside a compound
    assert fires("Falkenuage kommt")  # swapped pair: one edit
    assert not fires("Falkenstein kommt")
    assert fires("Projekt Eisbaer") and fires("Projekt Eisbar") and fires("Projekt Eisbär")
    assert fires("M&A talks")
    assert not fires("I'm a fan")  # short terms stay exact and word-bounded
    assert not fires("Projekt Polarstern")  # the default pack's terms are not inherited
