"""Vendor rule definitions as turncheck rules: ``turncheck rules import FILE``.

Three sources, told apart by their keys (or named with ``--format``):

- an **Amazon Transcribe Call Analytics category**: the ``CreateCallAnalyticsCategory`` request
  (``CategoryName``, ``Rules``) or the ``GetCallAnalyticsCategory`` response (``CategoryProperties``);
- an **Amazon Connect Contact Lens rule**: the Rules Function language (``Version``, ``RuleFunction``), a
  ``CreateRule`` request whose ``Function`` holds it as a string, or a ``DescribeRule`` response (``Rule``);
- a **Google CCAI Insights phrase matcher** (``PhraseMatcher`` JSON, camelCase or snake_case keys).

What a vendor rule *matches* becomes what the turncheck rule *passes*: a category "agent says 'thank you for
calling' in the first 30 s" passes on a call where the agent says it there and fails on one where they don't.

A vendor rule is a conjunction of conditions over the whole conversation (a Transcribe category matches when
all its rules match; a Contact Lens ``AND``). A turncheck rule has one check, so a vendor rule of N conditions
becomes N turncheck rules, ``<name>-rule<k>`` (k: the vendor condition's position, from 1), tagged
``vendor:<name>``: the vendor rule matches where all of them pass. Metadata conditions (a Contact Lens queue,
agent or contact attribute) are no check of their own: they become the ``where:`` of every rule.

Whatever has no turncheck equivalent (sentiment, semantic match, a time range in percent, a window in the
middle of the call, who interrupted whom) is a :class:`Problem` naming the JSON path of the key and why. By
default one problem refuses the whole vendor rule; ``partial=True`` converts the rest.

This module builds plain rule data (dicts that :class:`~turncheck.rules.model.Rule` validates); it compiles
no query (the query layer comes later): the CLI compiles each generated rule before writing it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import RuleError, RuleErrors

FORMATS = ("auto", "transcribe", "contact-lens", "ccai")
SOURCE_NAMES = {"transcribe": "Amazon Transcribe Call Analytics category",
                "contact-lens": "Amazon Connect Contact Lens rule", "ccai": "Google CCAI Insights phrase matcher"}


class VendorRuleError(RuleError):
    """A vendor file that is not one of the known shapes, or that cannot be converted."""

    kind = "rule"


@dataclass
class Problem:
    """A key with no turncheck equivalent: ``path`` is its JSON path (``Rules[2].SentimentFilter``)."""

    path: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}: {self.why}"


@dataclass
class Conversion:
    """The rules made from one vendor file, and what could not be converted."""

    source: str  # transcribe | contact-lens | ccai
    name: str
    rules: dict[str, dict] = field(default_factory=dict)  # rule id -> rule data (as a rule file holds it)
    problems: list[Problem] = field(default_factory=list)


class _Refuse(Exception):
    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems)
        self.problems = list(problems)


# --------------------------------------------------------------------------------------------------- helpers


def slug(name: str) -> str:
    """A rule id from a vendor name: ``My New Category`` -> ``my-new-category``."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()  # café -> cafe
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")
    if not text or not text[0].isalpha():
        text = "rule-" + text if text else "rule"
    return text[:80].rstrip("-")


def phrase(text: Any, path: str, *, case_sensitive: bool = False) -> str:
    """One vendor keyword or phrase as a turncheck query term (whole words, in sequence).

    Case-insensitive phrases are quoted phrases (turncheck ignores case, accents and apostrophes);
    case-sensitive ones are a ``/regex/`` on the original text."""
    if not isinstance(text, str) or not re.search(r"\w", text):
        raise _Refuse(Problem(path, f"{_q(text)} is not a word or phrase turncheck can match "
                                    "(it has no letters or digits)"))
    if case_sensitive:
        words = text.split()
        body = r"\s+".join(re.escape(w) for w in words).replace("/", r"\/")
        start = r"\b" if re.match(r"\w", words[0]) else ""
        end = r"\b" if re.search(r"\w$", words[-1]) else ""
        return f"/{start}{body}{end}/"
    # quotes end a phrase and * / ~ are query operators: vendor exact matches take them literally, turncheck
    # reads punctuation as a word break anyway
    cleaned = " ".join(re.sub(r"[\"“”„*~]", " ", text).split())
    return f'"{cleaned}"'


def _seconds(ms: Any, path: str) -> float:
    if not _number(ms) or ms < 0:
        raise _Refuse(Problem(path, f"{_q(ms)} is not a number of milliseconds"))
    return _num(ms / 1000)


def _q(value: Any) -> str:
    """A value as JSON in a message ("hello", 3, null), letters as they are."""
    return json.dumps(value, ensure_ascii=False)


