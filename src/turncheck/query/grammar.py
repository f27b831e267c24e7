r"""The phrase query language: lexer, parser and checks.

======================  ==================================================
Syntax                  Matches
======================  ==================================================
``sorry``               the word, whole-word only (not ``sorryful``)
``"so sorry"``          the words in sequence; ``“…”`` works too
``apolog*``             words starting with ``apolog`` (prefix only)
``"apolog* for"``       prefixes inside a phrase
``a AND b`` / ``a b``   both (juxtaposition is an implicit AND)
``a OR b``              either
``NOT a`` / ``b NOT a`` ``a`` absent / ``b AND NOT a``
``a NEAR/3 b``          at most 3 words between them, either order
``a NEAR/3 NOT b``      an ``a`` with no ``b`` within 3 words
``( … )``               grouping
``@name``               the query ``definitions[name]``, as if in parens
``/regex/``             google-re2 pattern on the original text,
                        case-sensitive (``(?i)`` to ignore case), ``\/``
                        for a slash
======================  ==================================================

Precedence: ``NOT`` > ``NEAR`` > ``AND`` > ``OR`` (``NOT a NEAR/3 b`` is
``(NOT a) NEAR/3 b``; write ``NOT (a NEAR/3 b)`` for the other reading).
Operators are UPPER-CASE keywords: ``and``, ``or``, ``not``, ``near`` in lower
case are ordinary words (``near/3`` is reported as a mistake).

Words and phrases are normalised like turn text (:mod:`turncheck.text`):
case and accents are ignored, apostrophes are dropped (``"i'm sorry"``
matches ``im sorry``, ``I’m sorry``), and other punctuation separates words
(``follow-up`` is the phrase ``"follow up"``). Single quotes are apostrophes,
not phrase delimiters. A term with no letters or digits (``-``, ``😀``) is an
error: use a ``/regex/`` for symbols.

NEAR joins words, phrases, regexes, OR-groups of those and other NEARs; one
side may be negated. ``(a AND b) NEAR/3 c`` is an error (write
``(a NEAR/3 c) AND (b NEAR/3 c)``).

Grammar::

    query   := or
    or      := and ("OR" and)*
    and     := near (["AND"] near)*          juxtaposition is an implicit AND
    near    := unary ("NEAR/" n unary)*       left-associative
    unary   := "NOT"* primary
    primary := word | word* | "phrase" | /regex/ | @name | "(" query ")"

The parser is a hand-written recursive-descent one rather than a pyparsing
grammar: it gives exact 1-based columns and specific messages ("expected a
term after 'AND'") for every error, never raises anything but
:class:`~turncheck.errors.QuerySyntaxError`, and bounds nesting depth instead
of hitting Python's recursion limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from turncheck.errors import QuerySyntaxError
from turncheck.text import words as _text_words

from .ast import And, Near, Not, Or, Phrase, Query, Regex

__all__ = ["parse_query", "MAX_DEPTH", "MAX_NEAR"]

#: Deepest nesting of parentheses / NOTs / definitions allowed.
MAX_DEPTH = 64
#: Largest NEAR distance.
MAX_NEAR = 1000

_QUOTES = '"\u201c\u201d'
_STOP = set("()" + _QUOTES)
_NEAR_RE = re.compile(r"NEAR/([0-9]+)")
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")

# Token kinds
WORD, PHRASE, REGEX, REF, LP, RP, AND, OR, NOT, NEAR, EOF = (
    "word", "phrase", "regex", "ref", "(", ")", "AND", "OR", "NOT", "NEAR", "end of query",
)
_TERM_START = {WORD, PHRASE, REGEX, REF, LP, NOT}


@dataclass(slots=True)
class _Tok:
    kind: str
    value: object
    col: int  # 1-based column of the first character
    raw: str


class _Error(Exception):
    """Internal: message + 1-based column (+ hint); becomes QuerySyntaxError."""

    def __init__(self, message: str, column: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


def _re2_compile(pattern: str):
    """Compile with google-re2; raise ValueError(re2's message) if it cannot."""
    import re2  # local: only queries with regex atoms need it

    opts = re2.Options()
    opts.log_errors = False
    try:
        return re2.compile(pattern, opts)
    except Exception as e:  # re2._re2.Error carries a bytes message
        msg = e.args[0] if e.args else str(e)
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "replace")
        raise ValueError(str(msg)) from None


