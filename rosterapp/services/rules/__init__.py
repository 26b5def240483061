"""The checking engine: pure functions over plain data, returning structured problems."""

from rosterapp.services.rules.data import CheckData, load_check_data
from rosterapp.services.rules.engine import Checker, Delta
from rosterapp.services.rules.messages import message
from rosterapp.services.rules.problem import ERROR, INFO, RULES, WARNING, Problem

__all__ = ["ERROR", "INFO", "RULES", "WARNING", "Checker", "Delta", "CheckData", "Problem", "load_check_data", "message"]
