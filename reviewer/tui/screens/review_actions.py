"""The review keys of the queue screen: tag, resolve, escalate, note, claim, assign, undo,
and marking one flag as wrong.

Writes run on the main thread, through the review service on the store's own
connection: each is one short transaction, and the thread workers that read
use cursors of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message

from reviewer.errors import Conflict, ReviewerError
from reviewer.model import Disposition, Role, Severity, Status, Verdict
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue import QueueRow
from reviewer.tui import render
from reviewer.tui.screens.dialogs import ChoiceScreen, NoteScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from reviewer.tui.data import PostView
    from reviewer.tui.screens.bulk import BulkAct, Selection
    from reviewer.tui.widgets.queue_table import QueueTable

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

DISPOSITION_LABELS: dict[Disposition, str] = {
    Disposition.FALSE_POSITIVE: "false positive — the flag is wrong",
    Disposition.ACCEPTABLE: "acceptable — flag is right, post is fine",
    Disposition.VIOLATION_COACHING: "violation — coach the author",
    Disposition.VIOLATION_REMOVAL: "violation — remove the post",
    Disposition.VIOLATION_LEGAL: "violation — legal follow-up",
    Disposition.REPORTABLE: "reportable — report to an authority",
    Disposition.DUPLICATE: "duplicate — already handled elsewhere",
}
ROLE_LABELS: dict[Role, str] = {
    Role.CRISIS_RESPONSE: "crisis response",
    Role.LEGAL: "legal",
    Role.PR: "PR / communications",
    Role.CUSTOMER_SERVICE: "customer service",
    Role.SOCIAL_ENGAGEMENT: "social engagement",
    Role.SECURITY: "security",
    Role.DATA_PROTECTION: "data protection",
}
# A false_positive on these needs a note (the review service enforces it too).
_NOTE_REQUIRED = (Severity.HIGH, Severity.CRITICAL)


def read_only_message(store: Store) -> str:
    """Why review actions are off: the store is a past state, or opened read-only."""
    if store.as_of is not None:
        return (
            f"Read-only: this is the review state as of {store.as_of:%Y-%m-%d %H:%M:%S %Z}. "
            "Actions are disabled; open without --as-of to review."
        )
    return "Read-only: the database is open read-only. Actions are disabled."


class ReviewRecorded(Message):
    """A review action was written to the log."""

    def __init__(self, post_id: str, event: dict[str, Any], summary: str) -> None:
        super().__init__()
        self.post_id = post_id
        self.event = event
        self.summary = summary


class ReviewActions(_ScreenBase):
    """The review actions, mixed into the queue screen (which provides ``table``).

    With posts selected (see :mod:`.bulk`), tag, resolve, escalate, note, claim,
    assign and undo act on every selected post, one event each.
    """

    store: Store
    service: ReviewService
    tags: list[str]
    selection: Selection
    bulk_running: bool
    current_view: PostView | None
    seen_versions: dict[str, int]
    if TYPE_CHECKING:  # provided by the screen

        @property
        def table(self) -> QueueTable: ...

        def load_post(self, post_id: str) -> Any: ...

        def load_counts(self) -> Any: ...

        def start_bulk(self, label: str, act: BulkAct) -> None: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_tag" and parameters:
            number = parameters[0]
            if isinstance(number, int) and number > len(self.tags):
                return False  # hidden: the policy has no tag with that number
        return True

    def _current(self) -> QueueRow | None:
        if self.store.read_only:
            self.notify(read_only_message(self.store), severity="warning", markup=False)
            return None
        row = self.table.current
        if row is None:
            self.notify("No post selected.", severity="warning", markup=False)
        return row

    def _record(
        self,
        post_id: str,
        summary: str | Callable[[dict[str, Any]], str],
        write: Callable[[], dict[str, Any]],
    ) -> None:
        """Run one review action; a refusal becomes a notification, never a crash."""
        if self.bulk_running:
            self.notify("Wait for the bulk action to finish.", severity="warning", markup=False)
            return
        try:
            event = write()
        except Conflict as exc:
            # Someone else decided first: say so, and show the post as it is now.
            self.notify(
                exc.reason,
                title="Not recorded: changed meanwhile",
                severity="error",
                timeout=10,
                markup=False,
            )
            self.load_post(post_id)
            self.load_counts()
            return
        except ReviewerError as exc:
            self.notify(str(exc), title="Not recorded", severity="error", timeout=6, markup=False)
            return
        except Exception as exc:  # the app keeps running; the reviewer sees what failed
            self.log.error(exc)
            self.notify(
                f"{type(exc).__name__}: {exc}",
                title="Not recorded",
                severity="error",
                markup=False,
            )
            return
        if event.get("post_id") == post_id:
            self.seen_versions[post_id] = event["seq"]  # one's own action is seen
        if callable(summary):
            summary = summary(event)
        self.post_message(ReviewRecorded(post_id, event, summary))

    def on_review_recorded(self, message: ReviewRecorded) -> None:
        self.notify(message.summary, timeout=2, markup=False)
        self.load_post(message.post_id)
        self.load_counts()

    def _subject(self, row: QueueRow) -> str:
        if self.selection:
            return f"{len(self.selection):,} selected posts"
        return render.one_line(row.text, 60).plain

    # -- tags ------------------------------------------------------------------

    def action_toggle_tag(self, number: int) -> None:
        if not 1 <= number <= len(self.tags):
            self.notify(f"The policy has no tag {number}.", severity="warning", markup=False)
            return
        tag = self.tags[number - 1]
        if self.selection:
            # On a selection a tag key adds (VisiData style); posts that have it are skipped.
            def add(service: ReviewService, store: Store, post_id: str) -> dict[str, Any] | None:
                if tag in (store.state(post_id).get("tags") or []):
                    return None
                return service.tag(post_id, tag)

            self.start_bulk(f"Tag {tag}", add)
            return
        row = self._current()
        if row is None:
            return
        post_id = row.post_id
        # Ask the store, not the table: another reviewer may have tagged it meanwhile.
        if tag in (self.store.state(post_id).get("tags") or []):
            self._record(post_id, f"Untagged {tag}", lambda: self.service.untag(post_id, tag))
        else:
            self._record(post_id, f"Tagged {tag}", lambda: self.service.tag(post_id, tag))

    # -- resolve and escalate ----------------------------------------------------

    def action_resolve(self) -> None:
        row = self._current()
        if row is None:
            return
        choices = [(str(d), label) for d, label in DISPOSITION_LABELS.items()]
        self.app.push_screen(
            ChoiceScreen("Resolve as", choices, subject=self._subject(row)),
            partial(self._resolve_with, row),
        )

    def _resolve_with(self, row: QueueRow, disposition: str | None) -> None:
        if disposition is None:
            return
        # A selection may hold high or critical posts: it always asks for the note.
        needs_note = bool(self.selection) or row.severity in _NOTE_REQUIRED
        if disposition == Disposition.FALSE_POSITIVE and needs_note:
            what = "these posts are" if self.selection else f"this {row.severity} flag is"
            self.app.push_screen(
                NoteScreen(
                    f"Why {what} a false positive?",
                    subject=self._subject(row),
                    placeholder="a note is required",
                ),
                partial(self._resolve_with_note, row.post_id, disposition),
            )
            return
        self._decide_resolved(row.post_id, disposition, None)

    def _resolve_with_note(self, post_id: str, disposition: str, note: str | None) -> None:
        if note is not None:  # None: the note dialog was cancelled, so nothing is resolved
            self._decide_resolved(post_id, disposition, note)

    def _decide_resolved(self, post_id: str, disposition: str, note: str | None) -> None:
        if self.selection:
            self.start_bulk(
                f"Resolve as {disposition}",
                lambda service, _store, pid: service.decide(
                    pid, Status.RESOLVED, disposition=disposition, note=note
                ),
            )
            return
        self._record(
            post_id,
            f"Resolved as {disposition}",
            lambda: self.service.decide(
                post_id,
                Status.RESOLVED,
                disposition=disposition,
                note=note,
                expected_version=self.seen_versions.get(post_id),
            ),
        )

    def action_escalate(self) -> None:
        row = self._current()
        if row is None:
            return
        choices = [(str(r), label) for r, label in ROLE_LABELS.items()]
        self.app.push_screen(
            ChoiceScreen("Escalate to", choices, subject=self._subject(row)),
            partial(self._escalate_to, row.post_id),
        )

    def _escalate_to(self, post_id: str, role: str | None) -> None:
        if role is None:
            return
        if self.selection:
            self.start_bulk(
                f"Escalate to {role}",
                lambda service, _store, pid: service.decide(
                    pid, Status.ESCALATED, escalate_to=role
                ),
            )
            return
        self._record(
            post_id,
            f"Escalated to {role}",
            lambda: self.service.decide(
                post_id,
                Status.ESCALATED,
                escalate_to=role,
                expected_version=self.seen_versions.get(post_id),
            ),
        )

    # -- notes, assignment, undo ---------------------------------------------------

    def action_note(self) -> None:
        row = self._current()
        if row is None:
            return
        self.app.push_screen(
            NoteScreen("Note", subject=self._subject(row)), partial(self._add_note, row.post_id)
        )

    def _add_note(self, post_id: str, text: str | None) -> None:
        if text is None:
            return
        if self.selection:
            self.start_bulk("Note", lambda service, _store, pid: service.note(pid, text))
            return
        self._record(post_id, "Note added", lambda: self.service.note(post_id, text))

    def action_claim(self) -> None:
        """Assign the post (or the selection) to oneself."""
        row = self._current()
        if row is not None:
            self._assign(row.post_id, self.service.reviewer)

    def action_assign(self) -> None:
        row = self._current()
        if row is None:
            return
        self.app.push_screen(
            NoteScreen("Assign to", subject=self._subject(row), placeholder="reviewer name"),
            partial(self._assign, row.post_id),
        )

    def _assign(self, post_id: str, assignee: str | None) -> None:
        if assignee is None:
            return
        assignee = assignee.strip()
        if self.selection:
            # Posts already assigned to that reviewer are skipped: no event without a change.
            def assign(service: ReviewService, store: Store, pid: str) -> dict[str, Any] | None:
                if store.state(pid).get("assignee") == assignee:
                    return None
                return service.assign(pid, assignee)

            self.start_bulk(f"Assign to {assignee}", assign)
            return
        self._record(
            post_id, f"Assigned to {assignee}", lambda: self.service.assign(post_id, assignee)
        )

    def action_undo(self) -> None:
        if self.selection:
            self.start_bulk("Undo", lambda service, _store, pid: service.undo(pid))
            return
        row = self._current()
        if row is None:
            return
        post_id = row.post_id
        self._record(
            post_id,
            lambda event: f"Undid {event['payload'].get('action', 'event')}",
            lambda: self.service.undo(post_id),
        )

    # -- one flag ------------------------------------------------------------------

    def action_flag_wrong(self) -> None:
        """Mark one flag of the post under the cursor as wrong (a false positive)."""
        row = self._current()
        if row is None:
            return
        view = self.current_view
        if view is None or view.post_id != row.post_id:
            self.notify("The post is still loading.", severity="warning", markup=False)
            return
        open_flags = [
            f["rule"]
            for f in view.flags
            if view.verdicts.get(f["rule"], {}).get("verdict") != Verdict.FALSE_POSITIVE
        ]
        if not open_flags:
            self.notify("Every flag of this post is marked wrong already (u undoes).", markup=False)
            return
        if len(open_flags) == 1:
            self._mark_wrong(row.post_id, open_flags[0])
            return
        self.app.push_screen(
            ChoiceScreen(
                "Which flag is wrong?",
                [(rule, rule) for rule in open_flags],
                subject=self._subject_of_one(row),
            ),
            partial(self._mark_wrong, row.post_id),
        )

    def _subject_of_one(self, row: QueueRow) -> str:
        return render.one_line(row.text, 60).plain

    def _mark_wrong(self, post_id: str, rule: str | None) -> None:
        if rule is None:
            return
        self._record(
            post_id,
            f"Marked flag {rule} as wrong",
            lambda: self.service.flag_feedback(post_id, rule, Verdict.FALSE_POSITIVE),
        )
