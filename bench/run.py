"""Benchmark of ``turncheck check`` at scale (not a test): ``python bench/run.py [--small]``.

Generates a seeded corpus of support conversations (chat ``.txt``, WebVTT
calls, turns JSON; 6-30 turns each; see ``bench/corpus.py``) into
``bench/corpus/`` (gitignored), then, from this one run, prints:

(a) ``check --jobs 1`` with the full default pack vs a parse-only pass over the
    same corpus, and vs a bare floor (read every file and split its lines into
    role and text, nothing else);                 target: <= 2x and <= 5x
(b) ``--jobs 2`` vs ``--jobs 1``;                 target: >= 1.8x faster
(c) peak memory (RSS high-water of the process, from
    ``getrusage(RUSAGE_CHILDREN)`` in a fresh measuring process) for a tenth
    of the corpus vs all of it;                    target: <= 1.2x
(d) ``--engine dask`` (LocalCluster, 2 worker processes) vs ``--jobs 2``;
(e) what ``--redact`` and ``--cache`` cost or save;

and, to show where (a)'s time goes, three reference passes: the issue's own
yardstick (the floor plus ``phrase in said.lower()`` for 300 of the pack's
phrases), the same loop over every phrase of the pack, and the parse plus
turncheck's one scan of every turn (no rule logic).

Every command runs in its own process (imports and start-up included, as a
user would see them; the default pack's parsed queries are in turncheck's
query cache, warmed by this script before the timed runs, as they are on any
second run); the measuring process hashes the output, so the table
also shows that ``--jobs 1``, ``--jobs 2`` and Dask wrote the same bytes.
Wall time is the figure for (b) and (d); (a) also shows CPU time, which is
steadier on a busy machine. ``--repeat N`` keeps the fastest of N runs.
``--profile`` adds a cProfile of the in-process check, by source file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SRC = REPO / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(HERE))

# The bare floor: read every file and split its lines into role and text. ``{setup}`` and
# ``{per_line}`` are empty here; the phrase loop below fills them in.
_READ_AND_SPLIT = r"""
import os, sys
{setup}
files = sorted(os.path.join(r, f) for a in sys.argv[1:] for r, d, fs in os.walk(a) for f in fs if not f.startswith("."))
n = 0
for p in files:
    with open(p, "rb") as fh:
        text = fh.read().decode("utf-8")
    for line in text.splitlines():
        role, _, said = line.partition(":")
        n += 1{per_line}
print(len(files), n)
"""
FLOOR = _READ_AND_SPLIT.format(setup="", per_line="")

PARSE = r"""
import sys
from turncheck.runner import expand_inputs
from turncheck.transcripts import ImportOptions, iter_transcripts
options = ImportOptions()
n = turns = 0
for p in expand_inputs(sys.argv[1:]):
    for t in iter_transcripts(p, options):
        n += 1
        turns += len(getattr(t, "turns", ()))
print(n, turns)
"""

# The reference point: a hand-written ``phrase in text.lower()`` loop over the
# phrases (``$PHRASES``: a file of one phrase per line) on top of the floor.
PHRASE_LOOP = _READ_AND_SPLIT.format(
    setup='phrases = open(os.environ["PHRASES"], encoding="utf-8").read().split("\\n")',
    per_line="""
        low = said.lower()
        for ph in phrases:
            if ph in low:
                n += 1""")

# What every check of the default pack needs before any rule logic runs: the parse, then
# turncheck's one scan per turn (normalise, Aho-Corasick over every phrase, the re2.Set).
SCAN = r"""
import sys
from turncheck.engine import Checker
from turncheck.rules.loader import load_ruleset
from turncheck.runner import expand_inputs
from turncheck.transcripts import ImportOptions, iter_transcripts
index = Checker(load_ruleset()).index
options = ImportOptions()
n = turns = 0
for p in expand_inputs(sys.argv[1:]):
    for t in iter_transcripts(p, options):
        n += 1
        for turn in getattr(t, "turns", ()):
            index.scan(turn.text)
            turns += 1
