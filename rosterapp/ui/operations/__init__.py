"""Security tasks in the main window: operations and posts, the post board, the vehicle board, at a glance."""

from __future__ import annotations

from rosterapp.ui.operations.controller import OperationsController


def install_operations(window) -> OperationsController:
    """Add the security-task tabs and menu to the main window; returns their controller.

    The window asks ``controller.show_node(index)`` before showing a navigator node: an operation
    node then shows its post board instead of reloading the roster.
    """
    window.operations = OperationsController(window)
    return window.operations
