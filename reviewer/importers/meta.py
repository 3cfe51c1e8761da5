"""Meta exports (Facebook, Instagram, Threads): finding their files and reading them.

Meta moved every file between export years (``posts/your_posts_1.json`` →
``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json``),
so files are recognised by their JSON shape. Files of one export are those
under the same root once Meta's layout folders are removed; its profile file
gives the author. One root can hold a Facebook, an Instagram and a Threads
export at once (an Accounts Center download).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import numpy as np

from reviewer.importers import facebook, instagram, threads
from reviewer.importers.common import (
    FilesExport,
    RecordError,
    folder_of,
    merge_duplicate,
    root_of,
)
from reviewer.importers.jsonstream import iter_items, load_small
from reviewer.importers.sniff import JsonHead, Scan
from reviewer.importers.source import FileSource, Source
from reviewer.model import Post

PLATFORMS = ("facebook", "instagram", "threads")
LAYOUT_DIRS = (
    "your_facebook_activity",
    "your_activity_across_facebook",
    "your_instagram_activity",
    "personal_information",
    "profile_information",
    "account_information",
    "posts",
    "comments",
    "comments_and_reactions",
    "content",
    "media",
    "threads",
    "groups",
)
_FB_POST_KEYS = {"data", "attachments", "title"}


@dataclass(frozen=True, slots=True)
class _Role:
    platform: str
    role: str  # "posts", "comments", "profile"
    paths: tuple[tuple[str, ...], ...] = ()


def classify(shape: JsonHead, rel: str) -> _Role | None:
    """What a Meta JSON file holds, from its shape; None when it is none of them."""
    top, items = shape.top(), shape.items()
    if "timestamp" in items and items & _FB_POST_KEYS and not items & {"media", "string_map_data"}:
        return _Role("facebook", "posts", ((),))
    if "status_updates" in top:  # 2018
        return _Role("facebook", "posts", (("status_updates",),))
    if "comments_v2" in top:
        return _Role("facebook", "comments", (("comments_v2",),))
    if "comments" in top and shape.at("comments", "item") & {"timestamp", "data"}:
        return _Role("facebook", "comments", (("comments",),))
    if "profile_v2" in top or ("profile" in top and "name" in shape.at("profile")):
        return _Role("facebook", "profile")
    if "media" in items and shape.at("item", "media", "item") & {"uri", "creation_timestamp"}:
        return _Role("instagram", "posts", ((),))
    if threads.POSTS_KEY in top:
        return _Role("threads", "posts", ((threads.POSTS_KEY,),))
    if "profile_user" in top:
        return _Role("instagram", "profile")
    comment_keys = [k for k in top if k.startswith("comments_")]
    if {"string_map_data", "media_list_data"} <= items:
        labels = shape.at("item", "string_map_data")
    elif comment_keys:
        labels = shape.at(comment_keys[0], "item", "string_map_data")
    else:
        return None
    named = {label.lower() for label in labels} & instagram.COMMENT_LABELS
    if named or "comment" in PurePosixPath(rel).name.lower():
        paths = tuple((k,) for k in comment_keys) if comment_keys else ((),)
        return _Role("instagram", "comments", paths)
    return None


class MetaExport(FilesExport):
    """One platform's files under one Meta export root."""

    def __init__(
        self,
        src: Source,
        platform: str,
        root: str,
        roles: dict[str, _Role],
        profiles: list[str],
        owner: str | None,
    ) -> None:
        super().__init__(src, root, list(roles), profiles)
        self.platform = platform
        self._roles = roles
        self._owner = owner
        if platform == "threads" and not isinstance(src, FileSource):
            # Threads shares its root with the Instagram export; its own folder names it.
            folder = folder_of(self.main[0])
            self.source = src.where(folder) if folder else src.label

    def _author(self) -> str | None:
        for rel in self.side:
            profile = load_small(self._src, rel)
            name = (
                facebook.profile_name(profile)
                if self.platform == "facebook"
                else instagram.profile_username(profile)
            )
            if name:
                return name
        return self._owner

    def _mapper(self, role: str) -> Callable[[Any, str | None, str], Post]:
        if self.platform == "facebook":
            return facebook.entry_to_post
        if self.platform == "threads":
            return threads.thread_post
        if role == "comments":
            return instagram.comment_post
        return lambda rec, author, source: instagram.media_post(rec, "instagram", author, source)

    def _posts(self, author: str | None) -> Iterator[Post]:
        """Every record as a post, duplicates included, as the files stream in."""
        for rel in self.main:
            role = self._roles[rel]
            mapper = self._mapper(role.role)
            source_file = self.rel(rel)
            for index, (_, record) in enumerate(iter_items(self._src, rel, list(role.paths)), 1):
                try:
                    yield mapper(record, author, source_file)
                except RecordError as exc:
                    raise self.fail(rel, f"record {index}", str(exc)) from exc

    def posts(self) -> Iterator[Post]:
        """Every post and comment; Facebook's duplicate records are merged into one post.

        Streamed: a post is yielded as soon as its record is read, except a
        Facebook post written more than once, which waits for its last record.
        Which ids repeat is found by a first read of the files that keeps an
        8-byte hash per post.
        """
        author = self._author()
        if self.platform != "facebook":
            seen: set[str] = set()
            for post in self._posts(author):
                if post.post_id in seen:
                    self.skipped["duplicate record"] += 1
                    continue
                seen.add(post.post_id)
                yield post
            return
        hashes = array("q", (hash(post.post_id) for post in self._posts(author)))
        values, counts = np.unique(np.frombuffer(hashes, dtype=np.int64), return_counts=True)
        left = dict(zip(values[counts > 1].tolist(), counts[counts > 1].tolist(), strict=True))
        del hashes, values, counts
        held: dict[int, dict[str, Post]] = {}  # by hash: ids whose hashes collide share one
        for post in self._posts(author):
            key = hash(post.post_id)
            if key not in left:
                yield post
                continue
            waiting = held.setdefault(key, {})
            kept = waiting.get(post.post_id)
            if kept is None:
                waiting[post.post_id] = post
            else:
                merge_duplicate(kept, post)
            left[key] -= 1
            if left[key] == 0:  # the last record with this hash
                del left[key]
                yield from held.pop(key).values()


def find(
    scan: Scan, owner: str | None, only: str | None = None
) -> tuple[list[MetaExport], set[str]]:
    """The Meta exports in a scanned source and the files they claim."""
    groups: dict[tuple[str, str], dict[str, _Role]] = {}
    profiles: dict[tuple[str, str], list[str]] = {}
    for rel in scan.files:
        shape = scan.json(rel)
        if shape.kind is None:
            continue
        role = classify(shape, rel)
        if role is None or (only is not None and role.platform != only and role.role != "profile"):
            continue
        root = root_of(rel, LAYOUT_DIRS)
        if role.role == "profile":
            profiles.setdefault((role.platform, root), []).append(rel)
        else:
            groups.setdefault((role.platform, root), {})[rel] = role
    exports = []
    claimed: set[str] = set()
    for (platform, root), roles in sorted(groups.items()):
        # Threads posts take their author from the Instagram profile beside them.
        profile_platform = "instagram" if platform == "threads" else platform
        side = profiles.get((profile_platform, root), [])
        exports.append(MetaExport(scan.src, platform, root, roles, side, owner))
        claimed |= set(roles) | set(side)
    return exports, claimed
