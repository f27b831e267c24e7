"""Conformance: every sample in shared/formats (and its copy in fixtures/formats)
parses to what its ``*.expected.json`` says (see shared/formats/README.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from turncheck.transcripts import ImportOptions, parse_file

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TURNCHECK_SHARED_FORMATS", ROOT.parent / "shared" / "formats"))
FIXTURES = ROOT / "fixtures" / "formats"


def _samples(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*/*") if p.is_file() and not p.name.endswith((".expected.json", ".md")) and p.name != ".gitattributes")


def _params(folder: Path, label: str):
    samples = _samples(folder)
    if not samples:
        return [pytest.param(None, id=f"{label}-absent", marks=pytest.mark.skip(reason=f"{folder} is absent"))]
    return [pytest.param(p, id=f"{label}:{p.parent.name}/{p.name}") for p in samples]


SAMPLES = _params(SHARED, "shared") + _params(FIXTURES, "fixtures")


def _summary(path: Path, options: ImportOptions) -> dict:
    t = parse_file(path, options)
    roles = {r: sum(1 for x in t.turns if x.role == r) for r in ("agent", "customer", "other")}

    def edge(turn):
        return {"role": turn.role, "speaker": turn.speaker, "text_startswith": turn.text[:30], "start": turn.start}

    return {
        "turns": len(t.turns),
        "roles": roles,
        "first": edge(t.turns[0]),
        "last": edge(t.turns[-1]),
        # "timed" in the expectations means the turns carry start times
        # (chat send times included); Transcript.timed needs start *and* end.
        "timed": any(x.start is not None for x in t.turns),
    }


def _same_edge(got: dict, want: dict) -> bool:
    if (got["start"] is None) != (want["start"] is None):
        return False
    if got["start"] is not None and got["start"] != pytest.approx(want["start"], abs=1e-6):
        return False
    return {k: v for k, v in got.items() if k != "start"} == {k: v for k, v in want.items() if k != "start"}


@pytest.mark.parametrize("path", SAMPLES)
def test_sample_matches_expected(path: Path) -> None:
    expected = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
    # stated roles only: inference off, so speaker ids stay "other" as the file says
    got = _summary(path, ImportOptions(infer_roles=False))
    assert got["turns"] == expected["turns"]
    assert got["roles"] == expected["roles"]
    assert _same_edge(got["first"], expected["first"]), (got["first"], expected["first"])
    assert _same_edge(got["last"], expected["last"]), (got["last"], expected["last"])
    assert got["timed"] == expected["timed"]


@pytest.mark.parametrize("path", SAMPLES)
def test_inference_changes_roles_only(path: Path) -> None:
    """With inference on, the same turns come out; only 'other' roles may be refined."""
    plain = parse_file(path, ImportOptions(infer_roles=False))
    inferred = parse_file(path, ImportOptions(infer_roles=True))
    assert [(t.speaker, t.text, t.start, t.end) for t in plain.turns] == [
        (t.speaker, t.text, t.start, t.end) for t in inferred.turns
    ]
    for a, b in zip(plain.turns, inferred.turns):
        assert a.role == b.role or a.role == "other"
    if inferred.metadata["roles_source"].startswith("heuristic"):
        assert "roles_evidence" in inferred.metadata


def test_fixture_copies_are_identical_to_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    for p in _samples(SHARED):
        copy = FIXTURES / p.parent.name / p.name
        assert copy.is_file(), f"missing fixture copy {copy}"
        assert copy.read_bytes() == p.read_bytes(), f"{copy} differs from {p}"
