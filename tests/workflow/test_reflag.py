"""`reviewer flag` re-scans only what it must and replaces old flags, never adding to them."""

from __future__ import annotations

from pathlib import Path

from bench.generate import write_ndjson
from reviewer.flags.policy import load_policy
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports


def rows(store: Store, sql: str) -> list[tuple]:
    return store.con.execute(sql).fetchall()


def import_samples(store: Store) -> None:
    import_exports(store, read_exports([shipped_dir("sample_exports")]), imported_by="t")


def test_only_new_posts_are_scanned_under_an_unchanged_policy(tmp_path: Path) -> None:
    policy = load_policy(None)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_samples(store)
        first = flag_posts(store, policy)
        assert first.scanned > 0 and first.flags > 0
        assert flag_posts(store, policy).scanned == 0
        before = rows(store, "SELECT post_id, rule, evidence::TEXT FROM flags ORDER BY 1, 2")
        extra = tmp_path / "more.ndjson"
        write_ndjson(
            [
                {
                    "id": "n1",
                    "author": "a",
                    "created_at": "2025-05-01T10:00:00Z",
                    "text": "Projekt Polarstern startet bald",
                },
                {
                    "id": "n2",
                    "author": "a",
                    "created_at": "2025-05-01T11:00:00Z",
                    "text": "Schönes Wetter heute",
                },
            ],
            extra,
        )
        import_exports(store, read_exports([extra]), imported_by="t")
        again = flag_posts(store, policy)
        assert again.scanned == 2
        assert again.flagged_posts == 1
        after = rows(store, "SELECT post_id, rule, evidence::TEXT FROM flags ORDER BY 1, 2")
        assert set(before) < set(after) and len(after) == len(before) + 1
        assert flag_posts(store, policy, rescan=True).scanned == first.scanned + 2
        assert rows(store, "SELECT post_id, rule, evidence::TEXT FROM flags ORDER BY 1, 2") == after


def test_a_changed_policy_replaces_every_flag_of_the_old_version(tmp_path: Path) -> None:
    default = load_policy(None)
    changed_file = tmp_path / "policy.toml"
    changed_file.write_text(
        '[rules.profanity]\nseverity = "high"\n\n[rules.personal_data]\nenabled = false\n',
        encoding="utf-8",
    )
    changed = load_policy(changed_file)
    assert changed.version != default.version
    with Store.open(tmp_path / "r.duckdb") as store:
        import_samples(store)
        total = flag_posts(store, default).scanned
        old_rules = {r for (r,) in rows(store, "SELECT DISTINCT rule FROM flags")}
        assert "personal_data" in old_rules
        summary = flag_posts(store, changed)
        assert summary.scanned == total  # a new version may change any post's flags
        assert rows(store, "SELECT DISTINCT policy_version FROM flags") == [(changed.version,)]
        assert rows(store, "SELECT DISTINCT policy_version FROM flag_scans") == [(changed.version,)]
        assert rows(store, "SELECT count(*) FROM flags WHERE rule = 'personal_data'") == [(0,)]
        assert rows(store, "SELECT post_id, rule FROM flags GROUP BY ALL HAVING count(*) > 1") == []
        severities = rows(store, "SELECT DISTINCT severity FROM flags WHERE rule = 'profanity'")
        assert severities in ([], [("high",)])
        # Back to the default: its flags return, exactly once each.
        assert flag_posts(store, default).scanned == total
        assert {r for (r,) in rows(store, "SELECT DISTINCT rule FROM flags")} == old_rules
        assert rows(store, "SELECT post_id, rule FROM flags GROUP BY ALL HAVING count(*) > 1") == []
