"""The participation plan: its content (content.py) and its editable documents (docx.py, odt.py)."""
from besliswijzer.plan.content import Plan, build_plan

__all__ = ["Plan", "build_plan"]
