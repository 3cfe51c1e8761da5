"""The help screen: every key of the screen beneath, as the keymap has bound it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpRow = tuple[str, str, str]  # (keys, what they do, binding id or "")
HelpSection = tuple[str, list[HelpRow]]


def _action_name(action: str) -> str:
    return action.rpartition(".")[2]


def help_sections(
    bindings: Iterable[ActiveBinding],
    *,
    main: Sequence[str],
    key_display: Callable[[Binding], str],
    describe: Callable[[Binding], str] = lambda b: b.description,
    main_title: str = "Review",
) -> list[HelpSection]:
    """The active bindings in sections: ``main`` ids first (in that order), then the rest.

    A widget's key for the same action as a main binding (the table's ↓ for
    "next post") is listed on the main binding's row.
    """
    keys: dict[str, list[str]] = {}
    what: dict[str, str] = {}
    section_of: dict[str, str] = {}
    main_actions: dict[str, str] = {}
    # Main bindings first, so their own keys lead their rows.
    actives = sorted(bindings, key=lambda active: active.binding.id not in main)
    for active in actives:
        if active.binding.id in main:
            main_actions[_action_name(active.binding.action)] = active.binding.id
    for active in actives:
        binding = active.binding
        if not binding.description or binding.system:
            continue
        ident = binding.id if binding.id in main else None
        ident = ident or main_actions.get(_action_name(binding.action))
        if ident is None:
            ident = binding.id or binding.action
            section_of.setdefault(ident, "Other keys")
        else:
            section_of[ident] = main_title
        shown = key_display(binding)
        if shown not in keys.setdefault(ident, []):
            keys[ident].append(shown)
        if ident in main and binding.id == ident:
            what[ident] = describe(binding)
        else:
            what.setdefault(ident, describe(binding))
    order = {ident: n for n, ident in enumerate(main)}
    sections: list[HelpSection] = []
    for title in (main_title, "Other keys"):
        idents = [i for i in keys if section_of[i] == title]
        idents.sort(key=lambda i: order.get(i, len(order)))
        rows = [(" ".join(keys[i]), what[i], i if i in order else "") for i in idents]
        if rows:
            sections.append((title, rows))
    return sections


class HelpScreen(ModalScreen[None]):
    """Lists the keys; escape, q or ? closes it."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("escape,q,question_mark", "close", "Close help", id="help-close"),
    ]

    def __init__(self, sections: list[HelpSection], *, title: str = "Keys") -> None:
        super().__init__(classes="dialog-screen")
        self.sections = sections
        self.title_text = title

    def compose(self) -> ComposeResult:
        rows = [row for _title, section in self.sections for row in section]
        width = max((len(keys) for keys, _what, _id in rows), default=4)
        table = Text(end="")
        for title, section in self.sections:
            if table.plain:
                table.append("\n\n")
            table.append(title, style="bold underline")
            for keys, what, ident in section:
                table.append("\n")
                table.append(keys.rjust(width), style="bold")
                table.append("  ")
                table.append(what)
                if ident:
                    table.append(f"  {ident}", style="dim")
        with VerticalScroll(classes="dialog help") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = "binding ids (dim) can be remapped · esc to close"
            yield Static(table, id="help-keys")

    def action_close(self) -> None:
        self.dismiss(None)
