"""The CLI behaves like a well-made command-line tool: NO_COLOR and --color, totals once, --version, shell
completion, help that names values, did-you-mean, every rule-file error at once, plain one-line errors,
plurals, ASCII tables in pipes."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, RULES

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
for _name in ("NO_COLOR", "FORCE_COLOR", "TURNCHECK_COLOR"):
    ENV.pop(_name, None)
CHAT = str(FIXTURES / "chats" / "courier-blame.txt")
ESC = "\x1b["
BOX_DRAWING = re.compile("[\u2500-\u257f]")


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "turncheck", *args], capture_output=True, text=True,
                          env={**ENV, **(env or {})}, cwd=cwd or ROOT, timeout=300)


def run_in_terminal(*args: str, env: dict | None = None) -> str:
    """stdout of the command when stdout is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "turncheck", *args], stdout=follower, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env={**ENV, "TERM": "xterm-256color", "COLUMNS": "120",
                                                           **(env or {})}, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_in_a_terminal_prints_no_escape_codes():
    assert ESC in run_in_terminal("check", CHAT, "--no-config")  # the terminal is one: colour by default
    assert ESC not in run_in_terminal("check", CHAT, "--no-config", env={"NO_COLOR": "1"})
    assert ESC not in run_in_terminal("--color", "never", "check", CHAT, "--no-config")


def test_color_always_colours_a_pipe_and_never_is_checked():
    assert ESC in run("--color", "always", "check", CHAT, "--no-config").stdout
    assert ESC not in run("check", CHAT, "--no-config").stdout
    res = run("--color", "sometimes", "check", CHAT)
    assert res.returncode == 2 and res.stderr.startswith("error: --color 'sometimes'")


def test_run_totals_are_printed_once():
    res = run("check", CHAT, "--no-config")
    totals = re.compile(r"^1 transcript: ", re.M)
    assert len(totals.findall(res.stdout)) == 1 and not totals.search(res.stderr)
    as_json = run("check", CHAT, "--no-config", "--format", "json")
    assert totals.search(as_json.stderr)  # the JSON on stdout has no line for a person: stderr says it


def test_version():
    res = run("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"turncheck {version('turncheck')}"


def test_shell_completion():
    res = run("--show-completion", "bash")
    assert res.returncode == 0 and "_turncheck_completion" in res.stdout
    completed = subprocess.run([sys.executable, "-m", "turncheck"], capture_output=True, text=True, timeout=60,
                               env={**ENV, "_TURNCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "turncheck ch",
                                    "COMP_CWORD": "1"})
    assert completed.stdout.split() == ["check"]


@pytest.mark.parametrize("command", [["check"], ["parse"], ["rules", "list"], ["rules", "show"], ["rules", "test"],
                                     ["rules", "import"], ["evaluate"], ["report"], ["draft"], ["formats"]])
def test_help_names_values_instead_of_python_types(command):
    res = run(*command, "--help")
    assert res.returncode == 0
    assert not re.search(r"<(list\[|str>|int>|float>|int range>|float range>)", res.stdout), res.stdout


def test_help_lists_the_choices():
    text = run("check", "--help").stdout
    assert "--format [table|json|jsonl|csv|md|html|junit|sarif]" in text
    assert "--fail-on [critical|major|minor]" in text and "--rules PATH" in text


@pytest.mark.parametrize("name, meant", [("webvt", "webvtt"), ("vtt", "webvtt"), ("zoom-caption", "zoom-captions")])
def test_input_format_did_you_mean(name, meant):
    res = run("check", "-f", name, CHAT)
    assert res.returncode == 2 and f"did you mean {meant!r}?" in res.stderr


def test_extends_did_you_mean(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: mine\nextends: defualt\n", encoding="utf-8")
    res = run("rules", "list", "-r", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr == f"error: {tmp_path / 'pack.yaml'}:2: extends 'defualt': no such rule pack folder " \
                         "(did you mean 'default'?)\n"


def test_every_bad_rule_file_is_reported_at_once(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: bad\nextends: default\n", encoding="utf-8")
    (tmp_path / "apology.yaml").write_text((RULES / "apology.yaml").read_text(encoding="utf-8")
                                           .replace("severity:", "severty:"), encoding="utf-8")
    (tmp_path / "thanks.yaml").write_text((RULES / "thanks.yaml").read_text(encoding="utf-8")
                                          .replace("\n  kind: ", "\n  kind: presense #", 1), encoding="utf-8")
    res = run("check", "-r", str(tmp_path), CHAT)
    assert res.returncode == 2
    lines = res.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert "apology.yaml" in lines[0] and "'severity'" in lines[0]
    assert "thanks.yaml" in lines[1] and "'presence'" in lines[1]


def test_every_rule_that_does_not_compile_is_reported_at_once(tmp_path):
    for rid in ("apology", "thanks"):
        text = (RULES / f"{rid}.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{rid}.yaml").write_text(text.replace("applies_when:", "applies_when: nope #", 1)
                                              if "applies_when:" in text else
                                              text.replace("\nseverity:", "\napplies_when: nope\nseverity:", 1),
                                              encoding="utf-8")
    res = run("check", "-r", str(tmp_path / "apology.yaml"), "-r", str(tmp_path / "thanks.yaml"), CHAT)
    assert res.returncode == 2
    assert [line.count("unknown condition 'nope'") for line in res.stderr.splitlines()] == [1, 1]


def test_report_on_a_file_that_is_not_results_says_so_in_one_line(tmp_path):
    res = run("report", CHAT)
    assert res.returncode == 3 and res.stdout == ""
    (line,) = res.stderr.splitlines()
    assert line.startswith(f"error: {CHAT}: not turncheck results") and "line 1" in line


def test_rules_test_on_a_pack_without_examples_says_so(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: bare\nversion: 1.0.0\n", encoding="utf-8")
    (tmp_path / "greet.yaml").write_text("id: greet\ndescription: greets\nrationale: polite\nseverity: minor\n"
                                         "check:\n  kind: presence\n  role: agent\n  query: hello\n", encoding="utf-8")
    res = run("rules", "test", str(tmp_path))
    assert "no examples to run" in res.stderr and "'bare'" in res.stderr


def test_counts_are_pluralised():
    res = run("check", CHAT, "--no-config", "--format", "json")
    assert re.search(r"^1 transcript: .*, 0 errors", res.stderr, re.M)
    assert "1 transcripts" not in res.stderr


@pytest.mark.parametrize("command", [["rules", "list"], ["formats"], ["check", CHAT, "--no-config"]])
def test_tables_are_ascii_in_a_pipe(command):
    res = run(*command)
    assert "+--" in res.stdout and not BOX_DRAWING.search(res.stdout)
