"""User-facing failures. Every error a user can cause is one of these.

The CLI prints them as one line, ``error: <where>: <reason>``, and exits with
the error's ``exit_code``.
"""

from __future__ import annotations


class ReviewerError(Exception):
    """A failure to report to the user as ``error: <where>: <reason>``."""

    exit_code = 2

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = str(where)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class InputError(ReviewerError):
    """Bad input: an unreadable export, a malformed policy, a bad argument."""


class DatabaseInUse(ReviewerError):
    """Another process holds the database file."""


class SchemaTooNew(ReviewerError):
    """The database was written by a newer reviewer."""


class CheckFailed(ReviewerError):
    """A check found a problem (tampering, a missed quality threshold)."""

    exit_code = 1


class Conflict(ReviewerError):
    """Someone else changed what the action was based on; nothing was recorded.

    ``state`` is the post's review state now, for the reviewer to see.
    """

    exit_code = 1

    def __init__(self, where: str, reason: str, state: dict[str, object] | None = None) -> None:
        super().__init__(where, reason)
        self.state = state or {}


class StoreBusy(ReviewerError):
    """The database stayed too busy to record an action; nothing was recorded."""

    exit_code = 1
