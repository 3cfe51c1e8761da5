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


# One UTF-8 sequence seen as Latin-1: a lead byte and its continuation bytes.
_MOJIBAKE_SEQ = re.compile(
    "[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# C1 control characters never occur in real text; in Meta exports they are the
# middle bytes of double-encoded emoji and capitals ("Ã\x84" for "Ä").
_C1 = re.compile("[\x80-\x9f]")


def _fix_sequence(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 bytes that were decoded as Latin-1 (Meta exports: ``Ã¼`` → ``ü``).

    The round trip only applies when every character fits in one byte and the
    bytes form valid UTF-8; anything else is returned unchanged, so correct
    text (``café`` in real Latin-1 range) is never damaged. One exception: a
    string that mixes real non-ASCII text with mojibake (an export someone
    half-repaired) is fixed sequence by sequence, but only when it holds C1
    control characters, which no real text contains.
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeEncodeError:
        if not _C1.search(text):
            return text
    except UnicodeDecodeError:
        if not _C1.search(text):
            return text
    return _MOJIBAKE_SEQ.sub(_fix_sequence, text)


def repair(text: str, *, mojibake: bool = False, entities: bool = False) -> str:
    """The usual repair of a post text: optional mojibake and entity fixes, then NFC.

    Line endings become ``\n`` so rules and evidence offsets see one form.
    """
    if mojibake:
        text = fix_mojibake(text)
    if entities:
        text = unescape_entities(text)
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


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
