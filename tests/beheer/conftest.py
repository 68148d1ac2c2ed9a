from tests.core.conftest import db_url, seeded_db_file, session  # noqa: F401  (a real, migrated SQLite database)
