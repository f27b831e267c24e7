"""``--waivers FILE``: accepted exceptions, each with a reason and an expiry date.

The file is a YAML list::

    - transcript: "calls/2024-05-*/*.vtt"   # glob over the scorecard's source or transcript id
      rule: customer-name                   # a rule id (or a glob over rule ids)
      reason: "names are redacted upstream in this queue (TICKET-123)"
      expires: 2024-12-31                   # last day the waiver applies

``transcript`` is matched (``fnmatch``: ``*`` also crosses ``/``) against the
scorecard's source as given on the command line, its transcript id, and its
path relative to the waiver file's folder; a pattern without ``/`` also
matches the file name alone.

A matching ``fail`` becomes ``waived``: kept in the output with the waiver's
reason, left out of the score (like ``na``), and the scorecard's status is
recomputed. An expired waiver (today is after ``expires``) does not apply; it
is reported.
"Today" is :func:`datetime.date.today`, or ``TURNCHECK_TODAY`` (YYYY-MM-DD)
when set, for reproducible runs and tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ReadError, UsageError
from .suggest import suggest
from .rules.yamlsource import load_yaml, read_yaml_text
from .scorecard import Scorecard, rejudge

GLOB_CHARS = "*?["


class WaiverSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    transcript: str = Field(min_length=1, description="glob over the source path or transcript id")
    rule: str = Field(min_length=1, description="rule id, or a glob over rule ids")
    reason: str = Field(min_length=1)
    expires: dt.date

    @field_validator("reason")
    @classmethod
    def _reason_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a waiver needs a reason")
        return v


@dataclass
class Waiver:
    spec: WaiverSpec
    file: str
    line: int | None
    #: fails this waiver turned into ``waived`` (or, when expired, would have)
    matched: int = 0

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.file))

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def matches(self, card: Scorecard, rule_id: str) -> bool:
        if not fnmatch.fnmatchcase(rule_id, self.spec.rule):
            return False
        pat = self.spec.transcript
        names = [card.source, card.transcript]
        rel = _relative(card.source, self.base)
        if rel is not None:
            names.append(rel)
        if "/" not in pat:
            names.append(os.path.basename(card.source))
        return any(fnmatch.fnmatchcase(n.replace(os.sep, "/"), pat) for n in names)

    def describe(self) -> str:
        return f"rule {self.spec.rule!r} on {self.spec.transcript!r}"


def _relative(source: str, base: str) -> str | None:
    """``source`` relative to the waiver file's folder, when it lies below it."""
    if source.startswith("<"):
        return None
    rel = os.path.relpath(os.path.abspath(source), base)
    return None if rel.startswith("..") else rel


