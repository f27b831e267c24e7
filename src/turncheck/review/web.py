"""The review workspace in the browser: a Starlette app (mounted at ``/review`` by ``turncheck serve``).

Pages: the queue (failed first, or a seeded sample per agent and week), upload of a results file, one
transcript with its findings in the HTML scorecard's look (:mod:`turncheck.report.htmlout`) and, per
finding, the review forms (confirm / override with a note, dispute, resolve), the calibration figures
and the labels download.

Security: every POST needs the session's CSRF token (403 without it); with a shared ``token`` every
request needs it (a header, or the login form that marks the signed session cookie); every piece of
transcript text goes through :func:`turncheck.report.htmlkit.esc`; a strict Content-Security-Policy
(only the page's own script, forms only to this server); request bodies are read up to a limit (413
beyond); no request names a file: uploads are parsed from their bytes, and a page shows only what the
database holds. Links come from ``request.url_for``, so the app works mounted under any prefix.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
from urllib.parse import urlencode

from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import TurncheckError
from ..report.common import fmt_num, one_line, rule_meta
from ..report.htmlkit import CSS, SCORECARD_CSS, SCRIPT, badge, esc, score_cell, script_hash
from . import store
from .calibration import calibration
from .db import open_engine, secret

#: the largest results file an upload may be (bytes); larger gets 413
MAX_UPLOAD = 32 * 1024 * 1024
#: the largest ordinary form post (bytes)
MAX_FORM = 64 * 1024
SESSION_COOKIE = "turncheck_review"

REVIEW_CSS = """
nav.tabs{display:flex;gap:16px;align-items:center;margin:0 0 16px;font-size:13.5px}
nav.tabs .me{margin-left:auto;color:var(--muted)}
form.inline{display:inline-flex;gap:6px;align-items:center;flex-wrap:wrap;margin:2px 0}
input[type=text],input[type=password],input[type=number],select,textarea{font:inherit;padding:3px 6px;
border:1px solid var(--line);border-radius:6px;background:#fff}
input.note{min-width:220px}
button{font:inherit;padding:3px 10px;border-radius:6px;border:1px solid var(--line);background:#f7f8fa;cursor:pointer}
button.confirm{background:var(--pass-bg);color:var(--pass);border-color:#b9e3cf}
button.override{background:var(--fail-bg);color:var(--fail);border-color:#f3c2b9}
.review td{vertical-align:top}.review .who{font-size:12px;color:var(--muted)}
.verdicts{list-style:none;margin:0 0 6px;padding:0;font-size:12.5px}.verdicts li{margin:2px 0}
.disputes{font-size:12.5px;margin:4px 0}.disputes .open{color:var(--waived);font-weight:600}
.flash{padding:8px 14px;border-radius:8px;background:var(--pass-bg);color:var(--pass);margin:0 0 14px}
.flash.bad{background:var(--fail-bg);color:var(--fail)}
details summary{cursor:pointer;color:var(--accent);font-size:12.5px}
.done{color:var(--pass);font-weight:600}
.next{margin:0 0 12px;text-align:right}
"""


def _csp() -> str:
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src '{script_hash(SCRIPT)}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _headers() -> dict[str, str]:
    return {"Content-Security-Policy": _csp(), "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY", "Cache-Control": "no-store"}


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def build_app(*, db_url: str | None = None, token: str | None = None, pack=None) -> Starlette:
    """The app (see :func:`turncheck.review.create_review_app`). Database work runs in Starlette's thread pool,
    so a slow query or import never stalls the event loop that also serves the check API."""
    engine = open_engine(db_url)
    meta = rule_meta(getattr(pack, "rules", pack)) if pack is not None else {}
    token_digest = hashlib.sha256(token.encode()).hexdigest() if token else None

    # -- session, auth, CSRF -------------------------------------------------------------------------------

    def csrf_token(request: Request) -> str:
        tok = request.session.get("csrf")
        if not tok:
            tok = secrets.token_urlsafe(24)
            request.session["csrf"] = tok
        return tok

    def authed(request: Request) -> bool:
        if token_digest is None:
            return True
        given = request.headers.get("x-turncheck-token") or ""
        auth = request.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if given and hmac.compare_digest(hashlib.sha256(given.encode()).hexdigest(), token_digest):
            return True
        return hmac.compare_digest(str(request.session.get("auth") or ""), token_digest)

    async def read_form(request: Request, limit: int = MAX_FORM) -> FormData:
        """The posted form, its body read up to ``limit`` bytes, and its CSRF token checked."""
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            raise Refused(413, f"the request is larger than the {limit:,}-byte limit")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise Refused(413, f"the request is larger than the {limit:,}-byte limit")
        request._body = bytes(body)  # Starlette parses the form from the body we have read (and capped)
        try:
            form = await request.form(max_files=1, max_fields=20)
        except Exception:  # noqa: BLE001 - a malformed form is the client's error
            raise Refused(400, "malformed form data") from None
        expected = request.session.get("csrf")
        given = form.get("csrf")
        if not expected or not isinstance(given, str) or not hmac.compare_digest(given, expected):
            raise Refused(403, "missing or stale form token (CSRF): reload the page and try again")
        return form

    def endpoint(fn, *, open_to_all: bool = False):
        async def wrapped(request: Request) -> Response:
            try:
                if not open_to_all and not authed(request):
                    if request.method == "GET":
                        return RedirectResponse(request.url_for("login"), status_code=303)
                    raise Refused(401, "this review workspace needs its token: log in first")
                return await fn(request)
            except Refused as exc:
                return error_page(request, exc.status, exc.message)
            except store.ReviewError as exc:
                return error_page(request, exc.status, str(exc))
            except TurncheckError as exc:
                return error_page(request, 400, exc.format())
            except SQLAlchemyError as exc:  # the database is down or locked: say so, not a 500 with a traceback
                reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
                return error_page(request, 503, f"the review database is not available: {reason}")
        return wrapped

    # -- page frame ----------------------------------------------------------------------------------------

    def page(request: Request, title: str, body: str, status: int = 200, flash: str = "") -> HTMLResponse:
        name = request.session.get("reviewer") or ""
        nav = (f'<nav class="tabs"><a href="{esc(request.url_for("queue"))}">Queue</a>'
               f'<a href="{esc(request.url_for("calibration"))}">Calibration</a>'
               f'<a href="{esc(request.url_for("export"))}">Export labels</a>'
               f'<span class="me">{"reviewing as <b>" + esc(name) + "</b>" if name else "not signed with a name yet"}'
               f"</span></nav>")
        note = ""
        if flash:
            note = f'<p class="flash{" bad" if status >= 400 else ""}" role="status">{esc(flash)}</p>'
        doc = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
               '<meta name="referrer" content="no-referrer">\n'
               f"<title>{esc(title)} · turncheck review</title>\n"
               f"<style>{CSS}{SCORECARD_CSS}{REVIEW_CSS}</style>\n</head>\n<body>\n"
               f'<header class="top"><div class="brand">turncheck review</div><h1>{esc(title)}</h1></header>\n'
               f"<main>\n{nav}{note}{body}\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
        return HTMLResponse(doc, status_code=status, headers=_headers())

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        return page(request, "Not done", f'<section class="panel"><p>{esc(message)}</p>'
                    f'<p><a href="{esc(request.url_for("queue"))}">back to the queue</a></p></section>',
                    status=status, flash=message)

    def hidden(request: Request) -> str:
        return f'<input type="hidden" name="csrf" value="{esc(csrf_token(request))}">'

    def name_input(request: Request, field: str = "reviewer", placeholder: str = "your name") -> str:
        value = request.session.get("reviewer") or "" if field == "reviewer" else ""
        return (f'<input type="text" name="{field}" value="{esc(value)}" placeholder="{placeholder}" required '
                f'maxlength="{store.MAX_NAME}" aria-label="{placeholder}">')

    # -- the queue -----------------------------------------------------------------------------------------

    async def queue_page(request: Request) -> Response:
        q = request.query_params
        mode = q.get("mode", "failed")
        try:
            n = max(1, min(1000, int(q.get("n", "3"))))
            seed = int(q.get("seed", "0"))
        except ValueError:
            raise Refused(400, "n and seed must be whole numbers") from None
        pending = q.get("pending") == "1"
        rows = await run_in_threadpool(store.queue, engine, mode=mode, per_group=n, seed=seed, pending=pending)
        trs = []
        for i, r in enumerate(rows):
            state = ('<span class="done">reviewed</span>' if r.done else f"{r.reviewed}/{r.findings}")
            if r.open_disputes:
                state += f' · <span class="badge b-waived">{r.open_disputes} disputed</span>'
            trs.append(
                f'<tr data-i="{i}"><td><a href="{esc(request.url_for("transcript", tid=r.id))}">{esc(r.source)}</a>'
                f'</td><td>{esc(r.agent)}</td><td>{esc(r.week)}</td><td>{badge(r.verdict)}</td>'
                f'<td class="num" data-v="{"" if r.score is None else r.score}">{score_cell(r.score)}</td>'
                f'<td class="num">{r.fails}</td><td>{state}</td></tr>')
        table = ('<table class="grid sortable" id="queue"><thead><tr><th>Transcript</th><th>Agent</th><th>Week</th>'
                 '<th>Pack verdict</th><th class="num" data-type="num">Score</th><th class="num" data-type="num">'
                 'Fails</th><th>Reviewed</th></tr></thead><tbody>' + "".join(trs) + "</tbody></table>"
                 if rows else '<p class="muted">Nothing to review: import results first.</p>')
        sel = {m: " selected" if m == mode else "" for m in ("failed", "sample")}
        controls = (f'<form class="inline" method="get" action="{esc(request.url_for("queue"))}">'
                    f'<label>Queue <select name="mode"><option value="failed"{sel["failed"]}>failed first</option>'
                    f'<option value="sample"{sel["sample"]}>random sample per agent and week</option></select></label>'
                    f'<label>N <input type="number" name="n" value="{n}" min="1" max="1000"></label>'
                    f'<label>seed <input type="number" name="seed" value="{seed}"></label>'
                    f'<label><input type="checkbox" name="pending" value="1"{" checked" if pending else ""}> '
                    f'only not yet reviewed</label><button type="submit">Show</button></form>')
        upload = (f'<form method="post" enctype="multipart/form-data" action="{esc(request.url_for("upload"))}" '
                  f'class="inline">{hidden(request)}<label>Import results (<code>turncheck check --format jsonl</code>)'
                  f' <input type="file" name="results" accept=".jsonl,.json,application/json" required></label>'
                  f'<button type="submit">Import</button></form>')
        body = (f'<section class="panel"><h2>To review</h2>{controls}<p class="muted">{len(rows)} transcript'
                f'{"s" if len(rows) != 1 else ""}</p>{table}</section>'
                f'<section class="panel"><h2>Import</h2>{upload}</section>')
        return page(request, "Review queue", body, flash=request.query_params.get("msg", "")[:200])

    async def upload(request: Request) -> Response:
        form = await read_form(request, MAX_UPLOAD)
        item = form.get("results")
        if item is None or isinstance(item, str):
            raise Refused(400, "no results file in the upload")
        data = await item.read()
        name = "upload: " + (item.filename or "results")
        report = await run_in_threadpool(store.import_bytes, data, engine, name)
        msg = f"imported {report.count} scorecard{'s' if report.count != 1 else ''}"
        if report.problems:
            msg += f"; {len(report.problems)} line(s) skipped: {report.problems[0].format()}"
        return RedirectResponse(str(request.url_for("queue")) + "?" + urlencode({"msg": msg}), status_code=303)

    # -- one transcript ------------------------------------------------------------------------------------

    async def transcript_page(request: Request) -> Response:
        d = await run_in_threadpool(store.detail, engine, request.path_params["tid"])
        if d is None:
            raise Refused(404, "no such transcript")
        from ..report.htmlout import HtmlRenderer

        renderer = HtmlRenderer(io.StringIO(), d.card.ruleset, rules=list(meta.values()) or None)
        section = renderer._section(0, renderer.display(d.card), d.conversation, meta)  # the scorecard's own look
        if d.conversation is None and d.card.status != "error":
            section = ('<p class="muted">The transcript file was not available when these results were imported '
                       "(an upload, or a file that moved): the findings show the evidence quotes.</p>" + section)
        rows = "".join(finding_row(request, d, f) for f in d.findings)
        review = (f'<section class="panel" id="review"><h2>Review</h2>'
                  '<table class="grid review"><thead><tr><th>Rule</th><th>Pack</th><th>Verdicts</th>'
                  f'<th>Your verdict</th></tr></thead><tbody>{rows}</tbody></table></section>'
                  if d.findings else "")
        nxt = await run_in_threadpool(next_to_review, d.id)
        nav = (f'<p class="next"><a href="{esc(request.url_for("transcript", tid=nxt))}">next to review →</a></p>'
               if nxt is not None else '<p class="next muted">Nothing else waiting for review.</p>')
        body = f'<div id="overview"></div>{nav}{review}{section}'
        return page(request, d.card.source, body, flash=request.query_params.get("msg", "")[:200])

    def next_to_review(current: int) -> int | None:
        """The first transcript of the failed-first queue, other than this one, not yet fully reviewed."""
        return next((r.id for r in store.queue(engine, pending=True) if r.id != current), None)

    def finding_row(request: Request, d: store.Detail, f: store.FindingView) -> str:
        latest = f.latest
        items = "".join(f'<li>{badge(v.label)} <b>{esc(v.reviewer)}</b> <span class="muted">{esc(v.action)}'
                        f'</span>{" — " + esc(one_line(v.note, 200)) if v.note else ""}</li>' for v in latest.values())
        verdict_list = f'<ul class="verdicts">{items}</ul>' if items else '<span class="muted">not reviewed</span>'
        disputes = []
        for dp in f.disputes:
            if dp.resolution:
                disputes.append(f'<div class="disputes">dispute by <b>{esc(dp.agent)}</b>: {esc(dp.note)} — '
                                f'<b>{esc(dp.resolution)}</b> by {esc(dp.resolver)}'
                                f'{": " + esc(dp.resolution_note) if dp.resolution_note else ""}</div>')
            else:
                disputes.append(
                    f'<div class="disputes"><span class="open">open dispute</span> by <b>{esc(dp.agent)}</b>: '
                    f'{esc(dp.note)}<form class="inline resolve" method="post" '
                    f'action="{esc(request.url_for("resolve", did=dp.id))}">{hidden(request)}'
                    f'{name_input(request)}<select name="resolution" aria-label="resolution">'
                    '<option value="upheld">upheld (finding stands)</option>'
                    '<option value="overturned">overturned (agent is right)</option></select>'
                    '<select name="status" aria-label="status if overturned"><option value="">status…</option>'
                    '<option value="pass">pass</option><option value="fail">fail</option><option value="na">n/a'
                    '</option></select><input type="text" name="note" class="note" placeholder="note" '
                    f'maxlength="{store.MAX_NOTE}"><button type="submit">Resolve</button></form></div>')
        waiver = ""
        if any(v.label == "pass" for v in latest.values()) and store.pack_label(f.status) == "fail":
            waiver = (f'<div><a class="waiver" href="{esc(request.url_for("waiver", fid=f.id))}">'
                      "dismissed: download as a waiver</a></div>")
        opts = "".join(f'<option value="{s}">{"n/a" if s == "na" else s}</option>' for s in store.LABELS)
        verdict_form = (
            f'<form class="inline verdict" method="post" action="{esc(request.url_for("verdict", fid=f.id))}">'
            f"{hidden(request)}{name_input(request)}"
            f'<input type="text" name="note" class="note" placeholder="note (why)" maxlength="{store.MAX_NOTE}">'
            '<button type="submit" name="action" value="confirm" class="confirm">Confirm</button>'
            f'<select name="status" aria-label="override to">{opts}</select>'
            '<button type="submit" name="action" value="override" class="override">Override</button></form>')
        dispute_form = (
            f'<details><summary>Dispute (agent)</summary><form class="inline dispute" method="post" '
            f'action="{esc(request.url_for("dispute", fid=f.id))}">{hidden(request)}'
            f'<input type="text" name="agent" placeholder="agent name" required maxlength="{store.MAX_NAME}" '
            f'aria-label="agent name"><input type="text" name="note" class="note" placeholder="why the finding is '
            f'wrong" required maxlength="{store.MAX_NOTE}"><button type="submit">Dispute</button></form></details>')
        title = (meta.get(f.rule) or {}).get("title")
        return (f'<tr id="f{f.id}" data-rule="{esc(f.rule)}"><td><b>{esc(f.rule)}</b>'
                + (f'<div class="who">{esc(one_line(title, 60))}</div>' if title else "")
                + f'<div class="who">{esc(f.severity)}</div></td>'
                f'<td>{badge(f.status)}<div class="who">{esc(one_line(f.message, 140))}</div></td>'
                f'<td>{verdict_list}{"".join(disputes)}{waiver}</td><td>{verdict_form}{dispute_form}</td></tr>')

    def back_to(request: Request, fid: int, msg: str) -> RedirectResponse:
        from sqlalchemy import select

        from .schema import findings

        with engine.connect() as conn:
            tid = conn.execute(select(findings.c.transcript).where(findings.c.id == fid)).scalar_one()
        url = str(request.url_for("transcript", tid=tid)) + "?" + urlencode({"msg": msg}) + f"#f{fid}"
        return RedirectResponse(url, status_code=303)

    async def verdict(request: Request) -> Response:
        form = await read_form(request)
        fid = request.path_params["fid"]
        v = await run_in_threadpool(store.record_verdict, engine, fid, form.get("reviewer"),
                                    str(form.get("action") or ""), form.get("status"), form.get("note") or "")
        request.session["reviewer"] = v.reviewer
        return back_to(request, fid, f"{v.action}ed: {v.label}" if v.action == "confirm" else f"overridden: {v.label}")

    async def dispute(request: Request) -> Response:
        form = await read_form(request)
        fid = request.path_params["fid"]
        await run_in_threadpool(store.open_dispute, engine, fid, form.get("agent"), form.get("note"))
        return back_to(request, fid, "dispute recorded")

    async def resolve(request: Request) -> Response:
        form = await read_form(request)
        did = request.path_params["did"]
        await run_in_threadpool(store.resolve_dispute, engine, did, form.get("reviewer"),
                                str(form.get("resolution") or ""), form.get("note") or "", form.get("status") or None)
        request.session["reviewer"] = " ".join(str(form.get("reviewer")).split())
        from sqlalchemy import select

        from .schema import disputes

        with engine.connect() as conn:
            fid = conn.execute(select(disputes.c.finding).where(disputes.c.id == did)).scalar_one()
        return back_to(request, fid, "dispute resolved")

    async def waiver(request: Request) -> Response:
        from ..waivers import today
        import datetime as dt

        items = store.dismissed(engine, request.path_params["fid"])
        if not items:
            raise Refused(404, "this finding has not been dismissed (overridden to pass) by a reviewer")
        text = store.waiver_yaml(store.waiver_entries(items[:1], today() + dt.timedelta(days=90)))
        return Response(text, media_type="application/yaml",
                        headers={"Content-Disposition": 'attachment; filename="waiver.yaml"', **_headers()})

    async def export(request: Request) -> Response:
        reviewer = request.query_params.get("reviewer") or None
        text = await run_in_threadpool(store.export_labels, engine, None, reviewer)
        return Response(text, media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="labels.jsonl"', **_headers()})

    async def calibration_page(request: Request) -> Response:
        from .calibration import render_html

        verdicts = await run_in_threadpool(store.latest_verdicts, engine)
        return page(request, "Calibration", render_html(calibration(verdicts)))

    # -- login (shared token) ------------------------------------------------------------------------------

    async def login(request: Request) -> Response:
        if token_digest is None:
            return RedirectResponse(request.url_for("queue"), status_code=303)
        if request.method == "POST":
            form = await read_form(request)
            given = str(form.get("token") or "")
            if not hmac.compare_digest(hashlib.sha256(given.encode()).hexdigest(), token_digest):
                return login_form(request, "wrong token", 401)
            request.session["auth"] = token_digest
            request.session["csrf"] = secrets.token_urlsafe(24)  # a new session token after login
            return RedirectResponse(request.url_for("queue"), status_code=303)
        return login_form(request)

    def login_form(request: Request, msg: str = "", status: int = 200) -> Response:
        body = (f'<section class="panel"><h2>This workspace needs its token</h2><form class="inline" method="post" '
                f'action="{esc(request.url_for("login"))}">{hidden(request)}<input type="password" name="token" '
                'aria-label="token" required autocomplete="current-password"><button type="submit">Log in</button>'
                "</form></section>")
        return page(request, "Log in", body, status=status, flash=msg)

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    routes = [
        Route("/", endpoint(queue_page), name="queue"),
        Route("/upload", endpoint(upload), methods=["POST"], name="upload"),
        Route("/t/{tid:int}", endpoint(transcript_page), name="transcript"),
        Route("/f/{fid:int}/verdict", endpoint(verdict), methods=["POST"], name="verdict"),
        Route("/f/{fid:int}/dispute", endpoint(dispute), methods=["POST"], name="dispute"),
        Route("/f/{fid:int}/waiver.yaml", endpoint(waiver), name="waiver"),
        Route("/d/{did:int}/resolve", endpoint(resolve), methods=["POST"], name="resolve"),
        Route("/calibration", endpoint(calibration_page), name="calibration"),
        Route("/labels.jsonl", endpoint(export), name="export"),
        Route("/login", endpoint(login, open_to_all=True), methods=["GET", "POST"], name="login"),
        Route("/healthz", healthz, name="review_healthz"),
    ]
    middleware = [Middleware(SessionMiddleware, secret_key=secret(engine), session_cookie=SESSION_COOKIE,
                             same_site="strict", max_age=14 * 24 * 3600)]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.engine = engine
    return app
