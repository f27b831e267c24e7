"""Load and validate rule packs: ``pack.yaml`` plus one YAML file per rule.

Errors name the file and line, and unknown keys get a "did you mean" from
rapidfuzz; a bad rule file raises :class:`RuleError` before any transcript is
read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from ..errors import RuleError, RuleErrors
from ..suggest import suggest
from .model import Pack, Rule, Section, VerdictPolicy
from .located import Located

PACK_FILE = "pack.yaml"


@dataclass
class RuleSet:
    """A loaded, validated rule pack (not yet compiled)."""

    name: str
    version: str
    description: str = ""
    rules: list[Rule] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, Any] = field(default_factory=dict)
    #: where each definition/condition was defined, for error messages
    origins: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    #: the parsed pack.yaml and key path of each condition, for exact error columns
    condition_sources: dict[str, tuple[Any, tuple]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    #: when a transcript that did not fail needs attention (``verdict:`` of the last pack that set it)
    verdict: VerdictPolicy = field(default_factory=VerdictPolicy)
    #: scorecard sections by id (``sections:`` of the last pack that set it); empty: one score over all rules
    sections: dict[str, Section] = field(default_factory=dict)
    #: the pack.yaml that set ``sections`` and the line of its ``sections:`` key, for error messages
    sections_origin: tuple[str, int | None] | None = None

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleError(f"no rule {rule_id!r}", hint=suggest(rule_id, [r.id for r in self.rules]))

    @property
    def enabled_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]


def default_rules_dir() -> Path:
    """The bundled default pack: inside the wheel, or ``rules/`` of a source checkout."""
    try:
        packaged = Path(str(resources.files("turncheck") / "default_rules"))
        if (packaged / PACK_FILE).is_file():
            return packaged
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual loaders
        pass
    return Path(__file__).resolve().parents[3] / "rules"


def _model_fields(model: type[BaseModel]) -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        names.append(info.alias or name)
    return names


def _resolve_model(root: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Find the pydantic model that owns the location ``loc`` (for did-you-mean)."""
    from . import model as m

    kinds = {
        "presence": m.PresenceCheck, "response": m.ResponseCheck, "restatement": m.RestatementCheck,
        "interruption": m.InterruptionCheck, "each": m.EachCheck, "name": m.NameCheck,
    }
    current: type[BaseModel] | None = root
    node = data
    for part in loc:
        if current is None:
            return None
        if isinstance(node, dict) and part in node:
            node_next = node[part]
        else:
            node_next = None
        if part in kinds and current is not None and "kind" not in _model_fields(current):
            # pydantic puts the discriminator tag into the location
            current = kinds[part]
            continue
        info = current.model_fields.get(part) if isinstance(part, str) else None
        if info is None:
            for f in current.model_fields.values():
                if f.alias == part:
                    info = f
        if info is None:
            if isinstance(part, int):
                node = node_next
                continue
            return current
        sub = _model_in_annotation(info.annotation)
        if isinstance(node_next, dict) and "kind" in node_next and node_next["kind"] in kinds:
            sub = kinds[node_next["kind"]]
        current = sub
        node = node_next
    return current


def _model_in_annotation(annotation: Any) -> type[BaseModel] | None:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in_annotation(arg)
        if found is not None:
            return found
    return None


def _validation_error(exc: ValidationError, src: Located, model: type[BaseModel], base: tuple = ()) -> RuleError:
    err = exc.errors()[0]
    loc = tuple(p for p in err["loc"])
    # pydantic adds the discriminator value to the location of union members
    data_loc = tuple(p for p in loc if not (isinstance(p, str) and p in
                     ("presence", "response", "restatement", "interruption", "each", "name", "str", "Example")))
    line = src.line_of(base + data_loc)
    where = ".".join(str(p) for p in data_loc) or "(top level)"
    hint = None
    if err["type"] == "extra_forbidden":
        key = data_loc[-1] if data_loc else ""
        owner = _resolve_model(model, _dig(src.data, base), loc[:-1])
        if owner is not None:
            hint = suggest(str(key), _model_fields(owner))
        message = f"unknown key {key!r}"
    elif err["type"] == "missing":
        message = f"missing required key {where!r}"
    elif err["type"] == "union_tag_invalid":
        kind = err.get("input", {}).get("kind") if isinstance(err.get("input"), dict) else None
        message = f"unknown check kind {kind!r}"
        from .model import CHECK_KINDS

        hint = suggest(str(kind), CHECK_KINDS) or "kinds: " + ", ".join(CHECK_KINDS)
    elif err["type"] == "union_tag_not_found":
        message = f"{where}: missing 'kind'"
    else:
        message = f"{where}: {err['msg']}"
    return RuleError(message, file=src.file, line=line, hint=hint)


