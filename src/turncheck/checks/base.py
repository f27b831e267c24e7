"""What every check kind shares: the per-transcript context and the outcome.

A check kind compiles a rule's parameters once per rule set (queries go into
the rule set's single :class:`~turncheck.query.QueryIndex`), then evaluates
transcripts. Checks return data (:class:`Outcome`); they never print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import QuerySyntaxError, RuleError
from ..model import Transcript, Turn
from ..query import QueryIndex, parse_query
from ..scorecard import Evidence, make_evidence
from ..suggest import suggest
from ..text import sentences

Span = tuple[int, int]
_NONE: frozenset[int] = frozenset()


@dataclass
class Outcome:
    """A check's verdict on one transcript, before severity and weight are attached."""

    status: str  # pass | fail | na
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    trigger: Evidence | None = None
    near_miss: Evidence | None = None


def evidence(turn: Turn, span: Span | None = None, similarity: float | None = None) -> Evidence:
    """Evidence quoting ``span`` of ``turn`` (the whole turn when no span)."""
    text = turn.text
    if span is None:
        span = (0, len(text))
    start, end = span
    return make_evidence(turn.index, turn.role, turn.speaker, turn.start, text[start:end], (start, end), turn.line,
                         None if similarity is None else round(similarity, 1))


def sentence_of(text: str, pos: int, cache: list[Span]) -> Span:
    for lo, hi in cache:
        if lo <= pos < hi:
            return lo, hi
    return 0, len(text)


class Compiler:
    """Collects every query of a rule set into one index and reports errors at the rule's file:line."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.index = QueryIndex()
        self.definitions = definitions

    def query(self, text: str, *, file: str | None, line: int | None, what: str, src=None,
              path: tuple | None = None) -> int:
        """Parse and add a query; a syntax error becomes a RuleError at the query's file, line and column.

        ``src``/``path`` (the rule file's :class:`~turncheck.rules.yamlsource.Located` and the key path of
        the query) turn the query's own column into a position in the file.
        """
        try:
            q = parse_query(text, definitions=self.definitions, source=what)
        except QuerySyntaxError as exc:
            col = exc.column
            column = None
            if src is not None and path is not None and col:
                line, column = src.position(path, col - 1)
            message = exc.message if exc.message.startswith(what) else f"{what}: {exc.message}"
            if col and column is None:
                message += f" (column {col} of the query)"
            raise RuleError(message, file=file, line=line, column=column, hint=exc.hint) from None
        return self.index.add(q)


class Context:
    """One transcript as the checks see it, with per-turn scans cached."""

    def __init__(self, transcript: Transcript, index: QueryIndex,
                 conditions: dict[str, Callable[["Context"], list[Evidence]]]) -> None:
        self.transcript = transcript
        self.turns = transcript.turns
        self.index = index
        self._hits: dict[int, Any] = {}
        self._sentences: dict[int, list[Span]] = {}
        self._conditions = conditions
        self._condition_cache: dict[str, list[Evidence]] = {}
        self._by_query: dict[int, set[int]] | None = None
        #: per-transcript scratch space for check kinds (e.g. stems per turn)
        self.cache: dict[str, Any] = {}

    def hits(self, i: int):
        h = self._hits.get(i)
        if h is None:
            h = self._hits[i] = self.index.scan(self.turns[i].text)
        return h

    def candidate_turns(self, query: int) -> set[int] | frozenset[int]:
        """Indices of the turns where query ``query`` may hold: in any other turn it holds nowhere, so a
        check can skip them without evaluating anything. (Scans every turn on first use.)"""
        by_query = self._by_query
        if by_query is None:
            by_query = self._by_query = {}
            candidates = self.index.candidates
            for i in range(len(self.turns)):
                for h in candidates(self.hits(i)):
                    got = by_query.get(h)
                    if got is None:
                        by_query[h] = {i}
                    else:
                        got.add(i)
        return by_query.get(query, _NONE)

    def sentences(self, i: int) -> list[Span]:
        s = self._sentences.get(i)
        if s is None:
            s = self._sentences[i] = sentences(self.turns[i].text) or [(0, len(self.turns[i].text))]
        return s

    def condition(self, name: str) -> list[Evidence]:
        """Turns (as evidence) where the named pack condition holds; empty when it does not."""
        if name not in self._condition_cache:
            self._condition_cache[name] = self._conditions[name](self)
        return self._condition_cache[name]

    def role_turns(self, role: str) -> list[Turn]:
        return [t for t in self.turns if role == "any" or t.role == role]


def replied(ctx: Context, i: int) -> tuple[list[int], bool]:
    """The other side's turns right before turn ``i`` (other speakers' lines skipped), and whether a turn of
    ``i``'s own role comes before them (they reply to it)."""
    role = ctx.turns[i].role
    out = []
    j = i - 1
    while j >= 0 and ctx.turns[j].role != role:
        if ctx.turns[j].role != "other":
            out.append(j)
        j -= 1
    return out, j >= 0