def _number(x: Any) -> bool:
    """A finite JSON number (not a boolean, not NaN or Infinity, which Python's json module lets through)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(float(x), 3)


def _check_keys(obj: Any, path: str, known: set[str], what: str) -> list[Problem]:
    if not isinstance(obj, dict):
        return [Problem(path, f"{what} should be a JSON object, not {type(obj).__name__}")]
    return [Problem(f"{path}.{k}", f"not a key of {what} (known: {', '.join(sorted(known))})")
            for k in obj if k not in known]


def _rule_data(*, title: str, description: str, rationale: str, check: dict, tags: list[str],
               within: dict | None = None, where: dict | None = None, enabled: bool = True) -> dict:
    data: dict[str, Any] = {"title": title, "description": description, "rationale": rationale,
                            "severity": "major", "weight": 1}
    if not enabled:
        data["enabled"] = False
    if where:
        data["where"] = where
    if within:
        data["within"] = within
    data["check"] = check
    data["tags"] = tags
    return data


@dataclass
class _Part:
    """One vendor condition as a check, with the window and role it applies to."""

    check: dict
    within: dict | None
    what: str  # in words, for the description


# ------------------------------------------------------------------------------------------ shape detection


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k) if isinstance(k, str) else k: _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel_keys(v) for v in value]
    return value


def detect(data: Any) -> str | None:
    """``transcribe``, ``contact-lens`` or ``ccai`` by the top-level keys, or None."""
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "CategoryProperties" in keys or ("Rules" in keys and "CategoryName" in keys):
        return "transcribe"
    if keys & {"RuleFunction", "Function"} or isinstance(data.get("Rule"), dict):
        return "contact-lens"
    if {_camel(k) for k in keys} & {"phraseMatchRuleGroups"}:
        return "ccai"
    return None


def convert(data: Any, *, fmt: str = "auto", file: str | None = None, default_name: str = "imported",
            partial: bool = False) -> Conversion:
    """Convert one parsed vendor JSON document; raises :class:`VendorRuleError` when it is no known shape, or
    when something has no equivalent and ``partial`` is off (every problem on a line of its own)."""
    if fmt not in FORMATS:
        raise VendorRuleError(f"--format {fmt!r}: not a choice", file=file, hint=", ".join(FORMATS))
    found = detect(data)
    if fmt == "auto":
        if found is None:
            if isinstance(data, dict):
                keys = ", ".join(sorted(map(str, data))[:12]) or "none"
                what = f"found keys {keys}"
            else:
                what = f"found a JSON {_json_kind(data)}, not an object"
            raise VendorRuleError("not a Transcribe category, Contact Lens rule or CCAI phrase matcher: " + what,
                                  file=file)
        fmt = found
    elif found != fmt:
        keys = ", ".join(sorted(map(str, data))[:12]) if isinstance(data, dict) else _json_kind(data)
        need = {"transcribe": "CategoryName and Rules (or CategoryProperties)",
                "contact-lens": "RuleFunction, Function or Rule", "ccai": "phraseMatchRuleGroups"}[fmt]
        article = "an" if SOURCE_NAMES[fmt][0] in "AEIOU" else "a"
        raise VendorRuleError(f"not {article} {SOURCE_NAMES[fmt]}: it needs {need}; found {keys or 'no keys'}",
                              file=file)
    converter = {"transcribe": _transcribe, "contact-lens": _contact_lens, "ccai": _ccai}[fmt]
    try:
        conv = converter(data, default_name)
    except VendorRuleError as exc:
        raise exc.located(file) from None
    if conv.problems and not partial:
        raise _refusal(conv, file)
    if not conv.rules:
        if conv.problems:
            raise _refusal(conv, file, nothing_left=True)
        raise VendorRuleError(f"the {SOURCE_NAMES[conv.source]} has no condition to convert", file=file)
    return conv


def _json_kind(data: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean",
            type(None): "null"}.get(type(data), type(data).__name__)


def _refusal(conv: Conversion, file: str | None, nothing_left: bool = False) -> RuleErrors:
    errors = [VendorRuleError(str(p), file=file) for p in conv.problems]
    hint = ("nothing else is left to convert" if nothing_left
            else "--partial converts the rest and warns about these")
    errors.append(VendorRuleError(f"{SOURCE_NAMES[conv.source]} {conv.name!r} not imported", file=file, hint=hint))
    return RuleErrors(errors)


def _assemble(conv: Conversion, parts: list[tuple[str, _Part]], *, where: dict | None, source_text: str,
              total: int, enabled: bool = True) -> None:
    """Name and describe the parts: the vendor rule's name when it has one condition, ``<name>-rule<k>`` (k:
    the condition's position) when it has several, converted or not."""
    base = slug(conv.name)
    matched = f"{source_text} {conv.name!r}"
    left_out = total - len(parts)
    for label, part in parts:
        what = f"{part.what[:1].upper()}{part.what[1:]}"
        if total == 1:
            rule_id = base
            description = f"{what} (imported: {matched})."
            rationale = f"Imported from the {matched}; the rule passes where the vendor rule matches."
        else:
            rule_id = f"{base}-{label}"
            description = f"{what} (imported: {label} of the {total} conditions of {matched})."
            rationale = (f"Imported from the {matched}, which matches only when all its {total} conditions hold: "
                         f"it matches where every rule tagged vendor:{base} passes.")
            if left_out:
                rationale += (f" {left_out} of its conditions had no turncheck equivalent and were left out "
                              "(--partial), so these rules pass on more calls than the vendor rule matches.")
        conv.rules[rule_id] = _rule_data(title=f"{conv.name} ({label})" if total > 1 else conv.name,
                                         description=description, rationale=rationale, check=part.check,
                                         within=part.within, where=where, enabled=enabled,
                                         tags=["imported", f"vendor:{base}"])


