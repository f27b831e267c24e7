#!/usr/bin/env python3
"""Does a rule-based sentiment library help decide "a problem is raised"? (issue: measure, then decide)

For every labelled transcript, the gold answer is whether the problem-dependent rules are labelled
(``apology`` is ``na`` exactly when no problem is raised). The pack's own ``problem-raised`` condition is
compared with that condition OR'ed with VADER (the customer's most negative turn at or under a compound
threshold), and with VADER alone. Needs ``pip install vaderSentiment`` (not a turncheck dependency).

Usage: python tools/measure_sentiment.py [LABELLED_FOLDER ...]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from turncheck import Checker, load_rules  # noqa: E402
from turncheck.checks.base import Context  # noqa: E402
from turncheck.transcripts import ImportOptions, iter_transcripts  # noqa: E402


def main(folders: list[Path]) -> int:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("pip install vaderSentiment first")
        return 2
    vader = SentimentIntensityAnalyzer()
    checker = Checker(load_rules())
    rows = []
    for folder in folders:
        for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "apology" not in row["labels"]:
                continue
            t = next(iter_transcripts(str(folder / row["file"]), ImportOptions()))
            if isinstance(t, Exception):
                continue
            rules = bool(Context(t, checker.index, checker.conditions).condition("problem-raised"))
            worst = min((vader.polarity_scores(x.text)["compound"] for x in t.turns if x.role == "customer"),
                        default=0.0)
            rows.append((row["labels"]["apology"] != "na", rules, worst))
    n = len(rows)
    print(f"{n} labelled transcripts from {', '.join(os.path.relpath(f, ROOT) for f in folders)}")
    print(f"{'method':34} {'agree':>6} {'missed':>7} {'false':>6}")

    def show(name: str, pred) -> None:
        agree = sum(1 for g, r, v in rows if g == pred(r, v))
        missed = sum(1 for g, r, v in rows if g and not pred(r, v))
        false = sum(1 for g, r, v in rows if not g and pred(r, v))
        print(f"{name:34} {agree:>4}/{n} {missed:>7} {false:>6}")

    show("problem-raised (phrases)", lambda r, v: r)
    for t in (-0.2, -0.4, -0.6):
        show(f"phrases OR VADER <= {t}", lambda r, v, t=t: r or v <= t)
        show(f"VADER alone <= {t}", lambda r, v, t=t: v <= t)
    return 0


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]] or [ROOT.parent / "shared/data/dev", ROOT.parent / "shared/data/adversarial-dev",
                                               ROOT / "eval/blind-60", ROOT / "eval/blind-50",
                                               ROOT / "eval/blind-40"]
    sys.exit(main(args))
