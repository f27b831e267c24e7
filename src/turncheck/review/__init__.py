"""The review workspace: QA reviewers confirm, override and dispute findings; the verdicts feed back.

``create_review_app`` is a Starlette app to mount at ``/review`` (``turncheck serve``) or run on its
own; ``import_results`` imports a ``turncheck check --format jsonl`` results file into the review
database. Both need the ``serve`` extra (``pip install 'turncheck[serve]'``); importing this package
does not.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["create_review_app", "import_results"]


def create_review_app(*, db_url: str | None = None, token: str | None = None, pack=None) -> "Starlette":
    """The review workspace as a Starlette app (its own routes, CSRF, pages), to mount at ``/review``.

    ``db_url``: see :mod:`turncheck.review.db` (``None``: the default SQLite file). ``token``: when set,
    every request needs it (``Authorization: Bearer``, ``X-Turncheck-Token`` or the login form). ``pack``:
    the rule set (``turncheck.rules.model.RuleSet``) whose titles the pages show, optional.
    """
    from .web import build_app

    return build_app(db_url=db_url, token=token, pack=pack)


def import_results(path: str | os.PathLike[str], *, db_url: str | None = None) -> int:
    """Import a ``check --format jsonl`` (or ``json``) results file; returns the number of scorecards imported.

    Transcript files named by the scorecards' ``source`` are looked up next to the results file and in the
    current folder, so the review page can show the conversation. Raises
    :class:`~turncheck.errors.UsageError` for a file that holds no scorecard.
    """
    from .db import open_engine
    from .store import import_file

    return import_file(path, open_engine(db_url)).count
