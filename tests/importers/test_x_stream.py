"""Big X data files: streamed in chunks, converted in worker processes, same posts.

The thresholds are lowered so the small sample archives take the paths a
multi-gigabyte archive takes.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate, write_x_archive
from reviewer.errors import InputError
from reviewer.importers import open_exports, x, x_parallel, x_stream
from reviewer.model import Post
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports


def _posts(path: Path) -> list[Post]:
    (export,) = open_exports(path)
    return list(export.posts())


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data file streamed, in chunks of a few records."""
    monkeypatch.setattr(x, "STREAM_FROM", 0)
    monkeypatch.setattr(x_stream, "BLOCK", 2048)


def test_streamed_sample_archive_gives_the_same_posts(
    x_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _posts(x_sample)
    monkeypatch.setattr(x, "STREAM_FROM", 0)
    monkeypatch.setattr(x_stream, "BLOCK", 2048)
    assert _posts(x_sample) == whole


def test_streamed_real_export_gives_the_same_posts(
    real_twitter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _posts(real_twitter)
    monkeypatch.setattr(x, "STREAM_FROM", 0)
    monkeypatch.setattr(x_stream, "BLOCK", 4096)
    assert _posts(real_twitter) == whole
    assert len(whole) > 300


def _relayout(path: Path, indent: int | None, same_line: bool = False) -> None:
    """Rewrite a data file with another indentation (0: nested braces at column 0)."""
    text = path.read_text(encoding="utf-8")
    name, _, body = text.partition("=")
    value = json.loads(body.strip().removesuffix(";"))
    dumped = json.dumps(value, indent=indent)
    if same_line:
        dumped = dumped.replace("[\n{", "[ {").replace("},\n{", "}, {")
    path.write_text(f"{name.strip()} = {dumped};\n", encoding="utf-8")


@pytest.mark.parametrize(("indent", "same_line"), [(0, False), (0, True), (4, False)])
def test_any_layout_gives_the_same_posts(
    x_copy: Path, monkeypatch: pytest.MonkeyPatch, indent: int, same_line: bool
) -> None:
    whole = _posts(x_copy)
    for name in ("tweets.js", "tweets-part1.js", "deleted-tweets.js"):
        _relayout(x_copy / "data" / name, indent, same_line)
    assert _posts(x_copy) == whole
    monkeypatch.setattr(x, "STREAM_FROM", 0)
    monkeypatch.setattr(x_stream, "BLOCK", 512)
    assert _posts(x_copy) == whole


def test_a_truncated_streamed_file_says_where_it_ends(x_copy: Path, streamed: None) -> None:
    path = x_copy / "data" / "tweets.js"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    lines = data[: len(data) // 2].count(b"\n") + 1
    with pytest.raises(InputError) as err:
        _posts(x_copy)
    assert err.value.where == f"{x_copy}!data/tweets.js"
    assert err.value.reason == f"truncated: the JSON ends early at line {lines}"


def test_broken_json_in_a_streamed_file_names_the_line(x_copy: Path, streamed: None) -> None:
    path = x_copy / "data" / "tweets.js"
    lines = path.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if i > 600 and '"full_text"' in line)
    lines[target] = lines[target].replace(" : ", " ", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as err:
        _posts(x_copy)
    assert err.value.reason.startswith(f"invalid JSON at line {target + 1} (")


# -- worker processes ---------------------------------------------------------


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x, "STREAM_FROM", 0)
    monkeypatch.setattr(x_stream, "BLOCK", 16 * 1024)
    monkeypatch.setattr(x_parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(x_parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(x_parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A generated archive without note tweets, with a deleted-tweets part."""
    folder = write_x_archive(generate(600), tmp_path / "archive")
    tweets = (folder / "data" / "tweets.js").read_text(encoding="utf-8")
    records = json.loads(tweets.partition("=")[2])
    deleted = [records[5], {"tweet": {**records[0]["tweet"], "id_str": "77", "id": "77"}}]
    (folder / "data" / "deleted-tweets.js").write_text(
        "window.YTD.deleted_tweets.part0 = " + json.dumps(deleted, indent=2), encoding="utf-8"
    )
    return folder


def _import(path: Path, db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with Store.open(db) as store:
        import_exports(store, read_exports([path]), imported_by="t")
        rows = store.con.execute(
            "SELECT * EXCLUDE (import_id) FROM posts ORDER BY post_id"
        ).fetchall()
        counts = store.con.execute("SELECT posts_added, posts_unchanged FROM imports").fetchall()
    return rows, counts


def test_workers_write_the_same_rows(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None
) -> None:
    (export,) = open_exports(archive)
    assert export.post_tables() is not None  # this archive takes the worker path
    fast = _import(archive, tmp_path / "fast.duckdb")
    monkeypatch.setattr(x.XExport, "post_tables", lambda self: None)
    slow = _import(archive, tmp_path / "slow.duckdb")
    assert fast == slow
    rows, counts = fast
    assert counts == [(601, 0)]  # 600 tweets, one of them deleted, plus one deleted only
    kinds = {r[0]: r[3] for r in rows}
    assert kinds["x:77"] == kinds["x:1900000000000000005"] == "deleted"


def test_workers_take_no_archive_with_note_tweets(x_sample: Path, parallel: None) -> None:
    (export,) = open_exports(x_sample)
    assert export.post_tables() is None


def test_workers_wait_for_free_cores(
    archive: Path, monkeypatch: pytest.MonkeyPatch, parallel: None
) -> None:
    monkeypatch.setattr(x_parallel.os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    (export,) = open_exports(archive)
    assert export.post_tables() is None


def _error(path: Path, db: Path) -> tuple[str, str]:
    with Store.open(db) as store:
        with pytest.raises(InputError) as err:
            import_exports(store, read_exports([path]), imported_by="t")
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
    return err.value.where, err.value.reason


def _both_errors(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[str, str], tuple[str, str]]:
    fast = _error(archive, tmp_path / "fast.duckdb")
    monkeypatch.setattr(x.XExport, "post_tables", lambda self: None)
    return fast, _error(archive, tmp_path / "slow.duckdb")


def test_a_bad_tweet_is_named_by_its_record_number(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None
) -> None:
    path = archive / "data" / "tweets.js"
    text = path.read_text(encoding="utf-8")
    marker = '"id_str" : "1900000000000000417"'
    path.write_text(text.replace(marker, '"id_str" : "x417"'), encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace('"id" : "1900000000000000417"', '"id" : "x"')
    path.write_text(text, encoding="utf-8")
    fast, slow = _both_errors(archive, tmp_path, monkeypatch)
    assert fast == slow == (f"{archive}!data/tweets.js", "record 418: missing or invalid 'id_str'")


def test_a_tweet_in_two_parts_is_an_error(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None
) -> None:
    shutil.copy(archive / "data" / "tweets.js", archive / "data" / "tweets-part1.js")
    part1 = archive / "data" / "tweets-part1.js"
    part1.write_text(
        re.sub("YTD.tweets.part0", "YTD.tweets.part1", part1.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    (archive / "data" / "manifest.js").unlink()  # it lists one part only
    fast, slow = _both_errors(archive, tmp_path, monkeypatch)
    assert fast == slow
    assert fast[1].startswith("record 1: tweet 1900000000000000000 also in")


def test_a_truncated_file_fails_the_same_way(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None
) -> None:
    path = archive / "data" / "tweets.js"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    fast, slow = _both_errors(archive, tmp_path, monkeypatch)
    assert fast == slow
    assert fast[1].startswith("truncated: the JSON ends early at line ")
