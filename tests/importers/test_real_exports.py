"""Every real export in ../shared/real_exports: the counts its SOURCES.md gives, repaired text.

These files are real people's data and are never copied into the project; the
tests skip when the folder is not beside the checkout.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from reviewer.importers import open_exports
from reviewer.model import Post

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real_exports"
# What Meta's double encoding leaves behind when it is not repaired.
MOJIBAKE = re.compile("[\x80-\x9f]|Ã[\x80-\xbf]|ð\x9f|â\x80")


def real(rel: str) -> Path:
    path = REAL / rel
    if not path.exists():
        pytest.skip(f"real exports not available at {REAL} (see shared/real_exports/SOURCES.md)")
    return path


def posts_of(rel: str, platform: str) -> tuple[list[Post], Counter[str]]:
    (export,) = open_exports(real(rel))
    assert export.platform == platform
    posts = list(export.posts())
    assert len({p.post_id for p in posts}) == len(posts)
    assert all(p.created_at is not None and p.created_at.tzinfo is not None for p in posts)
    return posts, export.skipped


def texts(posts: list[Post]) -> str:
    return "\n".join(p.text for p in posts)


def test_every_real_export_is_recognised() -> None:
    found = Counter(e.platform for e in open_exports(real(".")))
    assert found == {
        "bluesky": 2,
        "facebook": 2,
        "instagram": 2,
        "linkedin": 1,
        "mastodon": 1,
        "reddit": 1,
        "threads": 1,
        "tiktok": 1,
        "x": 1,
    }


def test_x_tweets() -> None:
    posts, _ = posts_of("twitter", "x")
    assert sum(1 for p in posts if p.source_file == "tweets.js") == 335


def test_facebook_posts_and_mojibake() -> None:
    posts, _ = posts_of("facebook/hunterhillis/your_posts_1.json", "facebook")
    assert len(posts) == 124
    assert "Lmfao😂😂" in texts(posts) and not MOJIBAKE.search(texts(posts))
    posts, _ = posts_of("facebook/kis81/your_posts_1.json", "facebook")
    records = sum(len(p.raw["records"]) if "records" in p.raw else 1 for p in posts)
    assert records == 93
    assert "Sifon, dodatocne všetko najlepšie." in texts(posts)
    assert not MOJIBAKE.search(texts(posts))


def test_instagram_posts_carousels_and_comments() -> None:
    posts, _ = posts_of("instagram/sr4136/posts_1.json", "instagram")
    assert len(posts) == 1057 and sum(len(p.media) for p in posts) == 1332
    assert "Death Valley" in {p.text for p in posts}
    posts, _ = posts_of("instagram/yummyhopper", "instagram")
    assert Counter(p.kind for p in posts) == {"post": 4, "comment": 3}
    assert "Un Taxi 🇨🇴" in {p.text for p in posts}
    assert "@dannydonosok what did i tell u about that chedda 🙄" in {p.text for p in posts}


def test_threads_posts_with_half_repaired_text() -> None:
    posts, _ = posts_of("threads/yungztr/threads_and_replies.json", "threads")
    assert len(posts) == 2013
    assert sum(1 for p in posts if p.media) == 211
    # The uploader fixed lower-case umlauts by hand; capitals stayed double-encoded.
    assert "Ähnlichkeit ist da" in {p.text for p in posts}
    assert not MOJIBAKE.search(texts(posts))


def test_linkedin_shares_and_backslash_comments() -> None:
    folder = real("linkedin/sanand0")
    with (folder / "Comments.csv").open(newline="", encoding="utf-8") as fh:
        assert any(None in row for row in csv.DictReader(fh))  # a default reader breaks
    posts, _ = posts_of("linkedin/sanand0", "linkedin")
    kinds = Counter(p.kind for p in posts)
    # 202 share rows: one share is written once per media URL (5 rows), merged.
    assert kinds["comment"] == 323 and kinds["post"] + kinds["repost"] == 198
    minecraft = next(p for p in posts if "Minecraft with Websockets" in p.text)
    assert len(minecraft.raw["records"]) == 5 and len(minecraft.media) == 6
    comments = [p for p in posts if p.kind == "comment"]
    assert all(p.url and p.url.startswith("https://www.linkedin.com/") for p in comments)
    assert sum(1 for p in comments if '"' in p.text) >= 23
    assert not any('\\"' in p.text for p in comments)
    vipassana = next(p for p in posts if "Vipassana" in p.text)
    assert vipassana.text.startswith(
        "I'm off for a 10-day Vipassana meditation program.\n\n𝗪𝗛𝗔𝗧? A 10-day"
    )
    assert not any('\n""\n' in p.text for p in posts)  # blank lines written as ""
    ids = Counter(p.native_id.split(":")[2] for p in posts if p.kind != "comment")
    assert ids == {"share": 178, "ugcPost": 19, "groupPost": 1}


def test_mastodon_creates_and_announces() -> None:
    posts, _ = posts_of("mastodon/philhawksworth/outbox.json", "mastodon")
    kinds = Counter(p.kind for p in posts)
    assert kinds["post"] + kinds["reply"] == 190 and kinds["repost"] == 26
    assert "https://www.hawksworx.com/feed.xml" in texts(posts)
    assert "<p>" not in texts(posts) and "&#39;" not in texts(posts)
    assert Counter(p.raw["visibility"] for p in posts if p.kind != "repost") == {
        "public": 153,
        "direct": 26,
        "private": 1,
        "unlisted": 10,
    }


def test_bluesky_walks_the_tree_not_every_block() -> None:
    posts, skipped = posts_of(
        "bluesky/indigo-testdata/bnewbold.robocracy.org.20250310005405.car", "bluesky"
    )
    assert Counter(p.kind for p in posts if p.kind != "repost").total() == 23
    assert skipped["app.bsky.feed.like"] == 2 and skipped["app.bsky.graph.follow"] == 3
    link = (
        "https://github.com/bluesky-social/indigo/blob/main/atproto/identity/base_directory.go#L44"
    )
    assert link in {p.text for p in posts}
    posts, skipped = posts_of("bluesky/indigo-testdata/paul_staging.repo.car", "bluesky")
    assert sum(1 for p in posts if p.kind != "repost") == 101
    # The 54 vote records of old commits are not reachable from the current root.
    assert "app.bsky.feed.vote" not in skipped


def test_reddit_posts() -> None:
    posts, _ = posts_of("reddit/iceblade02/posts.csv", "reddit")
    assert len(posts) == 407 and all(p.native_id.startswith("t3_") for p in posts)
    assert sum(1 for p in posts if p.text.endswith("[removed]")) == 8
    assert posts[0].text.startswith("The Iron City [Tech, Expansion & RP]\n\nAs time progressed")


def test_tiktok_with_null_sections() -> None:
    posts, _ = posts_of("tiktok/laminelsu/user_data_tiktok.json", "tiktok")
    assert posts == []
