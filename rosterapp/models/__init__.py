"""SQLAlchemy 2 typed models. No Qt, no business rules beyond what the database enforces."""

from rosterapp.models.audit import AuditContext, AuditEntry, AuditGroup
from rosterapp.models.base import Base
from rosterapp.models.changelog import ChangeLog
from rosterapp.models.daybook import DutyAssignment, Handover, ShiftSwap
from rosterapp.models.duty import Duty, VehicleDeployment
from rosterapp.models.operations import Operation, Post, PostVehicleRequirement, post_qualification
from rosterapp.models.org import Detachment, Station
from rosterapp.models.people import Absence, Person, person_qualification
from rosterapp.models.plans import SubPlan, SubPlanVersion
from rosterapp.models.reference import Position, Qualification, Rank, ShiftType, VehicleType
from rosterapp.models.settings import RuleSetting
from rosterapp.models.users import AppUser
from rosterapp.models.vehicles import Maintenance, Vehicle

__all__ = [
    "Absence", "AppUser", "AuditContext", "AuditEntry", "AuditGroup", "Base", "ChangeLog", "Detachment", "Duty", "DutyAssignment", "Handover", "Maintenance", "Operation", "Person", "Position",
    "Post", "PostVehicleRequirement", "Qualification", "Rank", "RuleSetting", "ShiftSwap", "ShiftType",
    "Station", "SubPlan", "SubPlanVersion", "Vehicle", "VehicleDeployment", "VehicleType", "person_qualification",
    "post_qualification",
]
