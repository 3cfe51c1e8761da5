"""The store: the only package that talks to DuckDB."""

from reviewer.store.db import ImportResult, Store

__all__ = ["ImportResult", "Store"]
