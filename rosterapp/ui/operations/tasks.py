"""Editing security tasks and their posts from the window: new, from an earlier one, edit, delete.

Each edit is one RecordCommand of the task or the post on the hub: undo and redo write back the
record read before and after it (the task with its posts and their staffing), ids and all.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rosterapp.errors import UserError, ValidationError
from rosterapp.services import operations as op_service
from rosterapp.services.operations import OperationData, PostData
from rosterapp.services.registers import register_choices
from rosterapp.services.rules.data import load_thresholds
from rosterapp.ui import navigator as nav
from rosterapp.ui.commands import POST, TASK, RecordCommand
from rosterapp.ui.operations.editor import CopyOperationDialog, OperationEditor
from rosterapp.ui.operations.post_editor import PostEditor


class TaskEdits:
    """The task-and-post half of OperationsController (a mixin: it uses the controller's hub, board, view)."""

    def push_record(self, text: str, kind, key: int | None, apply) -> list[str]:
        """Make a task or post edit through the hub; returns the reasons it was refused (shown in the
        editor, nothing changed), else []."""
        command = RecordCommand(text, kind, key, apply)
        try:
            self.hub.push(command, report=False)
        except ValidationError as exc:
            return [e.reason for e in exc.errors]
        except UserError as exc:
            return [exc.message]
        self.last_record = command.key
        return []

    def _show_task(self, operation_id: int) -> None:
        """Select a task just made in the navigator, which opens its post board."""
        with self.db.read() as session:
            name = next((r.name for r in op_service.list_operations(session) if r.id == operation_id), None)
        if name is not None:
            self.window.select_key(nav.node_key(nav.OPERATION, name))

    def _thresholds(self) -> tuple[dict, dict]:
        with self.db.read() as session:
            t = load_thresholds(session, {})
        return t.base, t.by_readiness

    def new_operation(self) -> OperationEditor:
        def submit(data: OperationData) -> list[str]:
            errors = self.push_record(self.tr("New security task {name}").format(name=data.name.strip()), TASK,
                                      None, lambda s: op_service.create_operation(s, data))
            if not errors:
                self._show_task(self.last_record)
            return errors

        base, by_readiness = self._thresholds()
        dialog = OperationEditor(submit, base, by_readiness, None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_operation(self) -> OperationEditor | None:
        if self.operation_id is None:
            return None
        op_id = self.operation_id
        with self.db.read() as session:
            before = op_service.get_operation(session, op_id)

        def submit(data: OperationData) -> list[str]:
            if data == before:
                return []

            def apply(session) -> int:
                op_service.update_operation(session, op_id, data)
                return op_id

            return self.push_record(self.tr("Edit security task {name}").format(name=data.name.strip()), TASK,
                                    op_id, apply)

        base, by_readiness = self._thresholds()
        dialog = OperationEditor(submit, base, by_readiness, before, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def copy_operation(self) -> CopyOperationDialog:
        with self.db.read() as session:
            rows = op_service.list_operations(session)

        def submit(source: int, name: str, start: dt.date) -> list[str]:
            errors = self.push_record(
                self.tr("New security task {name} from an earlier one").format(name=name.strip()), TASK, None,
                lambda s: op_service.copy_operation(s, source, name, start))
            if not errors:
                self._show_task(self.last_record)
            return errors

        dialog = CopyOperationDialog(rows, submit, self.operation_id, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_operation(self, confirm: bool = True) -> bool:
        if self.operation_id is None or self.board is None:
            return False
        op_id, name = self.operation_id, self.board.name
        if confirm and QMessageBox.question(
                self.window, self.tr("Delete security task"),
                self.tr("Delete {name} with its posts and their staffing? Undo (Ctrl+Z) brings it back.").format(
                    name=name)) != QMessageBox.StandardButton.Yes:
            return False

        def apply(session) -> int:
            op_service.delete_operation(session, op_id)
            return op_id

        errors = self.push_record(self.tr("Delete security task {name}").format(name=name), TASK, op_id, apply)
        if errors:
            self.refuse(errors)
        return not errors

    def _post_editor(self, data: PostData, submit, new: bool) -> PostEditor:
        with self.db.read() as session:
            choices = register_choices(session)
        dialog = PostEditor(submit, choices, data, new, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def new_post(self) -> PostEditor | None:
        if self.board is None:
            return None
        with self.db.read() as session:
            defaults = op_service.new_post_defaults(session, self.board.operation_id,
                                                    self.board_page.detachment.currentData())

        def submit(data: PostData) -> list[str]:
            return self.push_record(self.tr("New post {code}").format(code=data.code.strip()), POST, None,
                                    lambda s: op_service.create_post(s, data))

        return self._post_editor(defaults, submit, True)

    def _current_post(self) -> int | None:
        index = self.view.currentIndex()
        if self.board is None or not index.isValid():
            return None
        return self.board.lines[index.row()].post_id

    def edit_post(self) -> PostEditor | None:
        post_id = self._current_post()
        if post_id is None:
            return None
        with self.db.read() as session:
            before = op_service.get_post(session, post_id)

        def submit(data: PostData) -> list[str]:
            if data == before:
                return []

            def apply(session) -> int:
                op_service.update_post(session, post_id, data)
                return post_id

            return self.push_record(self.tr("Edit post {code}").format(code=data.code.strip()), POST, post_id, apply)

        dialog = self._post_editor(before, submit, False)
        locked = self.locked_refusal([post_id])
        if locked:  # an approved sub-plan's post: said at once (saving is refused as well)
            dialog.errors.setText(locked)
            dialog.errors.show()
        return dialog

    def delete_post(self, confirm: bool = True) -> bool:
        post_id = self._current_post()
        if post_id is None:
            return False
        code = self.board.lines[self.view.currentIndex().row()].code
        if confirm and QMessageBox.question(
                self.window, self.tr("Delete post"),
                self.tr("Delete post {code} with its staffing? Undo (Ctrl+Z) brings it back.").format(code=code)
        ) != QMessageBox.StandardButton.Yes:
            return False

        def apply(session) -> int:
            op_service.delete_post(session, post_id)
            return post_id

        errors = self.push_record(self.tr("Delete post {code}").format(code=code), POST, post_id, apply)
        if errors:
            self.refuse(errors)
        return not errors
