"""The "apply rotation" dialog: a pattern such as 值休休 from a start day over the selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

# The common rotations of DOMAIN.md.
PRESETS = ("值休休", "值休", "白白夜夜休休", "白白夜夜休休休休", "白白中中休夜夜休")


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


Preview = Callable[[list[str], dt.date, bool], tuple[str, list[str]]]


class RotationDialog(QDialog):
    """Asks for a pattern, its start day and whether each next person starts a day later, and shows
    before OK what the rotation would do to the checks (``preview`` returns a summary and lines)."""

    def __init__(self, codes: set[str], saved: list[str], first: dt.date, last: dt.date, people: int,
                 parent: QWidget | None = None, preview: Preview | None = None):
        super().__init__(parent)
        self.setObjectName("rotationDialog")
        self.setWindowTitle(self.tr("Apply rotation"))
        self._codes = codes
        self.saved = list(saved)
        self.pattern_box = QComboBox(self)
        self.pattern_box.setObjectName("rotationPattern")
        self.pattern_box.setEditable(True)
        self.pattern_box.addItems(list(PRESETS) + [p for p in saved if p not in PRESETS])
        self.start_edit = QDateEdit(to_qdate(first), self)
        self.start_edit.setObjectName("rotationStart")
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.stagger_box = QCheckBox(self.tr("Each next person starts one day later"), self)
        self.stagger_box.setObjectName("rotationStagger")
        self.save_button = QPushButton(self.tr("Save pattern"), self)
        self.save_button.clicked.connect(self._save_pattern)
        self.scope_label = QLabel(self.tr("{people} people, {first} to {last}").format(
            people=people, first=first.isoformat(), last=last.isoformat()), self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020")
        self._preview = preview
        self.impact_label = QLabel(self)
        self.impact_label.setObjectName("rotationImpact")
        self.impact_label.setWordWrap(True)
        self.impact_list = QPlainTextEdit(self)
        self.impact_list.setObjectName("rotationImpactList")
        self.impact_list.setReadOnly(True)
        self.impact_list.setMaximumHeight(110)
        self.impact_list.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.update_impact)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Pattern"), self.pattern_box)
        form.addRow("", self.save_button)
        form.addRow(self.tr("Pattern starts on"), self.start_edit)
        form.addRow("", self.stagger_box)
        form.addRow(self.tr("Applies to"), self.scope_label)
        form.addRow(self.error_label)
        form.addRow(self.impact_label)
        form.addRow(self.impact_list)
        form.addRow(buttons)
        self.pattern_box.editTextChanged.connect(lambda _text: self.error_label.clear())
        if preview is not None:
            self.pattern_box.editTextChanged.connect(lambda _text: self._timer.start())
            self.start_edit.dateChanged.connect(lambda _day: self._timer.start())
            self.stagger_box.toggled.connect(lambda _on: self._timer.start())
            self.update_impact()

    def update_impact(self) -> None:
        """Say what the rotation as now chosen would add to the problems (rest at its start, hours …)."""
        pattern = self._codes_of(self.pattern_box.currentText())
        if self._preview is None or not pattern:
            self.impact_label.clear()
            self.impact_list.hide()
            return
        summary, lines = self._preview(pattern, self.start(), self.stagger())
        self.impact_label.setText(summary)
        self.impact_label.setStyleSheet("color: #b00020" if lines else "")
        self.impact_list.setPlainText("\n".join(lines))
        self.impact_list.setVisible(bool(lines))

    def _codes_of(self, text: str) -> list[str] | None:
        text = text.strip().replace(" ", "").replace(",", "").replace("，", "")
        return list(text) if text and all(ch in self._codes for ch in text) else None

    def pattern(self) -> list[str] | None:
        """The pattern as codes, one per day; None (with a message shown) when a code is unknown."""
        text = self.pattern_box.currentText().strip().replace(" ", "").replace(",", "").replace("，", "")
        if not text:
            self.error_label.setText(self.tr("Type a pattern such as 值休休."))
            return None
        unknown = sorted({ch for ch in text if ch not in self._codes})
        if unknown:
            self.error_label.setText(self.tr("Unknown codes: {codes}").format(codes="、".join(unknown)))
            return None
        return list(text)

    def start(self) -> dt.date:
        return from_qdate(self.start_edit.date())

    def stagger(self) -> bool:
        return self.stagger_box.isChecked()

    def _save_pattern(self) -> None:
        pattern = self.pattern()
        if pattern is not None and "".join(pattern) not in self.saved and "".join(pattern) not in PRESETS:
            self.saved.append("".join(pattern))
            self.pattern_box.addItem("".join(pattern))

    def _accept(self) -> None:
        if self.pattern() is not None:
            self.accept()
