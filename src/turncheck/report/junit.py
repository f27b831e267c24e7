"""``junit``: JUnit XML for CI test viewers (Jenkins, GitLab, Azure, GitHub actions).

One ``<testsuite>`` per transcript (name = source), one ``<testcase>`` per rule
(``classname`` = source, ``name`` = rule id). A failed rule is a
``<failure>`` whose message is the finding and whose text holds the evidence
and the near miss; ``na`` and ``waived`` are ``<skipped>`` with the reason; an
input that could not be read or parsed is one ``<error>`` test case. Times are
always 0 so that the same input gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import Renderer, register
from ..scorecard import verdict_of
from .common import card_warnings, error_text, evidence_lines, fmt_num, waiver_text
from .summary import Summary

# characters XML 1.0 cannot carry at all (transcripts may contain them)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value) -> str:
    return _XML_BAD.sub("\ufffd", "" if value is None else str(value))


@register
class JUnitRenderer(Renderer):
    name = "junit"
    display_safe = True

    def close(self, summary: Summary) -> None:
        root = ET.Element("testsuites", name=xml_text(f"turncheck {self.ruleset.name} {self.ruleset.version}"))
        totals = dict(tests=0, failures=0, errors=0, skipped=0)
        for i, card in enumerate(self.cards):
            suite, counts = self._suite(card, i)
            root.append(suite)
            for k in totals:
                totals[k] += counts[k]
        for k, v in totals.items():
            root.set(k, str(v))
        root.set("time", "0")
        ET.indent(root, space="  ")
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")

    def _suite(self, card, index: int):
        source = xml_text(card.source)
        suite = ET.Element("testsuite", name=source, id=str(index))
        props = ET.SubElement(suite, "properties")
        for key, value in (("transcript", card.transcript), ("format", card.format), ("status", card.status),
                           ("verdict", verdict_of(card)), ("verdict_reason", card.verdict_reason),
                           ("score", fmt_num(card.score)),
                           ("ruleset", f"{card.ruleset.name} {card.ruleset.version}")):
            if value not in (None, ""):
                ET.SubElement(props, "property", name=key, value=xml_text(value))
        for key in sorted(card.metadata):
            if key in ("agent_name", "agent_id", "channel", "queue", "start_time") and card.metadata[key] is not None:
                ET.SubElement(props, "property", name=key, value=xml_text(card.metadata[key]))
        counts = dict(tests=0, failures=0, errors=0, skipped=0)
        if card.status == "error":
            case = ET.SubElement(suite, "testcase", classname=source, name="input", time="0")
            kind = card.error.kind if card.error else "error"
            err = ET.SubElement(case, "error", message=xml_text(error_text(card)), type=xml_text(kind))
            err.text = xml_text(card.error.message if card.error else "")
            counts["tests"] += 1
            counts["errors"] += 1
        for r in card.rules:
            case = ET.SubElement(suite, "testcase", classname=source, name=xml_text(r.id), time="0")
            counts["tests"] += 1
            if r.status == "fail":
                node = ET.SubElement(case, "failure", message=xml_text(r.message), type=xml_text(r.severity))
                lines = [r.message, f"severity {r.severity}, weight {fmt_num(r.weight)}"] + evidence_lines(r, None)
                node.text = xml_text("\n".join(lines))
                counts["failures"] += 1
            elif r.status == "na":
                ET.SubElement(case, "skipped", message=xml_text(r.message or "not applicable"))
                counts["skipped"] += 1
            elif r.status == "waived":
                reason = waiver_text(r.waiver) or "waived"
                ET.SubElement(case, "skipped", message=xml_text(f"waived: {reason} ({r.message})"))
                counts["skipped"] += 1
            elif r.evidence:
                out = ET.SubElement(case, "system-out")
                out.text = xml_text("\n".join([r.message] + evidence_lines(r, None)))
        warnings = card_warnings(card)
        for warning in warnings:
            ET.SubElement(props, "property", name="warning", value=xml_text(warning))
        if warnings:
            ET.SubElement(suite, "system-err").text = xml_text("\n".join(f"warning: {w}" for w in warnings))
        for k, v in counts.items():
            suite.set(k, str(v))
        suite.set("time", "0")
        return suite, counts