# ------------------------------------------------------------------------------------------------ Transcribe

_ROLES = {"AGENT": "agent", "CUSTOMER": "customer"}
_RANGE_KEYS = {"AbsoluteTimeRange", "RelativeTimeRange"}
_FILTER_KEYS = {
    "TranscriptFilter": {"TranscriptFilterType", "Targets", "ParticipantRole", "Negate"} | _RANGE_KEYS,
    "InterruptionFilter": {"Threshold", "ParticipantRole", "Negate"} | _RANGE_KEYS,
    "NonTalkTimeFilter": {"Threshold", "Negate"} | _RANGE_KEYS,
    "SentimentFilter": {"Sentiments", "ParticipantRole", "Negate"} | _RANGE_KEYS,
}
_CATEGORY_KEYS = {"CategoryName", "Rules", "InputType", "Tags", "CreateTime", "LastUpdateTime"}


def _window(flt: dict, path: str) -> tuple[dict | None, str]:
    """A filter's time range as ``within:`` plus words for it, or refuse."""
    problems: list[Problem] = []
    within: dict | None = None
    words = ""
    absolute, relative = flt.get("AbsoluteTimeRange"), flt.get("RelativeTimeRange")
    if absolute is not None:
        p = f"{path}.AbsoluteTimeRange"
        problems += _check_keys(absolute, p, {"StartTime", "EndTime", "First", "Last"}, "AbsoluteTimeRange")
        if isinstance(absolute, dict) and not problems:
            given = {k: v for k, v in absolute.items() if v is not None}
            try:
                if set(given) == {"First"}:
                    s = _seconds(given["First"], f"{p}.First")
                    within, words = {"first_seconds": s}, f" in the first {s:g} s"
                elif set(given) == {"Last"}:
                    s = _seconds(given["Last"], f"{p}.Last")
                    within, words = {"last_seconds": s}, f" in the last {s:g} s"
                elif set(given) in ({"EndTime"}, {"StartTime", "EndTime"}) and not given.get("StartTime"):
                    s = _seconds(given["EndTime"], f"{p}.EndTime")
                    within, words = {"first_seconds": s}, f" in the first {s:g} s"
                elif "StartTime" in given:
                    problems.append(Problem(f"{p}.StartTime", "a time range that starts after the call does "
                                            "(a stretch in the middle) has no turncheck equivalent: within: takes "
                                            "the first or last N seconds"))
                else:
                    problems.append(Problem(p, "give First, Last, or StartTime with EndTime"))
            except _Refuse as exc:
                problems += exc.problems
            if within is not None and not next(iter(within.values())):
                problems.append(Problem(p, "a time range of 0 ms covers nothing"))
    if relative is not None:
        p = f"{path}.RelativeTimeRange"
        bad = _check_keys(relative, p, {"StartPercentage", "EndPercentage", "First", "Last"}, "RelativeTimeRange")
        if bad:
            problems += bad
        elif not _whole_call(relative):
            problems.append(Problem(p, "a time range in percent of the call has no turncheck equivalent: within: "
                                       "takes the first or last N seconds or turns"))
    if problems:
        raise _Refuse(*problems)
    return within, words


def _whole_call(rel: dict) -> bool:
    """A relative range that covers the whole call restricts nothing."""
    given = {k: v for k, v in rel.items() if v is not None}
    return given in ({"First": 100}, {"Last": 100}, {"StartPercentage": 0, "EndPercentage": 100}, {})


def _negate(flt: dict, path: str) -> bool:
    value = flt.get("Negate", False)
    if not isinstance(value, bool):
        raise _Refuse(Problem(f"{path}.Negate", f"{_q(value)} is not true or false"))
    return value


def _negate_and_window(flt: dict, path: str, problems: list[Problem]) -> tuple[bool, dict | None, str]:
    """A Transcribe filter's ``Negate`` and its time window (:func:`_window`); a refusal of either is added to
    ``problems`` (the window is not read after a bad ``Negate``) and the defaults are returned."""
    try:
        negate = _negate(flt, path)
        within, when = _window(flt, path)
    except _Refuse as exc:
        problems += exc.problems
        return False, None, ""
    return negate, within, when


