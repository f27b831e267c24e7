"""``turncheck serve`` itself: a real uvicorn server with two workers on a free loopback port, the README's
curl lines and help-desk snippet replayed against it, and the command's refusals (no extra, a bad pack)."""

from __future__ import annotations

import builtins
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

from pathlib import Path

from helpers import ROOT
from turncheck.cli import app as cli_app

from .conftest import CHAT
from .test_same_as_cli import cli_check

README = (ROOT / "README.md").read_text(encoding="utf-8")
SERVE_SECTION = README[README.index("## Serve"):README.index("## Speed")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"turncheck serve exited with {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as res:
                if res.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def live_server():
    """``turncheck serve --workers 2 --cors-origin https://helpdesk.example.com`` on a free port; stopped at the
    end (this process started it, and ends it by its pid)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "turncheck", "serve", "--no-config", "--port", str(port),
                             "--workers", "2", "--log-level", "warning",
                             "--cors-origin", "https://helpdesk.example.com"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover - uvicorn ignoring SIGTERM
            proc.kill()
            proc.wait()


def post(url: str, data: bytes, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_served_check_is_the_cli_json(live_server, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = "fixtures/calls/good-call.vtt"
    _, out, _ = cli_check(path)
    status, headers, body = post(f"{live_server}/v1/check?name={path}", (ROOT / path).read_bytes())
    assert status == 200 and body == out
    assert headers["x-content-type-options"] == "nosniff" and "Server" not in headers


def test_both_workers_answer_and_other_host_names_are_refused(live_server):
    # many requests over fresh connections: they spread over the two worker processes; each answers alike
    bodies = {post(f"{live_server}/v1/check", CHAT.encode())[2] for _ in range(8)}
    assert len(bodies) == 1
    status, _, body = post(f"{live_server}/v1/check", CHAT.encode(), {"Host": "rebound.example.com"})
    assert status == 400 and json.loads(body)["error"]["code"] == "bad-host"


def test_readme_curl_lines_replay(live_server, monkeypatch):
    monkeypatch.chdir(ROOT)
    lines = re.findall(r"^curl -s '(http://127\.0\.0\.1:8000(/[^']*))' --data-binary @(\S+)$", SERVE_SECTION, re.M)
    assert [path.split("?")[0] for _, path, _ in lines] == ["/v1/check", "/v1/draft"]
    for _, path, file in lines:
        status, headers, body = post(live_server + path, (ROOT / file).read_bytes())
        assert status == 200, body
        if path.startswith("/v1/check"):
            # the README says: the very bytes of check --format json
            assert body == cli_check(file)[1]
        else:
            assert set(json.loads(body)) == {"source", "turns", "done", "due", "failed", "not_applicable"}


def test_readme_serve_commands_are_real_options():
    commands = re.findall(r"^(turncheck serve.*)$", SERVE_SECTION, re.M)
    assert commands
    for command in commands:
        args = command.split()[1:]
        res = CliRunner().invoke(cli_app, [*args, "--help"])
        assert res.exit_code == 0, res.output


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the JS snippet is not run")
def test_readme_help_desk_snippet_runs_against_the_server(live_server, tmp_path):
    """The README's JavaScript, as it is, run by node against the live server (fetch is node's own)."""
    (snippet,) = re.findall(r"```js\n(.*?)```", SERVE_SECTION, re.S)
    assert 'const TURNCHECK = "http://127.0.0.1:8000";' in snippet
    harness = snippet.replace("http://127.0.0.1:8000", live_server) + """
