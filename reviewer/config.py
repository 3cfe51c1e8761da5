"""Settings: which database, which reviewer, which policy."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

DEFAULT_DB = "reviewer.duckdb"


def database_target(option: str | None) -> str:
    """``--db``, else ``$REVIEWER_DB``, else ``./reviewer.duckdb``."""
    return option or os.environ.get("REVIEWER_DB") or DEFAULT_DB


def reviewer_name(option: str | None) -> str:
    """``--reviewer``, else ``$REVIEWER_NAME``, else the operating-system user."""
    if option:
        return option
    if os.environ.get("REVIEWER_NAME"):
        return os.environ["REVIEWER_NAME"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def policy_path(option: str | None, db: str) -> Path | None:
    """``--policy``, else ``policy.toml`` beside the database, else None (the default pack)."""
    if option:
        return Path(option)
    beside = Path(db).resolve().parent / "policy.toml"
    return beside if beside.is_file() else None
