"""`reviewer report` end to end: filters, files and manifest, `report verify`, `--unmask`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.store import Store
from tests.reports import golden_db


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return golden_db.build(tmp_path / "golden.duckdb")


@pytest.fixture
def target(store_target: str) -> str:
    """The golden database as a DuckDB file and as a team lakehouse."""
    return str(golden_db.build(store_target))


def _sql(db: Path | str, sql: str, params: list | None = None) -> list[tuple]:
    with Store.open(db) as store:
        return store.con.execute(sql, params or []).fetchall()


def _ids(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> list[str]:
    code, out, err = run(capsys, "--db", str(db), "report", "--format", "json", *args)
    assert code == 0, err
    return [i["post_id"] for i in json.loads(out)["incidents"]]


def test_filters_narrow_the_report(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _ids(capsys, db)
    assert len(everything) == 5
    assert _ids(capsys, db, "--rule", "profanity") == ["mastodon:3", "x:4"]
    assert _ids(capsys, db, "--rule", "profanity", "--min-severity", "medium") == ["mastodon:3"]
    assert _ids(capsys, db, "--platform", "x") == ["x:1", "x:4"]
    assert _ids(capsys, db, "--platform", "x", "--platform", "facebook") == [
        "x:1",
        "facebook:5",
        "x:4",
    ]
    assert _ids(capsys, db, "--author", "@Lena_Nordwind") == ["x:1", "x:4"]
    assert _ids(capsys, db, "--tag", "press") == ["x:1"]
    assert _ids(capsys, db, "--tag", "review-later") == []  # that tag was undone
    assert _ids(capsys, db, "--status", "escalated") == ["linkedin:2"]
    assert _ids(capsys, db, "--since", "2026-03-04", "--until", "2026-03-05") == [
        "mastodon:3",
        "x:4",
    ]
    # a value that would break string-built SQL is only ever a bound parameter
    assert _ids(capsys, db, "--author", "x' OR '1'='1") == []


def test_old_usage_still_writes_one_file_now_with_a_manifest(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "report.md"
    out.parent.mkdir()
    code, _, err = run(capsys, "--db", str(db), "report", "--format", "md", "-o", str(out))
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("# Incident report")
    manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["files"]) == ["report.md"]
    assert manifest["review_log_head"]["seq"] == len(golden_db.EVENTS)
    code, out_text, err = run(capsys, "--db", str(db), "report", "verify", str(out.parent))
    assert code == 0, err
    assert "1 files match manifest.json; review log verifies" in out_text


def test_verify_names_changed_missing_and_extra_files(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "delivery"
    code, _, err = run(capsys, "--db", str(db), "report", "--format", "all", "-o", str(folder))
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "incident-report.csv",
        "incident-report.html",
        "incident-report.json",
        "incident-report.md",
        "incident-report.parquet",
        "incident-report.pdf",
        "manifest.json",
    ]
    assert run(capsys, "--db", str(db), "report", "verify", str(folder))[0] == 0
    with (folder / "incident-report.csv").open("a", encoding="utf-8") as fh:
        fh.write("x:9,critical\n")
    (folder / "incident-report.pdf").unlink()
    (folder / "notes.txt").write_text("added later", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "report", "verify", "--files-only", str(folder))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"error: {folder}: ")
    assert "incident-report.csv: changed" in err
    assert "incident-report.pdf: missing" in err
    assert "notes.txt: extra file" in err
    assert "incident-report.md" not in err


def test_verify_checks_the_database_still_holds_the_head(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = target
    folder = tmp_path / "delivery"
    assert run(capsys, "--db", str(db), "report", "-o", f"{folder}/")[0] == 0
    assert (folder / "incident-report.md").is_file()
    last = len(golden_db.EVENTS)
    _sql(db, "DELETE FROM review_events WHERE seq = ?", [last])  # cut off the newest event
    code, _, err = run(capsys, "--db", str(db), "report", "verify", str(folder))
    assert code == 1 and f"review log seq {last}: missing" in err
    _sql(db, "UPDATE review_events SET reviewer = 'mallory' WHERE seq = 2")
    code, _, err = run(capsys, "--db", str(db), "report", "verify", str(folder))
    assert code == 1 and "review log seq 2: content does not match its hash" in err


def test_unmask_is_explicit_and_recorded_in_the_chain(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = target
    masked = run(capsys, "--db", str(db), "report")[1]
    assert "jane.doe@example.com" not in masked and "j\\*\\*\\*@example.com" in masked
    states_before = _sql(db, "SELECT * FROM review_state ORDER BY post_id")
    folder = tmp_path / "unmasked"
    code, _, err = run(
        capsys,
        "--db",
        str(db),
        "--reviewer",
        "dpo",
        "report",
        "--unmask",
        "--rule",
        "personal_data",
        "-o",
        f"{folder}/",
    )
    assert code == 0, err
    unmask_seq = len(golden_db.EVENTS) + 1
    assert f"recorded as review event #{unmask_seq}" in err
    text = (folder / "incident-report.md").read_text(encoding="utf-8")
    assert "jane.doe@example.com" in text and "+49 170 1234567" in text
    assert "UNMASKED" in text
    [(seq, reviewer, post_id, payload)] = _sql(
        db,
        "SELECT seq, reviewer, post_id, payload FROM review_events "
        "WHERE action = 'report_unmasked'",
    )
    payload = json.loads(payload)
    assert (seq, reviewer, post_id) == (unmask_seq, "dpo", "")
    assert payload["posts"] == ["linkedin:2"]
    assert payload["report"]["rules"] == ["personal_data"] and payload["report"]["unmask"]
    # the event is in the chain, the report's head includes it, no review state changed
    assert run(capsys, "--db", str(db), "audit", "verify")[0] == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["review_log_head"]["seq"] == unmask_seq
    assert manifest["personal_data"] == "unmasked"
    assert _sql(db, "SELECT * FROM review_state ORDER BY post_id") == states_before
    assert "report_unmasked" in text  # the audit extract shows the unmasking


def test_bad_report_arguments_exit_2_and_change_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _sql(db, "SELECT count(*) FROM review_events")
    base = ["--db", str(db), "report"]
    for args, where in (
        (["--format", "parquet"], "error: --format parquet: needs -o PATH"),
        (["--format", "md", "--format", "html"], "error: --format: several formats need -o"),
        (["--rule", "nonsense"], "error: reviewer report: Invalid value for '--rule'"),
        (["--since", "2026-03-09", "--until", "2026-03-01"], "error: --since: is after"),
        (["--unmask", "-o", str(tmp_path / "no" / "such.md")], "error: "),
    ):
        code, _, err = run(capsys, *base, *args)
        assert code == 2 and err.startswith(where), (args, err)
        assert err.count("\n") == 1
    code, _, err = run(capsys, *base, "verify", str(tmp_path))
    assert code == 2 and "no manifest.json" in err
    assert _sql(db, "SELECT count(*) FROM review_events") == events
