"""The one place where importers repair post text.

Every platform damages text in its own way (X escapes HTML entities, Meta
double-encodes UTF-8, Mastodon ships HTML). Importers call these helpers so the
same repair behaves the same everywhere and is tested once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

# Only entities closed by ';' are decoded. html.unescape alone also decodes
# legacy forms without ';' ("&not", "&copy"), which would mangle expanded URLs
# such as "?a=1&not=2" and text like "&copy2024".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """Decode HTML character references that end with ``;`` (``&amp;`` → ``&``).

    Decoding is a single pass: ``&amp;lt;`` becomes ``&lt;``, not ``<``.
    Unknown names are left as they are.
    """
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C (composed umlauts and accents)."""
    return unicodedata.normalize("NFC", text)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 bytes that were decoded as Latin-1 (Meta exports: ``Ã¼`` → ``ü``).

    The round trip only applies when every character fits in one byte and the
    bytes form valid UTF-8; anything else is returned unchanged, so correct
    text (``café`` in real Latin-1 range) is never damaged.
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


# Elements whose start or end separates lines of text.
_BLOCK = frozenset(
    {"p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP = frozenset({"script", "style"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Turn post HTML (Mastodon ``content``) into plain text.

    Paragraphs become blank-line separated, ``<br>`` a newline; tags are
    dropped, entities decoded, and ``<script>``/``<style>`` content discarded.
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
