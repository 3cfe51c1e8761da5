"""Zips and folders: hostile, broken and nested archives are refused cleanly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import open_exports
from reviewer.importers.source import ZipSource

CSV = b"id,author,created_at,text\n1,lena,2025-03-01T08:00:00Z,hello\n"


def drain(path: Path) -> int:
    return sum(1 for export in open_exports(path) for _ in export.posts())


def listing(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def test_truncated_zip(x_sample: Path, tmp_path: Path, zip_folder) -> None:
    whole = zip_folder(x_sample, tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError) as err:
        open_exports(cut)
    assert (err.value.where, err.value.reason) == (str(cut), "truncated or corrupt zip archive")


def test_a_file_named_zip_that_is_not_one(tmp_path: Path) -> None:
    fake = tmp_path / "export.zip"
    fake.write_text("not a zip at all", encoding="utf-8")
    with pytest.raises(InputError, match="truncated or corrupt zip archive"):
        open_exports(fake)


def test_corrupt_member_is_an_error(tmp_path: Path) -> None:
    archive = tmp_path / "crc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("posts.csv", CSV)
    archive.write_bytes(archive.read_bytes().replace(b"hello", b"hallo"))
    with pytest.raises(InputError) as err:
        drain(archive)
    assert err.value.where == f"{archive}!posts.csv"
    assert err.value.reason == "truncated or corrupt zip archive"


@pytest.mark.parametrize(
    "name", ["../evil.csv", "data/../../evil.csv", "/tmp/evil.csv", "C:\\evil.csv"]
)
def test_entries_escaping_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    archive = work / "hostile.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("posts.csv", CSV)
        zf.writestr(zipfile.ZipInfo(name), CSV)
    before = listing(tmp_path)
    with pytest.raises(InputError) as err:
        open_exports(archive)
    assert err.value.where == f"{archive}!{name}"
    assert err.value.reason == "unsafe path in zip archive"
    assert listing(tmp_path) == before
    assert not Path("/tmp/evil.csv").exists()


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    # 16 MiB of zeros deflate (zlib, level 9) to about 16 KiB: a 1000:1 ratio.
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("posts.csv", CSV)
        with zf.open("zeros.bin", "w") as member:
            for _ in range(16):
                member.write(bytes(1024 * 1024))
    assert archive.stat().st_size < 64 * 1024
    with pytest.raises(InputError) as err:
        open_exports(archive)
    assert err.value.where == f"{archive}!zeros.bin"
    assert "zip bomb" in err.value.reason


def test_total_uncompressed_size_is_bounded(tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.csv", CSV * 20)
        zf.writestr("b.csv", CSV * 20)
    with pytest.raises(InputError, match="expands to more than 1000 bytes"):
        ZipSource(archive, str(archive), max_total=1000)


def test_macos_forks_and_the_x_viewer_are_skipped(
    x_sample: Path, tmp_path: Path, zip_folder
) -> None:
    archive = zip_folder(x_sample, tmp_path / "x.zip")
    broken = b"window.YTD.tweets.part7 = this is not json"
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("__MACOSX/data/._tweets.js", broken)
        zf.writestr("assets/js/ondemand.tweets.js", broken)
        zf.writestr(".DS_Store", b"\0\0\0\1Bud1")
    assert drain(archive) == 43


def test_a_zip_inside_a_folder_is_opened(x_sample: Path, tmp_path: Path, zip_folder) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    zip_folder(x_sample, folder / "twitter.zip")
    (folder / "posts.csv").write_bytes(CSV)
    exports = open_exports(folder)
    assert [(e.platform, e.source) for e in exports] == [
        ("generic", f"{folder}!posts.csv"),
        ("x", f"{folder}!twitter.zip"),
    ]
    assert drain(folder) == 44


def test_a_zip_inside_a_zip_is_refused(x_sample: Path, tmp_path: Path, zip_folder) -> None:
    inner = zip_folder(x_sample, tmp_path / "inner.zip")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "inner.zip")
    with pytest.raises(InputError) as err:
        open_exports(outer)
    assert err.value.where == f"{outer}!inner.zip"
