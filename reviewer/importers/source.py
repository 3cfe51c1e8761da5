"""Read a folder, a ``.zip`` or a single file through one small interface.

Importers never touch the file system directly: they list relative paths and
read bytes through a :class:`Source`. Zip members are read in memory and never
extracted, so a hostile archive cannot write anywhere; its paths, sizes and
compression ratios are checked before any member is read.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reviewer.errors import InputError

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
GZIP_MAGIC = b"\x1f\x8b"

# Limits against zip bombs. Real exports are large (X archives with media reach
# gigabytes) but text compresses at most ~20:1, media hardly at all.
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * 1024**2
MAX_MEMBERS = 500_000

_CHUNK = 1024 * 1024

# Called with (what is being done, bytes done, bytes in all) during long reads
# before any post comes out: opening a .tar.gz, hashing the input files.
ByteProgress = Callable[[str, int, int | None], None]


def _skipped(parts: tuple[str, ...]) -> bool:
    """Files no importer should see: macOS resource forks, hidden files."""
    return any(p == "__MACOSX" or p.startswith(".") for p in parts)


def _drop_x_viewer(paths: list[str]) -> list[str]:
    """Drop X's offline viewer (``assets/`` beside ``Your archive.html`` or ``data/``).

    Only the viewer's folder is dropped: an ``assets`` folder elsewhere may hold
    a user's own export.
    """
    present = set(paths)
    dirs = {str(parent) for p in paths for parent in PurePosixPath(p).parents}
    viewer_roots = set()
    for d in dirs:
        prefix = "" if d == "." else d + "/"
        if prefix + "Your archive.html" in present or (prefix + "data") in dirs:
            viewer_roots.add(prefix + "assets/")
    return [p for p in paths if not any(p.startswith(r) for r in viewer_roots)]


class Source(ABC):
    """A read-only tree of files addressed by relative POSIX paths."""

    corrupt = "truncated or corrupt zip archive"

    def __init__(self, label: str) -> None:
        self.label = label

    @abstractmethod
    def files(self) -> list[str]:
        """Relative paths of every file, sorted, without skipped entries."""

    @abstractmethod
    def open(self, rel: str) -> BinaryIO:
        """Open one file for binary reading."""

    @abstractmethod
    def real_path(self, rel: str) -> Path | None:
        """The file on disk, when there is one (lets a folder hold zips)."""

    def where(self, rel: str) -> str:
        """How errors name a file: the input as given, ``!`` and the inner path."""
        return f"{self.label}!{rel}"

    @contextmanager
    def reading(self, rel: str) -> Iterator[BinaryIO]:
        """Open ``rel`` for binary reading; read failures become InputError naming it."""
        try:
            with self.open(rel) as fh:
                yield fh
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, tarfile.TarError) as exc:
            raise InputError(self.where(rel), self.corrupt) from exc
        except NotImplementedError as exc:
            # e.g. Deflate64, which Windows Explorer uses for large archives
            raise InputError(self.where(rel), "unsupported zip compression method") from exc
        except OSError as exc:
            raise InputError(self.where(rel), f"cannot read: {exc.strerror or exc}") from exc

    def read_bytes(self, rel: str) -> bytes:
        """The whole file."""
        with self.reading(rel) as fh:
            return fh.read()

    def head(self, rel: str, size: int = 65536) -> bytes:
        """The first ``size`` bytes, for content sniffing."""
        with self.reading(rel) as fh:
            return fh.read(size)

    def size(self, rel: str) -> int | None:
        """The file's size in bytes, when known without reading it."""
        path = self.real_path(rel)
        try:
            return path.stat().st_size if path is not None else None
        except OSError:
            return None

    def sha256(self, rel: str, progress: Callable[[int], None] | None = None) -> str:
        """Hex SHA-256 of one file, read in chunks; ``progress`` gets each chunk's size."""
        digest = hashlib.sha256()
        with self.reading(rel) as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
                if progress:
                    progress(len(chunk))
        return digest.hexdigest()


class FileSource(Source):
    """A single file given directly: its one relative path is its name."""

    def __init__(self, path: Path, label: str) -> None:
        super().__init__(label)
        self.path = path

    def files(self) -> list[str]:
        return [self.path.name]

    def open(self, rel: str) -> BinaryIO:
        return self.path.open("rb")

    def real_path(self, rel: str) -> Path | None:
        return self.path

    def where(self, rel: str) -> str:
        return self.label


