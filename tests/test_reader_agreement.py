"""tools/reader_agreement.py: two blind readings of the same transcripts, scored against each other."""

from __future__ import annotations

import importlib.util
import json

from helpers import ROOT

_spec = importlib.util.spec_from_file_location("reader_agreement", ROOT / "tools" / "reader_agreement.py")
reader_agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reader_agreement)


def _write(path, rows):
    path.write_text("".join(json.dumps({"file": f, "labels": labels}) + "\n" for f, labels in rows), encoding="utf-8")
    return path


def test_scores_the_second_reading_against_the_first_and_lists_the_splits(tmp_path, capsys):
    first = _write(tmp_path / "a.jsonl", [
        ("t1.txt", {"apology": "pass", "thanks": "fail"}),
        ("t2.txt", {"apology": "fail", "thanks": "fail"}),
        ("t3.txt", {"apology": "na", "thanks": "pass"}),
        ("only-a.txt", {"apology": "pass", "thanks": "pass"}),
    ])
    second = _write(tmp_path / "b.jsonl", [
        ("t1.txt", {"apology": "pass", "thanks": "fail"}),
        ("t2.txt", {"apology": "pass", "thanks": "fail"}),
        ("t3.txt", {"apology": "na", "thanks": "pass"}),
    ])
    scores, agreed, compared, splits, alone = reader_agreement.agreement(first, second)
    assert (agreed, compared, alone) == (5, 6, 1)
    assert splits == [("t2.txt", "apology", "fail", "pass")]
    # apology: pass F1 2/3, fail F1 0, na F1 1 -> mean over the three statuses the first reading uses
    assert dict(scores) == {"apology": (2 / 3 + 0 + 1) / 3, "thanks": 1.0}
    assert reader_agreement.main([str(first), str(second), "--list"]) == 0
    out = capsys.readouterr().out
    assert "labels agreed: 5 of 6 (83.3%)" in out
    assert "left out: 1 file(s) labelled in only one of the two" in out
    assert "t2.txt  apology: fail / pass" in out


def test_an_unreadable_file_is_a_one_line_error(tmp_path, capsys):
    assert reader_agreement.main([str(tmp_path / "missing.jsonl"), str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "missing.jsonl" in err and err.count("\n") == 1
