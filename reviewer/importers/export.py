"""The :class:`Export` every importer returns, and helpers they share."""

from __future__ import annotations

import gc
import hashlib
import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa

from reviewer.errors import InputError
from reviewer.importers.source import Source
from reviewer.model import Post

_BOM = b"\xef\xbb\xbf"


class Export(ABC):
    """One platform export found in an input: where it is, its hash, its posts.

    ``source`` is the input as the user gave it, plus ``!inner/path`` when the
    export is one of several inside a folder or zip. ``sha256`` is the hex
    SHA-256 of the file for a single-file export, else a hash over the sorted
    ``(relative path, file sha256)`` pairs of the files the export reads.
    ``skipped`` counts records deliberately left out of ``posts()`` by reason
    (``"like"``, ``"follow"``…); it is complete once ``posts()`` is exhausted.
    """

    platform: str
    # A single-file export hashes the file's bytes, so the same CSV gets the
    # same hash whether given alone or found inside a folder.
    _single_file = False

    def __init__(self, src: Source, source: str) -> None:
        self._src = src
        self.source = source
        self.skipped: Counter[str] = Counter()

    @abstractmethod
    def files(self) -> list[tuple[str, str]]:
        """``(path in the source, path relative to the export)`` of every file read."""

    @cached_property
    def sha256(self) -> str:
        """Hex SHA-256 identifying the export's content (computed once, on first use)."""
        return self.hash_files()

    def hash_files(self, progress: Callable[[int], None] | None = None) -> str:
        """Compute :attr:`sha256` now, reading every file; ``progress`` gets each chunk's size."""
        files = self.files()
        if len(files) == 1 and self._single_file:
            value = self._src.sha256(files[0][0], progress)
        else:
            digest = hashlib.sha256()
            for rel_src, rel in sorted(files, key=lambda f: f[1]):
                digest.update(f"{rel}\0{self._src.sha256(rel_src, progress)}\n".encode())
            value = digest.hexdigest()
        self.__dict__["sha256"] = value  # what the cached property then returns
        return value

    def byte_size(self) -> int | None:
        """The size of the files :attr:`sha256` reads, when known without reading them."""
        sizes = [self._src.size(rel) for rel, _ in self.files()]
        return None if None in sizes else sum(s for s in sizes if s is not None)

    def plain_ndjson(self) -> tuple[Path, str] | None:
        """``(file on disk, source_file)`` when DuckDB may load this export itself.

        Only generic NDJSON files on disk qualify (see
        :mod:`reviewer.store.ndjson_load`); every other export returns None.
        """
        return None

    def post_tables(self) -> Iterator[pa.Table] | None:
        """The posts as Arrow tables converted in worker processes, where an importer can.

        None (the default) means: read :meth:`posts`. The tables hold the same
        rows, in :data:`reviewer.importers.batch.POST_SCHEMA`.
        """
        return None

    @abstractmethod
    def posts(self) -> Iterator[Post]:
        """Yield the export's posts in a deterministic order; raises InputError on bad data."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.platform} {self.source!r}>"


def decode_utf8(data: bytes, where: str) -> str:
    """Decode UTF-8 (an optional BOM is dropped) or raise InputError with the byte offset."""
    offset = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 at byte {exc.start + offset}") from exc


def load_json(text: str, where: str, line_offset: int = 0) -> Any:
    """``json.loads`` that reports errors as ``invalid JSON at line N``."""
    try:
        with gc_paused():
            return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON at line {exc.lineno + line_offset}") from exc
    except RecursionError as exc:
        raise InputError(where, "JSON nested too deeply") from exc


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big document is parsed.

    Parsing allocates millions of containers and none of them are garbage, yet
    each allocation burst triggers collections that walk every live object: on
    a 1 GB ``tweets.js`` that made parsing several times slower. Reference
    counting still frees everything as usual; only cycle detection waits.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
