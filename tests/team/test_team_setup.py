"""Team set-up: init, a missing catalog, a wrong target, maintenance, config file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from reviewer import config
from reviewer.cli import main
from reviewer.review import ReviewService
from reviewer.store import Store
from reviewer.store.team import ddl
from tests.conftest import make_posts


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_ddl_for_ducklake_drops_only_the_constraints() -> None:
    sql = """
    -- a comment with CHECK (x) in it
    CREATE TABLE t (
        a TEXT PRIMARY KEY,
        b TEXT NOT NULL CHECK (b IN ('x', 'y') AND length(b) > (0)),
        c INTEGER NOT NULL DEFAULT 0 UNIQUE,
        PRIMARY KEY (a, c)
    );
    CREATE UNIQUE INDEX i ON t (b);
    """
    out = ddl(sql)
    for gone in ("PRIMARY", "CHECK", "UNIQUE", "INDEX", "comment"):
        assert gone not in out
    assert "b TEXT NOT NULL," in out and "c INTEGER NOT NULL DEFAULT 0\n" in out
    con = duckdb.connect()
    con.execute(out)  # still valid SQL
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_uninitialised_catalog_is_a_clear_error(
    team_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import psycopg

    store_target = team_target

    missing = store_target + "_none"
    code, _, err = run(capsys, "--db", missing, "stats")
    assert code == 2 and "cannot connect to PostgreSQL" in err and "does not exist" in err
    dsn = store_target.removeprefix("ducklake:postgres:")
    with psycopg.connect(dsn, autocommit=True) as pg:
        pg.execute("DROP TABLE ducklake_metadata CASCADE")
    code, _, err = run(capsys, "--db", store_target, "stats")
    assert code == 2 and "run `reviewer team init` first" in err


def test_team_init_creates_database_and_catalog(
    store_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not store_target.startswith("ducklake:"):
        code, _, err = run(capsys, "--db", store_target, "team", "init")
        assert code == 2 and "is not a team target" in err
        return
    import psycopg

    fresh = store_target + "_init"
    dsn = fresh.removeprefix("ducklake:postgres:")
    data = tmp_path / "shared"
    try:
        code, out, err = run(capsys, "--db", fresh, "--data-path", str(data), "team", "init")
        assert code == 0, err
        assert "database and catalog created, schema version" in out
        code, out, _ = run(capsys, "--db", fresh, "team", "init")
        assert code == 0 and "catalog already there" in out
        code, out, err = run(capsys, "--db", fresh, "stats")
        assert code == 0, err
    finally:
        name = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
        admin = psycopg.conninfo.make_conninfo(dsn, dbname="postgres")
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_maintenance_keeps_every_event_and_the_chain(
    team_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(team_target)
    store.import_posts(
        source="fixture", sha256="0" * 64, platform="x", posts=make_posts(), imported_by="t"
    )
    svc = ReviewService(store, "alice")
    for i in range(30):
        svc.tag("x:1000", f"t{i % 3}") if i % 2 else svc.note("x:1001", f"note {i}")
    before = list(store.events())
    head = svc.verify()
    target = store.path
    store.close()
    code, out, err = run(capsys, "--db", target, "team", "maintain", "--keep-days", "0")
    assert code == 0, err
    snapshots = out.split(",")[0].split()
    assert int(snapshots[-1]) < int(snapshots[1])  # "snapshots N -> M"
    with Store.open(target) as again:
        assert list(again.events()) == before
        after = ReviewService(again, "alice").verify()
        assert after.ok and (after.head_seq, after.head_hash) == (head.head_seq, head.head_hash)
        assert again.state("x:1000")["tags"] == ["t0", "t1", "t2"]
        ReviewService(again, "bob").tag("x:1000", "after")  # still writable
        assert ReviewService(again, "bob").verify().ok


def test_config_file_sets_target_and_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    db = tmp_path / "from-config.duckdb"
    path.write_text(f'db = "{db}"\nreviewer = "carol"\n', encoding="utf-8")
    monkeypatch.setenv("REVIEWER_CONFIG", str(path))
    monkeypatch.delenv("REVIEWER_DB", raising=False)
    monkeypatch.delenv("REVIEWER_NAME", raising=False)
    assert config.database_target(None) == str(db)
    assert config.reviewer_name(None) == "carol"
    assert config.database_target("other.duckdb") == "other.duckdb"
    code, _, err = run(capsys, "stats")  # the CLI reads the target from the file
    assert code == 2 and err.startswith(f"error: {db}: no such database")
    bad = tmp_path / "bad.toml"
    bad.write_text('dbb = "x"\n', encoding="utf-8")
    monkeypatch.setenv("REVIEWER_CONFIG", str(bad))
    code, _, err = run(capsys, "stats")
    assert code == 2 and err.startswith(f"error: {bad}: unknown setting 'dbb'")
