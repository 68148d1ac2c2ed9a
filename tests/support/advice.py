"""Advice inputs and readers shared by the core tests."""

__all__ = ["YOUTH", "ranking"]

# A profile whose case base has cases on the theme but none in this municipality.
YOUTH = {"doelgroep": ["jongeren"], "schaal": "wijk", "thema": "veiligheid", "niveau": "adviseren",
         "gemeente": "Almelo"}


def ranking(payload):
    """The methods of an advice payload, best first."""
    return [c["methode"] for c in payload["combinaties"]]
