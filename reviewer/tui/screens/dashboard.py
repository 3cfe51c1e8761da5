"""The dashboard screen: flags per rule and platform, the backlog, negative mentions per day.

The numbers are aggregated by DuckDB (``reviewer.store.dashboard``) in a thread
worker on a cursor of its own, so opening the dashboard on a million posts
never freezes the UI; a loading indicator shows until they arrive. The chart
is a plotext bar chart (textual-plotext); spike days are drawn in another
colour, marked ▲ and listed under the chart.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from reviewer.store import Store
from reviewer.store.dashboard import (
    AGE_BUCKETS,
    NEGATIVE_RULE,
    SPIKE_SIGMAS,
    SPIKE_WINDOW,
    Dashboard,
    DayCount,
    read_dashboard,
)
from reviewer.tui import render
from reviewer.tui.screens.help import HelpScreen, help_sections

_SPIKE_COLOR = "red"
_BAR_COLOR = "orange"


class NegativeChart(PlotextPlot):
    """Mentions per day as bars, spike days in red under a ▲.

    The figure is drawn anew on every render, at the widget's current size:
    a plotext figure keeps layout state from the sizes it was drawn at before,
    so one figure redrawn after the layout settles can place ticks differently
    from a fresh one (and snapshots would depend on timing).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: list[DayCount] = []

    def render(self) -> RenderResult:
        # A new figure each time: clear_figure() leaves plotext layout state behind.
        self._plot = plt = Plot()
        days = self.days
        if days:
            xs = list(range(1, len(days) + 1))
            normal = [(x, d.count) for x, d in zip(xs, days, strict=True) if not d.spike]
            marked = [(x, d.count) for x, d in zip(xs, days, strict=True) if d.spike]
            for bars, color in ((normal, _BAR_COLOR), (marked, _SPIKE_COLOR)):
                if bars:
                    plt.bar([x for x, _ in bars], [n for _, n in bars], color=color, width=0.6)
            if marked:
                lift = max(max(d.count for d in days) * 0.06, 0.5)
                for x, n in marked:
                    plt.text("▲", x=x, y=n + lift, color=_SPIKE_COLOR, alignment="center")
            # No date labels on the axis: plotext places them slightly differently
            # from one figure to the next in one process, which makes snapshots flaky.
            # The caption under the chart names the first, last and spike days.
            plt.xticks([], [])
            top = math.ceil(max(d.count for d in days) * 1.25) + 1
            step = max(1, math.ceil(top / 5))
            plt.yticks(list(range(0, top + 1, step)))
            plt.ylim(0, top)
            plt.xlim(0.3, len(days) + 0.7)
        return super().render()


