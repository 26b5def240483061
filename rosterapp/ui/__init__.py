"""Everything PySide6: the window, Qt models over plain rows, dialogs. Nothing else imports Qt."""
