"""Living-lab cases: the case store, its file formats and the assessment that turns into a case.

store       store, search, import and export cases
fileformat  the YAML and CSV case formats, read with Dutch errors per record and field
mapping     free text of a documented case onto catalogue and vocabulary ids
texts       how a case's evidence reads (sources, known outcome)
assessment  the assessment frame (four pillars) and saving an assessment as a case
seed        the shipped catalogue rows and real cases, written idempotently
"""

__all__ = ["assessment", "fileformat", "mapping", "seed", "store", "texts"]
