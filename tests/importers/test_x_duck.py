"""The DuckDB path for big X archives writes exactly the rows of the Python path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from reviewer.errors import InputError
from reviewer.importers import open_exports, x, x_duck
from reviewer.importers.batch import posts_table
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports
from tests.importers.conftest import ZipFolder


def _tweet(n: int, text: str, **extra: Any) -> dict[str, Any]:
    tweet_id = str(1_800_000_000_000_000_000 + n)
    tweet: dict[str, Any] = {
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": "3",
        "id_str": tweet_id,
        "id": tweet_id,
        "created_at": f"Tue Dec 02 06:{n // 60 % 60:02d}:{n % 60:02d} +0000 2025",
        "full_text": text,
        "lang": "en",
    }
    tweet.update(extra)
    return tweet


def _url(short: str, expanded: str) -> dict[str, Any]:
    return {"url": short, "expanded_url": expanded, "display_url": expanded[8:30]}


def _tricky() -> list[dict[str, Any]]:
    """Tweets covering every branch of the conversion (index = tweet number)."""
    t = [
        _tweet(0, "A plain post"),
        _tweet(1, "Schöne Grüße aus München 😀", lang="de"),
        _tweet(2, "Mu\u0308nchen ist scho\u0308n"),  # decomposed: NFC changes it
        _tweet(3, "Fish &amp; chips &lt;3 &copy2024 &notanentity;"),
        _tweet(
            4,
            "Read this https://t.co/abc123",
            entities={"urls": [_url("https://t.co/abc123", "https://example.org/a?b=1&c=2")]},
        ),
        _tweet(
            5,
            "So true https://t.co/q1",
            entities={"urls": [_url("https://t.co/q1", "https://x.com/someone/status/123")]},
        ),
        _tweet(
            6,
            "Two https://t.co/l1 and https://t.co/l2",
            entities={
                "urls": [_url("https://t.co/l1", "https://a.example"), _url("https://t.co/l2", "b")]
            },
        ),
        _tweet(
            7,
            "Link twice https://t.co/tw and https://t.co/tw",
            entities={"urls": [_url("https://t.co/tw", "https://twice.example")]},
        ),
        _tweet(
            8,
            "Prefix https://t.co/abcd here",
            entities={"urls": [_url("https://t.co/abc", "https://wrong.example")]},
        ),
        _tweet(
            9,
            "Umlaut link https://t.co/uml",
            entities={"urls": [_url("https://t.co/uml", "https://grüße.example/ü")]},
        ),
        _tweet(
            10,
            "A photo https://t.co/pic",
            entities={
                "urls": [],
                "media": [
                    {
                        "url": "https://t.co/pic",
                        "media_url_https": "https://pbs.twimg.com/media/abc.jpg",
                        "type": "photo",
                    }
                ],
            },
        ),
        _tweet(
            11,
            "A video https://t.co/vid",
            extended_entities={
                "media": [
                    {
                        "url": "https://t.co/vid",
                        "media_url_https": "https://pbs.twimg.com/thumb/v.jpg",
                        "type": "video",
                        "ext_alt_text": "alt",
                        "video_info": {
                            "variants": [
                                {"bitrate": "256000", "content_type": "video/mp4", "url": "a.mp4"},
                                {"bitrate": "832000", "content_type": "video/mp4", "url": "b.mp4"},
                            ]
                        },
                    }
                ]
            },
        ),
        _tweet(12, "@someone thanks!", in_reply_to_status_id_str="42", in_reply_to_status_id="42"),
        _tweet(13, "Not a reply", in_reply_to_status_id_str="", in_reply_to_status_id=""),
        _tweet(14, "RT @other: something"),
        _tweet(15, "No language", lang=None),
        _tweet(16, "Integer id", id=1_800_000_000_000_000_016),
        _tweet(17, "A float and a big number", score=1.5, big=12345678901234567890123),
        _tweet(18, "Another zone", created_at="Tue Dec 02 08:00:18 +0200 2025"),
        _tweet(19, 'Multi\nline\ttext with "quotes" and a \\ backslash / slash'),
        _tweet(20, "Reply by id only", in_reply_to_status_id="77"),
        _tweet(21, "No entities at all"),
        _tweet(22, "Time 12:30, 1,000 people"),
    ]
    del t[21]["entities"]
    t[16].pop("id_str")
    del t[15]["lang"]
    t.append({k: v for k, v in _tweet(23, "").items() if k != "full_text"} | {"text": "old"})
    return t


def _write_js(path: Path, name: str, records: list[Any], escapes: bool = False) -> None:
    body = json.dumps(records, indent=2, ensure_ascii=escapes).replace('": ', '" : ')
    path.write_text(f"window.{name} = {body}", encoding="utf-8")


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    """An archive with every kind of tweet, long note tweets and deleted tweets."""
    data = tmp_path / "tricky" / "data"
    data.mkdir(parents=True)
    tweets = _tricky()
    long_text = "This is a long post that goes on and on " * 10
    tweets.append(_tweet(30, long_text[:270] + "… https://t.co/more"))
    tweets.append(_tweet(31, "@a @b " + long_text[:200] + "…", in_reply_to_status_id_str="9"))
    _write_js(data / "tweets.js", "YTD.tweets.part0", [{"tweet": t} for t in tweets])
    # Part 1: written with \\u escapes (emoji as surrogate pairs, control characters).
    escaped = [_tweet(40, "Escaped ä 😀 \u0001 ctrl"), _tweet(41, "Plain again")]
    _write_js(data / "tweets-part1.js", "YTD.tweets.part1", [{"tweet": t} for t in escaped], True)
    part1 = data / "tweets-part1.js"
    text = part1.read_text(encoding="utf-8")
    dup = '"full_text" : "Dup first",\n      "full_text" : "Plain again"'
    part1.write_text(text.replace('"full_text" : "Plain again"', dup), encoding="utf-8")
    notes = [
        {
            "noteTweet": {
                "noteTweetId": "555",
                "createdAt": "2025-12-02T06:00:30.000Z",
                "core": {"text": long_text, "urls": []},
            }
        },
        {
            "noteTweet": {
                "noteTweetId": "556",
                "createdAt": "2025-12-02T06:00:32.000Z",
                "core": {"text": long_text, "urls": []},
            }
        },
        {
            "noteTweet": {
                "noteTweetId": "557",
                "createdAt": "2021-01-01T00:00:00.000Z",
                "core": {"text": "A note whose tweet is gone", "urls": []},
            }
        },
    ]
    _write_js(data / "note-tweet.js", "YTD.note_tweet.part0", notes)
    deleted = [
        {"tweet": {**_tweet(0, "A plain post"), "deleted_at": "Wed Dec 03 00:00:00 +0000 2025"}},
        {"tweet": _tweet(50, "Only in the deleted file")},
    ]
    _write_js(data / "deleted-tweets.js", "YTD.deleted_tweets.part0", deleted)
    account = [{"account": {"username": "tricky_user", "email": "a@example.org"}}]
    _write_js(data / "account.js", "YTD.account.part0", account)
    return tmp_path / "tricky"


def _no_python_path(export: x.XExport) -> None:
    def fail() -> Iterator[Any]:
        raise AssertionError("the DuckDB path gave up")

    export.posts = fail  # type: ignore[method-assign]


def _fast(path: Path, *, may_fall_back: bool = False) -> pa.Table:
    (export,) = open_exports(path)
    assert isinstance(export, x.XExport)
    if not may_fall_back:
        _no_python_path(export)
    tables = x_duck.duck_tables(export, min_size=0)
    assert tables is not None
    return pa.concat_tables(list(tables)).sort_by("post_id")


def _slow(path: Path) -> pa.Table:
    (export,) = open_exports(path)
    return posts_table(list(export.posts())).sort_by("post_id")


def test_tricky_archive_same_rows(tricky: Path) -> None:
    fast, slow = _fast(tricky), _slow(tricky)
    assert fast.to_pylist() == slow.to_pylist()
    rows = {r["native_id"]: r for r in fast.to_pylist()}
    assert rows["1800000000000000002"]["text"] == "München ist schön"
    assert rows["1800000000000000003"]["text"].startswith("Fish & chips <3 &copy2024 ")
    assert rows["1800000000000000004"]["text"] == "Read this https://example.org/a?b=1&c=2"
    assert rows["1800000000000000005"]["kind"] == "quote"
    assert rows["1800000000000000000"]["kind"] == "deleted"
    assert rows["1800000000000000030"]["text"].startswith("This is a long post")
    assert rows["557"]["kind"] == "note"
    assert rows["1800000000000000041"]["text"] == "Plain again"  # a repeated key: the last
    # The reply a second before note 556 takes it, keeping its leading mentions.
    assert (
        rows["1800000000000000031"]["text"]
        == "@a @b " + "This is a long post that goes on and on " * 10
    )


def test_sample_export_same_rows(x_sample: Path) -> None:
    assert _fast(x_sample).to_pylist() == _slow(x_sample).to_pylist()


def test_real_export_same_rows(real_twitter: Path) -> None:
    fast, slow = _fast(real_twitter), _slow(real_twitter)
    assert fast.num_rows > 300
    assert fast.to_pylist() == slow.to_pylist()


def test_zipped_archive_same_rows(tricky: Path, tmp_path: Path, zip_folder: ZipFolder) -> None:
    zipped = zip_folder(tricky, tmp_path / "archive.zip")
    assert _fast(zipped).to_pylist() == _slow(tricky).to_pylist()


def test_generated_archive_same_rows(tmp_path: Path) -> None:
    from bench.generate import generate, write_x_archive

    folder = write_x_archive(generate(3000), tmp_path / "gen")
    assert _fast(folder).to_pylist() == _slow(folder).to_pylist()


def test_a_record_only_python_reads_hands_over_midway(
    tricky: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare tweet (no "tweet" wrapper) late in the file: Python goes on from there."""
    path = tricky / "data" / "tweets.js"
    records = json.loads(path.read_text(encoding="utf-8").partition("=")[2])
    records[20] = records[20]["tweet"]
    _write_js(path, "YTD.tweets.part0", records)
    monkeypatch.setattr(x_duck, "BATCH_ROWS", 4)
    fast = _fast(tricky, may_fall_back=True)
    assert fast.to_pylist() == _slow(tricky).to_pylist()


