"""The command line's and the services' message catalogue: every English text they say has its Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

from rosterapp.i18n import ZH

PACKAGE = Path(__file__).resolve().parents[1] / "rosterapp"
# Labels the services pass to tr() by name (validation.length_reason's ``label``).
LABELS = ["staff number", "name", "plate", "call sign", "post code", "post name", "operation name", "station name",
          "note", "reason", "remarks", "address", "radio channel"]


def catalogue_calls() -> dict[str, str]:
    """Every literal text given to tr() (or catalogue_tr) in the package, with where it is."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "catalogue_tr") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_every_message_has_its_chinese():
    calls = catalogue_calls()
    assert len(calls) > 100
    missing = {text: where for text, where in calls.items() if text not in ZH}
    assert missing == {}


def test_the_labels_of_the_length_limits_have_their_chinese():
    assert [label for label in LABELS if label not in ZH] == []


def test_the_chinese_keeps_every_placeholder():
    import string

    for english, chinese in ZH.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert {f for _, f, _, _ in string.Formatter().parse(chinese) if f} == fields, english
