"""Every rule's inline examples get the status they document (what `turncheck rules test` runs)."""

from __future__ import annotations

import pytest

from turncheck import Checker, load_rules
from turncheck.rules.testing import run_examples

CHECKER = None


def _results():
    global CHECKER
    if CHECKER is None:
        CHECKER = Checker(load_rules())
    return run_examples(CHECKER)


RESULTS = None


def pytest_generate_tests(metafunc):
    if "example" in metafunc.fixturenames:
        results = _results()
        metafunc.parametrize("example", results, ids=[f"{r.rule}-{r.expected}-{r.number}" for r in results])


def test_example(example):
    assert example.got == example.expected, example.message


def test_every_rule_has_two_pass_and_two_fail_examples():
    for rule in load_rules().rules:
        kinds = [status for status, _ in rule.examples.items()]
        assert kinds.count("pass") >= 2, rule.id
        assert kinds.count("fail") >= 2, rule.id


@pytest.mark.parametrize("rule", load_rules().rules, ids=lambda r: r.id)
def test_rule_names_its_guidance(rule):
    assert "guidance/" in rule.rationale
