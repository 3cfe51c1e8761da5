"""Streaming text: a binary file decoded as UTF-8 chunk by chunk, and split into lines.

The generic importer reads CSV, NDJSON and JSON arrays through these, so a
multi-gigabyte file is never held in memory whole. Errors are the same as
decoding the whole file would give: ``not valid UTF-8 at byte N``, counting
from the start of the file (a BOM included).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

from reviewer.errors import InputError

CHUNK = 256 * 1024
_BOM = codecs.BOM_UTF8


def decoded_chunks(fh: BinaryIO, where: str, size: int | None = None) -> Iterator[str]:
    """The file's text in pieces of about ``size`` bytes (:data:`CHUNK`); a BOM is dropped."""
    size = size or CHUNK
    offset = 0  # file offset of pending[0]
    pending = b""
    first = True
    while True:
        data = fh.read(size)
        final = not data
        buf = pending + data if pending else data
        if first:
            if len(buf) < len(_BOM) and not final:
                pending = buf
                continue
            first = False
            if buf.startswith(_BOM):
                buf = buf[len(_BOM) :]
                offset = len(_BOM)
        try:
            text, used = codecs.utf_8_decode(buf, "strict", final)
        except UnicodeDecodeError as exc:
            raise InputError(where, f"not valid UTF-8 at byte {offset + exc.start}") from exc
        # A character cut between two reads waits for the rest of its bytes.
        pending = buf[used:]
        offset += used
        if text:
            yield text
        if final:
            return


def split_lines(chunks: Iterator[str]) -> Iterator[str]:
    """Lines with their endings, ending at LF, CRLF or CR only.

    Like iterating ``io.StringIO(text, newline="")`` over the whole text (what
    ``csv`` expects): U+2028, U+0085 and form feeds stay inside their line.
    """
    carry = ""
    for text in chunks:
        lines = io.StringIO(carry + text if carry else text, newline="").readlines()
        # The last line may go on in the next chunk; a final "\r" may be half of "\r\n".
        carry = lines.pop() if not lines[-1].endswith("\n") else ""
        yield from lines
    if carry:
        yield carry
