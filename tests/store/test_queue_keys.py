"""queue_keys and review_event_state (schema 6) agree with the flags and the log."""

from __future__ import annotations

from reviewer.model import Evidence, Flag, Severity
from reviewer.review import ReviewService
from reviewer.store import Store


def _keys(store: Store) -> dict[str, tuple[int, list[str]]]:
    rows = store.con.execute("SELECT post_id, sev_rank, rules FROM queue_keys").fetchall()
    return {r[0]: (r[1], list(r[2])) for r in rows}


def test_a_rescan_keeps_the_first_flagged_time(store: Store) -> None:
    first = store.con.execute(
        "SELECT first_flagged FROM queue_keys WHERE post_id = 'x:1000'"
    ).fetchone()[0]
    store.write_flags(
        ["x:1000"], [Flag("x:1000", "confidential", Severity.LOW, 0.5, [], "v2")], "v2"
    )
    row = store.con.execute(
        "SELECT first_flagged, sev_rank FROM queue_keys WHERE post_id = 'x:1000'"
    ).fetchone()
    assert row == (first, 2)
    assert store.con.execute(
        "SELECT flagged_at > ? FROM flags WHERE post_id = 'x:1000'", [first]
    ).fetchone() == (True,)


def test_queue_keys_follow_the_flags(store: Store) -> None:
    assert _keys(store) == {
        "x:1000": (4, ["confidential"]),
        "x:1001": (3, ["personal_data"]),
        "x:1003": (2, ["confidential"]),
    }
    # Re-flagging replaces the keys of the scanned posts only.
    store.write_flags(
        ["x:1001", "x:1003"],
        [
            Flag("x:1001", "personal_data", Severity.CRITICAL, 1.0, [], "v2"),
            Flag("x:1001", "hate", Severity.LOW, 0.4, [Evidence(0, 1, "C", "t")], "v2"),
        ],
        "v2",
    )
    assert _keys(store) == {
        "x:1000": (4, ["confidential"]),
        "x:1001": (5, ["hate", "personal_data"]),
    }
    [first] = store.queue_page(limit=1)
    assert (first.post_id, first.severity, first.rules) == (
        "x:1001",
        "critical",
        ["hate", "personal_data"],
    )
    before = _keys(store)
    store.rebuild_queue_keys()
    assert _keys(store) == before


def test_review_state_counts_and_status_filter(store: Store) -> None:
    service = ReviewService(store, "alice")
    service.tag("x:1000", "press")
    event = service.tag("x:1001", "press")
    service.undo("x:1001", event["seq"])  # undone: new again
    service.decide("x:1003", "escalated", escalate_to="legal")
    service.note("x:1002", "an unflagged post can have events too")
    states = dict(store.con.execute("SELECT post_id, status FROM review_state").fetchall())
    assert states == {
        "x:1000": "in_review",
        "x:1001": "new",
        "x:1002": "in_review",
        "x:1003": "escalated",
    }
    assert store.state("x:1001")["tags"] == [] and store.state("x:1000")["tags"] == ["press"]
    assert store.queue_counts() == {"posts": 5, "flagged": 3, "new": 1}
    assert [r.post_id for r in store.queue_page(status="new")] == ["x:1001"]
    assert [r.post_id for r in store.queue_page(status="escalated")] == ["x:1003"]
    page = {r.post_id: (r.status, r.tags) for r in store.queue_page()}
    assert page == {
        "x:1000": ("in_review", ["press"]),
        "x:1001": ("new", []),
        "x:1003": ("escalated", []),
    }


def test_keys_from_a_flag_run_match_a_rebuild(tmp_path) -> None:
    """flag_posts hands write_flags the posts' created_at; the keys are those of posts."""
    from reviewer.flags.policy import load_policy
    from reviewer.paths import shipped_dir
    from reviewer.workflow import flag_posts, import_exports, read_exports

    with Store.open(tmp_path / "k.duckdb") as store:
        import_exports(store, read_exports([shipped_dir("sample_exports")]), imported_by="t")
        flag_posts(store, load_policy(None), workers=1)
        sql = "SELECT post_id, sev_rank, ts, rules FROM queue_keys ORDER BY post_id"
        written = store.con.execute(sql).fetchall()
        assert written
        assert all(row[2].year > 1970 for row in written)  # real creation times
        store.rebuild_queue_keys()
        assert store.con.execute(sql).fetchall() == written
