"""The API's HTTP behaviour: JSON errors for every bad request, limits, security headers, host check, CORS,
the OpenAPI document (every response validates against it) and mounts."""

from __future__ import annotations

import jsonschema
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from turncheck.server.settings import LOOPBACK_HOSTS

from .conftest import CHAT, make_client

SECURITY = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer",
            "cache-control": "no-store"}


def assert_error(res, status: int, code: str) -> dict:
    assert res.status_code == status, res.text
    assert res.headers["content-type"] == "application/json"
    body = res.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    return body["error"]


def test_healthz_says_the_pack_is_compiled(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["ruleset"] == {"name": "default", "version": "1.0.0"}
    assert body["rules"] == 14


def test_unknown_route_is_a_json_404(client):
    assert "/v1/nope" in assert_error(client.get("/v1/nope"), 404, "not-found")["message"]


@pytest.mark.parametrize("method, path, allowed", [("get", "/v1/check", "POST"), ("put", "/v1/draft", "POST"),
                                                   ("post", "/v1/rules", "GET"), ("delete", "/healthz", "GET")])
def test_wrong_method_is_a_json_405_with_allow(client, method, path, allowed):
    res = client.request(method.upper(), path)
    assert_error(res, 405, "method-not-allowed")
    assert allowed in res.headers["allow"]


def test_unknown_query_parameter_is_a_400_with_a_suggestion(client):
    error = assert_error(client.post("/v1/check?nam=x.txt", content=CHAT), 400, "bad-query")
    assert error["message"] == "unknown query parameter 'nam' (did you mean 'name'?)"


def test_unknown_input_format_is_a_400_naming_the_valid_ones(client):
    error = assert_error(client.post("/v1/check?input_format=vtt", content=CHAT), 400, "bad-query")
    assert "unknown input format 'vtt'" in error["message"] and "did you mean 'webvtt'?" in error["message"]
    assert_error(client.post("/v1/draft?input_format=nope", content=CHAT), 400, "bad-query")


@pytest.mark.parametrize("query", ["name=-", "name=a%0Ab.txt", "format=chat&input_format=webvtt",
                                   "name=a.txt&name=b.txt", "name=" + "x" * 1025])
def test_bad_query_values_are_400(client, query):
    assert_error(client.post(f"/v1/check?{query}", content=CHAT), 400, "bad-query")


def test_body_over_the_limit_is_413_by_content_length_and_when_streamed():
    with make_client(max_body=100) as c:
        assert c.post("/v1/check", content=b"x" * 100 + b"").status_code == 422  # at the limit: read (not a chat)
        error = assert_error(c.post("/v1/check", content=CHAT * 3), 413, "body-too-large")
        assert "100-byte limit" in error["message"] and "--max-body" in error["message"]
        # no Content-Length (chunked): cut off while read
        res = c.post("/v1/draft", content=(CHAT.encode() for _ in range(3)))
        assert "content-length" not in res.request.headers
        assert "100-byte limit" in assert_error(res, 413, "body-too-large")["message"]
        assert c.post("/v1/check", content=CHAT[:90]).status_code == 200
    with make_client(max_body=None) as c:  # --max-body 0: no limit
        assert c.post("/v1/check", content=CHAT * 3).status_code == 200


def test_too_many_turns_is_422_naming_the_limit():
    with make_client(max_turns=5) as c:
        error = assert_error(c.post("/v1/check?name=long.txt", content=CHAT * 2), 422, "too-many-turns")
        assert error["message"].startswith("long.txt: 6 turns, more than the 5-turn limit")
        assert c.post("/v1/check", content=CHAT).status_code == 200
        assert_error(c.post("/v1/draft", content=CHAT * 2), 422, "too-many-turns")


def test_time_budget_is_422_with_the_cli_message():
    with make_client(max_seconds=0.000001) as c:
        error = assert_error(c.post("/v1/check?name=long.txt", content=CHAT * 300), 422, "over-time-budget")
        assert error["message"] == ("long.txt: checking took longer than the 1e-06-second budget per transcript: "
                                    "stopped (raise it with --max-seconds, or max_seconds in the config file)")
        assert_error(c.post("/v1/draft?name=long.txt", content=CHAT * 300), 422, "over-time-budget")


def test_a_bug_is_a_500_that_says_so_without_a_traceback(monkeypatch):
    with make_client() as c:
        checker = c.app.state.service.checker

        def broken(transcript):
            raise ZeroDivisionError("division by zero")

        monkeypatch.setattr(checker, "check", broken)
        error = assert_error(c.post("/v1/check", content=CHAT), 500, "internal-error")
        assert "ZeroDivisionError" in error["message"] and "Traceback" not in error["message"]


def test_security_headers_on_every_response(client):
    for res in (client.get("/healthz"), client.post("/v1/check", content=CHAT), client.get("/nope"),
                client.post("/v1/check", content=b"\x00"), client.get("/v1/check")):
        for key, value in SECURITY.items():
            assert res.headers[key] == value
        assert res.headers["content-security-policy"].startswith("default-src 'none'")
    assert "server" not in client.get("/healthz").headers or "uvicorn" not in client.get("/healthz").headers["server"]


def test_docs_page_lists_every_operation_and_loads_nothing(client):
    res = client.get("/docs")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    page = res.text
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert res.headers["content-security-policy"] == ("default-src 'none'; style-src 'unsafe-inline'; "
                                                      "frame-ancestors 'none'")
    assert client.get("/", follow_redirects=False).headers["location"].endswith("/docs")


def _validator(spec: dict, name: str):
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_every_response_validates_against_the_openapi_document(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    cases = [
        (client.post("/v1/check?name=chat.txt", content=CHAT), "/v1/check", "post"),
        (client.post("/v1/check", content=b"\x00\x01"), "/v1/check", "post"),
        (client.post("/v1/check?bad=1", content=CHAT), "/v1/check", "post"),
        (client.post("/v1/draft", content=CHAT), "/v1/draft", "post"),
        (client.post("/v1/draft", content=b""), "/v1/draft", "post"),
        (client.get("/v1/rules"), "/v1/rules", "get"),
        (client.get("/healthz"), "/healthz", "get"),
    ]
    for res, path, method in cases:
        response = spec["paths"][path][method]["responses"][str(res.status_code)]
        ref = response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        _validator(spec, ref).validate(res.json())
    # the strict models catch a field the document does not describe
    with pytest.raises(jsonschema.ValidationError):
        _validator(spec, "DraftDocument").validate({**client.post("/v1/draft", content=CHAT).json(), "x": 1})


def test_host_check_refuses_other_names_when_bound_to_loopback():
    with make_client(allowed_hosts=LOOPBACK_HOSTS) as c:
        assert_error(c.get("/healthz"), 400, "bad-host")  # TestClient's Host is "testserver"
        assert_error(c.get("/healthz", headers={"host": "evil.example:8000"}), 400, "bad-host")
        for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
            assert c.get("/healthz", headers={"host": host}).status_code == 200


def test_cors_is_off_by_default_and_a_foreign_page_cannot_make_the_server_work(client, monkeypatch):
    """A cross-origin "simple" POST (a text/plain body) reaches a server without a preflight: it is refused
    before anything is read or checked, not only hidden from the page."""
    calls = []
    service = client.app.state.service
    monkeypatch.setattr(service, "check", lambda *a: calls.append(a))
    monkeypatch.setattr(service, "draft", lambda *a: calls.append(a))
    for route in ("/v1/check", "/v1/draft"):
        res = client.post(route, content=CHAT, headers={"origin": "https://helpdesk.example.com",
                                                         "content-type": "text/plain;charset=UTF-8"})
        error = assert_error(res, 403, "origin-not-allowed")
        assert "--cors-origin https://helpdesk.example.com" in error["message"]
        assert "access-control-allow-origin" not in res.headers
    assert calls == []


def test_same_origin_and_origin_less_requests_are_served(client):
    assert client.post("/v1/check", content=CHAT, headers={"origin": "http://testserver"}).status_code == 200
    assert client.post("/v1/check", content=CHAT).status_code == 200
    assert client.get("/v1/rules", headers={"origin": "https://elsewhere.example"}).status_code == 200


def test_cors_origin_lets_that_origin_read_responses_and_no_other():
    with make_client(cors_origins=("https://helpdesk.example.com",)) as c:
        ok = c.post("/v1/draft", content=CHAT, headers={"origin": "https://helpdesk.example.com"})
        assert ok.headers["access-control-allow-origin"] == "https://helpdesk.example.com"
        other = c.post("/v1/draft", content=CHAT, headers={"origin": "https://evil.example"})
        assert_error(other, 403, "origin-not-allowed")
        assert "access-control-allow-origin" not in other.headers
        pre = c.options("/v1/check", headers={"origin": "https://helpdesk.example.com",
                                               "access-control-request-method": "POST",
                                               "access-control-request-headers": "content-type"})
        assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]
        assert pre.headers["x-content-type-options"] == "nosniff"
        denied = c.options("/v1/check", headers={"origin": "https://evil.example",
                                                  "access-control-request-method": "POST"})
        assert denied.status_code == 400


def test_mounts_are_served_beside_the_api():
    review = Starlette(routes=[Route("/", lambda request: PlainTextResponse("queue"))])
    with make_client(mounts=[Mount("/review", app=review)]) as c:
        assert c.get("/review/").text == "queue"
        assert c.post("/v1/check", content=CHAT).status_code == 200
        assert c.get("/review/").headers["x-content-type-options"] == "nosniff"


def test_the_body_is_never_a_path(client, tmp_path):
    """A name that is a real file's path is only a label: the body is what is checked."""
    secret = tmp_path / "secret.txt"
    secret.write_text(CHAT, encoding="utf-8")
    res = client.post("/v1/check", params={"name": str(secret)}, content=b"\x00\x01\x02garbage\x00\xff")
    assert res.status_code == 422 and "binary file" in res.json()["error"]["message"]
    res = client.post("/v1/check", content=str(secret).encode())
    assert res.status_code == 422 and "unrecognised transcript format" in res.json()["error"]["message"]
