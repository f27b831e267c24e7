"""``sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, VS Code).

``tool.driver.rules`` describes every rule (from the ``rules=`` option when the
CLI passes the rule set, else from what the scorecards say); each failed rule is
one ``result`` located at the transcript file and, when the importer knew it,
the line of the evidence (``region.startLine``, with the quote as snippet). The
trigger (e.g. the complaint) and the near miss are ``relatedLocations``. A waived
failure is a result with a ``suppression``; an input that could not be read or
parsed is a result of the rule ``input-error``.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import quote

from .. import jsontext

from ..scorecard import Evidence, verdict_of
from . import Renderer, register
from .common import (SARIF_LEVEL, card_warnings, error_text, fmt_num, one_line, rule_ids, rule_meta, waiver_text,
                     where)
from .summary import Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INPUT_ERROR = "input-error"


def artifact_uri(source: str) -> str:
    """A relative (or ``file:``) URI reference for a source path (a name that is not valid UTF-8 keeps its bytes,
    percent-encoded)."""
    if source.startswith("<") and source.endswith(">"):  # <stdin>, <text>
        return quote(source, safe="")
    path = source.replace(os.sep, "/") if os.sep != "/" else source
    if os.path.isabs(source):
        return "file://" + quote(_raw(path if path.startswith("/") else "/" + path), safe="/")
    return quote(_raw(path), safe="/")


def _raw(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def _tool_version() -> str | None:
    try:
        from importlib.metadata import version
        return version("turncheck")
    except Exception:  # PackageNotFoundError, or metadata unavailable
        return None


@register
class SarifRenderer(Renderer):
    name = "sarif"

    def close(self, summary: Summary) -> None:
        meta = rule_meta(self.options.get("rules"))
        ids = rule_ids(self.cards, meta)
        seen = {r.id: r for c in self.cards for r in c.rules}
        rules = [self._descriptor(rid, meta.get(rid), seen.get(rid)) for rid in ids]
        if any(c.status == "error" for c in self.cards):
            ids.append(INPUT_ERROR)
            rules.append({"id": INPUT_ERROR, "name": "InputError",
                          "shortDescription": {"text": "A transcript could not be read or parsed."},
                          "fullDescription": {"text": "The input could not be read or parsed, so no rule was "
                                                      "checked; the message says what is wrong and where."},
                          "defaultConfiguration": {"level": "error"}})
        index = {rid: i for i, rid in enumerate(ids)}
        results = []
        for card in self.cards:
            if card.status == "error":
                results.append(self._error_result(card, index[INPUT_ERROR]))
            for r in card.rules:
                if r.status in ("fail", "waived"):
                    results.append(self._result(card, r, index[r.id]))
        driver: dict = {"name": "turncheck", "rules": rules}
        version = _tool_version()
        if version:
            driver["version"] = version
        run = {
            "tool": {"driver": driver},
            "automationDetails": {"id": f"turncheck/{self.ruleset.name}/{self.ruleset.version}/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"ruleset": self.ruleset.model_dump(mode="json"), "summary": summary.to_dict()},
        }
        notes = [{"level": "warning", "message": {"text": warning},
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(card.source)}}}]}
                 for card in self.cards for warning in card_warnings(card)]
        if notes:  # what a reader must know to trust a transcript's results (no customer turns, ...)
            run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notes}]
        doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        self.out.write(jsontext.dumps(doc, indent=True) + "\n")

    @staticmethod
    def _descriptor(rid: str, meta: dict | None, seen) -> dict:
        meta = meta or {}
        severity = meta.get("severity") or (seen.severity if seen else "major")
        weight = meta.get("weight") if meta.get("weight") is not None else (seen.weight if seen else 1.0)
        title = meta.get("title") or rid
        description = one_line(meta.get("description") or title)
        d = {
            "id": rid,
            "name": "".join(p.capitalize() for p in rid.replace("_", "-").split("-")) or rid,
            "shortDescription": {"text": one_line(title if meta.get("title") else description, 200)},
            "fullDescription": {"text": description},
            "defaultConfiguration": {"level": SARIF_LEVEL.get(severity, "warning")},
            "properties": {"severity": severity, "weight": weight, "tags": ["transcript", "compliance"]
                           + [t for t in meta.get("tags", []) if t not in ("transcript", "compliance")]},
        }
        help_text = [description]
        if meta.get("rationale"):
            help_text.append("Why: " + one_line(meta["rationale"]))
        if meta.get("file"):
            help_text.append(f"Rule file: {meta['file']}")
        d["help"] = {"text": "\n\n".join(help_text)}
        return d

    def _location(self, card, ev: Evidence | None, label: str | None = None, loc_id: int | None = None) -> dict:
        phys: dict = {"artifactLocation": {"uri": artifact_uri(card.source)}}
        if ev is not None:
            region: dict = {}
            if ev.line is not None and ev.line >= 1:
                region["startLine"] = ev.line
            if ev.quote:
                region["snippet"] = {"text": ev.quote}
            if region:
                phys["region"] = region
        loc: dict = {"physicalLocation": phys}
        if loc_id is not None:
            loc["id"] = loc_id
        if ev is not None:
            loc["logicalLocations"] = [{"name": f"turn {ev.turn}", "kind": "element",
                                        "fullyQualifiedName": f"{card.transcript}#turn-{ev.turn}"}]
            loc["message"] = {"text": f"{label + ': ' if label else ''}{where(ev)}"}
        return loc

    def _result(self, card, r, rule_index: int) -> dict:
        primary = r.evidence[0] if r.evidence else r.trigger
        text = r.message
        if r.near_miss is not None:
            nm = r.near_miss
            sim = f", {nm.similarity:g}% similar" if nm.similarity is not None else ""
            text += f" (closest: turn {nm.turn} “{one_line(nm.quote, 120)}”{sim})"
        related = []
        if r.trigger is not None and r.trigger != primary:
            related.append(self._location(card, r.trigger, "trigger", len(related) + 1))
        for ev in r.evidence[1:]:
            related.append(self._location(card, ev, "evidence", len(related) + 1))
        if r.near_miss is not None:
            related.append(self._location(card, r.near_miss, "closest agent turn", len(related) + 1))
        result = {
            "ruleId": r.id,
            "ruleIndex": rule_index,
            "kind": "fail",
            "level": SARIF_LEVEL.get(r.severity, "warning"),
            "message": {"text": text},
            "locations": [self._location(card, primary)],
            "partialFingerprints": {"turncheckFinding/v1": _fingerprint(card.source, card.location, r.id,
                                                                        primary.turn if primary else None)},
            "properties": {"transcript": card.transcript, "score": card.score, "severity": r.severity,
                           "weight": r.weight, "cardStatus": card.status, "cardVerdict": verdict_of(card)},
        }
        if card.location is not None:
            result["properties"]["location"] = card.location
        if related:
            result["relatedLocations"] = related
        if r.status == "waived":
            result["suppressions"] = [{"kind": "external", "state": "accepted",
                                       "justification": waiver_text(r.waiver) or "waived"}]
        return result

    def _error_result(self, card, rule_index: int) -> dict:
        phys: dict = {"artifactLocation": {"uri": artifact_uri(card.source)}}
        if card.error is not None and card.error.line:
            phys["region"] = {"startLine": card.error.line}
        return {
            "ruleId": INPUT_ERROR,
            "ruleIndex": rule_index,
            "kind": "fail",
            "level": "error",
            "message": {"text": error_text(card)},
            "locations": [{"physicalLocation": phys}],
            "partialFingerprints": {"turncheckFinding/v1": _fingerprint(card.source, card.location, INPUT_ERROR,
                                                                        None)},
            "properties": {"transcript": card.transcript, "errorKind": card.error.kind if card.error else None,
                           "score": fmt_num(card.score) or None},
        }


def _fingerprint(*parts) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts)
                          .encode("utf-8", "surrogateescape")).hexdigest()[:32]
