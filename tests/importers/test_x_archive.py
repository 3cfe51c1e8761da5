"""The X importer on the synthetic archive, variants of it, and the real export."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import open_exports
from reviewer.importers.x_records import parse_x_time
from reviewer.model import Post

LONG_POST = "1973274176517074983"
LONG_REPLY = "1976011089900498985"
ORPHAN_NOTE = "1980242593182674987"
DELETED = {"1989765340984274991", "1988729305953234990", "1987810963092434989"}


def x_posts(path: Path, **kwargs: str) -> list[Post]:
    (export,) = open_exports(path, **kwargs)
    assert export.platform == "x"
    return list(export.posts())


def by_id(posts: list[Post]) -> dict[str, Post]:
    return {p.native_id: p for p in posts}


def write_js(path: Path, global_name: str, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"window.{global_name} = {json.dumps(value, indent=2)}", encoding="utf-8")


def test_every_part_file_is_read(x_sample: Path) -> None:
    posts = x_posts(x_sample)
    files = Counter(p.source_file for p in posts)
    assert files == {
        "data/tweets.js": 24,
        "data/tweets-part1.js": 15,
        "data/deleted-tweets.js": 3,
        "data/note-tweet.js": 1,
    }
    assert len({p.post_id for p in posts}) == len(posts) == 43


def test_folder_and_zip_give_the_same_posts(x_sample: Path, tmp_path: Path, zip_folder) -> None:
    folder = open_exports(x_sample)
    flat_zip = open_exports(zip_folder(x_sample, tmp_path / "flat.zip"))
    nested_zip = open_exports(zip_folder(x_sample, tmp_path / "nested.zip", "twitter-2025-11-20/"))
    assert nested_zip[0].source == f"{tmp_path / 'nested.zip'}!twitter-2025-11-20"
    expected = list(folder[0].posts())
    assert list(flat_zip[0].posts()) == expected
    assert list(nested_zip[0].posts()) == expected
    assert folder[0].sha256 == flat_zip[0].sha256 == nested_zip[0].sha256


def test_long_posts_get_the_full_text_of_their_note(x_sample: Path) -> None:
    posts = by_id(x_posts(x_sample))
    long_post = posts[LONG_POST]
    assert "…" not in long_post.text
    assert "die Q3-Zahlen sind die besten seit der Gründung" in long_post.text
    assert long_post.raw["noteTweet"]["noteTweetId"]
    # Note text omits the reply's leading mention; the post keeps it.
    reply = posts[LONG_REPLY]
    assert reply.kind == "reply"
    assert reply.text.startswith("@windnerd_kiel Long answer because")
    assert reply.text.endswith("is happy to talk about it. 🙂")
    assert "k.weber@example.com" in reply.text


def test_a_note_without_its_tweet_is_kept_as_a_note(x_sample: Path) -> None:
    note = by_id(x_posts(x_sample))[ORPHAN_NOTE]
    assert note.kind == "note"
    assert note.text.startswith("Entwurf für einen Thread über Speicher")
    assert note.created_at == datetime(2025, 10, 20, 12, 0, tzinfo=UTC)


def test_deleted_tweets_have_kind_deleted(x_sample: Path) -> None:
    posts = x_posts(x_sample)
    assert {p.native_id for p in posts if p.kind == "deleted"} == DELETED
    deleted_reply = by_id(posts)["1988729305953234990"]
    assert deleted_reply.reply_to and deleted_reply.raw["deleted_at"]


def test_kinds_follow_the_archive_fields(x_sample: Path) -> None:
    kinds = Counter(p.kind for p in x_posts(x_sample))
    assert kinds == {"post": 32, "reply": 5, "repost": 1, "quote": 1, "deleted": 3, "note": 1}


def test_entities_are_unescaped_and_links_expanded(x_sample: Path) -> None:
    posts = by_id(x_posts(x_sample))
    assert posts["1934613410083794963"].text == (
        "Wind & Sonne > Kohle & Gas. So einfach ist das. #Energiewende"
    )
    assert "<script>alert('nordwind')</script>" in posts["1932732147299282962"].text
    # An "&not" inside an expanded URL is not an entity and stays literal.
    assert posts["1910050601169874952"].text.endswith(
        "https://www.example.org/article?topic=wind&not=coal"
    )
    assert all("t.co/" not in p.text for p in posts.values())
    photo = posts["1935928781566930964"]
    assert photo.text.endswith("https://www.nordwind-energie.de/presse/windpark-husum-ii")
    assert "[bold]markup-like[/bold]" in posts["1931089787876306961"].text


def test_media_points_into_the_archive(x_sample: Path) -> None:
    posts = by_id(x_posts(x_sample))
    (photo,) = posts["1935928781566930964"].media
    assert photo["type"] == "photo" and photo["alt"] is None
    assert (x_sample / photo["path"]).is_file()
    (video,) = posts["1957839037133778976"].media
    assert video["type"] == "video"
    assert video["path"] == "data/tweets_media/1957839037133778976-Vw9aLlHaNdS26x.mp4"
    assert video["url"].startswith("https://pbs.twimg.com/")


def test_author_comes_from_account_js(x_sample: Path) -> None:
    posts = x_posts(x_sample)
    assert {p.author for p in posts} == {"lena_nordwind"}
    assert by_id(posts)[LONG_POST].url == f"https://x.com/lena_nordwind/status/{LONG_POST}"


def test_author_falls_back_to_manifest_then_owner(x_copy: Path) -> None:
    (x_copy / "data" / "account.js").unlink()
    assert {p.author for p in x_posts(x_copy, owner="someone_else")} == {"lena_nordwind"}
    (x_copy / "data" / "manifest.js").unlink()
    assert {p.author for p in x_posts(x_copy, owner="someone_else")} == {"someone_else"}
    posts = x_posts(x_copy)
    assert {p.author for p in posts} == {None}
    assert by_id(posts)[LONG_POST].url == f"https://x.com/i/status/{LONG_POST}"


def test_account_email_and_phone_never_reach_a_post(x_sample: Path) -> None:
    for post in x_posts(x_sample):
        dumped = json.dumps(dataclasses.asdict(post), default=str, ensure_ascii=False)
        assert "lena.private@example.net" not in dumped
        assert "4915550123456" not in dumped


def test_times_are_aware_utc_with_the_raw_string_kept(x_sample: Path) -> None:
    post = by_id(x_posts(x_sample))["1934613410083794963"]
    assert post.created_at == datetime(2025, 6, 16, 14, 5, 55, tzinfo=UTC)
    assert post.created_at_raw == "Mon Jun 16 14:05:55 +0000 2025"
    assert parse_x_time("Tue Dec 02 06:23:48 +0200 2025") == datetime(
        2025, 12, 2, 4, 23, 48, tzinfo=UTC
    )
    with pytest.raises(ValueError):
        parse_x_time("Di Dez 02 06:23:48 +0000 2025")


def test_older_tweet_js_with_and_without_wrapper(tmp_path: Path) -> None:
    bare = {
        "id_str": "1200000000000000001",
        "created_at": "Fri Jan 10 10:00:00 +0000 2020",
        "full_text": "Old format &amp; bare",
        "entities": {"urls": []},
        "lang": "en",
    }
    wrapped = {"tweet": {**bare, "id_str": "1200000000000000002", "full_text": "Wrapped"}}
    write_js(tmp_path / "data" / "tweet.js", "YTD.tweet.part0", [bare, wrapped])
    posts = x_posts(tmp_path, owner="old_account")
    assert [(p.native_id, p.text, p.author) for p in posts] == [
        ("1200000000000000001", "Old format & bare", "old_account"),
        ("1200000000000000002", "Wrapped", "old_account"),
    ]


def test_a_lone_tweets_file_is_an_export(x_sample: Path) -> None:
    posts = x_posts(x_sample / "data" / "tweets-part1.js", owner="lena_nordwind")
    assert len(posts) == 15 and posts[0].source_file == "tweets-part1.js"


def test_a_part_listed_in_the_manifest_must_exist(x_copy: Path) -> None:
    (x_copy / "data" / "tweets-part1.js").unlink()
    with pytest.raises(InputError, match=r"data/tweets-part1\.js is listed but missing"):
        open_exports(x_copy)


def test_a_malformed_tweet_is_an_error_not_skipped(x_copy: Path) -> None:
    path = x_copy / "data" / "tweets-part1.js"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"created_at" : "Mon Mar 03', '"created" : "x', 1),
        encoding="utf-8",
    )
    (export,) = open_exports(x_copy)
    with pytest.raises(InputError) as err:
        list(export.posts())
    assert err.value.where == f"{x_copy}!data/tweets-part1.js"
    assert err.value.reason == "record 15: missing or non-text 'created_at'"


def test_invalid_json_names_the_file_and_line(x_copy: Path) -> None:
    path = x_copy / "data" / "tweets.js"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4] + ","
    path.write_text("\n".join(lines), encoding="utf-8")
    (export,) = open_exports(x_copy)
    with pytest.raises(InputError) as err:
        list(export.posts())
    assert err.value.where.endswith("!data/tweets.js")
    assert err.value.reason.startswith("invalid JSON at line ")


def test_javascript_is_never_evaluated(tmp_path: Path) -> None:
    (tmp_path / "tweets.js").write_text(
        "window.YTD.tweets.part0 = (function(){ return []; })()", encoding="utf-8"
    )
    (export,) = open_exports(tmp_path)
    with pytest.raises(InputError, match="invalid JSON at line 1"):
        list(export.posts())


def test_a_record_count_differing_from_the_manifest_is_an_error(x_copy: Path) -> None:
    manifest = x_copy / "data" / "manifest.js"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"count" : "15"', '"count" : "16"'),
        encoding="utf-8",
    )
    (export,) = open_exports(x_copy)
    with pytest.raises(InputError, match="holds 15 records but the manifest says 16"):
        list(export.posts())


def test_a_tweet_in_both_tweets_and_deleted_is_imported_once_as_deleted(x_copy: Path) -> None:
    deleted = x_copy / "data" / "deleted-tweets.js"
    text = deleted.read_text(encoding="utf-8").replace(
        "YTD.deleted_tweets.part0", "YTD.tweets.part2"
    )
    (x_copy / "data" / "extra.js").write_text(text, encoding="utf-8")
    posts = x_posts(x_copy)
    assert len(posts) == 43
    assert {p.kind for p in posts if p.native_id in DELETED} == {"deleted"}


def test_the_real_export_imports_all_its_tweets(real_twitter: Path) -> None:
    posts = x_posts(real_twitter)
    kinds = Counter(p.kind for p in posts)
    assert sum(1 for p in posts if p.source_file == "tweets.js") == 335
    assert kinds["deleted"] == 2
    assert {p.author for p in posts} == {"ranigupta_20"}
    joined = by_id(posts)["1995717789903192574"]
    assert "…" not in joined.text and joined.text.endswith("Ganga Aarti.🙏")
    assert all(p.created_at and p.created_at.tzinfo is not None for p in posts)


def test_the_real_export_zipped_gives_the_same_posts(
    real_twitter: Path, tmp_path: Path, zip_folder
) -> None:
    archive = zip_folder(real_twitter, tmp_path / "real.zip")
    folder_exports = open_exports(real_twitter)
    zip_exports = open_exports(archive)
    assert len(folder_exports) == len(zip_exports) == 1
    assert list(zip_exports[0].posts()) == list(folder_exports[0].posts())
