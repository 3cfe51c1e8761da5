"""Shared fixtures: real databases, filled through the real store API.

``store_target`` (and ``store`` built on it) runs a test twice: on a DuckDB
file in tmp_path (embedded) and on a DuckLake lakehouse whose catalog is a
fresh PostgreSQL database (team). The team run needs PostgreSQL
(``$REVIEWER_TEST_PG``, default ``host=127.0.0.1 port=5432 user=postgres``)
and the team extra; without them it is skipped with the reason, unless
``REVIEWER_REQUIRE_TEAM=1`` makes that a failure (CI sets it).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

HOSTILE_TEXTS = [
    "Projekt Polarstern launches in Q3 [bold]not markup[/bold]",
    "Contact me at jane.doe@example.com 👩‍💻 about the refund",
    "Grüße aus Köln: 北京 and مرحبا <script>alert(1)</script>",
    '=HYPERLINK("http://evil") plain post | with *stars* and _underscores_',
    "A perfectly harmless post about the weather",
]


def make_posts(n: int = 5, platform: str = "x") -> list[Post]:
    """Posts with hostile texts, deterministic ids and dates."""
    return [
        Post(
            platform=platform,
            native_id=str(1000 + i),
            kind="post",
            author="lena_nordwind",
            created_at=datetime(2025, 3, 1 + i, 12, 0, tzinfo=UTC),
            text=HOSTILE_TEXTS[i % len(HOSTILE_TEXTS)],
            url=f"https://x.com/lena_nordwind/status/{1000 + i}",
        )
        for i in range(n)
    ]


def add_flags(store: Store, version: str = "v1") -> None:
    """Flag the first two sample posts the way the real rules would."""
    ids = [r["post_id"] for batch in store.posts_to_flag(version, rescan=True) for r in batch]
    flags = [
        Flag(
            "x:1000",
            "confidential",
            Severity.HIGH,
            1.0,
            [Evidence(0, 18, "Projekt Polarstern", "term")],
            version,
        ),
        Flag(
            "x:1001",
            "personal_data",
            Severity.MEDIUM,
            1.0,
            [Evidence(14, 34, "j***@example.com", "e-mail address")],
            version,
        ),
        Flag("x:1003", "confidential", Severity.LOW, 0.5, [], version),
    ]
    store.write_flags(ids, flags, version)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review.duckdb"


def _team_unavailable(reason: str) -> None:
    if os.environ.get("REVIEWER_REQUIRE_TEAM") == "1":
        pytest.fail(f"team mode required (REVIEWER_REQUIRE_TEAM=1) but {reason}")
    pytest.skip(f"team mode not tested: {reason}")


@pytest.fixture(scope="session")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """A factory of fresh, initialised team targets, one PostgreSQL database each.

    The session initialises one template database (``reviewer_test_<worker>_<pid>``)
    with the catalog and schema; each call clones it (fast, ``CREATE DATABASE
    ... TEMPLATE``) and every database is dropped at the end.
    """
    try:
        import duckdb_extensions  # noqa: F401
        import psycopg
    except ImportError:
        _team_unavailable("the team extra is not installed (pip install -e '.[test]')")
    from reviewer.store.team import with_data_path

    admin = os.environ.get("REVIEWER_TEST_PG", "host=127.0.0.1 port=5432 user=postgres")
    try:
        pg = psycopg.connect(admin + " dbname=postgres", autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        _team_unavailable(f"no PostgreSQL at {admin!r} ({str(exc).strip().splitlines()[0]})")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    template = f"reviewer_test_{worker}_{os.getpid()}"
    made: list[str] = []

    def drop(name: str) -> None:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop(template)
    pg.execute(f'CREATE DATABASE "{template}"')
    made.append(template)
    data = tmp_path_factory.mktemp("lake-data")
    Store.open(
        with_data_path(f"ducklake:postgres:{admin} dbname={template}", str(data)), create=True
    ).close()
    counter = itertools.count(1)

    def new_target() -> str:
        name = f"{template}_{next(counter)}"
        pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        made.append(name)
        return f"ducklake:postgres:{admin} dbname={name}"

    try:
        yield new_target
    finally:
        for name in reversed(made):
            drop(name)
        pg.close()


@pytest.fixture(params=["embedded", "team"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The ``--db`` target of a new, empty database: a DuckDB file or a team lakehouse."""
    if request.param == "embedded":
        return str(tmp_path / "review.duckdb")
    new_target: Callable[[], str] = request.getfixturevalue("team_server")
    return new_target()


@pytest.fixture
def team_target(team_server: Callable[[], str]) -> str:
    """The target of a new team lakehouse, for tests of what only team mode has."""
    return team_server()


@pytest.fixture
def store(store_target: str) -> Iterator[Store]:
    with Store.open(store_target) as s:
        s.import_posts(
            source="fixture", sha256="0" * 64, platform="x", posts=make_posts(), imported_by="t"
        )
        add_flags(s)
        yield s
