"""Use cases. No Qt. Each takes a Session (one unit of work) and returns plain data."""
