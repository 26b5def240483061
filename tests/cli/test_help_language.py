"""Every --help (the program's and each command's) in the user's language, and no internal file names in it."""

from __future__ import annotations

import argparse
import re

import pytest

from rosterapp import cli
from rosterapp.i18n import language, set_language

# English words that a translated help never holds (option names, metavars and codes like DC may stay).
ENGLISH = re.compile(r"\b(the|of|and|with|usage|options|show|help message|positional arguments|default)\b")


def _parsers(parser: argparse.ArgumentParser, prefix: str = "rosterapp"):
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{prefix} {name}")


@pytest.fixture
def chinese():
    before = language()
    set_language("zh_CN")
    yield
    set_language(before)
    cli.build_parser()  # argparse's own words back in English


def test_every_help_is_chinese_and_names_no_internal_file(chinese):
    found = list(_parsers(cli.build_parser()))
    assert len(found) >= 12  # the program, its commands, backup's list and restore
    for name, parser in found:
        text = parser.format_help()
        assert "用法：" in text, name
        # Metavars (FILE.xlsx, YYYY-MM), option names and quoted commands are not prose: take them out.
        prose = re.sub(r"--?[a-z][a-z-]*|`[^`]*`|[A-Z_.]+\b|\{[^}]*\}|'[^']*'|\$\w+|\w+\.(sqlite3|xlsx|pdf)", "",
                       text)
        assert not ENGLISH.search(prose), (name, ENGLISH.search(prose), text)
        assert ".md" not in text and "spec/" not in text, name


def test_usage_errors_are_chinese_too(chinese, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.build_parser().parse_args(["import", "roster"])
    assert stopped.value.code == 2
    assert "缺少必需的参数：FILE.xlsx" in capsys.readouterr().err


def test_english_stays_english():
    before = language()
    set_language("en")
    try:
        text = cli.build_parser().format_help()
    finally:
        set_language(before)
    assert text.startswith("usage: rosterapp") and "show this help message and exit" in text
