"""eventwire: dated news articles in, evidence-linked political and conflict events out."""
from eventwire.types import (
    ActorMention,
    Article,
    CasualtyMention,
    DateMention,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Quote,
)
from eventwire.errors import EventwireError

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ActorMention",
    "CasualtyMention",
    "DateMention",
    "Event",
    "EventwireError",
    "Evidence",
    "Place",
    "PlaceMention",
    "Quote",
    "__version__",
]
