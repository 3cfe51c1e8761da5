"""The store: migrations, locking, atomic and idempotent imports, flags."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from reviewer.errors import SchemaTooNew
from reviewer.model import Post
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.connection import SCHEMA_VERSION
from tests.conftest import add_flags, make_posts

CONTRACT_COLUMNS = {
    "posts": {
        "post_id",
        "platform",
        "native_id",
        "kind",
        "author",
        "created_at",
        "text",
        "url",
        "lang",
        "media",
        "reply_to",
        "import_id",
        "source_file",
    },
    "imports": {
        "import_id",
        "source",
        "sha256",
        "platform",
        "started_at",
        "finished_at",
        "posts_added",
        "posts_unchanged",
    },
    "flags": {"post_id", "rule", "severity", "score", "evidence", "policy_version"},
    "review_events": {
        "seq",
        "occurred_at",
        "reviewer",
        "post_id",
        "action",
        "payload",
        "prev_hash",
        "hash",
    },
    "review_state": {
        "post_id",
        "status",
        "disposition",
        "escalated_to",
        "tags",
        "assignee",
        "last_reviewer",
        "updated_at",
    },
}


def test_fresh_database_has_the_contract_schema(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for table, columns in CONTRACT_COLUMNS.items():
            found = {
                r[0]
                for r in store.con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                    [table],
                ).fetchall()
            }
            assert columns <= found, (table, columns - found)
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == (
            SCHEMA_VERSION
        )


def test_older_database_is_migrated(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE legacy (x INTEGER)")
    con.close()
    with Store.open(db_path) as store:
        assert store.con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
        assert store.con.execute("SELECT count(*) FROM legacy").fetchone()[0] == 0


def test_newer_database_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("INSERT INTO schema_version VALUES (999, current_timestamp)")
    con.close()
    with pytest.raises(SchemaTooNew, match="newer reviewer"):
        Store.open(db_path)


def test_second_process_is_told_the_database_is_in_use(db_path: Path) -> None:
    with Store.open(db_path):
        code = textwrap.dedent(f"""
            from reviewer.store import Store
            Store.open({str(db_path)!r})
        """)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode != 0
        assert "DatabaseInUse" in proc.stderr
        assert f"in use by another reviewer process (pid {os.getpid()})" in proc.stderr


def test_reimport_adds_nothing_and_keeps_decisions(db_path: Path) -> None:
    with Store.open(db_path) as store:
        first = store.import_posts(
            source="a", sha256="h", platform="x", posts=make_posts(), imported_by="t"
        )
        add_flags(store)
        ReviewService(store, "alice").tag("x:1000", "press")
        again = store.import_posts(
            source="a", sha256="h", platform="x", posts=make_posts(), imported_by="t"
        )
        assert (first.posts_added, first.posts_unchanged) == (5, 0)
        assert (again.posts_added, again.posts_unchanged) == (0, 5)
        assert store.con.execute("SELECT count(*) FROM posts").fetchone()[0] == 5
        assert store.state("x:1000")["tags"] == ["press"]


def test_failing_import_leaves_database_unchanged(db_path: Path) -> None:
    def broken():
        yield from make_posts(3)
        raise ValueError("truncated export")

    with Store.open(db_path) as store:
        with pytest.raises(ValueError):
            store.import_posts(
                source="b", sha256="h", platform="x", posts=broken(), imported_by="t"
            )
        assert store.con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
        assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_killed_import_leaves_no_partial_posts(db_path: Path) -> None:
    Store.open(db_path).close()
    code = textwrap.dedent(f"""
        import os, signal
        from datetime import datetime, UTC
        from reviewer.model import Post
        from reviewer.store import Store
        store = Store.open({str(db_path)!r})
        def posts():
            for i in range(20000):
                yield Post("generic", str(i), "post", "a", datetime.now(UTC), "text %d" % i)
            os.kill(os.getpid(), signal.SIGKILL)
        store.import_posts(source="k", sha256="h", platform="generic", posts=posts(),
                           imported_by="t")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    with Store.open(db_path) as store:
        assert store.con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
        assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_duplicate_posts_inside_one_export_are_stored_once(db_path: Path) -> None:
    posts = make_posts(2) + make_posts(2)
    with Store.open(db_path) as store:
        result = store.import_posts(
            source="d", sha256="h", platform="x", posts=posts, imported_by="t"
        )
        assert result.posts_added == 2
        assert result.posts_unchanged == 2


def test_reflagging_replaces_flags_instead_of_duplicating(store: Store) -> None:
    before = store.con.execute("SELECT count(*) FROM flags").fetchone()[0]
    assert store.count_posts_to_flag("v1") == 0
    assert store.count_posts_to_flag("v2") == 5
    add_flags(store, "v2")
    rows = store.con.execute("SELECT DISTINCT policy_version FROM flags").fetchall()
    assert rows == [("v2",)]
    assert store.con.execute("SELECT count(*) FROM flags").fetchone()[0] == before


def test_queue_is_ordered_by_severity_and_paginates_by_key(store: Store) -> None:
    first = store.queue_page(limit=2)
    assert [r.post_id for r in first] == ["x:1000", "x:1001"]
    rest = store.queue_page(after=first[-1].key, limit=10)
    assert [r.post_id for r in rest] == ["x:1003"]
    assert store.queue_counts() == {"posts": 5, "flagged": 3, "new": 3}


def test_post_text_is_stored_exactly(store: Store) -> None:
    post = store.post("x:1002")
    assert post is not None
    assert post["text"] == make_posts()[2].text
    assert isinstance(make_posts()[0], Post)


def test_version_1_database_is_migrated_keeping_its_data(db_path: Path) -> None:
    from reviewer.store.connection import MIGRATIONS

    con = duckdb.connect(str(db_path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    )
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO schema_version VALUES (1, current_timestamp)")
    con.execute(
        "INSERT INTO posts (post_id, platform, native_id, kind, text, import_id, text_sha256) "
        "VALUES ('x:1', 'x', '1', 'post', 'kept', 'i', 'h')"
    )
    con.close()
    with Store.open(db_path) as store:
        assert store.con.execute("SELECT text FROM posts").fetchall() == [("kept",)]
        assert store.con.execute("SELECT count(*) FROM query_runs").fetchone()[0] == 0
        versions = store.con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        assert [v[0] for v in versions] == [version for version, _sql in MIGRATIONS]
