"""The Markdown incident report. Text from the database is escaped so it cannot change the
document: no markup, no links, no HTML, no new lines or table cells."""

from __future__ import annotations

import re

from reviewer.reports.document import (
    BOLD,
    CODE,
    LINK,
    MARK,
    Block,
    Bullets,
    Heading,
    Inline,
    Para,
    Quote,
    Section,
    Table,
    document,
)
from reviewer.reports.model import Report

# Characters that start inline markup (emphasis, code, links, HTML, entities, tables).
_INLINE = re.compile(r"([\\`*{}\[\]<>|~&])")
# An underscore between two letters or digits ("false_positive") can never start or end
# emphasis (CommonMark's flanking rules); every other one is escaped.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What turns the start of a line into a heading, list, quote or rule.
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_ANY_SPECIAL = re.compile(r"[\\`*{}\[\]<>|~&_\r\n\u2028\u2029\x85\x0b\x0c]")
_STARTERS = frozenset("#>+=-0123456789 \t")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85|\x0b|\x0c")


def _escape_marker(m: re.Match[str]) -> str:
    if m.group(1):
        return f"\\{m.group(1)}"
    return f"{m.group(2)}\\{m.group(3)}"


def md_escape(text: str, *, line_start: bool = True) -> str:
    """Escape ``text`` so it renders literally, on one line.

    ``line_start``: the text begins a line, where ``#``, ``>``, ``-``, ``+``, ``=`` or
    ``1.`` would start a heading, quote or list.
    """
    if not _ANY_SPECIAL.search(text) and not (line_start and text[:1] in _STARTERS):
        return text  # the common case, and most of a big report's runs
    escaped = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    escaped = _NEWLINES.sub(" ⏎ ", escaped)
    if line_start:
        stripped = escaped.lstrip(" \t")
        # Leading blanks would indent into a code block: written as character references.
        blanks = "&#32;" * (len(escaped) - len(stripped))
        escaped = blanks + _LINE_START.sub(_escape_marker, stripped, count=1)
    return escaped


def _code(text: str, *, in_table: bool) -> str:
    """A code span whose fence is longer than any backtick run inside it."""
    text = _NEWLINES.sub(" ", text)
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(href: str) -> str:
    """An autolink target: nothing that ends it early or breaks the line."""
    return re.sub(r"[\s<>`]", lambda m: f"%{ord(m.group(0)):02X}", href)


def inline(runs: Inline, *, in_table: bool = False) -> str:
    """Runs as Markdown; unless ``in_table``, the first run begins a line."""
    out = []
    for n, run in enumerate(runs):
        start = n == 0 and not in_table
        if run.style == CODE:
            out.append(_code(run.text, in_table=in_table))
        elif run.style == LINK and run.href:
            out.append(f"<{_url(run.href)}>")
        elif run.style in (MARK, BOLD):
            text = md_escape(run.text, line_start=False)
            core = text.strip()
            if not core:
                out.append(text)
                continue
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(md_escape(run.text, line_start=start))
    return "".join(out)


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(md_escape(h, line_start=False) for h in table.header) + " |"]
    lines.append(
        "|"
        + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header)))
        + "|"
    )
    for row in table.rows:
        lines.append("| " + " | ".join(inline(c, in_table=True) for c in row) + " |")
    return lines


def render_blocks(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_escape(block.text, line_start=False), ""]
        elif isinstance(block, Para):
            lines += [inline(block.runs), ""]
        elif isinstance(block, Bullets):
            lines += ["- " + inline(item) for item in block.items] + [""]
        elif isinstance(block, Table):
            lines += [*_table(block), ""]
        elif isinstance(block, Quote):
            lines += ["> " + inline(block.runs), ""]
        elif isinstance(block, Section):
            continue
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(report: Report) -> str:
    """The whole report as a Markdown document."""
    return render_blocks(document(report))
