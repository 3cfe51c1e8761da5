"""`reviewer flag-feedback`: judge one flag of a post from a script."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from . import test_cli
from .test_cli import a_flagged_post, run, snapshot

# The CLI tests' fixtures: a database with the X sample export, flagged.
db = test_cli.db
flagged_db = test_cli.flagged_db


def _verdicts(db: Path) -> list[tuple[str, str, str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT post_id, rule, verdict, reviewer FROM flag_verdicts ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()


def test_wrong_then_undo(flagged_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = a_flagged_post(flagged_db, "confidential")
    base = ["--db", str(flagged_db), "--reviewer", "carla"]
    code, out, err = run(capsys, *base, "flag-feedback", post, "confidential", "--wrong")
    assert code == 0, err
    assert out.strip().endswith(f"flag_feedback {post} confidential false_positive")
    assert _verdicts(flagged_db) == [(post, "confidential", "false_positive", "carla")]
    assert run(capsys, *base, "flag-feedback", post, "confidential", "--confirmed")[0] == 0
    assert _verdicts(flagged_db)[0][2] == "confirmed"
    assert run(capsys, *base, "undo", post)[0] == 0
    assert _verdicts(flagged_db)[0][2] == "false_positive"
    code, out, err = run(capsys, *base, "audit", "verify")
    assert code == 0, out + err


def test_bad_feedback_is_one_line_and_writes_nothing(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = a_flagged_post(flagged_db, "confidential")
    before = snapshot(flagged_db)
    base = ["--db", str(flagged_db)]
    for args, where in (
        ([post, "confidential"], "--wrong/--confirmed"),
        ([post, "no_such_rule", "--wrong"], "no_such_rule"),
        (["x:nope", "confidential", "--wrong"], "x:nope"),
    ):
        code, _, err = run(capsys, *base, "flag-feedback", *args)
        assert code == 2 and err.startswith(f"error: {where}:") and err.count("\n") == 1, err
    assert snapshot(flagged_db) == before
