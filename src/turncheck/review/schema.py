"""The review database's tables (SQLAlchemy Core), as the newest migration leaves them.

The migrations in ``migrations/versions`` create and change these tables; this module
is what the code reads and writes through. Change both together: a new migration for
every change here (``tests/review/test_db.py`` checks that a migrated database has
exactly these tables and columns).

- ``meta``: key/value settings of this database (the session-signing secret).
- ``imports``: one row per import of a results file or upload.
- ``transcripts``: one row per scorecard (key: source and record), with the scorecard
  JSON as it was imported and, when the transcript file could be read at import, the
  canonical transcript JSON (the page never reads files).
- ``findings``: one row per rule result of a scorecard (the pack's status).
- ``verdicts``: every reviewer verdict, append-only; a reviewer's latest verdict on a
  finding is the one that counts.
- ``disputes``: an agent's dispute of a finding and the reviewer's resolution.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("created", String(32), nullable=False),
    Column("cards", Integer, nullable=False),
)

transcripts = Table(
    "transcripts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("location", Integer, nullable=True),
    Column("transcript_id", Text, nullable=False),
    Column("agent", Text, nullable=False),
    Column("day", String(16), nullable=False),
    Column("week", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("verdict", String(32), nullable=False),
    Column("score", Float, nullable=True),
    Column("card", Text, nullable=False),
    Column("conversation", Text, nullable=True),
    Column("path", Text, nullable=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("updated", String(32), nullable=False),
    Index("ix_transcripts_status", "status"),
    Index("ix_transcripts_agent_week", "agent", "week"),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("transcript", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("rule", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    UniqueConstraint("transcript", "rule", name="uq_findings_transcript_rule"),
)

verdicts = Table(
    "verdicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding", Integer, ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("action", String(16), nullable=False),  # confirm | override | resolve
    Column("label", String(8), nullable=False),  # pass | fail | na
    Column("note", Text, nullable=False),
    Column("created", String(32), nullable=False),
    Index("ix_verdicts_finding", "finding"),
)

disputes = Table(
    "disputes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding", Integer, ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
    Column("agent", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("created", String(32), nullable=False),
    Column("resolution", String(16), nullable=True),  # upheld | overturned
    Column("resolver", Text, nullable=True),
    Column("resolution_note", Text, nullable=True),
    Column("resolved", String(32), nullable=True),
    Index("ix_disputes_finding", "finding"),
)
