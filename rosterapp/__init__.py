"""rosterapp: duty roster and resource planner for Beijing's urban fire detachments."""

__version__ = "0.1.0"
