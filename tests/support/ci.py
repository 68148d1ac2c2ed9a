"""Skipping on a developer's machine, failing in CI: one rule for every missing prerequisite."""
import os

import pytest

__all__ = ["in_ci", "need"]


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
