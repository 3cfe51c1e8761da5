"""The table an import ends with: per platform, added, unchanged, skipped by reason."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reviewer.cli import cli


def _table(out: str) -> dict[str, list[str]]:
    lines = out.split("\n\n", 1)[1].strip().splitlines()
    assert lines[0].split() == ["platform", "exports", "added", "unchanged", "skipped"]
    return {line.split()[0]: line.split(None, 4)[1:] for line in lines[1:]}


def test_import_ends_with_a_table_per_platform(samples: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "db.duckdb")
    args = ["--db", db, "import", str(samples / "bluesky"), str(samples / "generic")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    table = _table(first.output)
    assert table["generic"] == ["3", "41", "0", "-"]
    assert table["bluesky"][:3] == ["1", "7", "0"]
    assert "1 app.bsky.feed.like" in table["bluesky"][3]
    again = _table(CliRunner().invoke(cli, args).output)
    assert again["generic"] == ["3", "0", "41", "-"]
