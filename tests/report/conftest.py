"""Fixtures for the renderer tests (see ``report_samples`` for the data)."""

from __future__ import annotations

import pytest

import report_samples as S


@pytest.fixture
def samples():
    return S.sample_set()


@pytest.fixture
def cards(samples):
    return [c for c, _ in samples]
