"""A store for the dashboard and response tests: three weeks of posts with a spike of
negative brand mentions, several platforms, and a rule name that looks like markup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reviewer.model import Evidence, Flag, Post, Severity
from reviewer.store import Store

# Negative brand mentions per day from 2024-06-01; day 15 (2024-06-15) is the spike.
NEGATIVE_PER_DAY = [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 1, 2, 1, 9, 1, 0, 2, 1, 1]
SPIKE_DAY = "2024-06-15"
HOSTILE_RULE = "[bold]fake[/bold]_rule 👩‍💻"
PLATFORMS = ("x", "mastodon", "facebook")
START = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
EN_COMPLAINT = (
    "Nordwind Energie is a rip-off [b]scam[/b] 😡 " + "and the hotline never answers " * 8
)
DE_COMPLAINT = "Nordwind Energie ist völlig überteuert, großer Ärger!"


def _post(n: int, when: datetime, text: str, lang: str, platform: str) -> Post:
    return Post(
        platform=platform,
        native_id=f"d{n}",
        kind="post",
        author=f"customer{n % 7}",
        created_at=when,
        text=text,
        url=f"https://example.invalid/{n}",
        lang=lang,
    )


def seed_dashboard(store: Store) -> dict[str, int]:
    """Fill ``store``; returns expected totals (posts, negative mentions, flags per rule)."""
    posts: list[Post] = []
    flags: list[Flag] = []
    n = 0
    for day, count in enumerate(NEGATIVE_PER_DAY):
        for k in range(count):
            n += 1
            de = n % 3 == 0
            text = DE_COMPLAINT if de else EN_COMPLAINT
            post = _post(
                n,
                START + timedelta(days=day, minutes=k),
                text,
                "de" if de else "en",
                PLATFORMS[n % len(PLATFORMS)],
            )
            posts.append(post)
            needle = "völlig überteuert" if de else "rip-off"
            start = text.index(needle)
            flags.append(
                Flag(
                    post.post_id,
                    "brand_negativity",
                    Severity.HIGH if k == 0 else Severity.MEDIUM,
                    0.8,
                    [Evidence(start, start + len(needle), needle, "negative")],
                    "v1",
                )
            )
    # A phishing post (en), a post with a markup-like rule name, and an unflagged post.
    n += 1
    phishing = _post(n, START, "Refund here: https://nordwind-energie.example.com/login", "en", "x")
    posts.append(phishing)
    flags.append(Flag(phishing.post_id, "suspicious_link", Severity.HIGH, 0.9, [], "v1"))
    n += 1
    odd = _post(n, START, "A post flagged by a rule with a strange name", "en", "mastodon")
    posts.append(odd)
    flags.append(Flag(odd.post_id, HOSTILE_RULE, Severity.LOW, 0.5, [], "v1"))
    n += 1
    posts.append(_post(n, START, "Lovely weather today", "en", "x"))
    store.import_posts(
        source="dash.json", sha256="1" * 64, platform="x", posts=posts, imported_by="t"
    )
    store.write_flags([p.post_id for p in posts], flags, "v1")
    return {
        "posts": len(posts),
        "negative": sum(NEGATIVE_PER_DAY),
        "flagged": len(flags),
    }
