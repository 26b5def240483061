"""A task's stages, kept as lines of its remarks (``【阶段】会期 2026-03-05 至 2026-03-11``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STAGE_MARK = "【阶段】"
_STAGE = re.compile(r"^【阶段】\s*(?P<name>.*?)\s*(?P<first>\d{4}-\d{2}-\d{2})\s*(?:至|~|～|—|–|to)\s*"
                    r"(?P<last>\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True)
class Stage:
    """A stage of an operation (准备阶段, 会期, 收尾阶段 ...) over whole days."""

    name: str
    first: dt.date
    last: dt.date

    def line(self) -> str:
        return f"{STAGE_MARK}{self.name} {self.first.isoformat()} 至 {self.last.isoformat()}"


def split_stages(remarks: str) -> tuple[list[Stage], str]:
    """The stages written in an operation's remarks, and the rest of the remarks."""
    stages: list[Stage] = []
    rest: list[str] = []
    for raw in (remarks or "").splitlines():
        match = _STAGE.match(raw.strip())
        if match:
            try:
                first = dt.date.fromisoformat(match["first"])
                last = dt.date.fromisoformat(match["last"])
            except ValueError:
                rest.append(raw)
                continue
            stages.append(Stage(match["name"].strip(), min(first, last), max(first, last)))
        else:
            rest.append(raw)
    return stages, "\n".join(rest).strip("\n")


def join_stages(stages: Iterable[Stage], rest: str) -> str:
    """Remarks holding the stages (in date order) first, then the rest."""
    lines = [s.line() for s in sorted(stages, key=lambda s: (s.first, s.last, s.name))]
    text = (rest or "").strip("\n")
    return "\n".join(lines + ([text] if text else []))


def stage_of(stages: Sequence[Stage], day: dt.date) -> Stage | None:
    return next((s for s in stages if s.first <= day <= s.last), None)
