"""PLOVER v2.0 event coding: who did what to whom, when and where (see ``coder``)."""

from newsledger.events.coder import code_events
from newsledger.events.merge import merge_reports
from newsledger.events.model import PLOVER_TYPES, Event, EventCluster, Participant, TextSpan

__all__ = [
    "PLOVER_TYPES",
    "Event",
    "EventCluster",
    "Participant",
    "TextSpan",
    "code_events",
    "merge_reports",
]
