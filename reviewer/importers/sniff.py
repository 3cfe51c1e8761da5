"""Looking at the first bytes of files: the cache every detector shares, and shape readers.

Detection is by content. A detector asks :class:`Scan` for a file's head and
reads its shape with :func:`json_head` (the keys seen near the start of a JSON
document, by nesting path) or :func:`csv_header`, never trusting file names.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from reviewer.importers.source import Source

SNIFF = 1024
SNIFF_TEXT = 65536
_BOM = b"\xef\xbb\xbf"


class Scan:
    """A source's files with their first bytes cached, shared by every detector."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.files = src.files()
        self._heads: dict[str, bytes] = {}
        self._json: dict[str, JsonHead] = {}

    def head(self, rel: str, size: int = SNIFF) -> bytes:
        """The first ``size`` bytes of ``rel`` (read once, then served from the cache)."""
        cached = self._heads.get(rel)
        if cached is None or (len(cached) < size and len(cached) == SNIFF):
            cached = self.src.head(rel, size)
            self._heads[rel] = cached
        return cached[:size]

    def is_text(self, rel: str) -> bool:
        """Whether the file starts like text (no NUL byte in its first bytes)."""
        return b"\0" not in self.head(rel)

    def json(self, rel: str) -> JsonHead:
        """The JSON shape of the file's first 64 KiB (empty for non-JSON)."""
        shape = self._json.get(rel)
        if shape is None:
            head = self.head(rel)
            start = head.removeprefix(_BOM).lstrip()[:1]
            if start in (b"{", b"[") and b"\0" not in head:
                shape = json_head(self.head(rel, SNIFF_TEXT))
            else:
                shape = JsonHead(None)
            self._json[rel] = shape
        return shape

    def csv(self, rel: str) -> list[str]:
        """The CSV header row, stripped (empty when the file is not text)."""
        if not self.is_text(rel):
            return []
        return csv_header(self.head(rel, SNIFF_TEXT))


@dataclass
class JsonHead:
    """Keys seen in the head of a JSON document, by path.

    A path is a tuple of keys, with ``"item"`` for array elements (as ijson
    names them): in ``[{"a": {"b": 1}}]`` key ``b`` is at ``("item", "a")``.
    ``strings`` holds short string values by ``path + (key,)``.
    """

    kind: str | None  # "{" or "[" or None when not JSON
    keys: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    strings: dict[tuple[str, ...], str] = field(default_factory=dict)

    def at(self, *path: str) -> set[str]:
        """Keys seen in objects at ``path``."""
        return self.keys.get(path, set())

    def top(self) -> set[str]:
        """Top-level keys of an object document."""
        return self.at() if self.kind == "{" else set()

    def items(self) -> set[str]:
        """Keys of the elements of an array document."""
        return self.at("item") if self.kind == "[" else set()


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}\[\]:,])', re.DOTALL)


def json_head(data: bytes) -> JsonHead:
    """Read the nesting of keys from the (possibly cut) start of a JSON document."""
    text = data.removeprefix(_BOM).decode("utf-8", "replace").lstrip()
    shape = JsonHead(text[:1] if text[:1] in ("{", "[") else None)
    if shape.kind is None:
        return shape
    # Each open container: its path, whether it is an object, the key pending.
    stack: list[tuple[tuple[str, ...], bool]] = []
    pending: str | None = None
    last_string: str | None = None
    for m in _TOKEN.finditer(text):
        string, punct = m.group(1), m.group(2)
        if string is not None:
            last_string = string
            continue
        if punct == ":":
            if stack and stack[-1][1] and last_string is not None:
                pending = last_string
                shape.keys.setdefault(stack[-1][0], set()).add(pending)
            last_string = None
            continue
        if pending is not None and last_string is not None and punct in ",}":
            shape.strings.setdefault((*stack[-1][0], pending), last_string[:200])
        last_string = None
        if punct in "{[":
            if not stack:
                path: tuple[str, ...] = ()
            elif stack[-1][1]:
                path = (*stack[-1][0], pending or "")
            else:
                path = (*stack[-1][0], "item")
            stack.append((path, punct == "{"))
            pending = None
        elif punct in "}]":
            if stack:
                stack.pop()
            pending = None
        elif punct == ",":
            pending = None
    return shape


def csv_header(data: bytes) -> list[str]:
    """The first CSV row of ``data`` (BOM dropped), names stripped; empty when unreadable."""
    text = data.removeprefix(_BOM).decode("utf-8", "replace")
    try:
        row = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []
    return [name.strip() for name in row]
