"""The phrase query language (pyparsing) and the matching engine.

Contract used by the rest of turncheck (implemented in this package):

    q = parse_query(text, definitions=None, source=None)   # -> Query (AST); raises QuerySyntaxError
    str(q)                                                 # canonical text; parse_query(str(q)) == q
    index = QueryIndex()
    handle = index.add(q)                                  # every query of a rule set, once
    index.freeze()                                         # build the automaton once
    hits = index.scan(text)                                # ONE pass over a turn's text
    index.match(handle, hits, lo=0, hi=None)               # -> list[(start, end)] | None
                                                           #    spans in the ORIGINAL text; None = no match
See ``grammar.py`` for the syntax.
"""