def _dig(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def load_rule_file(path: Path) -> Rule:
    from .yamlsource import load_yaml  # here: a rule set from the pack cache reads no YAML

    src = load_yaml(path)
    if not isinstance(src.data, dict):
        raise RuleError("a rule file must be a YAML mapping", file=src.file, line=1)
    data = dict(src.data)
    rule_id = path.stem
    if "id" in data and data["id"] != rule_id:
        raise RuleError(f"id {data['id']!r} does not match the file name {rule_id!r}",
                        file=src.file, line=src.line_of(("id",)))
    data["id"] = rule_id
    data["file"] = str(path)
    try:
        rule = Rule.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, src, Rule) from None
    rule._lines = src  # type: ignore[attr-defined]  # kept for query error locations
    return rule


def load_pack_file(path: Path) -> tuple[Pack, Located]:
    from .yamlsource import load_yaml

    src = load_yaml(path)
    if not isinstance(src.data, dict):
        raise RuleError("pack.yaml must be a YAML mapping", file=src.file, line=1)
    try:
        return Pack.model_validate(src.data), src
    except ValidationError as exc:
        raise _validation_error(exc, src, Pack) from None


def _rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".yaml", ".yml") and p.name not in (PACK_FILE, "pack.yml") and p.is_file())


def _packs_near(folder: Path) -> list[str]:
    """Rule pack folders an ``extends:`` beside ``folder`` could mean (for a did-you-mean)."""
    try:
        return [*(p.name for p in folder.iterdir() if p.is_dir() and (p / PACK_FILE).is_file()),
                *(f"../{p.name}" for p in folder.parent.iterdir()
                  if p.is_dir() and p != folder and (p / PACK_FILE).is_file())]
    except OSError:
        return []


def _load_folder(folder: Path, ruleset: RuleSet | None, seen: set[Path]) -> RuleSet:
    folder = folder.resolve()
    if folder in seen:
        raise RuleError("rule packs extend each other in a cycle", file=str(folder))
    seen = seen | {folder}
    pack_path = folder / PACK_FILE
    pack: Pack | None = None
    src: Located | None = None
    if pack_path.is_file():
        pack, src = load_pack_file(pack_path)
        for base in pack.extends:
            base_dir = default_rules_dir() if base == "default" else (folder / base)
            if not base_dir.is_dir():
                near = ["default", *_packs_near(folder)]
                raise RuleError(f"extends {base!r}: no such rule pack folder", file=str(pack_path),
                                line=src.line_of(("extends",)),
                                hint=suggest(base, near) or "'default' (the bundled pack) or a folder relative to "
                                                            "this pack.yaml")
            ruleset = _load_folder(base_dir, ruleset, seen)
    if ruleset is None:
        ruleset = RuleSet(name=pack.name if pack else folder.name, version=pack.version if pack else "0.0.0")
    if pack is not None:
        ruleset.name, ruleset.version = pack.name, pack.version
        ruleset.description = pack.description or ruleset.description
        if "verdict" in pack.model_fields_set:
            ruleset.verdict = pack.verdict
        for key, value in pack.definitions.items():
            ruleset.definitions[key] = value
            ruleset.origins["@" + key] = (str(pack_path), src.line_of(("definitions", key)) if src else None)
        for key, cond in pack.conditions.items():
            ruleset.conditions[key] = cond
            ruleset.origins["condition:" + key] = (str(pack_path), src.line_of(("conditions", key)) if src else None)
            ruleset.condition_sources[key] = (src, ("conditions", key))
    by_id = {r.id: i for i, r in enumerate(ruleset.rules)}
    errors: list[RuleError] = []
    for path in _rule_files(folder):
        try:
            rule = load_rule_file(path)
        except RuleError as exc:  # every bad file of the folder is reported, not only the first
            errors.extend(getattr(exc, "errors", [exc]))
            continue
        if rule.id in by_id:
            ruleset.rules[by_id[rule.id]] = rule
        else:
            by_id[rule.id] = len(ruleset.rules)
            ruleset.rules.append(rule)
    RuleErrors.raise_if_any(errors)
    if pack is not None:
        for rule_id, override in pack.rules.items():
            if rule_id not in by_id:
                raise RuleError(f"override for unknown rule {rule_id!r}", file=str(pack_path),
                                line=src.line_of(("rules", rule_id)) if src else None,
                                hint=suggest(rule_id, by_id))
            rule = ruleset.rules[by_id[rule_id]]
            changes = override.model_dump(exclude_none=True)
            ruleset.rules[by_id[rule_id]] = rule.model_copy(update=changes)
    if pack is not None and "sections" in pack.model_fields_set:
        _check_sections(pack, src, str(pack_path), by_id)
        ruleset.sections = pack.sections
        ruleset.sections_origin = (str(pack_path), src.line_of(("sections",)) if src else None)
    if pack is not None and pack.order:
        unknown = [r for r in pack.order if r not in by_id]
        if unknown:
            raise RuleError(f"order names unknown rule {unknown[0]!r}", file=str(pack_path),
                            line=src.line_of(("order",)) if src else None, hint=suggest(unknown[0], by_id))
        rank = {rid: i for i, rid in enumerate(pack.order)}
        ruleset.rules.sort(key=lambda r: (rank.get(r.id, len(rank)), r.id))
    ruleset.sources.append(str(folder))
    return ruleset


