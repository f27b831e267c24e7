"""Guard rails for the default pack: agreement with labelled sets must not regress.

Floors sit a little under today's figures (docs/accuracy.md), so a rule change that makes the pack worse on
any labelled set fails here, while small trade-offs pass.
"""

from __future__ import annotations

import pytest

from helpers import ROOT, SHARED
from turncheck import Checker, load_rules
from turncheck.evaluate import check_and_evaluate, load_labels

CHECKER = Checker(load_rules())

SETS = {
    "eval/blind-60": (ROOT / "eval" / "blind-60", 0.95),
    "eval/blind-50": (ROOT / "eval" / "blind-50", 0.90),
    "eval/blind-40": (ROOT / "eval" / "blind-40", 0.93),
    "eval/blind-30": (ROOT / "eval" / "blind-30", 0.93),
    "eval/blind-30b": (ROOT / "eval" / "blind-30b", 0.92),
    "eval/blind-40r": (ROOT / "eval" / "blind-40r", 0.91),
    "eval/blind-40h": (ROOT / "eval" / "blind-40h", 0.89),
    "eval/blind-30c": (ROOT / "eval" / "blind-30c", 0.94),
    "eval/blind-30d": (ROOT / "eval" / "blind-30d", 0.88),
    "eval/blind-30e": (ROOT / "eval" / "blind-30e", 0.91),
    "eval/blind-30f": (ROOT / "eval" / "blind-30f", 0.92),
    "eval/blind-30g": (ROOT / "eval" / "blind-30g", 0.88),
    "eval/blind-30h": (ROOT / "eval" / "blind-30h", 0.88),
    # written and labelled blind by helpers in the tenth round (their READMEs); 40e was held out of the tuning
    "eval/helper-long-30a": (ROOT / "eval" / "helper-long-30a", 0.90),
    "eval/helper-calls-30b": (ROOT / "eval" / "helper-calls-30b", 0.89),
    "eval/helper-short-40c": (ROOT / "eval" / "helper-short-40c", 0.93),
    "eval/helper-tickets-30d": (ROOT / "eval" / "helper-tickets-30d", 0.95),
    "eval/helper-mixed-40e": (ROOT / "eval" / "helper-mixed-40e", 0.75),
    "eval/helper-calls-24f": (ROOT / "eval" / "helper-calls-24f", 0.96),
    "eval/helper-blame-40g": (ROOT / "eval" / "helper-blame-40g", 0.87),
    "eval/helper-threads-50h": (ROOT / "eval" / "helper-threads-50h", 0.82),
    # twelfth round: customers pushing back, labelled for no-contradiction and no-blame-shifting only; tuned on
    "eval/helper-pushback-40": (ROOT / "eval" / "helper-pushback-40", 0.93),
    # twelfth round, held out of its tuning (their READMEs)
    "eval/helper-long-40h": (ROOT / "eval" / "helper-long-40h", 0.91),
    "eval/helper-pushback-36h": (ROOT / "eval" / "helper-pushback-36h", 0.90),
    # fourteenth round: longer threads in the style of 2016-2018 brands; 40i held out of its tuning, 40j tuned on
    "eval/helper-long-40i": (ROOT / "eval" / "helper-long-40i", 0.82),
    "eval/helper-long-40j": (ROOT / "eval" / "helper-long-40j", 0.93),
    # fifteenth round, tuned on: 2015-2018 threads and live chats (40k), threads and timed calls (40l), each read by
    # two blind readers
    "eval/helper-long-40k": (ROOT / "eval" / "helper-long-40k", 0.95),
    "eval/helper-long-40l": (ROOT / "eval" / "helper-long-40l", 0.96),
    # sixteenth round, measured on arrival (0.893) then tuned on: threads, live chats and DMs, two blind readers
    "eval/helper-long-40m": (ROOT / "eval" / "helper-long-40m", 0.92),
    # seventeenth round, 2016-2018 threads, two blind readers each: 40n measured on arrival (0.876) then tuned on,
    # 40o held out of the tuning (0.817 at the round's start)
    "eval/helper-long-40n": (ROOT / "eval" / "helper-long-40n", 0.96),
    "eval/helper-long-40o": (ROOT / "eval" / "helper-long-40o", 0.81),
    # real threads from shared/data/twitter-unlabelled, labelled blind by helpers in the eleventh round (their
    # READMEs); 45h was held out of the tuning
    "eval/real-twitter-270": (ROOT / "eval" / "real-twitter-270", 0.87),
    "eval/real-twitter-45h": (ROOT / "eval" / "real-twitter-45h", 0.92),
    "shared dev": (SHARED / "data" / "dev", 0.99),
    "shared adversarial-dev": (SHARED / "data" / "adversarial-dev", 0.95),
    # real threads, the figures that matter (docs/accuracy.md): twitter-dev is tuned on, twitter-check only
    # measured; a rule there with a single example of a status swings between 0.5 and 1.0 on one thread
    "shared twitter-dev": (SHARED / "data" / "twitter-dev", 0.94),
    "shared twitter-check": (SHARED / "data" / "twitter-check", 0.83),
}
#: the worst rule of a set may not fall under this (a set not named: 0.70)
WORST = {"shared twitter-check": 0.45, "eval/real-twitter-270": 0.75, "eval/real-twitter-45h": 0.75,
         # held out: its writer labelled 10 of 40 agents as disputing the customer, many in ways no rule hears
         "eval/helper-mixed-40e": 0.55,
         # held out: its writer reads two tweets as cut off where the pack hears no break (in a social thread only
         # a closing dash is one, behaviours.md "Where the line falls"), so no-interruption sits at 0.49
         "eval/helper-long-40i": 0.45,
         # held out: its remedies, hand-offs and policy lines are read in ways the pack does not follow (0.69 at the
         # round's start)
         "eval/helper-long-40o": 0.60}
#: our invented sets label a flat refusal ("that isn't possible") as no contradiction, where real text and the
#: spec's "where the line falls" say it is one: real text wins, so a rule there may sit a little lower
INVENTED_WORST = 0.65


@pytest.mark.parametrize("name", sorted(SETS))
def test_mean_macro_f1_stays_above_its_floor(name):
    folder, floor = SETS[name]
    if not (folder / "labels.jsonl").is_file():
        pytest.skip(f"{folder} is absent")
    result = check_and_evaluate(load_labels(folder / "labels.jsonl"), CHECKER)
    assert not result.unmatched
    worst = min(result.rules, key=lambda r: r.macro_f1)
    assert result.mean_macro_f1 >= floor, (result.mean_macro_f1, worst.rule, worst.macro_f1)
    least = WORST.get(name, 0.70 if name.startswith("shared") else INVENTED_WORST)
    assert worst.macro_f1 >= least, (worst.rule, worst.macro_f1)
