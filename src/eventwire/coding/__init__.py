"""Event detection and coding: ACLED type/sub-type, PLOVER category/mode, actors, place, date, counts."""
from eventwire.coding.events import EventExtractor, code_doc
from eventwire.coding.coref.merge import assign_event_ids, merge_events
from eventwire.coding.conventions.taxonomy import Taxonomy, load_taxonomy

__all__ = ["EventExtractor", "Taxonomy", "assign_event_ids", "code_doc", "load_taxonomy", "merge_events"]
