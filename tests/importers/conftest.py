"""Shared fixtures for the importer tests: sample paths and archive builders."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_exports"
REAL_TWITTER = REPO / ".." / "shared" / "real_exports" / "twitter"

ZipFolder = Callable[..., Path]


def _zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return target


@pytest.fixture
def samples() -> Path:
    """The repository's sample_exports/ folder."""
    return SAMPLES


@pytest.fixture
def x_sample() -> Path:
    """The synthetic X archive (read-only use)."""
    return SAMPLES / "x"


@pytest.fixture
def generic_sample() -> Path:
    """The synthetic generic exports (posts.csv, posts.ndjson)."""
    return SAMPLES / "generic"


@pytest.fixture
def zip_folder() -> ZipFolder:
    """``zip_folder(folder, target, prefix="")`` zips a folder's files under ``prefix``."""
    return _zip_folder


@pytest.fixture
def x_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample X archive."""
    return Path(shutil.copytree(SAMPLES / "x", tmp_path / "x-archive"))


@pytest.fixture
def real_twitter() -> Path:
    """The real X export in ../shared, or a skip when this checkout does not have it."""
    if not (REAL_TWITTER / "tweets.js").is_file():
        pytest.skip(f"real X export not available at {REAL_TWITTER} (see shared/real_exports)")
    return REAL_TWITTER.resolve()
