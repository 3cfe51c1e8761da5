"""The HTML incident report: one self-contained file that prints well.

Every string from the database is escaped; links go only to http(s) addresses; the page has
no scripts and no external assets, and its Content-Security-Policy forbids loading any.
"""

from __future__ import annotations

from html import escape

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

_STYLE = """
:root{color-scheme:light}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1a1a1a}
h1,h2,h3{line-height:1.25}h2{border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
td,th{border:1px solid #bbb;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}
blockquote{border-left:4px solid #888;margin:.5rem 0;padding:.4rem 1rem;background:#f5f5f5;
white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffe082;padding:0 .1em}code{font-size:12px;overflow-wrap:anywhere}
section.incident{border-top:1px solid #ccc;margin-top:1.2rem}
nav ol{columns:2}.classification{font-weight:bold;color:#b71c1c;letter-spacing:.05em}
@page{size:A4;margin:16mm 14mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10.5pt}
nav{display:none}h2{break-before:page}h2,h3{break-after:avoid}
section.incident{break-inside:avoid-page}
table{font-size:9pt}thead{display:table-header-group}tr,blockquote{break-inside:avoid}
a{color:inherit;overflow-wrap:anywhere}
mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'"


def _e(value: object) -> str:
    text = "" if value is None else str(value)
    return escape(text.replace("\r\n", "\n").replace("\r", "\n"), quote=True)


def inline(runs: Inline) -> str:
    out = []
    for run in runs:
        text = _e(run.text)
        if run.style == CODE:
            out.append(f"<code>{text}</code>")
        elif run.style == MARK:
            out.append(f"<mark>{text}</mark>")
        elif run.style == BOLD:
            out.append(f"<strong>{text}</strong>")
        elif run.style == LINK and run.href:
            out.append(f'<a href="{_e(run.href)}" rel="noopener noreferrer nofollow">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def _table(table: Table) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in table.header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{inline(c)}</td>' if i in table.numeric else f"<td>{inline(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>\n"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"


def render_blocks(blocks: list[Block]) -> str:
    out: list[str] = []
    in_section = False
    for block in blocks:
        closes = isinstance(block, Section) or (isinstance(block, Heading) and block.level <= 2)
        if closes and in_section:
            out.append("</section>\n")
            in_section = False
        if isinstance(block, Section):
            out.append(f'<section class="incident" id="{_e(block.anchor)}-section">\n')
            in_section = True
        elif isinstance(block, Heading):
            anchor = f' id="{_e(block.anchor)}"' if block.anchor else ""
            out.append(f"<h{block.level}{anchor}>{_e(block.text)}</h{block.level}>\n")
        elif isinstance(block, Para):
            out.append(f"<p>{inline(block.runs)}</p>\n")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in block.items) + "</ul>\n")
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Quote):
            out.append(f"<blockquote>{inline(block.runs)}</blockquote>\n")
    if in_section:
        out.append("</section>\n")
    return "".join(out)


def _nav(blocks: list[Block]) -> str:
    items = "".join(
        f'<li><a href="#{_e(b.anchor)}">{_e(b.text)}</a></li>'
        for b in blocks
        if isinstance(b, Heading) and b.level == 2 and b.anchor
    )
    return f"<nav><ol>{items}</ol></nav>\n"


def render_html(report: Report) -> str:
    """The whole report as one HTML document with inline style and no external assets."""
    blocks = document(report)
    first_h2 = next(
        (n for n, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2), len(blocks)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n'
        f"<title>Incident report {_e(report.report_id)}</title>\n<style>{_STYLE}</style>\n"
        "</head>\n<body>\n"
        '<p class="classification">CONFIDENTIAL · VERTRAULICH</p>\n'
        + render_blocks(blocks[:first_h2])
        + _nav(blocks)
        + render_blocks(blocks[first_h2:])
        + "</body>\n</html>\n"
    )
