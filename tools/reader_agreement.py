"""How far two blind readings of the same transcripts agree: the ceiling a checker can be expected to reach.

    python tools/reader_agreement.py FIRST.jsonl SECOND.jsonl [--list]

Both files are labels files (the format `turncheck evaluate` reads). Prints, per rule, the mean macro-F1 of the
second reading scored against the first (the same measure `turncheck evaluate` gives the checker), then the
share of labels the two agree on; `--list` also prints every label they split on. Files in only one of the
two are left out and counted. Exit 0, or 2 when a file cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from turncheck.errors import UsageError
from turncheck.evaluate import load_labels, score_rule


def agreement(first: Path, second: Path) -> tuple[list[tuple[str, float]], int, int, list[tuple[str, str, str, str]],
                                                  int]:
    """(per-rule macro-F1 of ``second`` against ``first``, labels agreed, labels compared, the splits as
    (file, rule, first, second), files in only one of the two)."""
    a = {lab.path.name: lab.labels for lab in load_labels(first)}
    b = {lab.path.name: lab.labels for lab in load_labels(second)}
    shared = sorted(set(a) & set(b))
    rules = [r for r in dict.fromkeys(r for f in shared for r in a[f]) if all(r in b[f] for f in shared)]
    scores, splits, agreed, compared = [], [], 0, 0
    for rule in rules:
        pairs = [(a[f][rule], b[f][rule]) for f in shared if rule in a[f]]
        scores.append((rule, score_rule(rule, pairs).macro_f1))
        for f in shared:
            if rule in a[f]:
                compared += 1
                if a[f][rule] == b[f][rule]:
                    agreed += 1
                else:
                    splits.append((f, rule, a[f][rule], b[f][rule]))
    return scores, agreed, compared, splits, len(set(a) ^ set(b))


def main(argv: list[str]) -> int:
    paths = [p for p in argv if not p.startswith("--")]
    if len(paths) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        scores, agreed, compared, splits, alone = agreement(Path(paths[0]), Path(paths[1]))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    width = max((len(r) for r, _ in scores), default=4)
    for rule, f1 in scores:
        print(f"{rule:<{width}}  {f1:.2f}")
    mean = sum(f1 for _, f1 in scores) / len(scores) if scores else 0.0
    print(f"second reading against the first: mean macro-F1 over {len(scores)} rules {mean:.3f}")
    share = agreed / compared if compared else 0.0
    print(f"labels agreed: {agreed:,} of {compared:,} ({share:.1%})")
    if alone:
        print(f"left out: {alone} file(s) labelled in only one of the two")
    if "--list" in argv:
        for f, rule, x, y in splits:
            print(f"  {f}  {rule}: {x} / {y}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
