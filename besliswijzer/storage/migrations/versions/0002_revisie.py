"""A revision token for the cases, so readers can cache the case index until the cases change.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "revisie",
        sa.Column("naam", sa.String(40), primary_key=True),
        sa.Column("token", sa.String(40), nullable=False),
    )
    op.bulk_insert(table, [{"naam": "casussen", "token": "start"}])


def downgrade():
    op.drop_table("revisie")
