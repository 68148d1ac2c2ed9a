"""Writes the shipped plan templates: data/plan/participatieplan.docx and participatieplan.odt.

    python -m besliswijzer.plan.template            # writes both into besliswijzer/data/plan/
    python -m besliswijzer.plan.template --map DIR  # elsewhere

The Word template holds docxtpl placeholders ({{ ... }}, {%p ... %}) over the plan of content.py,
each on a paragraph with a named style (Title, Heading 1-3, List Bullet, Invullen, ...). A
municipality opens the file in Word, changes the styles, header, footer or logo, saves it under
its own name and sets PLAN_DOCX_SJABLOON to it (docs/plan.md). The LibreOffice template carries
only styles and page layout; odt.py writes the content with those style names.
The files are committed; a test checks that this script still writes the same content.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from besliswijzer.reference.datafiles import DATA_DIR

__all__ = ["DOCX_NAME", "ODT_NAME", "TEMPLATE_DIR", "write_docx_template", "write_odt_template"]

TEMPLATE_DIR = DATA_DIR / "plan"
DOCX_NAME = "participatieplan.docx"
ODT_NAME = "participatieplan.odt"
FILL_IN_COLOUR = "FFF2A8"        # soft yellow behind "[in te vullen door u: ...]"
LINK_COLOUR = "1F4E79"

# The template body: (style, text). A text starting with "{%" is a control paragraph (docxtpl
# removes it); ("Feit", ...) is a paragraph with a bold name and the value after it.
DOCX_BODY = [
    ("Title", "{{ plan.titel }}"),
    ("Normal", "{%p if plan.ondertitel %}"),
    ("Subtitle", "{{ plan.ondertitel }}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{{r plan.intro }}"),
    ("Normal", "{%p for sectie in plan.secties %}"),
    ("Heading 1", "{{ sectie.kop }}"),
    ("Normal", "{%p for blok in sectie.blokken %}"),
    ("Normal", '{%p if blok.soort == "kop" and blok.niveau == 2 %}'),
    ("Heading 2", "{{ blok.tekst }}"),
    ("Normal", '{%p elif blok.soort == "kop" %}'),
    ("Heading 3", "{{ blok.tekst }}"),
    ("Normal", '{%p elif blok.soort == "alinea" %}'),
    ("Normal", "{{r blok.opgemaakt }}"),
    ("Normal", '{%p elif blok.soort == "punten" %}'),
    ("Normal", "{%p for punt in blok.opgemaakt %}"),
    ("List Bullet", "{{r punt }}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", '{%p elif blok.soort == "feiten" %}'),
    ("Normal", "{%p for feit in blok.opgemaakt %}"),
    ("Feit", ("{{ feit.naam }}: ", "{{r feit.waarde }}")),
    ("Normal", "{%p endfor %}"),
    ("Normal", '{%p elif blok.soort == "tabel" %}'),
    ("Tabel", None),
    ("Normal", '{%p elif blok.soort == "bronnen" %}'),
    ("Bronkop", "{{ blok.titel }}"),
    ("Normal", "{%p for link in blok.opgemaakt %}"),
    ("Bron", "{{r link }}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p endif %}"),
    ("Normal", "{%p endfor %}"),
    ("Normal", "{%p endfor %}"),
]


def _docx_styles(document):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    fill_in = styles.add_style("Invullen", WD_STYLE_TYPE.CHARACTER)
    fill_in.font.highlight_color = WD_COLOR_INDEX.YELLOW
    fill_in.font.italic = True
    link = styles.add_style("Koppeling", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
    link.font.underline = True
    source_head = styles.add_style("Bronkop", WD_STYLE_TYPE.PARAGRAPH)
    source_head.base_style = normal
    source_head.font.italic = True
    source_head.paragraph_format.space_after = Pt(0)
    source = styles.add_style("Bron", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = styles["List Bullet"]
    source.font.size = Pt(9)
    fact = styles.add_style("Feit", WD_STYLE_TYPE.PARAGRAPH)
    fact.base_style = normal
    fact.paragraph_format.space_after = Pt(0)


def _docx_table(document):
    """The planning table. docxtpl replaces a whole cell holding {%tc %} and a whole row holding {%tr %}
    by the tag, so the middle cell of each row repeats per column and the third row per planning row."""
    rows = [("{%tc for kolom in blok.kolommen %}", "{{ kolom }}", "{%tc endfor %}"),
            ("{%tr for rij in blok.rijen %}", "", ""),
            ("{%tc for cel in rij %}", "{{ cel }}", "{%tc endfor %}"),
            ("{%tr endfor %}", "", "")]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = document.styles["Table Grid"]
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            run = cell.paragraphs[0].add_run(text)
            run.bold = row is table.rows[0]
    return table


def build_docx_template():
    import docx

    document = docx.Document()
    _docx_styles(document)
    props = document.core_properties
    props.title, props.author, props.comments = "Participatieplan", "besliswijzer", \
        "Sjabloon voor het participatieplan van de besliswijzer (docxtpl)."
    props.revision = 1
    for style, text in DOCX_BODY:
        if style == "Tabel":
            _docx_table(document)
        elif style == "Feit":
            paragraph = document.add_paragraph(style="Feit")
            paragraph.add_run(text[0]).bold = True
            paragraph.add_run(text[1])
        else:
            document.add_paragraph(text, style=style)
    return document


def write_docx_template(folder: Path = TEMPLATE_DIR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DOCX_NAME
    build_docx_template().save(path)
    return path


def build_odt_template():
    from odfdo import Document, Style

    document = Document("text")
    document.body.clear()
    for style in (
        Style("paragraph", name="Title", display_name="Title", parent_style="Heading",
              area="text", size="24pt", bold=True),
        Style("paragraph", name="Subtitle", display_name="Subtitle", parent_style="Heading",
              area="text", size="16pt", italic=True),
        Style("paragraph", name="Bronkop", display_name="Bronkop", parent_style="Text_20_body",
              area="text", italic=True),
        Style("paragraph", name="Bron", display_name="Bron", parent_style="Text_20_body",
              area="text", size="9pt"),
        Style("paragraph", name="Feit", display_name="Feit", parent_style="Text_20_body"),
        Style("text", name="Invullen", display_name="Invullen", background_color=f"#{FILL_IN_COLOUR}",
              italic=True),
        Style("text", name="Koppeling", display_name="Koppeling", color=f"#{LINK_COLOUR}",
              text_underline_style="solid", text_underline_width="auto"),
        Style("text", name="Vet", display_name="Vet", bold=True),
    ):
        document.insert_style(style)
    meta = document.meta
    meta.title = "Participatieplan"
    meta.description = "Sjabloon voor het participatieplan van de besliswijzer: alleen stijlen en pagina-opmaak."
    meta.generator = "besliswijzer"
    return document


def write_odt_template(folder: Path = TEMPLATE_DIR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ODT_NAME
    build_odt_template().save(path)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m besliswijzer.plan.template",
                                     description="Schrijft de sjablonen van het participatieplan.")
    parser.add_argument("--map", default=str(TEMPLATE_DIR), help="waar de sjablonen komen")
    args = parser.parse_args(argv)
    folder = Path(args.map)
    for path in (write_docx_template(folder), write_odt_template(folder)):
        print(f"Geschreven: {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
