"""Streaming JSON: the records inside a big export file, without loading it whole.

Platform exports reach hundreds of megabytes (TikTok watch history, Mastodon
outboxes), so records are pulled out one at a time with ijson's C parser.
Errors become :class:`InputError` naming the line where the file broke, or
saying it is truncated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import ijson

from reviewer.errors import InputError
from reviewer.importers.source import Source

_CHUNK = 64 * 1024
_BOM = b"\xef\xbb\xbf"
# Small side files (profiles, actor.json) are loaded whole up to this size.
MAX_SMALL = 32 * 1024 * 1024


class _Tracking:
    """A binary reader that remembers where each chunk it handed out began."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.lines_before = 0  # newlines before the current chunk
        self.bytes_before = 0
        self.chunk = b""
        self._first = True
        self.eof = False

    def read(self, size: int = _CHUNK) -> bytes:
        self.lines_before += self.chunk.count(b"\n")
        self.bytes_before += len(self.chunk)
        data = self._fh.read(size)
        self.eof = self.eof or not data
        if self._first:
            self._first = False
            if data.startswith(_BOM):
                self.bytes_before += len(_BOM)
                data = data[len(_BOM) :]
        self.chunk = data
        return data


def _locate(reader: _Tracking, message: str) -> str:
    """Turn a yajl error message into ``line N`` using the chunk being parsed.

    yajl prints up to 30 bytes before and after the error (newlines shown as
    spaces) and a caret under the error; finding the bytes before it in the
    chunk gives the offset.
    """
    chunk = reader.chunk
    marker = message.find("(right here)")
    parts = message[:marker].split("\n") if marker >= 0 else []
    if len(parts) >= 2:
        snippet = parts[1]
        indent = len(snippet) - len(snippet.lstrip(" "))
        pointer = message[message.rfind("\n", 0, marker) + 1 :]
        caret = pointer.find("^")
        if len(parts) >= 3 and caret >= indent:
            before = snippet[indent:caret]
        else:  # the excerpt was cut short (a NUL byte): it ends at the error
            before = snippet[indent:].rstrip(" ")
        wanted = before.encode("utf-8", "replace")
        flat = chunk.replace(b"\n", b" ").replace(b"\r", b" ")
        at = flat.find(wanted) if wanted else -1
        if at >= 0:
            line = reader.lines_before + chunk[: at + len(wanted)].count(b"\n") + 1
            return f"line {line}"
    return f"line {reader.lines_before + 1}"


def _reason(exc: Exception) -> str:
    message = exc.args[0] if exc.args else str(exc)
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return str(message)


def _fail(where: str, reader: _Tracking, exc: Exception) -> InputError:
    message = _reason(exc)
    first = message.splitlines()[0] if message else "invalid JSON"
    last_line = reader.lines_before + reader.chunk.count(b"\n") + 1
    if "premature EOF" in first:
        return InputError(where, f"truncated: the JSON ends early at line {last_line}")
    detail = re.sub(r"^(parse|lexical) error: ", "", first).strip().rstrip(".")
    location = _locate(reader, message)
    if reader.eof and location == f"line {last_line}" and not reader.chunk.rstrip().endswith(b"}"):
        # Cut inside a string or an escape: yajl reports the torn token.
        return InputError(where, f"truncated: the JSON ends early at line {last_line} ({detail})")
    return InputError(where, f"invalid JSON at {location} ({detail})")


def iter_items(
    src: Source,
    rel: str,
    paths: list[tuple[str, ...]],
    *,
    objects: list[tuple[str, ...]] | None = None,
    exact: bool = False,
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield ``(path, element)`` for every element of the arrays at ``paths``.

    A path is a tuple of object keys (``()`` for a top-level array). Values
    at ``objects`` paths are yielded whole (a profile object). Keys match
    case-insensitively unless ``exact``, because platforms change the case
    of their keys between export years. A ``null`` where an array is
    expected yields nothing. The whole file is parsed to the end, so a
    truncated file is an error even when the wanted arrays came first.
    """
    where = src.where(rel)

    def norm(path: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k if exact else k.lower() for k in path)

    prefixes = {".".join((*norm(p), "item")): p for p in paths}
    whole = {".".join(norm(p)): p for p in objects or []}
    with src.reading(rel) as fh:
        reader = _Tracking(fh)
        try:
            if exact and len(prefixes) == 1 and not whole:
                ((prefix, path),) = prefixes.items()
                for item in ijson.items(reader, prefix, use_float=True, buf_size=_CHUNK):
                    yield path, item
                return
            yield from _by_events(reader, prefixes, whole, exact)
        except ijson.JSONError as exc:
            raise _fail(where, reader, exc) from exc
        except RecursionError as exc:
            raise InputError(where, "JSON nested too deeply") from exc


def _by_events(
    reader: _Tracking,
    prefixes: dict[str, tuple[str, ...]],
    whole: dict[str, tuple[str, ...]],
    exact: bool,
) -> Iterator[tuple[tuple[str, ...], Any]]:
    events = ijson.parse(reader, use_float=True, buf_size=_CHUNK)
    for prefix, event, value in events:
        if event in ("end_map", "end_array", "map_key"):
            continue
        key = prefix if exact else prefix.lower()
        path = prefixes.get(key)
        if path is None:
            path = whole.get(key)
            if path is None or event != "start_map":
                continue
        if event in ("start_map", "start_array"):
            builder = ijson.ObjectBuilder()
            builder.event(event, value)
            depth = 1
            for _, inner_event, inner_value in events:
                builder.event(inner_event, inner_value)
                if inner_event in ("start_map", "start_array"):
                    depth += 1
                elif inner_event in ("end_map", "end_array"):
                    depth -= 1
                    if depth == 0:
                        break
            yield path, builder.value
        else:
            yield path, value


def load_small(src: Source, rel: str, *, pairs_hook: Any = None) -> Any:
    """Parse a small side file (a profile, ``actor.json``) whole; errors name the line."""
    where = src.where(rel)
    with src.reading(rel) as fh:
        data = fh.read(MAX_SMALL + 1)
    if len(data) > MAX_SMALL:
        raise InputError(where, f"larger than {MAX_SMALL // 1024**2} MiB")
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 at byte {exc.start}") from exc
    try:
        return json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            raise InputError(where, f"truncated: the JSON ends early at line {exc.lineno}") from exc
        raise InputError(where, f"invalid JSON at line {exc.lineno} ({exc.msg})") from exc
    except RecursionError as exc:
        raise InputError(where, "JSON nested too deeply") from exc
