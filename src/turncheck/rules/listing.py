"""The rule set as plain data: what ``turncheck rules list --format json`` prints and ``GET /v1/rules`` serves."""

from __future__ import annotations

from typing import Any, Iterable


def rules_document(ruleset, checked: Iterable[str] | None = None) -> dict[str, Any]:
    """``{"ruleset": {name, version, description}, "rules": [...]}``: per rule its id, title, description,
    severity, weight, when it applies, its check kind, whether it is enabled in the pack, and ``checked``:
    whether a check with these options runs it (``checked`` names those rules; None: every enabled rule).

    No file paths: the document is served over HTTP, and where the pack lives is the operator's business."""
    active = None if checked is None else set(checked)
    rules = []
    for r in ruleset.rules:
        rules.append({
            "id": r.id,
            "title": r.title,
            "description": " ".join(r.description.split()),
            "severity": r.severity,
            "weight": r.weight,
            "applies_when": r.applies_when,
            "check": r.check.kind,
            "enabled": r.enabled,
            "checked": r.enabled if active is None else r.id in active,
        })
    return {"ruleset": {"name": ruleset.name, "version": ruleset.version,
                        "description": " ".join((ruleset.description or "").split())},
            "rules": rules}
