"""The review workspace's first schema: imports, transcripts, findings, verdicts, disputes, meta.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("cards", sa.Integer, nullable=False),
    )
    op.create_table(
        "transcripts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("location", sa.Integer, nullable=True),
        sa.Column("transcript_id", sa.Text, nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("day", sa.String(16), nullable=False),
        sa.Column("week", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("conversation", sa.Text, nullable=True),
        sa.Column("path", sa.Text, nullable=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_index("ix_transcripts_status", "transcripts", ["status"])
    op.create_index("ix_transcripts_agent_week", "transcripts", ["agent", "week"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("transcript", sa.Integer, sa.ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.UniqueConstraint("transcript", "rule", name="uq_findings_transcript_rule"),
    )
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("finding", sa.Integer, sa.ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
    )
    op.create_index("ix_verdicts_finding", "verdicts", ["finding"])
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("finding", sa.Integer, sa.ForeignKey("findings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.Column("resolver", sa.Text, nullable=True),
        sa.Column("resolution_note", sa.Text, nullable=True),
        sa.Column("resolved", sa.String(32), nullable=True),
    )
    op.create_index("ix_disputes_finding", "disputes", ["finding"])


def downgrade() -> None:
    for name in ("disputes", "verdicts", "findings", "transcripts", "imports", "meta"):
        op.drop_table(name)
