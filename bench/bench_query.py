"""Benchmark: the query engine against a naive substring loop (not a test).

Generates ~20k synthetic support turns and ~300 phrases grouped into ~50
queries (ORs of phrases, a few AND / NOT / NEAR / prefix / regex queries), then
times, over the same turns in one run:

* ``lower``   - just ``text.lower()`` per turn (the floor for any approach);
* ``naive``   - ``text.lower()`` and ``phrase in low`` for each of the ~300
                phrases (no word boundaries, no normalisation, no booleans);
* ``scan``    - ``QueryIndex.scan`` alone;
* ``matches`` - ``scan`` + ``matches(h, hits)`` for every query;
* ``match``   - ``scan`` + ``match(h, hits)`` (spans) for every query;
* ``matching``- ``scan`` + ``matching(hits)`` (batch: only triggered queries);
* ``match_all``- ``scan`` + ``match_all(hits)`` (batch, with spans).

Run:  PYTHONPATH=src python bench/bench_query.py [--turns 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time

from turncheck.query import QueryIndex, parse_query

APOLOGY = ["sorry", "so sorry", "very sorry", "i'm sorry", "i am sorry", "we're sorry", "apolog*",
           "my apologies", "i apologise", "i apologize", "we apologize for the inconvenience",
           "sorry for the inconvenience", "sorry about that", "sorry to hear", "regret*", "pardon"]
EMPATHY = ["i understand", "i completely understand", "that must be frustrating", "i can imagine",
           "i hear you", "that sounds frustrating", "i know how", "that's not okay", "totally understand",
           "i see why", "must have been", "i appreciate your patience", "thank you for your patience",
           "thanks for bearing with me", "i get it", "that's frustrating"]
GREETING = ["hello", "hi there", "good morning", "good afternoon", "good evening", "thank you for calling",
            "thanks for calling", "welcome to", "my name is", "how can i help", "how may i help",
            "what can i do for you", "how are you today", "thanks for reaching out", "thank you for contacting"]
CLOSING = ["anything else", "is there anything else", "have a great day", "have a nice day", "take care",
           "thank you for choosing", "goodbye", "bye", "have a good one", "glad i could help",
           "happy to help", "you're welcome", "enjoy your day", "all the best"]
VERIFY = ["verify your identity", "date of birth", "last four digits", "account number", "security question",
          "postcode", "zip code", "billing address", "email address", "phone number", "full name",
          "confirm your", "can you confirm", "for security purposes", "one time passcode"]
HOLD = ["put you on hold", "place you on hold", "bear with me", "one moment", "just a moment",
        "give me a second", "let me check", "let me look", "thanks for holding", "thank you for holding",
        "back on the line", "still there", "are you there", "hold on"]
ESCALATE = ["speak to a manager", "supervisor", "escalate", "escalation", "complaint", "formal complaint",
            "transfer you", "another department", "specialist team", "call you back", "callback",
            "ticket number", "reference number", "case number"]
MONEY = ["refund", "credit", "compensation", "charge*", "charged twice", "overcharged", "billing error",
         "money back", "chargeback", "cancel my", "cancellation", "late fee", "discount", "voucher",
         "store credit", "full refund", "partial refund", "prorated"]
BLAME = ["you should have", "you didn't", "your fault", "not our fault", "not my problem", "calm down",
         "as i said", "as i already said", "like i said", "you need to", "you have to", "obviously",
         "that's policy", "nothing i can do", "can't help you", "not possible"]
PROFANITY = ["damn", "hell", "crap", "bloody", "ridiculous", "useless", "joke", "scam", "terrible",
             "worst", "pathetic", "incompetent", "unacceptable", "disgusting"]
DELIVERY = ["tracking number", "delivery date", "out for delivery", "delivered", "not delivered",
            "parcel", "package", "courier", "shipping", "shipped", "in transit", "lost in transit",
            "arrive*", "return label", "exchange", "replacement", "damaged", "wrong item", "missing item"]
TECH = ["restart", "reboot", "reset your password", "log in", "sign in", "error message", "clear your cache",
        "update the app", "reinstall", "router", "wifi", "internet connection", "outage", "downtime",
        "bug", "crash*", "not working", "doesn't work", "won't load", "settings"]
COMMIT = ["i will", "i'll make sure", "i promise", "guarantee", "by tomorrow", "within 24 hours",
          "within 48 hours", "next business day", "i'll follow up", "follow up", "i'll call you",
          "i'll email you", "you'll receive", "you will receive", "confirmation email", "sent you"]
ACK = ["okay", "ok", "alright", "got it", "i see", "right", "sure", "of course", "absolutely",
       "definitely", "no problem", "mm hmm", "uh huh", "yeah", "yes", "no"]

GROUPS = [APOLOGY, EMPATHY, GREETING, CLOSING, VERIFY, HOLD, ESCALATE, MONEY, BLAME, PROFANITY,
          DELIVERY, TECH, COMMIT, ACK]

FILLER = ("the a to and of it that is for on with this my your we you i was have be can not "
          "order account card phone time day week call email today yesterday service issue problem "
          "help need want know think get got check look just really please thanks about there "
          "what when where why how which they them their our us be been still again now").split()


def phrase_list() -> list[str]:
    out: list[str] = []
    for g in GROUPS:
        out.extend(g)
    # pad to ~300 with two-word combinations that read like support phrases
    rnd = random.Random(7)
    verbs = ["check", "update", "cancel", "process", "review", "confirm", "send", "reset", "change", "fix"]
    nouns = ["order", "account", "payment", "address", "plan", "subscription", "card", "booking", "claim", "device"]
    while len(out) < 300:
        p = f"{rnd.choice(verbs)} your {rnd.choice(nouns)}"
        if p not in out:
            out.append(p)
    return out


def q(p: str) -> str:
    return f'"{p}"' if " " in p else p


def build_queries(phrases: list[str]) -> list[str]:
    """~50 queries: each group split into ORs of ~6-8 phrases, plus a few
    boolean / NEAR / regex ones over the same vocabulary."""
    queries: list[str] = []
    for g in GROUPS:
        for i in range(0, len(g), 7):
            queries.append(" OR ".join(q(p) for p in g[i : i + 7]))
    extra = phrases[sum(len(g) for g in GROUPS) :]
    for i in range(0, len(extra), 8):
        queries.append(" OR ".join(q(p) for p in extra[i : i + 8]))
    queries += [
        "(sorry OR apolog*) NEAR/4 (wait* OR delay* OR inconvenience)",
        '(refund OR credit) AND NOT ("not possible" OR "nothing i can do")',
        '"you should have" OR "your fault" NOT sorry',
        "NOT (thank* OR thanks)",
        '"reference number" NEAR/3 /\\d{6,}/',
        r"/\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b/",
        '"i understand" NEAR/5 frustrat*',
    ]
    return queries


def make_turns(n: int, phrases: list[str], seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    turns = []
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rnd.randint(1, 4)):
            words = [rnd.choice(FILLER) for _ in range(rnd.randint(3, 14))]
            if rnd.random() < 0.6:
                p = rnd.choice(phrases).replace("*", "s")
                words.insert(rnd.randint(0, len(words)), p)
            s = " ".join(words)
            r = rnd.random()
            if r < 0.05:
                s = s.upper()
            elif r < 0.5:
                s = s.capitalize()
            if rnd.random() < 0.15:
                s = s.replace("'", "\u2019")
            if rnd.random() < 0.1:
                s += " #" + str(rnd.randint(100000, 9999999))
            parts.append(s + rnd.choice([".", ".", "?", "!", ",", ""]))
        turns.append(" ".join(parts))
    return turns


def best_of(repeat: int, fns: dict) -> dict[str, float]:
    """Best CPU time of each function over ``repeat`` rounds. CPU time (not
    wall time) and interleaving the functions within a round keep the ratios
    steady on a shared, loaded machine."""
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--turns", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    phrases = phrase_list()
    queries = build_queries(phrases)
    turns = make_turns(args.turns, phrases)
    naive_phrases = [p.replace("*", "").lower() for p in phrases]

    t = time.perf_counter()
    ix = QueryIndex()
    handles = [ix.add(parse_query(s)) for s in queries]
    ix.freeze()
    build = time.perf_counter() - t

    def lower() -> None:
        for text in turns:
            text.lower()

    def naive() -> None:
        for text in turns:
            low = text.lower()
            for p in naive_phrases:
                p in low  # noqa: B015

    def scan() -> None:
        for text in turns:
            ix.scan(text)

    def matches() -> None:
        m = ix.matches
        for text in turns:
            hits = ix.scan(text)
            for h in handles:
                m(h, hits)

    def match() -> None:
        m = ix.match
        for text in turns:
            hits = ix.scan(text)
            for h in handles:
                m(h, hits)

    def matching() -> None:
        for text in turns:
            ix.matching(ix.scan(text))

    def match_all() -> None:
        for text in turns:
            ix.match_all(ix.scan(text))

    chars = sum(len(t) for t in turns)
    hit_count = sum(len(ix.matching(ix.scan(t))) for t in turns)
    print(f"turns: {len(turns)}  chars: {chars} (avg {chars / len(turns):.0f}/turn)")
    print(f"phrases: {len(phrases)}  queries: {len(queries)}  distinct atoms: {ix.atom_count}  "
          f"index build: {build * 1000:.1f} ms")
    print(f"query matches found: {hit_count} ({hit_count / len(turns):.1f}/turn)")
    results = best_of(args.repeat, {"lower": lower, "naive": naive, "scan": scan, "matches": matches,
                                    "match": match, "matching": matching, "match_all": match_all})
    base_l, base_n = results["lower"], results["naive"]
    print(f"\n{'':10} {'cpu s':>8} {'us/turn':>8} {'turns/s':>9} {'x naive':>8} {'x lower':>8}")
    for name, s in results.items():
        print(f"{name:10} {s:8.3f} {s / len(turns) * 1e6:8.1f} {len(turns) / s:9.0f} "
              f"{s / base_n:8.2f} {s / base_l:8.1f}")
    print("\n(x naive < 1 means faster than the naive 300-phrase substring loop)")


if __name__ == "__main__":
    main()
