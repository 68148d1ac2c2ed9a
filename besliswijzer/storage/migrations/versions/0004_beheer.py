"""The maintainers' inbox of misunderstood messages and the insight counts (issue 12).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "inbox_berichten",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("reden", sa.String(20), nullable=False),
        sa.Column("intentie", sa.String(80)),
        sa.Column("zekerheid", sa.Float),
        sa.Column("antwoord", sa.Text),
        sa.Column("datum", sa.Date, nullable=False),
    )
    op.create_index("ix_inbox_datum", "inbox_berichten", ["datum"])
    op.create_table(
        "inzicht_tellingen",
        sa.Column("week", sa.Date, primary_key=True),
        sa.Column("soort", sa.String(30), primary_key=True),
        sa.Column("waarde", sa.String(80), primary_key=True),
        sa.Column("gesprekken", sa.Integer, nullable=False, server_default="0"),
        sa.Column("berichten", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("inzicht_tellingen")
    op.drop_index("ix_inbox_datum", table_name="inbox_berichten")
    op.drop_table("inbox_berichten")
