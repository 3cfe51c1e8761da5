"""Review actions. Each one appends exactly one event to the log."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from typing import Any

from reviewer.errors import Conflict, InputError, StoreBusy
from reviewer.model import Action, Disposition, Role, Status, Verdict
from reviewer.review.chain import GENESIS, event_hash, verify_chain
from reviewer.store import Store

_STRICT_SEVERITIES = ("high", "critical")
# A write that loses a commit race is tried again this many times, backing off.
ATTEMPTS = 8
# Events after the version a reviewer saw that make a decision stale.
_DECISIVE = ("decide", "undo")


class ReviewService:
    """The review actions of one reviewer on one store."""

    def __init__(self, store: Store, reviewer: str) -> None:
        if not reviewer or not reviewer.strip():
            raise InputError("--reviewer", "a reviewer name is required")
        self.store = store
        self.reviewer = reviewer.strip()

    # -- actions -----------------------------------------------------------

    def tag(self, post_id: str, tag: str) -> dict[str, Any]:
        """Add ``tag`` to a post."""
        return self._append(post_id, Action.TAG, {"tag": _clean_tag(tag)})

    def untag(self, post_id: str, tag: str) -> dict[str, Any]:
        """Remove ``tag`` from a post."""
        return self._append(post_id, Action.UNTAG, {"tag": _clean_tag(tag)})

    def note(self, post_id: str, text: str) -> dict[str, Any]:
        """Attach a free-text note to a post."""
        if not text.strip():
            raise InputError("note", "the note is empty")
        return self._append(post_id, Action.NOTE, {"text": text})

    def assign(self, post_id: str, assignee: str) -> dict[str, Any]:
        """Assign a post to a reviewer (a claim when assignee is oneself)."""
        if not assignee.strip():
            raise InputError("assignee", "the assignee is empty")
        return self._append(post_id, Action.ASSIGN, {"assignee": assignee.strip()})

    def flag_feedback(
        self, post_id: str, rule: str, verdict: str = Verdict.FALSE_POSITIVE
    ) -> dict[str, Any]:
        """Judge one flag of a post (``false_positive``: the flag is wrong; ``confirmed``).

        This is feedback on the rule, separate from the post's disposition: a post
        can be a real violation while one of its flags is wrong.
        """
        verdict = _member(Verdict, verdict, "verdict")
        post = self._post(post_id)
        rules = {f["rule"] for f in self.store.flags_of(post_id)}
        if rule not in rules:
            flagged = ", ".join(sorted(rules)) or "none"
            raise InputError(rule, f"{post_id} has no flag of that rule (its flags: {flagged})")
        return self._append(
            post_id, Action.FLAG_FEEDBACK, {"rule": rule, "verdict": str(verdict)}, post=post
        )

    def decide(
        self,
        post_id: str,
        status: str,
        *,
        disposition: str | None = None,
        escalate_to: str | None = None,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Set a post's status: resolve it with a disposition, escalate it, or reopen it.

        ``expected_version`` is the post's version (the seq of its latest event,
        0 for none) that the reviewer saw. If someone decided (or undid) on the
        post since, nothing is recorded and :class:`Conflict` carries the new
        state: two reviewers resolving one post at once, one wins.
        """
        status = _member(Status, status, "status")
        if disposition is not None:
            disposition = _member(Disposition, disposition, "--disposition")
        if escalate_to is not None:
            escalate_to = _member(Role, escalate_to, "--escalate-to")
        if status == Status.RESOLVED and disposition is None:
            raise InputError("--disposition", "resolving a post needs a disposition")
        if status == Status.ESCALATED and escalate_to is None:
            raise InputError("--escalate-to", "escalating a post needs a role")
        post = self._post(post_id)
        if (
            disposition == Disposition.FALSE_POSITIVE
            and not (note and note.strip())
            and self._severity(post_id) in _STRICT_SEVERITIES
        ):
            raise InputError(
                "--note", "a note is required to resolve a high or critical post as false_positive"
            )
        payload: dict[str, Any] = {"status": str(status), "text_sha256": post["text_sha256"]}
        if disposition is not None:
            payload["disposition"] = str(disposition)
        if escalate_to is not None:
            payload["escalate_to"] = str(escalate_to)
        if note:
            payload["note"] = note
        return self._append(
            post_id, Action.DECIDE, payload, post=post, expected_version=expected_version
        )

    def undo(self, post_id: str, seq: int | None = None) -> dict[str, Any]:
        """Cancel an event with a compensating one (default: this reviewer's latest here)."""
        undone = self.store.undone_seqs(post_id)
        candidates = [
            e
            for e in self.store.events(post_id)
            if e["action"] != Action.UNDO and e["seq"] not in undone
        ]
        if seq is not None:
            target = next((e for e in candidates if e["seq"] == seq), None)
            if target is None:
                raise InputError(str(seq), f"no event of {post_id} left to undo with that seq")
        else:
            mine = [e for e in candidates if e["reviewer"] == self.reviewer]
            if not mine:
                raise InputError(post_id, "nothing of yours to undo on this post")
            target = mine[-1]
        return self._append(
            post_id, Action.UNDO, {"undoes": target["seq"], "action": target["action"]}
        )

    def record_report_unmask(self, details: dict[str, Any]) -> dict[str, Any]:
        """Record that a report shows personal data unmasked: one report-level event.

        It concerns no single post (empty ``post_id``) and changes no review state; its
        payload holds the report's parameters and the posts whose data it shows.
        """
        return self._append("", Action.REPORT_UNMASKED, details, post={})

    # -- reading -----------------------------------------------------------

    def verify(self):  # type: ignore[no-untyped-def]
        """Recompute the whole chain; see :func:`verify_chain`."""
        return verify_chain(self.store.events(), self.store.recompute_text_hashes())

    # -- internals ---------------------------------------------------------

    def _post(self, post_id: str) -> dict[str, Any]:
        post = self.store.post(post_id)
        if post is None:
            raise InputError(post_id, "no such post")
        return post

    def _severity(self, post_id: str) -> str | None:
        flags = self.store.flags_of(post_id)
        return flags[0]["severity"] if flags else None

    def _append(
        self,
        post_id: str,
        action: Action,
        payload: dict[str, Any],
        post: dict[str, Any] | None = None,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Append one event, chained to the head, under the log's writer lock.

        The lock (a PostgreSQL advisory lock in team mode) makes reading the
        head and inserting the next event one step across every process, so
        concurrent reviewers can never fork the chain. A commit that loses a
        race is tried again; after :data:`ATTEMPTS` the reviewer is told.
        """
        if post is None:
            self._post(post_id)
        for attempt in range(ATTEMPTS):
            try:
                with self.store.exclusive("review_events"), self.store.transaction():
                    if expected_version is not None:
                        self._check_version(post_id, expected_version)
                    last = self.store.last_event()
                    event: dict[str, Any] = {
                        "seq": (last["seq"] + 1) if last else 1,
                        "occurred_at": datetime.now(UTC),
                        "reviewer": self.reviewer,
                        "post_id": post_id,
                        "action": str(action),
                        "payload": payload,
                        "prev_hash": last["hash"] if last else GENESIS,
                    }
                    event["hash"] = event_hash(event["prev_hash"], event)
                    self.store.insert_event(**event)
                return event
            except Exception as exc:
                if not self.store.retryable(exc):
                    raise
                time.sleep(min(0.5, 0.005 * 2**attempt) * (0.5 + random.random()))
        raise StoreBusy(
            post_id,
            f"the database stayed busy for {ATTEMPTS} attempts; nothing recorded, try again",
        )

    def _check_version(self, post_id: str, expected: int) -> None:
        """Raise :class:`Conflict` if a decision on the post came after ``expected``."""
        newer = [e for e in self.store.events_after(post_id, expected) if e["action"] in _DECISIVE]
        if not newer:
            return
        state = self.store.state(post_id)
        last = newer[-1]
        what = (
            f"{last['action']} {last['payload'].get('status', '')}".strip()
            if last["action"] == "decide"
            else f"undid #{last['payload'].get('undoes')}"
        )
        now = ", ".join(
            f"{k} {state[k]}" for k in ("status", "disposition", "escalated_to") if state.get(k)
        )
        raise Conflict(
            post_id,
            f"changed meanwhile: {last['reviewer']} {what} "
            f"at {last['occurred_at']:%Y-%m-%d %H:%M:%S} (#{last['seq']}); your decision was "
            f"not recorded; now: {now}",
            state,
        )


def _member(enum: type, value: str, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
        raise InputError(where, f"{value!r} is not one of {choices}") from None


def _clean_tag(tag: str) -> str:
    tag = tag.strip()
    if not tag or any(c.isspace() for c in tag) or len(tag) > 64:
        raise InputError("tag", f"{tag!r} is not a valid tag (one word, at most 64 characters)")
    return tag
