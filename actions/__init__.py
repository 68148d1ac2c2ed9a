"""Rasa custom actions of the besliswijzer: thin adapters between the dialogue and the core.

Each module holds the actions of one feature (advies, casussen, uitleg, vergelijken,
evaluatie, fallback, basis). The knowledge lives in the core package `besliswijzer`; Dutch
texts the actions send live in teksten.yml.
"""

from .guard import install as _install_guard

# The action server imports this package at start-up: from then on a failing action answers in
# Dutch and logs no typed text (guard.py).
_install_guard()
