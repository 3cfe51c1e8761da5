"""The review TUI: a thin Textual face over the store and the review service."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reviewer.errors import InputError
from reviewer.flags.responses import Response
from reviewer.paths import shipped_dir
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.tui.screens.dashboard import DashboardScreen
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen
from reviewer.tui.screens.filter_form import FilterScreen
from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.queries import ExportScreen, QueriesScreen
from reviewer.tui.screens.queue import QueueScreen
from reviewer.tui.screens.responses import ResponsesScreen, offer_responses

# Keys 1-9 when there is no policy module to ask (the default pack's tags).
DEFAULT_TAGS: tuple[str, ...] = (
    "needs-context",
    "repeat",
    "press",
    "customer",
    "employee",
    "legal-hold",
)


def binding_ids() -> list[str]:
    """Every binding id a keymap may remap, in the order the screens define them."""
    return [binding_id for binding_id, _key, _description in binding_table()]


def binding_table() -> list[tuple[str, str, str]]:
    """(id, default key, description) of every remappable binding, in screen order."""
    rows: list[tuple[str, str, str]] = []
    ids: list[str] = []
    screens = (
        QueueScreen,
        ChoiceScreen,
        NoteScreen,
        FilterScreen,
        HelpScreen,
        QueriesScreen,
        ExportScreen,
        DashboardScreen,
        ResponsesScreen,
    )
    for screen in (ReviewerApp, *screens):
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.id and binding.id not in ids:
                ids.append(binding.id)
                rows.append((binding.id, binding.key, binding.description))
    return rows


class ReviewerApp(App[None]):
    """Review the flagged posts of one database as one reviewer.

    ``tags`` are the policy's tags, bound to keys 1-9 in order. ``keymap`` maps
    binding ids (see the help screen, ``?``) to comma-separated keys, e.g.
    ``{"resolve": "R", "cursor-down": "j,ctrl+n"}``; an unknown id is an
    :class:`~reviewer.errors.InputError`.
    """

    CSS_PATH = "reviewer.tcss"
    TITLE = "reviewer"
    BINDINGS = [  # noqa: RUF012 (Textual reads BINDINGS as a class variable)
        # system: kept out of the queue's footer and help (their snapshots); the command
        # palette lists it.
        Binding("s", "open_queries", "Queries", id="queries"),
        # Not in the footer (it is full); the help and the command palette list them.
        Binding("d", "open_dashboard", "Dashboard", id="dashboard", show=False),
        Binding("p", "offer_responses", "Pre-approved responses", id="responses", show=False),
    ]

    def __init__(
        self,
        store: Store,
        reviewer: str,
        *,
        tags: Iterable[str],
        keymap: Mapping[str, str] | None = None,
        policy_ref: Callable[[str], str | None] | None = None,
        page_size: int = 200,
        query_folders: Sequence[Path] | None = None,
        responses: Sequence[Response] = (),
    ) -> None:
        super().__init__()
        self.store = store
        self.service = ReviewService(store, reviewer)
        self.tags = list(tags)[:9]
        self.policy_ref = policy_ref or (lambda _rule: None)
        self.page_size = page_size
        self.query_folders = list(query_folders) if query_folders is not None else None
        self.responses = list(responses)
        if keymap:
            known = binding_ids()
            for binding_id in keymap:
                if binding_id not in known:
                    raise InputError(
                        f"keymap: {binding_id}",
                        f"no such binding (known: {', '.join(known)})",
                    )
            self.set_keymap(dict(keymap))

    def get_default_screen(self) -> Screen[Any]:
        return QueueScreen(
            self.store,
            self.service,
            tags=self.tags,
            policy_ref=self.policy_ref,
            page_size=self.page_size,
        )

    def get_key_display(self, binding: Binding) -> str:
        # "␣" rather than "space": the queue's footer is full at 120 columns.
        if binding.key == "space" and not binding.key_display:
            return "␣"
        return super().get_key_display(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_queries", "open_dashboard", "offer_responses"):
            # from the queue only, not over a dialog or another screen
            return isinstance(self.screen, QueueScreen)
        return True

    def action_open_queries(self) -> None:
        """The saved-queries screen: the shipped queries, then the user's own folder."""
        folders = self.query_folders
        if folders is None:
            folders = [shipped_dir("queries")]
        self.push_screen(QueriesScreen(self.store, self.service.reviewer, folders))

    def action_open_dashboard(self) -> None:
        """Counts over the whole database: per rule and platform, backlog, negative mentions."""
        self.push_screen(DashboardScreen(self.store))

    def action_offer_responses(self) -> None:
        """The policy's pre-approved responses that fit the current post, to copy."""
        if isinstance(self.screen, QueueScreen):
            offer_responses(self.screen, self.store, self.service, self.responses)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, QueueScreen):
            yield from screen.commands()
            yield SystemCommand(
                "Saved queries",
                "key: s · read-only audit queries, their results and export",
                self.action_open_queries,
            )
            yield SystemCommand(
                "Dashboard",
                "key: d · flags per rule and platform, backlog by age, negative mentions per day",
                self.action_open_dashboard,
            )
            yield SystemCommand(
                "Pre-approved responses",
                "key: p · copy a cleared public reply for this post to the clipboard",
                self.action_offer_responses,
            )


def _policy_ref(policy: Any) -> Callable[[str], str | None]:
    """``rule name -> policy reference`` from a policy, tolerating rules it does not know."""

    def ref(rule: str) -> str | None:
        try:
            found = policy.rule(rule)
        except KeyError:  # an unknown rule (e.g. from an older policy) has no reference
            return None
        value = getattr(found, "policy_ref", None)
        return str(value) if value else None

    return ref


def _load_default_policy() -> Any:
    try:
        from reviewer.flags.policy import load_policy
    except ImportError:  # a core without the flags package: DEFAULT_TAGS, no references
        return None
    return load_policy()


def make_app(
    store: Store,
    reviewer: str,
    policy: Any = None,
    *,
    keymap: Mapping[str, str] | None = None,
    queries_dir: Path | None = None,
) -> ReviewerApp:
    """The TUI over ``store`` for ``reviewer``, as ``reviewer review`` and ``reviewer demo`` run it.

    ``policy`` (from ``reviewer.flags.policy.load_policy``) gives the tags for
    keys 1-9 and the policy reference of each rule; without one the default
    policy is loaded. ``keymap`` maps binding ids to keys. ``queries_dir`` is a
    folder of the user's own saved queries, added to (or overriding) the shipped ones.
    """
    if policy is None:
        policy = _load_default_policy()
    tags = list(DEFAULT_TAGS) if policy is None else list(policy.tags)
    policy_ref = _policy_ref(policy) if policy is not None else None
    folders = None
    if queries_dir is not None:
        folders = [shipped_dir("queries"), queries_dir]
    return ReviewerApp(
        store,
        reviewer,
        tags=tags,
        keymap=keymap,
        policy_ref=policy_ref,
        query_folders=folders,
        responses=getattr(policy, "responses", ()),
    )
