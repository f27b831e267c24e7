#!/usr/bin/env python3
"""Regenerate the generated parts of the docs; never edit them by hand.

- README.md: the rules table (from rules/*.yaml) and the formats table (from the importer registry),
  between ``<!-- BEGIN x -->`` / ``<!-- END x -->`` markers. tests/test_readme.py fails when they are stale.
- docs/accuracy.md: ``turncheck evaluate`` on the real sets of ../shared/data (twitter-check, twitter-dev,
  dev), on adversarial-dev and on our own eval/ sets (skipped when ../shared is absent).

twitter-check is measured only at the start and the end of a round, so a plain run keeps its section as the
last measurement left it; ``--measure-check`` measures it again (the end of a round). Every other set is
measured on every run, so regenerating the docs while changing rules never shows the check set.

Usage: python tools/update_docs.py [--check] [--measure-check]
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from turncheck.cli.rules_cmd import rules_markdown  # noqa: E402
from turncheck.rules.loader import load_ruleset  # noqa: E402
from turncheck.transcripts import formats_markdown  # noqa: E402


def sections() -> dict[str, str]:
    return {"rules-table": rules_markdown(load_ruleset([ROOT / "rules"])), "formats-table": formats_markdown()}


def render(text: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no {name} markers")
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    return text


FIRST_BLIND = """\
### The first, blind measurement on eval/blind-60

