"""The operation editor names every rule threshold a readiness level tightens, with its unit."""

from __future__ import annotations

from rosterapp import reference_data as ref
from rosterapp.ui.operations.editor import THRESHOLD_LABELS, OperationEditor


def test_the_longest_continuous_duty_is_named_with_its_hours(qtbot):
    assert set(THRESHOLD_LABELS) == set(ref.RULE_DEFAULTS)  # every threshold has its label
    editor = OperationEditor(lambda data: [], dict(ref.RULE_DEFAULTS), {"level1": {"max_stretch_hours": 16.0}})
    qtbot.addWidget(editor)
    assert editor.threshold_text("level1") == "This level tightens: longest continuous duty: 16 h (usually 24)"
