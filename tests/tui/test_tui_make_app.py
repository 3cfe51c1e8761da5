"""make_app: the factory the CLI runs, wiring the policy's tags and references."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets import Static
from tui_support import REVIEWER, settle

from reviewer.store import Store
from reviewer.tui import make_app


@dataclass
class _Rule:
    policy_ref: str


@dataclass
class _Policy:
    tags: list[str] = field(default_factory=lambda: ["first", "second"])

    def rule(self, name: str) -> _Rule:
        if name != "confidential":
            raise KeyError(name)
        return _Rule("Social media policy, point 3")


async def test_make_app_uses_the_policy(store: Store) -> None:
    app = make_app(store, REVIEWER, _Policy())
    assert app.tags == ["first", "second"]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [flag] = app.screen.query(".flag").results(Static)
        assert isinstance(flag.content, Text)
        assert "Social media policy, point 3" in flag.content.plain
        await pilot.press("2")
        await settle(pilot)
        assert store.state("x:1")["tags"] == ["second"]


def test_make_app_loads_the_default_policy(store: Store) -> None:
    app = make_app(store, REVIEWER, keymap={"undo": "U"})
    assert 1 <= len(app.tags) <= 9
    assert app.policy_ref("no_such_rule") is None
