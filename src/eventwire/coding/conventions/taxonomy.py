"""The ACLED and PLOVER taxonomies, read once from ``coding/data/taxonomy.json``.

Event types and their sub-event types are listed in precedence order: when several
mentions of one event are merged, the type listed first wins (Battles > Protests > Riots >
Explosions/Remote violence > Violence against civilians > Strategic developments), and
within a type the sub-event type listed first wins, except for the codebook's
"escalations" (a peaceful protest that turns violent is a Violent demonstration).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import Errors, ModelError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TAXONOMY_PATH = DATA_DIR / "taxonomy.json"
CIVILIAN_INTER = 7


@dataclass(frozen=True)
class Taxonomy:
    event_types: tuple[str, ...]  # precedence order
    sub_event_types: dict[str, tuple[str, ...]]  # event type -> sub-types in precedence order
    sub_to_type: dict[str, str]
    disorder_types: dict[str, str]  # event type -> disorder type
    disorder_overrides: dict[str, str]  # sub-event type -> disorder type
    merge_groups: dict[str, str]  # event type -> merge group
    escalations: dict[frozenset, str]  # {sub a, sub b} -> winning sub-event type
    strategic_joins_demonstration: frozenset
    plover_categories: dict[str, tuple[str, ...]]  # category -> modes
    plover_quads: dict[str, str]
    plover_legacy: dict[str, str | None]
    acled_to_plover: dict[str, tuple[str | None, str | None]]

    def type_rank(self, event_type: str | None) -> int:
        """0 for the highest-precedence type; verbal events (None) rank last."""
        if event_type is None:
            return len(self.event_types)
        return self.event_types.index(event_type)

    def sub_rank(self, sub_event_type: str) -> int:
        event_type = self.sub_to_type[sub_event_type]
        return self.sub_event_types[event_type].index(sub_event_type)

    def disorder_type(self, event_type: str | None, sub_event_type: str | None) -> str | None:
        if event_type is None:
            return None
        if sub_event_type in self.disorder_overrides:
            return self.disorder_overrides[sub_event_type]
        return self.disorder_types[event_type]

    def plover_for(self, sub_event_type: str) -> tuple[str | None, str | None]:
        """The PLOVER (category, mode) an ACLED sub-event type corresponds to."""
        return self.acled_to_plover[sub_event_type]

    def current_plover(self, category: str | None) -> str | None:
        """A PLOVER category under its current name (0.5b1 names are mapped; CRIME -> None)."""
        if category is None:
            return None
        name = category.strip().upper()
        if name in self.plover_legacy:
            return self.plover_legacy[name]
        return name if name in self.plover_categories else None

    def stronger(self, sub_a: str, sub_b: str) -> str:
        """Of two sub-event types coded for one event, the one the merged event keeps."""
        if sub_a == sub_b:
            return sub_a
        escalated = self.escalations.get(frozenset((sub_a, sub_b)))
        if escalated is not None:
            return escalated
        key_a = (self.type_rank(self.sub_to_type[sub_a]), self.sub_rank(sub_a))
        key_b = (self.type_rank(self.sub_to_type[sub_b]), self.sub_rank(sub_b))
        return sub_a if key_a <= key_b else sub_b

    def mergeable_types(self, sub_a: str | None, sub_b: str | None) -> bool:
        """Whether mentions coded with these sub-event types may describe one event."""
        if sub_a is None or sub_b is None:
            return sub_a is None and sub_b is None
        group_a = self.merge_groups[self.sub_to_type[sub_a]]
        group_b = self.merge_groups[self.sub_to_type[sub_b]]
        if group_a == group_b:
            return group_a != "strategic" or sub_a == sub_b
        pair = {group_a, group_b}
        if pair == {"strategic", "demonstration"}:
            strategic = sub_a if group_a == "strategic" else sub_b
            return strategic in self.strategic_joins_demonstration
        return False


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise ModelError(Errors.E250.format(path=path, reason="file not found"))
    return json.loads(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """The taxonomy, read once per process."""
    data = _read_json(Path(path))
    event_types = tuple(item["name"] for item in data["event_types"])
    sub_event_types = {item["name"]: tuple(item["sub_event_types"]) for item in data["event_types"]}
    sub_to_type = {sub: name for name, subs in sub_event_types.items() for sub in subs}
    plover = {item["name"]: tuple(item["modes"]) for item in data["plover_categories"]}
    acled_to_plover = {sub: (pair[0], pair[1]) for sub, pair in data["acled_to_plover"].items()}
    unknown = sorted(set(acled_to_plover) ^ set(sub_to_type))
    if unknown:
        raise ModelError(Errors.E251.format(path=path, names=", ".join(unknown)))
    return Taxonomy(
        event_types=event_types,
        sub_event_types=sub_event_types,
        sub_to_type=sub_to_type,
        disorder_types={item["name"]: item["disorder_type"] for item in data["event_types"]},
        disorder_overrides=dict(data["disorder_type_overrides"]),
        merge_groups={item["name"]: item["merge_group"] for item in data["event_types"]},
        escalations={frozenset(item[:2]): item[2] for item in data["escalations"]},
        strategic_joins_demonstration=frozenset(data["strategic_joins_demonstration"]),
        plover_categories=plover,
        plover_quads={item["name"]: item["quad"] for item in data["plover_categories"]},
        plover_legacy=dict(data["plover_legacy"]),
        acled_to_plover=acled_to_plover,
    )
