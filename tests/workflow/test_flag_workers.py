"""Flagging in worker processes gives exactly the flags of a single-process run."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer import workflow
from reviewer.flags.policy import load_policy
from reviewer.paths import shipped_dir
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports


def flags_with(tmp_path: Path, workers: int) -> list[tuple]:
    with Store.open(tmp_path / f"w{workers}.duckdb") as store:
        import_exports(store, read_exports([shipped_dir("sample_exports")]), imported_by="t")
        summary = flag_posts(store, load_policy(None), workers=workers)
        assert summary.scanned > 0
        return store.con.execute(
            "SELECT post_id, rule, severity, score, evidence::TEXT FROM flags ORDER BY 1, 2"
        ).fetchall()


def test_two_workers_match_one_process(tmp_path: Path) -> None:
    single = flags_with(tmp_path, 1)
    assert single
    assert flags_with(tmp_path, 2) == single


def test_two_workers_on_many_small_batches_match_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 10 posts over two workers, written back three at a time."""
    single = flags_with(tmp_path, 1)
    monkeypatch.setattr(workflow, "BATCH_SIZE", 10)
    monkeypatch.setattr(workflow, "WRITE_BATCHES", 3)
    (tmp_path / "w2.duckdb").unlink(missing_ok=True)
    assert flags_with(tmp_path, 2) == single