const chat = "Customer: My refund still hasn't arrived after three weeks.\\nAgent: Let me have a look.\\n";
selfCheck("Customer: first keystrokes", () => { throw new Error("a superseded check ran"); });
selfCheck(chat, (lines) => { console.log(JSON.stringify(lines)); });
"""
    script = tmp_path / "helpdesk.mjs"
    script.write_text(harness, encoding="utf-8")
    res = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    lines = json.loads(res.stdout)
    assert any(line.startswith("… apology: try “") for line in lines), lines
    assert any(line.startswith("… follow-up:") for line in lines), lines
    # and an error reaches the agent as one line
    bad = re.sub(r'const chat = ".*";', lambda m: 'const chat = "  \\n";', script.read_text(encoding="utf-8"))
    script.write_text(bad, encoding="utf-8")
    res = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    (line,) = json.loads(res.stdout)
    assert line.startswith("turncheck: chat.txt")


def test_cors_preflight_on_the_live_server(live_server):
    req = urllib.request.Request(f"{live_server}/v1/draft", method="OPTIONS", headers={
        "Origin": "https://helpdesk.example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    with urllib.request.urlopen(req, timeout=10) as res:
        assert res.headers["access-control-allow-origin"] == "https://helpdesk.example.com"


def test_without_the_serve_extra_one_line_and_exit_2(monkeypatch):
    real = builtins.__import__

    def no_uvicorn(name, *args, **kwargs):
        if name == "uvicorn":
            raise ImportError("No module named 'uvicorn'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_uvicorn)
    res = CliRunner().invoke(cli_app, ["serve", "--no-config"])
    assert res.exit_code == 2
    assert res.stderr == "error: turncheck serve needs the serve extra: pip install 'turncheck[serve]'\n"


def test_a_bad_pack_stops_serve_before_it_listens(tmp_path):
    bad = tmp_path / "rules"
    bad.mkdir()
    (bad / "broken.yaml").write_text("title: x\ncheck: {kind: nope}\n", encoding="utf-8")
    res = CliRunner().invoke(cli_app, ["serve", "--no-config", "--rules", str(bad), "--port", str(free_port())])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"error: {bad / 'broken.yaml'}")


def test_config_file_options_are_served_and_a_bad_waiver_file_stops_serve(tmp_path, monkeypatch):
    from turncheck.server.app import create_app  # noqa: F401  (the extra is there)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "turncheck.toml").write_text('only = ["apology"]\nfail-on = "banana"\n', encoding="utf-8")
    res = CliRunner().invoke(cli_app, ["serve", "--port", str(free_port())])
    assert res.exit_code == 2 and "turncheck.toml:2" in res.stderr
    (tmp_path / "turncheck.toml").write_text('waivers = "w.yaml"\n', encoding="utf-8")
    (tmp_path / "w.yaml").write_text("- {transcript: '*', rule: no-such-rule, reason: x, expires: 2099-01-01}\n",
                                     encoding="utf-8")
    res = CliRunner().invoke(cli_app, ["serve", "--port", str(free_port())])
    assert res.exit_code == 2 and "w.yaml:1" in res.stderr and "no-such-rule" in res.stderr


def test_settings_reach_the_workers_through_the_environment(monkeypatch):
    from turncheck.server.app import app_from_env
    from turncheck.server.settings import SETTINGS_ENV, ServeSettings

    monkeypatch.setenv(SETTINGS_ENV, ServeSettings(only=("apology",), max_body=123).to_json())
    app = app_from_env()
    assert app.state.settings.only == ("apology",) and app.state.settings.max_body == 123
    assert [r.id for r in app.state.service.checker.rules] == ["apology"]
    assert os.environ[SETTINGS_ENV]


def _results_file(tmp_path) -> Path:
    """``check --format jsonl`` results of two fixtures (one failing), as the review workspace imports them."""
    out = tmp_path / "results.jsonl"
    subprocess.run([sys.executable, "-m", "turncheck", "check", "--no-config", "--format", "jsonl", "-o", str(out),
                    "fixtures/chats/courier-blame.txt", "fixtures/chats/clarification-sorry.txt"], cwd=ROOT,
                   capture_output=True, check=False)
    assert out.read_text(encoding="utf-8").count("\n") == 2
    return out


def test_serve_imports_results_and_mounts_the_review_workspace_with_its_token(tmp_path):
    # the glue of `serve --db --import --token`: two workers, each mounting the workspace on the same database
    db = tmp_path / "review.sqlite3"
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "turncheck", "serve", "--no-config", "--port", str(port),
                             "--workers", "2", "--log-level", "warning", "--db", str(db),
                             "--import", str(_results_file(tmp_path)), "--token", "s3cret"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", proc)
        with urllib.request.urlopen(base + "/review/", timeout=30) as res:  # no token: to the login form
            assert res.url.endswith("/review/login") and "courier-blame.txt" not in res.read().decode()
        for _ in range(4):  # whichever worker answers
            req = urllib.request.Request(base + "/review/", headers={"Authorization": "Bearer s3cret"})
            with urllib.request.urlopen(req, timeout=30) as res:
                page = res.read().decode()
            assert "courier-blame.txt" in page and "clarification-sorry.txt" in page
        # the check API itself is unchanged beside it
        status, _, body = post(base + "/v1/check?name=chat.txt", b"Customer: hi\nAgent: hello\n")
        assert status == 200 and b'"rules"' in body
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
    err = proc.stderr.read().decode()
    assert "imported 2 scorecards" in err and "/review/" in err
    assert db.is_file()


def test_serve_import_of_an_unreadable_file_is_one_line_and_exit_3(tmp_path):
    res = CliRunner().invoke(cli_app, ["serve", "--no-config", "--port", str(free_port()), "--db",
                                       str(tmp_path / "r.sqlite3"), "--import", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 3
    assert res.stderr.startswith("error: ") and "missing.jsonl" in res.stderr and "Traceback" not in res.stderr
    res = CliRunner().invoke(cli_app, ["serve", "--no-config", "--no-review", "--import", "x.jsonl"])
    assert res.exit_code == 2 and "--no-review" in res.stderr


def test_no_review_leaves_the_workspace_out(tmp_path):
    from starlette.testclient import TestClient

    from turncheck.server import create_app

    with TestClient(create_app(review=False)) as c:
        assert c.get("/review/").status_code == 404
    with TestClient(create_app(review_db=str(tmp_path / "r.sqlite3"))) as c:
        assert c.get("/review/").status_code == 200