def _check_sections(pack: Pack, src: Located | None, file: str, known: Iterable[str]) -> None:
    """Every rule a section names exists, and no rule is in two sections (errors name the line)."""
    known = list(known)
    owner: dict[str, str] = {}
    for sid, section in pack.sections.items():
        for k, rule_id in enumerate(section.rules):
            line = src.line_of(("sections", sid, "rules", k)) if src else None
            if rule_id not in known:
                raise RuleError(f"section {sid!r} names unknown rule {rule_id!r}", file=file, line=line,
                                hint=suggest(str(rule_id), known))
            if rule_id in owner:
                raise RuleError(f"section {sid!r} lists rule {rule_id!r} twice" if owner[rule_id] == sid else
                                f"rule {rule_id!r} is in sections {owner[rule_id]!r} and {sid!r} (a rule belongs "
                                f"to one section)", file=file, line=line)
            owner[rule_id] = sid


def _check_unplaced(ruleset: RuleSet) -> None:
    """With sections, every enabled rule is in one: a rule left out would silently not count."""
    if not ruleset.sections:
        return
    placed = {rid for s in ruleset.sections.values() for rid in s.rules}
    missing = [r.id for r in ruleset.enabled_rules if r.id not in placed]
    if missing:
        file, line = ruleset.sections_origin or (None, None)
        shown = ", ".join(repr(m) for m in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise RuleError(f"sections: rule{'s' if len(missing) > 1 else ''} {shown} "
                        f"{'are' if len(missing) > 1 else 'is'} in no section", file=file, line=line,
                        hint="add each to a section's rules, or disable it (rules: {ID: {enabled: false}})")


def load_ruleset(paths: Iterable[str | Path] | None = None) -> RuleSet:
    """Load one or more rule folders or files; later ones override earlier rules by id."""
    paths = [Path(p) for p in (paths or [])] or [default_rules_dir()]
    ruleset: RuleSet | None = None
    for path in paths:
        if path.is_dir():
            ruleset = _load_folder(path, ruleset, set())
        elif path.is_file():
            if path.name in (PACK_FILE, "pack.yml"):
                ruleset = _load_folder(path.parent, ruleset, set())
                continue
            if ruleset is None:
                # a lone rule file uses the default pack's definitions and conditions
                ruleset = _load_folder(default_rules_dir(), None, set())
                ruleset.rules = []
                ruleset.name, ruleset.version = path.stem, "0.0.0"
            rule = load_rule_file(path)
            ruleset.rules = [r for r in ruleset.rules if r.id != rule.id] + [rule]
            ruleset.sources.append(str(path))
        else:
            raise RuleError("no such rule file or folder", file=str(path))
    assert ruleset is not None
    if not ruleset.rules:
        raise RuleError("the rule set has no rules", file=str(paths[0]))
    _check_unplaced(ruleset)
    return ruleset
