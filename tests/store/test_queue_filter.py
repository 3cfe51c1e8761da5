"""Queue filters and sort orders: the right posts, in the right order, page after page."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.queue_filter import UNASSIGNED, QueueFilter

PLATFORMS = ["x", "mastodon", "reddit"]
AUTHORS = ["Lena", "bob_k", "Zoë"]
RULES = ["confidential", "personal_data", "profanity", "brand_negativity"]
SEVS = list(Severity)


@pytest.fixture
def big(tmp_path: Path) -> Store:
    """45 flagged posts over 3 platforms, 3 authors, 5 severities, some sharing a date."""
    store = Store.open(tmp_path / "q.duckdb")
    posts, flags = [], []
    for i in range(48):
        post = Post(
            platform=PLATFORMS[i % 3],
            native_id=str(i),
            kind="post",
            author=AUTHORS[(i // 3) % 3],
            created_at=datetime(2025, 1, 1 + i % 20, 8, 0, tzinfo=UTC),
            text=f"post {i} about 100% Polarstern_{i % 4} it's [b]",
        )
        posts.append(post)
        if i < 45:
            flags.append(Flag(post.post_id, RULES[i % 4], SEVS[i % 5], 0.9, [], "v1"))
            if i % 7 == 0:
                ev = [Evidence(0, 4, "post", "why")]
                flags.append(Flag(post.post_id, "hate", Severity.LOW, 0.5, ev, "v1"))
    store.import_posts(source="s", sha256="0" * 64, platform="x", posts=posts, imported_by="t")
    store.write_flags([p.post_id for p in posts], flags, "v1")
    yield store
    store.close()


def _all_pages(store: Store, qf: QueueFilter, size: int) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        page = store.queue_page(after=after, limit=size, queue_filter=qf)
        ids += [r.post_id for r in page]
        if len(page) < size:
            return ids
        after = page[-1].key


def _expected(store: Store, qf: QueueFilter) -> list[str]:
    rows = store.queue_page(limit=10_000, queue_filter=qf)
    rank = {s: n for n, s in enumerate(SEVS)}

    def key(r):  # type: ignore[no-untyped-def]
        newest = -r.created_at.timestamp()
        by_sev = (-rank[r.severity], newest, _desc(r.post_id))
        if qf.sort == "date":
            return (newest, -rank[r.severity], _desc(r.post_id))
        if qf.sort == "platform":
            return (r.platform, *by_sev)
        if qf.sort == "author":
            return ((r.author or "").lower(), *by_sev)
        return by_sev

    return [r.post_id for r in sorted(rows, key=key)]


def _desc(text: str) -> tuple[int, ...]:
    return (*(-ord(c) for c in text), 1)


@pytest.mark.parametrize("sort", ["severity", "date", "platform", "author"])
@pytest.mark.parametrize("size", [1, 4, 7])
def test_every_sort_pages_through_every_post_once_in_order(
    big: Store, sort: str, size: int
) -> None:
    qf = QueueFilter(sort=sort)
    ids = _all_pages(big, qf, size)
    assert len(ids) == len(set(ids)) == 45
    assert ids == _expected(big, qf)


def test_filters_narrow_and_keep_paging(big: Store) -> None:
    svc = ReviewService(big, "alice")
    svc.assign("x:0", "bob")
    svc.decide("reddit:2", "resolved", disposition="acceptable")
    cases = {
        QueueFilter(rule="hate"): {f"{PLATFORMS[i % 3]}:{i}" for i in range(0, 45, 7)},
        QueueFilter(min_severity="critical"): {
            f"{PLATFORMS[i % 3]}:{i}" for i in range(45) if i % 5 == 4
        },
        QueueFilter(platform="reddit", status="resolved"): {"reddit:2"},
        QueueFilter(assignee="bob"): {"x:0"},
        QueueFilter(author="ZO"): {
            f"{PLATFORMS[i % 3]}:{i}" for i in range(45) if (i // 3) % 3 == 2
        },
        QueueFilter(since=date(2025, 1, 19), until=date(2025, 1, 20)): {
            f"{PLATFORMS[i % 3]}:{i}" for i in range(45) if i % 20 in (18, 19)
        },
        QueueFilter(text="100% POLARSTERN_3 it's [B]"): {
            f"{PLATFORMS[i % 3]}:{i}" for i in range(45) if i % 4 == 3
        },
        QueueFilter(text="%"): {f"{PLATFORMS[i % 3]}:{i}" for i in range(45)},
        QueueFilter(text="_9"): set(),
    }
    for qf, expected in cases.items():
        for sort in ("severity", "platform"):
            ordered = QueueFilter.from_json(qf.with_(sort=sort).to_json())
            assert set(_all_pages(big, ordered, 3)) == expected, qf
        counts = big.queue_counts(qf)
        assert counts["matching"] == len(expected), qf
    unassigned = set(_all_pages(big, QueueFilter(assignee=UNASSIGNED), 10))
    assert len(unassigned) == 44 and "x:0" not in unassigned


def test_counts_reflect_the_filter(big: Store) -> None:
    ReviewService(big, "alice").tag("x:0", "press")
    assert big.queue_counts() == {"posts": 48, "flagged": 45, "new": 44}
    counts = big.queue_counts(QueueFilter(rule="hate"))
    assert (counts["matching"], counts["matching_new"], counts["flagged"]) == (7, 6, 45)
    # A sort order alone is no filter.
    assert "matching" not in big.queue_counts(QueueFilter(sort="date"))


def test_saved_filters_round_trip_and_replace(big: Store) -> None:
    qf = QueueFilter(rule="hate", since=date(2025, 1, 2), text="ü'%", sort="author")
    big.save_filter("hate since jan", qf, "alice")
    big.save_filter("mine", QueueFilter(assignee="alice"), "alice")
    big.save_filter("hate since jan", qf.with_(status="new"), "bob")
    saved = big.saved_filters()
    assert [s.name for s in saved] == ["hate since jan", "mine"]
    assert saved[0].filter == qf.with_(status="new") and saved[0].saved_by == "bob"
    assert big.delete_filter("mine") and not big.delete_filter("mine")
    with pytest.raises(InputError, match="name"):
        big.save_filter("  ", qf, "alice")


def test_bad_filters_are_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match="sort"):
        QueueFilter(sort="random")
    with pytest.raises(InputError, match="severity"):
        QueueFilter(min_severity="huge")
    with pytest.raises(InputError, match="after the last day"):
        QueueFilter(since=date(2025, 2, 1), until=date(2025, 1, 1))
    with pytest.raises(InputError, match="unknown field"):
        QueueFilter.from_json('{"colour": "red"}')
    assert not QueueFilter(sort="date").active
    assert QueueFilter(text="x").describe() == "text “x”"


def test_review_columns_of_shown_rows(big: Store) -> None:
    svc = ReviewService(big, "alice")
    svc.assign("x:0", "bob")
    svc.tag("x:0", "press")
    got = big.queue_review(["x:0", "mastodon:1"])
    assert got == {"x:0": ("in_review", ["press"], "bob"), "mastodon:1": ("new", [], None)}
    facets = big.queue_facets()
    assert facets["assignee"] == ["bob"]
    assert facets["platform"] == sorted(PLATFORMS)
    assert set(facets["rule"]) == {*RULES, "hate"}
    assert list(itertools.islice(facets["rule"], 1)) == ["brand_negativity"]
