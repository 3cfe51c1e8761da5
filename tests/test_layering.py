"""The core stays headless: importing it never loads textual."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "reviewer.importers",
    "reviewer.store",
    "reviewer.flags.engine",
    "reviewer.review",
    "reviewer.reports",
    "reviewer.workflow",
    "reviewer.cli",
]


def test_core_and_cli_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
