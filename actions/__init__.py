"""Rasa custom actions of the besliswijzer: thin adapters between the dialogue and the core.

Each module holds the actions of one feature (advies, casussen, uitleg, vergelijken,
evaluatie, fallback, basis). The knowledge lives in the core package `besliswijzer`; Dutch
texts the actions send live in teksten.yml.
"""
