"""``POST /v1/check`` gives the document ``turncheck check FILE --format json`` prints, byte for byte, when the
request names the file as the command line did (``?name=``); without a name only the source differs
(``<body>`` where the command line's standard input is ``<stdin>``). ``POST /v1/draft`` is ``turncheck draft
--format json``; ``GET /v1/rules`` is ``turncheck rules list --format json``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers import ROOT
from turncheck.cli import app as cli_app

from .conftest import CHAT, make_client

FILES = [
    "fixtures/chats/courier-blame.txt",
    "fixtures/chats/billing-good.txt",
    "fixtures/chats/named-speakers.txt",
    "fixtures/calls/talk-over.vtt",
    "fixtures/calls/srt-refund.srt",
    "fixtures/json/laptop-repair.json",
    "fixtures/formats/vcon/02105744-f8f8-4eb3-882b-d78eced80c78.vcon.json",
    "fixtures/formats/deepgram/dg_speakers.json",
    "fixtures/formats/teams-vtt/graph-calltranscript-content.vtt",
    "fixtures/formats/srt/SRT-BOM-CRLF-ExtendedChars.srt",
]


def cli(*args: str, stdin: bytes | None = None):
    """``turncheck ARGS`` in this process (no config file), as ``(exit code, stdout bytes, stderr text)``."""
    res = CliRunner().invoke(cli_app, list(args), input=stdin, catch_exceptions=False)
    return res.exit_code, res.stdout_bytes, res.stderr


def cli_check(*args: str, stdin: bytes | None = None):
    return cli("check", "--no-config", "-q", "--format", "json", *args, stdin=stdin)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # the fixtures' relative names, as a user in a checkout types them


@pytest.mark.parametrize("path", FILES)
def test_check_is_the_cli_json_byte_for_byte(client, path):
    code, out, _ = cli_check(path)
    res = client.post("/v1/check", params={"name": path}, content=(ROOT / path).read_bytes())
    assert res.status_code == 200
    assert res.content == out
    assert res.headers["x-turncheck-exit-code"] == str(code)
    card = json.loads(out)["scorecards"][0]
    assert res.headers["x-turncheck-verdict"] == card["verdict"]


def test_without_a_name_only_the_source_differs(client):
    data = (ROOT / "fixtures/chats/courier-blame.txt").read_bytes()
    _, out, _ = cli_check("-", stdin=data)
    served = client.post("/v1/check", content=data).json()
    expected = json.loads(out)
    (card,) = served["scorecards"]
    assert (card["transcript"], card["source"]) == ("<body>", "<body>")
    card["transcript"] = card["source"] = "<stdin>"
    assert served == expected


def test_canonical_json_of_turncheck_parse(client, tmp_path):
    code, canonical, _ = cli("parse", "fixtures/calls/good-call.vtt")
    assert code == 0
    path = tmp_path / "good-call.canonical.json"
    path.write_bytes(canonical)
    _, out, _ = cli_check(str(path))
    res = client.post("/v1/check", params={"name": str(path)}, content=canonical)
    assert res.status_code == 200 and res.content == out
    assert json.loads(out)["scorecards"][0]["format"] == "json"


def test_json_lines_body_gives_a_card_per_record_and_an_error_record_for_a_bad_line(client, tmp_path):
    record = json.dumps({"id": "r", "turns": [{"speaker": "Customer", "text": "My parcel never arrived."},
                                               {"speaker": "Agent", "text": "I'm so sorry, I'll chase it today."}]})
    path = tmp_path / "batch.jsonl"
    path.write_text(record + "\n{not json\n" + record + "\n", encoding="utf-8")
    code, out, _ = cli_check(str(path))
    assert code == 3
    res = client.post("/v1/check", params={"name": str(path)}, content=path.read_bytes())
    assert res.status_code == 200  # two of three were checked: the bad line is an error record in the document
    assert res.content == out
    assert res.headers["x-turncheck-exit-code"] == "3"
    assert [c["status"] for c in res.json()["scorecards"]] == ["pass", "error", "pass"]


def test_import_options_as_query_parameters(client):
    path = "fixtures/chats/named-speakers.txt"
    _, out, _ = cli_check(path, "--input-format", "chat", "--agent-speaker", "Helen", "--customer-speaker", "Tom")
    res = client.post("/v1/check", params=[("name", path), ("input_format", "chat"), ("agent_speaker", "Helen"),
                                           ("customer_speaker", "Tom")], content=(ROOT / path).read_bytes())
    assert res.content == out
    # ?format= is the same as ?input_format= (the body is always the scorecard JSON)
    alias = client.post("/v1/check", params=[("name", path), ("format", "chat"), ("agent_speaker", "Helen"),
                                             ("customer_speaker", "Tom")], content=(ROOT / path).read_bytes())
    assert alias.content == out


def test_server_options_match_the_same_cli_options():
    path = "fixtures/chats/courier-blame.txt"
    _, out, _ = cli_check(path, "--only", "apology", "--only", "thanks", "--fail-on", "major", "--redact")
    with make_client(only=("apology", "thanks"), fail_on="major", redact=True) as c:
        res = c.post("/v1/check", params={"name": path}, content=(ROOT / path).read_bytes())
    assert res.content == out
    assert [r["id"] for r in res.json()["scorecards"][0]["rules"]] == ["apology", "thanks"]


def test_unparseable_body_is_422_with_the_line_the_cli_prints(client, tmp_path):
    path = tmp_path / "notes.bin"
    path.write_bytes(b"\x00\x01\x02garbage\x00\xff")
    code, out, err = cli("check", "--no-config", "--format", "json", str(path))  # not quiet: errors listed
    assert code == 3
    res = client.post("/v1/check", params={"name": str(path)}, content=path.read_bytes())
    assert res.status_code == 422
    body = res.json()
    assert body["error"]["code"] == "unreadable-transcript"
    assert f"error: {body['error']['message']}\n" in err
    # the rest of the body is the CLI's document, error record and all
    del body["error"]
    assert body == json.loads(out)


def test_draft_is_the_cli_draft_json(client, tmp_path):
    path = tmp_path / "half-done.txt"
    path.write_text("Customer: My refund still hasn't arrived after three weeks.\nAgent: Let me look into it.\n",
                    encoding="utf-8")
    code, out, _ = cli("draft", str(path), "--format", "json")
    assert code == 0
    res = client.post("/v1/draft", params={"name": str(path)}, content=path.read_bytes())
    assert res.status_code == 200
    assert res.content == out
    assert {i["rule"] for i in res.json()["due"]} >= {"apology", "follow-up"}


def test_draft_error_is_the_cli_draft_error(client, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    code, _, err = cli("draft", str(path), "--format", "json")
    assert code == 3
    res = client.post("/v1/draft", params={"name": str(path)}, content=path.read_bytes())
    assert res.status_code == 422
    assert err == f"error: {res.json()['error']['message']}\n"


def test_rules_is_the_cli_rules_list_json(client):
    code, out, _ = cli("rules", "list", "--format", "json")
    assert code == 0
    assert client.get("/v1/rules").content == out


def test_rules_says_which_rules_this_server_checks():
    with make_client(skip=("customer-name",)) as c:
        rules = {r["id"]: r["checked"] for r in c.get("/v1/rules").json()["rules"]}
    assert rules["customer-name"] is False and rules["apology"] is True


def test_chat_of_the_tests_passes(client):
    res = client.post("/v1/check", params={"name": "chat.txt"}, content=CHAT.encode())
    assert res.status_code == 200 and res.headers["x-turncheck-exit-code"] == "0"


def test_rules_list_refuses_an_unknown_format():
    code, out, err = cli("rules", "list", "--format", "xml")
    assert code == 2 and out == b""
    assert err == "error: unknown format 'xml' (table, md or json)\n"


WAIVERS = """\
- {transcript: 'fixtures/chats/courier-blame.txt', rule: no-blame-shifting, reason: accepted in TICKET-7, expires: 2099-01-01}
- {transcript: 'fixtures/chats/*', rule: apology, reason: legacy template, expires: 2020-01-01}
"""


def test_waivers_are_applied_as_check_applies_them(tmp_path):
    # the served document with --waivers is the command line's: waived findings, the score recomputed, and
    # the run's waiver totals (counted per request: a second request counts from zero again)
    waivers = ROOT / "waivers-test.yaml"
    waivers.write_text(WAIVERS, encoding="utf-8")
    try:
        path = "fixtures/chats/courier-blame.txt"
        code, out, _ = cli_check("--waivers", str(waivers), path)
        doc = json.loads(out)
        assert doc["summary"]["waivers"]["applied"] == 1
        assert {r["id"]: r["status"] for r in doc["scorecards"][0]["rules"]}["no-blame-shifting"] == "waived"
        client = make_client(waivers=str(waivers))
        for _ in range(2):
            res = client.post("/v1/check", params={"name": path}, content=(ROOT / path).read_bytes())
            assert res.status_code == 200 and res.content == out
            assert res.headers["x-turncheck-exit-code"] == str(code)
        # another name: no waiver matches it
        res = client.post("/v1/check", params={"name": "other.txt"}, content=(ROOT / path).read_bytes())
        assert json.loads(res.content)["summary"]["waivers"]["applied"] == 0
    finally:
        waivers.unlink()
