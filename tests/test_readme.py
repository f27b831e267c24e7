"""The README stays true: generated tables are current and CI runs its test command."""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import ROOT


def test_generated_sections_are_current():
    res = subprocess.run([sys.executable, str(ROOT / "tools" / "update_docs.py"), "--check"], cwd=ROOT)
    assert res.returncode == 0, "README tables are stale: run python tools/update_docs.py"


def _commands(text: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip() and not line.startswith("#")]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(readme)
    test_command = next(c for c in commands if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_first_command_checks_the_fixtures():
    commands = _commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert commands[0].endswith("turncheck check fixtures/")


def test_yaml_and_toml_examples_in_the_readme_parse():
    import tomllib

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    yamls = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    tomls = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert yamls and tomls
    for block in yamls:
        yaml.safe_load(block)
    for block in tomls:
        tomllib.loads("\n".join(line.strip() for line in block.splitlines()))


def test_readme_rule_example_is_a_valid_rule(tmp_path):
    from turncheck.rules.loader import load_rule_file

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if b.startswith("# rules/apology.yaml"))
    path = tmp_path / "apology.yaml"
    path.write_text(block, encoding="utf-8")
    assert load_rule_file(path).check.kind == "response"


def test_readme_python_api_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("fail 30.8")
    assert "no-blame-shifting" in out


def test_readme_evaluation_form_matches_the_example_pack():
    """The README's sections example is the example pack's, weights and membership alike."""
    import yaml

    from turncheck import load_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)
                 if b.startswith("# examples/evaluation-form/pack.yaml"))
    shown = yaml.safe_load(block)
    real = load_rules([ROOT / "examples" / "evaluation-form"])
    assert {k: (v.get("weight", 1), v["rules"]) for k, v in shown["sections"].items()} == {
        k: (s.weight, s.rules) for k, s in real.sections.items()}
    assert {r for r, o in shown["rules"].items() if o.get("auto_fail")} <= {r.id for r in real.rules if r.auto_fail}


def test_docs_keep_the_check_sets_figure_between_measurements(tmp_path):
    """Regenerating docs/accuracy.md while changing rules must not measure twitter-check again: its section is
    kept as the last measurement (``--measure-check``) left it."""
    import runpy

    tool = runpy.run_path(str(ROOT / "tools" / "update_docs.py"))
    doc = tmp_path / "accuracy.md"
    doc.write_text("# Accuracy\n\n## shared/data/twitter-check\n\n40 threads.\n\n| rule | F1 |\n| a | 0.5 |\n\n\n"
                   "## shared/data/twitter-dev\n\nother\n", encoding="utf-8")
    assert tool["_kept_section"](doc, "twitter-check") == "| rule | F1 |\n| a | 0.5 |\n"
    assert tool["_kept_section"](doc, "blind-99") is None
    assert tool["_kept_section"](tmp_path / "missing.md", "twitter-check") is None
