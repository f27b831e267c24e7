"""API tests: the app through Starlette's TestClient (in-process, no socket), and one real ``turncheck serve``.

The ``serve`` extra is in the ``test`` extra; a checkout without it skips these with the reason."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install -e '.[test]'")
pytest.importorskip("httpx2", reason="Starlette's TestClient needs httpx2 (in the test extra)")

from starlette.testclient import TestClient  # noqa: E402

from turncheck.server import create_app  # noqa: E402

CHAT = """Customer: My order was due last Thursday and there's still no sign of it.
Agent: I'm so sorry about that. I'll chase the courier today and email you by 5pm.
Customer: Thanks.
"""


@pytest.fixture(scope="session")
def app():
    """The app with the default settings (the bundled pack), made once: it compiles the pack."""
    return create_app()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def make_client(**settings) -> TestClient:
    """A client of an app with these settings (``create_app(**settings)``)."""
    return TestClient(create_app(**settings))
