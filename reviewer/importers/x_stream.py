"""Big X data files streamed in chunks of whole records, so no file is read whole.

``tweets.js`` is ``window.YTD.tweets.part0 = [`` then one pretty-printed
object per tweet. Where one top-level element ends and the next begins, a
line holds the closing brace at the first element's indentation and then
``, {``; JSON strings hold no raw newline, so that pattern never occurs inside
a string. The file is read in blocks and cut at the last such boundary of
each block, and every chunk is parsed on its own: by orjson, or by json
where orjson refuses (NaN, lone surrogates). One difference remains: orjson
reads integers past 64 bits as floats; X writes every number as a string.

Should a cut ever fall inside an element (a file indented against the
grain), that chunk cannot parse: it is joined with the next and parsed
again, so odd layouts cost speed, never records. A file that still fails at
its end is broken: the error names the line, as for any other JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson

from reviewer.errors import InputError

BLOCK = 4 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_HEAD = re.compile(rb"\s*window\.[\w.]+\s*=\s*\[", re.ASCII)


@dataclass(slots=True)
class Chunk:
    """Whole top-level elements of the array, comma-separated, without brackets."""

    data: bytes
    first_line: int  # the file line the chunk's first byte is on
    final: bool = False  # the file's last chunk
    closed: bool = False  # (final chunk) the array's closing bracket was there

    def joined(self, other: Chunk) -> Chunk:
        return Chunk(self.data + b",\n" + other.data, self.first_line, other.final, other.closed)


class ChunkError(Exception):
    """A chunk that does not parse: a cut inside an element, or broken JSON."""

    def __init__(self, line: int, detail: str, truncated: bool) -> None:
        super().__init__(detail)
        self.line = line
        self.detail = detail
        self.truncated = truncated

    def as_input_error(self, where: str) -> InputError:
        if self.truncated:
            return InputError(where, f"truncated: the JSON ends early at line {self.line}")
        return InputError(where, f"invalid JSON at line {self.line} ({self.detail})")


def parse_chunk(chunk: Chunk) -> list[Any]:
    """The chunk's elements; :class:`ChunkError` when it is not whole JSON values."""
    data = chunk.data
    try:
        return _checked_end(chunk, orjson.loads(b"[" + data + b"]"))
    except orjson.JSONDecodeError:
        pass  # json reads NaN and lone surrogates; it also says where it broke
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = chunk.first_line + data.count(b"\n", 0, exc.start)
        raise ChunkError(line, "not valid UTF-8", False) from exc
    try:
        value = json.loads("[" + text + "]")
    except json.JSONDecodeError as exc:
        if chunk.final and not chunk.closed:  # the file stops before its closing bracket
            raise ChunkError(chunk.first_line + data.count(b"\n"), exc.msg, True) from exc
        raise ChunkError(chunk.first_line + exc.lineno - 1, exc.msg, False) from exc
    except RecursionError as exc:
        raise ChunkError(chunk.first_line, "JSON nested too deeply", False) from exc
    assert isinstance(value, list)
    return _checked_end(chunk, value)


def _checked_end(chunk: Chunk, records: list[Any]) -> list[Any]:
    if chunk.final and not chunk.closed:
        line = chunk.first_line + chunk.data.count(b"\n")
        raise ChunkError(line, "no closing bracket", True)
    return records


def open_array(fh: BinaryIO) -> tuple[bytes, int] | None:
    """Read past ``window.NAME = [``: (the bytes after it, lines before them), or None.

    None means the file does not start that way (or not with an object):
    the caller reads it whole, for the usual error.
    """
    head = fh.read(BLOCK)
    head = head.removeprefix(_BOM)
    match = _HEAD.match(head)
    if not match:
        return None
    rest = head[match.end() :]
    stripped = rest.lstrip()
    if stripped and not stripped.startswith((b"{", b"]")):
        return None
    return rest, head.count(b"\n", 0, match.end())


def chunks(fh: BinaryIO, rest: bytes, lines_before: int) -> Iterator[Chunk]:
    """The array's elements after :func:`open_array`, as chunks of about :data:`BLOCK`."""
    buffer = rest
    line = lines_before + 1  # the line ``buffer`` starts on
    boundary: re.Pattern[bytes] | None = None
    while True:
        if boundary is None and buffer.lstrip().startswith(b"{"):
            # The first element's indentation marks where top-level elements end.
            offset = len(buffer) - len(buffer.lstrip())
            newline = buffer.rfind(b"\n", 0, offset)
            indent = buffer[newline + 1 : offset] if newline >= 0 else b""
            if indent.strip(b" \t"):  # "[ {" on one line
                indent = b""
            line += buffer.count(b"\n", 0, offset)
            buffer = buffer[offset:]
            ind = re.escape(indent)
            boundary = re.compile(rb"\n" + ind + rb"\}[ \t]*,[ \t]*(?:\r?\n" + ind + rb")?(?=\{)")
        cut = None
        if boundary is not None:
            for cut in boundary.finditer(buffer):  # noqa: B007 - the last one is wanted
                pass
        if cut is not None:
            close = cut.group().index(b"}") + cut.start() + 1
            yield Chunk(buffer[:close], line)
            line += buffer.count(b"\n", 0, cut.end())
            buffer = buffer[cut.end() :]
        block = fh.read(BLOCK)
        if not block:
            break
        buffer += block
    body = buffer.rstrip()
    if body.endswith(b";"):
        body = body[:-1].rstrip()
    closed = body.endswith(b"]")
    yield Chunk(body[:-1].rstrip() if closed else body, line, final=True, closed=closed)


def parsed(pieces: Iterator[Chunk]) -> Iterator[tuple[Chunk, list[Any]]]:
    """Each chunk with its elements; a chunk that does not parse is joined with the next.

    Raises :class:`ChunkError` when the file's last chunk still does not parse.
    """
    carry: Chunk | None = None
    for piece in pieces:
        chunk = piece if carry is None else carry.joined(piece)
        try:
            records = parse_chunk(chunk)
        except ChunkError:
            if chunk.final:
                raise
            carry = chunk
            continue
        carry = None
        yield chunk, records
