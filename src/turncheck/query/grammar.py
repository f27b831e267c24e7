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

The grammar is a pyparsing grammar (:data:`QUERY`, built on first use). Terminals validate
themselves in parse actions (a bad wildcard, ``NEAR`` without a number, an
invalid RE2 pattern, an unknown ``@name``) and raise with the exact column;
``-`` (error stop) after every operator turns a missing operand into "expected
a term after 'AND'" at the right place. A short pre-scan bounds nesting depth
and reports unbalanced parentheses before pyparsing's recursion sees them, so
nothing but :class:`~turncheck.errors.QuerySyntaxError` ever escapes.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Mapping

from turncheck.errors import QuerySyntaxError
from turncheck.text import LazyPattern, words as _text_words

from . import cache as _query_cache
from .ast import And, Fuzzy, Near, Not, Or, Phrase, Query, Regex

if TYPE_CHECKING:
    import pyparsing as pp

__all__ = ["parse_query", "MAX_DEPTH", "MAX_NEAR"]

#: Deepest nesting of parentheses / NOTs / definitions allowed.
MAX_DEPTH = 64
#: Largest NEAR distance.
MAX_NEAR = 1000

_NEAR_RE = LazyPattern(r"NEAR/([0-9]+)")
_NAME_RE = LazyPattern(r"[A-Za-z_][A-Za-z0-9_.\-]*")



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


# --- terminals ----------------------------------------------------------------


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


class _Context(threading.local):
    """The definitions of the parse in progress (parse actions read them)."""

    def __init__(self) -> None:
        self.stack: list[tuple[Mapping[str, str], tuple[str, ...], dict[str, Query]]] = []


_CTX = _Context()


def _word(s: str, loc: int, toks) -> Query:
    raw = toks[0]
    if raw.endswith("~") and len(raw) > 1:
        ws = _query_words(raw[:-1], loc + 1)
        if len(ws) != 1 or ws[0].endswith("*"):
            raise _Error(f"a fuzzy word~ must be one plain word (got {raw!r})", loc + 1,
                         hint="write sorry~ ; for phrases list the typos, for prefixes use apolog*")
        return Fuzzy(ws[0])
    q = raw.find("?")
    if 0 < q < len(raw) - 1 and raw[q - 1].isalnum() and raw[q + 1].isalnum():
        # "unauthori?ed" would silently become the phrase "unauthori ed", which no text contains
        raise _Error(f"'?' is not a wildcard (in {raw!r})", loc + 1 + q,
                     hint=f"list the spellings (colour OR color) or match a prefix ({raw[:q]}*)")
    ws = _query_words(raw, loc + 1)
    if not ws:
        raise _Error(f"{raw!r} has no letters or digits to match", loc + 1)
    return Phrase(ws, text=raw)


def _phrase(s: str, loc: int, toks) -> Query:
    quoted = toks[0]
    body = quoted[1:-1]
    ws = _query_words(body, loc + 2)
    if not ws:
        what = "empty phrase" if not body.strip() else f"phrase {quoted} has no letters or digits to match"
        raise _Error(what, loc + 1)
    return Phrase(ws, text=body)


def _unterminated_quote(s: str, loc: int, toks):
    raise _Error("unterminated quote: this phrase has no closing quote", loc + 1)


def _regex(s: str, loc: int, toks) -> Query:
    token = toks[0]
    close = token.rindex("/")
    pattern, flags = token[1:close], token[close + 1:]
    if not pattern:
        raise _Error("empty regex //", loc + 1)
    if flags:
        raise _Error("regex flags after /.../ are not supported", loc + close + 2,
                     hint="put (?i) at the start of the pattern for case-insensitive matching")
    try:
        _re2_compile(pattern)
    except ValueError as e:
        raise _Error(f"invalid regex /{pattern}/: {e}", loc + 1) from None
    return Regex(pattern)


def _unterminated_regex(s: str, loc: int, toks):
    raise _Error("unterminated regex: a /pattern/ needs a closing '/'", loc + 1)


def _near_op(s: str, loc: int, toks) -> list[tuple[int, int]]:
    raw = toks[0]
    m = _NEAR_RE.fullmatch(raw)
    if not m:
        raise _Error(f"NEAR needs a number: NEAR/3 (got {raw!r})", loc + 1,
                     hint="write a NEAR/3 b for a and b at most 3 words apart; use lower-case 'near' for the word")
    dist = int(m.group(1))
    if dist > MAX_NEAR:
        raise _Error(f"NEAR distance {dist} is too large (at most {MAX_NEAR})", loc + 1)
    return [(loc, dist)]  # the operator's position, for errors about its operands


def _lower_near(s: str, loc: int, toks):
    raw = toks[0]
    raise _Error(f"operators are upper-case: write NEAR/{raw[5:] or '3'} (got {raw!r})", loc + 1,
                 hint="lower-case and/or/not are ordinary words, but near/N is always a mistake")


def _empty_parens(s: str, loc: int, toks):
    raise _Error("empty parentheses ()", loc + 1)