@dataclass
class CompiledPhrases:
    """A query with its sentence- and turn-level exclusions."""

    query: int
    exclude: list[int]
    exclude_turn: list[int]
    scope: str = "sentence"
    #: a query on the other side's reply just before the turn (see :meth:`answers`); None: any turn
    answering: int | None = None
    #: ``exclude_turn`` holds anywhere in the reply around the turn (see :meth:`reply`), not only in the turn
    exclude_reply: bool = False
    #: ``exclude_turn`` also holds in any later turn of the same role
    exclude_later: bool = False
    #: the hit counts only when one of the next ``echo`` words echoes the other side's reply: ``echo_test(ctx,
    #: turn, start, end, echo)`` says so (``checks.words.echoes``, set by the check that compiles the set: this
    #: layer's base knows no stems)
    echo: int | None = None
    echo_test: Callable[[Context, int, int, int, int], bool] | None = None

    @classmethod
    def build(cls, compiler: Compiler, spec, *, file, line, what, src=None, path: tuple = (),
              query_key: str = "query") -> "CompiledPhrases":
        def at(*sub):
            return dict(src=src, path=path + sub,
                        line=src.line_of(path + sub) if src is not None else line)

        return cls(
            query=compiler.query(spec.query, file=file, what=f"{what}.{query_key}", **at(query_key)),
            exclude=[compiler.query(q, file=file, what=f"{what}.exclude", **at("exclude", i))
                     for i, q in enumerate(spec.exclude)],
            exclude_turn=[compiler.query(q, file=file, what=f"{what}.exclude_turn", **at("exclude_turn", i))
                          for i, q in enumerate(spec.exclude_turn)],
            scope=getattr(spec, "scope", "sentence"),
            answering=(compiler.query(spec.answering, file=file, what=f"{what}.answering", **at("answering"))
                       if getattr(spec, "answering", None) else None),
            exclude_reply=getattr(spec, "exclude_reply", False),
            exclude_later=getattr(spec, "exclude_later", False),
            echo=getattr(spec, "echo", None),
        )

    def _turn_excluded(self, ctx: Context, i: int) -> bool:
        """Whether :attr:`exclude_turn` holds in turn ``i``, in its reply, or (with :attr:`exclude_later`) in any
        later turn of its role: there, whether the last such turn that matches starts no earlier than the reply
        (found once per transcript, so a chat of many refusals costs no more than one)."""
        index = ctx.index
        if self.exclude_later:
            role = ctx.turns[i].role
            key = f"last exclude_turn {id(self)} {role}"
            last = ctx.cache.get(key)
            if last is None:
                last = -1
                for j in range(len(ctx.turns) - 1, -1, -1):
                    if ctx.turns[j].role == role and any(index.matches(q, ctx.hits(j)) for q in self.exclude_turn):
                        last = j
                        break
                ctx.cache[key] = last
            return last >= self.reply(ctx, i).start
        return any(index.matches(q, ctx.hits(j))
                   for j in (self.reply(ctx, i) if self.exclude_reply else (i,)) for q in self.exclude_turn)

    @staticmethod
    def reply(ctx: Context, i: int) -> range:
        """The turns of turn ``i``'s reply: the run of its role's turns around it, other speakers' lines
        skipped, up to the nearest turns of the other side."""
        role = ctx.turns[i].role
        lo = hi = i
        j = i - 1
        while j >= 0 and ctx.turns[j].role in (role, "other"):
            if ctx.turns[j].role == role:
                lo = j
            j -= 1
        j = i + 1
        while j < len(ctx.turns) and ctx.turns[j].role in (role, "other"):
            if ctx.turns[j].role == role:
                hi = j
            j += 1
        return range(lo, hi + 1)

    def answers(self, ctx: Context, i: int) -> bool:
        """Whether turn ``i`` answers a reply that matches :attr:`answering`: one of the other side's turns
        right before it (other speakers' lines skipped), which themselves follow a turn of ``i``'s role."""
        turns, after_own = replied(ctx, i)
        return after_own and any(ctx.index.matches(self.answering, ctx.hits(j)) for j in turns)

    def find(self, ctx: Context, i: int, *, with_excluded: bool = False) -> list[Span] | tuple[list[Span], list[Span]]:
        """Spans in turn ``i`` where the query holds and no exclusion applies.

        With ``with_excluded`` also returns the spans that an exclusion cancelled
        (the near-misses: "sorry, what's the number?").
        """
        found: list[Span] = []
        dropped: list[Span] = []
        if i not in ctx.candidate_turns(self.query) or (self.answering is not None and not self.answers(ctx, i)):
            return (found, dropped) if with_excluded else found
        index = ctx.index
        hits = ctx.hits(i)
        if not index.matches(self.query, hits):
            return (found, dropped) if with_excluded else found
        turn_excluded = self._turn_excluded(ctx, i)
        ranges = ctx.sentences(i) if self.scope == "sentence" else [(0, len(ctx.turns[i].text))]
        for lo, hi in ranges:
            spans = index.match(self.query, hits, lo, hi)
            if spans is None:
                continue
            span = quote_span(ctx.turns[i].text, lo, hi, _cover(spans, lo, hi)) if self.scope == "sentence" \
                else _cover(spans, lo, hi)
            if turn_excluded or any(index.matches(q, hits, lo, hi) for q in self.exclude) or (
                    self.echo is not None and not (self.echo_test is not None and self.echo_test(
                        ctx, i, _cover(spans, lo, hi)[1], hi, self.echo))):
                dropped.append(span)
            else:
                found.append(span)
        return (found, dropped) if with_excluded else found


