"""Database tables (SQLAlchemy 1.4 declarative, queried in 2.0 style). Case fields follow Participedia's model."""
import datetime as dt

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, false,
                        true)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

PILLARS = ("effect", "meerwaarde", "houding", "competenties")


def utcnow() -> dt.datetime:
    """Now in UTC without a zone: how every time in these tables is stored."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class CatalogueItem:
    """Columns shared by methods and tools: the attributes the case queries join on."""
    id = Column(String(64), primary_key=True)
    naam = Column(String(200), nullable=False)
    kanaal = Column(String(16), nullable=False)
    kosten = Column(String(16), nullable=False)
    duur_weken = Column(Integer, nullable=False)
    bereik = Column(String(16), nullable=False)


class MethodRow(CatalogueItem, Base):
    __tablename__ = "methods"


class ToolRow(CatalogueItem, Base):
    __tablename__ = "tools"


class CaseRow(Base):
    __tablename__ = "cases"
    id = Column(String(80), primary_key=True)
    titel = Column(String(300), nullable=False)
    gemeente = Column(String(120), nullable=False)
    jaar = Column(Integer)                            # first year of the period
    jaar_tot = Column(Integer)                        # last year, when the period gives one
    periode = Column(Text)                            # the period as the source gives it
    land = Column(Text)
    partnergemeente = Column(Boolean)
    thema = Column(String(40))                        # purpose / policy area; the first mapped theme
    themas = Column(JSON)                             # every mapped theme id
    schaal = Column(String(20))                       # scope
    niveau = Column(String(20))                       # public spectrum (participatieladder)
    kanaal = Column(String(16))                       # interaction: fysiek / online / hybride
    deelnemers = Column(Integer)
    budget_euro = Column(Integer)
    duur_weken = Column(Integer)
    doel = Column(Text)                               # purpose
    werving = Column(Text)                            # recruitment
    wat_gebeurde = Column(Text)                       # what happened
    resultaat = Column(Text)                          # impact evidence, short
    lessen = Column(Text)                             # lessons
    score_effect = Column(Float)                      # formal evaluation: pillar scores 1-5
    score_meerwaarde = Column(Float)
    score_houding = Column(Float)
    score_competenties = Column(Float)
    totaal = Column(Float)                            # mean of the pillar scores present; derived on write
    voorbeeld = Column(Boolean, nullable=False, default=False)
    bron = Column(Text)
    # Facts of a documented case, as the source gives them (text, not parsed).
    beleidsfasen = Column(JSON)                       # mapped beleidsfase ids
    aantal_deelnemers = Column(Text)
    duur = Column(Text)
    kosten = Column(Text)                             # process cost
    budget_te_verdelen = Column(Text)                 # money citizens allocated
    uitkomst = Column(JSON)                           # list of concrete results
    uitkomst_bekend = Column(Text)                    # ja / deels / nee
    wat_werkte = Column(JSON)                         # only what a source itself judges
    wat_niet = Column(JSON)
    bron_type = Column(Text)
    opmerking = Column(Text)
    origineel = Column(JSON)                          # the free text the mapped ids came from
    eigen_evaluatie = Column(Boolean, nullable=False, default=False, server_default=false())
    # The open case feed (cases/feed.py, cases/follow.py)
    licentie = Column(Text)                           # URL of the licence of the facts; None: see cases/licence.py
    herkomst = Column(Text)                           # the feed a followed case came from; None: this installation's
    gedeeld = Column(Boolean, nullable=False, default=True, server_default=true())   # published in the feed
    gewijzigd = Column(DateTime, nullable=False, default=lambda: utcnow())           # last change (UTC)

    bronnen = relationship("CaseSource", cascade="all, delete-orphan", lazy="selectin",
                           order_by="CaseSource.positie")

    doelgroepen = relationship("CaseGroup", cascade="all, delete-orphan", lazy="selectin",
                               order_by="CaseGroup.positie")
    methodes = relationship("CaseMethod", cascade="all, delete-orphan", lazy="selectin",
                            order_by="CaseMethod.positie")
    tools = relationship("CaseTool", cascade="all, delete-orphan", lazy="selectin",
                         order_by="CaseTool.positie")

    __table_args__ = (
        Index("ix_cases_thema", "thema"),
        Index("ix_cases_schaal", "schaal"),
        Index("ix_cases_gemeente", "gemeente"),
        Index("ix_cases_niveau", "niveau"),
        Index("ix_cases_rank", "voorbeeld", "totaal"),
        Index("ix_cases_feed", "gedeeld", "gewijzigd", "id"),
    )


class CaseTombstone(Base):
    """A shared case that was deleted or withdrawn: the feed tells followers to remove it."""
    __tablename__ = "casus_verwijderd"
    id = Column(String(80), primary_key=True)
    gewijzigd = Column(DateTime, nullable=False)
    __table_args__ = (Index("ix_casus_verwijderd_gewijzigd", "gewijzigd", "id"),)


class FollowedFeed(Base):
    """Another installation's case feed this one follows, and how far it has read it."""
    __tablename__ = "gevolgde_feeds"
    url = Column(String(500), primary_key=True)
    gewijzigd_tot = Column(DateTime)                  # the newest `gewijzigd` read so far (UTC)
    laatst_gehaald = Column(DateTime, nullable=False)


