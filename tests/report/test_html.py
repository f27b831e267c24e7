"""``html``: the self-contained scorecard page."""

from __future__ import annotations

import re
import pytest

import report_samples as S
from report_samples import Doc
from turncheck.report.htmlkit import SCRIPT, path_href, script_hash
from turncheck.report.htmlout import locate


@pytest.fixture(scope="module")
def page():
    return S.render("html", S.sample_set(), rules=S.RULES)


def test_one_section_per_transcript_and_a_row_per_rule(page):
    doc = Doc(page)
    sections = [a["id"] for t, a in doc.tags if t == "section" and a.get("id", "").startswith("t")]
    assert sections == ["t0", "t1", "t2", "t3"]
    rows = [a for t, a in doc.tags if t == "tr" and re.fullmatch(r"t0-r\d+", a.get("id", ""))]
    assert len(rows) == 6 and [r["class"] for r in rows] == ["r-pass", "r-fail", "r-fail", "r-pass", "r-na",
                                                              "r-waived"]
    overview = [a for t, a in doc.tags if t == "tr" and "data-status" in a]
    assert [r["data-status"] for r in overview] == ["fail", "fail", "error", "pass"]


def test_every_finding_links_to_a_highlighted_mark(page):
    doc = Doc(page)
    ids = {a["id"] for _, a in doc.tags if "id" in a}
    marks = doc.find("mark")
    assert marks, "evidence is highlighted"
    links = [a["href"][1:] for t, a in doc.tags if t == "a" and re.fullmatch(r"#t\d+-e\d+", a.get("href", ""))]
    assert links and all(target in ids for target in links)
    # the complaint (trigger) and the near miss have their own styles
    classes = {c for m in marks for c in m["class"].split()}
    assert {"m-trigger", "m-near", "m-evidence", "m-ok", "m-waived"} <= classes
    # the highlight wraps exactly the quote
    assert re.search(r'<mark class="m-trigger" id="t0-e\d+" title="apology: trigger">I was charged twice for my '
                     r"card renewal</mark>", page)
    assert re.search(r'<mark class="m-near" id="t0-e\d+" title="apology: closest">I understand that&#x27;s '
                     r"frustrating.</mark>", page)
    # and each highlighted turn links back to its finding
    assert '<a class="t-trigger" href="#t0-r1">' in page


def test_na_shows_its_reason_and_error_cards_their_error(page):
    assert '<p class="msg reason">not applicable: no follow-up promised</p>' in page
    assert "parse error at line 3" in page and "expected &#x27;,&#x27; or &#x27;}&#x27; after an object member" in page


def test_timed_call_has_a_timeline_and_overlaps(page):
    assert '<svg class="tl"' in page and page.count('<ol class="turns timed">') == 1
    assert page.count('<ol class="turns chat">') == 2
    assert "overlap 0.9 s" in page  # agent turn 3 starts before customer turn 2 ends
    assert '<div class="when"><b>0:12.6</b>0:15.0</div>' in page


def test_without_transcripts_shows_quotes_only():
    page = S.render("html", [c for c, _ in S.sample_set()])
    assert "<mark" not in page
    assert "The conversation was not included" in page
    assert "“" not in page and "<q>I was charged twice for my card renewal</q>" in page


def test_transcripts_option_mapping_and_callable():
    pairs = S.sample_set()
    by_source = {c.source: t for c, t in pairs if t is not None}
    for option in (by_source, by_source.get):
        page = S.render("html", [c for c, _ in pairs], transcripts=option)
        assert page.count("The conversation was not included") == 0
        assert "<mark" in page


def test_escapes_every_piece_of_hostile_text():
    card, transcript = S.hostile()
    page = S.render("html", [(card, transcript)], rules=[{"id": "apology", "title": "<script>alert(1)</script>"}])
    doc = Doc(page)
    tags = {t for t, _ in doc.tags}
    assert "img" not in tags and "textarea" not in tags
    assert "<b>bold</b>" not in page and "<b>x</b>" not in page and "<b>waived</b>" not in page
    assert len(doc.scripts) == 1 and doc.scripts[0] == SCRIPT  # ours, and only ours
    for tag, attrs in doc.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for k in ("href", "src", "action", "xlink:href"):
            if k in attrs:
                assert not attrs[k].lower().startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    svg = [a for t, a in doc.tags if t == "svg"]
    assert all("onload" not in a for a in svg)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # the raw injection strings never appear outside the escaped form
    for bad in S.XSS:
        if "<" in bad:
            assert bad not in page


