"""The query AST: small frozen dataclasses with a canonical ``str()``.

Equality is structural, and ``parse_query(str(q)) == q`` for every valid tree:

* :class:`Phrase` holds *normalised* words (see :mod:`turncheck.text`); a word
  ending in ``*`` is a prefix. A one-word phrase prints bare (``sorry``,
  ``apolog*``), a longer one quoted (``"so sorry"``). The text as the author
  wrote it is kept in ``Phrase.text`` for display but is not compared.
* :class:`And` / :class:`Or` are n-ary and flatten nested nodes of their own
  kind on construction, so ``a AND (b AND c)`` and ``a AND b AND c`` are the
  same tree.
* :class:`Near` is binary and left-associative: ``a NEAR/2 b NEAR/3 c`` is
  ``Near(Near(a, b, 2), c, 3)``.
* ``@name`` references are expanded by the parser; the tree holds the
  definition's tree, so a printed query needs no definitions to re-parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

__all__ = ["Query", "Phrase", "Regex", "Not", "Near", "And", "Or"]

# Binding strength, loosest first.
_OR, _AND, _NEAR, _NOT, _ATOM = 1, 2, 3, 4, 5


@dataclass(frozen=True, slots=True)
class Query:
    """Base class of every query node."""

    @property
    def precedence(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def children(self) -> tuple["Query", ...]:
        return ()

    def walk(self) -> Iterator["Query"]:
        """This node and all nodes below it, depth first."""
        stack: list[Query] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    def atoms(self) -> list["Phrase | Regex"]:
        """The phrase and regex atoms of the query, in order of appearance."""
        return [n for n in self.walk() if isinstance(n, (Phrase, Regex))]

    def _wrap(self, child: "Query", min_prec: int) -> str:
        s = str(child)
        return f"({s})" if child.precedence < min_prec else s


@dataclass(frozen=True, slots=True)
class Phrase(Query):
    """Consecutive normalised words; a word ending in ``*`` matches as a prefix."""

    words: tuple[str, ...]
    text: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.words, str):
            raise TypeError("Phrase.words must be a tuple of words, not a string")
        object.__setattr__(self, "words", tuple(self.words))
        if not self.words:
            raise ValueError("a phrase needs at least one word")

    @property
    def precedence(self) -> int:
        return _ATOM

    @property
    def is_prefix(self) -> bool:
        """True if any word is a prefix (``apolog*``)."""
        return any(w.endswith("*") for w in self.words)

    def __str__(self) -> str:
        if len(self.words) == 1:
            return self.words[0]
        return '"' + " ".join(self.words) + '"'


@dataclass(frozen=True, slots=True)
class Fuzzy(Query):
    """``word~``: the word or a typo of it (see :mod:`turncheck.query.fuzzy`)."""

    word: str

    @property
    def precedence(self) -> int:
        return _ATOM

    def __str__(self) -> str:
        return self.word + "~"


@dataclass(frozen=True, slots=True)
class Regex(Query):
    """A google-re2 pattern, matched case-sensitively against the original text."""

    pattern: str

    @property
    def precedence(self) -> int:
        return _ATOM

    def __str__(self) -> str:
        return "/" + self.pattern + "/"


@dataclass(frozen=True, slots=True)
class Not(Query):
    item: Query

    @property
    def precedence(self) -> int:
        return _NOT

    def children(self) -> tuple[Query, ...]:
        return (self.item,)

    def __str__(self) -> str:
        return "NOT " + self._wrap(self.item, _NOT)


@dataclass(frozen=True, slots=True)
class Near(Query):
    """``left NEAR/distance right``: at most ``distance`` words between them,
    in either order. One side may be a :class:`Not`: then the node holds
    where the other side occurs with *no* occurrence of the negated side
    within the distance."""

    left: Query
    right: Query
    distance: int

    @property
    def precedence(self) -> int:
        return _NEAR

    def children(self) -> tuple[Query, ...]:
        return (self.left, self.right)

    def __str__(self) -> str:
        return f"{self._wrap(self.left, _NEAR)} NEAR/{self.distance} {self._wrap(self.right, _NEAR + 1)}"


def _flatten(kind: type, items: tuple[Query, ...] | list[Query]) -> tuple[Query, ...]:
    out: list[Query] = []
    for it in items:
        if type(it) is kind:
            out.extend(it.items)  # type: ignore[attr-defined]
        else:
            out.append(it)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class And(Query):
    items: tuple[Query, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _flatten(And, self.items))
        if len(self.items) < 2:
            raise ValueError("And needs at least two items")

    @property
    def precedence(self) -> int:
        return _AND

    def children(self) -> tuple[Query, ...]:
        return self.items

    def __str__(self) -> str:
        return " AND ".join(self._wrap(i, _AND + 1) for i in self.items)


@dataclass(frozen=True, slots=True)
class Or(Query):
    items: tuple[Query, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", _flatten(Or, self.items))
        if len(self.items) < 2:
            raise ValueError("Or needs at least two items")

    @property
    def precedence(self) -> int:
        return _OR

    def children(self) -> tuple[Query, ...]:
        return self.items

    def __str__(self) -> str:
        return " OR ".join(self._wrap(i, _OR + 1) for i in self.items)
