"""policytext: read, clean, segment and score Chinese policy news articles."""

__version__ = "0.1.0"
