"""Offline geography: countries, the GeoNames gazetteer, place resolution, event locations.

- :mod:`eventwire.geo.countries`: ``lookup_country("Afghan")``, ``country_by_iso2("AF")``;
- :mod:`eventwire.geo.gazetteer`: ``get_gazetteer().lookup("Qala-e-Naw")``;
- :mod:`eventwire.geo.resolver`: ``PlaceResolver`` (used by the ``eventwire_places_v1`` component);
- :mod:`eventwire.geo.event_location`: ``pick_event_place(trigger, places)``, ``place_contains``,
  ``distance_km``.

Importing this package does no work; data is loaded on first use, once per process.
"""
from eventwire.geo.countries import Country, country_by_iso2, country_by_iso3, lookup_country
from eventwire.geo.gazetteer import Gazetteer, get_gazetteer

__all__ = ["Country", "Gazetteer", "country_by_iso2", "country_by_iso3", "get_gazetteer", "lookup_country"]
