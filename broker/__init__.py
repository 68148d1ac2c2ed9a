"""Rasa event brokers of the besliswijzer (configured in bot/endpoints.yml)."""