def test_trailing_semicolon(tricky: Path) -> None:
    path = tricky / "data" / "tweets.js"
    path.write_text(path.read_text(encoding="utf-8") + ";\n", encoding="utf-8")
    assert _fast(tricky).to_pylist() == _slow(tricky).to_pylist()


def test_small_archives_stay_on_the_python_path(x_sample: Path) -> None:
    (export,) = open_exports(x_sample)
    assert isinstance(export, x.XExport)
    assert x_duck.duck_tables(export) is None


# -- through the store --------------------------------------------------------


@pytest.fixture
def duck(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x_duck, "DUCK_FROM", 0)


def _import(path: Path, db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with Store.open(db) as store:
        import_exports(store, read_exports([path]), imported_by="t")
        import_exports(store, read_exports([path]), imported_by="t")
        rows = store.con.execute(
            "SELECT * EXCLUDE (import_id) FROM posts ORDER BY post_id"
        ).fetchall()
        counts = store.con.execute(
            "SELECT posts_added, posts_unchanged FROM imports ORDER BY started_at"
        ).fetchall()
    return rows, counts


def test_import_writes_the_same_rows_and_a_reimport_adds_nothing(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duck: None
) -> None:
    (export,) = open_exports(tricky)
    assert x_duck.duck_tables(export) is not None
    fast = _import(tricky, tmp_path / "fast.duckdb")
    monkeypatch.setattr(x.XExport, "post_tables", lambda self: None)
    slow = _import(tricky, tmp_path / "slow.duckdb")
    assert fast == slow
    rows, counts = fast
    assert counts == [(len(rows), 0), (0, len(rows))]


def _error(path: Path, db: Path) -> tuple[str, str]:
    with Store.open(db) as store:
        with pytest.raises(InputError) as err:
            import_exports(store, read_exports([path]), imported_by="t")
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
        assert store.con.execute("SELECT count(*) FROM imports").fetchone() == (0,)
    return err.value.where, err.value.reason


def _both_errors(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    fast = _error(archive, tmp_path / "fast.duckdb")
    monkeypatch.setattr(x.XExport, "post_tables", lambda self: None)
    slow = _error(archive, tmp_path / "slow.duckdb")
    assert fast == slow
    return fast


def test_truncated_file(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duck: None
) -> None:
    path = tricky / "data" / "tweets.js"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    where, reason = _both_errors(tricky, tmp_path, monkeypatch)
    assert where.endswith("tweets.js") and "JSON" in reason


def test_invalid_utf8(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duck: None
) -> None:
    path = tricky / "data" / "tweets.js"
    path.write_bytes(path.read_bytes().replace(b"A plain post", b"A pl\xffin post", 1))
    where, reason = _both_errors(tricky, tmp_path, monkeypatch)
    assert where.endswith("tweets.js") and "UTF-8" in reason


def test_bad_record(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duck: None
) -> None:
    path = tricky / "data" / "tweets.js"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Tue Dec 02 06:00:05", "Tue Feb 30 06:00:05"), encoding="utf-8")
    _, reason = _both_errors(tricky, tmp_path, monkeypatch)
    assert reason.startswith("record 6: bad created_at")


def test_tweet_in_two_parts(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, duck: None
) -> None:
    shutil.copy(tricky / "data" / "tweets-part1.js", tricky / "data" / "tweets-part2.js")
    part2 = tricky / "data" / "tweets-part2.js"
    part2.write_text(
        part2.read_text(encoding="utf-8").replace("tweets.part1", "tweets.part2"),
        encoding="utf-8",
    )
    _, reason = _both_errors(tricky, tmp_path, monkeypatch)
    assert "also in" in reason


def test_sql_converts_the_plain_tweets(tricky: Path, tmp_path: Path) -> None:
    """Which tweets SQL converts itself; the rest go through tweet_to_post."""
    (export,) = open_exports(tricky)
    assert isinstance(export, x.XExport)
    (part,) = export.parts("tweets")[:1]
    start = x_duck._array_start(export, part)
    assert start is not None
    copy = tmp_path / "copy.json"
    x_duck._copy_array(export, part, start, copy)
    rows = x_duck._connect(str(tmp_path)).execute(
        f"SELECT native_id, simple FROM ({x_duck._QUERY})", [str(copy), "u", "u", "f", False]
    )
    simple = {int(n) % 100 for n, s in rows.fetchall() if s and n}
    # 9: a non-ASCII expanded URL (Python and SQL differ on \w), the rest as named.
    assert simple == {0, 1, 2, 4, 5, 12, 13, 14, 15, 19, 20, 21, 30, 31}