def _transcript_filter(flt: dict, path: str) -> _Part:
    problems = _check_keys(flt, path, _FILTER_KEYS["TranscriptFilter"], "TranscriptFilter")
    if problems:
        raise _Refuse(*problems)
    kind = flt.get("TranscriptFilterType", "EXACT")
    if kind != "EXACT":
        problems.append(Problem(f"{path}.TranscriptFilterType", f"{_q(kind)}: only EXACT (word for word) "
                                                                "matching has a turncheck equivalent"))
    role = flt.get("ParticipantRole")
    if role is not None and role not in _ROLES:
        problems.append(Problem(f"{path}.ParticipantRole", f"{_q(role)} is not AGENT or CUSTOMER"))
    targets = flt.get("Targets")
    terms = _phrase_list(targets, f"{path}.Targets", problems)
    negate, within, when = _negate_and_window(flt, path, problems)
    if problems:
        raise _Refuse(*problems)
    return _says(_ROLES.get(role, "any"), terms, targets, negate, within, when)


def _metric_filter(flt: dict, path: str, kind: str) -> _Part:
    problems = _check_keys(flt, path, _FILTER_KEYS[kind], kind)
    if problems:
        raise _Refuse(*problems)
    if kind == "InterruptionFilter" and flt.get("ParticipantRole") is not None:
        problems.append(Problem(f"{path}.ParticipantRole", "turncheck's talk-over metrics count overlapping agent "
                                                           "and customer speech whoever started it: there is no "
                                                           "figure per interrupter"))
    threshold, negate, within, when = None, False, None, ""
    try:
        if flt.get("Threshold") is not None:
            threshold = _seconds(flt["Threshold"], f"{path}.Threshold")
    except _Refuse as exc:
        problems += exc.problems
    else:
        negate, within, when = _negate_and_window(flt, path, problems)
    if problems:
        raise _Refuse(*problems)
    if kind == "InterruptionFilter":
        if threshold:
            require = f"talkover_total_seconds {'<' if negate else '>='} {threshold:g}"
            what = (f"{'less than' if negate else 'at least'} {threshold:g} s of talk-over in all{when}")
        else:
            require = "talkover_count == 0" if negate else "talkover_count >= 1"
            what = f"{'no' if negate else 'some'} talk-over{when}"
    else:
        if threshold:
            require = f"silence_longest_seconds {'<' if negate else '>='} {threshold:g}"
            what = f"{'no' if negate else 'a'} silence of {threshold:g} s or more{when}"
        else:
            require = "silence_longest_seconds == 0" if negate else "silence_longest_seconds > 0"
            what = f"{'no' if negate else 'some'} silence{when}"
    return _Part({"kind": "metric", "require": require}, within, what)


def _transcribe(data: dict, default_name: str) -> Conversion:
    if "CategoryProperties" in data:
        problems = [Problem(k, "not a key of the GetCallAnalyticsCategory response") for k in data
                    if k not in ("CategoryProperties", "ResponseMetadata")]
        category = data["CategoryProperties"]
        prefix = "CategoryProperties."
    else:
        problems, category, prefix = [], data, ""
    if not isinstance(category, dict):
        raise VendorRuleError("CategoryProperties should be a JSON object")
    name = category.get("CategoryName")
    conv = Conversion("transcribe", name if isinstance(name, str) and name.strip() else default_name)
    conv.problems += problems + _check_keys(category, prefix.rstrip(".") or "$", _CATEGORY_KEYS, "a category")
    if prefix == "" and conv.problems:
        conv.problems = [Problem(p.path.removeprefix("$."), p.why) for p in conv.problems]
    rules = category.get("Rules")
    if not isinstance(rules, list) or not rules:
        conv.problems.append(Problem(f"{prefix}Rules", "needs a list of one or more rules"))
        return conv
    parts: list[tuple[str, _Part]] = []
    total = sum(max(len(r), 1) if isinstance(r, dict) else 1 for r in rules)
    for i, rule in enumerate(rules):
        path = f"{prefix}Rules[{i}]"
        if not isinstance(rule, dict) or not rule:
            conv.problems.append(Problem(path, "a rule should be a JSON object with one filter"))
            continue
        for key, flt in rule.items():
            p = f"{path}.{key}"
            try:
                if key == "TranscriptFilter":
                    part = _transcript_filter(flt, p)
                elif key in ("InterruptionFilter", "NonTalkTimeFilter"):
                    part = _metric_filter(flt, p, key)
                elif key == "SentimentFilter":
                    raise _Refuse(Problem(p, "SentimentFilter has no turncheck equivalent (turncheck has no "
                                             "sentiment score)"))
                else:
                    raise _Refuse(Problem(p, "not a filter of a Transcribe rule (known: InterruptionFilter, "
                                             "NonTalkTimeFilter, SentimentFilter, TranscriptFilter)"))
            except _Refuse as exc:
                conv.problems += exc.problems
                continue
            parts.append((f"rule{i + 1}", part))
    _assemble(conv, parts, where=None, source_text="Amazon Transcribe category", total=total)
    return conv


# ----------------------------------------------------------------------------------------------- Contact Lens

_CL_VALUE = re.compile(r"^\$\.ContactLens\.(PostCall|RealTimeCall|PostChat|RealTimeChat)\.(.+)$")
_CL_ROLES = {"AGENT": "agent", "CUSTOMER": "customer", "ANY": "any"}
_CL_CONDITION_KEYS = {"Operator", "Operands", "ComparisonValue", "FilterClause", "Negate"}




