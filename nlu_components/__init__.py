"""Custom Rasa NLU components of the besliswijzer."""
