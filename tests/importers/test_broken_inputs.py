"""Truncated, corrupt and hostile inputs: an InputError naming the file and where it broke."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import open_exports
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports


def copy(samples: Path, tmp_path: Path, platform: str) -> Path:
    return Path(shutil.copytree(samples / platform, tmp_path / platform))


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as err:
        for export in open_exports(path):
            list(export.posts())
    return err.value


@pytest.mark.parametrize(
    ("platform", "rel", "reason"),
    [
        ("mastodon", "outbox.json", "truncated: the JSON ends early at line "),
        ("tiktok", "user_data_tiktok.json", "truncated: the JSON ends early at line "),
        ("facebook", "your_facebook_activity/comments_and_reactions/comments.json", "truncated"),
        ("linkedin", "Comments.csv", "truncated: "),
        ("youtube", "Takeout/YouTube and YouTube Music/comments/comments.csv", "truncated"),
        ("bluesky", "repo.car", "not a readable repository: truncated: block "),
    ],
)
def test_a_truncated_file_is_named_with_where_it_ends(
    samples: Path, tmp_path: Path, platform: str, rel: str, reason: str
) -> None:
    folder = copy(samples, tmp_path, platform)
    path = folder / rel
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 4])
    err = error_of(folder)
    assert err.where == f"{folder}!{rel}"
    assert err.reason.startswith(reason)


def test_json_errors_name_the_exact_line_even_past_the_first_chunk(tmp_path: Path) -> None:
    records = [
        {"media": [{"uri": f"m/{i}.jpg", "creation_timestamp": 1700000000 + i, "title": "x" * 80}]}
        for i in range(3000)
    ]
    text = json.dumps(records, indent=2)
    lines = text.split("\n")
    target = 20000  # well past the first 64 KiB
    lines[target] = (
        lines[target].replace('"uri"', '"uri" "oops"', 1)
        if '"uri"' in lines[target]
        else lines[target] + " ]["
    )
    (tmp_path / "posts_1.json").write_text("\n".join(lines), encoding="utf-8")
    err = error_of(tmp_path)
    assert err.reason.startswith(f"invalid JSON at line {target + 1} (")


def test_a_bad_record_names_the_record(samples: Path, tmp_path: Path) -> None:
    folder = copy(samples, tmp_path, "reddit")
    path = folder / "comments.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2025-06-21 09:30:00 UTC", "gestern"),
        encoding="utf-8",
    )
    err = error_of(folder)
    assert (err.where, err.reason) == (f"{folder}!comments.csv", "line 3: bad time 'gestern'")


def test_csv_with_bad_utf8_or_nul_bytes(samples: Path, tmp_path: Path) -> None:
    folder = copy(samples, tmp_path, "linkedin")
    path = folder / "Shares.csv"
    data = path.read_bytes()
    path.write_bytes(data.replace("Großartige".encode(), b"Gro\xdfartige"))
    assert error_of(folder).reason == "not valid UTF-8 at line 2"
    path.write_bytes(data.replace(b"Thanks to", b"Thanks\0to"))  # past the sniffed head
    assert error_of(folder).reason.endswith("NUL byte (the file is corrupt or not text)")


def test_a_comments_row_whose_link_is_not_a_link_is_refused(samples: Path, tmp_path: Path) -> None:
    folder = copy(samples, tmp_path, "linkedin")
    path = folder / "Comments.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",https://www.linkedin", ",www.linkedin", 1),
        encoding="utf-8",
    )
    assert error_of(folder).reason.startswith("line 2: 'Link' is not a link")


def test_a_broken_bluesky_tree_is_an_error(samples: Path, tmp_path: Path) -> None:
    import libipld

    car = (samples / "bluesky" / "repo.car").read_bytes()
    header, blocks = libipld.decode_car(car)
    commit = blocks[header["roots"][0]]
    # Drop the tree's root node: the walk must notice, not import nothing silently.
    missing = commit["data"]
    from tests.importers.make_samples import _varint

    head = libipld.encode_dag_cbor(header)
    out = bytearray(_varint(len(head)) + head)  # the same CAR without the tree's root node
    for cid, value in blocks.items():
        if cid == missing:
            continue
        data = libipld.encode_dag_cbor(value)
        out += _varint(len(cid) + len(data)) + cid + data
    (tmp_path / "repo.car").write_bytes(bytes(out))
    err = error_of(tmp_path)
    assert "record tree node" in err.reason and "missing" in err.reason


def test_unsafe_and_linked_tar_members(tmp_path: Path, samples: Path) -> None:
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../outside.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(InputError, match="unsafe path in tar archive"):
        open_exports(evil)
    linked = tmp_path / "linked.tar.gz"
    with tarfile.open(linked, "w:gz") as tar:
        tar.add(samples / "mastodon" / "outbox.json", arcname="outbox.json")
        info = tarfile.TarInfo("actor.json")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    (export,) = open_exports(linked)
    assert export.files() == [("outbox.json", "outbox.json")]  # the link is never followed
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(linked.read_bytes()[:200])
    with pytest.raises(InputError, match=r"truncated or corrupt tar\.gz archive"):
        open_exports(cut)


def test_a_tar_bomb_is_refused(tmp_path: Path) -> None:
    from reviewer.importers.source_tar import TarSource

    bomb = tmp_path / "bomb.tar.gz"
    with tarfile.open(bomb, "w:gz") as tar:
        info = tarfile.TarInfo("zeros.json")
        info.size = 2 * 1024 * 1024
        tar.addfile(info, io.BytesIO(b"\0" * info.size))
    with pytest.raises(InputError, match="looks like a tar bomb"):
        TarSource(bomb, str(bomb), ratio_min_size=1024 * 1024)


def test_a_broken_export_leaves_the_database_unchanged(samples: Path, tmp_path: Path) -> None:
    folder = copy(samples, tmp_path, "mastodon")
    with Store.open(tmp_path / "db.duckdb") as store:
        import_exports(store, read_exports([samples / "reddit"]), imported_by="test")
        before = store.con.execute("SELECT count(*) FROM posts").fetchone()
        path = folder / "outbox.json"
        path.write_bytes(path.read_bytes()[:-200])
        exports = read_exports([samples / "tiktok", folder])
        with pytest.raises(InputError):
            import_exports(store, exports, imported_by="test")
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == before


def test_reimporting_the_samples_adds_nothing(samples: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        first = import_exports(store, read_exports([samples]), imported_by="test")
        again = import_exports(store, read_exports([samples]), imported_by="test")
    assert sum(r.posts_added for r in first) == 149
    assert sum(r.posts_added for r in again) == 0
