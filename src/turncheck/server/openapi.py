"""The API's OpenAPI 3.1 document, made from the pydantic models the responses are (the scorecard's own), and a
page that shows it: plain HTML made here, no script and nothing fetched (the server may have no network, and
the page's Content-Security-Policy allows nothing but its inline style)."""

from __future__ import annotations

import html
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import models_json_schema

from ..limits import DEFAULT_MAX_BODY
from ..scorecard import RulesetInfo, Scorecard


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(_Strict):
    #: stable, for programs: unparseable-transcript, unreadable-transcript, too-many-turns, over-time-budget,
    #: body-too-large, bad-query, bad-request, bad-host, origin-not-allowed, not-found, method-not-allowed,
    #: internal-error
    code: str
    #: one line for people; for a transcript, the line ``turncheck check`` prints after ``error:``
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class CheckDocument(_Strict):
    """``turncheck check FILE --format json``: the pack, the run's totals and one scorecard per transcript."""

    ruleset: RulesetInfo
    summary: dict[str, Any]
    scorecards: list[Scorecard]


class CheckErrorDocument(CheckDocument):
    """A body none of whose transcripts could be checked: the same document (its error records in
    ``scorecards``) with the error on top."""

    error: ErrorDetail


class DraftItem(_Strict):
    rule: str
    state: Literal["done", "due", "failed", "n/a"]
    message: str
    severity: Literal["critical", "major", "minor"]
    turn: int | None = None
    quote: str | None = None
    suggestion: str | None = None


class DraftDocument(_Strict):
    """``turncheck draft --format json``."""

    source: str
    turns: int
    done: list[DraftItem]
    due: list[DraftItem]
    failed: list[DraftItem]
    not_applicable: list[DraftItem]


class RulesetOut(_Strict):
    name: str
    version: str
    description: str


class RuleOut(_Strict):
    id: str
    title: str | None
    description: str
    severity: Literal["critical", "major", "minor"]
    weight: float
    applies_when: str
    check: str
    enabled: bool
    #: whether this server's checks run it (``--only``/``--skip``)
    checked: bool


class RulesDocument(_Strict):
    """``turncheck rules list --format json``."""

    ruleset: RulesetOut
    rules: list[RuleOut]


class Health(_Strict):
    status: Literal["ok"]
    version: str
    ruleset: RulesetInfo
    rules: int


MODELS = (CheckDocument, CheckErrorDocument, ErrorBody, DraftDocument, RulesDocument, Health)

_IMPORT_PARAMS = [
    {"name": "name", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 1024},
     "description": "the transcript's file name: shown in the scorecard as its source, and its extension helps "
                    "detect the format, as on the command line (only a label: nothing is read from disk)"},
    {"name": "input_format", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "force an importer (`--input-format`), e.g. `chat`, `webvtt`, `json`; `format` is the same"},
    {"name": "format", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "the same as `input_format`"},
    {"name": "agent_speaker", "in": "query", "required": False, "schema": {"type": "array", "items": {"type": "string"}},
     "style": "form", "explode": True, "description": "speaker name to treat as the agent (repeatable)"},
    {"name": "customer_speaker", "in": "query", "required": False,
     "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True,
     "description": "speaker name to treat as the customer (repeatable)"},
]

_BODY = {"required": True, "description": "a transcript file's bytes, in any format `turncheck formats` lists "
                                          "(detected as on the command line), or the canonical JSON of "
                                          "`turncheck parse`",
         "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                     "text/plain": {"schema": {"type": "string"}}}}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel], description: str, headers: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": _ref(model)}}}
    if headers:
        out["headers"] = headers
    return out


def _errors(*statuses: int) -> dict[str, Any]:
    text = {400: "a bad query parameter (an unknown one, an unknown input format)",
            403: "sent by a browser page of an origin the server does not allow (--cors-origin)",
            413: f"the body is over the server's --max-body (default {DEFAULT_MAX_BODY:,} bytes)",
            422: "the transcript cannot be read or parsed, has too many turns, or took longer than the time budget",
            500: "a bug in turncheck (never a bad transcript)"}
    return {str(s): _json(ErrorBody, text[s]) for s in statuses}


