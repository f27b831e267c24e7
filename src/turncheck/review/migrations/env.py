"""Alembic's environment: always run programmatically by turncheck.review.db.migrate, on the connection it
passes (already in a transaction), never from an alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
