"""Reference data: the validated data files in besliswijzer/data and the knowledge read from them.

datafiles  reading YAML data files with errors that name file, item and field
catalogue  methods, tools, concepts and vocabulary; the one entry point for recognising and naming terms
matching   how the catalogue compares typed text with its names (typos, lemmas, longest match)
rules      the advice rules (regels.yml)
provenance where a method's or tool's figures come from (herkomst: a source, cases or an estimate)
knowledge  sourced answers to open questions (kennis.yml) and the words of out-of-scope questions
retrieval  finding the sure answer to an open question among the knowledge topics (TF-IDF)
places     municipalities, provinces and regions (gemeenten.txt, regio.yml)
"""

__all__ = ["catalogue", "datafiles", "knowledge", "matching", "places", "provenance", "retrieval", "rules"]
