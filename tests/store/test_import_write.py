"""The import write path: pipelined batches, raw JSON text, settings restored."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import batch as batch_module
from reviewer.model import Post
from reviewer.store import Store
from reviewer.store import posts as posts_module


def _posts(n: int, start: int = 0) -> list[Post]:
    return [
        Post(
            platform="generic",
            native_id=f"p{i}",
            kind="post",
            author="a",
            created_at=datetime(2025, 1, 1, tzinfo=UTC),
            text=f"post {i}",
            raw={"id": f"p{i}", "n": i},
        )
        for i in range(start, start + n)
    ]


def _import(store: Store, posts: Iterator[Post] | list[Post]) -> tuple[int, int]:
    result = store.import_posts(
        source="s", sha256="0" * 64, platform="generic", posts=posts, imported_by="t"
    )
    return result.posts_added, result.posts_unchanged


def test_many_batches_are_counted_and_reimport_adds_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posts_module, "BATCH", 7)
    posts = _posts(50)
    with Store.open(db_path) as store:
        # A post repeated in a later batch is stored once.
        assert _import(store, [*posts, posts[3]]) == (50, 1)
        assert _import(store, _posts(60)) == (10, 50)
        (count,) = store.con.execute("SELECT count(*) FROM posts").fetchone()
    assert count == 60


def test_failure_in_a_later_batch_leaves_nothing_and_restores_settings(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posts_module, "BATCH", 5)

    def failing() -> Iterator[Post]:
        yield from _posts(23)
        raise InputError("f.ndjson", "line 24: broken")

    with Store.open(db_path) as store:
        (threads,) = store.con.execute("SELECT current_setting('threads')").fetchone()
        with pytest.raises(InputError):
            _import(store, failing())
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
        assert store.con.execute("SELECT count(*) FROM imports").fetchone() == (0,)
        assert store.con.execute("SELECT current_setting('threads')").fetchone() == (threads,)
    assert gc.isenabled()


def test_raw_json_text_is_kept_as_given_and_raw_is_serialised_otherwise(db_path: Path) -> None:
    given, serialised = _posts(2)
    given.raw_json = '{"id": "p0",  "n": 0, "extra": [1, 2]}'
    serialised.raw = {"id": "p1", "when": datetime(2025, 1, 1, tzinfo=UTC), 7: "x", "big": 10**30}
    with Store.open(db_path) as store:
        _import(store, [given, serialised])
        first = store.post("generic:p0")
        second = store.post("generic:p1")
    assert first is not None and second is not None
    assert first["raw"] == given.raw_json
    assert json.loads(second["raw"]) == {
        "id": "p1",
        "when": "2025-01-01 00:00:00+00:00",
        "7": "x",
        "big": 10**30,
    }


def test_raw_that_orjson_refuses_is_serialised_like_json_dumps() -> None:
    value = {"big": 10**30, "t": datetime(2025, 1, 1, tzinfo=UTC), 1: [None, True]}
    assert json.loads(batch_module._dumps(value)) == json.loads(
        json.dumps(value, ensure_ascii=False, default=str)
    )
    assert batch_module._dumps({"ü": "ß"}) == '{"ü":"ß"}'
