"""Key bindings remapped from the config file's [keymap] reach the review TUI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reviewer.cli import main
from reviewer.paths import shipped_dir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("REVIEWER_CONFIG", str(path))
    return path


def test_keys_lists_bindings_and_shows_config_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(tmp_path, monkeypatch, '[keymap]\nresolve = "R"\n')
    status, out, _ = run(capsys, "keys")
    assert status == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "R (config)" in lines["resolve"]
    assert " e " in lines["escalate"] + " "  # untouched bindings keep their default key


def test_review_passes_the_config_keymap_to_the_tui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(tmp_path, monkeypatch, '[keymap]\n"tag-1" = "f1"\nundo = "ctrl+z"\n')
    db = tmp_path / "r.duckdb"
    assert run(capsys, "--db", str(db), "import", str(shipped_dir("sample_exports") / "x"))[0] == 0
    seen: dict[str, Any] = {}

    class FakeApp:
        def run(self) -> None:
            seen["ran"] = True

    def fake_make_app(*args: Any, **kwargs: Any) -> FakeApp:
        seen.update(kwargs)
        return FakeApp()

    monkeypatch.setattr("reviewer.tui.app.make_app", fake_make_app)
    status, _, err = run(capsys, "--db", str(db), "review")
    assert status == 0, err
    assert seen["ran"]
    assert seen["keymap"] == {"tag-1": "f1", "undo": "ctrl+z"}


def test_unknown_binding_in_config_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(tmp_path, monkeypatch, '[keymap]\nresolv = "R"\n')
    db = tmp_path / "r.duckdb"
    assert run(capsys, "--db", str(db), "import", str(shipped_dir("sample_exports") / "x"))[0] == 0
    status, _, err = run(capsys, "--db", str(db), "review")
    assert status == 2
    assert err.startswith("error: keymap: resolv:") and len(err.strip().splitlines()) == 1


def test_malformed_keymap_names_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, monkeypatch, "keymap = 3\n")
    status, _, err = run(capsys, "keys")
    assert status == 2
    assert err.startswith(f"error: {path}: keymap must be a table")
