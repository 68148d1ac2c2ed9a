"""The open case feed: when a case changed, whether it is shared, where it came from, its licence;
tombstones of deleted shared cases; the state of each followed feed (issue 23).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("licentie", sa.Text))
        batch.add_column(sa.Column("herkomst", sa.Text))
        batch.add_column(sa.Column("gedeeld", sa.Boolean, nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("gewijzigd", sa.DateTime))
    cases = sa.table("cases", sa.column("gewijzigd", sa.DateTime), sa.column("gedeeld", sa.Boolean),
                     sa.column("eigen_evaluatie", sa.Boolean))
    # Every case existing now changed "now"; own evaluations saved from the chat are not shared.
    op.execute(cases.update().values(gewijzigd=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
    op.execute(cases.update().where(cases.c.eigen_evaluatie == sa.true()).values(gedeeld=False))
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("gewijzigd", existing_type=sa.DateTime, nullable=False)
        batch.create_index("ix_cases_feed", ["gedeeld", "gewijzigd", "id"])
    op.create_table(
        "casus_verwijderd",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("gewijzigd", sa.DateTime, nullable=False),
    )
    op.create_index("ix_casus_verwijderd_gewijzigd", "casus_verwijderd", ["gewijzigd", "id"])
    op.create_table(
        "gevolgde_feeds",
        sa.Column("url", sa.String(500), primary_key=True),
        sa.Column("gewijzigd_tot", sa.DateTime),
        sa.Column("laatst_gehaald", sa.DateTime, nullable=False),
    )


def downgrade():
    op.drop_table("gevolgde_feeds")
    op.drop_index("ix_casus_verwijderd_gewijzigd", table_name="casus_verwijderd")
    op.drop_table("casus_verwijderd")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_feed")
        for name in ("gewijzigd", "gedeeld", "herkomst", "licentie"):
            batch.drop_column(name)
