"""Each platform importer on its synthetic sample export (sample_exports/<platform>)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.importers import open_exports
from reviewer.model import KINDS, Post

EMAIL, PHONE, IP = "lena.private@example.net", "+4915550123456", "198.51.100."


def posts_of(path: Path, platform: str, **kwargs: str) -> list[Post]:
    exports = [e for e in open_exports(path, **kwargs) if e.platform == platform]
    assert len(exports) == 1
    return list(exports[0].posts())


def by_text(posts: list[Post], fragment: str) -> Post:
    (post,) = [p for p in posts if fragment in p.text]
    return post


@pytest.mark.parametrize(
    "platform",
    [
        "facebook",
        "instagram",
        "threads",
        "linkedin",
        "mastodon",
        "bluesky",
        "reddit",
        "tiktok",
        "youtube",
    ],
)
def test_common_contract(samples: Path, platform: str) -> None:
    folder = samples / ("instagram" if platform == "threads" else platform)
    posts = posts_of(folder, platform)
    assert posts and len({p.post_id for p in posts}) == len(posts)
    for post in posts:
        assert post.platform == platform and post.kind in KINDS
        assert post.created_at is not None and post.created_at.utcoffset().total_seconds() == 0
        assert post.text == post.text.replace("\r", "")
        for item in post.media:
            assert ("path" in item) != ("url" in item) and "type" in item and "alt" in item
        # Account e-mail, phone and IP addresses never reach a post, raw record included.
        dumped = json.dumps(dataclasses.asdict(post), default=str, ensure_ascii=False)
        assert EMAIL not in dumped and PHONE not in dumped and IP not in dumped
        assert "203.0.113.7" not in dumped
    # Ids are deterministic: a second read gives the same posts.
    assert [p.post_id for p in posts_of(folder, platform)] == [p.post_id for p in posts]


def test_facebook_mojibake_merge_and_author(samples: Path) -> None:
    posts = posts_of(samples / "facebook", "facebook")
    assert {p.author for p in posts} == {"Lena Hoffmann"}
    assert Counter(p.kind for p in posts) == {"post": 8, "comment": 2, "repost": 1}
    assert "Nordwind! 🌬️" in by_text(posts, "Richtfest").text
    fest = by_text(posts, "Sommerfest")
    assert [m["path"] for m in fest.media] == [
        "your_facebook_activity/posts/media/Sommerfest_9f8e7d/55101_n.jpg",
        "your_facebook_activity/posts/media/Sommerfest_9f8e7d/55102_n.jpg",
    ]
    assert len(fest.raw["records"]) == 2
    (shared,) = [p for p in posts if p.kind == "repost"]
    assert shared.media == [
        {"url": "https://www.nordwind-energie.de/presse/husum-ii", "type": "link", "alt": None}
    ]
    assert by_text(posts, "Richtfest").created_at == datetime(2025, 6, 15, 15, 6, 40, tzinfo=UTC)


def test_instagram_captions_comments_and_media(samples: Path) -> None:
    posts = posts_of(samples / "instagram", "instagram")
    assert {p.author for p in posts} == {"lena.nordwind"}
    carousel = by_text(posts, "Messe-Tag")
    assert [m["type"] for m in carousel.media] == ["image", "video"]
    assert by_text(posts, "Sonnenaufgang").text == "Sonnenaufgang über dem Windpark 🌅 #Nordwind"
    comment = by_text(posts, "typisch Solaris Power")
    assert (comment.kind, comment.reply_to) == ("comment", "solarispower")


def test_threads_replies_and_text_only_posts(samples: Path) -> None:
    posts = posts_of(samples / "instagram", "threads")
    reply = by_text(posts, "Eure Anlagen")
    assert (reply.kind, reply.reply_to, reply.media) == ("reply", "solaris_power", [])
    assert by_text(posts, "Offshore").text.endswith("🌊 ÄÖÜ")
    assert len(by_text(posts, "Offshore").media) == 2


def test_linkedin_quote_bugs_are_repaired(samples: Path) -> None:
    posts = posts_of(samples / "linkedin", "linkedin")
    share = by_text(posts, "Großartige Neuigkeiten")
    assert share.text == (
        "Großartige Neuigkeiten von Nordwind Energie!\n\n"
        'Unser Windpark "Husum II" liefert ab heute Strom für 40.000 Haushalte.\n\n'
        "#Energiewende #Nordwind"
    )
    assert share.native_id == "urn:li:share:7380000000000000001" and share.tz_assumed
    comment = by_text(posts, "Jan Peters")
    assert '"Projekt Polarstern"' in comment.text and "\\" not in comment.text
    assert comment.reply_to == "urn:li:activity:7382000000000000001"
    assert {p.author for p in posts} == {"Lena Hoffmann"}
    assert [p.kind for p in posts].count("repost") == 1


def test_linkedin_unwrap_leaves_unbroken_values_alone() -> None:
    from reviewer.importers.linkedin import unwrap_lines

    assert unwrap_lines('one"\n""\n"two"\n"three') == "one\n\ntwo\nthree"
    assert unwrap_lines("plain\ntext") == "plain\ntext"
    assert unwrap_lines('""quoted""') == '""quoted""'


def test_mastodon_html_warnings_boosts_and_duplicate_key(samples: Path) -> None:
    posts = posts_of(samples / "mastodon", "mastodon")
    assert len(posts) == 7  # the empty first "orderedItems" did not hide the real one
    assert {p.author for p in posts} == {"@lena_hoffmann@norden.social"}
    link = by_text(posts, "Blogpost")
    assert link.text.endswith("https://www.nordwind-energie.de/blog/speicher")
    warned = by_text(posts, "Kickoff")
    assert warned.content_warning == "Interna" and warned.raw["visibility"] == "private"
    dm = by_text(posts, "IBAN")
    assert (
        dm.kind == "reply" and dm.text.startswith("@kunde42 ") and dm.raw["visibility"] == "direct"
    )
    (boost,) = [p for p in posts if p.kind == "repost"]
    assert boost.url == "https://norden.social/users/windnerd/statuses/114799000000000001"
    photo = by_text(posts, "Foto vom Windpark")
    assert photo.media[0]["path"].startswith("media_attachments/files/")
    assert (samples / "mastodon" / photo.media[0]["path"]).is_file()
    assert photo.media[0]["alt"] == "Rotorblatt im Sonnenuntergang, Windpark Husum II"
    assert "signature" not in json.dumps(dm.raw)


def test_bluesky_tree_walk_facets_and_skips(samples: Path) -> None:
    (export,) = open_exports(samples / "bluesky")
    posts = list(export.posts())
    did = "did:plc:nordwindlenahoffmannxyz"
    assert all(p.native_id.startswith(f"at://{did}/") and p.author == did for p in posts)
    assert not any("Budget" in p.text for p in posts)  # unreachable (deleted) record
    assert export.skipped == {
        "app.bsky.actor.profile": 1,
        "app.bsky.feed.like": 1,
        "app.bsky.graph.follow": 1,
    }
    report = by_text(posts, "Jahresbericht")
    assert (
        report.text
        == "Unser Jahresbericht ist online: https://www.nordwind-energie.de/bericht-2025"
    )
    assert report.url == f"https://bsky.app/profile/{did}/post/3lm2bbbbbbb22"
    image = by_text(posts, "Abendstimmung").media[0]
    assert image["type"] == "image" and image["alt"] == "Windräder vor rotem Himmel"
    assert by_text(posts, "lächerlicher").kind == "quote"
    assert posts_of(samples / "bluesky", "bluesky", owner="lena.bsky.social")[0].author == (
        "lena.bsky.social"
    )


def test_reddit_ids_entities_and_scrubbed_ip(samples: Path) -> None:
    posts = posts_of(samples / "reddit", "reddit")
    assert {p.author for p in posts} == {"lena_nordwind"}
    assert by_text(posts, "AMA").native_id == "t3_1a2b3d"
    assert "can't talk about Projekt Polarstern yet & our Q3" in by_text(posts, "AMA").text
    reply = by_text(posts, "p.schulz")
    assert (reply.native_id, reply.reply_to, reply.kind) == ("t1_k1abc02", "t1_k1abc01", "comment")
    assert by_text(posts, "total scammers").reply_to == "t3_1a2b3c"
    assert by_text(posts, "Sunset").media == [
        {"url": "https://i.redd.it/husum-sunset.jpg", "type": "image", "alt": None}
    ]
    assert "ip" not in by_text(posts, "AMA").raw


def test_tiktok_sections_placeholders_and_profile(samples: Path) -> None:
    posts = posts_of(samples / "tiktok", "tiktok")
    assert {p.author for p in posts} == {"lena.nordwind"}
    assert Counter(p.kind for p in posts) == {"post": 3, "deleted": 1, "comment": 2}
    assert all(p.tz_assumed for p in posts)
    assert not any("7400000000000000001" in json.dumps(p.raw) for p in posts)  # watch history
    photo_mode = [p for p in posts if p.kind == "post" and not p.text]
    assert [m["type"] for m in photo_mode[0].media] == ["image", "image"]
    first = by_text(posts, "Ein Tag im Windpark")
    assert first.media[0]["alt"] == "Lena auf einer Windkraftanlage"


def test_tiktok_older_spellings_and_null_sections(tmp_path: Path) -> None:
    old = {
        "Activity": {"Video Browsing History": {"VideoList": [{"Date": "2021-01-01 00:00:00"}]}},
        "Comment": {
            "Comments": {"CommentsList": [{"Date": "2021-05-01 10:00:00", "Comment": "Hi"}]}
        },
        "Profile": {"Profile Information": {"ProfileMap": {"userName": "old_user"}}},
        "Video": {
            "Videos": {
                "VideoList": [{"Date": "2021-04-01 10:00:00", "VideoLink": "https://v.tt/o1/"}]
            }
        },
    }
    (tmp_path / "user_data.json").write_text(json.dumps(old), encoding="utf-8")
    posts = posts_of(tmp_path, "tiktok")
    assert [(p.kind, p.text, p.author) for p in posts] == [
        ("post", "", "old_user"),
        ("comment", "Hi", "old_user"),
    ]
    empty = {
        "Post": {"Posts": {"VideoList": None}},
        "Comment": {"Comments": {"CommentsList": None}},
    }
    (tmp_path / "user_data.json").write_text(json.dumps(empty), encoding="utf-8")
    assert posts_of(tmp_path, "tiktok") == []


def test_youtube_both_text_generations(samples: Path, tmp_path: Path) -> None:
    posts = posts_of(samples / "youtube", "youtube")
    reply = by_text(posts, "Nordlicht Vertrag")
    assert reply.kind == "reply" and reply.reply_to == "UgxN0rdw1nd0000000001AaABAg"
    assert reply.url == (
        "https://www.youtube.com/watch?v=dQw4w9WgXc1&lc=UgxN0rdw1nd0000000001AaABAg.9zz0000000001"
    )
    assert by_text(posts, "Mehr dazu").text == "Mehr dazu: https://www.nordwind-energie.de/faq"
    old = (
        "Channel ID,Comment create timestamp,Price,Comment ID,Parent Comment ID,Video ID,"
        "Comment text\n"
        'UCx,2023-04-14T07:39:35.956042+00:00,0,Ugy1,,vid1,"{""text"":""\\u003e zitat""},'
        '{""text"":""\n""},{""text"":""zweite Zeile""}"\n'
    )
    (tmp_path / "comments.csv").write_text(old, encoding="utf-8")
    (post,) = posts_of(tmp_path, "youtube")
    assert post.text == "> zitat\nzweite Zeile" and post.author == "UCx"


def test_a_zip_of_every_sample_gives_the_same_posts(
    samples: Path, tmp_path: Path, zip_folder
) -> None:
    archive = zip_folder(samples, tmp_path / "all.zip")
    from_zip = {
        e.platform + e.source.split("!", 1)[-1]: list(e.posts()) for e in open_exports(archive)
    }
    from_folder = {
        e.platform + e.source.split("!", 1)[-1]: list(e.posts()) for e in open_exports(samples)
    }
    assert from_zip == from_folder


def test_mastodon_tar_gz_archive(samples: Path, tmp_path: Path) -> None:
    import tarfile

    path = tmp_path / "archive-20250801-abc.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(samples / "mastodon", arcname=".")
    (export,) = open_exports(path)
    assert export.platform == "mastodon" and export.source == str(path)
    assert list(export.posts()) == posts_of(samples / "mastodon", "mastodon")


def test_synthesized_ids_survive_a_newer_layout(samples: Path, tmp_path: Path) -> None:
    """A 2022-style export (posts/your_posts_1.json) of the same posts gives the same ids."""
    old = tmp_path / "facebook-2022"
    new_file = samples / "facebook/your_facebook_activity/posts"
    (old / "posts").mkdir(parents=True)
    shutil.copy(
        new_file / "your_posts__check_ins__photos_and_videos_1.json",
        old / "posts" / "your_posts_1.json",
    )
    ids_new = {p.post_id for p in posts_of(samples / "facebook", "facebook") if p.kind != "comment"}
    assert {p.post_id for p in posts_of(old, "facebook")} == ids_new
