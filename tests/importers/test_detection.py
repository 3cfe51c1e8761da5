"""Detection by content: what open_exports finds, names and refuses."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import Export, open_exports


def summary(exports: list[Export]) -> list[tuple[str, str, int]]:
    return [(e.platform, e.source, sum(1 for _ in e.posts())) for e in exports]


def test_the_whole_sample_folder_holds_one_export_per_platform(samples: Path) -> None:
    assert summary(open_exports(samples)) == [
        ("bluesky", f"{samples}!bluesky/repo.car", 7),
        ("facebook", f"{samples}!facebook", 11),
        ("generic", f"{samples}!generic/advocacy.ndjson", 10),
        ("generic", f"{samples}!generic/posts.csv", 21),
        ("generic", f"{samples}!generic/posts.ndjson", 10),
        ("instagram", f"{samples}!instagram", 7),
        ("threads", f"{samples}!instagram/your_instagram_activity/threads", 5),
        ("linkedin", f"{samples}!linkedin", 9),
        ("mastodon", f"{samples}!mastodon", 7),
        ("reddit", f"{samples}!reddit", 7),
        ("tiktok", f"{samples}!tiktok/user_data_tiktok.json", 6),
        ("x", f"{samples}!x", 43),
        (
            "youtube",
            f"{samples}!youtube/Takeout/YouTube and YouTube Music/comments/comments.csv",
            6,
        ),
    ]


def test_an_export_given_directly_is_named_as_given(x_sample: Path, generic_sample: Path) -> None:
    assert [e.source for e in open_exports(x_sample)] == [str(x_sample)]
    csv = generic_sample / "posts.csv"
    (export,) = open_exports(csv)
    assert export.source == str(csv)
    assert export.sha256 == hashlib.sha256(csv.read_bytes()).hexdigest()


def test_a_file_hashes_the_same_alone_and_inside_a_folder(samples: Path) -> None:
    inside = {e.source: e.sha256 for e in open_exports(samples)}
    alone = open_exports(samples / "generic" / "posts.ndjson")[0].sha256
    assert inside[f"{samples}!generic/posts.ndjson"] == alone


def test_reading_twice_is_deterministic(samples: Path) -> None:
    first, second = open_exports(samples), open_exports(samples)
    assert [e.sha256 for e in first] == [e.sha256 for e in second]
    for a, b in zip(first, second, strict=True):
        assert list(a.posts()) == list(b.posts())


def test_renamed_files_are_still_recognised(samples: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(samples, tmp_path / "renamed"))
    before = sorted((platform, count) for platform, _, count in summary(open_exports(root)))
    data = root / "x" / "data"
    for old, new in [
        ("tweets.js", "a.txt"),
        ("tweets-part1.js", "b.dat"),
        ("manifest.js", "config.json"),
        ("deleted-tweets.js", "zz"),
        ("note-tweet.js", "long.js"),
    ]:
        (data / old).rename(data / new)
    (root / "generic" / "posts.csv").rename(root / "generic" / "export.txt")
    (root / "generic" / "posts.ndjson").rename(root / "generic" / "dump.log")
    (root / "bluesky" / "repo.car").rename(root / "bluesky" / "backup.bin")
    (root / "tiktok" / "user_data_tiktok.json").rename(root / "tiktok" / "tt.txt")
    (root / "linkedin" / "Shares.csv").rename(root / "linkedin" / "a.csv")
    (root / "linkedin" / "Comments.csv").rename(root / "linkedin" / "b.csv")
    (root / "reddit" / "posts.csv").rename(root / "reddit" / "p.txt")
    (root / "mastodon" / "outbox.json").rename(root / "mastodon" / "o.json")
    fb = root / "facebook" / "your_facebook_activity" / "posts"
    (fb / "your_posts__check_ins__photos_and_videos_1.json").rename(fb / "x.json")
    got = sorted((platform, count) for platform, _, count in summary(open_exports(root)))
    assert got == before


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"hello world\n", "notes.txt"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "picture.png"),
        (b"a,b,c\n1,2,3\n", "table.csv"),
        (b'{"profile": {"name": "x"}}', "profile.json"),
        (b"window.YTD.like.part0 = []", "like.js"),
    ],
)
def test_unknown_input_is_refused(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        open_exports(path)
    assert (err.value.where, err.value.reason) == (str(path), "not a recognised platform export")


def test_an_empty_folder_and_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a recognised platform export"):
        open_exports(tmp_path)
    with pytest.raises(InputError, match="no such file or directory"):
        open_exports(tmp_path / "nope")


def test_unrelated_files_in_a_folder_are_ignored(tmp_path: Path, generic_sample: Path) -> None:
    shutil.copy(generic_sample / "posts.csv", tmp_path)
    (tmp_path / "table.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# my exports\n", encoding="utf-8")
    assert summary(open_exports(tmp_path)) == [("generic", f"{tmp_path}!posts.csv", 21)]


def test_a_near_miss_in_a_folder_is_reported_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "posts.csv").write_text("id,author,text\n1,lena,hi\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        summary(open_exports(tmp_path))
    assert err.value.where == f"{tmp_path}!posts.csv"
    assert err.value.reason == "missing required column 'created_at'"


def test_platform_override_narrows_detection(samples: Path) -> None:
    assert [e.platform for e in open_exports(samples, platform="x")] == ["x"]
    assert [e.platform for e in open_exports(samples, platform="reddit")] == ["reddit"]
    assert [e.platform for e in open_exports(samples, platform="threads")] == ["threads"]
    generic = open_exports(samples / "generic", platform="generic")
    assert [e.platform for e in generic] == ["generic"] * 3


def test_platform_override_that_finds_nothing(x_sample: Path, generic_sample: Path) -> None:
    with pytest.raises(InputError, match="not a recognised generic export"):
        open_exports(x_sample, platform="generic")
    with pytest.raises(InputError, match="not a recognised x export"):
        open_exports(generic_sample, platform="x")


def test_forcing_generic_on_one_file_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,hi\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a recognised platform export"):
        open_exports(path)
    with pytest.raises(InputError, match="missing required column 'author'"):
        summary(open_exports(path, platform="generic"))


def test_unknown_platforms_and_a_platform_that_is_not_there(x_sample: Path) -> None:
    with pytest.raises(InputError, match="unknown platform 'myspace'"):
        open_exports(x_sample, platform="myspace")
    with pytest.raises(InputError, match="not a recognised facebook export"):
        open_exports(x_sample, platform="facebook")