class FolderSource(Source):
    """An unpacked archive or any folder of exports."""

    def __init__(self, root: Path, label: str) -> None:
        super().__init__(label)
        self.root = root

    def files(self) -> list[str]:
        found: list[str] = []

        def unreadable(exc: OSError) -> None:
            # os.walk skips unreadable folders silently; a partial import must not.
            rel = Path(os.path.relpath(exc.filename or self.root, self.root)).as_posix()
            where = self.label if rel == "." else self.where(rel)
            raise InputError(where, f"cannot read: {exc.strerror or exc}") from exc

        # Symlinked folders are not followed: a link loop must not hang an import.
        for dirpath, dirnames, filenames in os.walk(self.root, onerror=unreadable):
            rel_dir = Path(dirpath).relative_to(self.root)
            dirnames[:] = [d for d in dirnames if not _skipped((d,))]
            for name in filenames:
                rel = (rel_dir / name).as_posix()
                if _skipped((name,)) or not (Path(dirpath) / name).is_file():
                    continue
                found.append(rel)
        return sorted(_drop_x_viewer(found))

    def open(self, rel: str) -> BinaryIO:
        return (self.root / rel).open("rb")

    def real_path(self, rel: str) -> Path | None:
        return self.root / rel


def _safe_member_name(name: str) -> str | None:
    """The member's relative path, or None when it could escape the archive root."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return None
    parts = [p for p in norm.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return "/".join(parts)


class ZipSource(Source):
    """A ``.zip`` archive, validated on opening and read member by member in memory."""

    def __init__(
        self,
        path: Path,
        label: str,
        *,
        max_total: int = MAX_TOTAL_UNCOMPRESSED,
        max_ratio: int = MAX_RATIO,
        ratio_min_size: int = RATIO_MIN_SIZE,
    ) -> None:
        super().__init__(label)
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise InputError(label, "truncated or corrupt zip archive") from exc
        except OSError as exc:
            raise InputError(label, f"cannot read: {exc.strerror or exc}") from exc
        if len(infos) > MAX_MEMBERS:
            raise InputError(label, f"zip archive has more than {MAX_MEMBERS} entries")
        self._members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            rel = _safe_member_name(info.filename)
            if rel is None:
                raise InputError(f"{label}!{info.filename}", "unsafe path in zip archive")
            if info.is_dir() or not rel:
                continue
            if rel in self._members:
                raise InputError(f"{label}!{rel}", "duplicate entry in zip archive")
            if info.flag_bits & 0x1:
                raise InputError(f"{label}!{rel}", "encrypted zip entries are not supported")
            total += info.file_size
            if total > max_total:
                raise InputError(label, f"zip archive expands to more than {max_total} bytes")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > ratio_min_size and ratio > max_ratio:
                raise InputError(
                    f"{label}!{rel}", f"compression ratio {ratio:.0f}:1 looks like a zip bomb"
                )
            self._members[rel] = info

    def files(self) -> list[str]:
        kept = [r for r in self._members if not _skipped(tuple(PurePosixPath(r).parts))]
        return sorted(_drop_x_viewer(kept))

    def open(self, rel: str) -> BinaryIO:
        # ZipExtFile never yields more than the declared file_size and checks the
        # CRC at the end, so a member cannot expand beyond what was validated.
        return self._zip.open(self._members[rel])

    def real_path(self, rel: str) -> Path | None:
        return None

    def size(self, rel: str) -> int | None:
        return self._members[rel].file_size

    def close(self) -> None:
        """Release the archive's file handle."""
        self._zip.close()


def is_zip(head: bytes) -> bool:
    """Whether bytes start like a zip archive (a truncated one too)."""
    return head.startswith(ZIP_MAGIC)


def is_archive(head: bytes) -> bool:
    """Whether bytes start like a zip or a gzip-compressed (tar) archive."""
    return is_zip(head) or head.startswith(GZIP_MAGIC)


def open_archive(path: Path, label: str, progress: ByteProgress | None = None) -> Source:
    """Open a ``.zip`` or ``.tar.gz`` (older Mastodon archives) on disk as a Source.

    A ``.tar.gz`` is read to its end on opening (see :class:`TarSource`);
    ``progress`` follows that read.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(GZIP_MAGIC):
        from reviewer.importers.source_tar import TarSource

        return TarSource(path, label, progress=progress)
    return ZipSource(path, label)


def open_source(path: Path, label: str, progress: ByteProgress | None = None) -> Source:
    """Open ``path`` (folder, zip, tar.gz or plain file) as a :class:`Source` labelled ``label``."""
    if path.is_dir():
        return FolderSource(path, label)
    if not path.exists():
        raise InputError(label, "no such file or directory")
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}") from exc
    if is_archive(head) or path.suffix.lower() == ".zip":
        return open_archive(path, label, progress)
    return FileSource(path, label)
