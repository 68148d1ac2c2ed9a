"""Initial tables: methods, tools, cases (with target groups, methods, tools), assessments.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _catalogue_table(name):
    op.create_table(
        name,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("kanaal", sa.String(16), nullable=False),
        sa.Column("kosten", sa.String(16), nullable=False),
        sa.Column("duur_weken", sa.Integer, nullable=False),
        sa.Column("bereik", sa.String(16), nullable=False),
    )


def upgrade():
    _catalogue_table("methods")
    _catalogue_table("tools")
    op.create_table(
        "cases",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("titel", sa.String(300), nullable=False),
        sa.Column("gemeente", sa.String(120), nullable=False),
        sa.Column("jaar", sa.Integer),
        sa.Column("thema", sa.String(40), nullable=False),
        sa.Column("schaal", sa.String(20)),
        sa.Column("niveau", sa.String(20)),
        sa.Column("kanaal", sa.String(16)),
        sa.Column("deelnemers", sa.Integer),
        sa.Column("budget_euro", sa.Integer),
        sa.Column("duur_weken", sa.Integer),
        sa.Column("doel", sa.Text),
        sa.Column("werving", sa.Text),
        sa.Column("wat_gebeurde", sa.Text),
        sa.Column("resultaat", sa.Text),
        sa.Column("lessen", sa.Text),
        sa.Column("score_effect", sa.Float),
        sa.Column("score_meerwaarde", sa.Float),
        sa.Column("score_houding", sa.Float),
        sa.Column("score_competenties", sa.Float),
        sa.Column("totaal", sa.Float),
        sa.Column("voorbeeld", sa.Boolean, nullable=False),
        sa.Column("bron", sa.Text),
    )
    op.create_index("ix_cases_thema", "cases", ["thema"])
    op.create_index("ix_cases_schaal", "cases", ["schaal"])
    op.create_index("ix_cases_gemeente", "cases", ["gemeente"])
    op.create_index("ix_cases_niveau", "cases", ["niveau"])
    op.create_index("ix_cases_rank", "cases", ["voorbeeld", "totaal"])
    op.create_table(
        "case_doelgroepen",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("doelgroep", sa.String(40), primary_key=True),
        sa.Column("positie", sa.Integer, nullable=False),
    )
    op.create_index("ix_case_doelgroepen_doelgroep", "case_doelgroepen", ["doelgroep"])
    op.create_table(
        "case_methodes",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("methode_id", sa.String(64), sa.ForeignKey("methods.id"), primary_key=True),
        sa.Column("positie", sa.Integer, nullable=False),
    )
    op.create_index("ix_case_methodes_methode", "case_methodes", ["methode_id"])
    op.create_table(
        "case_tools",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tool_id", sa.String(64), sa.ForeignKey("tools.id"), primary_key=True),
        sa.Column("positie", sa.Integer, nullable=False),
    )
    op.create_index("ix_case_tools_tool", "case_tools", ["tool_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("antwoorden", sa.Text, nullable=False),
        sa.Column("score_effect", sa.Float, nullable=False),
        sa.Column("score_meerwaarde", sa.Float, nullable=False),
        sa.Column("score_houding", sa.Float, nullable=False),
        sa.Column("score_competenties", sa.Float, nullable=False),
        sa.Column("totaal", sa.Float, nullable=False),
        sa.Column("aangemaakt", sa.DateTime, nullable=False),
    )
    op.create_index("ix_assessments_case", "assessments", ["case_id"])


def downgrade():
    op.drop_table("assessments")
    op.drop_table("case_tools")
    op.drop_table("case_methodes")
    op.drop_table("case_doelgroepen")
    op.drop_table("cases")
    op.drop_table("tools")
    op.drop_table("methods")