def _says(role: str, terms: list[str], words: list, negate: bool, within, when: str) -> _Part:
    """A presence check that ``role`` says (or, negated, never says) one of ``terms``, described in the vendor's
    own ``words``."""
    check = {"kind": "presence", "role": role, "query": " OR ".join(terms)}
    if negate:
        check["expect"] = "absent"
    speaker = {"agent": "the agent", "customer": "the customer", "any": "agent or customer"}[role]
    said = ", ".join(_q(t) for t in words)
    what = f"{speaker} {'never says' if negate else 'says'} {'one of ' if len(words) > 1 else ''}{said}{when}"
    return _Part(check, within, what)

def _phrase_list(items, path: str, problems: list[Problem]) -> list[str]:
    """The phrases of a vendor's word list (``Targets``, ``Operands``); what is wrong goes to ``problems``."""
    terms: list[str] = []
    if not isinstance(items, list) or not items:
        problems.append(Problem(path, "needs a list of one or more words or phrases"))
        return terms
    for i, t in enumerate(items):
        try:
            terms.append(phrase(t, f"{path}[{i}]"))
        except _Refuse as exc:
            problems += exc.problems
    return terms

def _cl_transcript(cond: dict, path: str) -> _Part:
    problems: list[Problem] = []
    if cond.get("Operator") != "CONTAINS_ANY":
        problems.append(Problem(f"{path}.Operator", f"{_q(cond.get('Operator'))}: a words-or-phrases "
                                                    "condition takes CONTAINS_ANY"))
    operands = cond.get("Operands")
    terms = _phrase_list(operands, f"{path}.Operands", problems)
    role, within, when = "any", None, ""
    clause = cond.get("FilterClause")
    if clause is not None:
        cp = f"{path}.FilterClause"
        bad = _check_keys(clause, cp, {"LogicOperator", "Filters"}, "FilterClause")
        problems += bad
        if not bad:
            if clause.get("LogicOperator", "AND") != "AND":
                problems.append(Problem(f"{cp}.LogicOperator", "only AND is documented"))
            filters = clause.get("Filters") or []
            for j, flt in enumerate(filters if isinstance(filters, list) else []):
                fp = f"{cp}.Filters[{j}]"
                if not isinstance(flt, dict):
                    problems.append(Problem(fp, "a filter should be a JSON object"))
                    continue
                ftype, fdata = flt.get("Type"), flt.get("Data")
                if ftype == "ParticipantRole":
                    if fdata not in _CL_ROLES:
                        problems.append(Problem(f"{fp}.Data", f"{_q(fdata)} is not AGENT, CUSTOMER or ANY"))
                    else:
                        role = _CL_ROLES[fdata]
                elif isinstance(ftype, str) and ftype.endswith("ContactPeriodSeconds"):
                    given = {k: v for k, v in fdata.items() if v is not None} if isinstance(fdata, dict) else {}
                    side = next(iter(given), None)
                    value = given.get(side) if side else None
                    if len(given) != 1 or side not in ("First", "Last") or not _number(value) or value <= 0:
                        problems.append(Problem(f"{fp}.Data", "needs First or Last: a number of seconds over 0"))
                    else:
                        within = {f"{side.lower()}_seconds": _num(value)}
                        when = f" in the {side.lower()} {_num(value):g} s"
                else:
                    problems.append(Problem(f"{fp}.Type", f"{_q(ftype)}: no turncheck equivalent (known: "
                                                          "ParticipantRole, PostCallContactPeriodSeconds)"))
    try:
        negate = _negate(cond, path)
    except _Refuse as exc:
        problems += exc.problems
        negate = False
    if problems:
        raise _Refuse(*problems)
    return _says(role, terms, operands, negate, within, when)


def _cl_where(cond: dict, path: str, tail: str) -> tuple[str, Any]:
    """A metadata condition (queue, agent, contact attribute) as one ``where:`` entry."""
    if cond.get("Negate"):
        raise _Refuse(Problem(f"{path}.Negate", "where: matches metadata values; it cannot say 'none of these'"))
    operands = cond.get("Operands")
    if not isinstance(operands, list) or not operands or not all(isinstance(o, (str, int, float)) for o in operands):
        raise _Refuse(Problem(f"{path}.Operands", "needs a list of one or more values"))
    values = [str(o) for o in operands]
    if tail.startswith("ContactAttribute."):
        key = "meta." + tail[len("ContactAttribute."):]
        if cond.get("Operator") != "EQUALS":
            raise _Refuse(Problem(f"{path}.Operator", "a contact attribute condition takes EQUALS"))
    else:
        key = {"Queue.QueueId": "queue", "Agent.AgentId": "agent"}[tail]
        if cond.get("Operator") != "CONTAINS_ANY":
            raise _Refuse(Problem(f"{path}.Operator", f"a {tail} condition takes CONTAINS_ANY"))
    return key, values if len(values) > 1 else values[0]