class DashboardScreen(Screen[None]):
    """Counts over the whole database; escape goes back to the queue."""

    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        Binding("escape,d", "back", "Back to the queue", id="dashboard-back"),
        Binding("g", "refresh_numbers", "Refresh", id="dashboard-refresh"),
        Binding("question_mark", "show_help", "Help", id="dashboard-help"),
        Binding("q", "app.quit", "Quit", id="dashboard-quit"),
    ]

    class Loaded(Message):
        """The dashboard's numbers arrived from the store."""

        def __init__(self, dashboard: Dashboard) -> None:
            super().__init__()
            self.dashboard = dashboard

    def __init__(self, store: Store, *, now: datetime | None = None) -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.dashboard: Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Dashboard  loading…"), id="dash-topbar")
        with Vertical(id="dash-body"):
            yield Static("", id="dash-message")
            rules = DataTable[Any](id="dash-rules", zebra_stripes=True, cursor_type="none")
            rules.border_title = "Flags per rule and platform"
            yield rules
            with Horizontal(id="dash-bottom"):
                backlog = DataTable[Any](id="dash-backlog", cursor_type="none")
                backlog.border_title = "Open backlog by status and age"
                yield backlog
                with Vertical(id="dash-negative") as negative:
                    negative.border_title = f"Negative brand mentions per day ({NEGATIVE_RULE})"
                    yield NegativeChart(id="dash-plot")
                    yield Static("", id="dash-spikes")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_numbers()

    # -- loading ------------------------------------------------------------------

    def refresh_numbers(self) -> None:
        """Read the numbers again in a worker; the body shows a loading indicator meanwhile."""
        self.query_one("#dash-body").loading = True
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        worker = get_current_worker()
        cur = self.store.cursor()
        try:
            dashboard = read_dashboard(cur, now=self.now)
        finally:
            cur.close()
        if not worker.is_cancelled:
            self.post_message(self.Loaded(dashboard))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.group != "dashboard":
            return
        self.query_one("#dash-body").loading = False
        self._message(f"Could not read the database: {event.worker.error}")

    def on_dashboard_screen_loaded(self, message: Loaded) -> None:
        self.dashboard = dashboard = message.dashboard
        self.query_one("#dash-body").loading = False
        self.query_one("#dash-topbar", Static).update(_topbar(dashboard))
        self.query_one("#dash-backlog").border_subtitle = "age since first flagged"
        if dashboard.posts == 0:
            self._message(
                "The database is empty. Import exports with `reviewer import`, "
                "then flag them with `reviewer flag`."
            )
            return
        if dashboard.flags == 0:
            self._message(
                f"None of the {dashboard.posts:,} posts has a flag yet. "
                "Flag them with `reviewer flag`."
            )
            return
        self._message(None)
        self._fill_rules(dashboard)
        self._fill_backlog(dashboard)
        self._draw_negative(dashboard)

    def _message(self, text: str | None) -> None:
        """Show ``text`` instead of the panels, or the panels when ``None``."""
        message = self.query_one("#dash-message", Static)
        message.update(Text(text or ""))
        message.display = text is not None
        self.query_one("#dash-rules").display = text is None
        self.query_one("#dash-bottom").display = text is None

    # -- panels ---------------------------------------------------------------------

    def _fill_rules(self, dashboard: Dashboard) -> None:
        table = self.query_one("#dash-rules", DataTable)
        table.clear(columns=True)
        table.add_column("Rule", key="rule")
        for platform in dashboard.platforms:
            table.add_column(Text(platform, justify="right"), key=platform)
        table.add_column(Text("Total", justify="right"), key="total")
        for rule, counts in dashboard.rule_platform.items():
            cells: list[Text] = [render.plain(rule)]
            cells += [_number(counts.get(p, 0)) for p in dashboard.platforms]
            cells.append(_number(sum(counts.values()), style="bold"))
            table.add_row(*cells)
        # An explicit height (rows, header, border; CSS caps it): an auto height is
        # measured later, and the chart below would be drawn at a passing size first.
        table.styles.height = len(dashboard.rule_platform) + 3

    def _fill_backlog(self, dashboard: Dashboard) -> None:
        table = self.query_one("#dash-backlog", DataTable)
        table.clear(columns=True)
        table.add_column("Status", key="status")
        for label, short, *_ in AGE_BUCKETS:
            table.add_column(Text(short, justify="right"), key=label)
        table.add_column(Text("Total", justify="right"), key="total")
        for status, buckets in dashboard.backlog.items():
            table.add_row(
                render.status_cell(status),
                *(_number(n) for n in buckets.values()),
                _number(sum(buckets.values()), style="bold"),
            )
        table.add_row(
            Text("resolved", style=render.STATUS_STYLE["resolved"]),
            *(Text("") for _ in AGE_BUCKETS),
            _number(dashboard.resolved, style="dim"),
        )

    def _draw_negative(self, dashboard: Dashboard) -> None:
        chart = self.query_one(NegativeChart)
        spikes = self.query_one("#dash-spikes", Static)
        chart.days = dashboard.negative_days
        chart.display = bool(chart.days)
        chart.refresh()
        if not chart.days:
            spikes.update(Text(f"No {NEGATIVE_RULE} flags: no negative brand mentions to chart."))
        else:
            spikes.update(_spike_line(dashboard))

    # -- keys -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_refresh_numbers(self) -> None:
        self.refresh_numbers()

    def action_show_help(self) -> None:
        main = [b.id for b in self.BINDINGS if isinstance(b, Binding) and b.id]
        sections = help_sections(
            self.active_bindings.values(),
            main=main,
            key_display=self.app.get_key_display,
            main_title="Dashboard",
        )
        self.app.push_screen(HelpScreen(sections))


def _number(n: int, style: str = "") -> Text:
    return Text(f"{n:,}" if n else "·", style=style if n else "dim", justify="right")


def _topbar(dashboard: Dashboard) -> Text:
    line = Text.assemble(("Dashboard", "bold"), "  ")
    line.append(
        f"{dashboard.posts:,} posts · {dashboard.flagged_posts:,} flagged "
        f"({dashboard.flags:,} flags) · "
    )
    open_items = sum(sum(b.values()) for b in dashboard.backlog.values())
    line.append(f"{open_items:,} open", style="bold")
    line.append(f" · {dashboard.resolved:,} resolved")
    return line


def _spike_line(dashboard: Dashboard) -> Text:
    days = dashboard.negative_days
    total = sum(d.count for d in days)
    noun = "mention" if total == 1 else "mentions"
    line = Text(
        f"{days[0].day:%Y-%m-%d} – {days[-1].day:%Y-%m-%d} (UTC): {total:,} {noun}.  ",
        style="dim",
    )
    if not dashboard.spikes:
        line.append("No spike.", style="dim")
        return line
    line.append("▲ spikes: ", style=f"bold {_SPIKE_COLOR}")
    line.append(
        ", ".join(f"{d.day:%Y-%m-%d} {d.count:,} (usual {d.baseline:g})" for d in dashboard.spikes)
    )
    line.append(
        f"   (more than the mean of the {SPIKE_WINDOW} days before + {SPIKE_SIGMAS:g}σ)",
        style="dim",
    )
    return line
