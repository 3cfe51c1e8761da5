"""The real `reviewer review` in a pseudo-terminal: tag a post, copy a response, quit.

tmux gives the command a real pseudo-terminal and keeps the rendered screen,
so the test reads what a reviewer would see (``capture-pane``) rather than
the raw escape sequences, in which Textual interleaves text with cursor
moves. With ``set-clipboard on``, tmux takes the OSC 52 sequence that
``App.copy_to_clipboard`` sends and keeps the text in a paste buffer, which
proves the copy went out to the terminal. A private tmux server (``-L``) keeps
the user's own sessions out of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tui_support import seed

from reviewer.store import Store

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux for a real pty")


class Terminal:
    """One command in a detached 120×40 tmux pane on a private server."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, what: str | Callable[[str], bool], timeout: float = TIMEOUT) -> str:
        """The screen, once it contains ``what`` (or ``what(screen)`` holds)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if (what in screen) if isinstance(what, str) else what(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what!r}; the screen was:\n{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal(f"reviewer-test-{uuid.uuid4().hex[:8]}")
    yield term
    subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True)


def test_tag_in_a_real_terminal_lands_in_the_database(terminal: Terminal, tmp_path: Path) -> None:
    db = tmp_path / "pty.duckdb"
    status = tmp_path / "exit-status"
    with Store.open(db) as store:
        seed(store)
    # Without COLUMNS and LINES (pytest's environment can carry 80×24), the app
    # asks the pty for its size, as in a reviewer's terminal.
    command = (
        f"env -u COLUMNS -u LINES {sys.executable} -c 'from reviewer.cli import main; main()' "
        f"--db {db} review; echo $? > {status}; sleep 600"
    )
    terminal.tmux(
        "new-session", "-d", "-s", "t", "-x", "120", "-y", "40",
        "-e", f"PYTHONPATH={REPO}", "-e", "REVIEWER_NAME=pty-tester", command,
    )  # fmt: skip
    terminal.tmux("set-option", "-s", "set-clipboard", "on")

    terminal.wait_for("reviewing as pty-tester")
    terminal.wait_for("Projekt Polarstern ships in Q3")  # the first post in the detail pane
    terminal.keys("1")  # the default policy's first tag
    screen = terminal.wait_for("Tagged needs-context")
    assert "needs-context" in screen
    terminal.keys("p")  # the first post is confidential, in English: one response fits
    terminal.wait_for("Pre-approved responses")
    terminal.keys("1")
    terminal.wait_for("Copied response confidential_no_comment_en")
    copied = terminal.tmux("show-buffer")
    terminal.keys("q")
    deadline = time.monotonic() + TIMEOUT
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    # Textual draws on stderr, so a traceback would be on the screen.
    assert status.read_text().strip() == "0", terminal.screen()
    assert "Traceback" not in terminal.screen()
    with Store.open(db, read_only=True) as store:
        state = store.state("x:1")
        notes = [e["payload"]["text"] for e in store.events("x:1") if e["action"] == "note"]
    assert state["tags"] == ["needs-context"]
    assert state["last_reviewer"] == "pty-tester"
    assert copied.startswith("Nordwind Energie does not comment on rumours.")
    assert notes == [f"Copied pre-approved response confidential_no_comment_en (en): {copied}"]
