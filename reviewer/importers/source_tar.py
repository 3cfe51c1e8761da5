"""``.tar.gz`` archives (Mastodon archives before 4.1) as a read-only :class:`Source`.

Like zips, members are read in memory and never extracted. The archive is
walked once on opening: paths are checked, links and devices ignored, sizes
added up against the same limits as zips, and the first bytes of each member
kept so that detection does not have to decompress the stream again per file.
"""

from __future__ import annotations

import tarfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reviewer.errors import InputError
from reviewer.importers.sniff import SNIFF, SNIFF_TEXT
from reviewer.importers.source import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_UNCOMPRESSED,
    RATIO_MIN_SIZE,
    ByteProgress,
    Source,
    _drop_x_viewer,
    _safe_member_name,
    _skipped,
)

# The first bytes kept of all members together: beyond this, a member's longer
# head is read again from the archive when detection asks for it. Bounds what
# an archive of many small text files can make the walk hold.
HEAD_BUDGET = 64 * 1024**2


class TarSource(Source):
    """A gzip-compressed tar archive, validated on opening."""

    corrupt = "truncated or corrupt tar.gz archive"

    def __init__(
        self,
        path: Path,
        label: str,
        *,
        max_total: int = MAX_TOTAL_UNCOMPRESSED,
        max_ratio: int = MAX_RATIO,
        ratio_min_size: int = RATIO_MIN_SIZE,
        progress: ByteProgress | None = None,
    ) -> None:
        super().__init__(label)
        self.path = path
        self._members: dict[str, tarfile.TarInfo] = {}
        self._heads: dict[str, bytes] = {}
        self._head_bytes = 0
        compressed = max(path.stat().st_size, 1)
        try:
            # Kept open for the source's life, like ZipSource's handle; the raw
            # file's position tells how far the walk has come.
            self._raw = path.open("rb")
            self._tar = tarfile.open(fileobj=self._raw, mode="r:gz")  # noqa: SIM115
            total = 0
            for info in self._tar:
                if progress:
                    progress("opening archive", self._raw.tell(), compressed)
                rel = _safe_member_name(info.name)
                if rel is None:
                    raise InputError(f"{label}!{info.name}", "unsafe path in tar archive")
                if not info.isfile() or not rel:
                    continue  # links, devices and folders are never followed
                if rel in self._members:
                    raise InputError(f"{label}!{rel}", "duplicate entry in tar archive")
                if len(self._members) >= MAX_MEMBERS:
                    raise InputError(label, f"tar archive has more than {MAX_MEMBERS} entries")
                total += info.size
                if total > max_total:
                    raise InputError(label, f"tar archive expands to more than {max_total} bytes")
                if total > ratio_min_size and total / compressed > max_ratio:
                    raise InputError(
                        label, f"compression ratio above {max_ratio}:1 looks like a tar bomb"
                    )
                self._members[rel] = info
                self._heads[rel] = self._first_bytes(info)
        except InputError:
            raise
        except (tarfile.TarError, zlib.error, EOFError, OSError) as exc:
            raise InputError(label, self.corrupt) from exc
        if progress:
            progress("opening archive", compressed, compressed)

    def _first_bytes(self, info: tarfile.TarInfo) -> bytes:
        fh = self._tar.extractfile(info)
        if fh is None:
            return b""
        head = fh.read(SNIFF)
        if b"\0" not in head and len(head) == SNIFF and self._head_bytes < HEAD_BUDGET:
            # Text gets the longer look detection needs; binaries (media) do not.
            head += fh.read(SNIFF_TEXT - SNIFF)
        self._head_bytes += len(head)
        return head

    def files(self) -> list[str]:
        kept = [r for r in self._members if not _skipped(tuple(PurePosixPath(r).parts))]
        return sorted(_drop_x_viewer(kept))

    def head(self, rel: str, size: int = 65536) -> bytes:
        cached = self._heads.get(rel, b"")
        if len(cached) >= size or len(cached) == self._members[rel].size:
            return cached[:size]
        return super().head(rel, size)

    def open(self, rel: str) -> BinaryIO:
        fh = self._tar.extractfile(self._members[rel])
        if fh is None:
            raise InputError(self.where(rel), "not a regular file")
        return fh  # type: ignore[return-value]

    def real_path(self, rel: str) -> Path | None:
        return None

    def size(self, rel: str) -> int | None:
        return self._members[rel].size

    def close(self) -> None:
        """Release the archive's file handle."""
        self._tar.close()
        self._raw.close()
