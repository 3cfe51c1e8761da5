"""``manifest.json``: what a delivered report consists of, and the checks against it.

The manifest lists each report file with its SHA-256 and size, the review-log chain head the
report was made at, and the parameters it was generated with. ``verify_files`` finds changed,
missing and extra files; ``verify_against_store`` proves the recorded head is still part of a
log that verifies.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.reports.model import Report
from reviewer.review.chain import GENESIS, verify_chain
from reviewer.store import Store

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(report: Report, files: list[Path], parameters: dict[str, Any]) -> dict:
    """The manifest of ``files`` (all in one folder) written for ``report``."""
    seq, head = report.chain_head
    return {
        "manifest_version": MANIFEST_VERSION,
        "report_id": report.report_id,
        "generated_at": report.generated_at.isoformat(),
        "generated_by": report.generated_by,
        "tool_version": report.tool_version,
        "review_log_head": {"seq": seq, "hash": head},
        "incidents": len(report.incidents),
        "personal_data": "unmasked" if report.unmasked else "masked",
        "parameters": parameters,
        "files": {
            f.name: {"sha256": file_sha256(f), "bytes": f.stat().st_size}
            for f in sorted(files, key=lambda p: p.name)
        },
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> Path:
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a delivered report folder; bad input is an InputError (exit 2)."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise InputError(str(folder), "no such report folder")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no manifest.json in the report folder") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"unreadable manifest: {exc}") from None
    head = data.get("review_log_head") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("files"), dict)
        or not isinstance(head, dict)
        or not isinstance(head.get("seq"), int)
        or not isinstance(head.get("hash"), str)
    ):
        raise InputError(str(path), "not a report manifest (files or review_log_head missing)")
    return data


def verify_files(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """Problems with the files of ``folder`` against ``manifest``, one phrase each."""
    problems = []
    listed: dict[str, Any] = manifest["files"]
    for name, entry in sorted(listed.items()):
        path = folder / name
        if Path(name).name != name:
            problems.append(f"{name}: not a plain file name")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif file_sha256(path) != str(entry.get("sha256", "")).lower():
            problems.append(f"{name}: changed (SHA-256 differs)")
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST and path.name not in listed:
            problems.append(f"{path.name}: extra file, not in the manifest")
    return problems


def verify_against_store(store: Store, manifest: dict[str, Any]) -> list[str]:
    """Problems with the database: the recorded head must still be in a log that verifies."""
    problems = []
    seq = int(manifest["review_log_head"]["seq"])
    recorded = str(manifest["review_log_head"]["hash"]).lower()
    result = verify_chain(store.events(), store.recompute_text_hashes())
    if not result.ok:
        problems.append(f"review log seq {result.bad_seq}: {result.reason}")
    if seq == 0:
        if recorded != GENESIS:
            problems.append("review log head seq 0: hash is not the genesis hash")
    else:
        event = store.event(seq)
        if event is None:
            problems.append(
                f"review log seq {seq}: missing (the log ends at seq {result.head_seq}); "
                "events were removed since the report"
            )
        elif event["hash"] != recorded:
            problems.append(f"review log seq {seq}: hash differs from the report's chain head")
    return problems
