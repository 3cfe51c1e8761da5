"""Progress of an import: the input's bytes while it is first read, then posts."""

from __future__ import annotations

import io
import random
import tarfile
from pathlib import Path

import pytest

from reviewer import cli
from reviewer.importers.source_tar import TarSource
from reviewer.store import Store
from reviewer.workflow import import_exports, read_exports

SAMPLES = Path(__file__).resolve().parents[2] / "sample_exports"


def _big_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,author,created_at,text\n")
        for i in range(n):
            fh.write(f"p{i},lena,2025-03-01T08:00:00Z,Beitrag {i} {'x' * 200}\n")
    return path


def test_bytes_are_reported_while_hashing_then_posts(tmp_path: Path) -> None:
    path = _big_csv(tmp_path / "posts.csv", 20_000)  # several hashing chunks
    events: list[tuple[str, int, int | None]] = []
    exports = read_exports([path])
    with Store.open(tmp_path / "db.duckdb") as store:
        import_exports(
            store,
            exports,
            imported_by="t",
            progress=lambda n: events.append(("posts", n, None)),
            reading=lambda label, done, total: events.append((label, done, total)),
        )
    size = path.stat().st_size
    reads = [e for e in events if e[0] == "reading input"]
    assert len(reads) >= 3 and reads[-1] == ("reading input", size, size)
    assert [d for _, d, _ in reads] == sorted(d for _, d, _ in reads)
    first_post = next(i for i, e in enumerate(events) if e[0] == "posts")
    assert all(e[0] == "reading input" for e in events[:first_post])
    assert events[-1] == ("posts", 20_000, None)


def test_opening_a_tar_gz_reports_how_far_the_walk_has_come(tmp_path: Path) -> None:
    archive = tmp_path / "archive.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("outbox.json", "actor.json"):
            tar.add(SAMPLES / "mastodon" / name, arcname=name)
        for i in range(30):
            data = random.Random(i).randbytes(20_000)  # incompressible: the walk reads on
            info = tarfile.TarInfo(f"media_attachments/{i}.bin")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    calls: list[tuple[str, int, int | None]] = []
    src = TarSource(archive, str(archive), progress=lambda *a: calls.append(a))
    src.close()
    size = archive.stat().st_size
    assert calls[-1] == ("opening archive", size, size)
    assert len({d for _, d, _ in calls}) > 10  # the position moved on during the walk
    assert all(label == "opening archive" and total == size for label, _, total in calls)
    assert [d for _, d, _ in calls] == sorted(d for _, d, _ in calls)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_shows_a_bar_then_a_count_only_after_a_moment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = _Tty()
    monkeypatch.setattr(cli.sys, "stderr", err)
    now = [100.0]
    bar = cli._LateProgress("importing posts")
    bar._clock = lambda: now[0]  # type: ignore[method-assign]
    bar._start = bar._last = 100.0
    bar.reading("reading input", 10_000_000, 40_000_000)
    bar.update(10)
    assert err.getvalue() == ""  # a quick import shows nothing
    now[0] = 101.0
    bar.reading("reading input", 20_000_000, 40_000_000)
    assert "reading input [###############---------------]  50% 20 of 40 MB" in err.getvalue()
    now[0] = 102.0
    bar.update(5000)
    assert err.getvalue().endswith("importing posts: 5,000 posts (2,500/s)\x1b[K")
    bar.close()
    assert err.getvalue().endswith("\n")


def test_no_progress_is_written_when_stderr_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(cli.sys, "stderr", err)
    bar = cli._LateProgress("importing posts")
    bar._start -= 10
    bar.reading("reading input", 1, 2)
    bar.update(5)
    bar.close()
    assert err.getvalue() == ""
