"""Scorecards and transcripts built by hand for the renderer tests.

The renderers need only ``turncheck.scorecard`` and ``turncheck.model``; the
samples cover every shape a renderer must handle: a timed call with an
overlap, a failed rule with a trigger and a near miss, ``na`` with its reason,
a waived failure, an untimed chat, an input error, and hostile text.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from html.parser import HTMLParser


def _import_turncheck() -> None:
    """Import ``turncheck``; if the layers above ``report/`` are not merged yet, load the bare package.

    ``turncheck/__init__`` imports the engine (transcripts, query, ...). While
    another branch still owns those, the renderers are tested on their own:
    register the package without running its ``__init__``.
    """
    try:
        import turncheck  # noqa: F401
    except ImportError:
        for name in [m for m in sys.modules if m == "turncheck" or m.startswith("turncheck.")]:
            if name.split(".")[1:2] not in (["model"], ["scorecard"], ["errors"]):
                sys.modules.pop(name, None)
        spec = importlib.util.find_spec("turncheck")
        pkg = types.ModuleType("turncheck")
        pkg.__path__ = list(spec.submodule_search_locations)
        pkg.__version__ = "0.1.0"
        sys.modules["turncheck"] = pkg


_import_turncheck()

from turncheck.model import Transcript, Turn  # noqa: E402
from turncheck.scorecard import (  # noqa: E402
    ErrorInfo, Evidence, RuleResult, RulesetInfo, Scorecard, card_status, compute_score,
)

RULESET = RulesetInfo(name="default", version="1.2.0")

RULES = [
    {"id": "greeting", "title": "Greet the customer", "description": "The agent greets the customer and gives "
     "their name in the first two turns.", "rationale": "Opening standards (COPC).", "severity": "minor",
     "weight": 1.0},
    {"id": "apology", "title": "Apologise for the problem", "description": "After the customer raises a problem, "
     "the agent apologises or acknowledges the inconvenience.", "rationale": "Service-recovery guidance.",
     "severity": "major", "weight": 2.0},
    {"id": "no-interruption", "title": "Let the customer finish", "description": "The agent does not talk over "
     "the customer for more than half a second.", "rationale": "Active listening.", "severity": "major",
     "weight": 1.5},
    {"id": "restatement", "title": "Restate the problem", "description": "The agent restates the customer's "
     "problem in their own words.", "rationale": "Confirms understanding.", "severity": "minor", "weight": 1.0},
    {"id": "follow-up", "title": "Keep follow-up promises concrete", "description": "A promised follow-up names "
     "when and how.", "rationale": "Expectation setting.", "severity": "major", "weight": 1.0},
    {"id": "no-blame-shifting", "title": "No blame shifting", "description": "The agent does not blame the "
     "customer or another department.", "rationale": "Ownership.", "severity": "critical", "weight": 3.0},
]
SEVERITY = {r["id"]: r["severity"] for r in RULES}
WEIGHT = {r["id"]: r["weight"] for r in RULES}


def ev(t: Transcript, index: int, quote: str | None = None, similarity: float | None = None) -> Evidence:
    """Evidence for ``quote`` (default: the whole turn) in turn ``index``, span computed from the text."""
    turn = t.turns[index]
    quote = turn.text if quote is None else quote
    start = turn.text.find(quote)
    assert start >= 0, (quote, turn.text)
    return Evidence(turn=turn.index, role=turn.role, speaker=turn.speaker, start=turn.start, quote=quote,
                    span=(start, start + len(quote)), line=turn.line, similarity=similarity)


def result(rid: str, status: str, message: str, **kw) -> RuleResult:
    return RuleResult(id=rid, status=status, severity=SEVERITY.get(rid, "major"), weight=WEIGHT.get(rid, 1.0),
                      message=message, **kw)


def card(t: Transcript, results: list[RuleResult], **meta) -> Scorecard:
    score = compute_score(results)
    md = {k: v for k, v in t.metadata.items() if k in ("agent_name", "agent_id", "customer_name", "channel",
                                                      "start_time")}
    md.update(meta)
    return Scorecard(transcript=t.id, source=t.source, format=t.format, status=card_status(results, score, fail_under=70),
                     score=score, ruleset=RULESET, rules=results, metadata=md)


def timed_call() -> Transcript:
    lines = [
        ("agent", "Agent", 0.0, 4.2, "Thank you for calling Harper Valley bank, my name is Robert, how can I help?"),
        ("customer", "Customer", 4.9, 8.0, "Hi, my name is Mary Smith."),
        ("customer", "Customer", 8.1, 13.5, "I was charged twice for my card renewal and I'm really annoyed."),
        ("agent", "Agent", 12.6, 15.0, "Okay, what's the card number?"),
        ("customer", "Customer", 15.4, 18.9, "It ends in 4417, the debit card."),
        ("agent", "Agent", 19.2, 24.8, "I understand that's frustrating. So you were billed twice for the renewal fee?"),
        ("customer", "Customer", 25.1, 26.0, "Yes, exactly."),
        ("agent", "Agent", 26.3, 33.0, "Those charges come from the card network, not from us, but I can refund one."),
        ("customer", "Customer", 32.4, 34.0, "Okay, thanks."),
        ("agent", "Agent", 34.5, 38.0, "The refund will show within three business days. Anything else?"),
        ("customer", "Customer", 38.4, 39.5, "No, that's all. Bye."),
    ]
    turns = [Turn(index=i, role=r, speaker=s, start=a, end=b, text=x, line=3 + 3 * i)
             for i, (r, s, a, b, x) in enumerate(lines)]
    return Transcript(id="c123", source="calls/2024-05-01/c123.vtt", format="webvtt", turns=turns,
                      metadata={"agent_name": "Robert", "customer_name": "Mary Smith", "channel": "voice",
                                "start_time": "2024-05-01T09:30:00Z"})


def timed_call_card(t: Transcript | None = None) -> Scorecard:
    t = t or timed_call()
    return card(t, [
        result("greeting", "pass", "greeting with the agent's name in turn 0", evidence=[
            ev(t, 0, "Thank you for calling Harper Valley bank, my name is Robert")]),
        result("apology", "fail", "no agent apology after the complaint in turn 2",
               trigger=ev(t, 2, "I was charged twice for my card renewal"),
               evidence=[ev(t, 2, "I was charged twice for my card renewal")],
               near_miss=ev(t, 5, "I understand that's frustrating.", similarity=71.5)),
        result("no-interruption", "fail", "the agent talked over the customer for 0.9 s in turn 3",
               evidence=[ev(t, 3)]),
        result("restatement", "pass", "the agent restated the problem in turn 5",
               evidence=[ev(t, 5, "So you were billed twice for the renewal fee?")]),
        result("follow-up", "na", "not applicable: no follow-up promised"),
        result("no-blame-shifting", "waived", "blame shifted to another party in turn 7",
               evidence=[ev(t, 7, "Those charges come from the card network, not from us")],
               waiver={"reason": "network fee wording approved by compliance", "by": "QA lead",
                       "expires": "2024-12-31"}),
    ])


def chat() -> Transcript:
    lines = [
        ("customer", "Customer", "hi, my parcel never arrived and the tracking says delivered"),
        ("agent", "Dana", "Hello, this is Dana. I'm so sorry about that!"),
        ("agent", "Dana", "So the tracking shows delivered but you never received the parcel, is that right?"),
        ("customer", "Customer", "yes exactly"),
        ("agent", "Dana", "I've sent a replacement; you'll get an email with the new tracking number by 5 pm today."),
        ("customer", "Customer", "great, thanks"),
    ]
    turns = [Turn(index=i, role=r, speaker=s, text=x, line=i + 1) for i, (r, s, x) in enumerate(lines)]
    return Transcript(id="chat-007", source="chats/chat-007.txt", format="chat", turns=turns,
                      metadata={"agent_name": "Dana", "start_time": "2024-05-02T14:03:11+02:00"})


def chat_card(t: Transcript | None = None) -> Scorecard:
    t = t or chat()
    return card(t, [
        result("greeting", "pass", "greeting with the agent's name in turn 1", evidence=[
            ev(t, 1, "Hello, this is Dana.")]),
        result("apology", "pass", "apology in turn 1 after the complaint in turn 0",
               evidence=[ev(t, 1, "I'm so sorry about that!")], trigger=ev(t, 0, "my parcel never arrived")),
        result("no-interruption", "na", "not applicable: the chat has no timing"),
        result("restatement", "pass", "the agent restated the problem in turn 2",
               evidence=[ev(t, 2, "So the tracking shows delivered but you never received the parcel")]),
        result("follow-up", "pass", "follow-up with a time in turn 4",
               evidence=[ev(t, 4, "you'll get an email with the new tracking number by 5 pm today")]),
        result("no-blame-shifting", "pass", "no blame shifting found"),
    ])


def blame_chat() -> Transcript:
    lines = [
        ("customer", "Customer", "My internet has been down since Monday!!"),
        ("agent", "Sam", "That's because you didn't restart the router, it's on your side."),
        ("customer", "Customer", "I did restart it. Twice."),
        ("agent", "Sam", "Then it's the other department's problem, I can't help."),
    ]
    turns = [Turn(index=i, role=r, speaker=s, text=x, line=i + 1) for i, (r, s, x) in enumerate(lines)]
    return Transcript(id="chat-013", source="chats/chat-013.txt", format="chat", turns=turns,
                      metadata={"agent_id": "A-17", "start_time": "2024-05-02T16:40:00Z"})


def blame_card(t: Transcript | None = None) -> Scorecard:
    t = t or blame_chat()
    return card(t, [
        result("greeting", "fail", "no greeting in the agent's first two turns"),
        result("apology", "fail", "no agent apology after the complaint in turn 0",
               trigger=ev(t, 0, "My internet has been down since Monday!!"),
               near_miss=ev(t, 3, "I can't help.", similarity=22.0)),
        result("no-interruption", "na", "not applicable: the chat has no timing"),
        result("restatement", "fail", "the agent never restated the problem"),
        result("follow-up", "na", "not applicable: no follow-up promised"),
        result("no-blame-shifting", "fail", "the agent blamed the customer in turn 1",
               evidence=[ev(t, 1, "it's on your side"), ev(t, 3, "it's the other department's problem")]),
    ])


def error_card() -> Scorecard:
    return Scorecard(transcript="chats/broken.json", source="chats/broken.json", status="error", score=None,
                     ruleset=RULESET, error=ErrorInfo(kind="parse", message="expected ',' or '}' after an "
                                                      "object member", line=3))


def sample_set() -> list[tuple[Scorecard, Transcript | None]]:
    """Four cards in output order, with their transcripts (None for the error)."""
    call, ch, blame = timed_call(), chat(), blame_chat()
    return [(timed_call_card(call), call), (blame_card(blame), blame), (error_card(), None), (chat_card(ch), ch)]


XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
       "javascript:alert(1)", "</textarea></style></script><b>bold</b>"]


def hostile() -> tuple[Scorecard, Transcript]:
    """A transcript whose every piece of text is an injection attempt."""
    bad = " ".join(XSS)
    turns = [
        Turn(index=0, role="customer", speaker="<img src=x onerror=alert(1)>", text="I was charged " + bad,
             start=0.0, end=3.0, line=1),
        Turn(index=1, role="agent", speaker="<script>alert(1)</script>", text=bad + " sorry", start=2.0, end=5.0,
             line=2),
        Turn(index=2, role="other", speaker="\"'><b>x</b>", text="'\" & <> " + bad, start=5.5, end=6.0, line=3),
    ]
    t = Transcript(id="<script>alert(1)</script>", source="javascript:alert(1)//<img src=x onerror=alert(1)>.txt",
                   format="chat<script>", turns=turns,
                   metadata={"agent_name": "<script>alert(1)</script>", "customer_name": "<img src=x onerror=alert(1)>",
                             "channel": "\"><svg onload=alert(1)>", "start_time": "<script>alert(1)</script>"})
    c = card(t, [
        result("apology", "fail", "no apology <script>alert(1)</script>",
               trigger=ev(t, 0, "<script>alert(1)</script>"),
               evidence=[ev(t, 1, "<img src=x onerror=alert(1)>")],
               near_miss=ev(t, 1, "sorry", similarity=50.0)),
        result("<script>alert(1)</script>", "na", "not applicable: <img src=x onerror=alert(1)>"),
        result("no-blame-shifting", "waived", "<b>waived</b>", waiver={"reason": "<script>alert(1)</script>"}),
    ])
    return c, t


def render(fmt: str, items, **options) -> str:
    """Render ``items`` (cards, or (card, transcript) pairs) with format ``fmt``; return the text."""
    import io

    from turncheck.report import Summary, get_renderer

    out = io.StringIO()
    renderer = get_renderer(fmt)(out, RULESET, **options)
    summary = Summary()
    for item in items:
        c, t = item if isinstance(item, tuple) else (item, None)
        summary.add(c)
        renderer.add(c, transcript=t)
    renderer.close(summary)
    return out.getvalue()


AGENTS = ["Robert", "Dana", "Sam", "Priya", "Jonas", "Mei"]


def fleet(n: int = 48, seed: int = 7) -> list[Scorecard]:
    """``n`` scorecards over a week and six agents, with a plausible spread of results (deterministic)."""
    import random

    rng = random.Random(seed)
    skill = {a: 0.25 + 0.08 * k for k, a in enumerate(AGENTS)}
    base = {"greeting": 0.95, "apology": 0.6, "no-interruption": 0.75, "restatement": 0.45, "follow-up": 0.8,
            "no-blame-shifting": 0.9}
    cards = []
    for k in range(n):
        agent = AGENTS[k % len(AGENTS)] if k % 7 else AGENTS[rng.randrange(len(AGENTS))]
        day = 1 + (k * 5) % 7
        results = []
        for rid, p in base.items():
            if rid in ("apology", "follow-up") and rng.random() < 0.25:
                results.append(result(rid, "na", f"not applicable: no {'problem raised' if rid == 'apology' else 'follow-up promised'}"))
                continue
            ok = rng.random() < min(0.99, p * (0.6 + skill[agent]) + 0.02 * day)
            results.append(result(rid, "pass" if ok else "fail", f"{rid} {'found' if ok else 'missing'}"))
        score = compute_score(results)
        cards.append(Scorecard(
            transcript=f"call-{k:03d}", source=f"calls/2024-05-{day:02d}/call-{k:03d}.vtt", format="webvtt",
            status=card_status(results, score, fail_under=70), score=score, ruleset=RULESET, rules=results,
            metadata={"agent_name": agent, "start_time": f"2024-05-{day:02d}T{8 + k % 9:02d}:15:00Z"}))
    cards.append(Scorecard(transcript="calls/bad.vtt", source="calls/bad.vtt", status="error", ruleset=RULESET,
                           error=ErrorInfo(kind="parse", message="no WEBVTT header", line=1)))
    cards.append(Scorecard(transcript="chat-x", source="chats/chat-x.txt", format="chat", status="pass", score=100.0,
                           ruleset=RULESET, rules=[result("greeting", "pass", "ok")], metadata={}))
    return cards


def write_jsonl(path, cards) -> None:
    import orjson

    with open(path, "wb") as fh:
        for c in cards:
            fh.write(orjson.dumps(c.to_json_dict()) + b"\n")


class Doc(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]
