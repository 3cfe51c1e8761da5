"""Incident reports: a model built once, rendered per format."""

from reviewer.reports.build import build_report
from reviewer.reports.markdown import render_markdown
from reviewer.reports.model import Filters, Report

__all__ = ["Filters", "Report", "build_report", "render_markdown"]