def _ref(s: str, loc: int, toks) -> Query:
    raw = toks[0]
    name = raw[1:]
    col = loc + 1
    if not name:
        raise _Error("expected a definition name after '@'", col)
    if not _NAME_RE.fullmatch(name):
        raise _Error(f"invalid definition name {raw!r}", col, hint="names are letters, digits, _ . -")
    defs, expanding, cache = _CTX.stack[-1]
    if name in expanding:
        chain = " -> ".join("@" + n for n in (*expanding[expanding.index(name):], name))
        raise _Error(f"definition cycle: {chain}", col)
    if name not in defs:
        if defs:
            from rapidfuzz import process

            best = process.extractOne(name, list(defs))
            hint = (f"did you mean @{best[0]}?" if best and best[1] >= 60
                    else "defined: " + ", ".join("@" + k for k in sorted(defs)[:10]))
        else:
            hint = "no definitions are available here"
        raise _Error(f"unknown definition @{name}", col, hint=hint)
    if name in cache:
        return cache[name]
    if len(expanding) >= MAX_DEPTH:
        raise _Error("definitions are nested too deeply", col)
    body = defs[name]
    if not isinstance(body, str):
        raise _Error(f"definition @{name} is not a query text", col)
    try:
        node = _parse(body, defs, (*expanding, name), cache)
    except _Error as e:
        raise _Error(f"in definition @{name} (column {e.column}): {e.message}", col, e.hint) from None
    cache[name] = node
    return node


# --- structure -----------------------------------------------------------------


def _positional(node: Query) -> bool:
    if isinstance(node, (Phrase, Regex, Near, Fuzzy)):
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


def _not(s: str, loc: int, toks) -> Query:
    return Not(toks[0][-1])


def _near(s: str, loc: int, toks) -> Query:
    items = toks[0]
    left = items[0]
    for i in range(1, len(items), 2):
        (op_loc, dist), right = items[i], items[i + 1]
        _check_near(left, right, op_loc + 1)
        left = Near(left, right, dist)
    return left


def _and(s: str, loc: int, toks) -> Query:
    items = tuple(t for t in toks[0] if t != "AND")
    return items[0] if len(items) == 1 else And(items)


def _or(s: str, loc: int, toks) -> Query:
    items = tuple(t for t in toks[0] if t != "OR")
    return items[0] if len(items) == 1 else Or(items)


def _build(pp) -> "pp.ParserElement":
    stop = r"""[^\s()"\u201c\u201d]"""
    AND = pp.Keyword("AND")
    OR = pp.Keyword("OR")
    NOT = pp.Keyword("NOT")
    near_op = pp.Regex(r"NEAR(?:/\S*?|\d\S*?)?(?=[\s()]|$)").set_parse_action(_near_op)
    lower_near = pp.Regex(r"[nN][eE][aA][rR]/\S*").set_parse_action(_lower_near)
    keyword = AND | OR | NOT | pp.Regex(r"NEAR(?:/\S*?|\d\S*?)?(?=[\s()]|$)")

    phrase = pp.Regex(r'["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d]').set_parse_action(_phrase)
    open_quote = pp.Regex(r'["\u201c\u201d][^"\u201c\u201d]*\Z').set_parse_action(_unterminated_quote)
    regex = pp.Regex(r"/(?:\\.|[^/\\])*/\w*").set_parse_action(_regex)
    open_regex = pp.Regex(r"/(?:\\.|[^/\\])*\Z").set_parse_action(_unterminated_regex)
    ref = pp.Regex(r"@" + stop + "*").set_parse_action(_ref)
    word = ~keyword + pp.Regex(stop + "+").set_parse_action(_word)
    empty = pp.Regex(r"\(\s*\)").set_parse_action(_empty_parens)

    query = pp.Forward().set_name("a term")
    term = (empty | (pp.Suppress("(") + query + pp.Suppress(")")) | phrase | open_quote | regex | open_regex
            | lower_near | ref | word).set_name("a term")
    unary = pp.Forward().set_name("a term")
    unary <<= (pp.Group(NOT - unary).set_parse_action(_not) | term).set_name("a term")
    near = pp.Group(unary + pp.ZeroOrMore(near_op - unary)).set_parse_action(_near).set_name("a term")
    conj = pp.Group(near + pp.ZeroOrMore((AND - near) | near)).set_parse_action(_and).set_name("a term")
    disj = pp.Group(conj + pp.ZeroOrMore(OR - conj)).set_parse_action(_or).set_name("a term")
    query <<= disj
    return query


# pyparsing is imported and the grammar built on the first parse, not on import: a rule set whose trees all
# come from the query cache (turncheck.query.cache) never needs them.
_GRAMMAR: list = []  # [pyparsing module, QUERY, top-level parser], once built
_GRAMMAR_LOCK = threading.Lock()


def _grammar() -> list:
    if not _GRAMMAR:
        with _GRAMMAR_LOCK:
            if not _GRAMMAR:
                import pyparsing

                query = _build(pyparsing)
                top = (query + pyparsing.StringEnd()).parse_with_tabs()  # keep tabs: columns count characters
                _GRAMMAR.extend((pyparsing, query, top))
    return _GRAMMAR


