"""Every evaluation file in shared/data/dev and shared/data/adversarial-dev parses with the
right roles and metadata: the rules are judged on exactly these shapes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from turncheck.transcripts import ImportOptions, iter_transcripts, parse_file

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("TURNCHECK_SHARED_DATA", ROOT.parent / "shared" / "data"))
SETS = ("dev", "adversarial-dev")
#: transcripts without any agent turn (voicemail, abandoned chat)
NO_AGENT = {"adversarial-dev/dev_036.json"}


def _files() -> list:
    files = []
    for name in SETS:
        folder = DATA / name
        if folder.is_dir():
            files += [p for p in sorted(folder.iterdir()) if p.is_file() and p.name not in ("labels.jsonl", "README.md")]
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{DATA} is absent"))]
    return [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in files]


def _stated_roles(path: Path) -> tuple[list[str], str | None]:
    """Roles and customer name read independently of the importers, from the file's own labels."""
    text = path.read_text(encoding="utf-8-sig")
    customer = None
    if path.suffix == ".json":
        data = json.loads(text)
        customer = (data.get("meta") or {}).get("customer_name")
        return [t["speaker"] for t in data["turns"]], customer
    agent_name = None
    for m in re.finditer(r"^(?:#|NOTE) (agent|customer): (.+)$", text, re.M):
        if m.group(1) == "customer":
            customer = m.group(2).strip()
        else:
            agent_name = m.group(2).strip()
    roles = []
    if path.suffix == ".vtt":
        roles = [m.group(1).lower() for m in re.finditer(r"<v ([^>]+)>", text)]
    else:
        for line in text.splitlines():
            m = re.match(r"^(?:\[[^\]]+\] )?([^:#\[\]]{1,40}?): ", line)
            if not m:
                continue
            label = m.group(1)
            if label in ("Agent", "Customer"):
                roles.append(label.lower())
            elif agent_name:
                roles.append("agent" if label.split(" (")[0] == agent_name else "customer")
    return roles, customer


@pytest.mark.parametrize("path", _files())
def test_file_parses_with_stated_roles(path: Path) -> None:
    t = parse_file(path)
    key = f"{path.parent.name}/{path.name}"
    stated, customer = _stated_roles(path)
    assert [x.role for x in t.turns] == stated
    present = t.roles_present()
    assert "customer" in present
    assert ("agent" in present) == (key not in NO_AGENT)
    assert "other" not in present
    assert t.metadata["roles_source"] == "file"
    if customer:
        assert t.metadata["customer_name"] == customer
    assert all(x.text and x.text == x.text.strip() for x in t.turns)
    assert all(x.line is not None for x in t.turns) or path.suffix == ".json"
    # timed transcripts (vtt/srt/json) have start and end; chat send times never an end
    assert t.timed == (path.suffix in (".vtt", ".srt", ".json"))
    starts = [x.start for x in t.turns if x.start is not None]
    assert starts == sorted(starts)
    # inference must not change anything in files that state their roles
    assert [x.role for x in parse_file(path, ImportOptions(infer_roles=False)).turns] == stated
    (again,) = list(iter_transcripts(path))
    assert again.model_dump() == t.model_dump()
