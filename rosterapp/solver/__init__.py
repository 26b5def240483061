"""A general rostering solver core over OR-Tools CP-SAT: no Qt, no database, no fire-service terms.

:mod:`.model` describes a problem (people, days, shift types, cover, rules), :mod:`.cpsat` builds and
solves it, :mod:`.explain` names the rules that make a cover unfillable, and :mod:`.curtois` reads Curtois
& Qu's benchmark instances onto it. The fire-service adapter (later) builds a :class:`Problem` from the
roster and maps the :class:`Solution` back to cells.
"""

from rosterapp.solver.cpsat import CancelToken, Progress, Solution, SolveParams, solve
from rosterapp.solver.explain import Explanation, explain_cover, shortfalls
from rosterapp.solver.model import (
    Cover,
    FairSpread,
    MaxMinutesInWindow,
    MinRest,
    Person,
    Problem,
    Request,
    ShiftType,
    Tag,
    rest_forbidden_pairs,
)

__all__ = [
    "CancelToken", "Cover", "Explanation", "FairSpread", "MaxMinutesInWindow", "MinRest", "Person", "Problem",
    "Progress", "Request", "ShiftType", "Solution", "SolveParams", "Tag", "explain_cover",
    "rest_forbidden_pairs", "shortfalls", "solve",
]
