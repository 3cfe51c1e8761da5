"""Incident reports: a model built once, rendered per format."""

from reviewer.reports.markdown import render_markdown
from reviewer.reports.model import Report, build_report

__all__ = ["Report", "build_report", "render_markdown"]