#: Contact Lens post-contact figures that are turncheck talk metrics: (metric, factor, in words)
_CL_METRICS = {
    "NonTalkTime.TotalTimeSecs": ("silence_total_seconds", 1, "non-talk time in all (s)"),
    "NonTalkTime.LongestTimeSecs": ("silence_longest_seconds", 1, "the longest non-talk time (s)"),
    "Interruptions.Instances": ("talkover_count", 1, "interruptions"),
    "Agent.NonTalkTimePct": ("silence_share", 0.01, "non-talk time (share of the call)"),
    "NonTalkTimePct": ("silence_share", 0.01, "non-talk time (share of the call)"),
}
_CL_OPS = {"NumberGreaterOrEqualTo": (">=", "<"), "NumberLessOrEqualTo": ("<=", ">")}


def _cl_metric(cond: dict, path: str, tail: str) -> _Part:
    """A documented number condition on talk time as a ``metric`` check."""
    op = _CL_OPS.get(cond.get("Operator"))
    if op is None:
        raise _Refuse(Problem(f"{path}.Operator", f"{_q(cond.get('Operator'))}: a number condition takes "
                                                  "NumberGreaterOrEqualTo or NumberLessOrEqualTo"))
    operands = cond.get("Operands")
    if not (isinstance(operands, list) and len(operands) == 1 and _number(operands[0])):
        raise _Refuse(Problem(f"{path}.Operands", "needs a list of one number"))
    negate = _negate(cond, path)
    if tail == "TalkTime.TotalTimeSecs":
        roles = [f.get("Data") for f in (cond.get("FilterClause") or {}).get("Filters", []) if isinstance(f, dict)
                 and f.get("Type") == "ParticipantRole"] if isinstance(cond.get("FilterClause"), dict) else []
        if roles not in (["AGENT"], ["CUSTOMER"]):
            raise _Refuse(Problem(f"{path}.FilterClause", "talk time needs a ParticipantRole filter, AGENT or "
                                                          "CUSTOMER"))
        metric, factor, words = f"{roles[0].lower()}_talk_seconds", 1, f"{roles[0].lower()} talk time (s)"
    else:
        if cond.get("FilterClause") is not None:
            raise _Refuse(Problem(f"{path}.FilterClause", f"a {tail} condition takes no filter"))
        metric, factor, words = _CL_METRICS[tail]
    bound = _num(operands[0] * factor)
    sign = op[1] if negate else op[0]
    return _Part({"kind": "metric", "require": f"{metric} {sign} {bound:g}"}, None, f"{words} {sign} {bound:g}")


def _cl_condition(cond: Any, path: str) -> _Part | tuple[str, Any]:
    if not isinstance(cond, dict):
        raise _Refuse(Problem(path, "a condition should be a JSON object"))
    bad = _check_keys(cond, path, _CL_CONDITION_KEYS, "a Contact Lens condition")
    if bad:
        raise _Refuse(*bad)
    value = cond.get("ComparisonValue")
    m = _CL_VALUE.match(value) if isinstance(value, str) else None
    vp = f"{path}.ComparisonValue"
    if m is None:
        raise _Refuse(Problem(vp, f"{_q(value)} is no Contact Lens conversational analytics value"))
    tail = m.group(2)
    if tail == "ExactMatch.Transcript":
        return _cl_transcript(cond, path)
    if tail in ("Queue.QueueId", "Agent.AgentId") or tail.startswith("ContactAttribute."):
        return _cl_where(cond, path, tail)
    if tail in _CL_METRICS or tail == "TalkTime.TotalTimeSecs":
        return _cl_metric(cond, path, tail)
    if tail.startswith("SemanticMatch."):
        raise _Refuse(Problem(vp, f"{value}: a semantic match (similar meaning, by a model) has no turncheck "
                                  "equivalent: turncheck matches words and phrases"))
    if tail.startswith("PatternMatch."):
        raise _Refuse(Problem(vp, f"{value}: Contact Lens pattern operands have no turncheck equivalent: write a "
                                  "turncheck /regex/ query instead"))
    if "Sentiment" in tail:
        raise _Refuse(Problem(vp, f"{value}: sentiment has no turncheck equivalent (turncheck has no sentiment "
                                  "score)"))
    raise _Refuse(Problem(vp, f"{value}: no turncheck equivalent"))


