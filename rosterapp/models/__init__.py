"""SQLAlchemy 2 typed models. No Qt, no business rules beyond what the database enforces."""

from rosterapp.models.base import Base
from rosterapp.models.duty import Duty, VehicleDeployment
from rosterapp.models.operations import Operation, Post, PostVehicleRequirement, post_qualification
from rosterapp.models.org import Detachment, Station
from rosterapp.models.people import Absence, Person, person_qualification
from rosterapp.models.reference import Position, Qualification, Rank, ShiftType, VehicleType
from rosterapp.models.settings import RuleSetting
from rosterapp.models.vehicles import Maintenance, Vehicle

__all__ = [
    "Absence", "Base", "Detachment", "Duty", "Maintenance", "Operation", "Person", "Position",
    "Post", "PostVehicleRequirement", "Qualification", "Rank", "RuleSetting", "ShiftType",
    "Station", "Vehicle", "VehicleDeployment", "VehicleType", "person_qualification",
    "post_qualification",
]
