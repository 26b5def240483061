"""The navigator: corps -> detachments -> stations with their counts, and the security tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from rosterapp import vocab
from rosterapp.i18n import language
from rosterapp.services.overview import DetachmentInfo, OperationCount, StationCount

# Node kinds.
CORPS = "corps"
DETACHMENT = "detachment"
STATION = "station"
OPERATIONS = "operations"
OPERATION = "operation"

# Custom roles.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
"""The node kind (CORPS, DETACHMENT, ...)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The database id of a detachment, station or operation; None for the branches."""
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
"""A stable 'kind:name' key, for remembering the selection across sessions and databases."""

# Columns.
NAME, PEOPLE, VEHICLES, ON_DUTY = range(4)

_HEADERS = (
    (QT_TRANSLATE_NOOP("NavigatorModel", "Unit"), QT_TRANSLATE_NOOP("NavigatorModel", "Unit or security task")),
    (QT_TRANSLATE_NOOP("NavigatorModel", "People"), QT_TRANSLATE_NOOP("NavigatorModel", "Active people")),
    (QT_TRANSLATE_NOOP("NavigatorModel", "Vehicles"), QT_TRANSLATE_NOOP("NavigatorModel", "Active vehicles")),
    (QT_TRANSLATE_NOOP("NavigatorModel", "On duty"),
     QT_TRANSLATE_NOOP("NavigatorModel", "People on duty on the current duty day")),
)

_NUMBER_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The invalid index, as a shared default argument (an invalid QModelIndex is never modified).
_NO_PARENT = QModelIndex()


def node_key(kind: str, name: str = "") -> str:
    return f"{kind}:{name}" if name else kind


@dataclass(eq=False)
class Node:
    """One row of the tree; the model's internal pointers refer to these."""

    kind: str
    label: str
    key: str
    id: int | None = None
    tooltip: str = ""
    counts: tuple[int, int, int] | None = None
    parent: Node | None = None
    row: int = 0
    children: list[Node] = field(default_factory=list)

    def add(self, child: Node) -> Node:
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)
        return child


def _total(rows: list[StationCount]) -> tuple[int, int, int]:
    return (sum(r.people for r in rows), sum(r.vehicles for r in rows), sum(r.on_duty for r in rows))


class NavigatorModel(QAbstractItemModel):
    """A read-only tree over precomputed nodes; ``set_content`` replaces them with a model reset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = Node("root", "", "")

    def set_content(
        self, detachments: list[DetachmentInfo], stations: list[StationCount], operations: list[OperationCount]
    ) -> None:
        root = self._build(detachments, stations, operations)
        self.beginResetModel()
        self._root = root
        self.endResetModel()

    def _build(
        self, detachments: list[DetachmentInfo], stations: list[StationCount], operations: list[OperationCount]
    ) -> Node:
        """The invisible root over the corps branch and the security-task branch."""
        root = Node("root", "", "")
        corps = root.add(Node(CORPS, self.tr("Beijing Fire and Rescue Corps"), node_key(CORPS)))
        by_detachment: dict[int, list[StationCount]] = {d.id: [] for d in detachments}
        for st in stations:
            by_detachment.setdefault(st.detachment_id, []).append(st)
        lang = language()
        for det in detachments:
            det_rows = by_detachment[det.id]
            det_node = corps.add(Node(DETACHMENT, det.name, node_key(DETACHMENT, det.code), det.id,
                                      tooltip=f"{det.name} ({det.code})", counts=_total(det_rows)))
            for st in det_rows:
                grade = vocab.label(vocab.STATION_GRADE, st.grade, lang)
                det_node.add(Node(STATION, st.station_name, node_key(STATION, st.station_name), st.station_id,
                                  tooltip=f"{st.station_name} · {grade}",
                                  counts=(st.people, st.vehicles, st.on_duty)))
        corps.counts = _total(stations)

        ops = root.add(Node(OPERATIONS, self.tr("Security tasks ({count})").format(count=len(operations)),
                            node_key(OPERATIONS)))
        for op in operations:
            tooltip = self.tr("{start} to {end}, {readiness}").format(
                start=op.start_date.isoformat(), end=op.end_date.isoformat(),
                readiness=vocab.label(vocab.READINESS, op.readiness, lang))
            ops.add(Node(OPERATION, self.tr("{name} ({posts} posts)").format(name=op.name, posts=op.posts),
                         node_key(OPERATION, op.name), op.id, tooltip=tooltip))
        return root

    def update_counts(self, detachments: list[DetachmentInfo], stations: list[StationCount],
                      operations: list[OperationCount]) -> bool:
        """Put new numbers in the same tree without a reset (expanded branches and the selection stay).

        Returns False, changing nothing, when the tree's shape changed (a station added or renamed).
        """
        fresh = self._build(detachments, stations, operations)

        def pairs(a: Node, b: Node):
            if a.key != b.key or len(a.children) != len(b.children):
                raise LookupError
            yield a, b
            for x, y in zip(a.children, b.children, strict=True):
                yield from pairs(x, y)

        try:
            matched = list(pairs(self._root, fresh))
        except LookupError:
            return False
        for old, new in matched:
            old.label, old.tooltip, old.counts = new.label, new.tooltip, new.counts
        self._emit_all_changed(QModelIndex())
        return True

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, len(_HEADERS) - 1, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index_for_key(self, key: str) -> QModelIndex:
        """The index of the node with ``key``, or an invalid index."""
        stack = [(self._root, QModelIndex())]
        while stack:
            node, index = stack.pop()
            for child in node.children:
                child_index = self.index(child.row, 0, index)
                if child.key == key:
                    return child_index
                stack.append((child, child_index))
        return QModelIndex()

    def index_for_id(self, kind: str, node_id: int | None) -> QModelIndex:
        """The index of the node of ``kind`` for the record ``node_id`` (a station or task renamed keeps its id)."""
        stack = [(self._root, QModelIndex())]
        while stack:
            node, index = stack.pop()
            for child in node.children:
                child_index = self.index(child.row, 0, index)
                if child.kind == kind and child.id == node_id:
                    return child_index
                stack.append((child, child_index))
        return QModelIndex()

    def corps_index(self) -> QModelIndex:
        return self.index(0, 0) if self._root.children else QModelIndex()

    # Qt model interface.

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return len(_HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return node.label
            return None if node.counts is None else str(node.counts[column - 1])
        if role == Qt.ItemDataRole.ToolTipRole:
            # A long name (a security task with its posts) is elided in a narrow navigator: the tooltip
            # always shows it whole.
            if node.tooltip and not node.tooltip.startswith(node.label):
                return f"{node.label}\n{node.tooltip}"
            return node.tooltip or node.label
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return _NUMBER_ALIGN
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.id
        if role == KEY_ROLE:
            return node.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(_HEADERS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return _NUMBER_ALIGN
        return None