def today() -> dt.date:
    value = os.environ.get("TURNCHECK_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"TURNCHECK_TODAY={value!r} is not a date", hint="use YYYY-MM-DD") from None


@dataclass
class Waivers:
    waivers: list[Waiver]
    today: dt.date

    def __post_init__(self) -> None:
        # positions in ``waivers``: what :meth:`match` reports, so that a worker process can tell the parent
        self._active = [i for i, w in enumerate(self.waivers) if w.spec.expires >= self.today]
        self._expired = [i for i, w in enumerate(self.waivers) if w.spec.expires < self.today]
        #: expired waivers (they never apply)
        self.expired = [self.waivers[i] for i in self._expired]

    @property
    def applied(self) -> int:
        """Findings waived so far."""
        return sum(self.waivers[i].matched for i in self._active)

    def apply(self, card: Scorecard, checker=None) -> Scorecard:
        """The card with matching fails waived and its score and status recomputed; the waivers counted."""
        card, hits = self.match(card, checker)
        self.count(hits)
        return card

    def match(self, card: Scorecard, checker=None) -> tuple[Scorecard, tuple[int, ...]]:
        """:meth:`apply` without the counting, so that it can run in a worker process: the card, and the
        waivers that matched its fails (positions in ``waivers``; expired ones too) for :meth:`count`."""
        if card.status == "error" or not any(r.status == "fail" for r in card.rules):
            return card, ()
        changed = False
        hits: list[int] = []
        results = []
        for r in card.rules:
            if r.status == "fail":
                i = next((i for i in self._active if self.waivers[i].matches(card, r.id)), None)
                if i is not None:
                    w = self.waivers[i]
                    hits.append(i)
                    changed = True
                    r = r.model_copy(update={"status": "waived", "waiver": {
                        "reason": w.spec.reason, "expires": w.spec.expires.isoformat(), "waiver": w.where}})
                else:
                    hits.extend(e for e in self._expired if self.waivers[e].matches(card, r.id))
            results.append(r)
        if not changed:
            return card, tuple(hits)
        if checker is not None and hasattr(checker, "judge"):
            judged = checker.judge(results, card.metadata.get("warnings") or ())
            return card.model_copy(update={"rules": results, **judged}), tuple(hits)
        return card.model_copy(update={"rules": results, **rejudge(card, results)}), tuple(hits)

    def fresh(self) -> "Waivers":
        """The same waivers with every count at zero (the specs shared, not copied): one request's waivers in a
        long-running server, whose totals count that request alone."""
        return Waivers([dataclasses.replace(w, matched=0) for w in self.waivers], self.today)

    def count(self, hits: tuple[int, ...]) -> None:
        """Count the findings each waiver matched (as :meth:`match` reported them)."""
        for i in hits:
            self.waivers[i].matched += 1

    def expiry_messages(self) -> list[str]:
        return [f"{w.where}: waiver for {w.describe()} expired on {w.spec.expires.isoformat()} and no longer "
                f"applies" + (f" ({w.matched} finding{'s' if w.matched != 1 else ''} not waived)" if w.matched else "")
                for w in self.expired]

    def to_dict(self) -> dict:
        return {"applied": self.applied,
                "expired": [{"waiver": w.where, "transcript": w.spec.transcript, "rule": w.spec.rule,
                             "expires": w.spec.expires.isoformat(), "findings_not_waived": w.matched}
                            for w in self.expired]}


def load_waivers(path: str | Path, rule_ids: list[str] | None = None, on: dt.date | None = None) -> Waivers:
    """Read and validate a waiver file; errors name the file and line (and suggest a key or rule id)."""
    path = Path(path)
    file = str(path)
    try:
        text = read_yaml_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the waiver file: {getattr(exc, 'strerror', None) or exc}",
                         file=file) from None
    except ReadError as exc:
        raise UsageError(f"cannot read the waiver file: {exc.message}", file=file) from None
    try:
        src = load_yaml(path, text)
    except UsageError:
        raise
    except Exception as exc:  # RuleError from the YAML reader: same file:line, but a usage problem here
        raise UsageError(getattr(exc, "message", str(exc)), file=file, line=getattr(exc, "line", None),
                         column=getattr(exc, "column", None)) from None
    data = src.data
    if data in ({}, None):
        data = []
    if not isinstance(data, list):
        raise UsageError("a waiver file is a YAML list of {transcript, rule, reason, expires}", file=file, line=1)
    out = []
    fields = list(WaiverSpec.model_fields)
    for i, entry in enumerate(data):
        line = src.line_of((i,))
        if not isinstance(entry, dict):
            raise UsageError("each waiver is a mapping with transcript, rule, reason and expires",
                             file=file, line=line)
        try:
            spec = WaiverSpec.model_validate(entry)
        except ValidationError as exc:
            errors = exc.errors()
            # an unknown key first: it usually explains a missing one ("expire" for "expires")
            err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
            loc = tuple(err["loc"])
            key = str(loc[0]) if loc else ""
            at = src.line_of((i,) + loc[:1]) or line
            if err["type"] == "extra_forbidden":
                raise UsageError(f"unknown key {key!r} in a waiver", file=file, line=at,
                                 hint=suggest(key, fields)) from None
            if err["type"] == "missing":
                raise UsageError(f"the waiver has no {key!r}", file=file, line=at,
                                 hint="a waiver needs transcript, rule, reason and expires (YYYY-MM-DD)") from None
            hint = "use YYYY-MM-DD" if key == "expires" else None
            raise UsageError(f"{key}: {err['msg']}", file=file, line=at, hint=hint) from None
        if rule_ids is not None:
            known = (any(fnmatch.fnmatchcase(r, spec.rule) for r in rule_ids) if any(c in spec.rule for c in GLOB_CHARS)
                     else spec.rule in rule_ids)
            if not known:
                raise UsageError(f"the waiver names no rule of the rule set: {spec.rule!r}",
                                 file=file, line=src.line_of((i, "rule")) or line, hint=suggest(spec.rule, rule_ids))
        out.append(Waiver(spec, file, line))
    return Waivers(out, on or today())
