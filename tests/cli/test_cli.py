"""The newcomer's path through the real CLI, end to end, and its error contract."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
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


def count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def snapshot(db: Path) -> tuple[int, int, int, int]:
    return (
        count(db, "SELECT count(*) FROM posts"),
        count(db, "SELECT count(*) FROM imports"),
        count(db, "SELECT count(*) FROM flags"),
        count(db, "SELECT count(*) FROM review_events"),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "reviewer.duckdb"


@pytest.fixture
def flagged_db(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = run(capsys, "--db", str(db), "import", str(SAMPLES / "x"))
    assert code == 0, err
    code, _, err = run(capsys, "--db", str(db), "flag")
    assert code == 0, err
    return db


def a_flagged_post(db: Path, rule: str) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT post_id FROM flags WHERE rule = ? ORDER BY post_id LIMIT 1", [rule]
        ).fetchone()[0]
    finally:
        con.close()


def test_import_x_folder_then_zip_then_again_adds_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "import", str(SAMPLES / "x"))
    assert code == 0, err
    posts = count(db, "SELECT count(*) FROM posts WHERE platform = 'x'")
    assert posts > 0 and f"{posts} posts added" in out
    archive = tmp_path / "twitter-2025-archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((SAMPLES / "x").rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(SAMPLES / "x").as_posix())
    code, out, err = run(capsys, "--db", str(db), "import", str(archive))
    assert code == 0, err
    assert "0 posts added" in out
    assert count(db, "SELECT count(*) FROM posts") == posts
    assert count(db, "SELECT count(*) FROM imports") == 2


def test_import_generic_csv_and_ndjson(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generic = sorted(p for p in (SAMPLES / "generic").iterdir() if p.is_file())
    assert {p.suffix for p in generic} >= {".csv", ".ndjson"}
    code, _, err = run(capsys, "--db", str(db), "import", *map(str, generic))
    assert code == 0, err
    assert count(db, "SELECT count(*) FROM posts") > 0


def test_flag_finds_both_rules_and_is_idempotent(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = duckdb.connect(str(flagged_db), read_only=True)
    rules = {r[0] for r in con.execute("SELECT DISTINCT rule FROM flags").fetchall()}
    con.close()
    assert {"confidential", "personal_data"} <= rules
    before = snapshot(flagged_db)
    code, out, _ = run(capsys, "--db", str(flagged_db), "flag")
    assert code == 0 and "scanned 0 posts" in out
    code, out, _ = run(capsys, "--db", str(flagged_db), "flag", "--rescan")
    assert code == 0 and "scanned 0 posts" not in out
    assert snapshot(flagged_db) == before


def test_scripted_review_actions_reach_the_database(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = a_flagged_post(flagged_db, "confidential")
    base = ["--db", str(flagged_db), "--reviewer", "carla"]
    assert run(capsys, *base, "tag", post, "press")[0] == 0
    assert run(capsys, *base, "note", post, "checked with legal")[0] == 0
    assert (
        run(capsys, *base, "decide", post, "resolved", "--disposition", "violation_removal")[0] == 0
    )
    con = duckdb.connect(str(flagged_db), read_only=True)
    state = con.execute(
        "SELECT status, disposition, tags, last_reviewer FROM review_state WHERE post_id = ?",
        [post],
    ).fetchone()
    con.close()
    assert state == ("resolved", "violation_removal", ["press"], "carla")
    assert run(capsys, *base, "undo", post)[0] == 0
    assert (
        count(
            flagged_db,
            f"SELECT count(*) FROM review_state WHERE post_id = '{post}' AND status = 'in_review'",
        )
        == 1
    )
    assert run(capsys, *base, "tag", post, "press", "--remove")[0] == 0
    assert count(flagged_db, "SELECT count(*) FROM review_events") == 5


def test_assign_and_claim_from_the_command_line(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = a_flagged_post(flagged_db, "confidential")
    base = ["--db", str(flagged_db), "--reviewer", "carla"]

    def assignee() -> str | None:
        con = duckdb.connect(str(flagged_db), read_only=True)
        try:
            row = con.execute(
                "SELECT assignee FROM review_state WHERE post_id = ?", [post]
            ).fetchone()
        finally:
            con.close()
        return row[0] if row else None

    status, out, _ = run(capsys, *base, "assign", post, "dana")
    assert status == 0 and out.strip().endswith(f"assign {post} to dana")
    assert assignee() == "dana"
    assert run(capsys, *base, "assign", post)[0] == 0  # a claim: assigned to oneself
    assert assignee() == "carla"
    before = snapshot(flagged_db)
    status, _, err = run(capsys, *base, "assign", "x:no-such-post", "dana")
    assert status == 2 and err.startswith("error: ") and "x:no-such-post" in err
    assert snapshot(flagged_db) == before


def test_query_list_and_run_csv(flagged_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(flagged_db), "query", "list")
    assert code == 0 and "flagged_unreviewed" in out
    code, out, err = run(
        capsys, "--db", str(flagged_db), "query", "run", "flagged_unreviewed", "--format", "csv"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("severity,rules,post_id")
    assert len(lines) - 1 == count(flagged_db, "SELECT count(DISTINCT post_id) FROM flags")
    code, _, err = run(
        capsys, "--db", str(flagged_db), "query", "run", "flagged_unreviewed", "-p", "max_rows", "x"
    )
    assert code == 2 and err.startswith("error: -p max_rows:")


def test_query_sql_refuses_writes(flagged_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(flagged_db)
    code, _, err = run(capsys, "--db", str(flagged_db), "query", "sql", "DELETE FROM posts")
    assert code == 2 and "read-only" in err
    assert snapshot(flagged_db) == before


def test_report_markdown_file(
    flagged_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "report.md"
    code, _, err = run(
        capsys, "--db", str(flagged_db), "report", "--format", "md", "-o", str(out_file)
    )
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Incident report")
    flagged = count(flagged_db, "SELECT count(DISTINCT post_id) FROM flags")
    assert f"- Incidents: {flagged}" in text
    assert "DE89370400440532013000" not in text.replace(" ", "")


def test_audit_verify_passes_then_catches_tampering(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = a_flagged_post(flagged_db, "personal_data")
    base = ["--db", str(flagged_db)]
    run(capsys, *base, "tag", post, "customer")
    run(capsys, *base, "decide", post, "escalated", "--escalate-to", "data_protection")
    code, out, _ = run(capsys, *base, "audit", "verify")
    assert code == 0 and "review log intact: 2 events" in out
    code, head, _ = run(capsys, *base, "audit", "head")
    assert head.startswith("2:")
    con = duckdb.connect(str(flagged_db))
    con.execute("UPDATE review_events SET reviewer = 'mallory' WHERE seq = 1")
    con.close()
    code, _, err = run(capsys, *base, "audit", "verify")
    assert code == 1
    assert err.strip() == "error: review_events seq 1: content does not match its hash"


def test_missing_path_is_a_one_line_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db), "import", "nowhere.zip")
    assert code == 2
    assert err == "error: nowhere.zip: no such file or directory\n"


def test_bad_input_leaves_database_exactly_as_it_was(
    flagged_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(flagged_db)
    good = sorted(p for p in (SAMPLES / "generic").iterdir() if p.suffix == ".csv")[0]
    truncated = tmp_path / "broken.zip"
    archive = tmp_path / "whole.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((SAMPLES / "x").rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(SAMPLES / "x").as_posix())
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    bad_csv = tmp_path / "latin1.csv"
    bad_csv.write_bytes("id,author,created_at,text\n1,a,2025-01-01,Gr\xfc\xdfe\n".encode("latin-1"))
    for bad in (truncated, bad_csv):
        code, _, err = run(capsys, "--db", str(flagged_db), "import", str(good), str(bad))
        assert code == 2, err
        assert err.startswith(f"error: {bad}") and err.count("\n") == 1
        assert snapshot(flagged_db) == before


def test_usage_errors_are_one_line_with_status_2(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db), "decide", "x:1", "finished")
    assert code == 2 and err.startswith("error: reviewer decide:") and err.count("\n") == 1
    code, _, err = run(capsys, "--db", str(db), "frobnicate")
    assert code == 2 and err.startswith("error: reviewer:")


def test_second_process_gets_in_use_error(flagged_db: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(flagged_db)!r}); "
            "print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "from reviewer.cli import main; main()",
                "--db",
                str(flagged_db),
                "tag",
                "x:1",
                "press",
            ],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 2
        assert proc.stderr == (
            f"error: {flagged_db}: in use by another reviewer process (pid {holder.pid})\n"
        )
    finally:
        holder.kill()
        holder.wait()


def test_demo_without_tui_builds_a_flagged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.duckdb"
    for _ in range(2):  # a second run starts fresh instead of piling up
        code, out, err = run(capsys, "demo", "--demo-db", str(demo), "--no-tui")
        assert code == 0, err
    assert count(demo, "SELECT count(DISTINCT platform) FROM posts") >= 2
    assert count(demo, "SELECT count(*) FROM flags") > 0
    assert count(demo, "SELECT count(*) FROM imports") == count(
        demo, "SELECT count(DISTINCT source) FROM imports"
    )
    assert "flagged" in out


def test_generic_import_with_column_map(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = tmp_path / "export.csv"
    theirs.write_text(
        "msg_id,user,when,message\n7,ann,2025-01-01T10:00:00Z,Projekt Polarstern startet\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", str(db), "import", str(theirs))
    assert code == 2 and err.startswith(f"error: {theirs}")
    mapped = ["--map", "msg_id=id", "--map", "user=author", "--map", "when=created_at"]
    code, out, err = run(
        capsys, "--db", str(db), "import", str(theirs), *mapped, "--map", "message=text"
    )
    assert code == 0, err
    assert "1 posts added" in out
    assert count(db, "SELECT count(*) FROM posts WHERE post_id = 'generic:7'") == 1
    code, _, err = run(capsys, "--db", str(db), "import", str(theirs), "--map", "broken")
    assert code == 2 and err.startswith("error: --map:")


def test_audit_verify_against_a_recorded_head(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = a_flagged_post(flagged_db, "confidential")
    base = ["--db", str(flagged_db)]
    for tag in ("press", "repeat", "legal-hold"):
        run(capsys, *base, "tag", post, tag)
    _, head, _ = run(capsys, *base, "audit", "head")
    head = head.strip()
    assert head.startswith("3:")
    run(capsys, *base, "note", post, "later work extends the chain")
    assert run(capsys, *base, "audit", "verify", "--head", head)[0] == 0
    con = duckdb.connect(str(flagged_db))
    con.execute("DELETE FROM review_events WHERE seq >= 3")  # cut the tail: still a valid chain
    con.close()
    assert run(capsys, *base, "audit", "verify")[0] == 0
    code, _, err = run(capsys, *base, "audit", "verify", "--head", head)
    assert code == 1 and err.startswith("error: review_events seq 3: missing")
    code, _, err = run(capsys, *base, "audit", "verify", "--head", "3:xyz")
    assert code == 2 and err.startswith("error: --head:")


def test_every_query_run_is_recorded_with_a_result_hash(
    flagged_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib

    from reviewer.store.queries import result_sha256

    base = ["--db", str(flagged_db), "--reviewer", "audra"]
    code, _, err = run(
        capsys,
        *base,
        "query",
        "run",
        "flagged_unreviewed",
        "-p",
        "min_severity",
        "high",
        "--format",
        "json",
    )
    assert code == 0
    shown = err.strip().rsplit(" ", 1)[-1]
    run(capsys, *base, "query", "sql", "SELECT count(*) AS n FROM posts")
    con = duckdb.connect(str(flagged_db), read_only=True)
    runs = con.execute(
        "SELECT reviewer, query_name, params, row_count, result_sha256, sql_sha256 "
        "FROM query_runs ORDER BY ran_at"
    ).fetchall()
    con.close()
    assert [(r[0], r[1]) for r in runs] == [("audra", "flagged_unreviewed"), ("audra", "sql")]
    assert '"min_severity": "high"' in runs[0][2]
    assert runs[0][4] == shown
    assert runs[1][3] == 1
    assert runs[1][5] == hashlib.sha256(b"SELECT count(*) AS n FROM posts").hexdigest()
    posts = count(flagged_db, "SELECT count(*) FROM posts")
    assert runs[1][4] == result_sha256(["n"], [(posts,)])


def test_as_of_shows_the_review_state_as_it_was(
    flagged_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    post = a_flagged_post(flagged_db, "confidential")
    base = ["--db", str(flagged_db)]
    run(capsys, *base, "decide", post, "escalated", "--escalate-to", "legal")
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    run(capsys, *base, "decide", post, "resolved", "--disposition", "violation_legal")
    state_sql = f"SELECT status FROM review_state WHERE post_id = '{post}'"
    assert run(capsys, *base, "query", "sql", state_sql, "--format", "csv")[1] == (
        "status\nresolved\n"
    )
    code, out, err = run(
        capsys, *base, "query", "sql", state_sql, "--format", "csv", "--as-of", moment
    )
    assert code == 0, err
    assert out == "status\nescalated\n"
    assert (
        run(capsys, *base, "query", "sql", state_sql, "--as-of", "2000-01-01")[1].count("new") == 1
    )
    report = tmp_path / "then.md"
    run(capsys, *base, "report", "-o", str(report), "--as-of", moment, "--status", "escalated")
    text = report.read_text(encoding="utf-8")
    assert "- Incidents: 1" in text and "Review log head: seq 1," in text
    code, _, err = run(capsys, *base, "report", "--as-of", "yesterday")
    assert code == 2 and err.startswith("error: --as-of:")


def test_flag_says_what_a_policy_change_reran(
    flagged_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reviewer.flags.policy import DEFAULT_POLICY_PATH

    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    text = text.replace('"Nordlicht-Vertrag"]', '"Nordlicht-Vertrag", "Projekt Seestern"]', 1)
    text = text.replace(
        '[rules.profanity]  # implemented / umgesetzt\nseverity = "low"',
        ('[rules.profanity]  # implemented / umgesetzt\nseverity = "medium"'),
        1,
    )
    policy = tmp_path / "policy.toml"
    policy.write_text(text, encoding="utf-8")
    posts = count(flagged_db, "SELECT count(*) FROM posts")
    code, out, err = run(capsys, "--db", str(flagged_db), "flag", "--policy", str(policy))
    assert code == 0, err
    assert (
        f"policy changed: confidential re-run on {posts:,} posts; severity of profanity re-graded"
        in out
    )