MAX_QUOTE = 160


def quote_span(text: str, lo: int, hi: int, hit: Span) -> Span:
    """The sentence ``[lo, hi)`` around a hit, trimmed to about ``MAX_QUOTE`` characters at word boundaries
    (unpunctuated ASR text can make one "sentence" of a whole turn)."""
    if hi - lo <= MAX_QUOTE:
        return lo, hi
    pad = max(0, (MAX_QUOTE - (hit[1] - hit[0])) // 2)
    start, end = max(lo, hit[0] - pad), min(hi, hit[1] + pad)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    while end < hi and not text[end].isspace():
        end += 1
    return start, end


def _cover(spans: list[Span], lo: int, hi: int) -> Span:
    if not spans:
        return lo, hi
    return min(s for s, _ in spans), max(e for _, e in spans)


#: a "closest" agent turn less similar than this (0-100) to the rule's passing examples is noise, not a near miss:
#: "Anything else?" at 0 % or 7 % tells a reviewer nothing
NEAR_MISS_FLOOR = 40.0


class NearMiss:
    """Scores agent turns against a rule's own passing examples (rapidfuzz); nothing under the floor."""

    def __init__(self, exemplars: list[str]) -> None:
        self.exemplars = [e.lower() for e in exemplars if e.strip()]

    def best(self, ctx: Context, candidates: list[tuple[int, Span]], floor: float = NEAR_MISS_FLOOR) -> Evidence | None:
        """The candidate most like the passing examples, when at least ``floor`` similar (a phrase hit that an
        exclusion dropped is shown whatever its similarity: ``floor=0``)."""
        if not candidates:
            return None
        from rapidfuzz import fuzz, process  # here: ~10-40 ms of start-up, and a run of passing rules needs none

        best: tuple[float, int, Span] | None = None
        exemplars = self.exemplars
        for i, span in candidates:
            text = ctx.turns[i].text[span[0]:span[1]].lower()
            # the best score over the exemplars (extractOne: one C loop, the same scores as token_set_ratio each)
            # (score_cutoff: rapidfuzz skips exemplars that cannot beat the best so far or the floor; a
            # candidate under both is never chosen, so the scores that matter are the same)
            cutoff = max(floor, best[0]) if best is not None else floor
            top = (process.extractOne(text, exemplars, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)
                   if exemplars else None)
            score = top[1] if top else 0.0
            if best is None or score > best[0]:
                best = (score, i, span)
        assert best is not None
        score, i, span = best
        if score < floor:
            return None
        return evidence(ctx.turns[i], span, similarity=score)

    def sentences_of(self, ctx: Context, turn_ids: list[int]) -> list[tuple[int, Span]]:
        return [(i, s) for i in turn_ids for s in ctx.sentences(i)]


class CompiledCheck:
    """Base class of a compiled check kind."""

    def __init__(self, rule, compiler: Compiler, exemplars: list[str]) -> None:
        self.rule = rule
        self.near = NearMiss(exemplars)

    def line(self, *path: str) -> int | None:
        src = getattr(self.rule, "_lines", None)
        return src.line_of(("check",) + path) if src is not None else None

    def phrases_at(self, compiler: Compiler, spec, *sub: str, what: str = "check",
                   query_key: str = "query") -> "CompiledPhrases":
        """Compile a phrase spec of this rule at ``check.<sub...>``, with exact error positions."""
        return CompiledPhrases.build(compiler, spec, file=self.rule.file, line=self.line(*sub), what=what,
                                     src=getattr(self.rule, "_lines", None), path=("check",) + sub,
                                     query_key=query_key)

    def query(self, compiler: Compiler, text: str, key: str) -> int:
        return compiler.query(text, file=self.rule.file, line=self.line(key), what=f"check.{key}",
                              src=getattr(self.rule, "_lines", None), path=("check", key))

    def evaluate(self, ctx: Context) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError


def require_condition(name: str, conditions: dict, *, file, line) -> None:
    if name not in conditions:
        raise RuleError(f"unknown condition {name!r}", file=file, line=line,
                        hint=suggest(name, conditions) or "define it under 'conditions:' in pack.yaml")


def fill(template: str | None, default: str, **values) -> str:
    """A rule's message template (or ``default``) with ``values`` filled in; the template as it is when it names
    a value the check does not have."""
    text = template or default
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text
