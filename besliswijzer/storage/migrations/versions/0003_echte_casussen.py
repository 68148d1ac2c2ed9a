"""Real cases: sources (url + title), outcome facts, the original free text beside the mapped ids.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("land", "periode", "aantal_deelnemers", "duur", "kosten", "budget_te_verdelen", "uitkomst_bekend",
                "bron_type", "opmerking")
JSON_COLUMNS = ("themas", "beleidsfasen", "uitkomst", "wat_werkte", "wat_niet", "origineel")


def upgrade():
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("thema", existing_type=sa.String(40), nullable=True)   # "geen bekend thema"
        for name in TEXT_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text))
        for name in JSON_COLUMNS:
            batch.add_column(sa.Column(name, sa.JSON))
        batch.add_column(sa.Column("jaar_tot", sa.Integer))
        batch.add_column(sa.Column("partnergemeente", sa.Boolean))
        batch.add_column(sa.Column("eigen_evaluatie", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "case_bronnen",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("positie", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("titel", sa.Text),
        sa.Column("repository", sa.Text),       # a source that is a file in a public repository
        sa.Column("pad", sa.Text),
    )


def downgrade():
    op.drop_table("case_bronnen")
    with op.batch_alter_table("cases") as batch:
        for name in TEXT_COLUMNS + JSON_COLUMNS + ("jaar_tot", "partnergemeente", "eigen_evaluatie"):
            batch.drop_column(name)
