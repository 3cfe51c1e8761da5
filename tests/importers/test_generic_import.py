"""The generic importer: CSV, NDJSON and JSON arrays, and how it reports bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.importers import open_exports
from reviewer.model import Post

HEADER = "id,author,created_at,text\n"


def generic_posts(path: Path, **kwargs: str) -> list[Post]:
    (export,) = open_exports(path, **kwargs)
    assert export.platform == "generic"
    return list(export.posts())


def error_of(path: Path, **kwargs: str) -> InputError:
    with pytest.raises(InputError) as err:
        for export in open_exports(path, **kwargs):
            list(export.posts())
    return err.value


def test_sample_csv(generic_sample: Path) -> None:
    posts = {p.post_id: p for p in generic_posts(generic_sample / "posts.csv")}
    assert len(posts) == 21
    quote = posts["generic:g-1005"]
    # Embedded CRLF newlines and doubled quotes come out as plain text with "\n".
    assert (
        quote.text
        == 'Zitat des Tages:\n"Der Wind weht, wo er will."\nUnd wir ernten ihn – jeden Tag. 🌬️'
    )
    assert posts["generic:g-1006"].text.startswith('=HYPERLINK("https://nordwind-energie.de"')
    first = posts["linkedin:urn:li:activity:7335000000000000001"]
    assert first.platform == "linkedin" and first.native_id == "urn:li:activity:7335000000000000001"
    assert first.created_at == datetime(2025, 6, 2, 7, 15, tzinfo=UTC)
    assert not first.tz_assumed
    assert first.raw["likes"] == "57"
    assert posts["facebook:fb-88120031"].platform == "facebook"
    no_zone = posts["linkedin:urn:li:activity:7350000000000000015"]
    assert no_zone.tz_assumed and no_zone.created_at == datetime(
        2025, 7, 21, 14, 33, 22, tzinfo=UTC
    )
    assert no_zone.created_at_raw == "2025-07-21 14:33:22"
    reply = posts[
        "linkedin:urn:li:comment:(urn:li:activity:7335000000000000001,7335000000000000099)"
    ]
    assert reply.kind == "reply" and reply.reply_to == "urn:li:activity:7335000000000000001"
    assert posts["generic:g-1017"].media == [
        {"path": "fotos/husum-1.jpg", "type": "image", "alt": None},
        {"url": "https://cdn.example.org/video/tour.mp4", "type": "video", "alt": None},
        {"path": "handout.pdf", "type": "other", "alt": None},
    ]
    assert {p.kind for p in posts.values()} == {"post", "reply"}
    assert {p.source_file for p in posts.values()} == {"posts.csv"}


def test_sample_ndjson(generic_sample: Path) -> None:
    posts = {p.post_id: p for p in generic_posts(generic_sample / "posts.ndjson")}
    assert len(posts) == 10
    numeric = posts["generic:2010"]
    assert numeric.raw["ticket"] == {"system": "jira", "key": "WEB-42"}
    assert numeric.media == [{"path": "screenshot-formular.png", "type": "image", "alt": None}]
    assert posts["linkedin:urn:li:activity:7360000000000000101"].media[0]["path"] == "husum.jpg"


def test_json_array(tmp_path: Path) -> None:
    records = [
        {"id": "a1", "author": "lena", "created_at": "2025-01-01T10:00:00+01:00", "text": "Hallo"},
        {"id": 2, "author": "lena", "created_at": "2025-01-02", "text": "Welt", "lang": "de"},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    posts = generic_posts(path)
    assert [(p.post_id, p.text, p.tz_assumed) for p in posts] == [
        ("generic:a1", "Hallo", False),
        ("generic:2", "Welt", True),
    ]
    assert posts[0].created_at == datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


def test_csv_without_bom_and_text_is_nfc(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(HEADER + "1,lena,2025-03-01T08:00:00Z,Gru\u0308ße\n", encoding="utf-8")
    (post,) = generic_posts(path)
    assert post.text == "Grüße" and post.kind == "post" and post.platform == "generic"


def test_missing_required_column_names_file_and_column(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,created_at,text\n1,2025-03-01T08:00:00Z,hi\n", encoding="utf-8")
    err = error_of(path)
    assert err.where == str(path)
    assert err.reason == "missing required column 'author'"


def test_missing_key_in_an_ndjson_record_names_its_line(tmp_path: Path) -> None:
    good = {"id": "1", "author": "lena", "created_at": "2025-03-01T08:00:00Z", "text": "a"}
    bad = {"id": "2", "created_at": "2025-03-01T08:00:00Z", "text": "b"}
    path = tmp_path / "posts.ndjson"
    path.write_text(f"{json.dumps(good)}\n\n{json.dumps(bad)}\n", encoding="utf-8")
    err = error_of(path)
    assert (err.where, err.reason) == (str(path), "line 3: missing required column 'author'")


def test_non_utf8_csv_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    data = (HEADER + "1,lena,2025-03-01T08:00:00Z,Grüße\n").encode("latin-1")
    path.write_bytes(data)
    err = error_of(path)
    assert err.where == str(path)
    offset = data.index("ü".encode("latin-1"))
    assert err.reason == f"not valid UTF-8 at byte {offset}"


def test_non_utf8_csv_inside_a_folder_names_the_inner_file(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    bad = tmp_path / "exports" / "posts.csv"
    bad.write_bytes((HEADER + "1,lena,2025-03-01T08:00:00Z,\xe4\n").encode("latin-1"))
    err = error_of(tmp_path / "exports")
    assert err.where == f"{tmp_path / 'exports'}!posts.csv"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"id": "1", "author": "a", "created_at": "2025-01-01", "text": "x"}\n{oops\n',
            "invalid JSON at line 2",
        ),
        (
            '{"id": "1", "author": "a", "created_at": "gestern", "text": "x"}\n',
            "line 1: bad created_at 'gestern' (need ISO 8601)",
        ),
        (
            '{"id": "1", "author": "a", "created_at": "2025-01-01", "text": "",'
            ' "platform": "myspace"}\n',
            "line 1: unknown platform 'myspace'",
        ),
        (
            '{"id": "1", "author": "", "created_at": "2025-01-01", "text": "x"}\n',
            "line 1: empty 'author'",
        ),
        (
            '{"id": "  ", "author": "a", "created_at": "2025-01-01", "text": "x"}\n',
            "line 1: empty 'id'",
        ),
        (
            '{"id": "1", "author": "a", "created_at": "2025-01-01", "text": 5}\n',
            "line 1: 'text' must be text",
        ),
        (
            '{"id": "1", "author": "a", "created_at": "2025-01-01", "text": "x"}\n'
            '{"id": "1", "author": "b", "created_at": "2025-01-02", "text": "y"}\n',
            "line 2: duplicate id '1' (also line 1)",
        ),
    ],
)
def test_bad_ndjson_records_are_errors(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "posts.ndjson"
    path.write_text(content, encoding="utf-8")
    assert error_of(path).reason == reason


def test_csv_row_with_wrong_field_count(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(HEADER + '1,lena,2025-03-01T08:00:00Z,"a\nb"\n2,lena,2025-03-01\n', "utf-8")
    assert error_of(path).reason == "line 4: 3 fields but the header has 4"


def test_json_array_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(
        '[\n {"id": "1", "author": "a", "created_at": "2025-01-01", "text": "x"},\n'
        ' {"id": "2", "created_at": "2025-01-01", "text": "y"}\n]\n',
        encoding="utf-8",
    )
    assert error_of(path).reason == "line 3: missing required column 'author'"


def test_reading_twice_gives_identical_posts(generic_sample: Path) -> None:
    for name in ("posts.csv", "posts.ndjson"):
        assert generic_posts(generic_sample / name) == generic_posts(generic_sample / name)


def test_column_map_renames_columns_before_validation(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "post,user,when,message,text\n7,lena,2025-08-01T10:00:00Z,Hallo Nordwind,old\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="not a recognised platform export"):
        open_exports(path)
    column_map = {"post": "id", "User": "author", "when": "created_at", "message": "text"}
    (export,) = open_exports(path, column_map=column_map)
    (post,) = list(export.posts())
    assert (post.native_id, post.author, post.text) == ("7", "lena", "Hallo Nordwind")
    assert post.raw["text"] == "old" and post.raw["message"] == "Hallo Nordwind"


def test_a_bad_column_map_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,author,created_at,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="--map: unknown column 'body'"):
        open_exports(path, column_map={"message": "body"})
    with pytest.raises(InputError, match="--map: two columns renamed to 'text'"):
        open_exports(path, column_map={"a": "text", "b": "TEXT"})
