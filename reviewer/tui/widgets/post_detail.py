"""The detail pane: one post's full text with its evidence, its flags, state and history."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from reviewer.tui import render
from reviewer.tui.data import PostView


class PostDetail(Horizontal):
    """Shows a :class:`PostView`. Every string from the database goes in as ``Text``."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="post-pane") as post_pane:
            post_pane.border_title = "Post"
            yield Static(Text("No post selected.", style="dim"), id="post-text")
            yield Static("", id="post-meta")
        with VerticalScroll(id="review-pane") as review_pane:
            review_pane.border_title = "Flags · state · history"
            yield Vertical(id="flags")
            yield Static("", id="post-state")
            yield Static("", id="post-history")

    def show(self, view: PostView, policy_ref: Callable[[str], str | None]) -> None:
        """Replace the pane's content with ``view``."""
        if view.post is None:
            self.show_message(f"{view.post_id} is no longer in the database.")
            return
        self.query_one("#post-text", Static).update(
            render.post_text(view.post.get("text") or "", view.flags)
        )
        self.query_one("#post-meta", Static).update(render.metadata(view.post))
        flags = self.query_one("#flags", Vertical)
        flags.remove_children()
        flags.mount_all(
            Static(
                render.flag_text(flag, policy_ref, view.verdicts.get(flag["rule"])),
                classes=f"flag sev-{flag['severity']}",
            )
            for flag in view.flags
        )
        self.query_one("#post-state", Static).update(render.state_text(view.state))
        history = render.history(view.events)
        if view.more_events:
            history = Text("(older events not shown)\n", style="dim").append_text(history)
        self.query_one("#post-history", Static).update(history)
        self.query_one("#post-pane", VerticalScroll).scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        """An empty pane with one line of explanation (no post, or an empty queue)."""
        self.query_one("#post-text", Static).update(Text(message, style="dim"))
        for selector in ("#post-meta", "#post-state", "#post-history"):
            self.query_one(selector, Static).update("")
        self.query_one("#flags", Vertical).remove_children()
