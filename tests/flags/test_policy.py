"""The policy file: the default pack, versioning, defaults and strict validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.flags.policy import DEFAULT_POLICY_PATH, load_policy
from reviewer.flags.rules import IMPLEMENTED_RULES
from reviewer.model import RULES, Role, Severity


def write(tmp_path: Path, text: str, name: str = "policy.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> InputError:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_policy(path)
    assert info.value.where == str(path)
    return info.value


def test_default_pack_loads_with_every_rule(policy) -> None:
    assert policy.path == DEFAULT_POLICY_PATH
    assert policy.organization.name == "Nordwind Energie"
    assert "Solaris Power" in policy.organization.competitors
    assert policy.organization.official_accounts == ["nordwind_official"]
    assert policy.organization.domains == ["nordwind-energie.de"]
    assert policy.confidential_terms == ["Projekt Polarstern", "Q3-Zahlen", "Nordlicht-Vertrag"]
    assert "streng vertraulich" in policy.confidential_markings
    assert policy.tags[:2] == ["needs-context", "repeat"]
    assert set(policy.rules) == set(RULES)
    for name in RULES:
        cfg = policy.rule(name)
        assert isinstance(cfg.severity, Severity)
        assert cfg.policy_ref and cfg.description
    assert policy.rule("confidential").escalate_to is Role.LEGAL
    assert policy.rule("personal_data").escalate_to is Role.DATA_PROTECTION
    assert {n for n in RULES if policy.rule(n).implemented} == set(IMPLEMENTED_RULES)
    assert {"confidential", "personal_data", "credential_leak"} <= set(IMPLEMENTED_RULES)
    assert len(policy.version) == 16
    int(policy.version, 16)


def test_unknown_rule_name_is_a_key_error(policy) -> None:
    with pytest.raises(KeyError):
        policy.rule("no_such_rule")


def test_version_ignores_comments_and_layout(tmp_path: Path, policy) -> None:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    edited = "# a new comment\n\n" + text.replace(
        'name = "Nordwind Energie"', 'name   =   "Nordwind Energie"   # spaced out'
    )
    assert load_policy(write(tmp_path, edited)).version == policy.version


def test_version_changes_when_a_term_changes(tmp_path: Path, policy) -> None:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    edited = text.replace('"Nordlicht-Vertrag"]', '"Nordlicht-Vertrag", "Projekt Eisbär"]')
    assert edited != text
    assert load_policy(write(tmp_path, edited)).version != policy.version


def test_version_changes_when_a_severity_changes(tmp_path: Path, policy) -> None:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    edited = text.replace(
        '[rules.confidential]  # implemented / umgesetzt\nseverity = "high"',
        '[rules.confidential]  # implemented / umgesetzt\nseverity = "critical"',
    )
    assert edited != text
    changed = load_policy(write(tmp_path, edited))
    assert changed.rule("confidential").severity is Severity.CRITICAL
    assert changed.version != policy.version


def test_user_file_inherits_generic_settings_but_not_company_lists(tmp_path: Path) -> None:
    policy = load_policy(
        write(
            tmp_path,
            '[organization]\nname = "Acme"\ndomains = ["acme.example"]\n\n'
            '[rules.profanity]\nseverity = "high"\n',
        )
    )
    assert policy.organization.name == "Acme"
    assert policy.organization.brands == []
    assert policy.confidential_terms == []  # never Nordwind's code names
    assert "confidential" in policy.confidential_markings  # generic: inherited
    assert policy.tags == load_policy().tags
    assert policy.rule("profanity").severity is Severity.HIGH
    assert policy.rule("profanity").policy_ref == load_policy().rule("profanity").policy_ref
    assert policy.rule("confidential").severity is Severity.HIGH


def test_empty_file_is_a_valid_policy(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, "# nothing configured\n"))
    assert policy.confidential_terms == []
    assert set(policy.rules) == set(RULES)


def test_handles_and_domains_are_normalised(tmp_path: Path) -> None:
    policy = load_policy(
        write(
            tmp_path,
            '[organization]\nofficial_accounts = ["@acme"]\ndomains = ["Acme.Example."]\n',
        )
    )
    assert policy.organization.official_accounts == ["acme"]
    assert policy.organization.domains == ["acme.example"]


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[organization]\nname = "Acme"\nbrands = ["a", \n\n[review]\n')
    assert "TOML syntax error" in err.reason
    assert err.reason.startswith("line 5:")


def test_toml_syntax_error_on_a_bad_value(tmp_path: Path) -> None:
    err = load_error(tmp_path, "[review]\ntags = [needs-context]\n")
    assert err.reason.startswith("line 2:")


def test_unknown_rule_names_the_section_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, '# x\n\n[rules.confidental]\nseverity = "high"\n')
    assert err.reason.startswith("line 3: [rules.confidental]: unknown rule")
    assert "confidential" in err.reason


def test_bad_severity_names_the_key_line(tmp_path: Path) -> None:
    text = '[rules.personal_data]\nenabled = true\nseverity = "severe"\n'
    err = load_error(tmp_path, text)
    assert err.reason == (
        "line 3: [rules.personal_data] severity: must be one of info, low, medium, high, critical"
    )
    assert str(err).startswith(str(tmp_path / "policy.toml") + ": line 3:")


def test_wrong_type_names_the_key_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[organization]\nname = "Acme"\n\n[confidential]\nterms = "X"\n')
    assert err.reason == "line 5: [confidential] terms: must be a list of strings"


def test_wrong_type_of_a_rule_flag(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[rules.hate]\nenabled = "yes"\n')
    assert err.reason == "line 2: [rules.hate] enabled: must be true or false"


def test_bad_escalation_role(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[rules.hate]\nescalate_to = "police"\n')
    assert err.reason.startswith("line 2: [rules.hate] escalate_to: must be one of")


def test_unknown_section_and_unknown_key(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[organisation]\nname = "Acme"\n')
    assert err.reason.startswith("line 1: [organisation]: unknown section")
    err = load_error(tmp_path, '[review]\ntags = ["a"]\ncolour = "red"\n')
    assert err.reason.startswith("line 3: [review] colour: unknown key")


def test_rules_written_as_dotted_keys_still_name_a_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[rules]\nhate.severity = "extreme"\n')
    assert err.reason.startswith("line 2: [rules.hate] severity:")


def test_too_many_tags_and_duplicates(tmp_path: Path) -> None:
    tags = ", ".join(f'"t{i}"' for i in range(10))
    err = load_error(tmp_path, f"[review]\ntags = [{tags}]\n")
    assert err.reason.startswith("line 2: [review] tags: at most 9 tags")
    err = load_error(tmp_path, '[confidential]\nterms = ["Projekt X", "projekt x"]\n')
    assert err.reason.startswith("line 2: [confidential] terms: duplicate entry")


def test_domain_must_be_bare(tmp_path: Path) -> None:
    err = load_error(tmp_path, '[organization]\ndomains = ["https://acme.example"]\n')
    assert err.reason.startswith("line 2: [organization] domains:")


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read policy file"):
        load_policy(tmp_path / "absent.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes('[organization]\nname = "Gr\xfcn"\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_policy(path)
