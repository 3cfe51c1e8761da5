"""The DuckDB load of generic NDJSON writes exactly what the Python importer writes.

Every test imports the same file twice, once as ``reviewer import`` does (the
SQL path for plain files) and once through the Python importer only, and
compares the ``posts`` rows column by column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import InputError
from reviewer.importers.generic import GenericExport
from reviewer.store import Store, ndjson_load
from reviewer.workflow import import_exports, read_exports

_PLAIN = [
    {"id": "a1", "author": "anna", "created_at": "2025-03-01T10:00:00Z", "text": "plain"},
    {"id": "leap", "author": "b", "created_at": "2024-02-29T23:59:59.5-01:00", "text": "t"},
    # no zone: UTC assumed; an integer id; a reply; spaces around the object
    {"id": 42, "author": "ben", "created_at": "2025-03-01 10:00", "text": "x", "reply_to": "a1"},
    {"id": -7, "author": "ben", "created_at": "2025-03-01T10:00:00.5+05:30", "text": None},
    # decomposed umlaut (NFC composes it), CRLF inside the text, emoji as escapes
    {
        "id": "u",
        "author": "ü",
        "created_at": "2025-03-01T23:59:59.123456-08:00",
        "text": "Gru\u0308n\r\nzwei \ud83d\ude00 \u00e9",
        "lang": "de",
        "url": "",
    },
    {
        "id": "m",
        "author": "c",
        "created_at": "2025-03-01T00:00:00+00:00",
        "text": "media",
        "media": "a.JPG; https://x.example/v.mp4?x=1 ;; noext ;dir.d/file",
        "platform": "X",
    },
    {
        "id": "m",
        "author": "c",
        "created_at": "2025-03-01T00:00:00+00:00",
        "text": "same id",
        "platform": "mastodon",
        "extra": {"nested": [1, 2.5, None]},
        "n": 1e400,
    },
    {"id": "e", "author": "d", "created_at": "2025-03-01T00:00:00Z", "text": "", "media": ""},
    # ASCII text with CRLF: the ASCII shortcut past NFC must still turn CRLF into LF
    {"id": "cr", "author": "d", "created_at": "2025-03-01T00:00:00Z", "text": "a\r\nb\rc"},
]


def _import(db: Path, path: Path, *, python_only: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """(posts rows, imports counts, whether DuckDB loaded it), or the InputError text."""
    used: list[bool] = []
    real_insert = ndjson_load.insert

    def spy(*args: Any, **kwargs: Any) -> int:
        used.append(True)
        return real_insert(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(ndjson_load, "insert", spy)
        if python_only:
            patch.setattr(GenericExport, "plain_ndjson", lambda self: None)
        with Store.open(db) as store:
            try:
                import_exports(store, read_exports([path]), imported_by="t")
            except InputError as exc:
                return str(exc), store.con.execute("SELECT count(*) FROM posts").fetchone()
            rows = store.con.execute(
                "SELECT * EXCLUDE (import_id) FROM posts ORDER BY post_id"
            ).fetchall()
            counts = store.con.execute(
                "SELECT platform, posts_added, posts_unchanged FROM imports"
            ).fetchall()
    return rows, counts, bool(used)


def _write(path: Path, lines: list[str], *, bom: bool = False, crlf: bool = False) -> Path:
    text = ("\r\n" if crlf else "\n").join(lines) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _both(tmp_path: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = _import(tmp_path / "fast.duckdb", path, python_only=False, monkeypatch=monkeypatch)
    slow = _import(tmp_path / "slow.duckdb", path, python_only=True, monkeypatch=monkeypatch)
    return fast, slow


def _plain_lines() -> list[str]:
    lines = [json.dumps(r) for r in _PLAIN]  # ASCII escapes: \u0308, \ud83d\ude00
    lines[1] = "  " + lines[1] + "\t"
    lines.insert(3, "")  # a blank line
    lines[-2] = lines[-2].replace('"same id"', '"other"').replace('"m"', '"m2"', 1)
    return lines


@pytest.mark.parametrize(("bom", "crlf"), [(False, False), (True, True)])
def test_plain_file_is_loaded_by_duckdb_with_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: bool, crlf: bool
) -> None:
    path = _write(tmp_path / "in.ndjson", _plain_lines(), bom=bom, crlf=crlf)
    (rows, counts, used), (py_rows, py_counts, py_used) = _both(tmp_path, path, monkeypatch)
    assert used and not py_used
    assert len(rows) == len(_PLAIN)
    assert rows == py_rows
    assert counts == py_counts == [("generic", len(_PLAIN), 0)]
    by_id = {r[0]: r for r in rows}
    assert by_id["generic:u"][6] == "Grün\nzwei 😀 é"
    assert by_id["generic:42"][13] is True  # tz_assumed
    assert by_id["generic:cr"][6] == "a\nb\rc"
    media = json.loads(by_id["x:m"][9])
    assert [m.get("path") or m.get("url") for m in media] == [
        "a.JPG",
        "https://x.example/v.mp4?x=1",
        "noext",
        "dir.d/file",
    ]
    assert [m["type"] for m in media] == ["image", "video", "other", "other"]


def test_reimport_adds_nothing_and_keeps_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "in.ndjson", _plain_lines())
    db = tmp_path / "db.duckdb"
    first = _import(db, path, python_only=False, monkeypatch=monkeypatch)
    second = _import(db, path, python_only=False, monkeypatch=monkeypatch)
    assert second[0] == first[0]
    assert second[1][-1] == ("generic", 0, len(_PLAIN))


_NOT_PLAIN = {
    "key in capitals": '{"ID": "1", "author": "a", "created_at": "2025-01-01T00:00Z", "text": "t"}',
    "key with a space": (
        '{" id": "1", "author": "a", "created_at": "2025-01-01T00:00Z", "text": "t"}'
    ),
    "column twice": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z", "text": "t",'
    ' "text": "u"}',
    "spaces around a value": '{"id": "1", "author": " a ", "created_at": "2025-01-01T00:00Z",'
    ' "text": "t"}',
    "space after created_at": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z ",'
    ' "text": "t"}',
    "space before platform": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z",'
    ' "text": "t", "platform": " x"}',
    "nbsp after a value": '{"id": "1", "author": "a\\u00a0", "created_at": "2025-01-01T00:00Z",'
    ' "text": "t"}',
    "date only": '{"id": "1", "author": "a", "created_at": "2025-01-01", "text": "t"}',
    "compact time": '{"id": "1", "author": "a", "created_at": "20250101T1000", "text": "t"}',
    "media list": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z", "text": "t",'
    ' "media": ["a.png", "b.mp4"]}',
    "media with a quote": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z",'
    ' "text": "t", "media": "a\\"b.png"}',
    "numeric author": '{"id": "1", "author": 7, "created_at": "2025-01-01T00:00Z", "text": "t"}',
    "huge integer id": '{"id": 123456789012345678901234, "author": "a",'
    ' "created_at": "2025-01-01T00:00Z", "text": "t"}',
    "line separator in text": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z",'
    ' "text": "a\u2028b"}',
    "year 9999": '{"id": "1", "author": "a", "created_at": "9999-12-31T23:59Z", "text": "t"}',
    "year 999": '{"id": "1", "author": "a", "created_at": "0999-12-31T23:59Z", "text": "t"}',
    "extra key and a key twice": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z",'
    ' "text": "t", "extra": 1, "author": "b"}',
    "NUL in text": '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z",'
    ' "text": "a\\u0000b"}',
}


@pytest.mark.parametrize("line", _NOT_PLAIN.values(), ids=_NOT_PLAIN.keys())
def test_records_duckdb_does_not_take_go_through_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    plain = json.dumps(_PLAIN[0])
    path = _write(tmp_path / "in.ndjson", [plain, line])
    fast, slow = _both(tmp_path, path, monkeypatch)
    assert fast[:2] == slow[:2]
    if len(fast) == 3:
        assert not fast[2]  # the Python path wrote it


_BROKEN = {
    "duplicate id": [json.dumps(_PLAIN[0]), json.dumps(_PLAIN[0])],
    "bad JSON": [json.dumps(_PLAIN[0]), '{"id": "2", "author":'],
    "missing text": ['{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z"}'],
    "bad date": ['{"id": "1", "author": "a", "created_at": "2025-02-30T00:00Z", "text": "t"}'],
    "unknown platform": [
        '{"id": "1", "author": "a", "created_at": "2025-01-01T00:00Z", "text": "t",'
        ' "platform": "myspace"}'
    ],
}


@pytest.mark.parametrize("lines", _BROKEN.values(), ids=_BROKEN.keys())
def test_bad_files_fail_as_before_and_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str]
) -> None:
    path = _write(tmp_path / "in.ndjson", lines)
    fast, slow = _both(tmp_path, path, monkeypatch)
    assert fast == slow
    message, (count,) = fast
    assert message.startswith(str(path)) and "line" in message
    assert count == 0


def test_invalid_utf8_fails_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.ndjson"
    path.write_bytes(json.dumps(_PLAIN[0]).encode() + b"\n" + b'{"id": "\xff"}\n')
    fast, slow = _both(tmp_path, path, monkeypatch)
    assert fast == slow
    assert "not valid UTF-8" in fast[0]


_TEXT = st.text(
    alphabet=st.sampled_from([*'aZ09 _-:./?;"\\\r\n\t', "ü", "\u0308", "😀", "\u00a0"]),
    max_size=12,
)
_SIMPLE = st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True)
_TIMES = st.one_of(
    st.sampled_from(
        ["2025-01-01T00:00:00Z", "2024-02-29 23:59:59.5+01:00", "2025-06-30T12:00", "2025-13-01"]
    ),
    _TEXT,
)
_RECORD = st.fixed_dictionaries(
    {
        "id": st.one_of(_SIMPLE, st.integers(-(2**70), 2**70), _TEXT),
        "author": st.one_of(_SIMPLE, _SIMPLE, _TEXT, st.none(), st.integers(0, 9)),
        "created_at": _TIMES,
        "text": st.one_of(_TEXT, st.none()),
    },
    optional={
        "url": st.one_of(_SIMPLE, _TEXT),
        "lang": st.sampled_from(["de", "", " en"]),
        "media": st.one_of(_TEXT, st.just("a.png;https://h/v.MP4?q")),
        "platform": st.sampled_from(["x", "Reddit", "", "nope"]),
        "reply_to": st.one_of(_SIMPLE, _TEXT),
        "Text": _TEXT,
        "other": st.one_of(_TEXT, st.floats(allow_nan=True)),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(_RECORD, min_size=1, max_size=5), ascii_only=st.booleans())
def test_any_records_give_the_same_result_on_both_paths(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    records: list[dict[str, Any]],
    ascii_only: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("ndjson")
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    path = _write(tmp / "in.ndjson", lines)
    fast, slow = _both(tmp, path, monkeypatch)
    assert fast[:2] == slow[:2]


def test_insert_leaves_the_compression_setting_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "in.ndjson", _plain_lines())
    with Store.open(tmp_path / "db.duckdb") as store:
        store.con.execute("SET GLOBAL disabled_compression_methods = 'rle'")
        seen: list[str] = []
        real_insert = ndjson_load.insert

        def spy(con: Any, staged: Any, import_id: str) -> int:
            with ndjson_load.without_dictionary(con):
                seen.append(str(con.execute(_SETTING).fetchone()[0]).lower())
            return real_insert(con, staged, import_id)

        monkeypatch.setattr(ndjson_load, "insert", spy)
        import_exports(store, read_exports([path]), imported_by="t")
        assert seen == ["rle,dictionary"]
        assert store.con.execute(_SETTING).fetchone()[0].lower() == "rle"
        assert store.con.execute("SELECT count(*) FROM posts").fetchone() == (len(_PLAIN),)


def test_compression_setting_is_restored_after_a_failed_statement(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        with (
            pytest.raises(duckdb.Error, match="boom"),
            store.transaction() as con,
            ndjson_load.without_dictionary(con),
        ):
            con.execute("SELECT error('boom')")
        assert store.con.execute(_SETTING).fetchone() == ("",)


_SETTING = "SELECT current_setting('disabled_compression_methods')"
