"""YAML that cannot explode (issue 13, items 6 and 8): rule and waiver files refuse aliases and tags other than
plain data, with exit 2 and file:line:col, and never a RecursionError/ConstructorError traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from turncheck.errors import RuleError
from turncheck.rules.yamlsource import load_yaml

from .conftest import CHAT, assert_no_traceback, check, turncheck


def billion_laughs(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghijklmnop"[:levels]:
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


HOSTILE_RULES = {
    # name: (text, line, column, message part)
    "laughs": (billion_laughs(), 2, 8, "YAML aliases (*name) are not allowed"),
    "self-reference": ("rules:\n  - &x [*x]\n", 2, 9, "YAML aliases (*name) are not allowed"),
    "python-name": ("id: x\nname: !!python/name:os.system\n", 2, 7, "YAML tag !!python/name:os.system is not allowed"),
    "python-object": ('id: !!python/object/apply:os.system ["true"]\n', 1, 5, "YAML tag !!python/object/apply"),
    "local-tag": ("id: x\nchecks: !include other.yaml\n", 2, 9, "YAML tag !include is not allowed"),
    "set": ("id: x\nphrases: !!set {a, b}\n", 2, 10, "YAML tag !!set is not allowed"),
    "bad-int": ("id: x\nweight: !!int lots\n", 2, 9, "invalid YAML value"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RULES))
def test_load_yaml_refuses_with_file_line_and_column(tmp_path, name):
    text, line, column, message = HOSTILE_RULES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_yaml(path)
    assert (info.value.file, info.value.line, info.value.column) == (str(path), line, column)
    assert message in info.value.message


def test_deep_nesting_is_an_error_not_a_recursion_traceback(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match="nested too deeply"):
        load_yaml(path)


def test_plain_yaml_still_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: !!str 1\nb: [x, 'y']\nc: {d: 2026-01-31}\ne: ~\nf: 1.5\ng: yes\n", encoding="utf-8")
    import datetime as dt

    assert load_yaml(path).data == {"a": "1", "b": ["x", "y"], "c": {"d": dt.date(2026, 1, 31)}, "e": None,
                                    "f": 1.5, "g": True}


@pytest.mark.parametrize("name", ["laughs", "self-reference", "python-name"])
def test_check_with_a_hostile_rule_file_exits_2_with_one_error_line(work, name):
    text, line, column, message = HOSTILE_RULES[name]
    (work / "rules.yaml").write_text(text, encoding="utf-8")
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    res = check("--rules", "rules.yaml", "t.txt", timeout=60)
    assert_no_traceback(res)
    assert res.returncode == 2
    assert res.stderr.decode().splitlines() == [f"error: rules.yaml:{line}:{column}: " +
                                                res.stderr.decode().split(f"{column}: ", 1)[1].strip()]
    assert message in res.stderr.decode()
    assert turncheck("rules", "list", "--rules", "rules.yaml").returncode == 2


@pytest.mark.parametrize("text, message", [
    ("- &w {transcript: a, rule: apology, reason: r, expires: 2030-01-01}\n- *w\n", "2:3: YAML aliases"),
    ("- {transcript: !!python/name:os.system a, rule: apology, reason: r, expires: 2030-01-01}\n",
     "1:16: YAML tag !!python/name:os.system is not allowed"),
    ("- &w [*w]\n", "1:7: YAML aliases"),
])
def test_waiver_file_refuses_aliases_and_tags_with_exit_2(work, text, message):
    (work / "w.yaml").write_text(text, encoding="utf-8")
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    res = check("--waivers", "w.yaml", "t.txt")
    assert_no_traceback(res)
    assert res.returncode == 2
    assert res.stderr.decode().startswith(f"error: w.yaml:{message}")


@pytest.mark.parametrize("flag", ["--rules", "--waivers"])
def test_rule_or_waiver_file_that_is_a_fifo_or_device_is_refused_not_read(work, flag):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("needs POSIX FIFOs")
    os.mkfifo(work / "x.yaml")
    (work / "t.txt").write_text(CHAT, encoding="utf-8")
    for target in ("x.yaml", "/dev/zero"):
        if not os.path.exists(target):
            continue
        res = check(flag, target, "t.txt", timeout=60)
        assert_no_traceback(res)
        assert res.returncode == 2
        # (the rule loader takes regular files and folders only; the waiver reader says why)
        assert ("not a regular file: not read" if flag == "--waivers" else "no such rule file") in \
            res.stderr.decode()
