"""Redaction gaps closed in every output (issue 13, item 10): one transcript holding every kind of personal data,
through all eight formats with --redact; none of it survives, names in the file name included."""

from __future__ import annotations

import json
import re

import pytest

from turncheck.redact import given_names, iban_ok, redact_name, redact_text

from .conftest import assert_no_traceback, check

FORMATS = ["table", "md", "csv", "junit", "html", "jsonl", "json", "sarif"]
#: planted personal data: none of these may appear (as a word) in a redacted output
SECRETS = ["07911", "123456", "07700", "900123", "12345678", "gb82west12345698765432", "4111", "123456789",
           "Tom", "Reyes", "Ana", "Lima", "dana@example.com"]
DOC = {"meta": {"customer_name": "Ana Lima", "agent_name": "Jordan"}, "turns": [
    {"speaker": "customer", "text": "Hi, I am Tom Reyes. Call me on 07911 123456 or 07700 900123, office "
                                    "030 12345678, or mail dana@example.com."},
    {"speaker": "agent", "text": "I'm so sorry, Tom. I'll refund you today and email you by 5pm, Ana."},
    {"speaker": "customer", "text": "My iban is gb82west12345698765432 and card 4111.1111.1111.1111, "
                                    "ssn 123456789."},
    {"speaker": "agent", "text": "Thanks Ana Lima, so your card 4111.1111.1111.1111 was charged twice? "
                                 "The bank did that, that's their fault, Tom, not ours."}]}


def _found(text: str) -> list[str]:
    return [s for s in SECRETS if re.search(rf"(?<![A-Za-z0-9]){re.escape(s)}(?![A-Za-z0-9])", text, re.I)]


@pytest.fixture
def planted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tom-reyes_07911123456.json").write_text(json.dumps(DOC), encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_redact_leaves_no_planted_data_in_any_format(tmp_path, planted, fmt):
    out = tmp_path / f"out.{fmt}"
    res = check(planted, "--redact", "--format", fmt, "-j", "1", "-o", out)
    assert_no_traceback(res)
    assert res.returncode == 1  # fails (blame shifting): sarif lists it too
    text = out.read_text(encoding="utf-8")
    assert _found(text) == []
    # (sarif: in the percent-encoded file URI; md: with its brackets escaped)
    assert "[NAME]" in text or "%5BNAME%5D" in text or "\\[NAME\\]" in text
    if fmt == "html":  # the conversation bubbles: the known name and the name given in the text
        assert "I am [NAME] [NAME]. Call me on [PHONE] or [PHONE], office [PHONE]" in text
    # without --redact the same output does show them (the test plants what it claims)
    plain = tmp_path / f"plain.{fmt}"
    check(planted, "--format", fmt, "-j", "1", "-o", plain)
    assert _found(plain.read_text(encoding="utf-8"))


def test_redacted_pool_output_equals_in_process(tmp_path, planted):
    one = check(planted, "--redact", "--format", "jsonl", "-j", "1").stdout
    two = check(planted, "--redact", "--format", "jsonl", "-j", "2").stdout
    assert one == two and b'"source":"' in one and b"[NAME]-[NAME]_[PHONE].json" in one


@pytest.mark.parametrize("text, expected", [
    ("mobile 07911 123456, 07700 900123 or 030 12345678", "mobile [PHONE], [PHONE] or [PHONE]"),
    ("iban gb82west12345698765432 / GB82WEST12345698765432", "iban [IBAN] / [IBAN]"),
    ("iban gb82west12345698765433", "iban gb82west12345698765433"),  # fails mod 97: kept
    ("card 4111.1111.1111.1111", "card [CARD]"),
    ("ssn 123456789, ssn 123-45-6789", "ssn [SSN], ssn [SSN]"),
    ("order 48213 on 2024-05-01, ext. 4411, v1.2.3, 3.14159", "order 48213 on 2024-05-01, ext. 4411, v1.2.3, 3.14159"),
])
def test_redact_text_gaps(text, expected):
    assert redact_text(text) == expected


def test_iban_checksum():
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and iban_ok("de89370400440532013000")
    assert not iban_ok("GB82 WEST 1234 5698 7654 33")


@pytest.mark.parametrize("text, names", [
    ("Hi, I am Tom Reyes and my parcel is late", ["Tom Reyes"]),
    ("my name is Dana, I'm really upset", ["Dana"]),
    ("I'm Sorry to bother you. This is Priya Shah from flat 2", ["Priya Shah"]),
    ("I am not happy. I'm afraid it broke", []),
])
def test_given_names(text, names):
    assert given_names([text]) == names


def test_redact_name_masks_parts_of_a_path():
    from turncheck.redact import redactor

    assert redact_name("calls/tom-reyes_07911123456.txt", redactor(["Tom Reyes"])) == \
        "calls/[NAME]-[NAME]_[PHONE].txt"


def test_cache_keeps_redacted_and_plain_runs_apart(tmp_path, planted):
    """A --redact run's cards note the names given in the text; a later plain run must not be served them,
    and a later --redact run served from the cache must still mask them."""
    cache = tmp_path / "cache"
    plain = check(planted, "--format", "jsonl", "-j", "1").stdout
    redacted = check(planted, "--format", "jsonl", "-j", "1", "--redact").stdout
    assert check(planted, "--format", "jsonl", "-j", "1", "--redact", "--cache", cache).stdout == redacted
    assert check(planted, "--format", "jsonl", "-j", "1", "--cache", cache).stdout == plain
    again = check(planted, "--format", "jsonl", "-j", "1", "--redact", "--cache", cache, "--no-progress")
    assert again.stdout == redacted and _found(again.stdout.decode()) == []
