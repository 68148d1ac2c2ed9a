"""Dutch text handling, framework-free: how typed text is made comparable and how Dutch is written.

fold      the one accent and case fold, normalise() and tokenise() for everything that compares words
lemmas    dictionary forms of Dutch words (spaCy's lookup table, read without importing spaCy)
stopwords Dutch stop words (spaCy's list, read without importing spaCy) and filler words
sentences a message split into its sentences, and whether a sentence is a question
numbers   amounts, durations and 1-5 scores in free Dutch text ("anderhalve ton", "een half jaar")
dutch     Dutch formatting: lists ("a, b en c"), euros, decimal comma, weeks
"""

__all__ = ["dutch", "fold", "lemmas", "numbers", "sentences", "stopwords"]