def _contact_lens(data: dict, default_name: str) -> Conversion:
    prefix = ""
    if isinstance(data.get("Rule"), dict):  # DescribeRule response
        data, prefix = data["Rule"], "Rule."
    name = data.get("Name")
    function, fpath = data, prefix.rstrip(".") or "$"
    if "Function" in data:
        function, fpath = data["Function"], f"{prefix}Function"
        if isinstance(function, str):
            try:
                function = json.loads(function)
            except ValueError as exc:
                raise VendorRuleError(f"{fpath}: not JSON ({exc})") from None
    conv = Conversion("contact-lens", name if isinstance(name, str) and name.strip() else default_name)
    if not isinstance(function, dict) or not isinstance(function.get("RuleFunction"), dict):
        conv.problems.append(Problem(fpath, "needs a RuleFunction object (the Rules Function language)"))
        return conv
    top = function["RuleFunction"]
    tp = "RuleFunction" if fpath == "$" else f"{fpath}.RuleFunction"
    operator = top.get("Operator")
    if operator not in ("AND", "OR"):
        conv.problems.append(Problem(f"{tp}.Operator", f"{_q(operator)}: a rule function starts with AND "
                                                       "or OR"))
        return conv
    conv.problems += _check_keys(top, tp, {"Operator", "Operands"}, "RuleFunction")

    # AND inside AND is one AND: flatten, keeping each condition's own path
    flat: list[tuple[str, Any]] = []

    def collect(operands: Any, path: str, op: str) -> None:
        if not isinstance(operands, list) or not operands:
            conv.problems.append(Problem(f"{path}.Operands", "needs a list of one or more conditions"))
            return
        for i, c in enumerate(operands):
            cp = f"{path}.Operands[{i}]"
            if isinstance(c, dict) and c.get("Operator") in ("AND", "OR") and "ComparisonValue" not in c:
                if c["Operator"] == op == "AND":
                    collect(c.get("Operands"), cp, "AND")
                elif c["Operator"] == "OR" and op == "AND":
                    flat.append((cp, ("OR", c)))
                else:
                    conv.problems.append(Problem(cp, f"{c['Operator']} inside {op}: no turncheck equivalent"))
            else:
                flat.append((cp, c))

    collect(top.get("Operands"), tp, operator)
    where: dict[str, Any] = {}
    parts: list[tuple[str, _Part]] = []
    for k, (cp, cond) in enumerate(flat):
        try:
            if isinstance(cond, tuple):  # an OR group inside AND
                part = _cl_any(cond[1].get("Operands"), cp)
                parts.append((f"rule{k + 1}", part))
                continue
            got = _cl_condition(cond, cp)
        except _Refuse as exc:
            conv.problems += exc.problems
            continue
        if isinstance(got, _Part):
            parts.append((f"rule{k + 1}", got))
        else:
            if operator == "OR":
                conv.problems.append(Problem(cp, "a metadata condition in an OR has no turncheck equivalent: "
                                                 "where: narrows every rule"))
                continue
            where[got[0]] = got[1]
    # the checks a transcript gets: each condition but the metadata ones (an OR of phrases is one check)
    total = 1 if operator == "OR" else sum(1 for _, c in flat if not _is_metadata(c))
    if operator == "OR" and len(parts) > 1:
        try:
            parts = [("rule1", _merge_any([p for _, p in parts], tp))]
        except _Refuse as exc:
            conv.problems += exc.problems
            parts = []
    if not parts and where and not conv.problems:
        conv.problems.append(Problem(tp, "only metadata conditions (queue, agent, attributes): nothing to check "
                                         "in a transcript"))
    source = data.get("TriggerEventSource", {}) if isinstance(data, dict) else {}
    event = source.get("EventSourceName") if isinstance(source, dict) else None
    text = "Amazon Connect Contact Lens rule" + (f" ({event})" if isinstance(event, str) else "")
    _assemble(conv, parts, where=where or None, source_text=text, total=max(total, len(parts)))
    return conv


def _is_metadata(cond: Any) -> bool:
    value = cond.get("ComparisonValue") if isinstance(cond, dict) else None
    m = _CL_VALUE.match(value) if isinstance(value, str) else None
    return m is not None and (m.group(2) in ("Queue.QueueId", "Agent.AgentId")
                              or m.group(2).startswith("ContactAttribute."))


def _cl_any(operands: Any, path: str) -> _Part:
    if not isinstance(operands, list) or not operands:
        raise _Refuse(Problem(f"{path}.Operands", "needs a list of one or more conditions"))
    parts = []
    for i, c in enumerate(operands):
        got = _cl_condition(c, f"{path}.Operands[{i}]")
        if not isinstance(got, _Part):
            raise _Refuse(Problem(f"{path}.Operands[{i}]", "a metadata condition in an OR has no turncheck "
                                                           "equivalent: where: narrows every rule"))
        parts.append(got)
    return _merge_any(parts, path)


def _merge_any(parts: list[_Part], path: str) -> _Part:
    """Several words-or-phrases conditions, any of which will do: one query, if they share role and window and
    none is negated (an OR of absences, or of different speakers, is no single turncheck check)."""
    first = parts[0]
    same = all(p.check.get("kind") == "presence" and p.check.get("expect", "present") == "present"
               and p.check["role"] == first.check["role"] and p.within == first.within for p in parts)
    if not same:
        raise _Refuse(Problem(path, "an OR of conditions with different speakers, windows or negation has no "
                                    "turncheck equivalent (one rule has one check)"))
    query = " OR ".join(p.check["query"] for p in parts)
    return _Part({**first.check, "query": query}, first.within, " or ".join(p.what for p in parts))


# ------------------------------------------------------------------------------------------------------ CCAI

_CCAI_ROLES = {"AGENT": "agent", "HUMAN_AGENT": "agent", "END_USER": "customer", "AUTOMATED_AGENT": "other",
               "ROLE_UNSPECIFIED": "any"}
