"""The canonical transcript: what every importer produces and every check reads."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["agent", "customer", "other"]
ROLES: tuple[Role, ...] = ("agent", "customer", "other")


# ``Field(default_factory=list)`` makes pydantic read the builtin's signature from its ``__text_signature__``
# (``inspect`` tokenises it: ~1 ms a field, ~4 ms for the first) when it builds the model at import; a Python
# function's signature costs nothing. Same defaults, same schema.
def new_list() -> list:
    return []


def new_dict() -> dict:
    return {}


class Turn(BaseModel):
    """One utterance, cue or message as the source delimits it."""

    model_config = ConfigDict(frozen=False, defer_build=True)

    index: int
    role: Role
    speaker: str | None = None
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = Field(
        default=None, description="1-based line of the source where this turn begins, when the format has lines"
    )


class Transcript(BaseModel):
    """A whole conversation in the canonical form.

    ``metadata`` uses these well-known keys where the source carries them:
    ``customer_name``, ``agent_name``, ``agent_id``, ``channel``, ``queue``,
    ``start_time`` (ISO 8601), ``roles_source`` (how roles were decided), and
    ``location`` (e.g. the line of a JSONL record holding many transcripts).
    """

    model_config = ConfigDict(defer_build=True)

    id: str
    source: str
    format: str
    metadata: dict[str, Any] = Field(default_factory=new_dict)
    turns: list[Turn] = Field(default_factory=new_list)

    @property
    def timed(self) -> bool:
        """True when utterances carry start *and* end times."""
        return any(t.start is not None and t.end is not None for t in self.turns)

    def roles_present(self) -> set[str]:
        return {t.role for t in self.turns}

    def to_json_dict(self) -> dict[str, Any]:
        return json_dict(self)


# --- JSON without the serializer ------------------------------------------------------------------------
# ``model_dump(mode="json")`` needs the model's serializer, and building it (with the validators and
# pydantic's plugin discovery that come with the first model built) is ~50 ms of a one-chat check. These
# models hold only JSON's own types, so walking the fields gives the same dict; any other value (a date in a
# waiver, a set, a non-string key) makes :func:`json_dict` hand the whole model to ``model_dump`` instead.


class _Unusual(Exception):
    pass


def _plain(v: Any) -> Any:
    t = type(v)
    if t is str or t is int or t is float or t is bool or v is None:
        return v
    if t is list or t is tuple:
        return [_plain(x) for x in v]
    if t is dict:
        out = {}
        for k, x in v.items():
            if type(k) is not str:
                raise _Unusual
            out[k] = _plain(x)
        return out
    if t in PLAIN_DUMP:  # all fields dumped, by name, in their order, as model_dump does for these
        d = v.__dict__
        return {name: _plain(d[name]) for name in t.__pydantic_fields__}
    raise _Unusual


#: the models :func:`_plain` walks (no aliases, exclusions, computed fields or custom serializers in them);
#: turncheck.scorecard adds its own
PLAIN_DUMP: set[type] = {Turn, Transcript}


#: dumps :func:`json_dict` walks before it builds the serializer: the walk is ~3x slower per card than
#: pydantic's compiled serializer, whose build (~25 ms) pays for itself after a few hundred cards
WALK_FIRST = 32
_walked = 0


def json_dict(model: BaseModel) -> dict[str, Any]:
    """``model.model_dump(mode="json")`` of a transcript or scorecard: for a process's first few dumps by
    walking the fields (when every value is a JSON type, as the checks build them), so that a one-chat check
    never builds pydantic's serializer; after that, or once the model's serializer exists, ``model_dump``."""
    global _walked
    if _walked < WALK_FIRST and not type(model).__pydantic_complete__:
        _walked += 1
        return walked_json_dict(model)
    return model.model_dump(mode="json")


def walked_json_dict(model: BaseModel) -> dict[str, Any]:
    """``model.model_dump(mode="json")`` by walking the fields; ``model_dump`` itself for an unusual value."""
    try:
        return _plain(model)
    except (_Unusual, KeyError):
        return model.model_dump(mode="json")


_setattr = object.__setattr__
_TURN_FIELDS = ("index", "role", "speaker", "text", "start", "end", "line")


def construct_turns(rows) -> list[Turn]:
    """``[Turn.model_construct(index=..., role=..., ...) for ...]`` for rows of
    ``(index, role, speaker, text, start, end, line)``, every field given: the same
    instances (``__dict__`` in field order, every field set), without
    ``model_construct``'s per-field bookkeeping (~3 us a turn)."""
    out = []
    new = Turn.__new__
    fields = _TURN_FIELDS
    for index, role, speaker, text, start, end, line in rows:
        m = new(Turn)
        _setattr(m, "__dict__", {"index": index, "role": role, "speaker": speaker, "text": text, "start": start,
                                  "end": end, "line": line})
        _setattr(m, "__pydantic_fields_set__", set(fields))
        _setattr(m, "__pydantic_extra__", None)
        _setattr(m, "__pydantic_private__", None)
        out.append(m)
    return out