def test_content_security_policy_allows_only_our_script(page):
    doc = Doc(page)
    csp = doc.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert "default-src 'none'" in csp and f"script-src '{script_hash(SCRIPT)}'" in csp
    assert doc.scripts == [SCRIPT]


def test_no_external_urls(page):
    card, transcript = S.hostile()
    for text in (page, S.render("html", [(card, transcript)])):
        doc = Doc(text)
        for tag, attrs in doc.tags:
            for k in ("href", "src", "xlink:href", "action", "data"):
                v = attrs.get(k)
                if v is None:
                    continue
                assert not v.startswith("//") and "http:" not in v and "https:" not in v, (tag, k, v)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
        assert "@import" not in text


def test_deterministic():
    a = S.render("html", S.sample_set(), rules=S.RULES)
    b = S.render("html", S.sample_set(), rules=S.RULES)
    assert a == b


def test_path_href_never_leaves_the_page():
    assert path_href("calls/a b.vtt") == "calls/a%20b.vtt"
    assert path_href("javascript:alert(1)") == "javascript%3Aalert%281%29"
    assert path_href("//evil.example/x") == "/evil.example/x"
    assert path_href("C:\\data\\x.vtt") == "C%3A/data/x.vtt"


@pytest.mark.parametrize("span,quote,text,expected", [
    ((6, 19), "charged twice", "I was charged twice", (6, 19)),
    ((0, 3), "charged twice", "I was charged twice", (6, 19)),     # stale span: found by search
    ((0, 3), "CHARGED", "I was charged twice", (6, 13)),           # case differs
    ((0, 5), "not there", "I was charged twice", (0, 5)),          # trust a valid span
    ((10, 99), "not there", "short", None),                         # nothing to mark
])
def test_locate(span, quote, text, expected):
    ev = S.Evidence(turn=0, role="agent", quote=quote, span=span)
    assert locate(text, ev) == expected


def test_overlapping_marks_split_into_segments():
    from turncheck.report.htmlout import Ref, highlight

    r = S.result("apology", "fail", "x")
    ev = S.Evidence(turn=0, role="agent", quote="", span=(0, 1))
    refs = [Ref("trigger", ev, "a1", "f", r, (0, 9)), Ref("evidence", ev, "a2", "f", r, (5, 14))]
    out = highlight("abcdefghijklmnop", refs)
    assert out == ('<mark class="m-trigger" id="a1" title="apology: trigger">abcde</mark>'
                   '<mark class="m-evidence m-trigger" id="a2" title="apology: trigger; apology: found">fghi</mark>'
                   '<mark class="m-evidence" title="apology: found">jklmn</mark>op')


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "div", "h1", "h2", "h3", "main", "section",
                "span", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "a", "b", "p", "ul", "li", "q",
                "ol", "mark", "svg", "rect", "line", "text", "dl", "dt", "dd", "label", "select", "option", "footer",
                "script", "i"}


def test_arbitrary_text_never_becomes_markup():
    from hypothesis import given, settings, strategies as st

    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)

    @settings(max_examples=60, deadline=None)
    @given(speaker=text, words=st.lists(text, min_size=1, max_size=3), quote_at=st.integers(0, 2), meta=text)
    def check(speaker, words, quote_at, meta):
        turns = [S.Turn(index=k, role=("agent", "customer")[k % 2], speaker=speaker or None, text=w or "x",
                        start=float(k), end=k + 1.5) for k, w in enumerate(words)]
        t = S.Transcript(id=meta or "id", source=meta or "src", format="chat", turns=turns,
                         metadata={"agent_name": meta})
        k = min(quote_at, len(turns) - 1)
        ev = S.Evidence(turn=k, role=turns[k].role, quote=turns[k].text, span=(0, len(turns[k].text)))
        c = S.card(t, [S.result("apology", "fail", meta or "m", evidence=[ev], trigger=ev, near_miss=ev)])
        page = S.render("html", [(c, t)])
        doc = Doc(page)
        assert {tag for tag, _ in doc.tags} <= ALLOWED_TAGS
        assert doc.scripts == [SCRIPT]
        assert not any(k.startswith("on") for _, attrs in doc.tags for k in attrs)

    check()
