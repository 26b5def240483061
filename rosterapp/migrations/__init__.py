"""Alembic environment and versions; run by rosterapp.db at every open."""
