"""LinkedIn data export: ``Shares.csv`` (posts) and ``Comments.csv``.

Both CSVs are broken in their own way. ``Shares.csv`` wraps every line of a
multi-line commentary in an extra pair of quotes (after a correct RFC 4180
parse the value reads ``line1"\\n"line2"\\n""\\n"line3``); ``Comments.csv``
escapes quotes with a backslash instead of doubling them. Files are
recognised by their header; dates have no zone and are taken as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from reviewer.importers.common import (
    RecordError,
    RoleFilesExport,
    folder_of,
    media_item,
    merge_duplicate,
    parse_time,
    stable_id,
)
from reviewer.importers.csvstream import iter_rows
from reviewer.importers.sniff import Scan
from reviewer.importers.textrepair import repair
from reviewer.model import Post

SHARES = frozenset(("Date", "ShareLink", "ShareCommentary"))
COMMENTS = ("Date", "Link", "Message")
PROFILE = frozenset(("First Name", "Last Name"))
_URN = re.compile(r"urn:li:[A-Za-z]+:[\w(),:-]+")


def unwrap_lines(value: str) -> str:
    """Undo the per-line quote wrapping of a multi-line ``ShareCommentary``.

    Applied only when every line shows the pattern (first line ends with a
    quote, middle lines are quoted, the last begins with one), so values
    from an export without the bug are left alone.
    """
    lines = value.split("\n")
    if len(lines) < 2:
        return value
    first, middle, last = lines[0], lines[1:-1], lines[-1]
    if not (
        first.endswith('"')
        and last.startswith('"')
        and all(len(m) >= 2 and m.startswith('"') and m.endswith('"') for m in middle)
    ):
        return value
    return "\n".join([first[:-1], *(m[1:-1] for m in middle), last[1:]])


def _urn(link: str) -> str | None:
    """The URN a LinkedIn link names (``urn:li:share:7345…``), decoded; None when none."""
    match = _URN.search(unquote(link))
    return match.group() if match else None


def _comment_urn(link: str) -> str | None:
    """A comment's own URN, when the link carries ``commentUrn=`` (newer exports)."""
    query = parse_qs(urlsplit(link).query)
    values = query.get("commentUrn")
    return _urn(values[0]) if values else None


class LinkedInExport(RoleFilesExport):
    """The share and comment files of one LinkedIn export folder."""

    platform = "linkedin"

    def _author(self) -> str | None:
        for rel in self.side:
            for _, row in iter_rows(self._src, rel):
                name = " ".join(p for p in (row.get("First Name"), row.get("Last Name")) if p)
                if name:
                    return repair(name)
        return self._owner

    def posts(self) -> Iterator[Post]:
        """Shares then comments, in file order.

        LinkedIn writes a share once per media URL, on consecutive rows; they
        are merged into one post. A share repeated elsewhere is skipped.
        """
        author = self._author()
        seen: set[str] = set()
        for rel in self.main:
            shares = self._roles[rel] == "shares"
            pending: Post | None = None
            for line, row in iter_rows(self._src, rel, escapechar=None if shares else "\\"):
                try:
                    post = (self._share if shares else self._comment)(row, author, self.rel(rel))
                except RecordError as exc:
                    raise self.fail(rel, f"line {line}", str(exc)) from exc
                if pending is not None and post.post_id == pending.post_id:
                    merge_duplicate(pending, post)
                    continue
                if pending is not None:
                    yield pending
                if post.post_id in seen:
                    self.skipped["repeated row"] += 1
                    pending = None
                    continue
                seen.add(post.post_id)
                pending = post
            if pending is not None:
                yield pending

    def _share(self, row: dict[str, str], author: str | None, source_file: str) -> Post:
        created, assumed = parse_time(row["Date"])
        text = repair(unwrap_lines(row["ShareCommentary"]))
        link = row.get("ShareLink") or ""
        urn = _urn(link)
        media = [media_item(u) for u in (row.get("MediaUrl") or "").split() if "://" in u]
        shared = row.get("SharedUrl") or ""
        if "://" in shared:
            media.append(media_item(shared, "link"))
        return Post(
            platform="linkedin",
            native_id=urn or stable_id("share", row["Date"], text),
            # An empty commentary with a shared item is a bare repost.
            kind="repost" if not text.strip() and (shared or "ugcPost" in (urn or "")) else "post",
            author=author,
            created_at=created,
            text=text,
            url=link if link.startswith("http") else None,
            media=media,
            source_file=source_file,
            created_at_raw=row["Date"],
            tz_assumed=assumed,
            raw=row,
        )

    def _comment(self, row: dict[str, str], author: str | None, source_file: str) -> Post:
        link = row["Link"]
        if not link.startswith("http"):
            # A misread quote shifts fields: the link is the safest column to check.
            raise RecordError(f"'Link' is not a link: {link[:40]!r}")
        created, assumed = parse_time(row["Date"])
        parent = _urn(link)
        return Post(
            platform="linkedin",
            native_id=_comment_urn(link) or stable_id("comment", row["Date"], parent or link),
            kind="comment",
            author=author,
            created_at=created,
            text=repair(row["Message"]),
            url=link,
            reply_to=parent,
            source_file=source_file,
            created_at_raw=row["Date"],
            tz_assumed=assumed,
            raw=row,
        )


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[LinkedInExport], set[str]]:
    """LinkedIn CSVs by header, grouped by folder with the ``Profile.csv`` beside them."""
    groups: dict[str, dict[str, str]] = {}
    profiles: dict[str, list[str]] = {}
    for rel in scan.files:
        header = scan.csv(rel)
        if not header or len(header) < 3:
            continue
        folder = folder_of(rel)
        if set(header) >= SHARES:
            groups.setdefault(folder, {})[rel] = "shares"
        elif tuple(header) == COMMENTS:
            groups.setdefault(folder, {})[rel] = "comments"
        elif set(header) >= PROFILE and "Headline" in header:
            profiles.setdefault(folder, []).append(rel)
    exports = [
        LinkedInExport(scan.src, folder, roles, profiles.get(folder, []), owner)
        for folder, roles in sorted(groups.items())
    ]
    claimed = {rel for e in exports for rel, _ in e.files()}
    return exports, claimed
