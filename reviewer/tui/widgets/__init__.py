"""The TUI's widgets: the queue table and the post detail pane."""
