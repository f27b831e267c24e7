"""csv, junit, sarif and md on constructed scorecards."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import report_samples as S
from turncheck.report import RENDERERS, get_renderer

HERE = Path(__file__).parent


def test_all_formats_registered():
    assert {"table", "json", "jsonl", "csv", "md", "junit", "sarif"} <= set(RENDERERS)


def test_unknown_format_is_a_usage_error():
    from turncheck.errors import UsageError

    with pytest.raises(UsageError):
        get_renderer("pdf")


# -- csv ---------------------------------------------------------------------------------------------------------

def test_csv_one_row_per_transcript_and_rule(cards):
    text = S.render("csv", cards)
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = sum(max(len(c.rules), 1) for c in cards)
    assert len(rows) == expected == 3 * 6 + 1
    call = [r for r in rows if r["source"] == "calls/2024-05-01/c123.vtt"]
    assert [r["rule_id"] for r in call] == [r["id"] for r in S.RULES]
    apology = next(r for r in call if r["rule_id"] == "apology")
    assert apology["rule_status"] == "fail" and apology["card_status"] == "fail"
    assert apology["severity"] == "major" and apology["weight"] == "2"
    assert apology["evidence_turn"] == "2" and apology["quote"] == "I was charged twice for my card renewal"
    assert apology["score"] == cards[0].model_dump()["score"].__format__("g")
    err = next(r for r in rows if r["card_status"] == "error")
    assert err["rule_status"] == "error" and "parse error at line 3" in err["message"] and err["score"] == ""


def test_csv_guards_against_spreadsheet_formulas():
    c, t = S.hostile()
    c.rules[0].evidence[0].quote = "=HYPERLINK(\"x\")"
    rows = list(csv.DictReader(io.StringIO(S.render("csv", [c]))))
    assert rows[0]["quote"] == "'=HYPERLINK(\"x\")"
    rows = list(csv.DictReader(io.StringIO(S.render("csv", [c], formula_guard=False))))
    assert rows[0]["quote"] == "=HYPERLINK(\"x\")"


def test_csv_loads_in_pandas(cards):
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(io.StringIO(S.render("csv", cards)))
    assert len(df) == 19 and list(df.columns)[:6] == ["transcript", "source", "format", "card_status", "score",
                                                      "rule_id"]


# -- junit -------------------------------------------------------------------------------------------------------

def test_junit_parses_with_counts(cards):
    text = S.render("junit", cards)
    root = ET.fromstring(text.encode())
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [c.source for c in cards]
    call = suites[0]
    assert (call.get("tests"), call.get("failures"), call.get("skipped"), call.get("errors")) == ("6", "2", "2", "0")
    cases = call.findall("testcase")
    assert [c.get("name") for c in cases] == [r["id"] for r in S.RULES]
    assert all(c.get("classname") == "calls/2024-05-01/c123.vtt" for c in cases)
    apology = cases[1].find("failure")
    assert apology.get("message") == "no agent apology after the complaint in turn 2"
    assert "trigger: turn 2 customer" in apology.text and "closest: turn 5 agent" in apology.text
    assert "71.5% similar" in apology.text
    assert cases[4].find("skipped").get("message") == "not applicable: no follow-up promised"
    assert "waived: network fee wording approved" in cases[5].find("skipped").get("message")
    err = suites[2]
    assert err.get("errors") == "1" and err.find("testcase/error").get("type") == "parse"
    totals = {k: sum(int(s.get(k)) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
    assert {k: int(root.get(k)) for k in totals} == totals


def test_junit_strips_characters_xml_cannot_carry():
    c, _ = S.hostile()
    c.rules[0].message = "bad \x00\x1b control"
    root = ET.fromstring(S.render("junit", [c]).encode())
    # shown as control pictures (the text formats' display rule), which XML carries
    assert root.find(".//failure").get("message") == "bad ␀␛ control"


def test_junit_reads_with_junitparser(cards, tmp_path):
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "report.xml"
    path.write_text(S.render("junit", cards), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 4
    results = {(case.classname, case.name): [type(r).__name__ for r in case.result] for s in suites for case in s}
    assert results[("calls/2024-05-01/c123.vtt", "apology")] == ["Failure"]
    assert results[("calls/2024-05-01/c123.vtt", "follow-up")] == ["Skipped"]
    assert results[("calls/2024-05-01/c123.vtt", "greeting")] == []
    assert results[("chats/broken.json", "input")] == ["Error"]


# -- sarif -------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("with_rules", [True, False])
def test_sarif_validates_against_the_schema(cards, sarif_validator, with_rules):
    opts = {"rules": S.RULES} if with_rules else {}
    doc = json.loads(S.render("sarif", cards, **opts))
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_content(cards):
    doc = json.loads(S.render("sarif", cards, rules=S.RULES))
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "turncheck"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [r["id"] for r in S.RULES] + ["input-error"]
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["no-blame-shifting"]["defaultConfiguration"]["level"] == "error"
    assert by_id["apology"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["greeting"]["defaultConfiguration"]["level"] == "note"
    assert by_id["apology"]["properties"]["weight"] == 2.0
    assert by_id["apology"]["shortDescription"]["text"] == "Apologise for the problem"
    assert "Service-recovery" in by_id["apology"]["help"]["text"]
    results = run["results"]
    fails = [(c.source, r.id) for c in cards for r in c.rules if r.status in ("fail", "waived")]
    assert len(results) == len(fails) + 1
    apology = next(r for r in results if r["ruleId"] == "apology" and "c123" in
                   r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    loc = apology["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "calls/2024-05-01/c123.vtt"
    assert loc["region"]["startLine"] == 3 + 3 * 2
    assert loc["region"]["snippet"]["text"] == "I was charged twice for my card renewal"
    assert apology["message"]["text"].startswith("no agent apology after the complaint in turn 2")
    assert "71.5% similar" in apology["message"]["text"]
    assert apology["level"] == "warning" and driver["rules"][apology["ruleIndex"]]["id"] == "apology"
    waived = next(r for r in results if r["ruleId"] == "no-blame-shifting" and "suppressions" in r)
    assert waived["suppressions"][0]["justification"].startswith("network fee wording")
    err = next(r for r in results if r["ruleId"] == "input-error")
    assert err["level"] == "error" and err["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_rules_without_metadata_come_from_the_cards(cards):
    doc = json.loads(S.render("sarif", cards))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules if r["id"] != "input-error") == sorted(r["id"] for r in S.RULES)


def test_sarif_uri_of_odd_paths(sarif_validator):
    from turncheck.report.sarif import artifact_uri

    assert artifact_uri("calls/a b.vtt") == "calls/a%20b.vtt"
    assert artifact_uri("/data/x.vtt") == "file:///data/x.vtt"
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"
    c, _ = S.hostile()
    doc = json.loads(S.render("sarif", [c]))
    assert not list(sarif_validator.iter_errors(doc))


# -- markdown ----------------------------------------------------------------------------------------------------

def test_markdown_shape(cards):
    text = S.render("md", cards, rules=S.RULES)
    assert text.startswith("# turncheck scorecards: default 1.2.0\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:4] == [
        f"## ❌ calls/2024-05-01/c123.vtt (fail, score {cards[0].score:g})",
        f"## ❌ chats/chat-013.txt (fail, score {cards[1].score:g})",
        "## ⚠️ chats/broken.json (error)",
        "## ✅ chats/chat-007.txt (ok, score 100)",
    ]
    assert "## Summary per rule" in text
    assert "| rule | status | severity | finding |" in text
    assert "| **apology** | ❌ fail | major | no agent apology after the complaint in turn 2" in text
    assert "> *trigger* — turn 2, Customer @0:08.1:\n> I was charged twice for my card renewal" in text
    assert "> *closest agent turn, 71.5% similar* — turn 5" in text
    assert "| follow\\-up | ➖ n/a | major | not applicable: no follow\\-up promised |" not in text  # no escaping mid-word
    assert "| follow-up | ➖ n/a | major | not applicable: no follow-up promised |" in text
    assert "> ⚠️ **parse error at line 3: expected ',' or '}' after an object member**" in text
    # every table row has the same number of cells as its header
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if lines:
            widths = {line.replace("\\|", "").count("|") for line in lines}
            assert len(widths) == 1, block


def test_markdown_escapes_hostile_text():
    c, _ = S.hostile()
    text = S.render("md", [c])
    import re

    prose = re.sub(r"`[^`]*`", "", text)  # code spans render literally
    assert not re.search(r"(?<!\\)[<>]", prose.replace("\n>", "\n").replace("\n> ", "\n"))
    assert "\\<script\\>alert(1)\\</script\\>" in text


@pytest.mark.parametrize("fmt", ["csv", "junit", "sarif", "md", "json", "table"])
def test_deterministic(fmt):
    a = S.render(fmt, [c for c, _ in S.sample_set()], rules=S.RULES)
    b = S.render(fmt, [c for c, _ in S.sample_set()], rules=S.RULES)
    assert a == b


@pytest.mark.parametrize("fmt", ["csv", "junit", "sarif", "md", "json", "jsonl", "table"])
def test_every_format_accepts_transcripts_and_empty_runs(fmt, samples):
    S.render(fmt, samples)
    S.render(fmt, [])


def test_sarif_same_bytes_after_a_json_round_trip(cards):
    """A trigger that is also the first evidence is one location, whether it is the same object (checked in
    this process) or an equal copy (a card decoded from a worker's JSON): ``--jobs`` must not change the bytes."""
    from turncheck.scorecard import Scorecard

    shared = []
    for c in cards:
        c = c.model_copy(deep=True)
        for r in c.rules:
            if r.evidence and r.status == "fail":
                r.trigger = r.evidence[0]  # the same object, as the checker builds it
        shared.append(c)
    decoded = [Scorecard.model_validate_json(c.model_dump_json()) for c in shared]
    assert any(r.trigger is not None and r.trigger == r.evidence[0] and r.trigger is not r.evidence[0]
               for c in decoded for r in c.rules if r.evidence)
    assert S.render("sarif", shared, rules=S.RULES) == S.render("sarif", decoded, rules=S.RULES)
