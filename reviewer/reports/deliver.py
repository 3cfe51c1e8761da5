"""Delivering a report: where the files go, the unmask record, rendering, the manifest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from reviewer.errors import InputError
from reviewer.reports.build import build_report, select_posts
from reviewer.reports.manifest import build_manifest, write_manifest
from reviewer.reports.model import MASKED_RULES, Filters, Report
from reviewer.store import Store

BASENAME = "incident-report"
EXTENSIONS = {
    "md": "md",
    "html": "html",
    "csv": "csv",
    "json": "json",
    "parquet": "parquet",
    "pdf": "pdf",
}


@dataclass(slots=True)
class Delivery:
    """What the user asked for."""

    db: str
    reviewer: str
    filters: Filters
    formats: list[str]
    out: str | None = None  # as typed: a trailing / means a folder
    as_of: datetime | None = None
    unmask: bool = False
    generated_at: datetime | None = None


@dataclass(slots=True)
class Delivered:
    """What was written: text for stdout, or files and their manifest."""

    incidents: int
    head: str
    text: str | None = None
    files: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    unmask_event: int | None = None


def targets(given: str, formats: list[str]) -> dict[str, Path]:
    """Format → file: into a folder (existing, ending in /, or several formats), else ``out``."""
    out = Path(given)
    as_folder = out.is_dir() or given.endswith(("/", os.sep)) or len(formats) > 1
    if as_folder:
        if out.exists() and not out.is_dir():
            raise InputError(str(out), "is a file; several formats need a folder")
        return {fmt: out / f"{BASENAME}.{EXTENSIONS[fmt]}" for fmt in formats}
    if not out.parent.is_dir():
        raise InputError(str(out), f"no such folder {out.parent}")
    return {formats[0]: out}


def render(report: Report, fmt: str, path: Path | None) -> str | None:
    """Render ``report`` as ``fmt``: text formats return their text unless ``path`` is given."""
    from reviewer.reports import tabular
    from reviewer.reports.html import render_html
    from reviewer.reports.markdown import render_markdown

    if fmt == "parquet":
        assert path is not None
        tabular.write_report_parquet(report, path)
        return None
    if fmt == "pdf":
        from reviewer.reports.pdf import write_pdf

        assert path is not None
        write_pdf(report, path)
        return None
    text = {
        "md": render_markdown,
        "html": render_html,
        "csv": tabular.render_report_csv,
        "json": tabular.render_report_json,
    }[fmt](report)
    if path is None:
        return text
    path.write_bytes(text.encode("utf-8"))
    return None


def _masked_posts(store: Store, ids: list[str]) -> list[str]:
    """The posts among ``ids`` whose text holds masked evidence."""
    if not ids:
        return []
    store.con.register("unmask_ids", pa.table({"post_id": pa.array(ids, pa.string())}))
    try:
        rows = store.con.execute(
            "SELECT DISTINCT f.post_id FROM flags f JOIN unmask_ids USING (post_id) "
            "WHERE list_contains(?, f.rule) ORDER BY f.post_id",
            [sorted(MASKED_RULES)],
        ).fetchall()
    finally:
        store.con.unregister("unmask_ids")
    return [r[0] for r in rows]


def _record_unmask(d: Delivery, parameters: dict) -> int:
    """Append the unmask event before the report exists: no record, no unmasked report."""
    from reviewer.review import ReviewService

    with Store.open(d.db, read_only=True, as_of=d.as_of) as store:
        posts = _masked_posts(store, select_posts(store, d.filters))
    with Store.open(d.db) as store:
        event = ReviewService(store, d.reviewer).record_report_unmask(
            {"report": parameters, "posts": posts}
        )
    return int(event["seq"])


def deliver(d: Delivery) -> Delivered:
    """Build, render and write the report; with ``out`` also write manifest.json."""
    files = targets(d.out, d.formats) if d.out is not None else {}
    if "pdf" in d.formats:
        from reviewer.reports.pdf import check_available

        check_available()
    parameters = {
        **d.filters.as_dict(),
        "as_of": d.as_of.isoformat() if d.as_of else None,
        "unmask": d.unmask,
        "formats": d.formats,
        "database": d.db,
    }
    unmask_event = _record_unmask(d, parameters) if d.unmask else None
    with Store.open(d.db, read_only=True, as_of=d.as_of) as store:
        report = build_report(
            store,
            generated_by=d.reviewer,
            filters=d.filters,
            generated_at=d.generated_at,
            as_of=d.as_of,
            unmask=d.unmask,
        )
    seq, head = report.chain_head
    done = Delivered(len(report.incidents), f"{seq}:{head}", unmask_event=unmask_event)
    if d.out is None:
        done.text = render(report, d.formats[0], None)
        return done
    folder = next(iter(files.values())).parent
    folder.mkdir(parents=True, exist_ok=True)
    for fmt, path in files.items():
        render(report, fmt, path)
        done.files.append(path)
    done.manifest = write_manifest(folder, build_manifest(report, done.files, parameters))
    return done
