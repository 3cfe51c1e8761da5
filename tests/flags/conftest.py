"""Shared fixtures for the flag engine tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import Policy, load_policy
from reviewer.model import Flag


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def engine(policy: Policy) -> FlagEngine:
    return FlagEngine(policy)


@pytest.fixture
def flag_of(engine: FlagEngine) -> Callable[[str, str], Flag | None]:
    """The flag of ``rule`` on a post with ``text``, or None."""

    def run(text: str, rule: str) -> Flag | None:
        flags = [f for f in engine.flag([{"post_id": "t:1", "text": text}]) if f.rule == rule]
        assert len(flags) <= 1, "one flag per rule and post"
        return flags[0] if flags else None

    return run
