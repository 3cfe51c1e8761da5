"""Settings: which database, which reviewer, which policy.

Each setting comes from its command-line option, else its environment
variable, else the config file, else a default. The config file is TOML:
``$REVIEWER_CONFIG`` if set, else ``$XDG_CONFIG_HOME/reviewer/config.toml``
(``~/.config/reviewer/config.toml``)::

    db = "ducklake:postgres:dbname=reviewer host=db.example.internal"
    data_path = "/srv/reviewer-data"
    reviewer = "alice"

    [keymap]            # binding id = key(s); `reviewer keys` lists the ids
    "tag-1" = "f1"
    resolve = "R,ctrl+r"
"""

from __future__ import annotations

import getpass
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from reviewer.errors import InputError

DEFAULT_DB = "reviewer.duckdb"
_KEYS = ("db", "data_path", "reviewer")


def config_file() -> Path:
    """Where the config file is read from (it need not exist)."""
    configured = os.environ.get("REVIEWER_CONFIG")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "reviewer" / "config.toml"


@cache
def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"not a readable config file: {exc}") from None
    for key, value in data.items():
        if key == "keymap":
            _check_keymap(path, value)
            continue
        if key not in _KEYS:
            known = ", ".join((*_KEYS, "[keymap]"))
            raise InputError(str(path), f"unknown setting {key!r} (known: {known})")
        if not isinstance(value, str) or not value.strip():
            raise InputError(str(path), f"{key} must be a non-empty string")
    return data


def _check_keymap(path: Path, value: Any) -> None:
    if not isinstance(value, dict):
        raise InputError(str(path), "keymap must be a table of binding id = key")
    for binding_id, keys in value.items():
        if not isinstance(keys, str) or not keys.strip():
            raise InputError(str(path), f"keymap.{binding_id} must be a non-empty key string")


def keymap() -> dict[str, str]:
    """The config file's ``[keymap]``: binding id to key(s), comma-separated."""
    return dict(_read(config_file()).get("keymap", {}))


def file_setting(key: str) -> str | None:
    """One setting of the config file, or None."""
    return _read(config_file()).get(key)


def database_target(option: str | None) -> str:
    """``--db``, else ``$REVIEWER_DB``, else the config file's ``db``, else ``./reviewer.duckdb``.

    A target is a DuckDB file, or a team lakehouse: ``ducklake:postgres:<conninfo>``.
    """
    return option or os.environ.get("REVIEWER_DB") or file_setting("db") or DEFAULT_DB


def data_path(option: str | None) -> str | None:
    """``--data-path``, else ``$REVIEWER_DATA_PATH``, else the config file's ``data_path``.

    Only team targets use it: the shared folder of the lakehouse's data files.
    None means the folder the catalog recorded at ``reviewer team init``.
    """
    return option or os.environ.get("REVIEWER_DATA_PATH") or file_setting("data_path")


def reviewer_name(option: str | None) -> str:
    """``--reviewer``, else ``$REVIEWER_NAME``, else the config file, else the OS user."""
    if option:
        return option
    if os.environ.get("REVIEWER_NAME"):
        return os.environ["REVIEWER_NAME"]
    configured = file_setting("reviewer")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def policy_path(option: str | None, db: str) -> Path | None:
    """``--policy``, else ``policy.toml`` beside the database file, else None (the default pack).

    A team lakehouse has no folder of its own: ``policy.toml`` in the working
    directory is used.
    """
    if option:
        return Path(option)
    folder = Path.cwd() if db.startswith("ducklake:") else Path(db).resolve().parent
    beside = folder / "policy.toml"
    return beside if beside.is_file() else None
