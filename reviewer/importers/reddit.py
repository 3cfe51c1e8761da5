"""Reddit GDPR export: ``posts.csv`` and ``comments.csv``.

Recognised by header and read by column name, because the columns drift
between years (``ip`` present or not, extra gilding columns). Ids are bare
base36 in the CSV; posts get Reddit's ``t3_`` prefix and comments ``t1_``, so
the two never collide. The ``ip`` column and ``statistics.csv`` (which holds
the account e-mail) never reach a post: only the account name is read there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.importers.common import (
    RecordError,
    RoleFilesExport,
    folder_of,
    media_item,
    parse_time,
    scrub,
)
from reviewer.importers.csvstream import iter_rows
from reviewer.importers.sniff import Scan
from reviewer.importers.textrepair import repair
from reviewer.model import Post

_BASE = frozenset(("id", "permalink", "date", "body"))
_STATS = ("statistic", "value")
_POST_IN_LINK = re.compile(r"/comments/([0-9a-z]+)")
_ID = re.compile(r"[0-9a-z]{1,16}")
_SELF = re.compile(r"^(?:https?://(?:www\.|old\.)?reddit\.com)?/r/\w+/comments/", re.IGNORECASE)


def _media(value: str) -> list[dict[str, object]]:
    value = value.strip()
    if "://" not in value or _SELF.match(value):
        return []  # a self post's url is its own (relative) permalink
    return [media_item(value, None if "." in value.rsplit("/", 1)[-1] else "link")]


class RedditExport(RoleFilesExport):
    """The posts and comments files of one Reddit export folder."""

    platform = "reddit"

    def _author(self) -> str | None:
        for rel in self.side:
            for _, row in iter_rows(self._src, rel):
                row = {k.lower(): v for k, v in row.items()}
                if row.get("statistic", "").strip().lower() == "account name" and row["value"]:
                    return row["value"].strip()
        return self._owner

    def posts(self) -> Iterator[Post]:
        """Posts, then comments (file order within each)."""
        author = self._author()
        for rel in sorted(self.main, key=lambda r: (self._roles[r] != "posts", r)):
            comment = self._roles[rel] == "comments"
            for line, row in iter_rows(self._src, rel):
                try:
                    yield self._post(row, comment, author, self.rel(rel))
                except RecordError as exc:
                    raise self.fail(rel, f"line {line}", str(exc)) from exc

    def _post(
        self, row: dict[str, str], comment: bool, author: str | None, source_file: str
    ) -> Post:
        row = {k.lower(): v for k, v in row.items()}
        bare = row["id"].strip().lower()
        if not _ID.fullmatch(bare):
            raise RecordError(f"bad id {row['id'][:30]!r}")
        created, assumed = parse_time(row["date"])
        body = row.get("body") or ""
        if comment:
            text = body
            parent = (row.get("parent") or "").strip()
            link = _POST_IN_LINK.search(row.get("link") or "")
            reply_to = f"t1_{parent}" if parent else (f"t3_{link.group(1)}" if link else None)
            media = _media(row.get("media") or "")
        else:
            title = row.get("title") or ""
            text = f"{title}\n\n{body}" if title and body else title or body
            reply_to = None
            media = _media(row.get("url") or "")
        permalink = (row.get("permalink") or "").strip()
        return Post(
            platform="reddit",
            native_id=f"{'t1' if comment else 't3'}_{bare}",
            kind="comment" if comment else "post",
            author=author,
            created_at=created,
            # Reddit escapes &, < and > in bodies as HTML entities.
            text=repair(text, entities=True),
            url=permalink if permalink.startswith("http") else None,
            media=media,
            reply_to=reply_to,
            source_file=source_file,
            created_at_raw=row["date"],
            tz_assumed=assumed,
            raw=scrub(row),
        )


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[RedditExport], set[str]]:
    """Reddit CSVs by header, grouped by folder with the ``statistics.csv`` beside them."""
    groups: dict[str, dict[str, str]] = {}
    stats: dict[str, list[str]] = {}
    claimed: set[str] = set()
    for rel in scan.files:
        header = {h.lower() for h in scan.csv(rel)}
        if not header:
            continue
        folder = folder_of(rel)
        if header >= _BASE and "title" in header:
            groups.setdefault(folder, {})[rel] = "posts"
        elif header >= _BASE and {"link", "parent"} <= header:
            groups.setdefault(folder, {})[rel] = "comments"
        elif {"id", "permalink", "date", "subreddit"} <= header:
            claimed.add(rel)  # post_headers.csv / comment_headers.csv: the same rows, no text
        elif tuple(h.lower() for h in scan.csv(rel)) == _STATS:
            stats.setdefault(folder, []).append(rel)
    exports = [
        RedditExport(scan.src, folder, roles, stats.get(folder, []), owner)
        for folder, roles in sorted(groups.items())
    ]
    claimed |= {rel for e in exports for rel, _ in e.files()}
    return exports, claimed
