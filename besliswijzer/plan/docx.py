"""The plan as a Word file (.docx): content.py's plan poured into a docxtpl template.

The template decides the look (styles, header, footer, logo); the plan decides the words. An
installation picks its own template with PLAN_DOCX_SJABLOON (a path), else the shipped one
(data/plan/participatieplan.docx, written by template.py). No office suite is needed.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from besliswijzer.errors import BesliswijzerError
from besliswijzer.plan.content import Plan, split_fill_ins
from besliswijzer.plan.template import DOCX_NAME, TEMPLATE_DIR

__all__ = ["ENV_TEMPLATE", "MEDIA_TYPE", "docx_bytes", "template_path"]

ENV_TEMPLATE = "PLAN_DOCX_SJABLOON"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILL_IN_STYLE = "Invullen"       # character styles of the template
LINK_STYLE = "Koppeling"


def template_path(path=None) -> Path:
    """The template to use: the argument, else PLAN_DOCX_SJABLOON, else the shipped one."""
    chosen = path or os.environ.get(ENV_TEMPLATE, "").strip() or TEMPLATE_DIR / DOCX_NAME
    chosen = Path(chosen)
    if not chosen.is_file():
        raise BesliswijzerError(f"Het Word-sjabloon '{chosen.name}' bestaat niet. Controleer {ENV_TEMPLATE}.")
    return chosen


def _rich(text: str):
    """Text with each "[in te vullen door u: ...]" in the template's Invullen style."""
    from docxtpl import RichText

    rich = RichText()
    for piece, fill_in in split_fill_ins(text):
        rich.add(piece, style=FILL_IN_STYLE if fill_in else None)
    return rich


def _context(plan: Plan, template) -> dict:
    from docxtpl import RichText

    data = plan.as_dict()
    data["intro"] = _rich(plan.intro)
    for section in data["secties"]:
        for block in section["blokken"]:
            kind = block["soort"]
            if kind == "alinea":
                block["opgemaakt"] = _rich(block["tekst"])
            elif kind == "punten":
                block["opgemaakt"] = [_rich(p) for p in block["punten"]]
            elif kind == "feiten":
                block["opgemaakt"] = [{"naam": name, "waarde": _rich(value)} for name, value in block["rijen"]]
            elif kind == "bronnen":
                links = []
                for link in block["links"]:
                    rich = RichText()
                    rich.add(link["titel"], style=LINK_STYLE, url_id=template.build_url_id(link["url"]))
                    if link["titel"] != link["url"]:
                        rich.add(f" ({link['url']})")
                    links.append(rich)
                block["opgemaakt"] = links
    return {"plan": data}


def docx_bytes(plan: Plan, template=None) -> bytes:
    """The plan as .docx bytes. Raises BesliswijzerError when the template is missing or broken."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    path = template_path(template)
    try:
        document = DocxTemplate(str(path))
        document.init_docx()
    except Exception as exc:                       # python-docx raises several kinds for a file that is no .docx
        raise BesliswijzerError(f"Het Word-sjabloon '{path.name}' kan ik niet lezen "
                                f"({exc.__class__.__name__}).") from None
    try:
        document.render(_context(plan, document), autoescape=True)
    except TemplateError as exc:
        raise BesliswijzerError(f"Het Word-sjabloon '{path.name}' klopt niet: {exc.message or 'fout in een veld'}. "
                                "Vergelijk het met het meegeleverde sjabloon.") from None
    except (KeyError, ValueError, OSError) as exc:
        raise BesliswijzerError(f"Het Word-sjabloon '{path.name}' kan ik niet lezen "
                                f"({exc.__class__.__name__}).") from None
    props = document.docx.core_properties
    props.title = " ".join(p for p in (plan.titel, plan.ondertitel) if p)
    props.comments = "Gemaakt met de besliswijzer."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
