"""``turncheck serve``: the check API on one long-running local server (Starlette under uvicorn).

The options that decide a scorecard are ``check``'s (``--rules``, ``--only``/``--skip``, ``--fail-on``,
``--fail-under``, ``--agent-speaker``..., ``--redact``, ``--max-turns``, ``--max-seconds``), read from the same
config file with the command line winning, so that a served scorecard is the one ``check`` gives. The pack is
compiled here first (a bad pack is exit 2 with its ``error:`` lines, before anything listens), then once in
each worker process.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from ..errors import TurncheckError, UsageError
from ..limits import DEFAULT_MAX_BODY, DEFAULT_MAX_SECONDS, DEFAULT_MAX_TURNS
from . import EXIT_INPUT, EXIT_USAGE, app, fail

INSTALL_HINT = "turncheck serve needs the serve extra: pip install 'turncheck[serve]'"


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default; 0.0.0.0 "
                             "answers the network: put it behind a proxy with TLS and authentication)"),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="port to listen on"),
    workers: int = typer.Option(1, "--workers", min=1, help="worker processes, each with the pack compiled once"),
    rules: List[str] = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable); default pack if "
                                    "omitted"),
    input_format: Optional[str] = typer.Option(None, "--input-format", "-f", help="importer for requests that "
                                               "name none (default: detected, as check does)"),
    only: List[str] = typer.Option([], "--only", help="check only this rule id (repeatable)"),
    skip: List[str] = typer.Option([], "--skip", help="skip this rule id (repeatable)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100,
                                               help="a transcript scoring under this fails"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="lowest severity whose failure fails a "
                                          "transcript: critical (default), major or minor"),
    agent_speaker: List[str] = typer.Option([], "--agent-speaker", help="speaker name to treat as the agent"),
    customer_speaker: List[str] = typer.Option([], "--customer-speaker", help="speaker name to treat as the "
                                               "customer"),
    redact: Optional[bool] = typer.Option(None, "--redact/--no-redact", help="mask card numbers, e-mails, phones, "
                                          "IBANs, SSNs and the customer's name in quotes and messages"),
    max_body: Optional[int] = typer.Option(None, "--max-body", min=0, help=f"refuse request bodies larger than "
                                           f"this with 413 (default {DEFAULT_MAX_BODY:,}, or max_bytes of the "
                                           f"config file; 0: no limit)"),
    max_turns: Optional[int] = typer.Option(None, "--max-turns", min=0, help=f"refuse transcripts with more turns "
                                            f"(default {DEFAULT_MAX_TURNS:,}; 0: no limit)"),
    max_seconds: Optional[float] = typer.Option(None, "--max-seconds", min=0, help=f"stop checking a transcript "
                                                f"after this many seconds (default {DEFAULT_MAX_SECONDS:g}; 0: no "
                                                f"limit)"),
    cors_origin: List[str] = typer.Option([], "--cors-origin", metavar="ORIGIN", help="let browser pages of this "
                                          "origin call the API (repeatable, e.g. https://helpdesk.example.com; "
                                          "none by default)"),
    waivers: Optional[str] = typer.Option(None, "--waivers", help="YAML file of waivers, as for check (a "
                                          "request's ?name= is the transcript path they are matched against)"),
    config: Optional[str] = typer.Option(None, "--config", help="config file (default: turncheck.toml or "
                                         "[tool.turncheck] in pyproject.toml, searched upwards)"),
    no_config: bool = typer.Option(False, "--no-config", help="ignore config files"),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn's log level (warning: no access log)"),
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help="the review workspace's database: a SQLite "
                                     "file path or sqlite:///FILE, or postgresql://user:pass@host/db (default: "
                                     "$TURNCHECK_REVIEW_DB, else ~/.local/share/turncheck/review.sqlite3)"),
    import_: List[str] = typer.Option([], "--import", metavar="RESULTS", help="import a check --format jsonl "
                                      "results file into the review workspace before serving (repeatable)"),
    token: Optional[str] = typer.Option(None, "--token", envvar="TURNCHECK_REVIEW_TOKEN", help="a shared token "
                                        "every review page asks for, for a team server (or $TURNCHECK_REVIEW_TOKEN)"),
    review: bool = typer.Option(True, "--review/--no-review", help="mount the review workspace at /review"),
) -> None:
    """Serve the check API on HTTP (POST /v1/check, POST /v1/draft, GET /v1/rules, GET /healthz, GET /docs) and
    the review workspace at /review."""
    try:
        import uvicorn  # noqa: F401
        import starlette  # noqa: F401
    except ImportError:
        typer.echo(f"error: {INSTALL_HINT}", err=True)
        raise typer.Exit(EXIT_USAGE)
    import os

    from ..config import load_config
    from ..server import create_app
    from ..server.settings import LOOPBACK_HOSTS, SETTINGS_ENV, ServeSettings

    try:
        cfg = load_config(config, discover=not no_config)
        settings = ServeSettings(
            rules=tuple(rules or cfg.get("rules") or ()), only=tuple(only or cfg.get("only", [])),
            skip=tuple(skip or cfg.get("skip", [])),
            fail_under=fail_under if fail_under is not None else cfg.get("fail_under"),
            fail_on=fail_on or cfg.get("fail_on", "critical"),
            input_format=input_format or cfg.get("input_format", "auto"),
            agent_speakers=tuple(agent_speaker or cfg.get("agent_speaker", [])),
            customer_speakers=tuple(customer_speaker or cfg.get("customer_speaker", [])),
            redact=bool(redact if redact is not None else cfg.get("redact", False)),
            max_body=_limit(max_body, cfg.get("max_bytes"), DEFAULT_MAX_BODY),
            max_turns=_limit(max_turns, cfg.get("max_turns"), DEFAULT_MAX_TURNS),
            max_seconds=_limit(max_seconds, cfg.get("max_seconds"), DEFAULT_MAX_SECONDS),
            cors_origins=tuple(cors_origin),
            allowed_hosts=LOOPBACK_HOSTS if host in LOOPBACK_HOSTS else None,
            review=review, review_db=db, review_token=token or None, waivers=waivers or cfg.get("waivers"))
        if import_ and not review:
            raise UsageError("--import fills the review workspace, which --no-review turns off")
        app_obj = create_app(settings)  # compiles the pack: a bad one stops here, before anything listens
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    if import_:
        # as `turncheck review import`: a file that cannot be read stops the start (exit 3); a malformed line is
        # reported and skipped, the rest imported
        from .review import import_and_report, open_review_db

        engine = open_review_db(db)
        for path in import_:
            try:
                import_and_report(path, engine, db, err=True)
            except TurncheckError as exc:
                raise fail(exc, EXIT_INPUT)

    import uvicorn

    if review:
        typer.echo(f"turncheck serve: review workspace at http://{_url_host(host)}:{port}/review/", err=True)
    typer.echo(f"turncheck serve: http://{_url_host(host)}:{port}/docs ({workers} worker"
               f"{'s' if workers != 1 else ''}, rule pack {app_obj.state.service.checker.info.name} "
               f"{app_obj.state.service.checker.info.version})", err=True)
    common = dict(host=host, port=port, log_level=log_level, access_log=log_level in ("debug", "info", "trace"),
                  server_header=False, proxy_headers=False)
    if workers == 1:
        uvicorn.run(app_obj, **common)
    else:
        # each worker process imports the factory and builds its own app (and compiles the pack once)
        os.environ[SETTINGS_ENV] = settings.to_json()
        uvicorn.run("turncheck.server.app:app_from_env", factory=True, workers=workers, **common)


def _limit(given, configured, default):
    """A limit from the command line, else the config file, else the default; 0 means no limit."""
    value = given if given is not None else configured if configured is not None else default
    return value or None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
