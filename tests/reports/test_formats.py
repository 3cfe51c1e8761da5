"""HTML, CSV, JSON and Parquet reports: same incidents, hostile text inert, data masked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from reviewer.model import Evidence, Flag, Severity
from reviewer.reports import build_report
from reviewer.reports.html import render_html
from reviewer.reports.tabular import render_report_csv, render_report_json, write_report_parquet
from reviewer.store import Store


def flag_hostile(store: Store) -> None:
    """Flag the post holding <script> too, so every hostile text is in the report."""
    store.write_flags(
        ["x:1002"],
        [
            Flag(
                "x:1002", "confidential", Severity.MEDIUM, 0.8, [Evidence(0, 5, "Grüße", "t")], "v1"
            )
        ],
        "v1",
    )


def test_html_is_self_contained_and_escapes_post_text(store: Store) -> None:
    flag_hostile(store)
    page = render_html(build_report(store, generated_by="<b>auditor</b>"))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;auditor&lt;/b&gt;" in page
    assert "src=" not in page and "<link" not in page and "@import" not in page
    assert "jane.doe@example.com" not in page
    assert "<mark>Projekt Polarstern</mark>" in page
    assert page.count('<section class="incident"') == 4


def test_csv_neutralises_formulas_and_masks(store: Store) -> None:
    text = render_report_csv(build_report(store, generated_by="a"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["post_id"] for r in rows] == ["x:1000", "x:1001", "x:1003"]
    formula = rows[2]["excerpt"]
    assert formula.startswith("'=HYPERLINK")
    assert "jane.doe" not in text and "j***@example.com" in rows[1]["excerpt"]


def test_json_and_parquet_carry_the_same_incidents(store: Store, tmp_path: Path) -> None:
    model = build_report(store, generated_by="a")
    data = json.loads(render_report_json(model))
    assert [i["post_id"] for i in data["incidents"]] == ["x:1000", "x:1001", "x:1003"]
    assert data["review_log_head"]["seq"] == 0
    assert data["incidents"][0]["flags"][0]["rule"] == "confidential"
    out = tmp_path / "r.parquet"
    write_report_parquet(model, out)
    table = pq.read_table(out)
    assert table.column("post_id").to_pylist() == ["x:1000", "x:1001", "x:1003"]
    assert "jane.doe" not in " ".join(table.column("excerpt").to_pylist())
