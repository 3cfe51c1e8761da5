"""Pre-approved public responses: the ``[[responses]]`` entries of the policy file.

A response is a text the company has cleared for public use, in one language,
for posts with certain flags (an answer to a complaint, a note that a post was
removed, a pointer to the press office). The TUI offers the responses that fit
the post on screen (:func:`fitting`) and copies the chosen one to the clipboard.

Responses are company-specific, so a user's policy file never inherits the
default pack's; and they do not change what is flagged, so they are left out
of the policy version (editing one does not re-flag anything).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.errors import InputError
from reviewer.model import RULES

KEYS: dict[str, str] = {
    "id": "an identifier such as complaint_ack_en (letters, digits, _ and -)",
    "lang": "a two-letter language code such as en or de",
    "rules": "a list of the rule names the response fits",
    "title": "a short label shown in the list",
    "text": "the response text",
}
REQUIRED = ("id", "lang", "rules", "text")
MAX_TEXT = 1000  # cells; a public reply is short, and the list shows it whole
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LANG_RE = re.compile(r"^[a-z]{2}$")
_HEADER_RE = re.compile(r"^\s*\[\[\s*responses\s*\]\]\s*(?:#.*)?$")
_ANY_HEADER_RE = re.compile(r"^\s*\[")
_MENTION_RE = re.compile(r"^\s*(?:\[?\[\s*responses\s*\]|responses\s*=)")


@dataclass(frozen=True, slots=True)
class Response:
    """One pre-approved public response."""

    id: str
    lang: str
    rules: tuple[str, ...]
    text: str
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or self.id


def check_responses(raw: Any, lines: Sequence[str], where: str) -> list[dict[str, Any]]:
    """Validate ``[[responses]]`` (``raw``: the parsed value) into plain, JSON-able dicts.

    Errors are :class:`InputError` of the form
    ``line N: [[responses]] #K key: what is wrong``, K counting from 1.
    """
    if not isinstance(raw, list):
        raise InputError(
            where, f"line {_line(lines, None, None)}: [responses]: write it as [[responses]] tables"
        )
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):

        def fail(key: str | None, problem: str, index: int = index) -> InputError:
            label = f"[[responses]] #{index + 1}" + (f" {key}" if key else "")
            return InputError(where, f"line {_line(lines, index, key)}: {label}: {problem}")

        if not isinstance(entry, dict):
            raise fail(None, "must be a table")
        for key in entry:
            if key not in KEYS:
                raise fail(key, f"unknown key (known: {', '.join(KEYS)})")
        for key in REQUIRED:
            if key not in entry:
                raise fail(None, f"missing key {key} ({KEYS[key]})")
        for key in ("id", "lang", "title", "text"):
            if key in entry and not isinstance(entry[key], str):
                raise fail(key, "must be a string")
        ident = entry["id"].strip()
        if not _ID_RE.match(ident):
            raise fail("id", f'"{ident}" must be {KEYS["id"]}, lower case, at most 64 characters')
        if ident in seen:
            raise fail("id", f'duplicate id "{ident}"')
        seen.add(ident)
        lang = entry["lang"].strip().lower()
        if not _LANG_RE.match(lang):
            raise fail("lang", f'"{entry["lang"]}" must be {KEYS["lang"]}')
        rules = entry["rules"]
        if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
            raise fail("rules", "must be a non-empty list of rule names")
        for rule in rules:
            if rule not in RULES:
                raise fail("rules", f'unknown rule "{rule}" (known: {", ".join(RULES)})')
        text = entry["text"].strip()
        if not text:
            raise fail("text", "must not be empty")
        if len(text) > MAX_TEXT:
            raise fail("text", f"is {len(text)} characters; at most {MAX_TEXT}")
        out.append(
            {
                "id": ident,
                "lang": lang,
                "rules": sorted(set(rules), key=list(RULES).index),
                "title": entry.get("title", "").strip(),
                "text": text,
            }
        )
    return out


def _line(lines: Sequence[str], index: int | None, key: str | None) -> int:
    """The 1-based line of ``key`` in the ``index``-th ``[[responses]]`` table (best effort)."""
    headers = [i for i, line in enumerate(lines) if _HEADER_RE.match(line)]
    if index is None or index >= len(headers):
        for i, line in enumerate(lines):
            if re.match(r"^\s*\[?\[\s*responses\s*\]", line) or re.match(
                r"^\s*responses\s*=", line
            ):
                return i + 1
        return 1
    start = headers[index]
    if key is None:
        return start + 1
    key_re = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    for i in range(start + 1, len(lines)):
        if _ANY_HEADER_RE.match(lines[i]):
            break
        if key_re.match(lines[i]):
            return i + 1
    return start + 1


def build_responses(checked: Iterable[dict[str, Any]]) -> list[Response]:
    """:class:`Response` objects from the output of :func:`check_responses`."""
    return [
        Response(c["id"], c["lang"], tuple(c["rules"]), c["text"], c.get("title", ""))
        for c in checked
    ]


def fitting(
    responses: Iterable[Response], rules: Sequence[str], lang: str | None
) -> list[Response]:
    """The responses for a post with flags ``rules`` (most important first) in ``lang``.

    A response fits when it names one of the rules and is in the post's
    language (compared by the primary subtag, so ``de-AT`` fits ``de``); a
    post of unknown language is offered every language. Responses for the
    post's first rule come first, then in policy order.
    """
    primary = (lang or "").split("-")[0].split("_")[0].lower() or None
    order = {rule: n for n, rule in enumerate(rules)}
    found = [
        r
        for r in responses
        if (primary is None or r.lang == primary) and any(rule in order for rule in r.rules)
    ]
    return sorted(found, key=lambda r: min(order.get(rule, len(order)) for rule in r.rules))
