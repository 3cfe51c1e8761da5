"""Fixtures for the TUI tests: a real DuckDB with hostile posts, and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import REVIEWER, TAGS, seed

from reviewer.store import Store
from reviewer.tui.app import ReviewerApp


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots flaky."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = Store.open(tmp_path / "t.duckdb")
    seed(db)
    yield db
    db.close()


@pytest.fixture
def app(store: Store) -> ReviewerApp:
    return ReviewerApp(store, REVIEWER, tags=TAGS)