print(n, turns)
"""


def pack_phrases() -> list[str]:
    """The default pack's phrase atoms as plain text (fuzzy variants included; prefixes without ``*``)."""
    from turncheck.engine import Checker
    from turncheck.rules.loader import load_ruleset

    index = Checker(load_ruleset()).index
    return sorted({" ".join(w.rstrip("*") for w in words) for words in index._phrases.values()})


def measure(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd`` from a fresh measuring process: wall, CPU, peak RSS, exit code, sha256 of stdout."""
    out = subprocess.run([sys.executable, __file__, "--_measure", "--", *cmd], capture_output=True, text=True,
                         env={**_env(), **(env or {})})
    if out.returncode != 0:
        raise SystemExit(f"measuring {' '.join(cmd)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _measure_child(cmd: list[str]) -> None:
    h = hashlib.sha256()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    while chunk := proc.stdout.read(1 << 20):
        h.update(chunk)
    err = proc.stderr.read()
    rc = proc.wait()
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024, "rc": rc,
                      "sha": h.hexdigest()[:12], "stderr": err.decode("utf-8", "replace")[-2000:]}))


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.pop("TURNCHECK_TODAY", None)
    return env


def best(cmd: list[str], repeat: int, env: dict | None = None) -> dict:
    runs = [measure(cmd, env) for _ in range(repeat)]
    return min(runs, key=lambda r: r["wall"])


def check_cmd(paths: list[str], *extra: str) -> list[str]:
    return [sys.executable, "-m", "turncheck", "check", *paths, "--format", "jsonl", "-q", "--no-config",
            "--no-progress", *extra]


def profile(paths: list[str], limit: int = 800) -> None:
    """cProfile of the in-process check over ``limit`` files, grouped by source file."""
    import cProfile
    import pstats
    from collections import defaultdict

    from turncheck.engine import Checker
    from turncheck.rules.loader import load_ruleset
    from turncheck.runner import Run, expand_inputs

    files = expand_inputs(paths)[:limit]
    checker = Checker(load_ruleset())
    prof = cProfile.Profile()
    prof.enable()
    for _ in Run(checker)(files):
        pass
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())
    by_file: dict[str, float] = defaultdict(float)
    for (file, _line, _fn), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        if "turncheck" in file:
            key = "turncheck/" + file.split("turncheck/", 1)[1]
        elif file.startswith("~") or file.startswith("<"):
            key = "(builtins: " + _fn + ")" if _fn.startswith("<method") or _fn.startswith("<built-in") else file
        else:
            key = "(other) " + Path(file).name
        by_file[key] += tt
    print(f"\nprofile: {len(files)} files in process, {total:.2f} s total (self time by file)")
    for key, tt in sorted(by_file.items(), key=lambda kv: -kv[1])[:16]:
        print(f"  {100 * tt / total:5.1f}%  {tt:6.2f} s  {key}")
    print("\n  top functions by self time:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:12]
    for (file, line, fn), (_cc, nc, tt, ct, _callers) in rows:
        short = file.split("src/", 1)[-1]
        print(f"  {100 * tt / total:5.1f}%  {nc:>9} calls  {short}:{line}({fn})  cum {ct:.2f} s")


def redaction_cost(paths: list[str], limit: int = 400) -> tuple[float, float, float]:
    """In-process: microseconds per scorecard to redact, and to check, over ``limit`` files (steadier than
    comparing two whole runs)."""
    from turncheck.engine import Checker
    from turncheck.engines import decode_card, encode_card
    from turncheck.redact import redact_card
    from turncheck.rules.loader import load_ruleset
    from turncheck.runner import Run, expand_inputs

    files = expand_inputs(paths)[:limit]
    checker = Checker(load_ruleset())
    t0 = time.process_time()
    cards = [encode_card(c) for c in Run(checker)(files)]
    check_us = (time.process_time() - t0) / len(cards) * 1e6
    fresh = [decode_card(c) for c in cards]
    t0 = time.process_time()
    for c in fresh:
        redact_card(c)
    redact_us = (time.process_time() - t0) / len(cards) * 1e6
    t0 = time.process_time()
    for c in cards:
        decode_card(c)
    decode_us = (time.process_time() - t0) / len(cards) * 1e6
    return redact_us, check_us, decode_us


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small", action="store_true", help="2,000 transcripts instead of 20,000 (a quick run)")
    ap.add_argument("-n", type=int, default=None, help="number of transcripts (default 20,000; --small 2,000)")
    ap.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs of each command")
    ap.add_argument("--profile", action="store_true", help="also profile the in-process check")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask measurement")
    args = ap.parse_args()

    from corpus import PER_DAY, generate

    total = args.n or (2000 if args.small else 20000)
    root = HERE / "corpus" / f"n{total}"
    t0 = time.perf_counter()
    days = generate(root, total)
    gen = time.perf_counter() - t0
    tenth = [str(d) for d in days[: max(1, len(days) // 10)]]
    n_tenth = min(total, len(tenth) * PER_DAY)
    if len(tenth) * PER_DAY >= total:  # --small with fewer than 10 folders: a prefix of files instead
        n_tenth = None
    print(f"corpus: {total} transcripts in {root.relative_to(REPO)} ({gen:.1f} s to generate or find); "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} "
          "(other work on the machine skews the wall times)")
    print("running... (each line is one command in its own process)\n", flush=True)

    rows: dict[str, dict] = {}

    def run(name: str, cmd: list[str] | list[list[str]], note: str = "", env: dict | None = None) -> dict:
        """``cmd``, or one command per repetition (a list of them)."""
        if cmd and isinstance(cmd[0], list):
            r = min((measure(c, env) for c in cmd), key=lambda r: r["wall"])  # type: ignore[arg-type]
        else:
            r = best(cmd, args.repeat, env)  # type: ignore[arg-type]
        rows[name] = r
        print(f"  {name:<22} wall {r['wall']:7.2f} s   cpu {r['cpu']:7.2f} s   peak RSS {r['rss_mb']:6.0f} MB   "
              f"exit {r['rc']}   out {r['sha']}  {note}", flush=True)
        if r["rc"] not in (0, 1, 3) and r["stderr"]:
            print(r["stderr"])
        return r

    full = [str(root)]
    run("floor (read+split)", [sys.executable, "-c", FLOOR, *full])
    run("parse only", [sys.executable, "-c", PARSE, *full])
    phrases = pack_phrases()
    with tempfile.TemporaryDirectory() as tmp:
        few, every = Path(tmp, "300.txt"), Path(tmp, "all.txt")
        few.write_text("\n".join(phrases[:: max(1, len(phrases) // 300)][:300]), encoding="utf-8")
        every.write_text("\n".join(phrases), encoding="utf-8")
        run("phrase loop, 300", [sys.executable, "-c", PHRASE_LOOP, *full],
            "(floor + `phrase in said.lower()` for 300 of the pack's phrases)", env={"PHRASES": str(few)})
        # every phrase: ~13x slower, so on a tenth of the corpus (compared per transcript)
        run(f"phrase loop, {len(phrases)}", [sys.executable, "-c", PHRASE_LOOP, *(tenth if n_tenth else full)],
            f"(the same for every phrase of the pack; {n_tenth or total} transcripts)", env={"PHRASES": str(every)})
    run("parse + scan", [sys.executable, "-c", SCAN, *full], "(parse, then one scan of every turn)")
    j1 = run("check --jobs 1", check_cmd(full, "-j", "1"))
    j2 = run("check --jobs 2", check_cmd(full, "-j", "2"))
    dk = None if args.no_dask else run("check --engine dask", check_cmd(full, "--engine", "dask"),
                                       "(LocalCluster, 2 processes)")
    sub = tenth if n_tenth else full
    s1 = run("tenth --jobs 1", check_cmd(sub, "-j", "1"), f"({n_tenth or total} transcripts)")
    red = run("tenth --jobs 1 --redact", check_cmd(sub, "-j", "1", "--redact"))
    with tempfile.TemporaryDirectory() as caches:
        # every repetition of the cold run starts from an empty cache; the warm runs reuse the last one
        fresh = [str(Path(caches, f"run{i}")) for i in range(max(1, args.repeat))]
        cold = run("tenth cache cold", [check_cmd(sub, "-j", "1", "--cache", c) for c in fresh],
                   "(stores every result)")
        warm = run("tenth cache warm", check_cmd(sub, "-j", "1", "--cache", fresh[-1]), "(reuses every result)")

    def ratio(a: float, b: float) -> float:
        return a / b if b else float("inf")

    floor, parse = rows["floor (read+split)"], rows["parse only"]
    print("\nratios (targets in brackets):")
    lines = [
        ("(a) check -j1 / parse-only, wall", ratio(j1["wall"], parse["wall"]), "<= 2"),
        ("(a) check -j1 / parse-only, cpu", ratio(j1["cpu"], parse["cpu"]), "<= 2"),
        ("(a) check -j1 / floor, wall", ratio(j1["wall"], floor["wall"]), "<= 5"),
        ("(a) check -j1 / floor, cpu", ratio(j1["cpu"], floor["cpu"]), "<= 5"),
        ("(b) speed-up -j2 over -j1", ratio(j1["wall"], j2["wall"]), ">= 1.8"),
        ("(c) peak RSS all / tenth", ratio(j1["rss_mb"], s1["rss_mb"]) if n_tenth else float("nan"), "<= 1.2"),
    ]
    if dk is not None:
        lines.append(("(d) dask wall / -j2 wall", ratio(dk["wall"], j2["wall"]), "~1"))
    loop300, loop_all = rows["phrase loop, 300"], rows[f"phrase loop, {len(phrases)}"]
    scan = rows["parse + scan"]
    lines += [
        ("    phrase loop 300 / floor, cpu", ratio(loop300["cpu"], floor["cpu"]), "x"),
        (f"    phrase loop {len(phrases)} / floor, cpu", ratio(loop_all["cpu"] / (n_tenth or total),
                                                             floor["cpu"] / total), "x"),
        ("    parse + scan / parse-only, cpu", ratio(scan["cpu"], parse["cpu"]), "x"),
        ("    parse + scan / floor, cpu", ratio(scan["cpu"], floor["cpu"]), "x"),
        ("    check -j1 / parse + scan, cpu", ratio(j1["cpu"], scan["cpu"]), "x"),
    ]
    lines += [
        ("(e) --redact cost (wall)", ratio(red["wall"], s1["wall"]), "x"),
        ("(e) cache cold / no cache", ratio(cold["wall"], s1["wall"]), "x"),
        ("(e) cache warm speed-up", ratio(s1["wall"], warm["wall"]), "x"),
    ]
    for label, value, target in lines:
        ok = ""
        if target.startswith("<="):
            ok = "ok" if value <= float(target[2:]) else "MISSED"
        elif target.startswith(">="):
            ok = "ok" if value >= float(target[2:]) else "MISSED"
        print(f"  {label:<34} {value:6.2f}x   [{target}] {ok}")
    same = {j1["sha"], j2["sha"]} | ({dk["sha"]} if dk else set())
    verdict = "yes" if len(same) == 1 else "NO: " + str(same)
    print(f"\nsame output bytes for -j1, -j2{', dask' if dk else ''}: {verdict}")
    print(f"same output with the cache (cold, warm) as without: "
          f"{'yes' if cold['sha'] == warm['sha'] == s1['sha'] else 'NO'}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    per = j1["cpu"] / total * 1000
    print(f"per transcript, one process: {per:.2f} ms CPU "
          f"(parse {parse['cpu'] / total * 1000:.2f} ms, floor {floor['cpu'] / total * 1000:.3f} ms)")
    redact_us, check_us, decode_us = redaction_cost(tenth if n_tenth else full)
    print(f"--redact in process: {redact_us:.0f} us per scorecard = {100 * redact_us / check_us:.1f}% of checking it "
          f"({check_us / 1000:.2f} ms); decoding a scorecard: {decode_us:.0f} us (a pool's parent does it only "
          "for the json, html, junit, sarif and table formats; jsonl, csv and md arrive as text)")
    if args.profile:
        profile(tenth if n_tenth else full)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--_measure":
        _measure_child(sys.argv[3:])
    else:
        main()
