"""What the TUI tests share: hostile posts to seed a store with, and waiting helpers."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.store import Store

TAGS = ["urgent", "legal-hold", "customer"]
REVIEWER = "alice"

LONG = ("Nordwind " + "sehr " * 60 + "langweilig und verdammt teuer ") * 3


def _post(native_id: str, day: int, text: str, **extra: object) -> Post:
    return Post(
        platform=str(extra.pop("platform", "x")),
        native_id=native_id,
        kind="post",
        author=str(extra.pop("author", f"user{native_id}")),
        created_at=datetime(2024, 5, day, 9, 30, tzinfo=UTC),
        text=text,
        url=f"https://x.example/status/{native_id}",
        lang=str(extra.pop("lang", "en")),
    )


# (post, rule, severity, evidence substring, why); None: a post with no flag.
HOSTILE: list[tuple[Post, str, Severity, str, str] | tuple[Post, None, None, None, None]] = [
    (
        _post("1", 1, "Leak: Projekt Polarstern ships in Q3 [bold]not markup[/bold] pw=hunter2"),
        "confidential",
        Severity.CRITICAL,
        "Projekt Polarstern",
        "confidential code name",
    ),
    (
        _post("2", 2, "[link=https://evil.example]claim your refund[/link] now 👩‍💻 [red]x[/red]"),
        "suspicious_link",
        Severity.HIGH,
        "https://evil.example",
        "link to an unknown domain",
    ),
    (
        _post(
            "3", 3, "Nordwind Energie ist völlig überteuert, großer Ärger für Kunden!", lang="de"
        ),
        "brand_negativity",
        Severity.HIGH,
        "völlig überteuert",
        "negative statement about the brand",
    ),
    (
        _post("4", 4, "北风能源的服务太差了，我要投诉！", platform="mastodon", lang="zh"),
        "brand_negativity",
        Severity.MEDIUM,
        "太差了",
        "negative statement about the brand",
    ),
    (
        _post("5", 5, "شركة نوردفيند سيئة جدا ولا أنصح بها", platform="facebook", lang="ar"),
        "brand_negativity",
        Severity.MEDIUM,
        "سيئة جدا",
        "negative statement about the brand",
    ),
    (
        _post("6", 6, LONG, author="a_very_long_author_name_that_goes_on", lang="de"),
        "profanity",
        Severity.LOW,
        "verdammt",
        "mild profanity",
    ),
    (
        _post("7", 7, "line one\n\nline two \x1b[31mred?\x1b[0m\ttab", platform="reddit"),
        "missing_disclaimer",
        Severity.INFO,
        "line two",
        "personal account without 'views are my own'",
    ),
    (_post("8", 8, "A harmless post about the weather."), None, None, None, None),
]


def seed(store: Store) -> list[str]:
    """Import the hostile posts and flag them; returns the flagged post ids in queue order."""
    posts = [item[0] for item in HOSTILE]
    store.import_posts(
        source="hostile.json", sha256="0" * 64, platform="x", posts=posts, imported_by="t"
    )
    flags = []
    for post, rule, severity, needle, why in HOSTILE:
        if rule is None:
            continue
        start = post.text.index(needle)
        evidence = Evidence(start, start + len(needle), needle, why)
        flags.append(Flag(post.post_id, rule, severity, 0.9, [evidence], "v1"))
    store.write_flags([p.post_id for p in posts], flags, "v1")
    return [f.post_id for f in flags]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until workers are done and their messages handled (workers start workers).

    An exclusive worker cancels its predecessor (moving on before the detail
    loaded); waiting on the cancelled one raises, which is fine here.
    """
    app: App[None] = pilot.app
    for _ in range(4):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
