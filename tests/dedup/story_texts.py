"""Short reports the project wrote for the story tests: one attack told three ways, and others."""
from __future__ import annotations

import datetime as dt

from eventwire.types import Article

BASE = (
    "Gunmen attacked a police station in Maiduguri on Tuesday, killing four officers, the Borno state "
    "police spokesman Abdul Danjuma said. Residents said the attackers arrived on motorcycles shortly "
    "after dusk and fired at the building for nearly an hour before fleeing toward Konduga."
)
REWORDED = (
    "Four police officers were killed on Tuesday when gunmen on motorcycles stormed a police station in "
    "Maiduguri, said Abdul Danjuma, spokesman for the Borno state police. The attackers fled toward Konduga "
    "after an hour-long assault, residents said."
)
FOLLOW_UP = BASE.replace("killing four officers", "killing six officers") + (
    " The toll rose on Wednesday after two wounded officers died in hospital, Danjuma said."
)
OTHER = (
    "Thousands of teachers marched through Lagos on Tuesday to demand unpaid salaries, blocking traffic "
    "on the Third Mainland Bridge for several hours, union leader Grace Okafor said. The Nigeria Union of "
    "Teachers said the strike would go on until the Lagos state government paid three months of arrears."
)
SAME_CITY = (
    "Floods swept through low-lying districts of Maiduguri on Tuesday after two days of heavy rain, "
    "forcing some 2,000 families from their homes, the Borno state emergency agency said. Its head, "
    "Ahmed Satomi, said relief camps had been opened at schools in the city and that the waters were "
    "expected to recede by the weekend."
)
HARBOUR = (
    "A fire at the Apapa port in Lagos destroyed 14 containers on Wednesday, the Nigerian Ports Authority "
    "said. Firefighters from the Lagos State Fire Service fought the blaze for five hours. No one was hurt, "
    "spokesman Ikechukwu Onyemekara told reporters, and the cause of the fire was being investigated."
)


def article(ident: str, text: str, day: int | None = 5) -> Article:
    return Article(id=ident, text=text, published=dt.date(2024, 3, day) if day else None)
