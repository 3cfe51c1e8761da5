"""The first flag run after an import writes never-scanned posts without deleting anything.

Such posts have no flags, scan marks or queue keys, so ``write_flags(fresh=True)``
skips the deletes and replaces. These tests check that the shortcut is taken only
when that holds, and that it writes what the ordinary path writes.
"""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.flags.policy import load_policy
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports


def _import_samples(store: Store) -> None:
    import_exports(store, read_exports([shipped_dir("sample_exports")]), imported_by="t")


def _state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Flags, scan marks and queue keys, without the moments they were written."""
    return {
        "flags": store.con.execute(
            "SELECT post_id, rule, severity, score, evidence::TEXT, policy_version FROM flags "
            "ORDER BY post_id, rule"
        ).fetchall(),
        "scans": store.con.execute(
            "SELECT post_id, policy_version FROM flag_scans ORDER BY post_id"
        ).fetchall(),
        "keys": store.con.execute(
            "SELECT post_id, sev_rank, ts, rules FROM queue_keys ORDER BY post_id"
        ).fetchall(),
    }


@pytest.fixture
def fresh_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The ``fresh`` argument of every write_flags call."""
    seen: list[bool] = []
    real = Store.write_flags

    def spy(self: Store, *args: Any, **kwargs: Any) -> tuple[int, int]:
        seen.append(bool(kwargs.get("fresh", False)))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_flags", spy)
    return seen


def test_the_first_run_takes_the_shortcut_and_writes_what_a_rescan_writes(
    store_target: str, fresh_calls: list[bool]
) -> None:
    policy = load_policy(None)
    with Store.open(store_target) as store:
        _import_samples(store)
        first = flag_posts(store, policy, workers=1)
        assert first.flags > 0 and fresh_calls and all(fresh_calls)
        after_first = _state(store)
        fresh_calls.clear()
        again = flag_posts(store, policy, rescan=True, workers=1)
        assert fresh_calls and not any(fresh_calls)  # every post has a scan mark now
        assert (again.flags, again.flagged_posts) == (first.flags, first.flagged_posts)
        assert _state(store) == after_first
        first_flagged = store.con.execute(
            "SELECT count(*) FROM queue_keys q JOIN flags f USING (post_id) "
            "WHERE q.first_flagged < f.flagged_at"
        ).fetchone()
        assert first_flagged is not None and first_flagged[0] > 0  # backlog age kept


def test_new_posts_after_a_flag_run_take_the_shortcut_and_old_ones_stay(
    store_target: str, fresh_calls: list[bool], tmp_path: Any
) -> None:
    policy = load_policy(None)
    extra = tmp_path / "more.ndjson"
    extra.write_text(
        '{"id": "n1", "author": "a", "created_at": "2025-05-01T10:00:00Z", '
        '"text": "Projekt Polarstern startet bald"}\n',
        encoding="utf-8",
    )
    with Store.open(store_target) as store:
        _import_samples(store)
        flag_posts(store, policy, workers=1)
        before = _state(store)
        import_exports(store, read_exports([extra]), imported_by="t")
        fresh_calls.clear()
        summary = flag_posts(store, policy, workers=1)
        assert summary.scanned == 1 and fresh_calls == [True]
        after = _state(store)
        assert set(before["flags"]) < set(after["flags"])
        assert [f[1] for f in after["flags"] if f[0] == "generic:n1"] == ["confidential"]
        assert len(after["scans"]) == len(before["scans"]) + 1


def test_flags_of_unscanned_posts_written_by_other_means_turn_the_shortcut_off(
    store_target: str, fresh_calls: list[bool]
) -> None:
    policy = load_policy(None)
    with Store.open(store_target) as store:
        _import_samples(store)
        post_id = store.con.execute("SELECT min(post_id) FROM posts").fetchone()[0]
        store.con.execute(
            "INSERT INTO flags VALUES (?, 'hate', 'low', 0.5, '[]', 'by hand', now())", [post_id]
        )
        assert not store.unscanned_posts_are_bare()
        flag_posts(store, policy, workers=1)
        assert fresh_calls and not any(fresh_calls)
        # The hand-written flag was replaced like any old flag: none of another version stays.
        assert store.con.execute(
            "SELECT count(*) FROM flags WHERE policy_version <> ?", [policy.version]
        ).fetchone() == (0,)
        assert store.unscanned_posts_are_bare(none_scanned=False)
        assert not store.unscanned_posts_are_bare(none_scanned=True)


def test_a_flag_run_leaves_the_connection_settings_as_it_found_them(tmp_path: Any) -> None:
    """The run lowers threads and memory and raises the checkpoint threshold, then restores them."""
    settings = ("threads", "memory_limit", "checkpoint_threshold")
    with Store.open(tmp_path / "r.duckdb") as store:
        _import_samples(store)
        store.con.execute("SET checkpoint_threshold = '32MB'")

        def current() -> list[Any]:
            return [
                store.con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
                for name in settings
            ]

        before = current()
        flag_posts(store, load_policy(None), workers=1)
        assert current() == before
        assert before[2] == "30.5 MiB"  # 32MB as DuckDB prints it: the test's own value held


def test_batches_written_together_give_what_one_commit_a_batch_gives(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, fresh_calls: list[bool]
) -> None:
    """Several flagged batches go into one write_flags call (a DuckDB row group of scan
    marks at full size) and write what one call a batch writes."""
    from reviewer import workflow

    policy = load_policy(None)
    monkeypatch.setattr(workflow, "BATCH_SIZE", 7)
    states, calls = [], []
    for write_batches in (1, 3):
        monkeypatch.setattr(workflow, "WRITE_BATCHES", write_batches)
        fresh_calls.clear()
        with Store.open(tmp_path / f"w{write_batches}.duckdb") as store:
            _import_samples(store)
            n = store.con.execute("SELECT count(*) FROM posts").fetchone()[0]
            flag_posts(store, policy, workers=1)
            states.append(_state(store))
            calls.append(len(fresh_calls))
    assert states[0] == states[1]
    assert calls == [-(-n // 7), -(-n // 21)]


def test_write_groups_keep_each_plan_and_freshness_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer import workflow

    monkeypatch.setattr(workflow, "WRITE_BATCHES", 2)
    plan_a, plan_b = object(), object()
    jobs = [("a1", None, plan_a, True), ("a2", None, plan_a, True), ("a3", None, plan_a, True)]
    jobs += [("a4", None, plan_a, False), ("b1", None, plan_b, False), ("b2", None, plan_b, False)]
    groups = list(workflow._write_groups(iter([(job, None) for job in jobs])))  # type: ignore[arg-type]
    assert [[job[0] for job, _ in g] for g in groups] == [
        ["a1", "a2"],
        ["a3"],
        ["a4"],
        ["b1", "b2"],
    ]
