"""Benchmark: one very long chat cannot stall a run (issue 13, item 2). Not a test: ``python bench/long_chat.py``.

Generates (into a temporary folder) chats of N lines with one complaint at the top and short exchanges
after it, then runs ``turncheck check`` on each in a fresh process and prints wall time and peak RSS:

- 1,000,000 lines with the default limits: refused (``--max-bytes``) with an error record;
- the same with ``--max-bytes 0``: refused by ``--max-turns`` after parsing;
- 10k, 20k and 40k lines with no limits, fully checked: time per line should stay flat (linear checks;
  restatement was quadratic before: 10k lines 4.5 s, 20k lines 17.4 s);
- one turn of 1,500 and 6,000 sentences that each deny what the customer's turn asserts: time per sentence
  should stay flat too (a per-sentence scan of every occurrence in the turn made it quadratic: 3.2 s for
  6,000 sentences at 936cc6f, 9.5 s with the thirteenth round's denial check before the fix).
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time

CUSTOMER = ["ok", "what about the weekend", "can you check the account", "is the invoice ready", "fine",
            "hmm sure", "and the address on file"]
AGENT = ["Let me look into that for you.", "One moment please.", "I can see the account here.",
         "Is there anything else?", "Sure, checking the details now.", "That is noted on the account."]


def write_chat(path: str, lines: int) -> None:
    rnd = random.Random(1)
    with open(path, "w", encoding="utf-8") as f:
        f.write("Customer: My parcel never arrived and I was charged twice for the delivery, this is unacceptable.\n")
        for i in range(1, lines):
            f.write(f"Agent: {rnd.choice(AGENT)}\n" if i % 2 else f"Customer: {rnd.choice(CUSTOMER)}\n")


def write_long_turn(path: str, sentences: int) -> None:
    """A customer turn and an agent turn of ``sentences`` sentences each, every agent one a denial."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("Customer: " + " ".join(f"my order {i} was lost and the refund is pending." for i in range(sentences))
                + "\n")
        f.write("Agent: " + " ".join(f"The order {i} wasn't lost. The refund isn't pending." for i in range(sentences))
                + "\n")


def measure(*args: str) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, the record's status or error) of one ``turncheck check`` process."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run(sys.argv[1:], capture_output=True); w = time.perf_counter() - t; "
            "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); "
            "sys.stdout.flush(); sys.stdout.buffer.write(p.stdout)")
    out = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "turncheck", "check", "--no-config",
                          "-q", "-j", "1", "--format", "jsonl", *args], capture_output=True, text=True).stdout
    head, _, record = out.partition("\n")
    wall, rss = (float(x) for x in head.split())
    import json

    card = json.loads(record)
    what = card["status"] if card["error"] is None else "error: " + card["error"]["message"][:60] + "..."
    return wall, rss, what


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "chat-1m.txt")
        write_chat(big, 1_000_000)
        print(f"1,000,000-line chat: {os.path.getsize(big) / 1e6:.1f} MB")
        for label, args in (("default limits", ()), ("--max-bytes 0", ("--max-bytes", "0"))):
            wall, rss, what = measure(big, *args)
            print(f"  {label:<16} {wall:6.2f} s  {rss:7.0f} MB  {what}")
        print("fully checked (--max-turns 0 --max-seconds 0):")
        per_line = []
        for n in (10_000, 20_000, 40_000):
            path = os.path.join(tmp, f"chat-{n}.txt")
            write_chat(path, n)
            wall, rss, what = measure(path, "--max-turns", "0", "--max-seconds", "0")
            per_line.append(wall / n)
            print(f"  {n:>7,} lines {wall:6.2f} s  {rss:7.0f} MB  {what}  ({1e6 * wall / n:.0f} us/line)")
        print(f"time per line, 40k vs 10k lines: {per_line[2] / per_line[0]:.2f}x (1.0 = linear)")
        print("one long turn, fully checked:")
        per_sentence = []
        for n in (1_500, 6_000):
            path = os.path.join(tmp, f"turn-{n}.txt")
            write_long_turn(path, n)
            wall, rss, what = measure(path, "--max-turns", "0", "--max-seconds", "0", "--max-bytes", "0")
            per_sentence.append(wall / n)
            print(f"  {n:>7,} sentences {wall:6.2f} s  {rss:7.0f} MB  {what}  ({1e6 * wall / n:.0f} us/sentence)")
        print(f"time per sentence, 6,000 vs 1,500: {per_sentence[1] / per_sentence[0]:.2f}x (1.0 = linear; the "
              "start-up's share makes it fall below)")


if __name__ == "__main__":
    main()
