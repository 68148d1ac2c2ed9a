"""The participation plan as editable documents: built once (content.py), read back from .docx and .odt."""
import io
import json
import zipfile

import docx
import pytest
from odfdo import Document

from besliswijzer.advice.engine import advise
from besliswijzer.errors import BesliswijzerError
from besliswijzer.plan import template as plan_template
from besliswijzer.plan.content import FILL_IN, build_plan
from besliswijzer.plan.docx import docx_bytes
from besliswijzer.plan.odt import odt_bytes

PROFILE = {"doelgroep": ["ouderen", "nieuwkomers"], "schaal": "wijk", "thema": "openbare_ruimte",
           "beleidsfase": "beleidsvorming", "niveau": "adviseren", "budget_euro": 15000,
           "doorlooptijd_weken": 12, "gemeente": "Hengelo"}
SECTIONS = ["Aanleiding en doel", "Trede op de participatieladder", "Wat ligt vast en wat is open",
            "Rol van raad en college", "Wettelijk kader", "Belanghebbenden en doelgroepen", "Werkvormen en tools",
            "Communicatie", "Planning per fase", "Hoe inbreng wordt gewogen", "Tijd en budget", "Terugkoppeling",
            "Evaluatie", "Voorbeelden", "Checklist"]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    from besliswijzer.storage.db import init_db

    url = f"sqlite:///{tmp_path_factory.mktemp('plan') / 'besliswijzer.db'}"
    init_db(url)
    return url


@pytest.fixture(scope="module")
def advice(database):
    from besliswijzer.storage.db import session_scope

    with session_scope(database) as session:
        return advise(PROFILE, session=session)


@pytest.fixture(scope="module")
def plan(advice):
    return build_plan(PROFILE, advice)


@pytest.fixture(scope="module")
def word(plan):
    return docx.Document(io.BytesIO(docx_bytes(plan)))


@pytest.fixture(scope="module")
def odt(plan):
    return Document(io.BytesIO(odt_bytes(plan)))


