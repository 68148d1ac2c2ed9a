"""The advice engine: a profile in, the "advies" payload out, with its reasons and cases.

profile        the user's situation, validated against the vocabulary
preconditions  room for influence, goal, role, time and kind of project, read from typed text
rung           which rung of the participation ladder (niveau) fits, and why
scoring        scoring a method and choosing its tool, with the "waarom" text
evidence       what the cases say about a method, honestly worded
similarity     how alike a case is to the profile
engine         advise(): puts the steps above together
explain        explaining one item and comparing items or rungs
summary        the advice as readable Dutch (chat text, CLI)
why_not        answers to "waarom niet ...?"
"""

__all__ = ["engine", "evidence", "explain", "preconditions", "profile", "rung", "scoring", "similarity", "summary", "why_not"]
