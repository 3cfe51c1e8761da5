"""The filter form: which flagged posts the queue shows, in which order, saved by name."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from reviewer.errors import ReviewerError
from reviewer.model import SEVERITY_ORDER, Status
from reviewer.store.queue_filter import SORTS, UNASSIGNED, QueueFilter, parse_day


@dataclass(frozen=True, slots=True)
class FilterChosen:
    """What the form was closed with: the filter, and a name to save it under (or None)."""

    filter: QueueFilter
    save_as: str | None = None


def _options(values: list[str]) -> list[tuple[Text, str]]:
    # Values can come from the data (assignee names): Text, never markup.
    return [
        (Text(value.replace("_", " ") if value in _WORDS else value), value) for value in values
    ]


_WORDS = {s.value for s in Status}


class FilterScreen(ModalScreen[FilterChosen | None]):
    """Edit the queue filter; enter applies, escape cancels.

    ``facets`` are the values in use (``rule``, ``platform``, ``assignee``),
    offered as choices; ``me`` is the reviewer, offered first as assignee.
    """

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("escape", "cancel", "Cancel", id="filter-cancel"),
    ]

    def __init__(self, current: QueueFilter, facets: dict[str, list[str]], *, me: str) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current
        self.facets = facets
        self.me = me

    def _row(self, label: str, widget: Input | Select[str]) -> Horizontal:
        return Horizontal(Label(label, classes="filter-label"), widget, classes="filter-row")

    def compose(self) -> ComposeResult:
        f = self.current
        assignees = [
            self.me,
            UNASSIGNED,
            *(a for a in self.facets.get("assignee", []) if a != self.me),
        ]
        with Vertical(classes="dialog filter-form") as dialog:
            dialog.border_title = "Filter the queue"
            yield self._row(
                "Text contains", Input(f.text or "", placeholder="any", id="f-text", compact=True)
            )
            yield self._row("Rule", self._select("f-rule", self.facets.get("rule", []), f.rule))
            yield self._row(
                "Severity ≥",
                self._select("f-severity", [str(s) for s in SEVERITY_ORDER], f.min_severity),
            )
            yield self._row("Status", self._select("f-status", [s.value for s in Status], f.status))
            yield self._row(
                "Platform", self._select("f-platform", self.facets.get("platform", []), f.platform)
            )
            yield self._row(
                "Author contains",
                Input(f.author or "", placeholder="any", id="f-author", compact=True),
            )
            yield self._row("Assignee", self._select("f-assignee", assignees, f.assignee))
            yield self._row(
                "From day",
                Input(_day(f.since), placeholder="YYYY-MM-DD", id="f-since", compact=True),
            )
            yield self._row(
                "To day",
                Input(_day(f.until), placeholder="YYYY-MM-DD", id="f-until", compact=True),
            )
            yield self._row(
                "Sort",
                Select(
                    [(Text(label), key) for key, label in SORTS.items()],
                    value=f.sort,
                    allow_blank=False,
                    id="f-sort",
                    compact=True,
                ),
            )
            yield self._row(
                "Save as",
                Input(placeholder="name (optional)", id="f-name", compact=True, max_length=64),
            )
            with Horizontal(classes="filter-buttons"):
                yield Button("Apply", variant="primary", id="f-apply", compact=True)
                yield Button("Clear all", id="f-clear", compact=True)
                yield Button("Cancel", id="f-cancel", compact=True)
            yield Static(
                Text("enter in a field to apply · tab to move · esc to cancel", style="dim"),
                classes="hint",
            )

    def _select(self, ident: str, values: list[str], current: str | None) -> Select[str]:
        if current and current not in values:
            values = [*values, current]
        return Select(
            _options(values),
            prompt="any",
            value=current if current else Select.NULL,
            id=ident,
            compact=True,
        )

    def _value(self, ident: str) -> str | None:
        widget = self.query_one(f"#{ident}")
        if isinstance(widget, Select):
            value = widget.value
            return None if value is Select.NULL or value is None else str(value)
        assert isinstance(widget, Input)
        return widget.value.strip() or None

    def _chosen(self) -> QueueFilter:
        since, until = self._value("f-since"), self._value("f-until")
        return QueueFilter(
            rule=self._value("f-rule"),
            min_severity=self._value("f-severity"),
            status=self._value("f-status"),
            platform=self._value("f-platform"),
            author=self._value("f-author"),
            assignee=self._value("f-assignee"),
            since=parse_day(since, "from day") if since else None,
            until=parse_day(until, "to day") if until else None,
            text=self._value("f-text"),
            sort=self._value("f-sort") or "severity",
        )

    def action_apply(self) -> None:
        try:
            chosen = self._chosen()
        except ReviewerError as exc:
            self.notify(str(exc), title="Not applied", severity="error", markup=False)
            return
        self.dismiss(FilterChosen(chosen, self._value("f-name")))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#f-apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#f-clear")
    def _clear_pressed(self) -> None:
        self.dismiss(FilterChosen(self.current.cleared()))

    @on(Button.Pressed, "#f-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


def _day(value: object) -> str:
    return value.isoformat() if value is not None else ""  # type: ignore[attr-defined]
