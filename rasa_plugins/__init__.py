"""Rasa 3.6 plug-ins for running several Rasa servers side by side (`make run-cluster`).

Each one fixes something the stock Rasa 3.6 classes get wrong once two servers share one
Redis lock store and one SQL tracker store; docs/schaal.md says what and why.
"""
from rasa_plugins import reload, speedups

# Rasa imports this package when it loads the channel in bot/credentials.yml (every server).
speedups.install()
reload.install()
