"""The participation plan: one typed plan, rendered as HTML (web/plan.py) and as editable documents.

content   the plan's content built from a profile and its advice (texts in data/plan.yml)
docx      the plan as a Word file, from a docxtpl template a municipality can restyle
odt       the plan as an OpenDocument file (odfdo)
template  writes the shipped Word template (python -m besliswijzer.plan.template)
"""

__all__ = ["content", "docx", "odt", "template"]
