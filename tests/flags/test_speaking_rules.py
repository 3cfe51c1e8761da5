"""Behaviour of the claim, conduct and speaking rules beyond the labeled sets.

Evidence points into the original text, official accounts never speak out of
turn, the thread's parent text reaches complaint_reply from the database, and
a malformed section of the new policy keys names the key and the line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.flags.engine import FlagEngine, FlagInput
from reviewer.flags.policy import load_policy
from reviewer.model import Post, Severity
from reviewer.store import Store
from reviewer.workflow import flag_posts

ME = "lena.hoffmann"


def rules_of(engine: FlagEngine, post: FlagInput) -> dict[str, object]:
    return {f.rule: f for f in engine.flag([post])}


@pytest.mark.parametrize(
    ("rule", "post", "expected"),
    [
        # Zero-width space, soft hyphen and decomposed umlauts before the match.
        (
            "regulated_claim",
            {"text": "Ü\u200bbrigens: garantierte Rendite von 7 % mit dem Fonds!"},
            "garantierte",
        ),
        (
            "unsourced_claim",
            {"text": "Gru\u0308ße! 75 % der Deutschen wollen das."},
            "75 % der Deutschen",
        ),
        ("defamation", {"text": "Ärger\u00ad! Thomas Berger lügt, das weiß jeder."}, "lügt"),
        (
            "unlawful_activity",
            {"text": "Öhm\u200b, wir haben dem Prüfer vom Bauamt Schmiergeld gezahlt."},
            "Schmiergeld",
        ),
        (
            "unauthorized_spokesperson",
            {"text": "Über\u200b alles: Wir bei Nordwind senken die Preise.", "author": ME},
            "Wir bei Nordwind",
        ),
        (
            "missing_disclaimer",
            {"text": "Schöner Tag bei Nordwind Energie!", "author": ME},
            "Nordwind Energie",
        ),
        (
            "complaint_reply",
            {
                "text": "Tut mir leid! Schick mir deine Kundennummer.",
                "author": ME,
                "reply_to": "1",
                "parent_text": "Nordwind hat doppelt abgebucht!",
            },
            "Tut mir leid",
        ),
    ],
)
def test_evidence_points_into_the_original_text(
    engine: FlagEngine, rule: str, post: dict, expected: str
) -> None:
    post = {"post_id": "p", **post}
    flag = rules_of(engine, post)[rule]
    text = post["text"]
    # What matched, cut from the original text at the evidence's offsets.
    assert expected in [text[ev.start : ev.end] for ev in flag.evidence]
    for ev in flag.evidence:
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.text
        assert ev.why
    assert flag.severity == engine.policy.rule(rule).severity


def test_evidence_names_what_matched_and_why(engine: FlagEngine) -> None:
    flags = rules_of(
        engine, {"post_id": "p", "text": "Unsere Infrarotheizung heilt Rheuma, probiert es aus!"}
    )
    ev = flags["regulated_claim"].evidence
    assert [e.text for e in ev] == ["heilt", "Rheuma"]
    assert "health claim" in ev[0].why
    assert flags["regulated_claim"].severity is Severity.HIGH


@pytest.mark.parametrize(
    "author",
    [
        "nordwind_official",
        "@Nordwind_Official",
        "https://mastodon.social/@nordwind_official",
        "nordwind_official@mastodon.social",
    ],
)
def test_official_accounts_may_speak(engine: FlagEngine, author: str) -> None:
    post = {
        "post_id": "p",
        "text": "We at Nordwind will lower our prices from January.",
        "author": author,
    }
    rules = rules_of(engine, post)
    assert "unauthorized_spokesperson" not in rules
    assert "missing_disclaimer" not in rules


def test_a_post_without_author_is_not_judged_for_speaking(engine: FlagEngine) -> None:
    rules = rules_of(engine, {"post_id": "p", "text": "We at Nordwind will lower our prices."})
    assert not {"unauthorized_spokesperson", "missing_disclaimer"} & set(rules)


def test_the_north_wind_is_not_the_company(engine: FlagEngine) -> None:
    for text in ("Eisiger Nordwind heute auf Sylt", "Der Nordwind bläst kräftig"):
        assert "missing_disclaimer" not in rules_of(
            engine, {"post_id": "p", "text": text, "author": ME}
        )
    assert "missing_disclaimer" in rules_of(
        engine, {"post_id": "p", "text": "Erster Tag bei Nordwind!", "author": ME}
    )


def test_missing_credit_needs_media_that_is_not_a_link(engine: FlagEngine) -> None:
    photo = [{"path": "a.jpg", "type": "photo", "alt": None}]
    link = [{"url": "https://example.org", "type": "link", "alt": None}]
    base = {"post_id": "p", "text": "Sunset at the wind farm"}
    assert "missing_credit" in rules_of(engine, {**base, "media": photo})
    assert "missing_credit" not in rules_of(engine, base)
    assert "missing_credit" not in rules_of(engine, {**base, "media": link})
    credited = {**base, "text": "Sunset at the wind farm 📷 @jan.peters", "media": photo}
    assert "missing_credit" not in rules_of(engine, credited)


def test_complaint_reply_reads_the_parent_from_the_database(tmp_path: Path) -> None:
    when = datetime(2025, 3, 1, 12, tzinfo=UTC)
    posts = [
        Post("x", "100", "post", "kunde_k", when, "@nordwind_official meine Rechnung ist falsch!"),
        Post("x", "101", "reply", ME, when, "Tut mir leid, ich kümmere mich.", reply_to="100"),
        Post("x", "200", "post", "kunde_k", when, "Wer kommt heute zum Quiz?"),
        Post("x", "201", "reply", ME, when, "Sorry, ich schaffe es nicht.", reply_to="200"),
    ]
    with Store.open(tmp_path / "db.duckdb") as store:
        store.import_posts(source="t", sha256="1" * 64, platform="x", posts=posts, imported_by="t")
        batches = [p for b in store.posts_to_flag("v0") for p in b]
        parents = {p["post_id"]: p["parent_text"] for p in batches}
        assert parents["x:101"] == posts[0].text
        assert parents["x:100"] is None
        flag_posts(store, load_policy(), workers=1)
        rows = store.con.execute(
            "SELECT post_id FROM flags WHERE rule = 'complaint_reply'"
        ).fetchall()
    assert rows == [("x:101",)]


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('[unlawful_activity]\nterms = ["bribe* & "]\n', "[unlawful_activity] terms", 2),
        (
            '[speaking]\nself_words = ["we"]\nannouncements = ["will | & lower"]\n',
            "[speaking] announcements",
            3,
        ),
        ('[regulated_claim]\n\nfinance_terms = ["--"]\n', "[regulated_claim] finance_terms", 3),
        ('[defamation]\naccusations = "liar"\n', "[defamation] accusations", 2),
        ('[complaint_reply]\nanswers = ["sorry"]\n', "[complaint_reply] answers", 2),
    ],
)
def test_malformed_sections_name_the_key_and_line(
    tmp_path: Path, text: str, key: str, line: int
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_policy(path)
    assert f"line {line}: {key}" in str(info.value)


def test_a_user_pack_can_retune_one_list(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(
        '[organization]\nname = "Acme"\nbrands = ["Acme"]\nofficial_accounts = ["acme"]\n\n'
        '[speaking]\ndisclaimers = ["nur privat"]\n',
        encoding="utf-8",
    )
    engine = FlagEngine(load_policy(path))
    mine = {"post_id": "p", "author": ME}
    assert "missing_disclaimer" in rules_of(
        engine, {**mine, "text": "Acme rocks. Views are my own."}
    )
    assert "missing_disclaimer" not in rules_of(engine, {**mine, "text": "Acme rocks. Nur privat."})


def test_our_domain_in_a_link_or_address_is_no_mention(engine: FlagEngine) -> None:
    for text in (
        "Mehr dazu: https://www.nordwind-energie.de/faq",
        "Kontakt für Presseanfragen: presse@nordwind-energie.de",
    ):
        post = {"post_id": "p", "text": text, "author": ME}
        assert "missing_disclaimer" not in rules_of(engine, post)
    post = {"post_id": "p", "text": "Bei Nordwind: nordwind-energie.de", "author": ME}
    assert "missing_disclaimer" in rules_of(engine, post)


def test_a_repost_is_not_the_author_speaking(engine: FlagEngine) -> None:
    text = "RT @nordwind_official: Wir bei Nordwind senken ab Januar die Preise."
    post = {"post_id": "p", "text": text, "author": ME, "kind": "repost"}
    assert not {"missing_disclaimer", "unauthorized_spokesperson"} & set(rules_of(engine, post))
