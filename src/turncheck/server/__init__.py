"""``turncheck serve``: the check API (``POST /v1/check``, ``POST /v1/draft``, ``GET /v1/rules``, ``GET /healthz``)
as a Starlette app. Needs the ``serve`` extra: ``pip install 'turncheck[serve]'``.

:func:`create_app` is the factory; its ``mounts`` are appended to the API's routes (the review workspace
mounts itself at ``/review``)."""

from .app import create_app
from .settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
