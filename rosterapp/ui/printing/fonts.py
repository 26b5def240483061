"""The CJK fonts sheets print in, and repairing the text map of the PDFs Qt writes with them.

Sheets must print on a clerk's machine without user-installed fonts: the setup installs
fonts-noto-cjk (`make run`/`make test`), Windows has Microsoft YaHei and SimSun. Without any, we
refuse with a message that names the package, rather than print boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from rosterapp.errors import UserError
from rosterapp.i18n import tr as catalogue_tr

# catalogue_tr: the command line's message catalogue, not Qt's, as these messages reach the command
# line too; under that name pyside6-lupdate leaves them out of the window's .ts file.

# Sans (黑体-like) for tables: legible at 9 pt. Serif (宋体-like) for titles, as official forms have.
BODY_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei",
                 "PingFang SC", "WenQuanYi Micro Hei", "SimHei")
TITLE_FAMILIES = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "SimSun", "Songti SC")


class FontMissing(UserError):
    """No font with Simplified Chinese glyphs is installed (the command line exits 1)."""

    exit_code = 1


@dataclass(frozen=True)
class SheetFonts:
    """The two families sheets use; ``font()`` makes a QFont ready for PDF output."""

    body: str
    title: str

    def font(self, points: float, *, bold: bool = False, title: bool = False) -> QFont:
        font = QFont(self.title if title else self.body)
        font.setPointSizeF(points)
        font.setBold(bold)
        # Noto CJK's 'locl' feature swaps Latin digits for region-specific glyphs that Qt's PDF
        # writer cannot map back to text: plates and dates would vanish from copy, search and
        # pdftotext. The SC face's default glyphs are already the Simplified Chinese forms.
        font.setFeature(QFont.Tag("locl"), 0)
        # Unhinted metrics are the ones the PDF's vector text has, so measured rows fit on paper.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font


def sheet_fonts() -> SheetFonts:
    """The installed families to print with; raises FontMissing when none has Chinese glyphs."""
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    body = next((f for f in BODY_FAMILIES if f in chinese), None)
    title = next((f for f in TITLE_FAMILIES if f in chinese), None)
    if body is None and title is None:
        raise FontMissing(catalogue_tr("No Chinese font is installed for printing; install the fonts-noto-cjk package "
                             "(Noto Sans CJK SC) and try again."))
    return SheetFonts(body or title, title or body)


# -- the PDF text map ------------------------------------------------------------------------------
#
# Qt writes each embedded font's ToUnicode map by asking, for every code point from U+0000 up,
# which glyph it uses, and keeps the *first* code point per glyph (QFontSubset::getReverseMap).
# Noto CJK draws the Kangxi radicals (U+2F00…) and CJK radical supplements (U+2E80…) with the same
# glyphs as the ideographs, and those blocks come first: 力, 门, 车, 日, 月 would be copied and
# searched as ⼒, ⻔, ⻋, ⽇, ⽉, and a space as a tab. The map is plain text in the file, and every
# code is four hex digits, so each wrong code is replaced in place by the right one: same length,
# no offset in the file moves.

_RANGE_SECTION = re.compile(rb"beginbfrange\n(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
_LINE = re.compile(rb"(<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4})> )(.*)")
RADICAL_BLOCKS = (range(0x2E80, 0x2F00), range(0x2F00, 0x2FE0))
IDEOGRAPH_BLOCKS = (range(0x4E00, 0xA000), range(0x3400, 0x4DC0))


@cache
def radical_map(fonts: SheetFonts) -> dict[int, int]:
    """Radical code point -> the ideograph drawn with the same glyph, in the sheets' fonts."""
    table: dict[int, int] = {}
    for font in (fonts.font(10), fonts.font(10, bold=True), fonts.font(10, title=True, bold=True)):
        raw = QRawFont.fromFont(font)
        radicals = [c for block in RADICAL_BLOCKS for c in block]
        ideographs = [c for block in IDEOGRAPH_BLOCKS for c in block]
        first: dict[int, int] = {}
        for code, glyph in zip(ideographs, raw.glyphIndexesForString("".join(map(chr, ideographs))),
                               strict=True):
            if glyph:
                first.setdefault(glyph, code)
        for code, glyph in zip(radicals, raw.glyphIndexesForString("".join(map(chr, radicals))), strict=True):
            if glyph in first:
                table.setdefault(code, first[glyph])
    return table


def _fix_destination(part: bytes, table: dict[int, int]) -> bytes:
    def swap(match: re.Match) -> bytes:
        code = int(match.group(1), 16)
        code = 0x20 if code == 0x09 else table.get(code, code)
        return b"<%04X>" % code

    return _HEX.sub(swap, part)


def repair_text_map(path: Path, fonts: SheetFonts) -> int:
    """Correct the ToUnicode maps of a PDF Qt wrote (see above); returns how many codes changed."""
    data = path.read_bytes()
    table = radical_map(fonts)
    changed = 0

    def fix_section(section: re.Match) -> bytes:
        nonlocal changed
        lines = []
        for line in section.group(1).split(b"\n"):
            match = _LINE.match(line)
            # Only destinations change (the source codes are glyph numbers of the subset), and only
            # those of single glyphs: a linear range of ten consecutive radicals never comes from text.
            if match and (match.group(4).startswith(b"[") or match.group(2) == match.group(3)):
                fixed = match.group(1) + _fix_destination(match.group(4), table)
                changed += fixed != line
                line = fixed
            lines.append(line)
        return b"beginbfrange\n" + b"\n".join(lines) + b"endbfrange"

    repaired = _RANGE_SECTION.sub(fix_section, data)
    if changed:
        assert len(repaired) == len(data)
        path.write_bytes(repaired)
    return changed
