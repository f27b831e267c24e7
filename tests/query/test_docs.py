"""The examples in the query and text modules' docstrings run."""

import doctest

import pytest

import turncheck.query.engine
import turncheck.text


@pytest.mark.parametrize("module", [turncheck.text, turncheck.query.engine])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
