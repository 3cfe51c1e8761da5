"""The engine: batching, rule selection by policy, flag fields, purity."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.flags.engine import FlagEngine, FlagInput
from reviewer.flags.policy import load_policy
from reviewer.flags.rules import IMPLEMENTED_RULES
from reviewer.model import RULES

POSTS: list[FlagInput] = [
    {"post_id": "x:1", "text": "Projekt Polarstern und DE89 3704 0044 0532 0130 00"},
    {"post_id": "x:2", "text": "Schöner Tag am Meer 🌊"},
    {"post_id": "x:3", "text": None},
    {
        "post_id": "x:4",
        "text": "mail me: jo.doe@example.com",
        "platform": "x",
        "kind": "post",
        "author": "jo",
        "lang": "en",
        "media": [],
        "reply_to": None,
    },
]


def test_flags_carry_rule_severity_score_and_policy_version(engine, policy) -> None:
    flags = engine.flag(POSTS)
    assert [(f.post_id, f.rule) for f in flags] == [
        ("x:1", "confidential"),
        ("x:1", "personal_data"),
        ("x:4", "personal_data"),
    ]
    for f in flags:
        assert f.policy_version == policy.version
        assert f.severity is policy.rule(f.rule).severity
        assert 0.0 <= f.score <= 1.0
        assert f.evidence


def test_batch_size_does_not_change_results(policy) -> None:
    posts = POSTS * 7
    posts = [{**p, "post_id": f"x:{i}"} for i, p in enumerate(posts)]
    one = FlagEngine(policy, batch_size=1).flag(posts)
    big = FlagEngine(policy, batch_size=1000).flag(posts)
    assert one == big
    assert list(FlagEngine(policy, batch_size=3).iter_flags(iter(posts))) == big


def test_disabled_rule_does_not_run(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[confidential]\nterms = ["Projekt Polarstern"]\n\n'
        "[rules.personal_data]\nenabled = false\n",
        encoding="utf-8",
    )
    engine = FlagEngine(load_policy(path))
    assert "personal_data" not in engine.active_rules
    assert "confidential" in engine.active_rules
    assert {f.rule for f in engine.flag(POSTS)} == {"confidential"}


def test_every_contract_rule_runs(engine) -> None:
    assert engine.active_rules == [r for r in RULES if r in IMPLEMENTED_RULES]
    assert engine.active_rules == list(RULES)


def test_post_without_id_is_an_input_error(engine) -> None:
    with pytest.raises(InputError, match="post_id"):
        engine.flag([{"text": "hello"}])  # type: ignore[typeddict-item]


def test_empty_input(engine) -> None:
    assert engine.flag([]) == []


def test_flag_engine_does_not_import_textual_or_duckdb() -> None:
    code = (
        "import sys\n"
        "from reviewer.flags.engine import FlagEngine\n"
        "from reviewer.flags.policy import load_policy\n"
        "FlagEngine(load_policy()).flag([{'post_id': 'a', 'text': 'Projekt Polarstern'}])\n"
        "bad = [m for m in ('textual', 'duckdb') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
