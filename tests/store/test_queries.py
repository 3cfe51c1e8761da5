"""Saved queries: header parsing, typed parameters, read-only execution."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.store.queries import load_queries, parse_query, run_sql


def test_shipped_queries_parse_with_title_and_typed_params() -> None:
    queries = load_queries(shipped_dir("queries"))
    q = queries["flagged_unreviewed"]
    assert q.title
    assert {p.name: p.type for p in q.params} == {"min_severity": "text", "max_rows": "integer"}


def test_flagged_unreviewed_lists_new_flagged_posts(store: Store) -> None:
    store.close()
    q = load_queries(shipped_dir("queries"))["flagged_unreviewed"]
    names, rows = run_sql(store.path, q.sql, q.bind({}))
    assert names[:3] == ["severity", "rules", "post_id"]
    assert [r[2] for r in rows] == ["x:1000", "x:1001", "x:1003"]
    _, high = run_sql(store.path, q.sql, q.bind({"min_severity": "high"}))
    assert [r[2] for r in high] == ["x:1000"]


def test_bad_parameters_are_named(tmp_path: Path) -> None:
    q = load_queries(shipped_dir("queries"))["flagged_unreviewed"]
    with pytest.raises(InputError, match="-p max_rows"):
        q.bind({"max_rows": "many"})
    with pytest.raises(InputError, match="-p nope"):
        q.bind({"nope": "1"})


def test_parameter_values_are_bound_not_spliced(store: Store) -> None:
    store.close()
    _, rows = run_sql(store.path, "SELECT $v AS v", {"v": "'; DROP TABLE posts; --"})
    assert rows == [("'; DROP TABLE posts; --",)]
    assert run_sql(store.path, "SELECT count(*) FROM posts")[1] == [(5,)]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM posts",
        "UPDATE posts SET text = 'x'",
        "CREATE TABLE t (x INT)",
        "INSERT INTO review_events SELECT * FROM review_events",
    ],
)
def test_writing_queries_are_refused_and_change_nothing(store: Store, sql: str) -> None:
    store.close()
    with pytest.raises(InputError, match="read-only"):
        run_sql(store.path, sql)
    assert run_sql(store.path, "SELECT count(*) FROM posts")[1] == [(5,)]


def test_malformed_header_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sql"
    bad.write_text("-- title: x\n-- param: limit = 3\nSELECT 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        parse_query(bad)
    missing = tmp_path / "untitled.sql"
    missing.write_text("SELECT 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="title"):
        parse_query(missing)


def test_user_folder_overrides_shipped_query(tmp_path: Path) -> None:
    (tmp_path / "flagged_unreviewed.sql").write_text("-- title: Mine\nSELECT 1\n", encoding="utf-8")
    merged = load_queries(shipped_dir("queries"), tmp_path)
    assert merged["flagged_unreviewed"].title == "Mine"


def test_docs_queries_md_is_generated_from_the_headers() -> None:
    from reviewer.paths import shipped_dir as shipped
    from reviewer.store.queries import queries_markdown
    from tests.conftest import REPO

    expected = queries_markdown(load_queries(shipped("queries")))
    assert (REPO / "docs" / "queries.md").read_text(encoding="utf-8") == expected, (
        "docs/queries.md is stale: run `reviewer query docs > docs/queries.md`"
    )
