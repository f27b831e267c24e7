"""Shared fixtures for the running-at-scale tests: a mixed corpus with broken inputs, and a CLI runner."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from turncheck.cli import app

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"

CHAT_FAIL = """Customer: My order was due last Thursday and there's still no sign of it.
Agent: The courier lost it, that's their fault. You'll need to contact them.
Customer: But I paid you, not the courier.
Agent: Their claims page is on their website.
"""

CHAT_PASS = """Customer: Hi, what are your opening hours on Saturday?
Agent: Hi, thanks for reaching out! We're open 9 to 5 on Saturdays.
Customer: Great, thanks.
Agent: You're welcome, have a lovely weekend.
"""

CHAT_PII = """Customer: I was charged twice, my card is 4111 1111 1111 1111 and my email is dana@example.com.
Agent: I'm so sorry about that, Dana. I'll refund the duplicate charge today and call you back on +44 20 7946 0958 by Friday.
Customer: Thanks.
"""

JSONL_RECORDS = [
    {"meta": {"agent_name": "Jordan"}, "turns": [
        {"speaker": "customer", "text": "My parcel is late and nobody answers the phone."},
        {"speaker": "agent", "text": "I'm sorry about that. I'll chase the depot and email you by 5pm today."}]},
    "this line is not JSON",
    {"meta": {"agent_name": "Marta"}, "turns": [
        {"speaker": "customer", "text": "What time do you open?"},
        {"speaker": "agent", "text": "Thanks for asking, we open at nine."}]},
]


@dataclass
class Corpus:
    root: Path
    #: inputs that must get exactly one record each (the JSONL file gets one per line)
    files: list[Path]
    jsonl: Path
    missing: Path


def write_corpus(root: Path) -> Corpus:
    """A folder of mixed, partly broken transcripts (see the test module docstrings)."""
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("chats", "calls", "json"):
        shutil.copytree(FIXTURES / sub, root / sub, dirs_exist_ok=True)
    broken = root / "broken"
    broken.mkdir()
    (broken / "empty.txt").write_bytes(b"")
    (broken / "random.bin").write_bytes(os.urandom(512) + b"\x00\x01\x02")
    (broken / "latin1.txt").write_bytes("Customer: Der Kühlschrank ist kaputt.\nAgent: Oh nein, das tut mir leid.\n"
                                        .encode("latin-1") + b"\xff\xfe\x81")
    (broken / "truncated.json").write_text('{"turns": [{"speaker": "agent", "text": "Hel', encoding="utf-8")
    (broken / "bad-timestamp.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\n<v Agent>Hello\n\n"
                                              "00:00:0x.500 --> banana\n<v Customer>Hi\n", encoding="utf-8")
    (root / "chats" / "extra-fail.txt").write_text(CHAT_FAIL, encoding="utf-8")
    (root / "chats" / "extra-pass.txt").write_text(CHAT_PASS, encoding="utf-8")
    jsonl = root / "bulk" / "day.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in JSONL_RECORDS) + "\n",
                     encoding="utf-8")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return Corpus(root, files, jsonl, root / "nope" / "missing.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="module")
def shared_corpus(tmp_path_factory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("shared") / "corpus")


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch) -> Path:
    """Run in an empty folder with no config file above it that could leak in."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("TURNCHECK_TODAY", raising=False)
    return work


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None):
        return self.runner.invoke(app, ["check", *map(str, args)], input=input, catch_exceptions=False)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def jsonl_cards(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
