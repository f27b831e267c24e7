"""Shared fixtures. Plain helpers live in ``tests/helpers.py``."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def default_checker():
    from turncheck import Checker, load_rules

    return Checker(load_rules())
