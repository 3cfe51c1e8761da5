"""The TUI's screens: the queue, its dialogs and the help."""
