"""Hostile bodies (the kinds tests/hostile and the import tests feed the CLI): never a 500, never a traceback;
a body that cannot be checked is a 422 whose message is the very line ``turncheck check`` prints for the same
bytes in a file of the same name."""

from __future__ import annotations

import json

import pytest

from .conftest import CHAT
from .test_same_as_cli import cli

DEEP = b"[" * 100_000 + b"]" * 100_000

HOSTILE = {
    "empty": (b"", "x.txt"),
    "blank": (b"   \n\n", "x.txt"),
    "bom-only": ("\ufeff".encode(), "x.txt"),
    "nul-bytes": (b"\x00\x01\x02\x03garbage\x00\xff", "x.bin"),
    "all-bytes": (bytes(range(256)), "x.bin"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.png"),
    "truncated-json": (b'{"turns": [{"speaker": "Agent", "text": "hi"', "x.json"),
    "deep-json": (DEEP, "x.json"),
    "deep-object": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "x.json"),
    "json-no-structure": (b'{"hello": "world", "n": [1, 2, 3]}', "x.json"),
    "json-wrong-types": (b'{"turns": [{"speaker": 5, "text": ["a"], "start": "soon"}]}', "x.json"),
    "huge-number": (b'{"turns": [{"speaker": "Agent", "text": "hi", "start": 1e999999}]}', "x.json"),
    "vtt-bad-times": (b"WEBVTT\n\n99:99:99.999 --> 00:00:00.000\n<v Agent>hi\n", "x.vtt"),
    "srt-garbage": (b"1\nnot a time\nhello\n\n2\n00:00:01,000 --> \n", "x.srt"),
    "one-long-line": (b"x" * 200_000, "x.txt"),
    "utf16-odd-bytes": (b"\xff\xfeA\x00g\x00e\x00", "x.txt"),
    "invalid-utf8": (b"Customer: caf\xe9 \xc3\x28 \xa0\xa1\n", "x.txt"),
    "control-and-bidi": ("Customer: my card\u202e was charged twice\x1b[31m\nAgent: \x07Sorry!\n".encode(), "x.txt"),
    "jsonl-all-bad": (b"{not json\n[1, 2\n", "x.jsonl"),
    "csv-ragged": (b"speaker,text,start\nAgent,hi\nCustomer,\"unterminated,1\n", "x.csv"),
    "nested-vcon": (json.dumps({"vcon": "0.0.1", "parties": [{}] * 3, "dialog": [{"type": "text", "body": {"x": 1},
                                                                                  "parties": [7]}]}).encode(),
                    "x.vcon.json"),
}


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """Every hostile body as a file, checked by one ``turncheck check`` run: its cards by source, and stderr."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (data, file_name) in HOSTILE.items():
        (folder / name).mkdir()
        paths[name] = folder / name / file_name
        paths[name].write_bytes(data)
    code, out, err = cli("check", "--no-config", "--format", "jsonl", "-j", "1", *map(str, paths.values()))
    assert code == 3 and "Traceback" not in err
    cards: dict[str, list] = {}
    for line in out.splitlines():
        card = json.loads(line)
        cards.setdefault(card["source"], []).append(card)
    return paths, cards, err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_body_is_never_a_500_and_matches_the_cli(client, cli_run, name):
    paths, cli_cards, err = cli_run
    path = str(paths[name])
    res = client.post("/v1/check", params={"name": path}, content=HOSTILE[name][0])
    assert res.status_code in (200, 422), res.text
    body = res.json()
    assert body["scorecards"] == cli_cards[path]
    statuses = {c["status"] for c in cli_cards[path]}
    assert res.headers["x-turncheck-exit-code"] == ("3" if "error" in statuses else "1" if "fail" in statuses else "0")
    if res.status_code == 422:
        assert statuses == {"error"}
        assert body["error"]["code"] in ("unparseable-transcript", "unreadable-transcript")
        assert f"error: {body['error']['message']}\n" in err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_draft_is_never_a_500(client, name):
    data, file_name = HOSTILE[name]
    res = client.post("/v1/draft", params={"name": file_name}, content=data)
    assert res.status_code in (200, 422), res.text
    if res.status_code == 422:
        assert res.json()["error"]["message"].startswith(file_name)


def test_control_characters_in_a_name_cannot_forge_lines(client):
    res = client.post("/v1/check", params={"name": "a\u202eb.txt"}, content=b"\x00\x01")
    assert res.status_code == 422
    assert "\u202e" not in res.json()["error"]["message"]


def test_after_every_hostile_body_the_server_still_checks(client):
    for data, file_name in HOSTILE.values():
        client.post("/v1/check", params={"name": file_name}, content=data)
    assert client.post("/v1/check", content=CHAT).status_code == 200
