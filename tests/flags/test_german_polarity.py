"""The German polarity scorer behind brand_negativity and competitor_negativity.

Every sentence here was written for these tests; none comes from an
evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reviewer.flags.normalize import fold_fast
from reviewer.flags.policy import Policy
from reviewer.flags.rules.negativity import GermanPolarity, german_polarity
from reviewer.model import Flag


@pytest.fixture(scope="module")
def german(policy: Policy) -> GermanPolarity:
    return german_polarity(policy)


@pytest.fixture(scope="module")
def threshold(policy: Policy) -> float:
    return float(policy.effective["negativity"]["de_threshold"])


def score(german: GermanPolarity, text: str) -> float:
    return german.score(fold_fast(text), text)


def small(negative: list[str], positive: list[str] | None = None) -> GermanPolarity:
    """A scorer with a tiny lexicon, to test one mechanism at a time."""
    return GermanPolarity(
        negative,
        positive or [],
        ["nicht", "kein", "nie", "ohne"],
        ["sehr"],
        ["aber"],
        (),
        ["mal wieder"],
    )


# -- negation scope -------------------------------------------------------------


def test_negation_before_a_word_flips_it(german: GermanPolarity) -> None:
    assert score(german, "Der Kundenservice war schlecht.") < 0
    assert score(german, "Der Kundenservice war nicht schlecht.") > 0
    assert score(german, "Die Hotline war ohne Probleme erreichbar.") > 0


def test_nicht_after_praise_negates_it(german: GermanPolarity) -> None:
    assert score(german, "Die Abbuchung klappt.") > 0
    assert score(german, "Die Abbuchung klappt nicht.") < 0


def test_nicht_after_a_complaint_word_does_not_turn_it_into_praise(
    german: GermanPolarity, threshold: float
) -> None:
    # "leider nicht" stays a complaint; only praise is negated by a following "nicht".
    assert score(german, "Die Rechnung kam leider nicht an.") < 0
    assert score(german, "Die Störung wurde nicht behoben.") <= threshold


def test_a_clause_break_ends_the_negation() -> None:
    scorer = small(["kaputt*:-2"])
    negated = scorer.score(fold_fast("heizung nicht kaputt"))
    broken = scorer.score(fold_fast("nicht, heizung kaputt"))
    assert negated > 0 > broken


def test_elongated_words_are_read_as_written(german: GermanPolarity) -> None:
    assert score(german, "Der Techniker kommt niiiiicht") == score(
        german, "Der Techniker kommt nicht"
    )
    assert score(german, "Der Techniker kommt nicht") < 0


# -- compounds ------------------------------------------------------------------


def test_negative_stems_count_inside_compounds(german: GermanPolarity, threshold: float) -> None:
    for text in (
        "Totalausfall im ganzen Viertel.",
        "Seit heute früh ein Netzausfall.",
        "Der Heizungsdefekt ist immer noch da.",
    ):
        assert score(german, text) <= threshold, text


def test_ordinary_words_that_contain_a_negative_stem_are_neutral(german: GermanPolarity) -> None:
    for text in (
        "Die Steuererklärung liegt bei.",  # teuer
        "Die Gemeinde lädt gemeinsam zum Fest.",  # gemein
        "Die Qualität der Beratung.",  # Qual
        "Die Ankündigung kam per Post.",  # Kündigung
        "Die Berichterstattung im Lokalteil.",  # erstatten
        "Eine dreistellige Summe.",  # dreist
        "Alle spielend zusammen.",  # elend
    ):
        assert score(german, text) == 0.0, text


def test_caret_keeps_a_stem_out_of_compounds() -> None:
    scorer = small(["^teuer*:-1", "ausfall*:-2"])
    assert scorer.weight("teuerste") < 0
    assert scorer.weight("steuerbescheid") == 0.0
    assert scorer.weight("stromausfall") < 0


def test_a_verb_particle_is_no_compound_modifier() -> None:
    scorer = small(["ausfall*:-2"])
    assert scorer.weight("stromausfall") < 0
    assert scorer.weight("herausfallen") == 0.0


def test_free_of_a_problem_is_praise(german: GermanPolarity) -> None:
    assert score(german, "Die Umstellung lief problemlos.") > 0
    assert score(german, "Der Vertrag ist fehlerfrei.") > 0


# -- separable verbs and phrases ---------------------------------------------------


def test_separable_verbs_match_across_words(german: GermanPolarity, threshold: float) -> None:
    for text in (
        "Der Strom fällt heute schon wieder aus.",
        "Die App stürzt beim Bezahlen ständig ab.",
        "Das regt mich wirklich auf.",
        "Der Kundendienst lässt uns seit Tagen warten.",
    ):
        assert score(german, text) <= threshold, text


def test_a_separable_verb_does_not_reach_into_the_next_clause() -> None:
    scorer = small(["fällt ... aus:-2"])
    assert scorer.score(fold_fast("der termin fällt morgen aus")) < 0
    assert scorer.score(fold_fast("der preis fällt, aus gutem grund")) == 0.0
    assert scorer.score(fold_fast("der preis fällt. aus dem fenster")) == 0.0


def test_set_formulas_carry_no_praise(german: GermanPolarity) -> None:
    assert score(german, "Guten Morgen!") == 0.0
    assert score(german, "Mit freundlichen Grüßen") == 0.0
    assert score(german, "Vielen Dank im Voraus") == 0.0
    assert score(german, "Der Service war gut.") > 0


# -- contrast, irony, emphasis --------------------------------------------------


def test_what_follows_aber_counts_more(german: GermanPolarity, threshold: float) -> None:
    complaint = "Die Beratung war freundlich, aber der Anschluss ist immer noch kaputt."
    praise = "Der Anschluss war kaputt, aber die Beratung war sehr freundlich."
    assert score(german, complaint) <= threshold
    assert score(german, complaint) < score(german, praise)


def test_praise_next_to_an_irony_marker_is_sarcasm(
    german: GermanPolarity, threshold: float
) -> None:
    assert score(german, "Super Service.") > 0
    for text in (
        "Super, mal wieder 20 Minuten in der Warteschleife.",
        "Toll, schon wieder keine Antwort.",
        "Danke für nichts.",
        "Na super, wie immer.",
    ):
        assert score(german, text) <= threshold, text


def test_irony_flips_praise_only() -> None:
    scorer = small(["kaputt*:-2"], ["super:3"])
    assert scorer.score(fold_fast("super")) > 0
    assert scorer.score(fold_fast("super, mal wieder")) < 0
    assert scorer.score(fold_fast("kaputt, mal wieder")) == scorer.score(fold_fast("kaputt"))


def test_emoji_and_shouting_add_weight(german: GermanPolarity) -> None:
    assert score(german, "Der Zähler 😡") < 0
    assert score(german, "Der Service ist SCHLECHT.") < score(german, "Der Service ist schlecht.")


def test_one_complaint_word_weighs_less_in_a_long_text(german: GermanPolarity) -> None:
    short = "Die Lieferung kam leider zu spät."
    filler = " Wir haben danach noch über den Garten, das Wetter und die Ferien gesprochen."
    assert score(german, short) < score(german, short + filler * 3) < 0


def test_common_complaints_are_negative(german: GermanPolarity, threshold: float) -> None:
    for text in (
        "Seit Stunden keine Verbindung, echt jetzt?",
        "Die Abrechnung ist schon wieder fehlerhaft.",
        "Der Mitarbeiter war pampig und unprofessionell.",
        "Ich warte seit drei Wochen auf mein Geld zurück.",
        "Die Hotline ist nicht erreichbar, was soll das?",
        "Der Zug ist rappelvoll und stickig.",
    ):
        assert score(german, text) <= threshold, text


def test_neutral_information_stays_neutral(german: GermanPolarity, threshold: float) -> None:
    for text in (
        "Der Zählerstand wird am Montag abgelesen.",
        "Die neue Filiale öffnet im März in der Innenstadt.",
        "Bitte geben Sie Ihre Kundennummer an.",
    ):
        assert score(german, text) > threshold, text


# -- the rule -----------------------------------------------------------------------


def test_brand_negativity_flags_a_german_complaint_about_the_brand(
    flag_of: Callable[[str, str], Flag | None],
) -> None:
    flag = flag_of("Bei Nordwind fällt der Strom schon wieder aus.", "brand_negativity")
    assert flag is not None
    assert "German polarity lexicon" in flag.evidence[0].why
    assert flag_of("Nordwind hat die Störung schnell behoben.", "brand_negativity") is None
