"""tiewatch: read news and official statements, extract PLOVER events, quotes and
figures, and draft monthly relationship trackers."""

import logging

from tiewatch.errors import TiewatchError
from tiewatch.models import (
    Actor,
    Annotation,
    Document,
    Event,
    Failure,
    PartialDate,
    Quantity,
    Quote,
    Sentence,
)
from tiewatch.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Annotation",
    "Document",
    "Event",
    "Failure",
    "PartialDate",
    "Quantity",
    "Quote",
    "Sentence",
    "Settings",
    "TiewatchError",
    "__version__",
    "load_settings",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
