"""What the TUI reads, shaped for its screens, on a worker thread's own cursor.

The store's connection belongs to the main thread; a thread worker opens a
cursor (``store.cursor()``), reads through it and closes it. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.store import Store
from reviewer.store.queue import QueueRow
from reviewer.store.queue_filter import QueueFilter

# The detail pane shows the latest events of a post; a post with a longer
# history is better read with `reviewer audit log --post`.
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class PostView:
    """Everything the detail pane shows about one post."""

    post_id: str
    post: dict[str, Any] | None
    flags: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    more_events: bool = False
    verdicts: dict[str, dict[str, Any]] = field(default_factory=dict)


def _reader(store: Store, cur: Any) -> Store:
    """The store's own read queries, run on ``cur`` instead of the main connection.

    A Store is a thin object over one DuckDB connection, so wrapping the
    worker's cursor reuses the store's SQL (and JSON decoding) rather than
    copying it here.
    """
    return Store(cur, store.path, read_only=store.read_only, as_of=store.as_of)


def read_page(
    store: Store,
    cur: Any,
    *,
    after: tuple[Any, ...] | None,
    limit: int,
    queue_filter: QueueFilter | None = None,
) -> tuple[list[QueueRow], dict[str, int] | None]:
    """One window of the queue under ``queue_filter``, with the header counts on the first.

    Counting is a scan of its own: later pages leave it out (the counts after a
    review action are read again by themselves).
    """
    rows = store.queue_page(after=after, limit=limit, queue_filter=queue_filter, cursor=cur)
    counts = store.queue_counts(queue_filter, cursor=cur) if after is None else None
    return rows, counts


def read_post(store: Store, cur: Any, post_id: str) -> PostView:
    """The post, its flags, its review state and its latest events."""
    reader = _reader(store, cur)
    post = reader.post(post_id)
    if post is None:
        return PostView(post_id, None)
    flags = reader.flags_of(post_id)
    state = reader.state(post_id)
    events = list(reader.events(post_id))
    more = len(events) > HISTORY_LIMIT
    verdicts = reader.flag_verdicts(post_id)
    return PostView(post_id, post, flags, state, events[-HISTORY_LIMIT:], more, verdicts)
