"""Generic CSV, NDJSON and JSON arrays are streamed, and read exactly as when read whole.

Streaming is asserted as behaviour: how many bytes were read when the first
post came out, and (tracemalloc) that parsing a file of tens of megabytes
allocates a small fraction of its size. Chunk boundaries are checked by
reading the same bytes in pieces of one to a few bytes and in one piece.
"""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import InputError
from reviewer.importers import open_exports
from reviewer.importers.csvstream import iter_rows
from reviewer.importers.generic import _READERS, GenericExport
from reviewer.importers.source import FileSource
from reviewer.importers.textstream import CHUNK, decoded_chunks, split_lines
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports

FIELDS = ["id", "author", "created_at", "text"]


def record(i: int, text_size: int = 40) -> dict[str, Any]:
    body = f"Beitrag {i} über Windkraft – " + "x" * text_size
    return {"id": f"p{i}", "author": "lena", "created_at": "2025-03-01T08:00:00Z", "text": body}


def write_generic(path: Path, n: int, text_size: int = 40) -> Path:
    records = (record(i, text_size) for i in range(n))
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".csv":
            writer = csv.DictWriter(fh, FIELDS, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(records)
        elif path.suffix == ".ndjson":
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        else:
            fh.write("[\n")
            for i, r in enumerate(records):
                fh.write(("" if i == 0 else ",\n") + json.dumps(r, indent=2, ensure_ascii=False))
            fh.write("\n]\n")
    return path


class CountingSource(FileSource):
    """A file source whose reads are counted."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, str(path))
        self.read = 0

    def open(self, rel: str) -> BinaryIO:
        return _Counting(self, self.path.open("rb"))  # type: ignore[return-value]


class _Counting:
    def __init__(self, source: CountingSource, fh: BinaryIO) -> None:
        self._source, self._fh = source, fh

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._source.read += len(data)
        return data

    def __enter__(self) -> _Counting:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


@pytest.mark.parametrize(("name", "fmt"), [("big.csv", "csv"), ("big.json", "json")])
def test_first_post_comes_before_the_file_is_read(tmp_path: Path, name: str, fmt: str) -> None:
    path = write_generic(tmp_path / name, 40_000)
    size = path.stat().st_size
    assert size > 8 * CHUNK
    src = CountingSource(path)
    posts = GenericExport(src, path.name, fmt).posts()
    first = next(posts)
    assert first.native_id == "p0"
    assert src.read <= 2 * CHUNK < size // 4
    assert sum(1 for _ in posts) == 40_000 - 1
    assert src.read == size


@pytest.mark.parametrize(
    ("name", "n", "text_size"),
    [
        ("big.csv", 12_000, 3000),
        ("big.json", 12_000, 3000),
        ("big.ndjson", 12_000, 3000),
        # Short posts: what is kept per post (8 bytes for the duplicate check) adds up.
        ("short.csv", 250_000, 40),
    ],
)
def test_parsing_a_large_file_allocates_a_fraction_of_its_size(
    tmp_path: Path, name: str, n: int, text_size: int
) -> None:
    path = write_generic(tmp_path / name, n, text_size)
    size = path.stat().st_size
    assert size > 25 * 1024**2
    (export,) = open_exports(path)
    tracemalloc.start()
    try:
        count = sum(1 for _ in export.posts())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    # Read whole, the bytes and the decoded text were each the file's size.
    assert peak < size // 5, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_a_late_error_in_a_streamed_file_leaves_the_database_unchanged(tmp_path: Path) -> None:
    path = write_generic(tmp_path / "late.csv", 50_000)  # several write batches
    with path.open("a", encoding="utf-8") as fh:
        fh.write("p-last,lena,yesterday,broken time\r\n")
    with Store.open(tmp_path / "db.duckdb") as store:
        with pytest.raises(InputError) as err:
            import_exports(store, read_exports([path]), imported_by="t")
        assert err.value.reason == "line 50002: bad created_at 'yesterday' (need ISO 8601)"
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
        assert store.con.execute("SELECT count(*) FROM imports").fetchone() == (0,)


def test_a_character_split_between_reads_and_a_bom(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + "id,author,created_at,text\r\n1,lena,2025-01-01,Grüße ✓\r\n".encode()
    for size in range(1, 8):
        assert "".join(decoded_chunks(io.BytesIO(data), "f", size)) == data[3:].decode()
    bad = data.replace("ü".encode(), b"\xfc")
    at = bad.index(b"\xfc")
    for size in (1, 3, 5, len(bad)):
        with pytest.raises(InputError, match=f"not valid UTF-8 at byte {at}$"):
            list(decoded_chunks(io.BytesIO(bad), "f", size))


def test_lines_end_at_lf_crlf_and_cr_only() -> None:
    text = "a\u2028b\x0cc\r\nd\re\n\x85f"
    expected = io.StringIO(text, newline="").readlines()
    for size in range(1, 6):
        pieces = iter([text[i : i + size] for i in range(0, len(text), size)])
        assert list(split_lines(pieces)) == expected


def test_platform_csv_keeps_a_line_separator_inside_its_field(tmp_path: Path) -> None:
    # str.splitlines() used to cut this row in two at U+2028.
    path = tmp_path / "posts.csv"
    path.write_text("a,b\n1,x\u2028y\n2,z\n", encoding="utf-8")
    rows = list(iter_rows(FileSource(path, str(path)), path.name))
    assert rows == [(2, {"a": "1", "b": "x\u2028y"}), (3, {"a": "2", "b": "z"})]


def outcome(fmt: str, data: bytes, size: int) -> tuple[list[Any], str | None]:
    """The records read in chunks of ``size`` bytes, and the error that stopped them."""
    got: list[Any] = []
    try:
        chunks = decoded_chunks(io.BytesIO(data), "f", size)
        for loc, rec, raw_json in _READERS[fmt](chunks, "f", {}):
            got.append((loc, repr(rec), raw_json))
    except InputError as exc:
        return got, exc.reason
    return got, None


texts = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from('\r\n\u2028"\\,'),
    max_size=12,
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)
records = st.lists(st.dictionaries(texts, values, max_size=4), max_size=5)


@st.composite
def generic_file(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt = draw(st.sampled_from(["csv", "ndjson", "json"]))
    rows = draw(records)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if fmt == "json":
        indent = draw(st.sampled_from([None, 1, 2]))
        text = json.dumps(rows, indent=indent, ensure_ascii=draw(st.booleans()))
        text = text.replace("\n", newline) + draw(st.sampled_from(["", " ", "\n", " x"]))
    elif fmt == "ndjson":
        text = "".join(json.dumps(r, ensure_ascii=False) + newline for r in rows)
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator=newline)
        writer.writerow(FIELDS)
        for r in rows:
            writer.writerow([str(v) for v in list(r.values())[:4]])
        text = buf.getvalue()
    data = draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + text.encode("utf-8")
    if data and draw(st.booleans()):  # one byte mutated: a cut, a flip, a stray byte
        pos = draw(st.integers(0, len(data) - 1))
        data = draw(
            st.sampled_from(
                [
                    data[:pos],
                    data[:pos] + bytes([data[pos] ^ 0x40]) + data[pos + 1 :],
                    data[:pos] + draw(st.sampled_from([b"\xff", b'"', b"]", b","])) + data[pos:],
                ]
            )
        )
    return fmt, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generic_file(), st.integers(1, 9))
def test_reading_in_small_chunks_reads_like_reading_whole(
    case: tuple[str, bytes], size: int
) -> None:
    fmt, data = case
    whole_records, whole_error = outcome(fmt, data, len(data) + 1)
    records, error = outcome(fmt, data, size)
    if whole_error is not None and whole_error.startswith("not valid UTF-8"):
        # Read whole, bad UTF-8 stopped everything; streamed, records before it come out.
        assert error is not None
        return
    assert (records, error) == (whole_records, whole_error)


def test_a_deeply_nested_record_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    first = json.dumps(record(1))
    for name, body, line in [
        ("deep.json", f'[\n{first},\n{{"id": "2", "author": {deep}}}]', 3),
        ("deep.ndjson", f'{first}\n{{"id": "2", "author": {deep}}}\n', 2),
    ]:
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        (export,) = open_exports(path, platform="generic")
        with pytest.raises(InputError) as err:
            list(export.posts())
        assert (err.value.where, err.value.reason) == (
            str(path),
            f"line {line}: JSON nested too deeply",
        )


def test_a_repeated_id_far_apart_is_named_with_both_lines(tmp_path: Path) -> None:
    path = write_generic(tmp_path / "dupes.csv", 30_000)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("p17,lena,2025-03-02T08:00:00Z,again\r\n")
    (export,) = open_exports(path)
    with pytest.raises(InputError) as err:
        list(export.posts())
    assert err.value.reason == "line 30002: duplicate id 'p17' (also line 19)"


def test_ids_whose_hashes_collide_are_not_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reviewer.importers import generic

    monkeypatch.setattr(generic, "hash", lambda key: 0, raising=False)
    path = write_generic(tmp_path / "posts.json", 50)
    (export,) = open_exports(path)
    assert [p.native_id for p in export.posts()] == [f"p{i}" for i in range(50)]
    path.write_text(path.read_text(encoding="utf-8").replace('"p40"', '"p3"'), encoding="utf-8")
    (export,) = open_exports(path)
    with pytest.raises(InputError) as err:
        list(export.posts())
    assert err.value.reason == "line 242: duplicate id 'p3' (also line 20)"


def _facebook_export(folder: Path, n: int) -> Path:
    posts = folder / "your_facebook_activity" / "posts"
    posts.mkdir(parents=True)
    with (posts / "your_posts__check_ins__photos_and_videos_1.json").open("w") as fh:
        fh.write("[")
        for i in range(n):
            # The first post is written again at the very end with its second photo.
            number = 0 if i == n - 1 else i
            record = {
                "timestamp": 1700000000 + number,
                "attachments": [
                    {"data": [{"media": {"uri": f"media/{i}.jpg", "title": "Timeline photos"}}]}
                ],
                "data": [{"post": f"Beitrag {number} " + "Windkraft " * 300}],
                "title": "Lena Hoffmann updated her status.",
            }
            fh.write(("," if i else "") + json.dumps(record, indent=1))
        fh.write("]")
    return folder


def test_facebook_posts_stream_and_a_repeat_at_the_end_is_still_merged(tmp_path: Path) -> None:
    folder = _facebook_export(tmp_path / "fb", 8_000)
    size = sum(p.stat().st_size for p in folder.rglob("*.json"))
    assert size > 20 * 1024**2
    (export,) = open_exports(folder)
    tracemalloc.start()
    try:
        first = None
        count = 0
        for post in export.posts():
            count += 1
            if post.created_at_raw == "1700000000":
                first = post
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8_000 - 1
    assert first is not None and [m["path"] for m in first.media] == [
        "media/0.jpg",
        "media/7999.jpg",
    ]
    assert len(first.raw["records"]) == 2
    # Held whole, the posts (text and raw record) were several times the file's size.
    assert peak < size // 5, f"peak {peak:,} bytes for {size:,} bytes of JSON"


def test_a_tar_gz_of_many_text_files_keeps_a_bounded_head_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tarfile

    from reviewer.importers import source_tar
    from reviewer.importers.sniff import SNIFF, SNIFF_TEXT

    monkeypatch.setattr(source_tar, "HEAD_BUDGET", 4 * SNIFF_TEXT)
    archive = tmp_path / "many.tar.gz"
    texts = {
        f"t{i}.json": (f'{{"n": {i}, "pad": "' + "a" * 100_000 + '"}').encode() for i in range(12)
    }
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in texts.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    src = source_tar.TarSource(archive, str(archive))
    try:
        cached = sum(len(h) for h in src._heads.values())
        assert cached <= 4 * SNIFF_TEXT + 12 * SNIFF
        for name, data in texts.items():  # a head past the budget is read again, whole
            assert src.head(name, SNIFF_TEXT) == data[:SNIFF_TEXT]
    finally:
        src.close()


def _bluesky_repo(path: Path, likes: int, posts: int) -> Path:
    """A repository of many likes and a few posts, in a two-level record tree."""
    import hashlib

    import libipld

    from tests.importers.make_samples import _varint

    blocks: list[tuple[bytes, bytes]] = []

    def put(value: Any) -> bytes:
        data = libipld.encode_dag_cbor(value)
        cid = b"\x01\x71\x12\x20" + hashlib.sha256(data).digest()
        blocks.append((cid, data))
        return cid

    subject = "at://did:plc:kundinatlantikabcdefghij/app.bsky.feed.post/3lkabcdefgh22"
    keyed = []
    for i in range(likes):
        like = {"$type": "app.bsky.feed.like", "createdAt": "2025-01-01T00:00:00.000Z"}
        like["subject"] = {"uri": f"{subject}{i}", "cid": "bafyreib2rxk3rh6kzwq" * 3}
        keyed.append((f"app.bsky.feed.like/3l{i:011d}", put(like)))
    for i in range(posts):
        post = {
            "$type": "app.bsky.feed.post",
            "text": f"Beitrag {i}",
            "createdAt": "2025-01-01T00:00:00.000Z",
        }
        keyed.append((f"app.bsky.feed.post/3l{i:011d}", put(post)))
    keyed.sort()
    entries = []
    for start in range(0, len(keyed), 16):
        group = keyed[start : start + 16]
        child = None
        if len(group) > 1:
            child = put(
                {
                    "l": None,
                    "e": [{"k": k.encode(), "p": 0, "v": v, "t": None} for k, v in group[1:]],
                }
            )
        entries.append({"k": group[0][0].encode(), "p": 0, "v": group[0][1], "t": child})
    root = put({"l": None, "e": entries})
    commit = put({"did": "did:plc:nordwind", "rev": "3l", "data": root, "prev": None, "version": 3})
    header = libipld.encode_dag_cbor({"roots": [commit], "version": 1})
    with path.open("wb") as fh:
        fh.write(_varint(len(header)) + header)
        for cid, data in blocks:
            fh.write(_varint(len(cid) + len(data)) + cid + data)
    return path


def test_a_bluesky_repository_keeps_only_tree_and_post_blocks(tmp_path: Path) -> None:
    path = _bluesky_repo(tmp_path / "repo.car", likes=60_000, posts=300)
    size = path.stat().st_size
    (export,) = open_exports(path)
    tracemalloc.start()
    try:
        posts = [p.native_id for p in export.posts()]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(posts) == 300 and export.skipped["app.bsky.feed.like"] == 60_000
    # Decoded whole, the blocks took several times the file's size.
    assert peak < size // 2, f"peak {peak:,} bytes for a {size:,}-byte repository"
