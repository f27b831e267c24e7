"""What a ``turncheck serve`` worker is started with: plain, JSON-able data (no Starlette here).

With ``--workers N`` uvicorn starts N processes that each import the app factory; the settings reach them
as JSON in an environment variable (:data:`SETTINGS_ENV`), and each worker compiles the rule pack once.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields

from ..limits import DEFAULT_MAX_BODY, DEFAULT_MAX_SECONDS, DEFAULT_MAX_TURNS

SETTINGS_ENV = "TURNCHECK_SERVE_SETTINGS"
#: the Host headers a server bound to a loopback address answers (a DNS-rebinding page sends its own name)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


@dataclass(frozen=True)
class ServeSettings:
    #: rule folders or files (the bundled pack when empty)
    rules: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: str = "critical"
    #: the importer when a request names none (``auto``: detected as on the command line)
    input_format: str = "auto"
    agent_speakers: tuple[str, ...] = ()
    customer_speakers: tuple[str, ...] = ()
    redact: bool = False
    #: request body limit in bytes (None: no limit); also the import layer's ``max_bytes``
    max_body: int | None = DEFAULT_MAX_BODY
    max_turns: int | None = DEFAULT_MAX_TURNS
    #: the time budget to check one transcript (None: none)
    max_seconds: float | None = DEFAULT_MAX_SECONDS
    #: origins a browser page may call the API from (CORS); none by default
    cors_origins: tuple[str, ...] = ()
    #: Host header values answered (None: any); the CLI sets the loopback names when bound to loopback
    allowed_hosts: tuple[str, ...] | None = None
    #: a waiver file (``check --waivers``), read once at start; a request's ``?name=`` is the transcript path it
    #: is matched against, as a path relative to the server's working folder
    waivers: str | None = None
    #: mount the review workspace at ``/review`` (needs the review database; ``--no-review`` turns it off)
    review: bool = True
    #: the review database URL (None: the default SQLite file, see :mod:`turncheck.review.db`)
    review_db: str | None = None
    #: the shared token every review page asks for (None: none, for one machine)
    review_token: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "ServeSettings":
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
        return cls(**values)

    @classmethod
    def from_env(cls) -> "ServeSettings":
        text = os.environ.get(SETTINGS_ENV)
        return cls.from_json(text) if text else cls()
