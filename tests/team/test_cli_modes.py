"""The CLI behaves the same on a DuckDB file and on a team lakehouse (``store_target``)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.paths import shipped_dir

SAMPLES = shipped_dir("sample_exports")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def flagged(store_target: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """``--db TARGET`` of a target with the X sample imported and flagged."""
    base = ["--db", store_target]
    code, _, err = run(capsys, *base, "import", str(SAMPLES / "x"))
    assert code == 0, err
    code, out, err = run(capsys, *base, "flag")
    assert code == 0, err
    assert "flagged" in out
    return base


def _csv(capsys: pytest.CaptureFixture[str], base: list[str], sql: str, *extra: str) -> str:
    code, out, err = run(capsys, *base, "query", "sql", sql, "--format", "csv", *extra)
    assert code == 0, err
    return out


def _a_flagged_post(capsys: pytest.CaptureFixture[str], base: list[str]) -> str:
    out = _csv(
        capsys, base, "SELECT post_id FROM flags WHERE rule = 'confidential' ORDER BY 1 LIMIT 1"
    )
    return out.splitlines()[1]


def test_import_is_idempotent_and_stats_count_it(
    flagged: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _csv(capsys, flagged, "SELECT count(*) AS n FROM posts")
    code, out, _ = run(capsys, *flagged, "import", str(SAMPLES / "x"))
    assert code == 0 and "0 posts added" in out
    assert _csv(capsys, flagged, "SELECT count(*) AS n FROM posts") == before
    code, out, _ = run(capsys, *flagged, "stats")
    assert code == 0 and "x" in out and "confidential" in out


def test_review_actions_audit_and_as_of(
    flagged: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = _a_flagged_post(capsys, flagged)
    assert run(capsys, *flagged, "tag", post, "press")[0] == 0
    assert run(capsys, *flagged, "decide", post, "escalated", "--escalate-to", "legal")[0] == 0
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    code, out, err = run(
        capsys, *flagged, "decide", post, "resolved", "--disposition", "violation_legal"
    )
    assert code == 0, err
    assert out.startswith("#3 decide")
    state = f"SELECT status, tags FROM review_state WHERE post_id = '{post}'"
    assert _csv(capsys, flagged, state).splitlines()[1].startswith("resolved,")
    assert _csv(capsys, flagged, state, "--as-of", moment).splitlines()[1].startswith("escalated")

    code, head, _ = run(capsys, *flagged, "audit", "head")
    assert code == 0 and head.startswith("3:")
    code, out, _ = run(capsys, *flagged, "audit", "verify", "--head", head.strip())
    assert code == 0 and "3 events" in out
    code, out, _ = run(capsys, *flagged, "audit", "log", "--post", post)
    assert [line.split("\t")[4] for line in out.splitlines()] == ["tag", "decide", "decide"]

    report = tmp_path / "then.md"
    code, _, err = run(
        capsys, *flagged, "report", "-o", str(report), "--as-of", moment, "--status", "escalated"
    )
    assert code == 0, err
    assert "- Incidents: 1" in report.read_text(encoding="utf-8")


def test_stale_decision_is_refused_and_shows_the_new_state(
    flagged: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    post = _a_flagged_post(capsys, flagged)
    seen = 0  # both reviewers opened the post before anyone acted on it
    code, _, err = run(
        capsys, *flagged, "--reviewer", "alice", "decide", post, "resolved",
        "--disposition", "violation_removal", "--expect-version", str(seen),
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, *flagged, "--reviewer", "bob", "decide", post, "resolved",
        "--disposition", "acceptable", "--expect-version", str(seen),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith(f"error: {post}: changed meanwhile: alice decide resolved")
    assert "now: status resolved, disposition violation_removal" in err
    code, out, _ = run(capsys, *flagged, "audit", "log", "--post", post)
    assert len(out.splitlines()) == 1  # bob's decision left no event


def test_saved_queries_run_the_same(flagged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    post = _a_flagged_post(capsys, flagged)
    run(capsys, *flagged, "decide", post, "resolved", "--disposition", "violation_coaching")
    code, out, err = run(capsys, *flagged, "query", "run", "rule_precision", "--format", "csv")
    assert code == 0, err
    assert "confidential" in out
    names = _csv(capsys, flagged, "SELECT query_name FROM query_runs ORDER BY ran_at")
    assert names.splitlines()[1:] == ["sql", "rule_precision"]  # every run is recorded
    code, _, err = run(capsys, *flagged, "query", "sql", "DELETE FROM posts")
    assert code == 2 and "read-only" in err
