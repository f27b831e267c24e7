"""``turncheck diff``: two rule packs over the same transcripts, and exactly what flips."""

from __future__ import annotations

import json
import shutil

from helpers import ROOT
from test_cli import run

PHRASE = '"hate to see" OR '


def _packs(tmp_path):
    """The default pack, and a copy of it without one apology phrase."""
    old = tmp_path / "old-pack"
    shutil.copytree(ROOT / "rules", old)
    pack = (old / "pack.yaml").read_text(encoding="utf-8")
    assert PHRASE in pack
    (old / "pack.yaml").write_text(pack.replace(PHRASE, "", 1), encoding="utf-8")
    return ROOT / "rules", old


def _transcripts(tmp_path):
    folder = tmp_path / "chats"
    folder.mkdir()
    decided = []
    for i, what in enumerate(["the app crashes on start", "my card was declined twice", "the order never came"]):
        (folder / f"hate-{i}.txt").write_text(
            f"Customer: {what}\nAgent: We hate to see this. Let's get it sorted.\n", encoding="utf-8")
        decided.append(f"hate-{i}.txt")
    for i in range(2):
        (folder / f"sorry-{i}.txt").write_text(
            "Customer: my parcel is late again\nAgent: I'm so sorry about that.\n", encoding="utf-8")
    return folder, decided


def test_diff_lists_exactly_the_transcripts_a_removed_phrase_decided(tmp_path):
    new, old = _packs(tmp_path)
    folder, decided = _transcripts(tmp_path)
    res = run("diff", str(folder), "--rules", str(new), "--against", str(old), "--format", "json")
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout)
    flipped = sorted(f["transcript"].rsplit("/", 1)[-1] for f in got["flips"])
    assert flipped == sorted(decided)
    assert {(f["rule"], f["old"], f["new"]) for f in got["flips"]} == {("apology", "fail", "pass")}
    assert all("hate to see" in f["new_quote"] for f in got["flips"])
    assert got["rules"] == [{"rule": "apology", "flips": 3, "by_change": {"fail->pass": 3}}]
    assert got["transcripts"] == 5 and got["transcripts_changed"] == 3
    assert got["mean_score"]["new"] > got["mean_score"]["old"]


def test_fail_on_change_and_identical_packs(tmp_path):
    new, old = _packs(tmp_path)
    folder, _ = _transcripts(tmp_path)
    assert run("diff", str(folder), "--against", str(old), "--fail-on-change").returncode == 1
    assert run("diff", str(folder), "--against", str(old)).returncode == 0
    same = run("diff", str(folder), "--against", str(new), "--fail-on-change")
    assert same.returncode == 0 and "0 rule flips" in same.stdout


def test_unreadable_input_is_reported_and_the_rest_compared(tmp_path):
    new, old = _packs(tmp_path)
    folder, decided = _transcripts(tmp_path)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    res = run("diff", str(folder), "--against", str(old), "--format", "json", "-o", str(tmp_path / "d.json"))
    assert res.returncode == 3
    assert "broken.json" in res.stderr and "Traceback" not in res.stderr
    got = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert len(got["flips"]) == len(decided) and got["errors"][0]["source"].endswith("broken.json")


def test_markdown_and_bad_format(tmp_path):
    new, old = _packs(tmp_path)
    folder, _ = _transcripts(tmp_path)
    md = run("diff", str(folder), "--against", str(old), "--format", "md")
    assert md.returncode == 0 and "| apology | 3 | fail->pass 3 |" in md.stdout
    bad = run("diff", str(folder), "--against", str(old), "--format", "xml")
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_text_output_shows_control_characters_instead_of_obeying_them(tmp_path):
    new, old = _packs(tmp_path)
    folder = tmp_path / "chats"
    folder.mkdir()
    (folder / "evil\x1b[31m.txt").write_text(
        "Customer: the app crashes on start\nAgent: We hate to see this \x1b[2J here.\n", encoding="utf-8")
    res = run("diff", str(folder), "--against", str(old))
    assert res.returncode == 0 and "apology: fail -> pass" in res.stdout
    assert "\x1b" not in res.stdout and "evil␛[31m.txt" in res.stdout
