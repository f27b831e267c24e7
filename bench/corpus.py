"""A realistic, seeded corpus of support conversations for the benchmark.

Chats (``.txt``, ``Customer:``/``Agent:`` lines, some with send times),
calls as WebVTT captions with voice tags and timings (``.vtt``), and calls as
generic turns JSON with metadata (``.json``). Each conversation is 6-30 turns:
a scenario (double charge, late parcel, broken device, outage, a plain
question...), agent behaviour drawn per conversation (apologies, restatement,
empathy, promises with or without a time, refusals, the occasional blame or
raised voice), filler exchanges (verification, small talk, hold) and varied
phrasing, so the checks meet the same mix of hits and misses as on real data.

Files go into ``day-NN/`` folders of 1,000 each so a prefix of the days is a
smaller corpus with the same mix.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

PER_DAY = 1000

AGENTS = ["Jordan", "Marta", "Owen", "Priya", "Sam", "Lena", "Tomasz", "Aisha", "Chen", "Rosa"]
CUSTOMERS = ["Dana Reyes", "Ana Lima", "Mark Olsen", "Grace Kim", "Luis Ortega", "Fatima Noor", "Ben Carter",
             "Yuki Sato", "Nora Walsh", "Ivan Petrov", "Chloe Martin", "Omar Haddad"]
COMPANIES = ["Helix Broadband", "FixIt Laptops", "Parcelly", "Brightpower Energy", "Northwind Bank", "Zest Mobile"]

SCENARIOS = [
    {
        "problem": ["I was charged twice for my subscription this month.",
                    "My bill is way higher than usual and I don't understand why.",
                    "You took a payment from my account after I cancelled, this is ridiculous.",
                    "There's a charge of 49.99 on my card that I never authorised."],
        "details": ["It's on the statement dated the 3rd.", "The amount was 49.99 both times.",
                    "I've been a customer for six years and this has never happened."],
        "restate": ["So you were charged twice for the same month, is that right?",
                    "Just to confirm, the payment came out again after you cancelled?",
                    "If I understand correctly, your bill is higher than usual and you don't know why?"],
        "solution": ["I've refunded the duplicate charge of 49.99.", "I can credit the difference to your account.",
                     "I've reversed the payment and flagged the account so it can't happen again."],
    },
    {
        "problem": ["My parcel was supposed to arrive last Thursday and it still hasn't come.",
                    "The tracking hasn't moved in five days and nobody can tell me where my order is.",
                    "My package was marked delivered but it's not here.",
                    "I ordered a birthday present two weeks ago and it's still not here, I'm really disappointed."],
        "details": ["The order number is 40917.", "It was sent to my work address.",
                    "The tracking page just says in transit."],
        "restate": ["So the parcel still hasn't arrived even though it was due last Thursday?",
                    "You're saying the tracking shows delivered but you never received it, correct?",
                    "So the order has been stuck in transit for five days?"],
        "solution": ["I'm sending a replacement by express delivery today.",
                     "I've opened a trace with the carrier and issued a full refund.",
                     "I can reship it free of charge or refund you, whichever you prefer."],
    },
    {
        "problem": ["My laptop came back from repair and now the battery won't charge.",
                    "The washing machine I bought last month is leaking all over the kitchen floor.",
                    "My phone keeps restarting since the last update and I can't use it.",
                    "The screen on my new tablet has a dead line down the middle."],
        "details": ["It's the model I bought in March.", "I've tried restarting it several times.",
                    "It started right after the update on Monday."],
        "restate": ["So since the update the phone restarts by itself and you can't use it?",
                    "Just to make sure I have this right, the laptop came back with a battery that won't charge?",
                    "So the machine leaks every time you run a wash?"],
        "solution": ["I've booked a free courier pickup and we'll repair it at no cost.",
                     "I can send you a replacement unit straight away.",
                     "Let's try a factory reset first, and if that doesn't fix it I'll arrange a swap."],
    },
    {
        "problem": ["My internet has gone down four times this week and I work from home.",
                    "The power has been cutting out every evening and nobody has explained why.",
                    "My mobile data hasn't worked since yesterday morning.",
                    "I can't log in to online banking, it keeps saying my account is locked."],
        "details": ["It usually drops around eight in the evening.", "I've already restarted the router twice.",
                    "My neighbours have the same problem."],
        "restate": ["So the connection keeps dropping in the evenings and you're losing work time?",
                    "You've been locked out of online banking since this morning, is that correct?",
                    "So the data stopped working yesterday morning and hasn't come back?"],
        "solution": ["I've booked an engineer to check the line.", "I've unlocked the account and reset your access.",
                     "I've applied a credit for the days without service."],
    },
]

QUESTIONS = [
    ("What are your opening hours on Saturday?", "We're open from nine to five on Saturdays."),
    ("Can I change the email address on my account?", "Yes, you can change it under Settings, then Profile."),
    ("Do you deliver to Ireland?", "We do, delivery to Ireland takes three to five working days."),
    ("How do I upgrade my plan?", "You can upgrade in the app under My Plan, it takes effect immediately."),
]

GREETINGS = ["Hi, thanks for contacting {company}, this is {agent}. How can I help?",
             "Hello, you're through to {agent} at {company}. What can I do for you today?",
             "Good morning, {company} support, {agent} speaking.", "Hi there, {agent} here. How can I help you today?"]
CUSTOMER_OPEN = ["Hi.", "Hello, I hope you can help me.", "Hi, I'm {customer}.", "Hello, my name is {customer}."]
APOLOGIES = ["I'm so sorry about that.", "I'm really sorry to hear that, {first}.", "My apologies for the trouble.",
             "I apologise for the inconvenience this has caused.", "Sorry to hear that, that's not what we want.",
             "I'm sorry, that must be frustrating."]
FILLER_SORRY = ["Sorry, could you repeat the order number?", "Sorry, what was the postcode again?"]
EMPATHY = ["I completely understand why you're upset.", "I'd be frustrated too in your position.",
           "That sounds really stressful, especially when you work from home.",
           "I can imagine how annoying that is."]
THANKS = ["Thanks for your patience while I looked into this.", "Thank you for reaching out to us.",
          "Thanks for those details.", "Thank you for bearing with me."]
OPEN_Q = ["Can you tell me more about what happened?", "What happened when you tried to log in?",
          "How would you like us to put this right?"]
FOLLOW_TIMED = ["I'll call you back on Thursday to make sure it's sorted.",
                "You'll get an email confirmation within 24 hours.",
                "I'll check in with you in three or four days.",
                "We'll look into it and get back to you by Friday.",
                "Your case number is 48213, you can reach me on extension 4411 until 6pm today."]
FOLLOW_UNTIMED = ["I'll get back to you once I hear from the team.", "Someone will be in touch about it.",
                  "I'll follow up on this for you."]
BLAME = ["That's the courier's fault, you'll need to contact them directly.",
         "The system did that, there's nothing I can do about it.",
         "You should have read the terms before signing up."]
CONTRADICT = ["That's not true, we never charged you twice.", "Calm down, please.",
              "As I already told you, it's being handled."]
REFUSAL = ["Unfortunately we can't refund the delivery fee.", "I'm afraid that's not possible on your current plan."]
ALTERNATIVE = ["What I can do is add a credit of ten pounds to your account.",
               "Instead, I can offer you a free upgrade for three months."]
SHOUT = ["I TOLD YOU ALREADY, it takes five days!!", "PLEASE STOP INTERRUPTING ME."]
COMPLAINTS = ["This is the third time I've had to call about this.", "Honestly this is really disappointing.",
              "I'm not happy at all with how this has been handled.", "Why does this keep happening?"]
FILLER = [
    ("customer", "Sure, one moment."), ("agent", "Could you confirm the postcode on the account?"),
    ("customer", "It's SW1A 2AA."), ("agent", "Thank you, and the first line of the address?"),
    ("customer", "12 Market Street."), ("agent", "Let me just pull up your account."),
    ("customer", "Okay."), ("agent", "Bear with me while I check that for you."),
    ("customer", "No problem."), ("agent", "Right, I can see the account now."),
    ("customer", "Great."), ("agent", "I'm just going to put you on a short hold."),
    ("customer", "That's fine."), ("agent", "Thanks for holding."),
]
CLOSINGS = [("agent", "Is there anything else I can help with today?"), ("customer", "No, that's everything, thanks."),
            ("agent", "Have a lovely day."), ("customer", "You too, bye.")]


def conversation(rng: random.Random) -> tuple[dict, list[tuple[str, str]]]:
    """Metadata and (role, text) turns of one conversation, 6-30 turns."""
    agent, customer, company = rng.choice(AGENTS), rng.choice(CUSTOMERS), rng.choice(COMPANIES)
    first = customer.split()[0]
    fmt = {"agent": agent, "customer": customer, "company": company, "first": first}
    target = rng.randint(6, 30)
    turns: list[tuple[str, str]] = [("agent", rng.choice(GREETINGS).format(**fmt)),
                                    ("customer", rng.choice(CUSTOMER_OPEN).format(**fmt))]
    if rng.random() < 0.2:  # a plain question, no problem raised
        q, a = rng.choice(QUESTIONS)
        turns += [("customer", q), ("agent", a)]
        if rng.random() < 0.5:
            turns.append(("agent", rng.choice(THANKS)))
    else:
        sc = rng.choice(SCENARIOS)
        turns.append(("customer", rng.choice(sc["problem"])))
        if rng.random() < 0.3:
            turns.append(("customer", rng.choice(COMPLAINTS)))
        reply = []
        if rng.random() < 0.7:
            reply.append(rng.choice(APOLOGIES).format(**fmt))
        if rng.random() < 0.5:
            reply.append(rng.choice(EMPATHY))
        if rng.random() < 0.15:
            reply.append(rng.choice(FILLER_SORRY))
        turns.append(("agent", " ".join(reply) or "Okay."))
        if rng.random() < 0.5:
            turns.append(("agent", rng.choice(OPEN_Q)))
            turns.append(("customer", rng.choice(sc["details"])))
        if rng.random() < 0.55:
            turns.append(("agent", rng.choice(sc["restate"])))
            turns.append(("customer", rng.choice(["Yes, exactly.", "That's right.", "Yes."])))
        n_filler = max(0, target - len(turns) - 6)
        start = rng.randrange(0, len(FILLER) - 1, 2)
        for i in range(n_filler):
            turns.append(FILLER[(start + i) % len(FILLER)])
        if rng.random() < 0.08:
            turns.append(("agent", rng.choice(BLAME)))
            turns.append(("customer", "That's not good enough."))
        if rng.random() < 0.06:
            turns.append(("agent", rng.choice(CONTRADICT)))
        if rng.random() < 0.2:
            turns.append(("agent", rng.choice(REFUSAL) + (" " + rng.choice(ALTERNATIVE) if rng.random() < 0.6 else "")))
        if rng.random() < 0.75:
            turns.append(("agent", rng.choice(sc["solution"])))
        r = rng.random()
        if r < 0.55:
            turns.append(("agent", rng.choice(FOLLOW_TIMED)))
        elif r < 0.8:
            turns.append(("agent", rng.choice(FOLLOW_UNTIMED)))
        if rng.random() < 0.03:
            turns.append(("agent", rng.choice(SHOUT)))
        if rng.random() < 0.5:
            turns.append(("agent", rng.choice(THANKS) + (f" {first}." if rng.random() < 0.4 else "")))
    turns += CLOSINGS[: max(0, min(len(CLOSINGS), target - len(turns)))]
    meta = {"agent_name": agent, "customer_name": customer, "channel": "voice"}
    return meta, turns[:30]


def as_chat(meta: dict, turns, rng: random.Random) -> str:
    timed = rng.random() < 0.3
    lines = []
    if rng.random() < 0.3:
        lines.append(f"# agent: {meta['agent_name']}")
    t = rng.randint(8 * 3600, 18 * 3600)
    for role, text in turns:
        who = "Agent" if role == "agent" else "Customer"
        if timed:
            t += rng.randint(5, 90)
            lines.append(f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] {who}: {text}")
        else:
            lines.append(f"{who}: {text}")
    return "\n".join(lines) + "\n"


def _ts(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _timed(turns, rng: random.Random):
    t = rng.uniform(0.2, 1.5)
    for role, text in turns:
        dur = 0.8 + 0.32 * len(text.split()) * rng.uniform(0.8, 1.2)
        start = t
        # now and then the agent starts before the customer has finished (talk-over)
        if role == "agent" and rng.random() < 0.04:
            start = max(0.0, t - rng.uniform(0.6, 2.0))
        yield role, text, round(start, 3), round(start + dur, 3)
        t = start + dur + rng.uniform(0.2, 1.2)


def as_vtt(meta: dict, turns, rng: random.Random) -> str:
    names = {"agent": meta["agent_name"], "customer": meta["customer_name"]}
    use_roles = rng.random() < 0.6
    out = ["WEBVTT", ""]
    for i, (role, text, start, end) in enumerate(_timed(turns, rng), 1):
        who = ("Agent" if role == "agent" else "Customer") if use_roles else names[role]
        out += [str(i), f"{_ts(start)} --> {_ts(end)}", f"<v {who}>{text}", ""]
    return "\n".join(out)


def as_json(meta: dict, turns, rng: random.Random) -> str:
    doc = {"meta": dict(meta, start_time=f"2024-05-{rng.randint(1, 28):02d}T{rng.randint(8, 18):02d}:00:00Z"),
           "turns": [{"speaker": role, "start": s, "end": e, "text": text}
                     for role, text, s, e in _timed(turns, rng)]}
    return json.dumps(doc, indent=1)


WRITERS = ((as_chat, ".txt", 0.5), (as_vtt, ".vtt", 0.3), (as_json, ".json", 0.2))


def generate(root: Path, total: int, seed: int = 20240501) -> list[Path]:
    """Write ``total`` conversations under ``root/day-NN/`` (skipped when already there)."""
    stamp = root / ".complete"
    if stamp.is_file() and stamp.read_text().strip() == f"{total} {seed}":
        return sorted(p for p in root.glob("day-*"))
    if root.exists():
        import shutil

        shutil.rmtree(root)
    rng = random.Random(seed)
    for n in range(total):
        day = root / f"day-{n // PER_DAY:02d}"
        if n % PER_DAY == 0:
            day.mkdir(parents=True, exist_ok=True)
        meta, turns = conversation(rng)
        r, acc = rng.random(), 0.0
        for writer, ext, share in WRITERS:
            acc += share
            if r < acc:
                break
        (day / f"conv-{n:06d}{ext}").write_text(writer(meta, turns, rng), encoding="utf-8")
    stamp.write_text(f"{total} {seed}")
    return sorted(p for p in root.glob("day-*"))


if __name__ == "__main__":  # pragma: no cover
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    days = generate(Path(__file__).parent / "corpus" / "full", n)
    print(f"{n} transcripts in {len(days)} folders; {sum(1 for _ in os.scandir(days[0]))} in the first")
