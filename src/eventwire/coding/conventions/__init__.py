"""Codebook conventions: ACLED types and precedence, PLOVER categories, counts, actors.

- ``taxonomy``: the ACLED event types and sub-types, their precedence and PLOVER mapping;
- ``rules``: the type and sub-type of one trigger, from its class, actors and target;
- ``counts``: how the figures told for one event are resolved (largest, sides added up);
- ``verbal``: who may make a PLOVER-only event, and how a stated intention is coded;
- ``attribution``: claims of responsibility and blame that name an attacker.
"""
