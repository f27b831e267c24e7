"""Alembic migrations of the review database (run by :func:`turncheck.review.db.migrate`)."""
