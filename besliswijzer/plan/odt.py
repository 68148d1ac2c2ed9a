"""The plan as a LibreOffice/OpenDocument file (.odt), written with odfdo.

The template gives styles and page layout (header, footer, logo); this module writes content.py's
plan into its body with the template's style names. An installation picks its own template with
PLAN_ODT_SJABLOON (a path to an .odt or .ott), else the shipped one (data/plan/participatieplan.odt).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from besliswijzer.errors import BesliswijzerError
from besliswijzer.plan.content import Plan, split_fill_ins
from besliswijzer.plan.template import ODT_NAME, TEMPLATE_DIR

__all__ = ["ENV_TEMPLATE", "MEDIA_TYPE", "odt_bytes", "template_path"]

ENV_TEMPLATE = "PLAN_ODT_SJABLOON"
MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
HEADING = {1: "Heading_20_1", 2: "Heading_20_2", 3: "Heading_20_3"}
BODY, FACT, SOURCE_HEAD, SOURCE = "Text_20_body", "Feit", "Bronkop", "Bron"
FILL_IN, LINK, BOLD, LIST = "Invullen", "Koppeling", "Vet", "List_20_1"


def template_path(path=None) -> Path:
    """The template to use: the argument, else PLAN_ODT_SJABLOON, else the shipped one."""
    chosen = Path(path or os.environ.get(ENV_TEMPLATE, "").strip() or TEMPLATE_DIR / ODT_NAME)
    if not chosen.is_file():
        raise BesliswijzerError(f"Het LibreOffice-sjabloon '{chosen.name}' bestaat niet. Controleer {ENV_TEMPLATE}.")
    return chosen


def _paragraph(text: str, style: str = BODY, before=()):
    """A paragraph; fill-in places in the Invullen style. `before`: (text, text style) runs first."""
    from odfdo import Paragraph, Span

    paragraph = Paragraph("", style=style)
    for piece, style_name in before:
        paragraph.append(Span(piece, style=style_name))
    for piece, fill_in in split_fill_ins(text):
        paragraph.append(Span(piece, style=FILL_IN) if fill_in else piece)
    return paragraph


def _bullets(items, style: str = BODY):
    from odfdo import List, ListItem

    bullets = List(style=LIST)
    for item in items:
        entry = ListItem()
        entry.append(item if not isinstance(item, str) else _paragraph(item, style))
        bullets.append(entry)
    return bullets


def _link(link: dict):
    from odfdo import Link, Paragraph, Span

    paragraph = Paragraph("", style=SOURCE)
    anchor = Link(link["url"])
    anchor.append(Span(link["titel"], style=LINK))
    paragraph.append(anchor)
    if link["titel"] != link["url"]:
        paragraph.append(f" ({link['url']})")
    return paragraph


def _table(block: dict, number: int):
    from odfdo import Table

    columns, rows = block["kolommen"], block["rijen"]
    table = Table(f"Tabel{number}", width=len(columns), height=len(rows) + 1)
    for y, values in enumerate([None, *rows]):
        for x in range(len(columns)):
            cell = table.get_cell((x, y))
            cell.append(_paragraph("", BODY, before=[(columns[x], BOLD)]) if values is None
                        else _paragraph(values[x]))
            table.set_cell((x, y), cell)
    return table


def _blocks(body, blocks: list, tables: list) -> None:
    from odfdo import Header

    for block in blocks:
        kind = block["soort"]
        if kind == "kop":
            level = block["niveau"]
            body.append(Header(level, block["tekst"], style=HEADING[level]))
        elif kind == "alinea":
            body.append(_paragraph(block["tekst"]))
        elif kind == "punten":
            body.append(_bullets(block["punten"]))
        elif kind == "feiten":
            for name, value in block["rijen"]:
                body.append(_paragraph(value, FACT, before=[(f"{name}: ", BOLD)]))
        elif kind == "tabel":
            tables.append(block)
            body.append(_table(block, len(tables)))
        elif kind == "bronnen":
            from odfdo import Paragraph
            body.append(Paragraph(block["titel"], style=SOURCE_HEAD))
            body.append(_bullets([_link(link) for link in block["links"]]))


def odt_bytes(plan: Plan, template=None) -> bytes:
    """The plan as .odt bytes. Raises BesliswijzerError when the template is missing or broken."""
    from odfdo import Document, Header, Paragraph

    path = template_path(template)
    try:
        document = Document(str(path))
        body = document.body
    except Exception as exc:                     # odfdo raises several kinds for a file that is no ODF
        raise BesliswijzerError(f"Het LibreOffice-sjabloon '{path.name}' kan ik niet lezen "
                                f"({exc.__class__.__name__}).") from None
    body.clear()
    data = plan.as_dict()
    body.append(Paragraph(plan.titel, style="Title"))
    if plan.ondertitel:
        body.append(Paragraph(plan.ondertitel, style="Subtitle"))
    body.append(_paragraph(plan.intro))
    tables = []
    for section in data["secties"]:
        body.append(Header(1, section["kop"], style=HEADING[1]))
        _blocks(body, section["blokken"], tables)
    if path.suffix.lower() == ".ott":                 # a template file: the result is a document
        document.mimetype = MEDIA_TYPE
    document.meta.title = " ".join(p for p in (plan.titel, plan.ondertitel) if p)
    document.meta.description = "Gemaakt met de besliswijzer."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
