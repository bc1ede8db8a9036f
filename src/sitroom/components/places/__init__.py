"""The places layer: toponym recognition and resolution against the offline gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and runs of capitalised tokens that the gazetteer knows
(matched on transliteration-aware keys, so "Al Maskaneh" finds Maskanah); feature words around a toponym
("airfield", "province", "road", "checkpoint", ...) shape the feature type it must have.

Resolution ranks each toponym's candidates by population, feature type, the document's country focus,
hierarchy cues ("X Province", "Alexandria, Louisiana", admin1 units the document names) and proximity to
the document's other places; all mentions sharing a key share one sense. When no candidate is credible the
place is explicitly unresolved, never a far-away namesake. Countries, capitals and supra-national regions
are places only where some mention of them reads as a location ("in Syria", "borders Jordan", "northern
Iraq"); otherwise ("Washington said", "Tehran agreed") they are actors and are left to the actors layer.
"""

from sitroom.components.places.component import PlacesComponent, Strategy, make_places
from sitroom.components.places.toponyms import Toponym

__all__ = ["PlacesComponent", "Strategy", "Toponym", "make_places"]
