"""Living-lab cases: the case store, its file formats, its open feed and the assessment that turns into a case.

store       store, search, import and export cases
fileformat  the YAML and CSV case formats, read with Dutch errors per record and field
mapping     free text of a documented case onto catalogue and vocabulary ids
proposals   what an import proposes for unclear text, and the maintainer's confirmation
texts       how a case's evidence reads (sources, known outcome, origin, licence)
licence     the licence of a case and its attribution (licenties.yml)
feed        the open case feed other installations follow (GET /api/casussen)
follow      following another installation's feed (casus volg)
comparison  comparing a team's own evaluation with similar cases elsewhere
assessment  the assessment frame (four pillars) and saving an assessment as a case
seed        the shipped catalogue rows and real cases, written idempotently
"""

__all__ = ["assessment", "comparison", "feed", "fileformat", "follow", "licence", "mapping", "proposals", "seed",
           "store", "texts"]