class CaseSource(Base):
    __tablename__ = "case_bronnen"
    case_id = Column(String(80), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    positie = Column(Integer, primary_key=True)
    url = Column(Text)
    titel = Column(Text)
    repository = Column(Text)                         # a source that is a file in a public repository
    pad = Column(Text)


class CaseGroup(Base):
    __tablename__ = "case_doelgroepen"
    case_id = Column(String(80), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    doelgroep = Column(String(40), primary_key=True)
    positie = Column(Integer, nullable=False, default=0)     # keeps the order of the source file
    __table_args__ = (Index("ix_case_doelgroepen_doelgroep", "doelgroep"),)


class CaseMethod(Base):
    __tablename__ = "case_methodes"
    case_id = Column(String(80), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    methode_id = Column(String(64), ForeignKey("methods.id"), primary_key=True)
    positie = Column(Integer, nullable=False, default=0)
    __table_args__ = (Index("ix_case_methodes_methode", "methode_id"),)


class CaseTool(Base):
    __tablename__ = "case_tools"
    case_id = Column(String(80), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    tool_id = Column(String(64), ForeignKey("tools.id"), primary_key=True)
    positie = Column(Integer, nullable=False, default=0)
    __table_args__ = (Index("ix_case_tools_tool", "tool_id"),)


class AssessmentRow(Base):
    __tablename__ = "assessments"
    id = Column(Integer, primary_key=True, autoincrement=True)
    case_id = Column(String(80), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    antwoorden = Column(Text, nullable=False)          # JSON: question id -> 1..5
    score_effect = Column(Float, nullable=False)
    score_meerwaarde = Column(Float, nullable=False)
    score_houding = Column(Float, nullable=False)
    score_competenties = Column(Float, nullable=False)
    totaal = Column(Float, nullable=False)
    aangemaakt = Column(DateTime, nullable=False)
    __table_args__ = (Index("ix_assessments_case", "case_id"),)


class RevisionRow(Base):
    """A token that changes on every write to the cases; readers cache the case index per token."""
    __tablename__ = "revisie"
    naam = Column(String(40), primary_key=True)
    token = Column(String(40), nullable=False)


class InboxRow(Base):
    """A message the bot misunderstood, scrubbed of personal data, with no link to its conversation."""
    __tablename__ = "inbox_berichten"
    id = Column(Integer, primary_key=True, autoincrement=True)
    tekst = Column(Text, nullable=False)              # scrubbed (besliswijzer.maintainers.scrub)
    reden = Column(String(20), nullable=False)        # fallback / onzeker / buiten_bereik / correctie
    intentie = Column(String(80))                     # what the bot understood (best real intent)
    zekerheid = Column(Float)
    antwoord = Column(Text)                           # the bot's reply, scrubbed too
    datum = Column(Date, nullable=False)              # a day, never a time: nothing to link it by
    __table_args__ = (Index("ix_inbox_datum", "datum"),)


class CountRow(Base):
    """Insight counted as conversations happen: per ISO week, per kind and value.

    `gesprekken` counts conversations (each at most once per cell), `berichten` messages.
    Never any message text.
    """
    __tablename__ = "inzicht_tellingen"
    week = Column(Date, primary_key=True)             # the Monday of the week
    soort = Column(String(30), primary_key=True)
    waarde = Column(String(80), primary_key=True)
    gesprekken = Column(Integer, nullable=False, default=0)
    berichten = Column(Integer, nullable=False, default=0)
