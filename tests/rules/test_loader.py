"""Rule files: validation errors name the file and line, with a did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from turncheck import Checker
from turncheck.errors import RuleError
from turncheck.rules.loader import load_rule_file, load_ruleset

from helpers import RULES

MINIMAL = """\
description: says thanks
rationale: guidance/001 "Thank customers"
severity: minor
weight: 1
check:
  kind: presence
  role: agent
  query: thanks
examples:
  pass: ["Customer: hi\\nAgent: thanks"]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_default_pack_loads_with_fourteen_rules():
    rs = load_ruleset()
    assert rs.name == "default"
    ids = [r.id for r in rs.rules]
    for core in ("apology", "restatement", "no-interruption", "follow-up", "no-blame-shifting"):
        assert core in ids
    assert len(ids) == 14
    assert "problem-raised" in rs.conditions


def test_id_comes_from_file_name(tmp_path):
    rule = load_rule_file(write(tmp_path, "say-thanks.yaml", MINIMAL))
    assert rule.id == "say-thanks"


def test_misspelt_key_reports_line_and_suggestion(tmp_path):
    path = write(tmp_path, "bad.yaml", MINIMAL.replace("severity:", "severty:"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    e = err.value
    assert e.file == str(path) and e.line == 3
    assert "unknown key 'severty'" in e.message
    assert e.hint == "did you mean 'severity'?"


def test_misspelt_nested_key_suggests_from_the_check_kind(tmp_path):
    path = write(tmp_path, "bad.yaml", MINIMAL.replace("  role: agent", "  rol: agent"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.line == 7
    assert err.value.hint == "did you mean 'role'?"


def test_unknown_check_kind(tmp_path):
    path = write(tmp_path, "bad.yaml", MINIMAL.replace("kind: presence", "kind: presense"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert "unknown check kind 'presense'" in err.value.message
    assert "presence" in err.value.hint


def test_bad_severity_value(tmp_path):
    path = write(tmp_path, "bad.yaml", MINIMAL.replace("severity: minor", "severity: huge"))
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.line == 3 and "severity" in err.value.message


def test_invalid_yaml_has_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "description: [unclosed\n")
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.line is not None and "invalid YAML" in err.value.message


def test_query_syntax_error_names_rule_file_and_line(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    write(folder, "broken.yaml", MINIMAL.replace("query: thanks", "query: 'thanks OR (sorry'"))
    rs = load_ruleset([str(folder / "broken.yaml")])
    with pytest.raises(RuleError) as err:
        Checker(rs)
    assert err.value.file.endswith("broken.yaml")
    assert err.value.line == 8
    assert "column" in err.value.message


def test_pack_extends_default_and_overrides(tmp_path):
    folder = tmp_path / "strict"
    folder.mkdir()
    write(folder, "pack.yaml", "name: strict\nversion: 2.0.0\nextends: default\n"
                               "rules:\n  follow-up: {severity: critical}\n  thanks: {enabled: false}\n")
    rs = load_ruleset([folder])
    assert (rs.name, rs.version) == ("strict", "2.0.0")
    assert rs.get("follow-up").severity == "critical"
    assert not rs.get("thanks").enabled
    assert "thanks" not in [r.id for r in rs.enabled_rules]


def test_override_of_unknown_rule_is_an_error(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    write(folder, "pack.yaml", "name: p\nextends: default\nrules:\n  folow-up: {weight: 3}\n")
    with pytest.raises(RuleError) as err:
        load_ruleset([folder])
    assert err.value.line == 4 and err.value.hint == "did you mean 'follow-up'?"


def test_later_folder_overrides_rule_by_id(tmp_path):
    folder = tmp_path / "extra"
    folder.mkdir()
    write(folder, "thanks.yaml", MINIMAL.replace("weight: 1", "weight: 7"))
    rs = load_ruleset([RULES, folder])
    assert rs.get("thanks").weight == 7
    assert len(rs.rules) == 14


def test_missing_rules_path(tmp_path):
    with pytest.raises(RuleError) as err:
        load_ruleset([tmp_path / "nope"])
    assert "no such rule file or folder" in err.value.message


def test_unknown_condition_is_reported(tmp_path):
    path = write(tmp_path, "r.yaml", MINIMAL + "applies_when: problem-raisd\n")
    rs = load_ruleset([path])
    with pytest.raises(RuleError) as err:
        Checker(rs)
    assert err.value.hint == "did you mean 'problem-raised'?"


def test_copy_of_default_pack_is_usable(tmp_path):
    dest = tmp_path / "copy"
    shutil.copytree(RULES, dest)
    rs = load_ruleset([dest])
    assert len(rs.rules) == 14


BLOCK = MINIMAL.replace("  query: thanks", "  query: >\n    thanks OR thank*\n    OR (sorry AND")


def test_query_syntax_error_column_inside_a_block_scalar(tmp_path):
    path = write(tmp_path, "block.yaml", BLOCK)
    with pytest.raises(RuleError) as err:
        Checker(load_ruleset([path]))
    e = err.value
    assert (e.file, e.line) == (str(path), 10)
    assert e.column is not None and e.column >= 5
    assert "block.yaml:10:" in e.format()


def test_query_syntax_error_column_in_a_plain_scalar(tmp_path):
    path = write(tmp_path, "plain.yaml", MINIMAL.replace("query: thanks", "query: thanks OR OR sorry"))
    with pytest.raises(RuleError) as err:
        Checker(load_ruleset([path]))
    e = err.value
    assert e.line == 8
    # "  query: " is 9 characters; the error is at or after the second OR (query column 11)
    assert e.column is not None and e.column >= 10 + 9
