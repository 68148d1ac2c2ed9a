"""The maintainers' side: what the bot misunderstood (inbox), telling junk from real messages (junk),
privacy-safe counts (insight), and removing personal data from typed text before anything is kept (scrub).
"""

__all__ = ["inbox", "insight", "junk", "scrub"]
