"""Timeline: evidence-backed chronologies, every event linked to the passages that support it."""

__version__ = "0.1.0"
APP_NAME = "Timeline"
ORG_NAME = "Timeline"
