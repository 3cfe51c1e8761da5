"""Hostile post text is inert in every format: checked by parsing the output, not by grepping.

The golden database holds posts with ``<script>``, Markdown links to ``javascript:``, table
pipes, emphasis, leading ``#``/``>``/``-``, formula starts, CR/LF and an author named like
a spreadsheet command.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reviewer.reports import build_report
from reviewer.reports.deliver import render
from reviewer.reports.document import Run
from reviewer.reports.markdown import inline, md_escape
from reviewer.reports.model import Report
from reviewer.store import Store
from tests.reports import golden_db

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = "*_`[]()<>#|~&\\-+=!.1: \n\rajs"
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = golden_db.build(tmp_path_factory.mktemp("hostile") / "h.duckdb")
    with Store.open(path, read_only=True) as store:
        return build_report(store, generated_by="<img src=x onerror=alert(1)>")


def _inline_tokens(src: str) -> list:
    tokens = MD.parse(src)
    return [child for t in tokens if t.type == "inline" for child in t.children or []]


def _literal(text: str) -> str:
    """What an escaped run must render as: the text, newlines shown as ⏎, tabs as spaces."""
    text = re.sub(r"\r\n|\r|\n", " ⏎ ", text)
    stripped = text.lstrip(" \t")
    return " " * (len(text) - len(stripped)) + stripped


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=HOSTILE, max_size=40))
def test_escaped_markdown_renders_as_the_literal_text(text: str) -> None:
    for prefix in ("", "- ", "> "):
        children = _inline_tokens(prefix + md_escape(text))
        assert {c.type for c in children} <= {"text"}, (text, prefix)
        rendered = "".join(c.content for c in children)
        assert rendered.strip() == _literal(text).strip(), (text, prefix)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=HOSTILE, max_size=20), min_size=2, max_size=4))
def test_hostile_table_cells_stay_in_their_cell(cells: list[str]) -> None:
    header = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |"
    rule = "|" + "|".join("---" for _ in cells) + "|"
    row = "| " + " | ".join(inline([Run(c)], in_table=True) for c in cells) + " |"
    tokens = MD.parse("\n".join([header, rule, row]))
    assert sum(1 for t in tokens if t.type == "td_open") == len(cells)
    assert all(c.type == "text" for t in tokens if t.type == "inline" for c in t.children or [])


def test_markdown_report_has_no_live_markup_from_posts(report: Report) -> None:
    text = render(report, "md", None)
    assert text is not None
    kinds = {c.type for c in _inline_tokens(text)}
    assert "html_inline" not in kinds and "image" not in kinds
    hrefs = [
        c.attrGet("href") for c in _inline_tokens(text) if c.type == "link_open"
    ]  # only the posts' own http(s) links
    assert hrefs and all(str(h).startswith("https://example.com/") for h in hrefs)
    assert not any(t.type == "html_block" for t in MD.parse(text))
    # every heading is one the report made
    headings = [MD.parse(line)[1].content for line in text.splitlines() if line.startswith("#")]
    assert all(re.match(r"(Incident report|\d|Appendix|Open|Notable|[A-Z])", h) for h in headings)
    assert "\\<script\\>" in text and "javascript:alert" in text  # shown, as text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_inert_and_self_contained(report: Report) -> None:
    page = render(report, "html", None)
    assert page is not None
    parser = _Collector()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "form", "base"}
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert str(attrs["href"]).startswith(("https://", "#")), attrs
        assert "src" not in attrs
    text = "".join(parser.text)
    assert "<script>alert('x')</script>" in text  # the post, shown as text
    assert "<img src=x onerror=alert(1)>" in text  # the reviewer's name, as text
    assert "jane.doe@example.com" not in page
    csp = [a for t, a in parser.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in str(csp[0]["content"])
    assert "@media print" in page and "@import" not in page and "url(" not in page


def test_csv_cells_never_start_a_formula(report: Report) -> None:
    text = render(report, "csv", None)
    assert text is not None
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    by_id = {r[0]: r for r in rows[1:]}
    header = rows[0]
    assert by_id["mastodon:3"][header.index("author")] == "'=cmd|' /C calc'!A0"
    assert by_id["facebook:5"][header.index("excerpt")].startswith("'-2+3")
    assert by_id["linkedin:2"][header.index("rationale")] == "'=SUM(A1)"
    assert all(len(r) == len(header) for r in rows)  # CR/LF in posts made no extra rows


def test_json_and_parquet_keep_text_exact_and_masked(report: Report, tmp_path: Path) -> None:
    data = json.loads(render(report, "json", None) or "")
    excerpts = {i["post_id"]: i["excerpt"] for i in data["incidents"]}
    assert excerpts["mastodon:3"] == "<script>alert('x')</script> # not a heading"
    assert excerpts["facebook:5"] == "-2+3 looks like a formula\nsecond line\r\n> quoted"
    assert excerpts["linkedin:2"] == "Schreibt mir: j***@example.com oder +49 *** ***4567"
    out = tmp_path / "r.parquet"
    render(report, "parquet", out)
    rows = pq.read_table(out).to_pylist()
    assert {r["post_id"]: r["excerpt"] for r in rows} == excerpts


def test_pdf_renders_hostile_umlauts_and_emoji(report: Report, tmp_path: Path) -> None:
    pytest.importorskip("fpdf")
    from reviewer.reports.pdf import printable

    out = tmp_path / "r.pdf"
    render(report, "pdf", out)
    body = out.read_bytes()
    assert body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
    assert body.count(b"/Type /Page\n") + body.count(b"/Type /Page ") >= 2
    assert printable("Grüße aus Köln, ß") == "Grüße aus Köln, ß"
    assert printable("ok 🚀 北") == "ok [U+1F680] [U+5317]"
    assert printable("a\u200db\ufe0f") == "ab"  # invisible joiners dropped, not boxed
