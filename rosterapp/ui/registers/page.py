"""The frame of a register tab: a sortable, filtered table that follows the navigator and the undo stack."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from rosterapp.errors import UserError
from rosterapp.services.changes import Change
from rosterapp.ui.registers.editor import RegisterEditor
from rosterapp.ui.registers.rows import ID_ROLE
from rosterapp.ui.roster.controller import Scope


class FilterCombo(QComboBox):
    """A filter's combo box: as wide as its longest choice when there is room, yet able to give way.

    Its minimum is small so that the filter bar never holds the window wide; on a small screen the
    navigator beside the tabs would otherwise be squeezed to nothing.
    """

    MINIMUM_WIDTH = 72

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.MINIMUM_WIDTH), hint.height())


class RegisterPage(QWidget):
    """A tab with a filter bar, a table of register rows and the buttons that edit them.

    Subclasses give ``load(session)`` (read the rows into the model), ``retranslate()``, their
    buttons and ``REGISTERS``, the registers whose Changes they follow. Rows are read again after
    every Change to those registers (an edit, an undo, an import), right away
    when the tab is shown and otherwise the next time it is.
    """

    REGISTERS: frozenset[str] = frozenset()

    def __init__(self, editor: RegisterEditor, model, proxy: QSortFilterProxyModel, table_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.main_window = editor.window
        self.db = editor.db
        self.model = model
        self.proxy = proxy
        proxy.setSourceModel(model)
        self._stale = True
        self.scope = Scope("")

        self.view = QTableView(self)
        self.view.setObjectName(table_name)
        self.view.setModel(proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSortingEnabled(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        proxy.layoutChanged.connect(self.update_buttons)
        proxy.modelReset.connect(self.update_buttons)

        self.count_label = QLabel(self)
        self.count_label.setObjectName(table_name + "Count")
        # A long scope name must not hold the window wide; the label gives way to the filters.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
            signal.connect(self.update_count)

        self.new_action = QAction(self)
        self.new_action.setObjectName(table_name + "NewAction")
        self.new_action.triggered.connect(self._new_from_menu)
        editor.hub.changed.connect(self._on_changed)

    # -- to give ---------------------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def tab_title(self) -> str:
        raise NotImplementedError

    def add(self):
        raise NotImplementedError

    def edit(self, key: int | None = None):
        raise NotImplementedError

    def update_buttons(self) -> None:
        pass

    def update_count(self) -> None:
        pass

    # -- rows ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the rows again, keeping the selected one selected."""
        key = self.current_id()
        with self.db.read() as session:
            self.load(session)
        self._stale = False
        if key is not None:
            self.select_id(key)
        self.update_count()
        self.update_buttons()

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def is_current_tab(self) -> bool:
        return self.main_window.tabs.currentWidget() is self

    def _on_changed(self, change: Change) -> None:
        """A Change to a register this tab lists: read the rows again now when shown, else when next shown."""
        if not change.registers & self.REGISTERS:
            return
        if self.is_current_tab():
            self.refresh()
        else:
            self._stale = True

    def mark_stale(self) -> None:
        self._stale = True
        if self.is_current_tab():
            self.refresh()

    def set_scope(self, scope: Scope) -> None:
        """Show only the navigator's detachment or station (the whole city for the corps)."""
        self.scope = scope
        self.proxy.set_scope(scope.detachment_id, scope.station_id)
        self.update_count()
        self.update_buttons()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else None

    def select_id(self, key: int) -> bool:
        """Make the row of ``key`` current (when the filters show it)."""
        index = self.proxy.mapFromSource(self.source_index(key))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def proxy_row_of(self, key: int) -> int:
        """The table row showing ``key``, or -1 when it is filtered out or unknown."""
        index = self.proxy.mapFromSource(self.source_index(key))
        return index.row() if index.isValid() else -1

    def source_index(self, key: int) -> QModelIndex:
        row = self.model.row_of(key)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()

    def fit_columns(self, samples: dict[int, str]) -> None:
        """Widths from the header texts and the widest of the sample cells (not every row: a city has 3,000)."""
        header = self.view.horizontalHeader()
        cells = self.view.fontMetrics()
        titles = header.fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(titles.horizontalAdvance(title) + 28, cells.horizontalAdvance(samples.get(column, "")) + 16)
            header.resizeSection(column, width)

    # -- helpers for subclasses -------------------------------------------------------------------------
    def arrange(self, search: QWidget | None, corner: list[QWidget], filters: list[QWidget],
                buttons: list[QPushButton], top: QWidget | None = None) -> None:
        """The tab's layout: search and count on top, the filters below them, the table, the buttons.

        Filters take two short rows rather than one long one, so that the tab (and with it the
        window) stays narrow enough for a 1366-pixel laptop screen.
        """
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        if top is not None:
            layout.addWidget(top)
        first = QHBoxLayout()
        if search is not None:
            search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 8)
            first.addWidget(search, 2)
        for widget in corner:
            first.addWidget(widget)
        first.addWidget(self.count_label, 3)
        layout.addLayout(first)
        if filters:
            second = QHBoxLayout()
            for widget in filters:
                second.addWidget(widget)
            second.addStretch(1)
            layout.addLayout(second)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout.addLayout(row)

    def button(self, name: str, slot) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def combo(self, name: str, slot) -> QComboBox:
        combo = FilterCombo(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: slot())
        return combo

    def run(self, call) -> Any:
        """Run an edit; a refusal the clerk can act on is shown, not raised."""
        try:
            return call()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), exc.message)
            return None

    def status(self, text: str) -> None:
        self.main_window.statusBar().showMessage(text, 5000)

    def _new_from_menu(self) -> None:
        self.main_window.tabs.setCurrentWidget(self)
        self.add()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            tabs = self.main_window.tabs
            if tabs.indexOf(self) >= 0:
                tabs.setTabText(tabs.indexOf(self), self.tab_title())
            # Labels of codes (status, sex, kinds) were worked out in the old language.
            self.mark_stale()
        super().changeEvent(event)

    def _default_station(self) -> int | None:
        """Where a new record goes: the navigator's station, else the first of its detachment."""
        if self.scope.station_id is not None:
            return self.scope.station_id
        stations = [s for s in self.choices.stations
                    if self.scope.detachment_id is None or s.detachment_id == self.scope.detachment_id]
        return stations[0].id if stations else None

    def _open(self, dialog: QDialog) -> QDialog:
        """Show a form without blocking (tests and clerks alike fill it in); it goes when closed."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog
