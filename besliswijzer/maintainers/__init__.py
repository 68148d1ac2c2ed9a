"""The maintainers' side: what the bot misunderstood (inbox), privacy-safe counts (insight), and
removing personal data from typed text before anything is kept (scrub).
"""

__all__ = ["inbox", "insight", "scrub"]
