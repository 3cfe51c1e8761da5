"""YouTube comments from Google Takeout (``comments.csv``).

Two generations of the file exist, with different column order and header
case; the text column holds JSON, not text: ``{"takeoutSegments":[{"text":…}]}``
in newer files, comma-joined ``{"text":…},{"text":…}`` objects (not valid JSON
on their own) in older ones. Columns are read by name, case-insensitively.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from reviewer.importers.common import FilesExport, RecordError, folder_of, parse_time
from reviewer.importers.csvstream import iter_rows
from reviewer.importers.sniff import Scan
from reviewer.importers.textrepair import repair
from reviewer.model import Post

_REQUIRED = frozenset(("comment id", "channel id", "comment create timestamp", "comment text"))


def segments_text(value: str) -> str:
    """The plain text of a Takeout comment text cell (either generation)."""
    cell = value.strip()
    if not cell.startswith("{"):
        return value  # plain text, as some exports write it
    data: Any
    try:
        # strict=False: the CSV reader turned escaped newlines into real ones.
        data = json.loads(cell, strict=False)
    except json.JSONDecodeError:
        try:
            data = json.loads(f"[{cell}]", strict=False)
        except json.JSONDecodeError as exc:
            raise RecordError("comment text is neither text nor Takeout JSON") from exc
    if isinstance(data, dict):
        data = data.get("takeoutSegments", [data])
    if not isinstance(data, list):
        raise RecordError("comment text JSON is not a list of segments")
    return "".join(_segment(seg) for seg in data if isinstance(seg, dict))


def _segment(seg: dict[str, Any]) -> str:
    """A segment's text; a link shown shortened gets its full address back."""
    text = seg.get("text")
    if not isinstance(text, str):
        return ""
    link = seg.get("link")
    url = link.get("linkUrl") if isinstance(link, dict) else None
    if isinstance(url, str) and text.strip() and text != url:
        bare = url.split("://", 1)[-1].removeprefix("www.")
        if bare.startswith(text.strip().rstrip(".…").removeprefix("www.")):
            return text.replace(text.strip(), url)
    return text


class YouTubeExport(FilesExport):
    """One ``comments.csv`` (and any live-chat file of the same shape)."""

    platform = "youtube"

    def posts(self) -> Iterator[Post]:
        """Every comment; replies (a parent comment id) have kind ``reply``."""
        for rel in self.main:
            for line, row in iter_rows(self._src, rel):
                try:
                    yield self._comment({k.lower(): v for k, v in row.items()}, self.rel(rel))
                except RecordError as exc:
                    raise self.fail(rel, f"line {line}", str(exc)) from exc

    def _comment(self, row: dict[str, str], source_file: str) -> Post:
        comment_id = row["comment id"].strip()
        if not comment_id:
            raise RecordError("empty 'Comment ID'")
        created, assumed = parse_time(row["comment create timestamp"])
        video = (row.get("video id") or "").strip()
        post = (row.get("post id") or "").strip()
        parent = (row.get("parent comment id") or "").strip()
        if video:
            url = f"https://www.youtube.com/watch?v={video}&lc={comment_id}"
        elif post:
            url = f"https://www.youtube.com/post/{post}?lc={comment_id}"
        else:
            url = None
        return Post(
            platform="youtube",
            native_id=comment_id,
            kind="reply" if parent else "comment",
            author=(row.get("channel id") or "").strip() or None,
            created_at=created,
            text=repair(segments_text(row["comment text"])),
            url=url,
            reply_to=parent or None,
            source_file=source_file,
            created_at_raw=row["comment create timestamp"],
            tz_assumed=assumed,
            raw=row,
        )


def find(scan: Scan, owner: str | None, only: str | None) -> tuple[list[YouTubeExport], set[str]]:
    """Takeout comment CSVs by header, one export per file."""
    exports = []
    for rel in scan.files:
        header = {h.lower() for h in scan.csv(rel)}
        if header and header >= _REQUIRED:
            exports.append(YouTubeExport(scan.src, folder_of(rel), [rel], []))
    return exports, {e.main[0] for e in exports}
