"""Each shipped query, run on a known database, answers its question."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reviewer.paths import shipped_dir
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queries import load_queries, run_sql

QUERIES = load_queries(shipped_dir("queries"))


def run(db: str, name: str, **given: str) -> list[dict[str, Any]]:
    q = QUERIES[name]
    names, rows = run_sql(db, q.sql, q.bind(given))
    return [dict(zip(names, r, strict=True)) for r in rows]


@pytest.fixture
def known(store: Store) -> str:
    store.record_policy("v1", None, {"organization": {"name": "Nordwind Energie"}})
    alice, bob = ReviewService(store, "alice"), ReviewService(store, "bob")
    alice.tag("x:1000", "press")
    alice.decide("x:1000", "resolved", disposition="violation_removal")
    bob.decide("x:1000", "in_review")
    alice.decide("x:1001", "resolved", disposition="acceptable")
    alice.undo("x:1001")
    bob.note("x:1003", "ask the author")
    alice.record_report_unmask({"posts": ["x:1000"]})
    store.close()
    return store.path


def test_every_shipped_query_runs_with_its_defaults(known: str) -> None:
    for name in QUERIES:
        run(known, name)


def test_flags_by_rule_platform_week(known: str) -> None:
    rows = run(known, "flags_by_rule_platform_week")
    assert {(r["rule"], r["platform"]) for r in rows} == {
        ("confidential", "x"),
        ("personal_data", "x"),
    }
    assert sum(r["flagged_posts"] for r in rows) == 3
    assert all(r["week"].weekday() == 0 for r in rows)
    assert run(known, "flags_by_rule_platform_week", since="2025-03-04") == [
        {"week": date(2025, 3, 3), "rule": "confidential", "platform": "x", "flagged_posts": 1}
    ]


def test_imports_with_sources(known: str) -> None:
    [row] = run(known, "imports_with_sources")
    assert (row["source"], row["sha256"], row["posts_added"]) == ("fixture", "0" * 64, 5)


def test_policy_versions_in_use(known: str) -> None:
    [row] = run(known, "policy_versions_in_use")
    assert (row["policy_version"], row["flags"], row["flagged_posts"]) == ("v1", 3, 3)
    assert row["source"] == "built-in policy pack"


def test_reviewer_activity(known: str) -> None:
    rows = {r["reviewer"]: r for r in run(known, "reviewer_activity")}
    assert rows["alice"]["events"] == 5 and rows["alice"]["decisions"] == 2
    assert rows["alice"]["undos"] == 1 and rows["alice"]["reports_unmasked"] == 1
    # The unmasking concerns no single post: it touches none.
    assert rows["alice"]["posts"] == 2 and rows["bob"]["reports_unmasked"] == 0
    assert rows["bob"]["notes"] == 1
    assert [r["reviewer"] for r in run(known, "reviewer_activity", reviewer="b%")] == ["bob"]


def test_decisions_changed(known: str) -> None:
    rows = run(known, "decisions_changed")
    assert [(r["post_id"], r["change"], r["changed_by"]) for r in rows] == [
        ("x:1000", "reopened as in_review", "bob"),
        ("x:1001", "undone", "alice"),
    ]


def test_time_to_review(known: str) -> None:
    rows = {r["severity"]: r for r in run(known, "time_to_review")}
    assert rows["high"]["flagged_posts"] == 1 and rows["high"]["waiting"] == 0
    assert rows["high"]["first_review_median_h"] >= 0
    assert rows["high"]["resolution_median_h"] is None  # reopened, so not resolved
    assert rows["medium"]["resolution_median_h"] is None  # resolution undone
    assert rows["low"]["waiting"] == 0


def test_backlog_ageing(known: str) -> None:
    rows = run(known, "backlog_ageing")
    # x:1001's only decision was undone, so it is back to new.
    assert {(r["status"], r["age"], r["posts"]) for r in rows} == {
        ("in_review", "1: under a day", 2),
        ("new", "1: under a day", 1),
    }


def test_escalations(store: Store) -> None:
    svc = ReviewService(store, "alice")
    svc.decide("x:1000", "escalated", escalate_to="legal")
    svc.decide("x:1000", "resolved", disposition="violation_legal")
    svc.decide("x:1001", "escalated", escalate_to="data_protection")
    store.close()
    assert [(r["role"], r["outcome"], r["posts"]) for r in run(store.path, "escalations")] == [
        ("data_protection", "escalated", 1),
        ("legal", "resolved: violation_legal", 1),
    ]


def test_violations_by_author_and_precision(store: Store) -> None:
    svc = ReviewService(store, "alice")
    svc.decide("x:1000", "resolved", disposition="violation_coaching")
    svc.decide("x:1001", "resolved", disposition="violation_removal")
    svc.decide("x:1003", "resolved", disposition="false_positive")
    store.close()
    [row] = run(store.path, "violations_by_author")
    assert (row["author"], row["violations"], row["coaching"], row["removal"]) == (
        "lena_nordwind",
        2,
        1,
        1,
    )
    assert run(store.path, "violations_by_author", min_violations="3") == []
    rows = {r["rule"]: r for r in run(store.path, "rule_precision")}
    assert (rows["confidential"]["confirmed"], rows["confidential"]["false_positive"]) == (1, 1)
    assert float(rows["confidential"]["precision"]) == 0.5
    assert float(rows["personal_data"]["precision"]) == 1.0


def test_precision_counts_feedback_on_single_flags(store: Store) -> None:
    svc = ReviewService(store, "alice")
    svc.decide("x:1000", "resolved", disposition="violation_coaching")
    svc.decide("x:1003", "resolved", disposition="false_positive")
    # The flag's own verdict wins over the post's disposition, both ways.
    svc.flag_feedback("x:1000", "confidential", "false_positive")
    svc.flag_feedback("x:1003", "confidential", "confirmed")
    # Unresolved posts count once a flag is judged; an undone verdict does not count.
    svc.flag_feedback("x:1001", "personal_data", "false_positive")
    svc.flag_feedback("x:1001", "personal_data", "confirmed")
    svc.undo("x:1001")
    store.close()
    rows = {r["rule"]: r for r in run(store.path, "rule_precision")}
    conf = rows["confidential"]
    assert (conf["flags"], conf["resolved"], conf["flag_feedback"]) == (2, 2, 2)
    assert (conf["confirmed"], conf["false_positive"]) == (1, 1)
    pd = rows["personal_data"]
    assert (pd["flag_feedback"], pd["confirmed"], pd["false_positive"]) == (1, 0, 1)
    assert float(pd["precision"]) == 0.0


def test_term_and_personal_data_hits(known: str) -> None:
    terms = run(known, "confidential_hits_by_term")
    assert terms == [{"term": "term", "hits": 1, "posts": 1, "authors": 1}]
    [pd] = run(known, "personal_data_hits_by_type")
    assert (pd["kind"], pd["hits"], pd["masked_example"]) == (
        "e-mail address",
        1,
        "j***@example.com",
    )


def test_repeat_offenders_only_when_the_policy_allows(store: Store) -> None:
    from datetime import UTC, datetime

    svc = ReviewService(store, "alice")
    svc.decide("x:1000", "resolved", disposition="violation_coaching")
    svc.decide("x:1001", "resolved", disposition="violation_removal")
    store.record_policy("p-off", None, {"review": {"repeat_offenders": False}})
    store.close()
    assert run(store.path, "repeat_offenders", days="100000") == []
    with Store.open(store.path) as again:
        again.con.execute(
            "INSERT INTO policy_versions (policy_version, source, first_used_at, policy) "
            "VALUES ('p-on', NULL, ?, ?)",
            [datetime.now(UTC), '{"review": {"repeat_offenders": true}}'],
        )
    [row] = run(store.path, "repeat_offenders", days="100000")
    assert (row["author"], row["violations"], row["allowed"]) == ("lena_nordwind", 2, True)
    assert run(store.path, "repeat_offenders", days="100000", min_violations="3") == []
