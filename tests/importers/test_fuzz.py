"""Mutated exports: the only outcomes are a clean list of posts or a ReviewerError.

Hypothesis truncates, flips, inserts, deletes and splices bytes of each
platform's sample file; whatever comes out must be either posts that keep the
common schema's promises or a ReviewerError naming the input. Never another
exception, never a hang.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import ReviewerError
from reviewer.importers import csvstream, jsonstream, open_exports, textstream
from reviewer.model import KINDS, PLATFORMS
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports

SAMPLES = Path(__file__).resolve().parents[2] / "sample_exports"
TARGETS = [
    "facebook/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "facebook/your_facebook_activity/comments_and_reactions/comments.json",
    "facebook/personal_information/profile_information/profile_information.json",
    "instagram/your_instagram_activity/media/posts_1.json",
    "instagram/your_instagram_activity/comments/post_comments_1.json",
    "instagram/your_instagram_activity/threads/threads_and_replies.json",
    "linkedin/Shares.csv",
    "linkedin/Comments.csv",
    "mastodon/outbox.json",
    "mastodon/actor.json",
    "bluesky/repo.car",
    "reddit/posts.csv",
    "reddit/comments.csv",
    "tiktok/user_data_tiktok.json",
    "youtube/Takeout/YouTube and YouTube Music/comments/comments.csv",
    "x/data/tweets-part1.js",
    "generic/posts.csv",
    "generic/posts.ndjson",
]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one or two byte-level mutations."""
    for _ in range(draw(st.integers(1, 2))):
        size = len(data)
        pos = draw(st.integers(0, size))
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "splice"]))
        if kind == "truncate":
            data = data[:pos]
        elif kind == "flip" and size:
            pos = min(pos, size - 1)
            data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
        elif kind == "insert":
            data = (
                data[:pos]
                + draw(st.sampled_from([b'"', b",", b"{", b"]", b"\n", b"\0", b"\xff", b"\\"]))
                + data[pos:]
            )
        elif kind == "delete":
            data = data[:pos] + data[pos + draw(st.integers(1, 64)) :]
        else:
            other = draw(st.integers(0, size))
            data = data[:pos] + data[other : other + draw(st.integers(1, 200))] + data[pos:]
    return data


def check_outcome(folder: Path) -> None:
    try:
        exports = open_exports(folder)
        for export in exports:
            posts = list(export.posts())
            for post in posts:
                assert post.platform in PLATFORMS and post.kind in KINDS
                assert isinstance(post.native_id, str) and post.native_id
                assert isinstance(post.text, str)
                assert post.created_at is None or post.created_at.tzinfo is not None
                json.dumps(post.raw, default=str)
                json.dumps(post.media)
    except ReviewerError as exc:
        assert str(folder) in exc.where


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed files read in pieces of a few dozen bytes, so mutations land on every boundary."""
    monkeypatch.setattr(textstream, "CHUNK", 61)
    monkeypatch.setattr(csvstream, "_CHUNK", 61)
    monkeypatch.setattr(jsonstream, "_CHUNK", 61)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.usefixtures("small_chunks")
def test_mutated_sample_gives_posts_or_a_reviewer_error(target: str) -> None:
    platform_dir = target.split("/", 1)[0]
    original = (SAMPLES / target).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(SAMPLES / platform_dir, Path(tmp) / platform_dir))
        path = folder / target.split("/", 1)[1]

        @settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(mutated(original))
        def run(data: bytes) -> None:
            path.write_bytes(data)
            check_outcome(folder)

        run()


@pytest.mark.usefixtures("small_chunks")
def test_a_mutated_json_array_imports_whole_or_leaves_the_database_unchanged() -> None:
    records = [
        json.loads(line)
        for line in (SAMPLES / "generic" / "posts.ndjson").read_text(encoding="utf-8").splitlines()
    ]
    original = json.dumps(records, indent=2, ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.json"
        db = Path(tmp) / "db.duckdb"

        @settings(
            max_examples=40,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(mutated(original))
        def run(data: bytes) -> None:
            path.write_bytes(data)
            check_outcome(path)
            db.unlink(missing_ok=True)
            with Store.open(db) as store:
                try:
                    results = import_exports(store, read_exports([path]), imported_by="fuzz")
                except ReviewerError:
                    counts = store.con.execute(
                        "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM imports)"
                    ).fetchone()
                    assert counts == (0, 0)  # never a partial import
                    return
                (posts,) = store.con.execute("SELECT count(*) FROM posts").fetchone() or (0,)
                assert posts == sum(r.posts_added for r in results) > 0

        run()
