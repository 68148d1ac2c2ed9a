"""The maintainers' side: what the bot misunderstood (inbox), telling junk from real messages (junk),
privacy-safe counts (insight), and removing personal data from typed text before anything is kept (scrub);
checking every cited source (sources) and the catalogue figures the shipped cases give (case_figures).
"""

__all__ = ["case_figures", "inbox", "insight", "junk", "scrub", "sources"]