_CCAI_KEYS = {"name", "revisionId", "versionTag", "revisionCreateTime", "displayName", "type", "active",
              "phraseMatchRuleGroups", "activationUpdateTime", "roleMatch", "updateTime", "languageCode"}


def _ccai(data: dict, default_name: str) -> Conversion:
    data = _camel_keys(data)
    name = data.get("displayName")
    if not (isinstance(name, str) and name.strip()) and isinstance(data.get("name"), str):
        name = data["name"].rsplit("/", 1)[-1]
    conv = Conversion("ccai", name if isinstance(name, str) and name.strip() else default_name)
    conv.problems += [Problem(p.path.removeprefix("$."), p.why)
                      for p in _check_keys(data, "$", _CCAI_KEYS, "a PhraseMatcher")]
    joiner = {"ALL_OF": " AND ", "ANY_OF": " OR "}
    kind = data.get("type")
    if kind not in joiner:
        conv.problems.append(Problem("type", f"{_q(kind)}: a phrase matcher is ALL_OF or ANY_OF"))
    role_name = data.get("roleMatch", "ROLE_UNSPECIFIED")
    if role_name not in _CCAI_ROLES:
        conv.problems.append(Problem("roleMatch", f"{_q(role_name)} is not one of "
                                                  f"{', '.join(_CCAI_ROLES)}"))
    groups = data.get("phraseMatchRuleGroups")
    if not isinstance(groups, list) or not groups:
        conv.problems.append(Problem("phraseMatchRuleGroups", "needs a list of one or more rule groups"))
        return conv
    group_queries, group_words = [], []
    for g, group in enumerate(groups):
        gp = f"phraseMatchRuleGroups[{g}]"
        bad = _check_keys(group, gp, {"type", "phraseMatchRules"}, "a PhraseMatchRuleGroup")
        if bad:
            conv.problems += bad
            continue
        gkind = group.get("type")
        if gkind not in joiner:
            conv.problems.append(Problem(f"{gp}.type", f"{_q(gkind)}: a rule group is ALL_OF or ANY_OF"))
            continue
        terms, words = [], []
        rules = group.get("phraseMatchRules")
        if not isinstance(rules, list) or not rules:
            conv.problems.append(Problem(f"{gp}.phraseMatchRules", "needs a list of one or more rules"))
            continue
        for r, rule in enumerate(rules):
            rp = f"{gp}.phraseMatchRules[{r}]"
            try:
                term, word = _ccai_rule(rule, rp)
            except _Refuse as exc:
                conv.problems += exc.problems
                continue
            terms.append(term)
            words.append(word)
        if not terms:
            continue
        group_queries.append(terms[0] if len(terms) == 1 else "(" + joiner[gkind].join(terms) + ")")
        sep = " and " if gkind == "ALL_OF" else " or "
        group_words.append(sep.join(words) if len(words) == 1 else "(" + sep.join(words) + ")")
    if not group_queries or kind not in joiner or role_name not in _CCAI_ROLES:
        return conv
    role = _CCAI_ROLES[role_name]
    query = joiner[kind].join(group_queries)
    utterance = {"agent": "an agent utterance", "customer": "a customer utterance",
                 "other": "a virtual-agent utterance", "any": "an utterance"}[role]
    what = f"{utterance} with {(' and ' if kind == 'ALL_OF' else ' or ').join(group_words)}"
    active = data.get("active", True)
    part = _Part({"kind": "presence", "role": role, "scope": "turn", "query": query}, None, what)
    _assemble(conv, [("rule1", part)], where=None, source_text="Google CCAI Insights phrase matcher", total=1,
              enabled=active is not False)
    return conv


def _ccai_rule(rule: Any, path: str) -> tuple[str, str]:
    bad = _check_keys(rule, path, {"query", "negated", "config"}, "a PhraseMatchRule")
    if bad:
        raise _Refuse(*bad)
    case_sensitive = False
    config = rule.get("config")
    if config is not None:
        bad = _check_keys(config, f"{path}.config", {"exactMatchConfig"}, "PhraseMatchRuleConfig")
        if bad:
            raise _Refuse(*[Problem(p.path, "no turncheck equivalent: only exactMatchConfig (word for word) "
                                            "matching has one") for p in bad])
        exact = config.get("exactMatchConfig") or {}
        bad = _check_keys(exact, f"{path}.config.exactMatchConfig", {"caseSensitive"}, "ExactMatchConfig")
        if bad:
            raise _Refuse(*bad)
        case_sensitive = exact.get("caseSensitive") is True
    term = phrase(rule.get("query"), f"{path}.query", case_sensitive=case_sensitive)
    negated = rule.get("negated", False)
    if not isinstance(negated, bool):
        raise _Refuse(Problem(f"{path}.negated", f"{_q(negated)} is not true or false"))
    word = ("not " if negated else "") + _q(rule.get("query")) + (" (case-sensitive)" if case_sensitive
                                                                          else "")
    return (f"NOT {term}" if negated else term), word
