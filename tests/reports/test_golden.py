"""Reports of a small fixed database compared with reviewed golden files, format by format.

After an intended change, regenerate with ``REVIEWER_UPDATE_GOLDEN=1 pytest tests/reports``
and review the diff of tests/reports/golden/ like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from reviewer.reports import build_report
from reviewer.reports.deliver import render
from reviewer.reports.model import Filters, Report
from reviewer.store import Store
from tests.reports import golden_db

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("REVIEWER_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def golden_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return golden_db.build(tmp_path_factory.mktemp("golden") / "golden.duckdb")


def _report(path: Path, filters: Filters | None = None) -> Report:
    with Store.open(path, read_only=True) as store:
        report = build_report(
            store,
            generated_by="auditor",
            filters=filters or Filters(),
            generated_at=golden_db.GENERATED_AT,
        )
    report.tool_version = "TEST"  # goldens do not change with the package version
    return report


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from the golden file (see module docstring)"


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_text_formats_match_golden_files(golden_path: Path, fmt: str) -> None:
    text = render(_report(golden_path), fmt, None)
    assert text is not None
    _compare(f"incident-report.{fmt}", text)


def test_parquet_matches_golden_rows(golden_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.parquet"
    render(_report(golden_path), "parquet", out)
    table = pq.read_table(out)
    dump = {
        "schema": [f"{f.name}: {f.type}" for f in table.schema],
        "rows": [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
            for row in table.to_pylist()
        ],
    }
    _compare("incident-report.parquet.json", json.dumps(dump, indent=2, ensure_ascii=False) + "\n")


def test_filtered_report_matches_golden(golden_path: Path) -> None:
    filters = Filters(rules=("confidential",), platforms=("x", "facebook"), authors=("@Hans",))
    text = render(_report(golden_path, filters), "md", None)
    assert text is not None
    _compare("filtered.md", text)


def test_golden_database_is_what_the_goldens_claim(golden_path: Path) -> None:
    """The fixture itself: a verifying chain, every flagged post reported, severity order."""
    report = _report(golden_path)
    assert report.chain_check["ok"] and report.chain_check["checked"] == len(golden_db.EVENTS)
    assert [i.post_id for i in report.incidents] == [
        "x:1",
        "linkedin:2",
        "mastodon:3",
        "facebook:5",
        "x:4",
    ]