def __getattr__(name: str):
    if name == "QUERY":  # the pyparsing grammar, for whoever wants to inspect it
        return _grammar()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TOKEN = LazyPattern(r"""\(|\)|["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d]?|/(?:\\.|[^/\\])*/?\w*|[^\s()"\u201c\u201d]+""")


def _tokens(text: str) -> list[tuple[int, str]]:
    """(0-based position, text) of each token: for the pre-scan and error messages only."""
    return [(m.start(), m.group()) for m in _TOKEN.finditer(text)]


def _prescan(text: str) -> None:
    """Unbalanced parentheses and runaway nesting, found before the recursive grammar runs."""
    stack: list[int] = []
    nots = 0
    for pos, tok in _tokens(text):
        if tok == "(":
            stack.append(pos)
            if len(stack) > MAX_DEPTH:
                raise _Error(f"query is nested too deeply (more than {MAX_DEPTH} levels)", pos + 1)
        elif tok == ")":
            if not stack:
                raise _Error("unbalanced parenthesis: unexpected ')'", pos + 1)
            stack.pop()
        nots = nots + 1 if tok == "NOT" else 0
        if nots > MAX_DEPTH:
            raise _Error("too many NOTs in a row", pos + 1)
    if stack:
        raise _Error(f"unbalanced parenthesis: '(' at column {stack[-1] + 1} is never closed", stack[-1] + 1)


def _syntax_error(text: str, exc: pp.ParseBaseException) -> _Error:
    """Turn pyparsing's "Expected a term" into what went wrong, and where."""
    toks = _tokens(text)
    after = [t for t in toks if t[0] >= exc.loc]
    before = [t for t in toks if t[0] + len(t[1]) <= exc.loc]
    found = after[0] if after else None
    where = "the end of the query" if found is None else repr(found[1])
    column = found[0] + 1 if found else len(text) + 1
    prev = before[-1][1] if before else None
    operator = found is not None and (found[1] in ("AND", "OR") or found[1].startswith("NEAR"))
    if prev in ("AND", "OR", "NOT") or (prev or "").startswith("NEAR/"):
        if not (operator and prev == "("):
            return _Error(f"expected a term after '{prev}', found {where}", column)
    if found is not None and (operator or found[1] == ")"):
        return _Error(f"expected a term before '{found[1]}'", column)
    return _Error(f"unexpected {where}", column)


def _parse(text: str, definitions: Mapping[str, str], expanding: tuple[str, ...],
           cache: dict[str, Query]) -> Query:
    if not text.strip():
        raise _Error("empty query", 1)
    _prescan(text)
    pp, _, top = _grammar()
    _CTX.stack.append((definitions, expanding, cache))
    try:
        return top.parse_string(text, parse_all=True)[0]
    except pp.ParseBaseException as exc:
        raise _syntax_error(text, exc) from None
    finally:
        _CTX.stack.pop()


#: parsed definition trees shared across parse_query calls, per definitions mapping (its sorted items): a pack's
#: ~130 queries reuse a few large definitions (@failure, @promise, ...), and parsing each use again was most of
#: the time of compiling a pack. The trees are frozen, so sharing them is safe; a few mappings are kept.
_DEF_TREES: dict[tuple, dict[str, Query]] = {}
_DEF_TREES_MAX = 8


def _definition_trees(definitions: Mapping[str, str] | None) -> dict[str, Query]:
    if not definitions:
        return {}
    try:
        key = tuple(sorted(definitions.items()))
        hash(key)
    except TypeError:  # a definition that is not text (reported when it is used): nothing to share
        return {}
    trees = _DEF_TREES.get(key)
    if trees is None:
        if len(_DEF_TREES) >= _DEF_TREES_MAX:
            del _DEF_TREES[next(iter(_DEF_TREES))]
        trees = _DEF_TREES[key] = {}
    return trees


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

    Inside a :func:`turncheck.query.cache.query_cache` block a tree parsed
    before (same text, same definitions) comes from the on-disk cache.
    """
    if not isinstance(text, str):
        raise QuerySyntaxError(f"a query must be a string, not {type(text).__name__}", column=1)
    store = _query_cache.active()
    key = store.key(text, definitions) if store is not None else None
    if key is not None:
        node = store.get(key)
        if node is not None:
            return node
    try:
        node = _parse(text, definitions or {}, (), _definition_trees(definitions))
        if _depth(node) > 4 * MAX_DEPTH:
            raise _Error("query is nested too deeply after expanding definitions", 1)
    except _Error as e:
        msg = f"{source}: {e.message}" if source else e.message
        err = QuerySyntaxError(msg, column=e.column, hint=e.hint)
        err.query = text  # type: ignore[attr-defined]
        raise err from None
    except RecursionError:
        err = QuerySyntaxError((f"{source}: " if source else "") + "query is nested too deeply", column=1)
        err.query = text  # type: ignore[attr-defined]
        raise err from None
    if key is not None:
        store.put(key, node)
    return node


def caret(text: str, column: int) -> str:
    """Two lines showing ``text`` and a ``^`` under ``column`` (1-based)."""
    line = text.replace("\n", " ").replace("\t", " ")
    return f"{line}\n{' ' * max(column - 1, 0)}^"
