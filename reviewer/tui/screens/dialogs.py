"""Small modal dialogs: pick one of a few choices, or write a note."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

_CANCEL = Binding("escape", "cancel", "Cancel", id="dialog-cancel")


class ChoiceScreen(ModalScreen[str | None]):
    """Choose one value by its number, or with the arrows and enter; escape cancels.

    Dismisses with the chosen value, or ``None`` when cancelled.
    """

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        _CANCEL,
        *(
            Binding(str(n), f"choose({n})", f"Choose {n}", show=False, id=f"dialog-choose-{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]], *, subject: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.subject = subject
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            if self.subject:
                yield Static(
                    Text(self.subject, no_wrap=True, overflow="ellipsis"), classes="subject"
                )
            yield OptionList(
                *(
                    Option(Text.assemble((f"{n} ", "bold"), label), id=value)
                    for n, (value, label) in enumerate(self.choices, start=1)
                ),
                markup=False,
            )
            yield Static(
                Text("1–9 or ↑↓ enter to choose · esc to cancel", style="dim"), classes="hint"
            )

    def action_choose(self, number: int) -> None:
        if 1 <= number <= len(self.choices):
            self.dismiss(self.choices[number - 1][0])

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class NoteScreen(ModalScreen[str | None]):
    """Write one line of text; enter saves, escape cancels. Dismisses with the text or ``None``.

    Used for notes, the search text and a reviewer's name; ``allow_empty`` lets
    enter on an empty line through (an empty search clears the search).
    """

    BINDINGS = [_CANCEL]  # noqa: RUF012

    def __init__(
        self,
        title: str,
        *,
        subject: str = "",
        placeholder: str = "note",
        value: str = "",
        allow_empty: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.subject = subject
        self.placeholder = placeholder
        self.value = value
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            if self.subject:
                yield Static(
                    Text(self.subject, no_wrap=True, overflow="ellipsis"), classes="subject"
                )
            yield Input(self.value, placeholder=self.placeholder)
            yield Static(Text("enter to save · esc to cancel", style="dim"), classes="hint")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip() and not self.allow_empty:
            self.notify("The note is empty.", severity="warning", markup=False)
            return
        self.dismiss(event.value)
