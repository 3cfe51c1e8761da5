"""Streaming CSV: rows of a platform's CSV file by column name, with line numbers.

Files are decoded as they are read (UTF-8, optional BOM), so a large export
never sits in memory whole. Every problem is an :class:`InputError` naming the
line: bad UTF-8, a row with more or fewer fields than the header, a quote left
open at the end of the file (a truncated file).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from reviewer.errors import InputError
from reviewer.importers.source import Source

_CHUNK = 256 * 1024


def _read_lines(fh: BinaryIO, where: str, counter: list[int]) -> Iterator[str]:
    """Yield lines with their endings; ``counter[0]`` is the number of lines so far."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    carry = ""
    while True:
        data = fh.read(_CHUNK)
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            before = carry + data[: max(exc.start, 0)].decode("utf-8", "replace")
            line = counter[0] + before.count("\n") + 1
            raise InputError(where, f"not valid UTF-8 at line {line}") from exc
        text = carry + text
        if "\0" in text:
            line = counter[0] + text[: text.index("\0")].count("\n") + 1
            raise InputError(where, f"line {line}: NUL byte (the file is corrupt or not text)")
        if not data:
            if text:
                counter[0] += 1
                yield text
            return
        # Lines end at LF, CRLF or CR only, as csv expects: str.splitlines() would
        # also cut at U+2028, U+0085 or a form feed, ending a record mid-field.
        lines = io.StringIO(text, newline="").readlines()
        # A "\r" at the very end may be half of a "\r\n" split across chunks.
        carry = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        for line in lines:
            counter[0] += 1
            yield line


def iter_rows(
    src: Source, rel: str, *, escapechar: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` for every data row, keyed by the stripped header names.

    ``escapechar`` is set for files that escape quotes with a backslash
    (LinkedIn's ``Comments.csv``) instead of doubling them (RFC 4180).
    """
    where = src.where(rel)
    with src.reading(rel) as fh:
        counter = [0]
        reader = csv.reader(
            _read_lines(fh, where, counter), strict=True, escapechar=escapechar, doublequote=True
        )
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(where, "empty file")
            names = [h.strip() for h in header]
            end = counter[0]
            for row in reader:
                start, end = end + 1, counter[0]
                if not row or row == [""]:
                    continue
                if len(row) != len(names):
                    if len(row) < len(names) and next(reader, None) is None:
                        raise InputError(
                            where,
                            f"truncated: the last row (line {start}) has {len(row)} of "
                            f"{len(names)} fields",
                        )
                    raise InputError(
                        where, f"line {start}: {len(row)} fields but the header has {len(names)}"
                    )
                yield start, dict(zip(names, row, strict=True))
        except csv.Error as exc:
            if "unexpected end of data" in str(exc) or "EOF" in str(exc):
                raise InputError(
                    where, f"truncated: a quoted field opened near line {end + 1} never closes"
                ) from exc
            raise InputError(where, f"line {counter[0]}: malformed CSV ({exc})") from exc