Before any rule was changed for it (turncheck at commit "Broader blame-shifting and contradiction
phrase classes"'s parent), the pack scored on `eval/blind-60`: apology 0.82, restatement 0.86,
no-interruption 0.99, follow-up 0.82, no-blame-shifting 0.72, thanks 1.00, open-question 0.84,
solution-offered 0.75, no-contradiction 0.83, empathy 0.78, timeline 0.83, calm-tone 0.91,
positive-no 0.77, customer-name 0.90; **mean macro-F1 0.843**.

A second set, `eval/blind-50` (other trades, written blind to the rules and to blind-60), measured once
before any change for it: apology 0.82, restatement 0.68, no-interruption 0.96, follow-up 0.82,
no-blame-shifting 0.74, thanks 1.00, open-question 0.75, solution-offered 0.69, no-contradiction 0.93,
empathy 0.83, timeline 0.85, calm-tone 0.92, positive-no 0.69, customer-name 0.92; **mean macro-F1
0.828**, the lowest of the measurements, mostly from complaint wording the problem-raised condition did
not know.

A third set, `eval/blind-40` (ordinary contact-centre conversations), was measured once after all the
tuning on the others: apology 0.89, restatement 0.78, no-interruption 0.95, follow-up 0.89,
no-blame-shifting 0.88, thanks 1.00, open-question 0.83, solution-offered 0.87, no-contradiction 0.86,
empathy 0.75, timeline 0.92, calm-tone 1.00, positive-no 0.92, customer-name 0.96; **mean macro-F1
0.892**.

A fourth set, `eval/blind-30` (30 conversations from trades none of the others covers, written blind to
the rules and to the other sets), was measured once, on main at commit 7de6db9, before any change for it:
apology 0.93, restatement 0.88, no-interruption 1.00, follow-up 0.93, no-blame-shifting 0.91,
thanks 1.00, open-question 0.93, solution-offered 0.82, no-contradiction 1.00, empathy 0.87,
timeline 0.83, calm-tone 1.00, positive-no 0.78, customer-name 0.81; **mean macro-F1 0.907**.

A fifth set, `eval/blind-30b` (16 social-media customer-care threads and 14 speech-to-text phone calls,
the two styles real data most often comes in; written blind to the rules and the other sets), was
measured once, on main at commit 53daeb4, before any change for it: apology 0.95, restatement 0.93,
no-interruption 1.00, follow-up 0.96, no-blame-shifting 0.90, thanks 1.00, open-question 0.93,
solution-offered 0.83, no-contradiction 0.90, empathy 0.93, timeline 0.84, calm-tone 1.00,
positive-no 1.00, customer-name 0.66; **mean macro-F1 0.917**.

Two more sets were written blind and measured once, on main at commit f49dd41, before any change for
them. `eval/blind-40r` (22 social-media threads, 14 human-transcribed bank and utility calls, 4 scripted
web chats: the styles of the shared dev set's real sources): apology 0.75, restatement 0.62,
no-interruption 1.00, follow-up 0.70, no-blame-shifting 0.84, thanks 1.00, open-question 0.76,
solution-offered 0.66, no-contradiction 0.58, empathy 0.69, timeline 0.78, calm-tone 1.00,
positive-no 0.88, customer-name 0.81; **mean macro-F1 0.791**. `eval/blind-40h` (40 hard cases, each
built around a trap for a keyword checker): apology 0.58, restatement 0.60, no-interruption 0.94,
follow-up 0.60, no-blame-shifting 0.64, thanks 1.00, open-question 0.67, solution-offered 0.51,
no-contradiction 0.77, empathy 0.56, timeline 0.77, calm-tone 0.89, positive-no 0.71,
customer-name 0.92; **mean macro-F1 0.724**. Both are the lowest first measurements so far, and the
honest estimates at the time: much of the gap was complaints worded without the failure words
problem-raised knew, which turns six rules to `na`.

After the general fixes that those two sets showed, two more sets written blind were measured once, on
main at commit 3a1e6c9, before any change for them. `eval/blind-30c` (16 social-media threads, 10
human-transcribed calls, 4 scripted web chats): apology 0.85, restatement 0.73, no-interruption 1.00,
follow-up 0.84, no-blame-shifting 1.00, thanks 0.93, open-question 0.81, solution-offered 0.69,
no-contradiction 0.93, empathy 0.87, timeline 0.87, calm-tone 1.00, positive-no 0.96,
customer-name 0.92; **mean macro-F1 0.885**. `eval/blind-30d` (30 contact-centre conversations in
every format, a third with a subtle trap): apology 0.76, restatement 0.69, no-interruption 0.93,
follow-up 0.75, no-blame-shifting 0.83, thanks 1.00, open-question 0.69, solution-offered 0.65,
no-contradiction 0.90, empathy 0.69, timeline 0.90, calm-tone 0.89, positive-no 0.69,
customer-name 1.00; **mean macro-F1 0.812**.

After the fixes those two showed (and probes of our own wording), two more sets written blind were
measured once, on main at commit 4abc72f, before any change for them. `eval/blind-30e` (18 social-media
threads and 12 human-transcribed bank calls, the styles of the shared dev set's sources): apology 0.87,
restatement 0.75, no-interruption 1.00, follow-up 0.79, no-blame-shifting 0.60, thanks 1.00,
open-question 0.84, solution-offered 0.84, no-contradiction 0.86, empathy 0.86, timeline 0.81,
calm-tone 1.00, positive-no 0.84, customer-name 0.92; **mean macro-F1 0.855** (0.84 over the nine rules
the shared dev set labels). `eval/blind-30f` (30 contact-centre conversations in every format, half the
complaints told without the obvious words): apology 0.89, restatement 0.89, no-interruption 0.97,
follow-up 0.85, no-blame-shifting 0.75, thanks 1.00, open-question 0.86, solution-offered 0.80,
no-contradiction 0.83, empathy 0.86, timeline 0.97, calm-tone 0.73, positive-no 0.87,
customer-name 0.96; **mean macro-F1 0.873**.

After the fixes those two showed, the last two sets written blind were measured once, on main at commit
584a3e8, before any change for them. `eval/blind-30g` (18 social-media threads and 12 bank calls, the
shared dev set's styles again): apology 0.85, restatement 0.79, no-interruption 1.00, follow-up 0.75,
no-blame-shifting 0.86, thanks 1.00, open-question 0.74, solution-offered 0.80, no-contradiction 1.00,
empathy 0.81, timeline 0.85, calm-tone 1.00, positive-no 0.65, customer-name 0.79; **mean macro-F1
0.849** (0.865 over the nine rules the shared dev set labels). `eval/blind-30h` (30 contact-centre
conversations, half the complaints told without the obvious words): apology 0.90, restatement 0.86,
no-interruption 1.00, follow-up 0.94, no-blame-shifting 0.72, thanks 1.00, open-question 0.89,
solution-offered 0.88, no-contradiction 0.72, empathy 0.86, timeline 0.94, calm-tone 1.00,
positive-no 0.82, customer-name 1.00; **mean macro-F1 0.896**. These are the latest honest estimates
for transcripts the pack has never seen: across the three rounds of this kind, the first measurements
of the contact-centre sets rose (0.812, 0.873, 0.896) while those in the dev set's social-media and
call styles stayed near 0.85-0.89 (0.885, 0.855, 0.849). The tables below, made after tuning, flatter
the pack.
"""


#: the nine rules the real sets label
NINE = ["apology", "restatement", "no-interruption", "follow-up", "no-blame-shifting", "thanks", "open-question",
        "solution-offered", "no-contradiction"]

#: the real, labelled sets: what the pack is judged on (../shared/data)
REAL_SETS = [
    ("twitter-check", "40 real customer-care threads, kept for an honest figure: measured at the start and the end "
                      "of a round, never read while changing rules. The table is the figure at the end."),
    ("twitter-dev", "80 real customer-care threads from the same source, used to find weaknesses (so it flatters "
                    "the pack a little)."),
]

REAL_TEXT = """
## On real text (the figures that matter)

The pack is judged on what real agents and customers write: terse, link-heavy threads with rarely an apology
or a restatement. Since the round that rebuilt problem-raised around a clause-level cue (a negation and any
action word, instead of verb lists), every rule change is measured on `shared/data/dev`,
`shared/data/twitter-dev` and the 330 unlabelled threads of `shared/data/twitter-unlabelled` first, and the
invented sets only for traps.

`shared/data/twitter-check` was measured once at the start of that round (commit 1d8e74d): apology 0.88,
restatement 0.57, no-interruption 1.00, follow-up 0.82, no-blame-shifting 1.00, thanks 1.00, open-question
0.57, solution-offered 0.69, no-contradiction 0.49; **mean macro-F1 0.781**. At the same commit `dev` gave
0.923 and `twitter-dev` 0.666 over the nine rules, and 33% of the unlabelled threads were read as raising
no problem (the labelled threads show about 17%).

Measured once more at the end of the round: `twitter-check` apology 0.92, restatement 0.62, no-interruption
1.00, follow-up 0.87, no-blame-shifting 1.00, thanks 1.00, open-question 0.62, solution-offered 0.83,
no-contradiction 0.49; **mean macro-F1 0.817** (the issue's target is 0.88 with no rule under 0.80: not met).
Three rules there have a single thread with a minority status (one restatement, one open question, one
contradiction); missing that one thread costs the rule about 0.4 of macro-F1, so these three figures swing
on single threads. `dev` + `twitter-dev` together: 0.937; the unlabelled threads read as raising no problem
16.7%, and 0.9% get a blame or contradiction fail.

The next round (2026-12-06, second session) measured `twitter-check` at its start (0.817, as above) and at
its end: unchanged, **0.817**, rule by rule. Its one rule change, measured on the real sets first:
solution-offered no longer reads "check out" as in buying, or a "here's how" to check or to report, as a
remedy (solution-offered `dev` 0.89 -> 0.92, `twitter-dev` 0.76 -> 0.80; the unlabelled threads unchanged).
Two other changes were measured and dropped: "more information" links as non-remedies (real help articles
are introduced that way), and a bare "please help" as no problem (three real complaints in the unlabelled
threads rest on it). `dev` + `twitter-dev`: 0.941.

The third round (2026-12-06, third session) measured `twitter-check` at its start (0.817) and at its end:
unchanged, **0.817**, and its confusion table is identical cell for cell: no thread there changed status on
the nine rules. Its errors are all misses (two complaints read as no problem, two commitments, two remedies,
one restatement, one open question, one contradiction not found), and the round's changes, found on the
unlabelled threads and on batteries of our own sentences, reached none of them. What changed, by
measurement on the real sets first:

Besides the unlabelled threads, the round used batteries of sentences we wrote ourselves (never a data
set's), each rule's hits and misses in forms real agents and customers use: 90 terse complaints, 20 plain
questions and requests, 15 complaints in six languages, and for the agent rules about 200 lines that must
and must not count. They found what the real sets could not show: every complaint in Spanish, German,
French, Portuguese, Italian and Dutch read as no problem (now `@failure_intl` and the matching apology and
thanks forms), troubleshooting imperatives that open a sentence not read as remedies (now
`@instruction`), and contradiction and blame in everyday forms ("no record of", "this isn't an error",
"working as expected on our end", "that's our policy"; "the seller is responsible", "not by us").

- problem-raised: structural cues instead of verbs ("restarted it twice, it still won't load", "collected
  them all but the bag is still empty", "any help?", "the code never comes", a service "out", "but no X"), a
  failure word inside a product or title name is a name (`ignore_names`: "Red Dead Redemption", "Lost In
  The Woods", "Dead by Daylight"), and hypotheticals, planned maintenance and "if I cancel my ..." are not
  reports. Unlabelled threads read as raising no problem: 16.7% -> 15.5% (9 complaints found, 5 questions
  and requests no longer flagged).
- solution-offered: remedies in the customer's hands (try-it idioms, an option, "could be solved by", "we
  suggest running ...", "you may need to use ...", a request form, "but you can ...", a team of ours "so
  they can check"); two exclusions that overreached (a refusal followed by steps; an unbracketed NOT); a
  suggestion channel and a flat refusal with only a "more information" link are not remedies. Unlabelled
  solution-offered fails 19% -> 15%; `dev` solution-offered 0.92 -> 0.95.
- follow-up: work under way on our side and feedback passed to a team in more forms; a hope ("fingers
  crossed") is no commitment. apology: regret said without "sorry" as word classes ("sad/upset to hear",
  "not the experience we want", "we feel terrible").
- no-blame-shifting: "not administered/managed/... by" as one word class; a referral to "the X Support team"
  is to our own team (unlabelled blame fails 2 -> 2, one false alarm gone, one disowning found).
  no-contradiction: "this option" is the one asked for, not an alternative (`dev` no-contradiction 0.92 ->
  1.00); flat refusals in "we don't offer ..." form.

`dev` 0.976 -> 0.987, `twitter-dev` 0.904 -> 0.912, together 0.941 -> 0.952 over the nine rules; the
invented sets unchanged but for one blind-30g thread where a "but you can ..." option now counts (0.920 ->
0.917); 0.9% of the unlabelled threads get a blame or contradiction fail.

The fourth round (2026-12-06, fourth session) measured `twitter-check` at its start (0.817) and at its end:
unchanged, **0.817**, with an identical confusion table. (At its start `turncheck evaluate` on the check set
also printed its disagreement list, which we saw; nothing in the round was aimed at those threads. From now
on `tools/update_docs.py` keeps this set's section between measurements, `--measure-check` measures it.)
The real sets hardly move either: `dev` 0.987, `twitter-dev` 0.912 -> 0.914 (a German remedy), together
0.952 -> 0.953; across all 479 real threads four change status, each to what a reader would give (a
remedy and a commitment found, a complaint about a marketplace's price gouging, a restatement). The round
went to what the real sets cannot show: fresh batteries of our own sentences in the shapes of other brands,
years and channels (about 600 lines: terse complaints across 99 brands, recorded-bank-call wording, polite
web chat, English as a second language, one-word displeasure and hashtags, and for the agent rules
commitments, remedies, DM hand-offs, refusals and disputes, each with look-alikes that must not count).
Their misses became general shapes, each with its guard:

- problem-raised: a service "down again", a wait measured in hours, "paying for X and getting Y", something
  found in the food, "stopped <verb>ing", a device "offline", "out of sync", "without power", "no record of my
  booking", "came and went", a bill "way off", "open for weeks", "dropped to zero", "ate my", "a spinning
  wheel", disputes, "bounced", "but I paid", figures that differ, a price that rose, "logged me out", "told
  it would", "looks used", "booked X and were given Y", "left without finishing", "two payments for one
  order", "patchy", "ugh", "#neveragain", "is anybody even ...", "how is this fair", and the second-language
  forms ("is block", "deducted", "how many days I wait"); "please help" under a how-to question, a negated
  wish ("don't want to cancel"), "issue" as a verb and "if it's not too late" are not failures; "now" opens
  a clause in speech. The batteries' complaint misses went from 21/99, 6/30, 6/20, 10/20 and 5/20 to 5, 0,
  0, 1 and 0, with 0 of 60 requests and praise flagged; the unlabelled threads read as raising no problem
  15.5% -> 15.2%.
- solution-offered: remedies and commitments in six languages (`@remedy_intl`, `@promise_intl`), what the
  customer can claim, a dispute raised for them, "should get you back online", "usually clears that error".
- follow-up: "let's continue in DM", "so that our team can take another look"; "we'll be here if you need
  us" is availability, not a commitment.
- restatement: regret followed by the customer's situation as a clause ("sorry to hear your parcel hasn't
  turned up"), "it looks like ...".
- no-contradiction: "you weren't charged twice", "that's just how it works"; no-blame-shifting: a third
  party's error named as the cause ("the courier company's mistake").

Tried and dropped: a weak restatement cue with two specific shared words (false restatements on the
unlabelled threads and on the invented traps); "raise it with the depot" / "chase the team" as remedies
(the invented sets label them commitments, and no real thread says otherwise); sentence-bounded NEAR (one
labelled false alarm fixed, one solution-offered error made).

The fifth round (2026-12-06, fifth session) measured `twitter-check` at its start (0.817, the same table) and
once at its end: **0.855** (open-question 0.62 -> 0.96, its one open question now found; every other rule
unchanged; restatement 0.62 and no-contradiction 0.49 still rest on one thread each). The check set was read
as the table only (`--no-disagreements`). `dev` 0.987 -> 0.990, `twitter-dev` 0.914 -> 0.933, together
0.953 -> 0.964 over the nine rules. The round went on hunting the unlabelled threads and on fresh batteries
of our own sentences (about 540 lines in 25 batteries: other brands and devices, 2017-style threads with
shortened links, long threads, bank calls, web-shop chats, formal letters, praise-then-complaint, six
languages), each miss turned into a word-class shape with its guard, and then 4 trap batteries (46
contented or helpful messages built from the round's own shapes) to take back what the shapes over-reached:

- restatement: a regret that names the trouble in the agent's own words (`paraphrase_cues`: "sorry to hear
  you're having trouble connecting" for "I can't go online"; a specific word right after it, in the same
  clause); regret with the customer's thing as the subject of a clause needs one specific word of theirs
  ("sorry your bag didn't arrive with you"); `same_words`, groups of abbreviations and plain synonyms ("app" /
  "application", "parcel" / "package", "wifi" / "internet"); empathy that names their situation in a gerund
  ("that sounds frustrating, having the wifi cut out every evening"). "Sorry, you can't get a refund after
  30 days" is a refusal, no longer a restatement. On the unlabelled threads restatement passes 6 -> 11
  (each one of the templates above, read).
- problem-raised: a plea for help is judged by its whole turn (`plea`, `plea_unless`: "is there a way to
  ...? Please help!" asks how, whatever sentence the plea is in); a not-action of seeing or using is the
  action when nothing can be had (`object_reinforced`: "can't watch anything"); symptoms (a warning light, a
  noise, a drift, a thing acting by itself, a service that "goes out"), amounts that grew or fell short of
  "what I pay for", displeasure said sideways (sarcasm, ratings, "do you even test ...", "what am I paying
  for"), questions about one's own missing thing ("what happened to my ...", "what is this charge"), formal
  letter shapes ("heard nothing since", "writing to dispute", "quoted ... then invoiced"), praise-first
  complaints, and the terse non-English words for an outage, a delay, a charge, a loss or a wrong bill in six
  languages. "Red dead", "late checkout", "RAW files", "I'm not using it anymore" are not failures.
- follow-up: a purpose we commit to ("so we can take appropriate action", "for us to investigate"), a way back
  to an open case ("reply to ticket #..."), our own team asked to take it up ("so that they can have a
  closer look"), a DM sent, a callback booked, a message to look out for, "we're on it", the team notified,
  "we do review everything". On the unlabelled threads follow-up passes 98 -> 104.
- solution-offered: "if you'd like, I can ...", reshipment, "reach out to us so we can look at a
  replacement", our staff doing the fix, "if this doesn't do the trick", "you would need to visit ...", a
  shortened link offered as the way through ("this link will show you what to do").
- no-contradiction: the customer's case declared fine or correct ("everything looks good on our end", "the
  fee was applied correctly", "normal for your package"), "already explained", "you must be mistaken", "it's
  likely you deleted them", "we don't see any problem with ...", a policy that refuses; a refusal that gives
  the number to call is not a flat refusal (the one contradiction fail on the unlabelled threads is gone).
- no-blame-shifting: "that's on the carrier", "this happens when customers enter the wrong address", a
  refund "up to Google", "your bank is the one holding it"; apology: "our bad", "sry", and "sentimos",
  "lamentamos", "ci scusiamo", "nos excuses"; thanks: "thank u", "thankful"; open-question: "we'd love to
  know more about ...", "share what happens ...", "what have you noticed ...?".

The batteries' misses went from 123 to 13 (the rest named and left alone: denials that only the content
tells, such as "no saves were removed by the update"; "is it normal for the battery to drop 30% overnight?";
"surge pricing at 3x during a storm, classy"). The false alarms the round's own shapes raised on the traps
went from 24 to 5, each left alone as contrived or as needing a reader's sense of humour ("my bill went up
because I added a line, that's fair", "my friend's joycons drift but mine are fine"); 8 more trap false
alarms fired before the round too. On the 330 unlabelled threads "no problem raised" is 15.8% (15.2%: a how-to
question about a closed address and a preorder question for "red dead redemption 2" are no longer
complaints) and 0.6% get a blame or contradiction fail (0.9%). Per-transcript time is unchanged (in-process
A/B against the round's start: 0.99x).

The sixth round (2026-12-06, sixth session) measured `twitter-check` at its start and at its end (table
only, twice at the end): **0.855** every time, the same confusion table cell for cell. The real sets the
round may read moved: `dev` 0.990 -> 0.998, `twitter-dev` 0.933 -> 0.940, together 0.964 -> 0.971 over
the nine rules. The round read the 330 unlabelled threads where their rates differ from the labelled ones
(follow-up passed on 37% of those with a problem against 46% in the labelled Twitter threads; blame or
contradiction failed on 0.6% against 2.5%), then wrote ten new batteries of our own replies and complaints
(about 300 lines: brand-care commitments and remedies, disputed late fees, lost parcels, Twitter-style
restatements, bank-call openings and replies, blocks and claims) with look-alikes for each:

- follow-up (unlabelled passes 104 -> 115 of 280): "let me see what we can do", "we'd like to see if we can
  help" (not "let's see if we can get it going", troubleshooting on the spot), "the more info you provide,
  the better we can assist", "we can help troubleshoot faster that way", "our live support team here: ...
  They can help you get this resolved", details sent "to me directly in a private message", "we can take a
  look at this over DM", "we want to get this sorted for you", "we have made the team aware"; one false pass
  gone ("an extension of travel funds": the phone "extension" needs its number);
- problem-raised (unlabelled "no problem raised" 15.8% -> 15.2%): displeasure at the company's conduct ("is
  there a reason you refuse to ...", "should be illegal", profiteering, "shame on", "you are contributing to
  the shortage"), a bill that doesn't match the plan, a delivery days late, a claim or takedown on "my video",
  "says I have to wait 24 hours", "I don't want to wait 30 days", "ended after 3 days instead of 7", identity
  fraud and an account closed on the customer said on a call; "great service" is praise unless a wait or a
  loss is near it, and "instead of" with a preference ("I'd like the blue one instead") is no failure;
- no-contradiction: "this is actually a normal part of how ...", "it's normal to see these slow down", "X is
  normal in the first month", "that isn't accurate", "actually, you paid on the 16th, not the 15th", "you
  didn't pay on time according to our system", "we don't waive late fees", "won't be removed"; and
  @alternative no longer reads "not something we can change" as an offer;
- no-blame-shifting: "your subscription is administered directly by Google Play" (a named owner of the
  billing), "the carrier's responsibility", "this happens when customers don't check ..."; "is maintained by
  our engineers" is no longer blame;
- restatement: "that's frustrating when your X won't Y", "you've been waiting five days for your X", "so
  you're seeing a charge from a merchant you don't recognise"; not restating: the customer's words inside an
  offer of how to do it ("an option on how to cancel your flight") or an instruction "To pair your X, hold
  ...";
- solution-offered: a help article "about that and what to do", a recommended short link named for its topic
  ("For now we recommend: hulu.tv/PlaybackHelp-"); "check out our help site" pointing at a home page is not a
  remedy.

On the unlabelled threads blame or contradiction now fails on 1.5% (5 threads, each read). Across dev,
twitter-dev and the unlabelled threads 20 threads change status, each read; the two labelled ones are threads
whose problem the condition missed (a third, a copyright claim inside "If I can prove ...", stays missed: the
guard reads it as a hypothetical). Invented sets: blind-30h 0.914 -> 0.919, blind-40h 0.927 -> 0.932,
blind-60 0.969 -> 0.967 (a refusal with nothing offered, which the spec calls a contradiction and that set's
label passes). Left alone: content denials ("we haven't removed the sleep timer, it's still under Settings":
helpful on real text more often than not), "sorry about the double charge on your subscription" (a weak cue
with two specific words brought false restatements in round four). Per-transcript time: the round's rules cost
about 3% more instructions, and a change to the query engine (an OR now skips an alternative whose regex the
turn cannot match) saves 5%: `bench/compare.py --against` the round's start gives 0.94x. One slip to disclose:
a search over every `shared/data` folder meant for the hunting sets also printed two check-set threads and
their follow-up labels ("we can help with that, please make a ticket" and "we can help solve that issue");
that shape was already on the list from an unlabelled thread with the same words and was then left out (it
needs a condition across two sentences, which the response check does not have), and neither thread changes
status in the round.
The seventh round (2026-12-06, seventh session) measured `twitter-check` at its start and at its end (table
only, and again after the round's last rule change): **0.855** every time, the same table cell for cell.
The real sets the round may read moved: `twitter-dev` 0.940 -> 0.952, `dev` 0.998 (unchanged), together
0.971 -> 0.976 over the nine rules. The unlabelled threads first, then eight batteries of our own (about 230
lines: terse, sarcastic and emoji complaints from fifteen kinds of business in four languages with look-alike
questions and praise; brand replies that dispute or blame; Twitter-style restatements; follow-ups and
remedies; apologies and open questions); each miss became a general shape with its guard and a test in our
own words:

- problem-raised (unlabelled "no problem raised" 15.2% -> 16.4%; the source's rate is about 18%): a request
  for help with one's own account ("please help me delete my account", "I need help with removing 2FA") is a
  request, not a failure; "come on, put up season 10 for me" urges a wish; "can't take the risk with his
  health" declines a risk (a twitter-dev thread labelled no problem). New failures: a fee asked about on
  one's own statement, "says delivered" with nothing there, things "just gone", mail that lands in spam,
  wiped settings, "stops working" (not with a date ahead), "already in use", 0 bytes, money sent to a closed
  card, seconds of lag, stuck statuses ("still under review"), "booked X, got Y", "paid for X, still ...",
  billed after cancelling, "shows complete but", and broken / blocked / nobody answering in Spanish, French,
  Portuguese and German;
- no-contradiction: a feature called not available or not supported with nothing offered (the flat refusal
  the dev audit fails), records or tracking that say "delivered" against the customer, "you were notified",
  "clearly explained". Tried and dropped: "we can't refund / cancel / waive" as a flat refusal (no real
  thread has it, and the invented sets pass it where the alternative comes in other words);
- no-blame-shifting: "that's on the store / reseller / your bank ..." ("that's on us" is not);
- solution-offered: a help link whose path names the customer's error code (/article/CE-34224-5);
- restatement: past-tense checks ("were you trying to ...", "did you mean ...").

Across dev, twitter-dev and the unlabelled threads 7 threads change status, each read; the one labelled one
is the risk thread. The invented sets and every earlier battery are unchanged. Per transcript: this round's
rules cost 0.7% more instructions once the queries are compiled (callgrind, a second pass over 210
transcripts) and a few per cent more on a process's first pass (the queries compile lazily);
`bench/compare.py --against` the round's start gives 1.02x with start-up included. A warm one-chat check
builds no pydantic model any more (0.95x instructions; `bench/RESULTS.md`). Left alone: sarcasm ("1 hour 40
for a pizza. cold. thanks a lot"), an elliptical "It wasn't." after "they said", "sorry you received the
wrong colour kettle" (a paraphrase with one shared word), "not able to use your device properly" (generic
words only), "That's not the experience we want" (counted as an apology; no label says either way).
The eighth round (2026-12-06, eighth session) again measured `twitter-check` at its start and its end (table
only): **0.855** both times, cell for cell. No verdict changed on any real set the round may read (`dev`,
`twitter-dev`, the 330 unlabelled threads: 479 threads, 0 status changes), so `dev` + `twitter-dev` stays
0.976. The round's work was aimed at what those sets can no longer show: five batteries of 500 threads
written by helpers who had not read the pack (terse complaints and look-alikes from 20+ kinds of business;
remedies and commitments; blame and disputes; apologies, thanks and open questions; 70 longer threads of
6-13 turns as Twitter threads, web chats and unpunctuated calls), 11 of their 110-line sets in Spanish,
French, Portuguese or German. Their labels agreed with the pack on 0.874 of 2,250 labels at the start and
0.965 at the end (measured on the batteries the round was tuned on: an upper bound, not a blind figure).
What changed, each with its guard and a test in our own words:

- problem-raised: about forty terse shapes (staff who brushed the customer off, a promise quoted back, a
  gadget that "apparently thinks" wrongly, "where did my X go", "no dealer has the part", throttling, "than
  last quarter", "for 5 hours now", "was told it would", no record of a booking, brown water, the wrong size,
  food gone off, a power cut, unplayable, changed without telling, paid for X and there was none, mail in
  spam, "since yesterday", got X instead, a bill that "shows X but", noise at night, a payment "I didn't
  make") and their es/fr/pt/de forms; a bare "kept"/"keeps" now needs a repeated action, and "can I freeze
  my membership?" is a request;
- apology: "can't apologise enough", "not the service we want", "Das tut uns leid", "désolés"; by the
  spec's line an admission alone ("that was our mistake") is no apology; a sorry for our own long link or
  "sorry if this sounds obvious" is a filler;
- open-question: a speech transcript has no "?", so an unpunctuated caption cue that opens (after a filler)
  with "what happened", "what went wrong" or "how did that happen" is a question; "tell us more" and "what
  happened" in four languages; "what time/day" is a datum;
- restatement: a lead cue ("so your ...") counts after a reply's @handles and greeting ("@user Hi there, so
  your bag ..." failed while the same sentence without the handle passed); "I understand you're ...",
  "you booked/ordered ...", "just to be sure I follow", checking questions in four languages;
- no-blame-shifting: "the hold-up is with the receiving bank", "it'll be your router" (not when the fix
  follows), "you'll need to chase them", "an error on the hotel's side", "not our issue", "should be raised
  with the driver"; sending our own people to speak to someone is acting;
- no-contradiction: "you must have deleted it", "files don't just disappear", "not as bad as it sounds", "no
  fault on our side", "the photo shows it was left", "there weren't enough funds", "it wasn't actually ...",
  "this isn't a missing purchase", "yes you did"; flat refusals with nothing offered ("won't be covered",
  "isn't something we can fix"); "That's not right" beside an apology or a fix agrees;
- solution-offered and follow-up: the case handed to a named team or person who will act, a thing found, an
  article that walks through the fix, a menu path, a conditional choice the agent will carry out; money that
  "can take 3-5 days to show", a fix "on its way", an estimated time, arrival on a date, es/fr/pt/de
  promises.

Tried and dropped: "No, it's ..." as a dispute (it read "Oh no, that's ..."); "we'll chase / raise it with the
depot" as a remedy (the invented sets read it as a follow-up only); "isn't covered" as a flat refusal (an
insurer's partial cover). The invented sets moved up or stayed (blind-30b 0.969 -> 0.973, blind-30g 0.919
-> 0.925, blind-60 0.967 -> 0.976, blind-40r 0.942 -> 0.944, blind-30 0.954 -> 0.956, blind-40h 0.932 ->
0.933). Per transcript, `bench/compare.py --against` the round's start gives 0.98x. Found on the way: the
pack cache named the default pack's entry by nothing but "the default", so two checkouts sharing a cache
folder restored each other's pack; it is now named by the folder it is loaded from.
The ninth round (2026-12-07, ninth session) measured `twitter-check` at its start and its end (table only):
**0.855** at the start; the end is in the table above. It found its work on real text the project had no
labels for: the 330 unlabelled threads were labelled blind, twice, by helpers who read only `behaviours.md`
(the second pass also had the labelled sets' conventions spelled out: price-gouging complaints are problems,
"sorry to hear you're having trouble connecting" restates, "maintained by AT&T, contact them" is blame). Each
helper batch hid six `twitter-dev` threads among its 55 as a check on the readers: they agreed with the real
labels at macro-F1 0.91-1.00 per rule (0.84-0.91 for the second pass on restatement, follow-up,
open-question and solution-offered), except no-blame-shifting at 0.49 for both: the 36 threads hold one blame
fail ("copyright owners who put in a claim can still choose what to do with the video") and both passes read
it as no blame. Where the two passes agreed (296-330 threads per rule), the pack agreed with them at a mean
macro-F1 of **0.878 at the start of the round and 0.914 at the end**; the end figure is tuned on them, so an
upper bound. Only a change that both passes, or the labelled sets' conventions, asked for was made; where the
helpers read a template differently from the labelled sets (a "for more information" help link as no remedy,
a bonus that "can take up to 72 hours to be applied" as a follow-up) the labelled sets won and the change was
dropped. What changed, each with a guard and a test in our own words:

- problem-raised: sarcasm ("apparently this is how @X delivers packages", "so this is how you treat ..."),
  the company refusing ("@X refuses the report", "you refused"), a phishing or abuse report the company
  refused or ignored, calling the product or rule "silly", "dumb" or "absurd" (not "silly question" or "this
  might sound dumb");
- restatement: a topic line that names the customer's failure ("about your comments not showing"), "the sync
  error that you are encountering"; an echo cue now passes whatever the shared-word count (a sentence sharing
  two words failed where one sharing one passed); the @handles a turn opens with are an address, not content,
  and praise for a suggestion restates nothing (a real "@user @Adobe ... this sounds like a great
  suggestion!" passed on the shared handle);
- no-contradiction: correcting the customer's account of their plan ("the free plan doesn't allow three users,
  it only allows 3 devices"), "according to the information previously provided to you", "misinformation
  circulating";
- open-question: "send more details about what's happening" stays open beside "we'll see what we can do";
- solution-offered: "you can find that information here" points at reading, and "if anything changes, we'll
  keep you posted" promises news, not a remedy.

Across dev, twitter-dev and the unlabelled threads 11 threads change status, all unlabelled ones, each
read; `dev` and `twitter-dev` are unchanged (0.998 and 0.952). On the unlabelled threads "no problem raised"
went 16.4% -> 15.5% and blame or contradiction fails 1.8% -> 2.7% (three corrections the readers both
failed). The batteries moved by one label (a false
restatement gone), the invented sets not at all. Per transcript, `bench/compare.py --against` the round's
start gave 0.96x and 1.02x in two runs (noise). Left alone: where the helpers and the labelled sets part
(bare "need help with my account" or "i need refund" as problems; "feel free to send it to me in a private
message" as a follow-up), a paraphrase with no shared word ("Do you wish to permanently delete files?" for
"I don't want to wait 30 days"), and an explanation that disputes a flaw without saying so ("the statistical
probability is different for family that may look like you").
The tenth round (2026-12-07, tenth session) measured `twitter-check` at its start and its end (table only):
**0.855** both times, cell for cell; no verdict on `dev`, `twitter-dev` (0.976) or the 330 unlabelled threads
("no problem raised" 15.5%, blame or contradiction fails 2.7%) moved either. The round worked where the real
sets are thin and the held-back ones are not: longer threads, spoken calls, chats and helpdesk tickets. Eight
sets were written and labelled blind by helpers who read only `behaviours.md` and the real sets' labels (one
also read 40 real threads first), never the rules or the code; they are kept as `eval/helper-*`. One,
`helper-mixed-40e`, was held out of the tuning: **0.769 at the round's start (03d8422), 0.789 at its end**.
The others, first figure -> end (each then tuned on, so the end is an upper bound): long threads 0.839 ->
0.920 (three labels set to `na` for tweets that break off, as the real `dev` set reads them), chats and calls
0.868 -> 0.915, short threads 0.897 -> 0.956, helpdesk tickets 0.925 -> 0.981, timed calls 0.895 -> 0.992,
blame- and dispute-rich conversations 0.866 -> 0.898, short threads written after real ones 0.833 -> 0.847.
What changed, each as a class with its guard and a test in our own words:

- restatement: a lead cue ("so", "your", "you were") counts only where a playback starts, after handles, a
  bracketed marker and fillers, not anywhere in a sentence's first 12 characters ("I have your booking for 4
  nights", "Since your account has ...", "I'm so sorry" had passed); "so" then the agent's own doing narrates;
  digits spelt out are data (a card number read back); regret then their trouble in any past tense or under its
  own name ("sorry your order arrived cold", "sorry AV218 was cancelled", "sorry to hear your flight's been
  cancelled", "sorry for the wait on your refund"); a booking confirmed or a referral says nothing back;
- problem-raised: fault states as word classes (blocked, restricted, flagged, unresponsive, sticking, bumped
  off, lag, swelling), a payment they don't recognise, a fee charged "still", a balance at zero, "not what I
  ordered", power "shut off" on them, "I don't understand why"; a what-if question ("if I cancel, will I be
  charged?") and a worry "in case" report nothing;
- no-interruption: "..." after a complete sentence is punctuation, as `behaviours.md` says; only a thought
  left open ("... and I'm...", "went through tw...") breaks off;
- no-blame-shifting: "must be something on your side" with no help near it, "caused by something on your
  device", "a manufacturer issue, you'd have to contact them", a fault "rather than" us, a third party that
  "handles all refunds", the colleague who "shouldn't have promised", "that one's on you"; an agent who chased
  the third party "myself" is acting;
- no-contradiction: "works for me" / "loads fine on our end", "it's not an app issue", "the readings don't
  lie", "we show full coverage, so the network should be fine", "no sir/ma'am, we haven't received ...",
  "as advised in my previous email", "bans are final", a fee "non-refundable" with nothing offered, "it is
  what it is", "normal behaviour";
- solution-offered: a remedy in the passive ("your bag has been located", "the refund has been processed"),
  work under way ("engineers working on a mast fault", "a fix is being tested"), a payment arrangement, a case
  raised with billing; not a record looked up ("May I have your booking reference?", "pull up the claim"), a
  remedy refused, left to someone else or in the past, the steps the customer took, "what would you like us
  to do?", the T&Cs;
- open-question: an either/or ("how are you connecting, wifi or cable?") asks for a datum.

Found on the way: in the query language `unauthori?ed` had silently been the two-word phrase "unauthori ed"
(it matched nothing; a `?` inside a word is now an error with a hint), error columns after an operator were
one short, a regex that places its words by the punctuation before them ("? Unplug it ...") never counted in
its own sentence, and `rules show` dropped "[crosstalk]" from a description as console markup. The pack's
~100 regexes in one RE2 set overflowed RE2's 8 MB automaton and fell back to the slow path for good; five
sets of 24 stay fast at flat memory (`bench/run.py --small`: peak RSS all / tenth 1.00x). Per transcript,
`bench/compare.py --against 03d8422 --real` gave 0.84x, 1.21x and 1.02x in three runs on a noisy machine.

The eleventh round (2026-12-07, eleventh session) turned the unlabelled real threads into labelled ones. Eight
helpers, who read only `behaviours.md` and the real labelled sets and never the rules, the code or the checker,
labelled 315 of the 330 threads of `shared/data/twitter-unlabelled` blind; six more labelled 270 of them again,
blind to the first readers. The two readings agree on 97.6% of labels (reader against reader: 0.944 mean
macro-F1, the ceiling a checker can hope for here; `python tools/reader_agreement.py FIRST SECOND` computes it). They are kept as `eval/real-twitter-270` (tuned on: where
both readers agree and the pack does not, the pack is most likely wrong) and `eval/real-twitter-45h` (held
out, two readers, 98.8% agreement). Figures at the round's start (e703332) -> end: `real-twitter-270`
**0.869 -> 0.918** against the first reader and 0.877 -> 0.927 against the second (upper bounds, tuned on);
held out, `real-twitter-45h` **0.945 -> 0.945** and `twitter-check` **0.855 -> 0.855**, cell for cell: the
round's changes moved no verdict on either held-out set. `dev` 0.998 and `twitter-dev` 0.952 are unchanged;
on the unlabelled threads "no problem raised" went 15.5% -> 16.4% and blame or contradiction fails 2.7% ->
2.4%. Per transcript, `bench/compare.py --against e703332 --real` gave 0.97x. What changed, each a class with
its guard and a test in our own words:

- no-contradiction: an explanation that what the customer sees is normal ("this is actually a normal part of
  how views are verified") is no dispute: both blind readers passed the two real threads an earlier round had
  read as contradictions; "as we shared in our last post", "like I said"; a matter closed with nothing
  offered ("this is the final response", "we can't comment further", "the policy is clear", "we consider the
  order complete", "that's not quite how it works", "you were informed of the fee when you signed up"); "this
  feature is not available" followed by a place to suggest it is no flat refusal; "can't be processed";
- problem-raised: a person's own plan ("I'm supposed to fly on Monday", "where am I supposed to go?") and a
  consequence in the conditional ("the content would be deleted for all users") report nothing; "need help with
  my account, can you change my email" is a request; a status question ("are online services down?") is a
  question; "misplaced" is "lost"; pressing the company to act ("are you going to get on this?", "anyone
  there?") voices dissatisfaction;
- solution-offered: a link to the ticket form ("contact us here: .../requests/new", "share your details here")
  and our own team's phone line are routes to a team that will act; the available help or recovery options
  with the link to them are choices; forwarding a scam message to an address, and work under way with a partner
  ("we're partnering with distributors to provide ..."), are actions; showing the
  customer how to report it, and a refund that only another company gives ("administered directly by Google
  Play"), are not remedies; "please follow and DM us" is no instruction;
- no-blame-shifting: a matter to be "worked out between uploader and claimant", "it may be your device" with
  nothing to try, "that's up to Royal Mail", "something your provider would need to look at", "speak to the
  store where you bought it", "refunds are handled by Apple", "released by the event organiser", "you'll need
  to contact your surgery"; "between you and us" is no longer blame;
- follow-up: "we'd be glad to reach out".

Measured and dropped: web addresses as no words of the agent's (the words in a help article's address are what
real labels read as "specific to the problem": `twitter-dev` fell 0.976 -> 0.972), "we'll look into this" as a
remedy (the one real thread it moves is labelled no remedy), "they'll" as no promise of ours, "may help answer
your question" as no remedy, "isn't covered under the warranty" as a flat refusal. Left alone: price-gouging
complaints, where the readers follow the audited `VHEp` and the pack the real labels of `j1yS`, `evb5`,
`ROEE` and `UOPV`; "we can help with that, please use this link to make a ticket" as a follow-up (a file name
in `twitter-check` showed up in a search for the phrase, so it was not touched this round); paraphrases with
no shared word ("were you trying to subscribe to a Family Plan?").

The twelfth round (2026-12-07, twelfth session) measured `twitter-check` at its start and its end (table only):
**0.855 -> 0.855**, cell for cell, and the held-out `real-twitter-45h` **0.945 -> 0.945**. On the tuned real
sets: `dev` 0.998, `twitter-dev` 0.952 -> 0.959 (together 0.976 -> 0.980), `real-twitter-270` 0.918 -> 0.920
(first reader) and 0.927 -> 0.929 (second); the unlabelled threads unchanged ("no problem raised" 16.4%, blame
or contradiction fails 2.4%). The real 2020 threads had little left to teach, so the round went to what the
held-back sets are said to hold and ours do not: longer threads, other brands, other years. Helpers who read
only `behaviours.md` and the real labelled sets wrote, blind to the rules, two held-out sets and eight sets
used to find misses:

- held out, measured at the round's start (4a00730) and end only: `eval/helper-long-40h` (40 longer threads,
  chats and calls of 2016-2018 brands) **0.915 -> 0.930**, and `eval/helper-pushback-36h` (customers pushing
  back; blame and contradiction only) **0.905 -> 0.926**;
- tuned on: `eval/helper-pushback-40` and six one-line batteries in `eval/batteries` (first messages: is a
  problem raised?; replies: remedies, commitments, blame, disputes, apologies, restatements, open questions),
  measured by the new `tools/battery.py`. On arrival, the first problem battery missed 32 of 110 complaints;
  a second one, written after the first was tuned on, still missed 13 of 85 (14 at the round's start): the
  first battery's word classes carried over by one complaint. Each battery's README gives its figures on
  arrival and after.

What changed, each a class with its guard and a test in our own words:

- no-contradiction: a position held after the customer pushes back ("but you said you'd register it" ->
  "That isn't something we do") through a new `answering` field on a presence check's `also` set (the set
  counts only in a turn that answers a reply of the other side matching a query); records and tests that
  "show no faults", "matches ... exactly", "false results", "normal wear and tear", a scan that puts the
  driver at the door, "as was explained", "hasn't actually been", "charged correctly", "the fare stands";
  flat refusals "we won't be able to refund", "can't be returned or exchanged"; "let me check whether the
  charge was calculated correctly" is no longer a dispute;
- no-blame-shifting: "since you didn't ...", "you'd have needed to ...", "they're the ones who ..." (not
  after "if"), "for them to look at", "it was up to you to ...", "a network/browser issue" with nothing done,
  the fault "on the receiving bank's end", "you've most likely typed it wrong"; "this isn't your fault at
  all" and "you should have it within a minute" are no longer blame;
- restatement: a check of what the customer meant ("were you trying to subscribe to a family plan?", a new
  `check_questions` cue, only in a question that offers no choice), "just so we're clear: ...", "make sure
  I've got it", judgements of their situation ("isn't good enough", "far too long", "would worry anyone"),
  regret clauses in five languages; reading the record back ("I'm looking at the order", "I have your
  booking for ..."), defending a charge, a claim about what the customer did and a report of the fix are
  not restatements;
- problem-raised: an error label a device shows ("Grid Fault 302") is no product name; complaints with no
  failure word (a price "gone up" or "put up", "paid $40 for a $15 trip", "nothing like what I ordered", a
  thing not "in my account", a service "down", damage on arrival, "backordered", "double booked", "no water
  since 6am", a warning light, a promised time passed, "the fourth time I'm contacting you"), rhetorical
  displeasure ("how many times do I have to", "too much to ask", "what am I paying for", "not one
  announcement", "thanks for nothing") and more wording in Spanish, German, French, Dutch, Portuguese and
  Hindi-English; not problems: "I couldn't find where to do it in the app" (a how-to, as `twitter-dev` bkqu),
  "I've never missed a payment", "nothing wrong with it", "broke my record", a purpose clause ("letting you
  know so my card doesn't get blocked");
- solution-offered: a menu path, a workaround "you can ... instead", "text ACTIVATE to 4455", "try SUMMER20",
  an upload step, a report form beside a claim route, clicking "Contact us" on a recovery page (`twitter-dev`
  ueTM); not "please try again later" or "head to our support site"; follow-up: "we expect the supply back
  by 6pm", "a fix is being tested".

Measured and dropped: "aware of" as a restatement cue (`dev` dluK), "shows as" as a read-back (true checks use
it), a purpose-clause exclusion for "so I can't ..." (a result, not a purpose: `twitter-dev` iYKov fell).
Speed: mid-round, `bench/compare.py --against 4a00730 --real` gave 0.96x; after the batteries' word classes it
gave 1.03x-1.09x, and a profile put the cost in the re2 set pass over each turn (regexes with bounded repeats).
Those were rewritten as NEAR queries over cheap atoms with the same verdicts (re2 pass back to the start's
0.66-0.69 s per 1,767 transcripts x3); three runs after that gave 1.05x, 1.07x and 1.01x, within this
machine's noise (the same tool gave 0.91x against a mid-round commit) but not clearly under 1.0x.

The thirteenth round (2026-12-07, thirteenth session) measured `twitter-check` at its start and its end (table
only): **0.855 -> 0.855**, cell for cell, for the third round running. Held out of the round's tuning and
measured at its start (936cc6f) and end: `real-twitter-45h` **0.945 -> 0.945**, `helper-long-40h` **0.930 ->
0.930**, `helper-pushback-36h` **0.926 -> 0.957** (a mid-round figure of 0.942 was seen once, when the set ran
with the others; its disagreements were not read), and a new one-line battery written blind for the purpose,
`eval/batteries/reply-100h.jsonl` (100 replies in social, chat and call styles, five rules each): follow-up
85 -> 86, solution-offered 78 -> 79, restatement 74 -> 75, open-question 81 -> 82, no-contradiction 79 -> 80
(of 100). `dev` + `twitter-dev` stay at 0.980, the unlabelled threads at 16.4% "no problem raised" and 2.4%
blame or contradiction fails, `real-twitter-270` at 0.920: no verdict on real text moved.

The round tuned on two new blind batteries (`problem-140c`, `reply-150`; figures in their README) and on probes
written in our own words, and looked for structure rather than words:

- no-contradiction: a denial of what the customer just said, read by its echo (a new `echo: n` on a presence
  check's `also` set: the hit counts only when one of the next n content words, by stem, is one the other side
  asserted just before, not negated and not in a question or request: "The transfer isn't pending" to "my
  transfer has been pending for days"); a flat refusal in any grammar ("there isn't a way to", "can't be
  restored", "that's not an option", "we aren't able to"), not when scoped to this channel or agent ("over the
  phone", "from our side") or when it names who handles it, and with the alternative allowed anywhere in the
  same reply (a new `exclude_reply`: a caption cue or a second tweet carries "but what I can do is ...") or
  later in the conversation (`exclude_later`: adversarial-dev `dev_023`, "what I can do is check the nightly
  backup" after the customer objects, had been read as a flat refusal by the round's first draft);
  the company's record set against the customer with nothing else said ("our logs show the camera was online
  all night"); stonewalling and belittling ("please refer to our previous response", "it works fine for
  everyone else", "a very minor inconvenience"); "you did agree to ...";
- restatement: the no-cue similarity path refuses a sentence that negates the customer's own words ("Windows
  updates don't delete personal files" is a dispute, not a playback); "hate to hear", "not what we want to
  hear about", a judgement after the thing named;
- problem-raised: verbless states ("all my playlists gone", "refund pending since the 3rd"), a repeated
  annoyance ("every ten minutes"), an error code alone ("NW-3-6", "0x80a40019"), a speed against the plan,
  "SOS only", billed for what went back, a status held for hours, screen faults, present-tense failures in
  Spanish and Dutch, and failures stated but not asked ("a 404 since the migration", "delivered to a different
  city"; asked, they are requests); figures of speech are not complaints ("crashed on the couch", "the sale is
  destroying my wallet");
- solution-offered and follow-up: a fix asked as "have you tried ...ing?", a route the customer can take ("you
  can also rebook online"), a case opened or a team that will act, a next step in the passive ("a second
  attempt will be made tomorrow"), money that "should land within 7 business days";
- no-blame-shifting: "you must be doing something wrong", "probably something on your phone's end".

What generalised, by the figures: structure carried to the held-out pushback set (disputes) and not to the
held-out long threads; the held-out reply battery moved by one item per rule. Price-gouging reports were
checked again against the audited `twitter-dev` labels: `VHEp` (a plain request) is already read as no
problem, and `evb5`/`j1yS` (displeasure at the company) stay problems, as labelled. Speed:
`bench/compare.py --against 936cc6f --real` 0.96x; a turn of 6,000 denials exposed two per-sentence scans that
were quadratic in the turn's length (3.2 s at the round's start, 9.5 s with the echo check), now read by
bisection (2.9 s; `bench/long_chat.py` prints the ratio).

The fourteenth round (2026-12-07, fourteenth session) measured `twitter-check` at its start and its end (table
only): **0.855 -> 0.855**, cell for cell, for the fourth round running. `dev` + `twitter-dev` went **0.980 ->
0.985** (`twitter-dev` 0.959 -> 0.970: the audited `bkqu`, "do you still have a chat service? I'm not able to
find it", is now a how-to), `real-twitter-270` 0.920 -> 0.922 (two replies both readers label: "we'd like to
see if we can help" commits to nothing, a help article "of any help" with a two-word slug is a remedy), and the
unlabelled threads stay at 16.4% "no problem raised" and 2.4% blame or contradiction fails. Held out of the
round's tuning and measured at its start (536feec) and end: `real-twitter-45h` **0.945 -> 0.945**,
`helper-long-40h` **0.930 -> 0.935**, `helper-pushback-36h` **0.957 -> 0.957**, `reply-100h` unchanged but for
one restatement (75 -> 76 of 100), and a new invented set written blind to resemble the held-back "longer
threads from other brands and another year", `helper-long-40i` **0.838 -> 0.838** with an identical table (its
start figure was seen once mid-round before it was taken out of the tuning script). What the round tuned on
(a second such set, `helper-long-40j`, 0.941 -> 0.955, and probes in our own words), by rule:

- problem-raised: "can't find it" beside a how-to question is the how-to (a lost thing of theirs, or any other
  failure word in the turn, still counts); a person who "doesn't do apps" has a habit, not a fault; "didn't
  know about the sort" no longer reaches "sort" across "know about";
- restatement: a figure of the customer's ("stuck at 99%", "£54.99 twice") counts as a shared word beside a
  word of theirs under a cue, never alone; "aware of" as a weak cue (three shared words: `dev` dluK's "we are
  aware of an issue with our Workspace email" stays a fail); regret for the state they are left in ("sorry
  you're locked out again"); more judgements after the trouble named ("is heartbreaking", "is the worst");
  "make sure you ..." and "will need to ..." are instructions;
- solution-offered: a help article whose last path segment names the topic in two words, "should help" or
  "of any help"; the case chased up with a team of ours, or a team that "will go through the options"; an
  imperative on a named screen ("Check Automations in the app"); a travel ticket is not a support ticket; a
  remedy that is someone else's to give ("the restaurant will need to process the refund") is not offered;
- follow-up: "we'd like to see if we can help" commits to nothing (a clause written for an invented set);
- no-contradiction: "that's not a Zoom issue", "that's not a crash" (the customer's word denied), "I'm sorry,
  but the decision is final", "as per our earlier reply", "there's only one charge on your account";
- no-blame-shifting: the customer's own kit named as the cause ("coming from the router you've connected").

Measured and dropped: "we'll ask the team to ..." as a hand-off (`remedy-120` and `blind-30h` fell), a
directional "but" after "non-refundable" (a real Delta reply, "the change fee will be waived ... However, the
ticket would remain non-refundable", became a flat refusal), "following the steps" as an instruction (a real
topic-line playback, "For the sync error that you are encountering, we'd recommend following the steps", was
lost). Speed: two new regexes with bounded repeats (`{0,60}`, `{0,25}`) cost 1.12x in `bench/compare.py
--against 536feec --real`; written as open repeats, the same tool gave **0.96x** (`--repeat 5`).

The fifteenth round (2026-12-07, fifteenth session) measured `twitter-check` at its start and its end (table only):
**0.855 -> 0.855**, cell for cell, for the fifth round running. `dev` + `twitter-dev` stay at **0.985**,
`real-twitter-270` at 0.922, and the unlabelled threads at 16.4% "no problem raised" and 2.4% blame or
contradiction fails: no verdict on real text moved. Held out and measured at the start (77c5df0) and the end:
`real-twitter-45h` **0.945 -> 0.945**, `helper-long-40h` **0.935 -> 0.935**, `helper-pushback-36h` **0.957 ->
0.957**, `helper-long-40i` **0.838 -> 0.840** (one follow-up), `reply-100h` unchanged. The round tuned on two new
invented sets, each written blind by helpers and read again by two more blind readers (99.4% and 99.7% of labels
agree), changing a rule only where both readings agree: `helper-long-40k` (2015-2018 threads with DM hand-offs,
live chats) **0.835 -> 0.974** and `helper-long-40l` (threads, and timed WebVTT calls in the Harper Valley bank
style) **0.935 -> 0.985**. By rule:

- no-interruption: a message that ends in a dash ("I tried restarting the router and the--") and is answered
  directly by the agent is a cut-in in a live chat with send times and in a social thread too, as "Where the line
  falls" says ("in chats and social threads alike"); trailing dots there stay punctuation (a tweet's truncation).
  The three `helper-long-30a` labels set to n/a in the tenth round after the note of `dev` MpB8 were restored to
  their writer's reading (MpB8's tweet ends in "..." after a complete sentence);
- no-blame-shifting: the customer's side or kit as the cause ("it'll be your internal wiring or equipment", "the
  cancellation wasn't completed on your end"), the booking site, broker or dealer they bought through, a franchisee
  ("delivery is down to each store, they're franchised"), "down to the payment system", a contractor's status, a
  partner who must act first ("nothing we can do until they restore it");
- follow-up: "we've replied in DM" reports a reply (nine other labelled threads that say it pass on a commitment
  elsewhere, never on that line); "if you email the photo, we can close the account and refund the difference"
  commits our side; "I'm going to need ..." asks; "our roaming pass on your plan" passes nothing on;
- open-question: unpunctuated speech asks openly in more forms than "what happened" ("what happens when you
  restart the router", "can you tell me in your own words what happened", "what would you like us to do to put it
  right"), which also settled two older calls labelled open;
- solution-offered: "ask them to refund the duplicate" and "try asking the electric company" send the customer
  elsewhere; a bare help link whose slug names a fault (".../1182-band-not-syncing-after-app-update") is the
  article for it (a first draft with "issues", "crash" and "error" in the slug words passed two real replies
  labelled fail, `dev` 4gCK and `twitter-dev` 6D4h, and was narrowed); a question about the customer's own step
  ("what happens when you restart the router") is neither a fix nor a restatement;
- problem-raised: "where's the other one" after a pair paid for, a reading stuck at zero "since the 3rd";
- no-contradiction: a line test that "shows no fault on the line from our end", with nothing else offered.

What generalised, by the figures: nothing that the held-out sets or `twitter-check` can see. Every change held
the real sets where they were, so the gains are on invented text; the two new sets were written to look like the
held-back "longer threads from other brands and another year", and whether they do is what the held-back figure
will say. Speed: `bench/compare.py --against 77c5df0 --real --repeat 5` gave **1.00x**.

The sixteenth round (2026-12-07, sixteenth session) measured `twitter-check` at its start and its end (table
only): **0.855 -> 0.855**, cell for cell, for the sixth round running. `dev` + `twitter-dev` stay at **0.985**,
`real-twitter-270` at 0.922, the unlabelled threads at 16.4% "no problem raised" and 2.4% blame or contradiction
fails: no verdict on real text moved. Held out and measured at the start (577426a) and the end:
`real-twitter-45h` **0.945 -> 0.945**, `helper-long-40h` **0.935 -> 0.935**, `helper-pushback-36h` **0.957 ->
0.957**, `helper-long-40i` **0.840 -> 0.842**, `reply-100h` follow-up 86 -> 86, solution-offered 79 -> 80,
restatement 76 -> 76, open-question 82 -> 83, no-contradiction 80 -> 81 (of 100). The round tuned on six new
batteries of one-line cases (`eval/batteries`: `problem-120q`, `problem-100s`, `dispute-100m`, `reply-100n`,
`reply-100p`, `reply-100r`), each written blind by a helper and read again by a second blind reader (96.6% to 100%
of labels agree; only agreed labels are kept), and changed a rule only where both readings agree. What it built:

- problem-raised: a `shortfall` cue, the one new structure: a shortfall told as two plain facts, neither a
  complaint alone, what was promised, paid for or done ("refund form sent 23 days ago", "guaranteed by 1pm",
  "paying for 350 meg", "was told Friday") and then what came of it, later in the sentence or in a later one that
  is not a question ("nothing since", "it's 5:40", "speedtest says 11", "now it's next week"), quoted from the
  first fact to the second; and word classes: fines, costs forced on the customer, swaps ("sent the paperback not
  the hardback"), lateness ("arrived 2 days late"), "nobody called", two bills for the same thing, a timed service
  cancelled, jewellery that "went green", "is it normal to pay for 4G and get ...", and Spanish, Portuguese,
  French and Hindi-English forms; asks and worries are not complaints ("calling to cancel my ...", "if my flight
  gets cancelled, do I get a refund?", "worried it will ...");
- no-contradiction: a verdict drawn against the customer, a fact or record then "so" and the judgement on their
  case ("so the ticket was issued correctly", "so it shipped exactly as it was set", "so a delivery attempt was
  made"), which both readers count even when a way forward follows; and gaps in existing classes ("isn't the
  case", "isn't our problem", "there's no error here", "no duplicate charge", non-cancellable, "we won't apologise
  for applying our policy");
- restatement: "sorry it's ...", "I can see your ...", regrets in French, Spanish and Hindi-English as weak cues;
  a "so ..." playback after a greeting with the customer's name ("Hi Derek, so the hinge snapped ...?");
- solution-offered, follow-up, open-question, no-blame-shifting: forms the batteries' agents wrote ("that's been
  reversed now", "30% off a reprint", "I've asked the supervisor to ring you", "What did the store say?", "a fault
  coming from your internet provider", "the delay happened once it left us").

Battery figures, round start -> end (agreed labels): `problem-120q` complaints missed 22 -> 4 of 85,
`problem-100s` 11 -> 0 of 70, `dispute-100m` no-contradiction 77 -> 86 of 95, `reply-100p` restatement 71 -> 86
of 97 (each battery's README line gives the rest). What generalised, by the figures: little. `problem-100s`
arrived after the round's first four problem-raised changes and missed exactly as many complaints as at the
round's start (11 of 70): the complaint shapes of one writer did not reach the next. `reply-100r`, arriving last,
moved one or two items per rule between the round's start and its arrival. The held-out sets moved by one item on
three rules of `reply-100h` and one follow-up on `helper-long-40i`; `twitter-check` and the real sets not at all.
The plainest test came last: 40 new threads, live chats and DMs (`helper-long-40m`, written blind by two helpers,
read again by two blind readers, 98.9% agreement) scored **0.893** on arrival, exactly what the round's start
scored, verdict for verdict. Tuned on where both readers agree, it ends at **0.932**: a customer protesting "let
me finish??" is an interruption (`customer_protests`, a new parameter of the interruption check), a price rise
told as "last year I paid £412 ... are you having a laugh" a complaint, "corrupted" a failure word (it was in no
word class), a record that a bag was "handed to our delivery partner" no dispute with the customer.
Speed: `bench/compare.py --against 577426a --real --repeat 5` gave **0.99x**.

The seventeenth round (2026-12-08, seventeenth session) measured `twitter-check` at its start and its end (table
only): **0.855 -> 0.855**, cell for cell, for the seventh round running. `dev` + `twitter-dev` stay at
**0.985**, `real-twitter-270` at 0.922, the 330 unlabelled threads at 16.4% "no problem raised" and 2.4% blame
or contradiction fails; not one rule status of a real thread moved. Held out and measured at the start (c9afe28) and the end: `real-twitter-45h` **0.945 ->
0.945**, `helper-long-40h` **0.935 -> 0.935**, `helper-pushback-36h` **0.957 -> 0.957**, `helper-long-40i`
**0.842 -> 0.842**, `reply-100h` 86 / 80 / 76 / 83 / 81 of 100 (follow-up, solution, restatement, open question,
contradiction), unchanged. The round asked one question of the held-back "longer threads from other brands and
another year": do changes found on one writer's threads reach another's? Four helpers wrote 80 threads blind in
the style of 2016-2018 brand care, from brands not in `shared/data`, and four more read them again blind (98.9%
and 99.4% agreement). `helper-long-40n` came first, scored **0.876** on arrival (the round's start figure) and
was tuned on where both readings agree (**0.979**): a plural "keep ...ing" ("songs keep skipping"), a service
that "has been out", "came with no ...", "pizza cold", "50 bob gone" as complaints; a third party's error, "not
by Airtel", records that put the act on the customer ("activated from your number") as blame; "our data charging
is accurate" as a dispute; "send STOP to ..." and a re-bill as remedies; where a parcel is now as the agent's
news, not a playback. `helper-long-40o` was written next and held out: **0.817** at the round's start and
**0.817** after all of those changes, verdict for verdict. Word classes tuned on one writer again did not reach
the next. Two changes of structure did more:
- restatement now reads every agent turn after the customer's first message, as apology and follow-up already
  did: a playback of the opening complaint counts when only a later message carries the failure word (four
  invented transcripts in four sets moved to their labels, one unlabelled one moved, and one moved away);
- no-interruption hears a message sent half-written with no mark at all ("all i did was whatsapp and then the")
  and answered at once; in a thread with send times only when the customer then picks it up with "..."; timed
  calls are left to their timings. All four writers wrote one such cut-in. On the held-out `helper-long-40o`
  no-interruption went 0.66 -> 0.88 and the set 0.817 -> **0.842** (a weaker test than it looks: 40o's
  arrival table, printed once before it was set aside, showed that it held two such cut-ins, though not their
  text; the cue catches one of them).
Also: a price "way too high", "far too expensive" or "$40 more than usual" is a complaint (shop and billing
chats). Speed: `bench/compare.py --against c9afe28 --real --repeat 5` gave **1.01x**.
"""


def _evaluate(*paths: Path, nine: bool = False, disagreements: bool = True) -> str:
    only = [a for r in NINE for a in ("--only", r)] if nine else []
    if not disagreements:
        only.append("--no-disagreements")
    out = subprocess.run([sys.executable, "-m", "turncheck", "evaluate", *map(str, paths), *only, "--format", "md"],
                         capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    return out.stdout


#: our own labelled sets, in the order they were written: (folder under eval/, one-line description)
OWN_SETS = [
    ("blind-60", "Our own 60 transcripts, written blind to the rules"),
    ("blind-50", "Our second set of 50, from other trades"),
    ("blind-40", "Our third set of 40 ordinary contact-centre conversations"),
    ("blind-30", "Our fourth set of 30, from yet other trades"),
    ("blind-30b", "Our fifth set: social-media threads and speech-to-text calls"),
    ("blind-40r", "Our sixth set: the styles of the shared dev set's real sources"),
    ("blind-40h", "Our seventh set: hard cases in every format"),
    ("blind-30c", "Our eighth set: the dev set's styles again, written after the blind-40 fixes"),
    ("blind-30d", "Our ninth set: contact-centre conversations in every format"),
    ("blind-30e", "Our tenth set: social-media threads and bank calls, written after the blind-30c/30d fixes"),
    ("blind-30f", "Our eleventh set: contact-centre conversations, complaints told without the obvious words"),
    ("blind-30g", "Our twelfth set: social-media threads and bank calls, written after the blind-30e/30f fixes"),
    ("blind-30h", "Our thirteenth set: contact-centre conversations, written after the blind-30e/30f fixes"),
    ("helper-long-30a", "Tenth round, written and labelled blind by a helper: long Twitter threads"),
    ("helper-calls-30b", "Tenth round, by a helper: live chats and spoken-style call transcripts"),
    ("helper-short-40c", "Tenth round, by a helper: short Twitter threads, some in Spanish and French"),
    ("helper-tickets-30d", "Tenth round, by a helper: helpdesk e-mail tickets"),
    ("helper-mixed-40e", "Tenth round, by a helper, held out of that round's tuning (its blame and dispute labels were "
     "read in the eleventh): threads and chats from other trades"),
    ("helper-calls-24f", "Tenth round, by a helper: timed WebVTT calls, six with the agent talking over"),
    ("helper-blame-40g", "Tenth round, by a helper: threads, chats and calls rich in blame and disputes"),
    ("helper-threads-50h", "Tenth round, by a helper who first read 40 real threads: short Twitter threads"),
    ("helper-pushback-40", "Twelfth round, by a helper: customers pushing back on the agent, labelled for "
     "no-contradiction and no-blame-shifting only; tuned on"),
    ("helper-long-40h", "Twelfth round, by a helper, held out of that round's tuning: longer threads, chats and "
     "calls in the style of other brands and years"),
    ("helper-pushback-36h", "Twelfth round, by a helper, held out of that round's tuning: customers pushing back, "
     "labelled for no-contradiction and no-blame-shifting only"),
    ("helper-long-40i", "Fourteenth round, by a helper, held out of that round's tuning: longer threads in the "
     "style of 2016-2018 brands"),
    ("helper-long-40j", "Fourteenth round, by a helper: longer threads and website live chats; tuned on"),
    ("helper-long-40k", "Fifteenth round, by two helpers, read again by two blind readers: 2015-2018 threads with DM "
     "hand-offs and live chats; tuned on"),
    ("helper-long-40l", "Fifteenth round, by two helpers, read again by two blind readers: threads and timed WebVTT "
     "calls (Harper Valley bank style); tuned on"),
    ("helper-long-40m", "Sixteenth round, by two helpers, read again by two blind readers: 2016-2019 threads, live "
     "chats and Messenger DMs; measured on arrival, then tuned on (see its README)"),
    ("helper-long-40n", "Seventeenth round, by two helpers, read again by two blind readers: 2016-2018 threads "
     "from US, Indian, UK, Kenyan and Australian brands; measured on arrival, then tuned on (see its README)"),
    ("helper-long-40o", "Seventeenth round, by two more helpers, read again by two blind readers: 2016-2018 "
     "threads from North American, European, African and Asian brands; held out of that round's tuning"),
    ("real-twitter-270", "Eleventh round: 270 real threads from `shared/data/twitter-unlabelled`, labelled blind by "
     "six helpers; tuned on"),
    ("real-twitter-45h", "Eleventh round: 45 more real threads, labelled blind by two helpers (98.8% agreement); "
     "held out of the tuning"),
]


#: the set measured only at the start and the end of a round
CHECK_SET = "twitter-check"


def _kept_section(doc: Path, folder: str) -> str | None:
    """The body of ``## shared/data/<folder>`` in ``doc`` as it stands (None when there is none)."""
    if not doc.is_file():
        return None
    m = re.search(rf"^## shared/data/{re.escape(folder)}\n\n.*?\n\n(.*?)(?=^## |\Z)", doc.read_text(encoding="utf-8"),
                  re.M | re.S)
    return m.group(1).rstrip("\n") + "\n" if m else None


def accuracy(measure_check: bool = False) -> str | None:
    shared = ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        return None
    out = ("# Accuracy of the default pack\n\nGenerated by `python tools/update_docs.py` with `turncheck evaluate "
           "--format md`.\nEvery set is labelled against `shared/spec/behaviours.md`.\n" + REAL_TEXT)
    for folder, what in REAL_SETS:
        if (shared / folder / "labels.jsonl").is_file():
            kept = (None if measure_check or folder != CHECK_SET
                    else _kept_section(ROOT / "docs" / "accuracy.md", folder))
            # the check set's disagreements stay unlisted: they are not to be read while changing rules
            out += f"\n## shared/data/{folder}\n\n{what}\n\n" + (
                kept if kept is not None else _evaluate(shared / folder, nine=True, disagreements=folder != CHECK_SET))
    out += "\n## Earlier rounds: our own blind sets\n\n" + FIRST_BLIND
    out += ("\n## shared/data/dev + shared/data/adversarial-dev\n\n69 real support conversations "
            "(Twitter customer care, recorded bank calls) and 40 hand-made hard cases. The rules were written "
            "while measuring on these, so these figures flatter the pack.\n\n"
            + _evaluate(shared / "dev", shared / "adversarial-dev"))
    for folder, what in OWN_SETS:
        out += f"\n## eval/{folder}\n\n{what} (see its README).\n\n" + _evaluate(ROOT / "eval" / folder)
    return out + _sentiment()


def _sentiment() -> str:
    """The measurement behind not using VADER for 'a problem is raised' (needs vaderSentiment installed)."""
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "measure_sentiment.py")], capture_output=True,
                         text=True, cwd=ROOT)
    if out.returncode != 0:
        return ""
    return ("\n## Would a sentiment library help decide \"a problem is raised\"?\n\n"
            "`python tools/measure_sentiment.py` compares the pack's phrase-based `problem-raised` condition with "
            "VADER (the customer's most negative turn under a compound threshold), alone and OR'ed with the "
            "phrases. VADER alone misses most problems (support complaints are often stated flatly: \"my parcel "
            "never arrived\"), and adding it only adds false problems, so turncheck does not depend on it.\n\n"
            "```text\n" + out.stdout + "```\n")


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = render(text, sections())
    if "--check" in sys.argv:
        return 0 if new == text else 1
    readme.write_text(new, encoding="utf-8")
    acc = accuracy(measure_check="--measure-check" in sys.argv)
    if acc is not None:
        (ROOT / "docs" / "accuracy.md").write_text(acc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
