"""Start-up benchmark (not a test): ``python bench/startup.py [--repeat N]``.

What a user waits for before any transcript is checked (issue 14, item 10), each
command in a fresh process, from this one run:

- the floor: ``python -c pass``, ``import typer`` (the CLI framework every command loads), and typer with
  pydantic and one model class built (the two libraries the project is fixed on); then the same with the
  model's build deferred and never done, which is what a warm check now pays for them;
- ``turncheck --help``                                            target: < 0.15 s
- ``turncheck check one-chat.txt`` (one chat from fixtures/, ``--format jsonl -q
  --no-config``), first with an empty query cache (what a fresh install sees),
  then again with the cache the first run filled (every later run);   target: < 0.25 s
- the same check with the default table output (imports rich);
- ``turncheck draft one-chat.txt`` (an agent's self-check, text output), warm cache.

Every child runs with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` is
removed from its environment): an installed turncheck has its ``.pyc`` files, and
a shell that sets the variable would otherwise make every run recompile turncheck's
~80 modules from source (about 0.1 s), which is not what a user waits for.

Wall time is what the user sees; CPU time (user + system of the child) is steadier on
a shared machine. Each figure is the fastest of ``--repeat`` runs (default 5); the
cold-cache run gets a fresh cache folder every time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHAT = REPO / "fixtures" / "chats" / "billing-good.txt"


#: what any check pays before turncheck's own code runs: the CLI framework and pydantic with one model class
#: built (a model's first build pulls in pydantic's schema machinery and its plugin discovery)
FIXED_FLOOR = ("import typer\nfrom pydantic import BaseModel\n"
               "class Turn(BaseModel):\n    role: str\n    text: str\n")
#: what the warm check path pays for them since it builds no model (the models defer their build, the checks
#: construct and write them without pydantic's validator or serializer)
FIXED_IMPORTS = ("import typer\nfrom pydantic import BaseModel, ConfigDict\n"
                 "class Turn(BaseModel):\n    model_config = ConfigDict(defer_build=True)\n    role: str\n"
                 "    text: str\n")


def _env(cache_dir: str) -> dict:
    env = {**os.environ, "TURNCHECK_CACHE_DIR": cache_dir, "PYTHONPATH": str(REPO / "src")}
    env.pop("TURNCHECK_NO_QUERY_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # see the module docstring
    return env


def run_once(cmd: list[str], env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def best(cmd: list[str], repeat: int, *, fresh_cache: bool = False, cache_dir: str) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        if fresh_cache:
            shutil.rmtree(cache_dir, ignore_errors=True)
            os.makedirs(cache_dir)
        wall, cpu = run_once(cmd, _env(cache_dir))
        walls.append(wall)
        cpus.append(cpu)
    return min(walls), min(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    turncheck = [py, "-m", "turncheck"]
    chat = str(CHAT.relative_to(REPO))
    check = [*turncheck, "check", chat, "--format", "jsonl", "-q", "--no-config"]
    table = [*turncheck, "check", chat, "--no-config"]
    draft = [*turncheck, "draft", chat]
    with tempfile.TemporaryDirectory(prefix="turncheck-startup-") as tmp:
        cache = os.path.join(tmp, "cache")
        os.makedirs(cache)
        run_once(check, _env(cache))  # writes any missing .pyc files, so that no row pays for compiling them
        rows = [
            ("python -c pass (floor)", best([py, "-c", "pass"], args.repeat, cache_dir=cache), None),
            ("python -c 'import typer'", best([py, "-c", "import typer"], args.repeat, cache_dir=cache), None),
            ("typer + one pydantic model (the fixed libraries' floor)",
             best([py, "-c", FIXED_FLOOR], args.repeat, cache_dir=cache), None),
            ("typer + a pydantic model class never built (what the warm check imports)",
             best([py, "-c", FIXED_IMPORTS], args.repeat, cache_dir=cache), None),
            ("turncheck --help", best([*turncheck, "--help"], args.repeat, cache_dir=cache), 0.15),
            ("check one chat, empty query cache", best(check, args.repeat, fresh_cache=True, cache_dir=cache), None),
        ]
        run_once(check, _env(cache))  # fill the cache for the warm runs
        rows.append(("check one chat, warm cache (2nd run on)", best(check, args.repeat, cache_dir=cache), 0.25))
        rows.append(("same, table output", best(table, args.repeat, cache_dir=cache), None))
        rows.append(("draft one chat, warm cache", best(draft, args.repeat, cache_dir=cache), None))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"start-up, fastest of {args.repeat} runs each (load average {load:.1f}):\n")
    print("| command | wall | CPU | target (wall) |\n|---|---|---|---|")
    for name, (wall, cpu), target in rows:
        verdict = "" if target is None else f"< {target:.2f} s: {'met' if wall < target else 'missed'}"
        print(f"| {name} | {wall:.3f} s | {cpu:.3f} s | {verdict} |")
    floor = rows[0][1][1]
    print(f"\nCPU over the bare interpreter: --help {rows[4][1][1] / floor:.1f}x, "
          f"warm check {rows[6][1][1] / floor:.1f}x; the fixed libraries' floor is "
          f"{rows[2][1][0] / rows[6][1][0]:.0%} of the warm check's wall time, their imports alone "
          f"{rows[3][1][0] / rows[6][1][0]:.0%}")


if __name__ == "__main__":
    main()
