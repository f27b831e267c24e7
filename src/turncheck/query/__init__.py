"""The phrase query language and the matching engine.

Contract used by the rest of turncheck:

    q = parse_query(text, definitions=None, source=None)   # -> Query (AST); raises QuerySyntaxError
    str(q)                                                 # canonical text; parse_query(str(q)) == q
    index = QueryIndex()
    handle = index.add(q)                                  # every query of a rule set, once
    index.freeze()                                         # build the automaton once
    hits = index.scan(text)                                # ONE pass over a turn's text
    index.match(handle, hits, lo=0, hi=None)               # -> list[(start, end)] | None
                                                           #    spans in the ORIGINAL text; None = no match
    index.matches(handle, hits, lo=0, hi=None)             # -> bool (fast path)
    index.matching(hits, lo=0, hi=None)                    # -> sorted handles of all queries that hold
    index.match_all(hits, lo=0, hi=None)                   # -> {handle: spans} of all queries that hold
    hits.tokens / hits.words / hits.norm                   # word spans, normalised words and text

See ``grammar.py`` for the syntax, ``engine.py`` for how matching works and
:mod:`turncheck.text` for the normalisation.
"""

from .ast import And, Near, Not, Or, Phrase, Query, Regex
from .engine import Hits, QueryIndex
from .grammar import MAX_DEPTH, MAX_NEAR, caret, parse_query

__all__ = [
    "And",
    "Hits",
    "MAX_DEPTH",
    "MAX_NEAR",
    "Near",
    "Not",
    "Or",
    "Phrase",
    "Query",
    "QueryIndex",
    "Regex",
    "caret",
    "parse_query",
]
