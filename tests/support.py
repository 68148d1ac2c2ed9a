"""Helpers shared by the test folders."""
import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, why: str) -> None:
    """Skip a test whose prerequisite is missing on a developer's machine; fail it in CI.

    In CI nothing may be skipped: a missing browser or service is a broken build.
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"missing in CI: {why}")
    pytest.skip(why)


def head_revision() -> str:
    """The newest Alembic revision in besliswijzer/storage/migrations (what `db init` upgrades to)."""
    from alembic.script import ScriptDirectory

    from besliswijzer.storage.db import MIGRATIONS
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()
