"""Storage: database URL, engines and sessions (db), tables (models) and Alembic migrations.
"""

__all__ = ["db", "models"]
