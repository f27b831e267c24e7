"""Before/after speed of two versions of turncheck in one run (not a test).

    python bench/compare.py --against REV [-n 2000] [--repeat 3] [--real]

Extracts ``src/`` and ``rules/`` of git revision ``REV`` into a temporary folder, then checks the same
transcripts with that version and with this working tree, alternating the two (so both see the same
machine load), and prints the CPU time per transcript of each and their ratio. The transcripts are the
benchmark's seeded corpus (``bench/corpus.py``); ``--real`` adds the real threads of ``../shared/data``.
Each run is a fresh ``turncheck check --jobs 1`` process, start-up included; the fastest of ``--repeat``
runs is kept. A ratio above 1.00 means this tree is slower than ``REV``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))


def extract(rev: str, into: Path) -> Path:
    """``src/`` and ``rules/`` of ``rev`` under ``into``."""
    blob = subprocess.run(["git", "archive", "--format=tar", rev, "src", "rules"], cwd=REPO, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def cpu_of(root: Path, inputs: list[str], cache: Path) -> float:
    """CPU seconds (user + system) of one ``turncheck check`` run of the tree at ``root``."""
    cache.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "TURNCHECK_CACHE_DIR": str(cache)}
    # -o a file of our own, never /dev/null: an older tree as root renames its temp file over the device
    out = subprocess.run([sys.executable, "-m", "turncheck", "check", *inputs, "--rules", str(root / "rules"),
                          "--jobs", "1", "--format", "jsonl", "-o", str(cache / "out.jsonl")], env=env,
                         capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        raise SystemExit(f"check with {root} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="git revision to compare with (e.g. a commit or main~5)")
    ap.add_argument("-n", type=int, default=2000, help="transcripts of the seeded corpus (default 2,000)")
    ap.add_argument("--repeat", type=int, default=3, help="keep the fastest of N alternating runs (default 3)")
    ap.add_argument("--real", action="store_true", help="also check the real threads of ../shared/data")
    args = ap.parse_args()

    from corpus import generate

    corpus = HERE / "corpus" / f"compare-{args.n}"
    if not corpus.is_dir():
        generate(corpus, args.n)
    inputs = [str(corpus)]
    shared = REPO.parent / "shared" / "data"
    if args.real and shared.is_dir():
        inputs += [str(shared / d) for d in ("dev", "twitter-dev", "twitter-unlabelled") if (shared / d).is_dir()]
    n = sum(1 for a in inputs for _, _, fs in os.walk(a) for f in fs if not f.startswith(".")
            and not f.endswith((".md", ".jsonl")) and "LICENSE" not in f)

    with tempfile.TemporaryDirectory() as tmp:
        old = extract(args.against, Path(tmp) / "old")
        trees = {"before": old, "after": REPO}
        best = {k: float("inf") for k in trees}
        for k, root in trees.items():  # one warm-up each: query caches filled, files in the page cache
            cpu_of(root, inputs, Path(tmp) / f"cache-{k}")
        for _ in range(args.repeat):
            for k, root in trees.items():
                best[k] = min(best[k], cpu_of(root, inputs, Path(tmp) / f"cache-{k}"))
    print(f"{n:,} transcripts, fastest of {args.repeat} alternating runs, CPU with start-up:")
    for k in trees:
        print(f"  {k:6s} ({args.against if k == 'before' else 'this tree'}): {best[k]:.2f} s, "
              f"{1000 * best[k] / n:.3f} ms per transcript")
    print(f"  after / before: {best['after'] / best['before']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
