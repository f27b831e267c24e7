"""``--redact``: personal data masked in every quote and message; spans keep pointing at the original."""

from __future__ import annotations

import pytest

from turncheck.redact import luhn_ok, redact_text

from .conftest import CHAT_PII, jsonl_cards


@pytest.mark.parametrize("text, expected", [
    ("mail dana.smith+x@example.co.uk now", "mail [EMAIL] now"),
    ("card 4111 1111 1111 1111.", "card [CARD]."),
    ("card 4111-1111-1111-1111 or 4111111111111111", "card [CARD] or [CARD]"),
    ("ref 4111 1111 1111 1112", "ref 4111 1111 1111 1112"),  # not Luhn-valid: an order number, kept
    ("IBAN GB82 WEST 1234 5698 7654 32 / DE89370400440532013000", "IBAN [IBAN] / [IBAN]"),
    ("ssn 123-45-6789", "ssn [SSN]"),
    ("+44 20 7946 0958, (555) 123-4567, 555.123.4567, 5551234567", "[PHONE], [PHONE], [PHONE], [PHONE]"),
    ("order 48213 on 2024-05-01 at 10:30, ext. 4411, in 3-5 days, $1,234.56, v1.2.3",
     "order 48213 on 2024-05-01 at 10:30, ext. 4411, in 3-5 days, $1,234.56, v1.2.3"),
    ("no digits or at-signs here", "no digits or at-signs here"),
])
def test_redact_text(text, expected):
    assert redact_text(text) == expected


def test_redaction_is_idempotent():
    once = redact_text("call +1-800-555-0199 or mail a@b.io, card 4111 1111 1111 1111")
    assert redact_text(once) == once


def test_luhn():
    assert luhn_ok("4111111111111111") and luhn_ok("79927398713") and not luhn_ok("4111111111111112")


def test_redact_every_output(cli, tmp_path, isolated):
    chat = tmp_path / "pii.txt"
    chat.write_text(CHAT_PII, encoding="utf-8")
    plain = cli(chat, "-j", "1", "--format", "jsonl", "-q").stdout
    assert "4111 1111 1111 1111" in plain or "dana@example.com" in plain or "7946" in plain
    for fmt in ("jsonl", "json", "table"):
        out = cli(chat, "-j", "1", "--format", fmt, "-q", "--redact").stdout
        for secret in ("4111 1111 1111 1111", "dana@example.com", "7946 0958"):
            assert secret not in out, (fmt, secret)
    card = jsonl_cards(cli(chat, "-j", "1", "--format", "jsonl", "-q", "--redact").stdout)[0]

    def quotes(c):
        return [e for r in c["rules"] for e in r["evidence"] + [r["trigger"], r["near_miss"]] if e]

    assert any("[PHONE]" in e["quote"] or "[CARD]" in e["quote"] for e in quotes(card))
    # spans are left pointing at the original turn text
    original = jsonl_cards(plain)[0]
    assert [(e["turn"], e["span"]) for e in quotes(card)] == [(e["turn"], e["span"]) for e in quotes(original)]
    # the same with a pool
    assert cli(chat, "-j", "2", "--format", "jsonl", "-q", "--redact").stdout == \
        cli(chat, "-j", "1", "--format", "jsonl", "-q", "--redact").stdout


def test_customer_name_masked(cli, tmp_path, isolated):
    import json

    doc = {"meta": {"customer_name": "Ana Lima", "agent_name": "Jordan"}, "turns": [
        {"speaker": "customer", "text": "Hi, I'm Ana Lima, my laptop came back broken."},
        {"speaker": "agent", "text": "I'm sorry, Ana. I'll send a courier tomorrow and email you by 5pm."}]}
    f = tmp_path / "named.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    out = cli(f, "-j", "1", "--format", "jsonl", "-q", "--redact").stdout
    card = jsonl_cards(out)[0]
    assert "Ana" not in out.replace(str(f), "")
    assert card["metadata"].get("agent_name") == "Jordan"