def headings(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def word_text(document):
    return "\n".join(p.text for p in document.paragraphs)


def test_the_plan_has_the_sections_municipal_guides_prescribe_in_order(plan):
    assert [s.kop for s in plan.secties] == SECTIONS


def test_the_plan_is_filled_from_profile_and_advice(plan, advice):
    best = advice["combinaties"][0]
    werkvormen = plan.section("werkvormen")
    assert werkvormen.blokken[0].tekst == f"Eerste keus: {best['methode_naam']} + {best['tool_naam']}"
    assert any(getattr(b, "punten", None) == tuple(best["valkuilen"]) for b in werkvormen.blokken)
    trede = plan.section("trede")
    assert trede.blokken[0].tekst == "Trede: Adviseren (trede 3 van de participatieladder)."
    table = next(b for b in plan.section("planning").blokken if b.soort == "tabel")
    assert [row[0] for row in table.rijen] == ["Voorbereiden", "Uitvoeren", "Verwerken en wegen",
                                               "Terugkoppelen en besluiten"]
    assert table.rijen[0][1] == "week 1 tot en met 3" and table.rijen[-1][1] == "week 12"   # 12 weeks in all
    facts = dict(next(b for b in plan.section("tijd_budget").blokken if b.soort == "feiten").rijen)
    assert facts["Budget"] == "€ 15.000" and facts["Tijd tot het besluit"] == "12 weken"


def test_what_only_the_professional_knows_is_marked_to_fill_in(plan):
    for ident in ("aanleiding", "ruimte", "rollen", "wettelijk", "belanghebbenden", "planning", "weging",
                  "terugkoppeling", "evaluatie"):
        texts = [b.tekst for b in plan.section(ident).blokken if b.soort == "alinea"]
        assert any(FILL_IN.search(t) for t in texts), ident


def test_the_legal_frame_motivates_the_participation_with_sources(plan):
    legal = plan.section("wettelijk")
    text = " ".join(getattr(b, "tekst", "") for b in legal.blokken)
    assert "Omgevingswet" in text and "participatieverordening" in text and "motiveringsplicht" in text
    motivation = legal.blokken[-1].tekst
    assert motivation.startswith("Bij de voorbereiding van dit besluit hebben wij ouderen en nieuwkomers betrokken.")
    assert "Wij kozen voor de trede adviseren" in motivation
    assert "[in te vullen door u: wat heeft u overgenomen, wat niet, en waarom niet?]" in motivation
    urls = [link.url for b in legal.blokken if b.soort == "bronnen" for link in b.links]
    assert "https://vng.nl/brieven/consultatie-wetsvoorstel-wet-versterking-participatie-op-decentraal-niveau" in urls
    assert all(url.startswith(("http://", "https://")) for url in urls)


def test_without_time_or_rung_the_plan_asks_instead_of_guessing():
    plan = build_plan({"doelgroep": ["jongeren"]})
    facts = dict(next(b for b in plan.section("tijd_budget").blokken if b.soort == "feiten").rijen)
    assert FILL_IN.fullmatch(facts["Budget"]) and FILL_IN.fullmatch(facts["Tijd tot het besluit"])
    planning = plan.section("planning").blokken[0].tekst
    assert planning.startswith("U noemde geen datum voor het besluit.")


def test_the_word_file_reads_back_with_sections_values_and_sources(word, plan, advice):
    assert headings(word, "Title") == ["Participatieplan"]
    assert headings(word, "Subtitle") == ["Hengelo"]
    assert headings(word, "Heading 1") == SECTIONS
    text = word_text(word)
    for value in ("Doelgroep: Ouderen en Nieuwkomers", "Budget: € 15.000", "Tijd tot het besluit: 12 weken",
                  advice["combinaties"][0]["vaardigheden"][0], advice["casussen"][0]["titel"]):
        assert value in text, value
    links = {link.url for p in word.paragraphs for link in p.hyperlinks}
    for case in advice["casussen"]:
        assert case["bronnen"][0]["url"] in links
    [table] = word.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Fase", "Weken", "Wat gebeurt er"]
    assert rows[1:] == [list(r) for r in next(b for b in plan.section("planning").blokken if b.soort == "tabel").rijen]
    assert word.core_properties.title == "Participatieplan Hengelo"


def test_fill_ins_in_the_word_file_carry_the_restylable_character_style(word):
    runs = [r for p in word.paragraphs for r in p.runs if r.text.startswith("[in te vullen door u: ")]
    assert len(runs) >= 10
    assert {r.style.name for r in runs} == {"Invullen"}


def test_the_odt_file_reads_back_with_sections_values_and_sources(odt, plan, advice):
    body = odt.body
    assert [h.text for h in body.get_headers(outline_level=1)] == SECTIONS
    text = odt.get_formatted_text()
    for value in ("Ouderen en Nieuwkomers", "€ 15.000", advice["combinaties"][0]["valkuilen"][0],
                  advice["casussen"][0]["titel"], "Motivering bij het besluit (concepttekst)"):
        assert value in text, value
    urls = {link.url for link in body.get_links()}
    for case in advice["casussen"]:
        assert case["bronnen"][0]["url"] in urls
    [table] = body.get_tables()
    rows = [[c.text_content for c in row.get_cells()] for row in table.get_rows()]
    assert rows[0] == ["Fase", "Weken", "Wat gebeurt er"] and len(rows) == 5
    fill_ins = [s for s in body.get_spans() if s.style == "Invullen"]
    assert len(fill_ins) >= 10 and all(FILL_IN.fullmatch(s.text) for s in fill_ins)
    assert odt.meta.title == "Participatieplan Hengelo"


def test_text_with_markup_characters_stays_text_in_both_documents():
    plan = build_plan({"doelgroep": ["ouderen"], "gemeente": "<b>Hengelo & Borne</b>"})
    assert headings(docx.Document(io.BytesIO(docx_bytes(plan))), "Subtitle") == ["<b>Hengelo & Borne</b>"]
    assert "<b>Hengelo & Borne</b>" in Document(io.BytesIO(odt_bytes(plan))).get_formatted_text()


def test_a_municipality_restyles_the_word_template_without_touching_code(plan, tmp_path, monkeypatch):
    from docx.shared import RGBColor

    house = docx.Document(str(plan_template.TEMPLATE_DIR / plan_template.DOCX_NAME))
    house.styles["Heading 1"].font.color.rgb = RGBColor(0xC8, 0x10, 0x2E)
    house.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld"
    path = tmp_path / "huisstijl.docx"
    house.save(path)
    monkeypatch.setenv("PLAN_DOCX_SJABLOON", str(path))
    result = docx.Document(io.BytesIO(docx_bytes(plan)))
    assert headings(result, "Heading 1") == SECTIONS
    assert result.styles["Heading 1"].font.color.rgb == RGBColor(0xC8, 0x10, 0x2E)
    assert result.sections[0].header.paragraphs[0].text == "Gemeente Voorbeeld"


def test_a_municipality_brings_its_own_odt_styles(plan, tmp_path, monkeypatch):
    house = Document(str(plan_template.TEMPLATE_DIR / plan_template.ODT_NAME))
    house.get_style("text", "Invullen").set_properties({"fo:background-color": "#00ff00"}, area="text")
    path = tmp_path / "huisstijl.odt"
    house.save(path)
    monkeypatch.setenv("PLAN_ODT_SJABLOON", str(path))
    result = Document(io.BytesIO(odt_bytes(plan)))
    assert result.get_style("text", "Invullen").get_properties(area="text")["fo:background-color"] == "#00ff00"
    assert [h.text for h in result.body.get_headers(outline_level=1)] == SECTIONS


@pytest.mark.parametrize("render, setting", [(docx_bytes, "PLAN_DOCX_SJABLOON"), (odt_bytes, "PLAN_ODT_SJABLOON")])
def test_a_missing_or_broken_template_is_a_dutch_error(plan, tmp_path, monkeypatch, render, setting):
    monkeypatch.setenv(setting, str(tmp_path / "weg.docx"))
    with pytest.raises(BesliswijzerError, match="bestaat niet"):
        render(plan)
    broken = tmp_path / "kapot.bin"
    broken.write_text("geen sjabloon", encoding="utf-8")
    monkeypatch.setenv(setting, str(broken))
    with pytest.raises(BesliswijzerError, match="kan ik niet lezen"):
        render(plan)


def test_a_word_template_with_a_broken_placeholder_is_a_dutch_error(plan, tmp_path, monkeypatch):
    house = docx.Document(str(plan_template.TEMPLATE_DIR / plan_template.DOCX_NAME))
    house.add_paragraph("{% for x in %}")
    path = tmp_path / "kapot.docx"
    house.save(path)
    monkeypatch.setenv("PLAN_DOCX_SJABLOON", str(path))
    with pytest.raises(BesliswijzerError, match="klopt niet"):
        docx_bytes(plan)


def parts(data: bytes, names) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in names}


