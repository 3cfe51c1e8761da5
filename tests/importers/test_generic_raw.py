"""Generic NDJSON and JSON records: raw text kept, orjson read like json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.importers import open_exports
from reviewer.importers.generic import _loads
from reviewer.model import Post


def _posts(path: Path) -> list[Post]:
    return [p for export in open_exports(path) for p in export.posts()]


def test_ndjson_line_is_the_raw_json(tmp_path: Path) -> None:
    line = '{"id": 1, "author": "a", "created_at": "2025-01-01T00:00:00Z", "text": "hi", "k": 1.50}'
    path = tmp_path / "posts.ndjson"
    path.write_text(line + "  \n", encoding="utf-8")
    (post,) = _posts(path)
    assert post.raw_json == line
    assert post.raw["k"] == 1.5


def test_json_array_element_text_is_the_raw_json(tmp_path: Path) -> None:
    element = '{"id": "x1",\n  "author": "a", "created_at": "2025-01-01T00:00:00Z", "text": "hi"}'
    path = tmp_path / "posts.json"
    path.write_text(f"[\n  {element} ,\n  {element.replace('x1', 'x2')}\n]", encoding="utf-8")
    first, second = _posts(path)
    assert first.raw_json == element and second.raw_json == element.replace("x1", "x2")


def test_csv_records_have_no_raw_json(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,author,created_at,text\n1,a,2025-01-01T00:00:00Z,hi\n", encoding="utf-8")
    (post,) = _posts(path)
    assert post.raw_json is None and post.raw["text"] == "hi"


@pytest.mark.parametrize(
    "line",
    [
        '{"id": 123456789012345678901234567890, "n": 1}',
        '{"id": "a", "media": [123456789012345678901234567890]}',
        '{"id": "a", "v": NaN}',
        '{"id": "\\ud800"}',
        '{"id": "a", "nested": {"x": [1, {"y": null}]}, "t": true}',
    ],
)
def test_fast_loads_reads_like_json(line: str) -> None:
    expected, got = json.loads(line), _loads(line)
    assert repr(got) == repr(expected)


def test_huge_integer_id_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "posts.ndjson"
    path.write_text(
        '{"id": 123456789012345678901234567890, "author": "a", '
        '"created_at": "2025-01-01T00:00:00Z", "text": "hi"}\n',
        encoding="utf-8",
    )
    (post,) = _posts(path)
    assert post.native_id == "123456789012345678901234567890"
