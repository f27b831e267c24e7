"""What the API does, without HTTP: one compiled rule pack, and a check or a draft of request bytes.

A check runs the engines' own per-input step (:meth:`turncheck.engines.Job.process`: import, limits, time
budget, redaction) and the ``json`` renderer, so a served scorecard is the same document, byte for byte, as
``turncheck check FILE --format json`` prints for a file of the same name and bytes. A draft is
:class:`turncheck.draft.DraftChecker`, as ``turncheck draft --format json``. The body is only ever bytes:
the name a request gives is a label (for the scorecard and the format's file extension), never opened.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import jsontext
from ..budget import TimeBudgetExceeded, time_budget
from ..draft import DraftChecker
from ..engine import Checker
from ..engines import Job
from ..errors import InputError, ReadError, TurncheckError, UsageError
from ..inputs import over_budget
from ..report.common import safe_name
from ..report.jsonout import Json
from ..report.summary import CardSummary, Summary
from ..rules.listing import rules_document
from ..rules.loader import load_ruleset
from ..scorecard import Scorecard
from ..transcripts import ImportOptions, get_importer, parse_text
from ..transcripts.base import too_many_turns
from .settings import ServeSettings

#: the source name of a request body that names none (the command line's is ``<stdin>``)
BODY_SOURCE = "<body>"
#: a request's ``name`` is a label: at most this long, one line
MAX_NAME = 1024

#: a short chat checked once at start-up, so that the first request does not pay for lazy imports and caches
_WARM_UP = ("Customer: My order was due last Thursday and there's still no sign of it.\n"
            "Agent: I'm so sorry about that. I'll chase the courier today and email you by 5pm.\n"
            "Customer: Thanks.\n")


class RequestError(Exception):
    """Something wrong with a request: an HTTP status, a stable code and a one-line message."""

    def __init__(self, status: int, code: str, message: str, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}, **self.extra}


@dataclass
class CheckResult:
    #: the ``--format json`` document, as text
    text: str
    cards: list[Scorecard]
    #: ``turncheck check``'s exit code for this input: 0 passed, 1 failed, 3 an error record
    exit_code: int

    def error(self) -> RequestError | None:
        """A 4xx (or 500) when no transcript in the body could be checked; None when one at least was."""
        errors = [c for c in self.cards if c.status == "error"]
        if not errors or len(errors) < len(self.cards):
            return None
        card = errors[0]
        status, code = card_error_code(card)
        return RequestError(status, code, card_error_line(card))


def card_error_line(card: Scorecard) -> str:
    """What ``turncheck check`` prints after ``error: `` for this error card (``source:line: message``)."""
    line = CardSummary.of(card).error or card.source
    return safe_name(line)


def card_error_code(card: Scorecard) -> tuple[int, str]:
    message = card.error.message if card.error is not None else ""
    if message.startswith("internal error:"):
        return 500, "internal-error"  # a bug of ours, not the transcript's fault: say so
    if "-second budget" in message:
        return 422, "over-time-budget"
    if "-turn limit" in message:
        return 422, "too-many-turns"
    if card.error is not None and card.error.kind == "read":
        return 422, "unreadable-transcript"
    return 422, "unparseable-transcript"


def exception_code(exc: TurncheckError) -> str:
    if isinstance(exc, ReadError):
        return "unreadable-transcript"
    return "unparseable-transcript"


@lru_cache(maxsize=4)
def _compile(rules: tuple[str, ...], only: tuple[str, ...], skip: tuple[str, ...], fail_under: float | None,
             fail_on: str) -> tuple[Checker, DraftChecker, threading.Lock]:
    checker = Checker(load_ruleset(list(rules) or None), only=only, skip=skip, fail_under=fail_under,
                      fail_on=fail_on)
    drafts = DraftChecker(checker)
    for rule in checker.rules:  # the suggested phrasings come from the rules' examples: made once, here
        drafts.suggestion(rule.id)
    return checker, drafts, threading.Lock()


class Service:
    """One worker's compiled pack and what it does with request bytes. Raises TurncheckError (a bad pack,
    an unknown ``input_format``) when created, never later for a bad transcript."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        if settings.fail_on not in ("critical", "major", "minor"):
            raise UsageError(f"fail_on {settings.fail_on!r}: not a severity", hint="critical, major or minor")
        self.checker, self.drafts, self._lock = _compile(tuple(settings.rules), tuple(settings.only),
                                                         tuple(settings.skip), settings.fail_under, settings.fail_on)
        self.options()  # an unknown default input format is an error at start-up
        self.rules_doc = rules_document(self.checker.ruleset, [r.id for r in self.checker.rules])
        self.waivers = None
        if settings.waivers:
            from ..waivers import load_waivers

            self.waivers = load_waivers(settings.waivers, [r.id for r in self.checker.ruleset.rules])
        self.check(_WARM_UP.encode(), "warm-up.txt", self.options())

    def options(self, input_format: str | None = None, agent_speakers: tuple[str, ...] = (),
                customer_speakers: tuple[str, ...] = ()) -> ImportOptions:
        """The import options of a request: its own where it gives them, else the server's."""
        s = self.settings
        fmt = input_format or s.input_format or "auto"
        if fmt != "auto":
            get_importer(fmt)  # UsageError naming the valid formats
        return ImportOptions(input_format=fmt, agent_speakers=agent_speakers or s.agent_speakers,
                             customer_speakers=customer_speakers or s.customer_speakers,
                             max_bytes=s.max_body, max_turns=s.max_turns)

    def check(self, data: bytes, name: str, options: ImportOptions) -> CheckResult:
        """Every scorecard of the body (one; one per record of a JSON Lines body) as ``check --format json``."""
        # a request's own copy of the waivers: what they did is counted for this request's totals, as one check run
        waivers = self.waivers.fresh() if self.waivers is not None else None
        job = Job(self.checker, options, waivers=waivers, redact=self.settings.redact,
                  max_seconds=self.settings.max_seconds, summarise=CardSummary.of)
        with self._lock:  # the checks are pure-Python CPU work: one at a time per process loses nothing
            done, _cacheable = job.process(name, data, encode=False)
        summary = Summary(waivers)
        cards = []
        for d in done:
            summary.add_summary(d.summary)
            if waivers is not None:
                waivers.count(d.waived)
            cards.append(d.scorecard())
        out = io.StringIO()
        renderer = Json(out, self.checker.info, rules=self.checker.rules)
        for card in cards:
            renderer.add(card)
        renderer.close(summary)
        statuses = {c.status for c in cards}
        code = 3 if "error" in statuses else 1 if "fail" in statuses else 0
        return CheckResult(out.getvalue(), cards, code)

    def draft(self, data: bytes, name: str, options: ImportOptions) -> str:
        """``turncheck draft --format json`` of the body; :class:`RequestError` (422) when it does not parse."""
        try:
            transcript = parse_text(data, name, options)
            if options.max_turns is not None and len(transcript.turns) > options.max_turns:
                raise InputError(too_many_turns(len(transcript.turns), options.max_turns), file=name)
            try:
                with self._lock, time_budget(self.settings.max_seconds):
                    draft = self.drafts.check(transcript)
            except TimeBudgetExceeded:
                raise RequestError(422, "over-time-budget",
                                   safe_name(f"{name}: {over_budget(self.settings.max_seconds or 0)}")) from None
        except UsageError:
            raise
        except TurncheckError as exc:
            code = "too-many-turns" if "-turn limit" in exc.message else exception_code(exc)
            raise RequestError(422, code, safe_name(exc.located(file=name).format())) from None
        import orjson

        return orjson.dumps(draft.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n"

    def rules(self) -> str:
        return jsontext.dumps(self.rules_doc, indent=True) + "\n"