def test_the_shipped_templates_are_what_the_generator_writes(tmp_path):
    """Reproducible: `python -m besliswijzer.plan.template` writes the committed templates' content."""
    shipped, fresh = plan_template.TEMPLATE_DIR, tmp_path
    plan_template.write_docx_template(fresh)
    plan_template.write_odt_template(fresh)
    for name, members in ((plan_template.DOCX_NAME, ["word/document.xml", "word/styles.xml"]),
                          (plan_template.ODT_NAME, ["content.xml", "styles.xml"])):
        assert parts((shipped / name).read_bytes(), members) == parts((fresh / name).read_bytes(), members), name


def test_the_cli_writes_both_documents(tmp_path, database, monkeypatch, capsys):
    from besliswijzer.cli import main

    monkeypatch.setenv("DATABASE_URL", database)
    profile = tmp_path / "profiel.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert main(["plan", "--profiel", str(profile), "--docx", str(tmp_path / "plan.docx")]) == 0
    assert main(["plan", "--profiel", str(profile), "--odt", str(tmp_path / "plan.odt")]) == 0
    assert headings(docx.Document(str(tmp_path / "plan.docx")), "Heading 1") == SECTIONS
    assert [h.text for h in Document(str(tmp_path / "plan.odt")).body.get_headers(outline_level=1)] == SECTIONS
    assert "Participatieplan geschreven" in capsys.readouterr().out


def test_the_cli_says_in_dutch_what_is_wrong(tmp_path, capsys):
    from besliswijzer.cli import main

    profile = tmp_path / "profiel.json"
    profile.write_text(json.dumps({"doelgroep": ["marsmannetjes"]}), encoding="utf-8")
    assert main(["plan", "--profiel", str(profile), "--docx", str(tmp_path / "plan.docx")]) == 2
    assert "marsmannetjes" in capsys.readouterr().err
    assert not (tmp_path / "plan.docx").exists()
    with pytest.raises(SystemExit) as stop:
        main(["plan", "--profiel", str(profile)])
    assert stop.value.code == 2
    assert "geef één van deze opties: --docx --odt" in capsys.readouterr().err


def test_the_plan_says_where_cost_and_duration_come_from(plan, advice, word):
    """Each approach's cost and duration carry their herkomst in plain Dutch, in the plan and the Word file."""
    facts = [b for b in plan.section("werkvormen").blokken if b.soort == "feiten"]
    assert len(facts) == len(advice["combinaties"])
    text = word_text(word)
    for combo, block in zip(advice["combinaties"], facts):
        rows = dict(block.rijen)
        assert rows["Kosten"] == f"{combo['kosten']} ({combo['herkomst_tekst']['kosten']})"
        assert rows["Duur"] == f"{combo['duur_tekst']} ({combo['herkomst_tekst']['duur_weken']})"
        assert rows["Kosten"] in text
    assert any("een schatting van de makers" in b.tekst for b in plan.section("werkvormen").blokken
               if b.soort == "alinea")


def test_a_case_on_participedia_data_carries_its_licence_into_the_plan(database):
    """Amersfoort's G1000 rests on Participedia's data: the plan names CC BY-NC-SA 3.0 with its link and says
    what non-commercial reuse means for the municipality; the Word file carries the same words."""
    from besliswijzer.storage.db import session_scope

    profile = {"doelgroep": ["inwoners"], "schaal": "gemeente", "gemeente": "Amersfoort", "niveau": "adviseren"}
    with session_scope(database) as session:
        licensed_advice = advise(profile, session=session)
    assert "amersfoort-g1000-2014" in [c["id"] for c in licensed_advice["casussen"]]
    licensed = build_plan(profile, licensed_advice)
    texts = [b.tekst for b in licensed.section("voorbeelden").blokken if b.soort == "alinea"]
    assert any("Licentie: CC BY-NC-SA 3.0 (https://creativecommons.org/licenses/by-nc-sa/3.0/), gegevens van "
               "Participedia (participedia.net)" in t for t in texts)
    assert any("verkoop het niet" in t for t in texts)
    assert "Licentie: CC BY-NC-SA 3.0" in word_text(docx.Document(io.BytesIO(docx_bytes(licensed))))
