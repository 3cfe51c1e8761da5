"""Shared fixtures: real DuckDB files in tmp_path, filled through the real store API."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as s:
        s.import_posts(
            source="fixture", sha256="0" * 64, platform="x", posts=make_posts(), imported_by="t"
        )
        add_flags(s)
        yield s
