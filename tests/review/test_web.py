"""The review workspace over HTTP (Starlette's TestClient): pages, forms, CSRF, token, escaping, limits, mounting."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

import report_samples as S
from report_samples import Doc
from turncheck.review import create_review_app, db, import_results, store, web


def client_for(url: str, mounted: bool = False, token: str | None = None) -> tuple[TestClient, str]:
    app = create_review_app(db_url=url, token=token)
    if mounted:
        return TestClient(Starlette(routes=[Mount("/review", app=app)])), "/review"
    return TestClient(app), ""


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("mounted", [False, True], ids=["standalone", "mounted"])
def test_review_a_transcript_through_the_forms(sqlite_url, results, mounted):
    import_results(results, db_url=sqlite_url)
    c, prefix = client_for(sqlite_url, mounted)
    queue = c.get(prefix + "/")
    assert queue.status_code == 200 and "chats/courier-blame.txt" in queue.text
    link = re.search(r'href="(http://testserver[^"]*/t/\d+)">chats/courier-blame.txt', queue.text).group(1)
    assert link.startswith("http://testserver" + prefix + "/t/")  # links carry the mount prefix
    page = c.get(link)
    assert page.status_code == 200 and "<mark" in page.text  # the scorecard's conversation with highlights
    action = re.search(r'<tr id="f(\d+)" data-rule="apology">.*?action="([^"]+/verdict)"', page.text, re.S)
    fid, verdict_url = int(action.group(1)), action.group(2)
    r = c.post(verdict_url, data={"csrf": csrf_of(page.text), "reviewer": "Ann", "action": "override",
                                  "status": "pass", "note": "she did apologise"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"#f{fid}")
    after = c.get(r.headers["location"])
    assert "reviewing as <b>Ann</b>" in after.text and "she did apologise" in after.text
    assert [(v.reviewer, v.label, v.note) for v in store.latest_verdicts(db.open_engine(sqlite_url))] == [
        ("Ann", "pass", "she did apologise")]
    waiver = re.search(r'href="([^"]+/waiver.yaml)"', after.text).group(1)
    y = c.get(waiver)
    assert y.status_code == 200 and "rule: apology" in y.text and "she did apologise" in y.text
    dispute_url = re.search(r'action="([^"]+/dispute)"', after.text).group(1)
    r = c.post(dispute_url, data={"csrf": csrf_of(after.text), "agent": "Sam", "note": "I said sorry twice"})
    assert r.status_code == 200 and "open dispute" in r.text and "I said sorry twice" in r.text
    resolve_url = re.search(r'action="([^"]+/resolve)"', r.text).group(1)
    done = c.post(resolve_url, data={"csrf": csrf_of(r.text), "reviewer": "Lee", "resolution": "upheld"})
    assert done.status_code == 200 and "upheld</b> by Lee" in done.text
    cal = c.get(prefix + "/calibration")
    assert cal.status_code == 200 and 'data-reviewer="Ann"' in cal.text
    labels = c.get(prefix + "/labels.jsonl")
    assert labels.status_code == 200 and '"reviewer":"Ann"' in labels.text


def test_every_form_post_without_its_csrf_token_is_refused(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    c, _ = client_for(sqlite_url)
    page = c.get("/t/1")
    good = csrf_of(page.text)
    fid = int(re.search(r'/f/(\d+)/verdict', page.text).group(1))
    did = store.open_dispute(db.open_engine(sqlite_url), fid, "Sam", "no")
    posts = [(f"/f/{fid}/verdict", {"reviewer": "Ann", "action": "confirm"}),
             (f"/f/{fid}/dispute", {"agent": "Sam", "note": "x"}),
             (f"/d/{did}/resolve", {"reviewer": "Ann", "resolution": "upheld"})]
    for url, data in posts:
        assert c.post(url, data=data).status_code == 403, url
        assert c.post(url, data=dict(data, csrf="forged")).status_code == 403, url
    assert c.post("/upload", files={"results": ("r.jsonl", b"{}")}).status_code == 403
    fresh = TestClient(create_review_app(db_url=sqlite_url))  # another session's token is not this one's
    assert fresh.post(f"/f/{fid}/verdict", data={"csrf": good, "reviewer": "Eve", "action": "confirm"}).status_code == 403
    assert store.latest_verdicts(db.open_engine(sqlite_url)) == []
    assert c.post(f"/f/{fid}/verdict", data={"csrf": good, "reviewer": "Ann", "action": "confirm"}).status_code == 200


def test_a_shared_token_guards_every_page(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    c, _ = client_for(sqlite_url, token="s3cret")
    r = c.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/login")
    assert c.get("/labels.jsonl", follow_redirects=False).status_code == 303
    assert c.post("/f/1/verdict", data={}).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/", headers={"X-Turncheck-Token": "wrong"}, follow_redirects=False).status_code == 303
    login = c.get("/login")
    assert c.post("/login", data={"csrf": csrf_of(login.text), "token": "nope"}).status_code == 401
    assert c.post("/login", data={"token": "s3cret"}).status_code == 403  # the login form has its CSRF token too
    ok = c.post("/login", data={"csrf": csrf_of(login.text), "token": "s3cret"}, follow_redirects=False)
    assert ok.status_code == 303
    assert c.get("/").status_code == 200  # the session cookie now carries the login
    assert "s3cret" not in c.cookies.get(web.SESSION_COOKIE, "")


def test_hostile_transcript_text_is_escaped_everywhere(sqlite_url):
    card, transcript = S.hostile()
    engine = db.open_engine(sqlite_url)
    store.import_cards(engine, [card], "<script>alert(1)</script>",
                       {store.card_key(card): (None, transcript.model_dump_json())})
    fid = store.detail(engine, 1).findings[0].id
    store.record_verdict(engine, fid, "<img src=x onerror=alert(1)>", "override", "pass", "<script>alert(1)</script>")
    store.open_dispute(engine, fid, "\"><svg onload=alert(1)>", "</textarea></style></script><b>bold</b>")
    c, _ = client_for(sqlite_url)
    pages = [c.get("/").text, c.get("/t/1").text, c.get("/calibration").text]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]
    for html in pages:
        doc = Doc(html)  # the HTML scorecard tests' parser: tags, attributes, scripts as a browser sees them
        assert doc.scripts == [web.SCRIPT]  # ours, and only ours
        assert not {t for t, _ in doc.tags} & {"img", "textarea"}  # (svg: our score bars; no on* below)
        for tag, attrs in doc.tags:
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
            for k in ("href", "src", "action"):
                assert not (attrs.get(k) or "").lower().startswith(("javascript:", "data:")), (tag, attrs)
        for bad in S.XSS:
            if "<" in bad:
                assert bad not in html
    csp = c.get("/t/1").headers["content-security-policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp


def test_upload_imports_results_without_reading_any_file_and_is_size_limited(sqlite_url, results, monkeypatch):
    c, _ = client_for(sqlite_url)
    token = csrf_of(c.get("/").text)
    r = c.post("/upload", data={"csrf": token}, files={"results": ("../../etc/results.jsonl", results.read_bytes())})
    assert r.status_code == 200 and "imported 7 scorecards" in r.text
    engine = db.open_engine(sqlite_url)
    # the sources name files that exist next to the results; an upload never reads them
    assert all(store.detail(engine, row.id).conversation is None for row in store.queue(engine))
    assert "was not available" in c.get(f"/t/{store.queue(engine)[0].id}").text
    bad = c.post("/upload", data={"csrf": token}, files={"results": ("x.jsonl", b"hello\n")})
    assert bad.status_code == 400 and "not turncheck results" in bad.text
    monkeypatch.setattr(web, "MAX_UPLOAD", 1000)
    big = c.post("/upload", data={"csrf": token}, files={"results": ("r.jsonl", results.read_bytes())})
    assert big.status_code == 413
    assert len(store.queue(engine)) == 7


def test_forms_are_size_limited_and_bad_ids_are_404(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    c, _ = client_for(sqlite_url)
    token = csrf_of(c.get("/").text)
    assert c.post("/f/1/verdict", data={"csrf": token, "reviewer": "A", "action": "confirm",
                                         "note": "x" * (web.MAX_FORM + 1)}).status_code == 413
    assert c.post("/f/999999/verdict", data={"csrf": token, "reviewer": "A", "action": "confirm"}).status_code == 404
    assert c.get("/t/999999").status_code == 404
    assert c.get("/t/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert c.get("/?mode=nonsense").status_code == 400


def test_sample_queue_page(sqlite_url):
    engine = db.open_engine(sqlite_url)
    store.import_cards(engine, S.fleet(48), "fleet")
    c, _ = client_for(sqlite_url)
    page = c.get("/?mode=sample&n=1&seed=3").text
    expected = store.queue(engine, mode="sample", per_group=1, seed=3)
    assert page.count('<tr data-i="') == len(expected) > 0


def test_transcript_page_links_the_next_one_to_review(sqlite_url, results):
    import_results(results, db_url=sqlite_url)
    engine = db.open_engine(sqlite_url)
    order = [r.id for r in store.queue(engine)]
    c, _ = client_for(sqlite_url)
    assert f'/t/{order[1]}">next to review' in c.get(f"/t/{order[0]}").text
    for f in store.detail(engine, order[1]).findings:  # fully reviewed: skipped by the link
        store.record_verdict(engine, f.id, "Ann", "confirm")
    assert f'/t/{order[2]}">next to review' in c.get(f"/t/{order[0]}").text


def test_a_database_that_went_away_is_a_503_not_a_traceback(sqlite_url, results, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import_results(results, db_url=sqlite_url)
    c, _ = client_for(sqlite_url)

    def down(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(store, "queue", down)
    r = c.get("/")
    assert r.status_code == 503 and "connection refused" in r.text
