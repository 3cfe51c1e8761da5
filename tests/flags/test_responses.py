"""Pre-approved responses in the policy file: validation with lines, fitting, versioning."""

from __future__ import annotations

import pytest

from reviewer.errors import InputError
from reviewer.flags.policy import _default_effective, load_policy, parse_policy
from reviewer.flags.responses import Response, fitting

GOOD = """\
[organization]
name = "Acme"

[[responses]]
id = "sorry_en"
lang = "en"
rules = ["brand_negativity"]
text = "Sorry!"

[[responses]]
id = "sorry_de"
lang = "DE"
rules = ["brand_negativity", "complaint_reply"]
title = "Entschuldigung"
text = "  Entschuldigung!  "
"""


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_policy(text, defaults=_default_effective())


def test_the_default_pack_has_responses_in_english_and_german() -> None:
    policy = load_policy()
    langs = {r.lang for r in policy.responses}
    assert langs == {"en", "de"}
    ids = [r.id for r in policy.responses]
    assert len(ids) == len(set(ids)) >= 8
    for response in policy.responses:
        twin = response.id.rsplit("_", 1)[0]
        assert {r.lang for r in policy.responses if r.id.rsplit("_", 1)[0] == twin} == langs


def test_a_user_file_has_only_its_own_responses() -> None:
    policy = _parse(GOOD)
    assert [(r.id, r.lang, r.rules, r.text) for r in policy.responses] == [
        ("sorry_en", "en", ("brand_negativity",), "Sorry!"),
        ("sorry_de", "de", ("brand_negativity", "complaint_reply"), "Entschuldigung!"),
    ]
    assert _parse('[organization]\nname = "Acme"\n').responses == []


def test_responses_do_not_change_the_policy_version() -> None:
    without = _parse('[organization]\nname = "Acme"\n')
    assert _parse(GOOD).version == without.version


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('lang = "en"\n', 'line 12: [[responses]] #2 lang: "english" must be a two-letter'),
        ('id = "sorry_de"\n', 'line 11: [[responses]] #2 id: duplicate id "sorry_en"'),
        ('rules = ["brand_negativity"]\n', 'line 13: [[responses]] #2 rules: unknown rule "nope"'),
        ('text = "Entschuldigung!"\n', "line 15: [[responses]] #2 text: must not be empty"),
        ('title = "Entschuldigung"\n', "line 14: [[responses]] #2 colour: unknown key"),
    ],
)
def test_errors_name_the_entry_the_key_and_the_line(change: str, message: str) -> None:
    bad = {
        'lang = "en"\n': 'lang = "english"\n',
        'id = "sorry_de"\n': 'id = "sorry_en"\n',
        'rules = ["brand_negativity"]\n': 'rules = ["nope"]\n',
        'text = "Entschuldigung!"\n': 'text = "   "\n',
        'title = "Entschuldigung"\n': 'colour = "red"\n',
    }[change]
    second = (
        "\n[[responses]]\n"
        'id = "sorry_de"\n'
        'lang = "en"\n'
        'rules = ["brand_negativity"]\n'
        'title = "Entschuldigung"\n'
        'text = "Entschuldigung!"\n'
    ).replace(change, bad)
    text = GOOD.split('\n[[responses]]\nid = "sorry_de"')[0] + second
    with pytest.raises(InputError) as err:
        _parse(text)
    assert message in str(err.value)
    assert str(err.value).startswith("<policy>: ")


def test_a_missing_key_and_a_plain_table_are_errors() -> None:
    with pytest.raises(InputError, match=r"line 1: \[\[responses\]\] #1: missing key text"):
        _parse('[[responses]]\nid = "a"\nlang = "en"\nrules = ["hate"]\n')
    with pytest.raises(InputError, match=r"line 1: \[responses\]: write it as \[\[responses\]\]"):
        _parse('[responses]\nid = "a"\n')


def test_fitting_by_rule_and_language() -> None:
    responses = [
        Response("a_en", "en", ("brand_negativity",), "A"),
        Response("b_en", "en", ("personal_data", "credential_leak"), "B"),
        Response("a_de", "de", ("brand_negativity",), "A!"),
    ]
    fits = fitting(responses, ["credential_leak", "brand_negativity"], "en-GB")
    assert [r.id for r in fits] == ["b_en", "a_en"]  # the post's first rule first
    assert [r.id for r in fitting(responses, ["brand_negativity"], "de")] == ["a_de"]
    assert [r.id for r in fitting(responses, ["brand_negativity"], None)] == ["a_en", "a_de"]
    assert fitting(responses, ["hate"], "en") == []
