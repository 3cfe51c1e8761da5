"""reviewer: a terminal workbench for social-media compliance review."""

__version__ = "0.1.0"
