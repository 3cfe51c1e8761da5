"""Threads posts, shipped inside the Instagram / Accounts Center export.

``your_instagram_activity/threads/threads_and_replies.json`` holds
``{"text_post_app_text_posts": [...]}``: Instagram-shaped posts, text-only ones
with an empty media ``uri``, replies marked by ``text_app_post.is_reply``. The
author is the Instagram handle of the same export.
"""

from __future__ import annotations

from typing import Any

from reviewer.importers.instagram import media_post
from reviewer.model import Post

POSTS_KEY = "text_post_app_text_posts"


def thread_post(record: Any, author: str | None, source_file: str) -> Post:
    """One Threads post or reply; raises RecordError when unusable."""
    return media_post(record, "threads", author, source_file)
