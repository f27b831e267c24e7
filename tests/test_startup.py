"""Start-up stays lean: what a plain `turncheck check` run imports (see the lazy imports in cli/, report/, engines/local.py and
query/grammar.py), and the lazily loaded renderers are the same set as before."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import FIXTURES, ROOT

def _probe(selected: str) -> str:
    """Python code that runs ``turncheck ARGS...`` and prints the loaded modules ``selected`` picks (an expression
    in ``m``, a module name) on stderr's last line."""
    return f"""
import runpy, sys
sys.argv = ["turncheck", *sys.argv[1:]]
try:
    runpy.run_module("turncheck", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
print(" ".join(sorted(m for m in sys.modules if {selected})), file=sys.stderr)
"""


PROBE = _probe('m.split(".")[0] in ("rich", "pyparsing", "sqlite3", "multiprocessing", "concurrent") or m.startswith('
               '("turncheck.report.", "turncheck.evaluate", "turncheck.draft", "turncheck.rules.testing", '
               '"turncheck.waivers", "turncheck.cache"))')


def _imported(*args: str, probe: str = PROBE) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    return set(proc.stderr.strip().splitlines()[-1].split())


def test_quiet_jsonl_check_imports_no_terminal_or_parser_code():
    args = ("check", str(FIXTURES / "chats" / "billing-good.txt"), "--format", "jsonl", "-q", "--no-config")
    _imported(*args)  # the first run may have to parse the queries (and fill the query cache)
    mods = _imported(*args)
    assert mods == {"turncheck.report.jsonout", "turncheck.report.output", "turncheck.report.summary"}


def test_table_check_imports_only_its_own_renderer():
    mods = _imported("check", str(FIXTURES / "chats" / "billing-good.txt"), "--no-config")
    assert "rich.console" in mods and "turncheck.report.table" in mods
    assert not mods & {"turncheck.report.htmlout", "turncheck.report.junit", "turncheck.report.sarif",
                       "turncheck.report.markdown", "turncheck.report.csvout", "turncheck.report.dashboard",
                       "turncheck.evaluate", "turncheck.draft", "turncheck.cache", "turncheck.waivers"}


def test_every_format_is_registered_by_the_module_named_for_it():
    from turncheck.report import MODULES, RENDERERS, get_renderer

    assert set(RENDERERS) == set(MODULES)
    for name, module in MODULES.items():
        assert get_renderer(name) is RENDERERS[name]
        assert RENDERERS[name].__module__ == f"turncheck.report.{module}"


# (not pydantic itself: typer imports it to inspect a command's parameter types)
HELP_PROBE = _probe('m.split(".")[0] in ("yaml", "rapidfuzz", "orjson", "re2", "ahocorasick") or m in '
                    '("turncheck.engine", "turncheck.model", "turncheck.scorecard", "turncheck.config", '
                    '"turncheck.transcripts", "turncheck.rules.loader", "turncheck.runner", "turncheck.engines")')


def test_help_loads_no_models_rules_or_parsers():
    # `turncheck --help` (and `turncheck CMD --help`) only needs the command signatures: the engine, the pydantic
    # models, the rule loader and the importers are imported by the command that runs (issue 14, item 10)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for args in (["--help"], ["check", "--help"], ["rules", "--help"]):
        proc = subprocess.run([sys.executable, "-c", HELP_PROBE, *args], env=env, capture_output=True, text=True,
                              timeout=300, cwd=ROOT)
        assert "Usage" in proc.stdout, proc.stderr
        assert proc.stderr.strip().splitlines()[-1:] in ([], [""]), (args, proc.stderr)


def test_public_api_names_still_resolve():
    import turncheck

    card = turncheck.check_text("Customer: hi, my bill is wrong\nAgent: I'm sorry, I'll fix it today.\n")
    assert card.status in ("pass", "fail")
    assert turncheck.Checker.__module__ == "turncheck.engine" and turncheck.load_rules().rules
    assert {"Checker", "parse_file", "Scorecard"} <= set(dir(turncheck))


def test_a_command_line_builds_only_its_command_and_says_the_same():
    # main() builds the click command of the command that runs, not all ten (~25 ms): its help, usage errors
    # and "no such command" must be what the whole app gives
    import typer
    from typer.testing import CliRunner

    import turncheck.cli as cli

    names = [c.name or typer.main.get_command_name(c.callback.__name__) for c in cli.app.registered_commands]
    names += [g.name for g in cli.app.registered_groups]
    assert {"check", "draft", "rules", "review"} <= set(names)
    one = cli._app_for(["check", "x.txt"])
    assert one is not cli.app and len(one.registered_commands) == 1 and not one.registered_groups
    assert len(cli.app.registered_commands) > 1  # the app itself is untouched
    for args in (["--help"], ["chek"], ["--color", "never", "check", "--help"]):
        assert cli._app_for(args) is cli.app
    runner = CliRunner()
    cases = [[name, opt] for name in names for opt in ("--help", "--no-such-option")]
    cases += [["rules", "list", "--help"], ["rules", "nosuch"], ["check", "--fail-on", "x", "y.txt"]]
    for args in cases:
        whole = runner.invoke(cli.app, args, prog_name="turncheck")
        alone = runner.invoke(cli._app_for(args), args, prog_name="turncheck")
        assert (alone.output, alone.exit_code) == (whole.output, whole.exit_code), args


@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_warm_check_builds_no_pydantic_validator(fmt):
    """The checks construct their models without validating and write them without pydantic's serializer, so a
    warm run never builds a model's schema: that build, with the plugin discovery it starts (importlib.metadata
    over every installed distribution), was ~30 ms of a one-chat check. The table (the default) and the json
    document too: the table's safe-text test and the json document's ruleset once built it."""
    probe = _probe('m in ("pydantic.plugin._loader", "importlib.metadata", "turncheck")')
    args = ("check", str(FIXTURES / "chats" / "billing-good.txt"), "--format", fmt, "-q", "--no-config")
    _imported(*args, probe=probe)  # the first run may compile the pack (validating the rule files builds models)
    assert _imported(*args, probe=probe) == {"turncheck"}  # "turncheck" shows the probe ran
