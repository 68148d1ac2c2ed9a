"""Besliswijzer: helps municipal professionals choose a participation approach.

The core is plain Python (no Rasa, no Flask): catalogue, case database, advice engine and
assessment frame. Command line: python -m besliswijzer --help
"""
