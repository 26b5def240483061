"""The registers in the main window: the People, Vehicles and Stations tabs and their New… actions."""

from __future__ import annotations

from dataclasses import dataclass

from rosterapp.ui import settings as keys
from rosterapp.ui.registers.editor import RegisterEditor
from rosterapp.ui.registers.page import RegisterPage
from rosterapp.ui.registers.people import PeoplePage
from rosterapp.ui.registers.stations import StationsPage
from rosterapp.ui.registers.vehicles import VehiclesPage


@dataclass
class Registers:
    """What ``install_registers`` added to the window."""

    editor: RegisterEditor
    people: PeoplePage
    vehicles: VehiclesPage
    stations: StationsPage

    def pages(self) -> tuple[RegisterPage, ...]:
        return (self.people, self.vehicles, self.stations)


def install_registers(window) -> Registers:
    """Add the register tabs after the window's own, their New… actions to the Edit menu, and keep them
    in step with the navigator, the undo stack and Refresh."""
    editor = RegisterEditor(window, window)
    registers = Registers(editor, PeoplePage(editor, window.tabs), VehiclesPage(editor, window.tabs),
                          StationsPage(editor, window.tabs))
    window.edit_menu.addSeparator()
    for page in registers.pages():
        window.tabs.addTab(page, page.tab_title())
        window.edit_menu.addAction(page.new_action)

    def follow_scope(*_args) -> None:
        scope = window.current_scope()
        for page in registers.pages():
            page.set_scope(scope)

    def on_tab(_index: int) -> None:
        current = window.tabs.currentWidget()
        if isinstance(current, RegisterPage):
            current.ensure_fresh()

    window.navigator.selectionModel().currentRowChanged.connect(follow_scope)
    window.navigator_model.modelReset.connect(follow_scope)
    window.tabs.currentChanged.connect(on_tab)
    window.refresh_action.triggered.connect(lambda: [page.mark_stale() for page in registers.pages()])
    follow_scope()

    # The window restored its last tab before these existed.
    settings = getattr(window, "_settings", None)
    if settings is not None:
        last = settings.value(keys.LAST_TAB)
        for page in registers.pages():
            if page.objectName() == last:
                window.tabs.setCurrentWidget(page)
    return registers
