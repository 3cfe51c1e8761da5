"""Pre-approved responses: pick one that fits the post, copy it to the clipboard (OSC 52).

The policy's ``[[responses]]`` are filtered by the post's flags and language
(:func:`reviewer.flags.responses.fitting`). Copying goes through
``App.copy_to_clipboard``, which sends the text to the terminal as an OSC 52
sequence (the terminal, or tmux with ``set-clipboard on``, puts it on the
system clipboard); the copy is recorded as a note on the post, so the review
log shows which response went out, by whom and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reviewer.errors import ReviewerError
from reviewer.flags.responses import Response, fitting
from reviewer.tui import render
from reviewer.tui.screens.review_actions import ReviewRecorded

if TYPE_CHECKING:
    from reviewer.review import ReviewService
    from reviewer.store import Store
    from reviewer.tui.screens.queue import QueueScreen


def response_note(response: Response) -> str:
    """The note recorded when ``response`` is copied: its id, language and exact text."""
    return f"Copied pre-approved response {response.id} ({response.lang}): {response.text}"


class ResponsesScreen(ModalScreen[Response | None]):
    """Choose a response by number, or with the arrows and enter; escape cancels."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("escape", "cancel", "Cancel", id="responses-cancel"),
        *(
            Binding(str(n), f"choose({n})", f"Copy {n}", show=False, id=f"responses-copy-{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, responses: Sequence[Response], *, subject: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.responses = list(responses)
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog responses") as dialog:
            dialog.border_title = "Pre-approved responses"
            if self.subject:
                yield Static(
                    Text(self.subject, no_wrap=True, overflow="ellipsis"), classes="subject"
                )
            options = []
            for n, response in enumerate(self.responses, start=1):
                label = Text.assemble(
                    (f"{n} " if n <= 9 else "  ", "bold"),
                    (response.label, "bold"),
                    (f"  {response.lang} · {', '.join(response.rules)}", "dim"),
                    "\n",
                    render.safe(response.text),
                )
                options.append(Option(label, id=response.id))
            yield OptionList(*options, markup=False, id="responses-list")
            yield Static(
                Text("1–9 or ↑↓ enter to copy to the clipboard · esc to cancel", style="dim"),
                classes="hint",
            )

    def action_choose(self, number: int) -> None:
        if 1 <= number <= len(self.responses):
            self.dismiss(self.responses[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.responses[event.option_index])


def offer_responses(
    queue: QueueScreen, store: Store, service: ReviewService, responses: Sequence[Response]
) -> None:
    """Offer the responses that fit the queue's current post; copy and record the chosen one."""
    row = queue.table.current
    if row is None:
        queue.notify("No post selected.", severity="warning", markup=False)
        return
    post = store.post(row.post_id)
    lang = post.get("lang") if post else None
    rules = [flag["rule"] for flag in store.flags_of(row.post_id)]
    fits = fitting(responses, rules, lang)
    if not fits:
        queue.notify(
            f"No pre-approved response fits this post (flags: {', '.join(rules) or 'none'}; "
            f"language: {lang or 'unknown'}).",
            severity="warning",
            markup=False,
        )
        return
    subject = render.one_line(row.text, 60).plain

    def copy(response: Response | None) -> None:
        if response is None:
            return
        try:
            event = service.note(row.post_id, response_note(response))
        except ReviewerError as exc:
            queue.notify(str(exc), title="Not copied", severity="error", markup=False)
            return
        queue.app.copy_to_clipboard(response.text)
        summary = f"Copied response {response.id} to the clipboard"
        queue.post_message(ReviewRecorded(row.post_id, event, summary))

    queue.app.push_screen(ResponsesScreen(fits, subject=subject), copy)