def openapi_document(version: str) -> dict[str, Any]:
    _, top = models_json_schema([(m, "serialization") for m in MODELS], ref_template="#/components/schemas/{model}")
    exit_header = {"x-turncheck-exit-code": {"description": "what `turncheck check` would exit with: 0 passed, "
                                                             "1 failed, 3 an error record", "schema": {"type": "string"}},
                   "x-turncheck-verdict": {"description": "the verdict, when the body held one transcript",
                                           "schema": {"type": "string"}}}
    check_errors = _errors(400, 403, 413, 500)
    check_errors["422"] = _json(CheckErrorDocument, "no transcript in the body could be checked: the error (the "
                                "one line `turncheck check` prints) and the document with its error records",
                                exit_header)
    return {
        "openapi": "3.1.0",
        "info": {"title": "turncheck", "version": version,
                 "description": "Rule-based compliance checks for customer-support transcripts, as a local API. "
                                "Every error is `{\"error\": {\"code\", \"message\"}}`."},
        "paths": {
            "/v1/check": {"post": {
                "operationId": "check", "summary": "Check a transcript and return its scorecard",
                "description": "The same JSON as `turncheck check FILE --format json` for a file of that name "
                               "and bytes. 200 whatever the verdict (it is in the body and the headers); a JSON "
                               "Lines body gives one scorecard per record, a bad record an error record.",
                "parameters": _IMPORT_PARAMS, "requestBody": _BODY,
                "responses": {"200": _json(CheckDocument, "the scorecards", exit_header), **check_errors}}},
            "/v1/draft": {"post": {
                "operationId": "draft", "summary": "Self-check a chat in progress",
                "description": "The same JSON as `turncheck draft --format json`: what is done, what is still "
                               "due (with a suggested phrasing) and what cannot be undone.",
                "parameters": _IMPORT_PARAMS, "requestBody": _BODY,
                "responses": {"200": _json(DraftDocument, "the chat's state"), **_errors(400, 403, 413, 422, 500)}}},
            "/v1/rules": {"get": {
                "operationId": "rules", "summary": "The compiled rule pack",
                "description": "As `turncheck rules list --format json`, with `checked` saying which rules this "
                               "server runs.",
                "responses": {"200": _json(RulesDocument, "the rules")}}},
            "/healthz": {"get": {
                "operationId": "health", "summary": "Liveness: the server is up and its pack compiled",
                "responses": {"200": _json(Health, "up")}}},
            "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.1"}}}},
            "/docs": {"get": {"operationId": "docs", "summary": "This document as a page",
                              "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {"schemas": top["$defs"]},
    }


def docs_page(spec: dict[str, Any]) -> str:
    """The OpenAPI document as one self-contained HTML page: each operation, its parameters and responses."""
    e = html.escape
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>{e(spec['info']['title'])} API</title>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "code,pre{font:13px ui-monospace,monospace;background:#f4f4f4;padding:.1rem .3rem}"
        "h2{margin-top:2.5rem;border-bottom:1px solid #ddd}.m{font-weight:bold;color:#fff;padding:.1rem .5rem;"
        "border-radius:3px;margin-right:.5rem}.post{background:#2a7}.get{background:#27a}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;"
        "vertical-align:top}</style></head><body>",
        f"<h1>{e(spec['info']['title'])} API <small>{e(spec['info']['version'])}</small></h1>",
        f"<p>{e(spec['info']['description'])}</p>",
        "<p>The machine-readable document: <a href='openapi.json'>openapi.json</a>.</p>",
    ]
    for path, item in spec["paths"].items():
        for method, op in item.items():
            parts.append(f"<h2 id='{e(op['operationId'])}'><span class='m {e(method)}'>{e(method.upper())}</span>"
                         f"<code>{e(path)}</code></h2><p><b>{e(op['summary'])}</b></p>")
            if op.get("description"):
                parts.append(f"<p>{e(op['description'])}</p>")
            if op.get("parameters"):
                parts.append("<table><tr><th>query parameter</th><th>what it does</th></tr>")
                for p in op["parameters"]:
                    parts.append(f"<tr><td><code>{e(p['name'])}</code></td><td>{e(p['description'])}</td></tr>")
                parts.append("</table>")
            if op.get("requestBody"):
                parts.append(f"<p>Body: {e(op['requestBody']['description'])}</p>")
            parts.append("<table><tr><th>status</th><th>meaning</th><th>body</th></tr>")
            for status, resp in op["responses"].items():
                schema = resp.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
                parts.append(f"<tr><td>{e(status)}</td><td>{e(resp['description'])}</td>"
                             f"<td>{e(schema.rsplit('/', 1)[-1])}</td></tr>")
            parts.append("</table>")
    parts.append("<h2>Schemas</h2>")
    for name in spec["components"]["schemas"]:
        parts.append(f"<code>{e(name)}</code> ")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