# --- lexer -------------------------------------------------------------------


def _query_words(raw: str, col: int) -> tuple[str, ...]:
    """Normalised words of a bare word or phrase body; ``*`` marks prefixes.

    ``col`` is the column of ``raw[0]`` (for errors).
    """
    toks = _text_words(raw)
    ends = {e: i for i, (_, _, e) in enumerate(toks)}
    out = [w for w, _, _ in toks]
    for i, c in enumerate(raw):
        if c != "*":
            continue
        k = ends.get(i)
        if k is None or out[k].endswith("*"):
            raise _Error(
                "a wildcard '*' must come right after the letters of a word, as in apolog*",
                col + i,
            )
        if i + 1 < len(raw) and (raw[i + 1].isalnum()):
            raise _Error("a wildcard '*' must end a word (prefix match only, as in apolog*)", col + i)
        out[k] += "*"
    return tuple(out)


def _lex(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        col = i + 1
        if c.isspace():
            i += 1
            continue
        if c == "(":
            toks.append(_Tok(LP, None, col, c))
            i += 1
        elif c == ")":
            toks.append(_Tok(RP, None, col, c))
            i += 1
        elif c in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            if j >= n:
                raise _Error("unterminated quote: this phrase has no closing quote", col)
            body = text[i + 1 : j]
            ws = _query_words(body, col + 1)
            if not ws:
                what = "empty phrase" if not body.strip() else f"phrase {text[i:j + 1]} has no letters or digits to match"
                raise _Error(what, col)
            toks.append(_Tok(PHRASE, Phrase(ws, text=body), col, text[i : j + 1]))
            i = j + 1
        elif c == "/":
            j = i + 1
            while j < n and text[j] != "/":
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise _Error("unterminated regex: a /pattern/ needs a closing '/'", col)
            pattern = text[i + 1 : j]
            if not pattern:
                raise _Error("empty regex //", col)
            if j + 1 < n and text[j + 1].isalnum():
                raise _Error(
                    "regex flags after /.../ are not supported",
                    j + 2,
                    hint="put (?i) at the start of the pattern for case-insensitive matching",
                )
            try:
                _re2_compile(pattern)
            except ValueError as e:
                raise _Error(f"invalid regex /{pattern}/: {e}", col) from None
            toks.append(_Tok(REGEX, Regex(pattern), col, text[i : j + 1]))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _STOP:
                j += 1
            raw = text[i:j]
            i = j
            if raw == "AND":
                toks.append(_Tok(AND, None, col, raw))
            elif raw == "OR":
                toks.append(_Tok(OR, None, col, raw))
            elif raw == "NOT":
                toks.append(_Tok(NOT, None, col, raw))
            elif raw.startswith("NEAR") and (raw == "NEAR" or raw[4] in "/0123456789"):
                m = _NEAR_RE.fullmatch(raw)
                if not m:
                    raise _Error(
                        f"NEAR needs a number: NEAR/3 (got {raw!r})",
                        col,
                        hint="write a NEAR/3 b for a and b at most 3 words apart; use lower-case 'near' for the word",
                    )
                dist = int(m.group(1))
                if dist > MAX_NEAR:
                    raise _Error(f"NEAR distance {dist} is too large (at most {MAX_NEAR})", col)
                toks.append(_Tok(NEAR, dist, col, raw))
            elif raw[:5].lower() == "near/":
                raise _Error(
                    f"operators are upper-case: write NEAR/{raw[5:] or '3'} (got {raw!r})",
                    col,
                    hint="lower-case and/or/not are ordinary words, but near/N is always a mistake",
                )
            elif c == "@":
                name = raw[1:]
                if not name:
                    raise _Error("expected a definition name after '@'", col)
                if not _NAME_RE.fullmatch(name):
                    raise _Error(f"invalid definition name {raw!r}", col, hint="names are letters, digits, _ . -")
                toks.append(_Tok(REF, name, col, raw))
            else:
                ws = _query_words(raw, col)
                if not ws:
                    raise _Error(f"{raw!r} has no letters or digits to match", col)
                toks.append(_Tok(WORD, Phrase(ws, text=raw), col, raw))
    toks.append(_Tok(EOF, None, n + 1, ""))
    return toks


# --- parser ------------------------------------------------------------------


def _positional(node: Query) -> bool:
    if isinstance(node, (Phrase, Regex, Near)):
        return True
    if isinstance(node, Or):
        return all(_positional(i) for i in node.items)
    return False


def _check_near(left: Query, right: Query, col: int) -> None:
    lneg, rneg = isinstance(left, Not), isinstance(right, Not)
    if lneg and rneg:
        raise _Error("NEAR needs at least one side that is not negated", col)
    for side in (left.item if lneg else left, right.item if rneg else right):  # type: ignore[attr-defined]
        if not _positional(side):
            raise _Error(
                "NEAR can only join words, phrases, /regex/, OR-groups of those and other NEARs",
                col,
                hint="for 'a and b both near c' write (a NEAR/3 c) AND (b NEAR/3 c)",
            )


def _depth(node: Query) -> int:
    best = 0
    stack = [(node, 1)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        stack.extend((c, d + 1) for c in n.children())
    return best


class _Parser:
    def __init__(
        self,
        text: str,
        definitions: Mapping[str, str],
        expanding: tuple[str, ...],
        cache: dict[str, Query],
    ) -> None:
        self.text = text
        self.defs = definitions
        self.expanding = expanding
        self.cache = cache
        self.toks = _lex(text)
        self.pos = 0
        self.depth = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.pos]

    def advance(self) -> _Tok:
        t = self.toks[self.pos]
        self.pos += 1
        return t

    def parse(self) -> Query:
        if self.tok.kind == EOF:
            raise _Error("empty query", 1)
        node = self.parse_or()
        t = self.tok
        if t.kind == RP:
            raise _Error("unbalanced parenthesis: unexpected ')'", t.col)
        if t.kind != EOF:  # pragma: no cover - every token kind is handled above
            raise _Error(f"unexpected {t.raw!r}", t.col)
        return node

    def need_term_after(self, op: _Tok) -> None:
        t = self.tok
        if t.kind not in _TERM_START:
            where = "the end of the query" if t.kind == EOF else repr(t.raw)
            raise _Error(f"expected a term after '{op.raw}', found {where}", t.col)

    def parse_or(self) -> Query:
        items = [self.parse_and()]
        while self.tok.kind == OR:
            op = self.advance()
            self.need_term_after(op)
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Query:
        items = [self.parse_near()]
        while True:
            k = self.tok.kind
            if k == AND:
                op = self.advance()
                self.need_term_after(op)
                items.append(self.parse_near())
            elif k in _TERM_START:
                items.append(self.parse_near())
            else:
                break
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_near(self) -> Query:
        left = self.parse_unary()
        while self.tok.kind == NEAR:
            op = self.advance()
            self.need_term_after(op)
            right = self.parse_unary()
            _check_near(left, right, op.col)
            left = Near(left, right, op.value)  # type: ignore[arg-type]
        return left

    def parse_unary(self) -> Query:
        nots = 0
        while self.tok.kind == NOT:
            op = self.advance()
            self.need_term_after(op)
            nots += 1
        if nots > MAX_DEPTH:
            raise _Error("too many NOTs in a row", self.tok.col)
        node = self.parse_primary()
        for _ in range(nots):
            node = Not(node)
        return node

    def parse_primary(self) -> Query:
        t = self.tok
        k = t.kind
        if k in (WORD, PHRASE, REGEX):
            self.advance()
            return t.value  # type: ignore[return-value]
        if k == REF:
            self.advance()
            return self.expand(t)
        if k == LP:
            self.advance()
            if self.tok.kind == RP:
                raise _Error("empty parentheses ()", t.col)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _Error(f"query is nested too deeply (more than {MAX_DEPTH} levels)", t.col)
            node = self.parse_or()
            self.depth -= 1
            if self.tok.kind != RP:
                raise _Error(f"unbalanced parenthesis: '(' at column {t.col} is never closed", t.col)
            self.advance()
            return node
        if k == RP:
            raise _Error("unbalanced parenthesis: unexpected ')'", t.col)
        if k == EOF:  # pragma: no cover - callers check need_term_after first
            raise _Error("expected a term, found the end of the query", t.col)
        raise _Error(f"expected a term before '{t.raw}'", t.col)

    def expand(self, t: _Tok) -> Query:
        name: str = t.value  # type: ignore[assignment]
        if name in self.expanding:
            chain = " -> ".join("@" + n for n in (*self.expanding[self.expanding.index(name):], name))
            raise _Error(f"definition cycle: {chain}", t.col)
        if name not in self.defs:
            hint = None
            if self.defs:
                try:
                    from rapidfuzz import process

                    best = process.extractOne(name, list(self.defs))
                except Exception:  # pragma: no cover - rapidfuzz is a dependency
                    best = None
                if best and best[1] >= 60:
                    hint = f"did you mean @{best[0]}?"
                else:
                    hint = "defined: " + ", ".join("@" + k for k in sorted(self.defs)[:10])
            else:
                hint = "no definitions are available here"
            raise _Error(f"unknown definition @{name}", t.col, hint=hint)
        if name in self.cache:
            return self.cache[name]
        if len(self.expanding) >= MAX_DEPTH:
            raise _Error("definitions are nested too deeply", t.col)
        body = self.defs[name]
        if not isinstance(body, str):
            raise _Error(f"definition @{name} is not a query text", t.col)
        try:
            sub = _Parser(body, self.defs, (*self.expanding, name), self.cache)
            node = sub.parse()
        except _Error as e:
            raise _Error(f"in definition @{name} (column {e.column}): {e.message}", t.col, e.hint) from None
        self.cache[name] = node
        return node


def parse_query(
    text: str,
    definitions: Mapping[str, str] | None = None,
    source: str | None = None,
) -> Query:
    """Parse a query; raise :class:`QuerySyntaxError` (with a 1-based ``column``).

    ``definitions`` maps names to query texts for ``@name`` references (they
    may refer to each other; cycles and unknown names are errors). ``source``
    labels the query in error messages (e.g. ``"rule apology, phrases[2]"``);
    the caller adds ``file``/``line`` with ``err.located(file, line)``. The
    error also carries ``err.query`` (the text) for a caret display.
    """
    if not isinstance(text, str):
        raise QuerySyntaxError(f"a query must be a string, not {type(text).__name__}", column=1)
    try:
        node = _Parser(text, definitions or {}, (), {}).parse()
        if _depth(node) > 4 * MAX_DEPTH:
            raise _Error("query is nested too deeply after expanding definitions", 1)
    except _Error as e:
        msg = f"{source}: {e.message}" if source else e.message
        err = QuerySyntaxError(msg, column=e.column, hint=e.hint)
        err.query = text  # type: ignore[attr-defined]
        raise err from None
    return node


def caret(text: str, column: int) -> str:
    """Two lines showing ``text`` and a ``^`` under ``column`` (1-based)."""
    line = text.replace("\n", " ").replace("\t", " ")
    return f"{line}\n{' ' * max(column - 1, 0)}^"
