"""The keyboard-driven review TUI (the only package that imports Textual)."""

from reviewer.tui.app import ReviewerApp, make_app

__all__ = ["ReviewerApp", "make_app"]
