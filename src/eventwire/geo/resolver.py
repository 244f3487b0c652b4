"""Place recognition and resolution over a parsed spaCy ``Doc``.

Recognition is the union of

- spaCy NER spans labelled GPE/LOC/FAC (minus stop-listed words: the small model tags
  "Battles" as GPE), and ORG/NORP spans whose whole text is a gazetteer main name (it tags
  "Qala-e-Naw" and "Herat" as ORG);
- gazetteer matches over capitalised 1-4 word n-grams ("Qala-e-Naw" spans five tokens),
  where a single word without NER support needs a proper-noun tag and a large population;
- country demonyms/adjectives ("Afghan", "Kenyan"): ``PlaceMention(is_demonym=True)``, a
  country hint for the article, never an event location on its own;
- places the small model mislabels: a major place tagged PERSON ("Tbilisi says"), the town
  that names an institution ("the Hopkinton Police Department"), a multi-word name after
  "in", a region's adjective tagged NORP ("South Ossetian"), an upper-case dateline.

Resolution scores each candidate entry by exact vs alternate name, feature (country >
region > capital > city), log population, explicit containers ("Paris, Texas", "Qala-e-Naw,
the capital of Badghis province", "Afghanistan's Badghis region"), an admin word next to the
name ("Badghis province" -> the region) and coherence (other names that could be read as
places in the same county or grid cell); then, over a few rounds, by what the doc's *other*
names currently resolve to: country focus (and neighbouring countries), region focus and
distance. A name votes once however often it is repeated, and never for itself. A name the
gazetteer lacks takes the doc's focus country when the others agree. docs/geo.md has the
whole story.

Every rule and word list is in ``geo/data/place_rules.json`` and ``geo/data/stoplist.txt``,
read once per process. All per-corpus work (the gazetteer index) happens at load time.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_ALPHA, LENGTH, POS, SPACY
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from eventwire.geo import admin
from eventwire.geo.countries import Country, bordering, country_by_iso2, match_country
from eventwire.geo.event_location import place_contains
from eventwire.geo.gazetteer import SMALL_PLACE_FEATURE, Candidate, Gazetteer
from eventwire.geo.names import normalize_name, strip_possessive
from eventwire.geo.rules import load_rules, load_stoplist
from eventwire.nlp.extensions import doc_text
from eventwire.types import Place, PlaceMention

__all__ = ["PlaceResolver", "country_place"]

KM_PER_DEGREE = 111.2  # of latitude (and of longitude at the equator)
MAX_CANDIDATES = 40  # per mention, after the first scoring pass
TWIN_MARGIN = 0.5  # how far below its city a region named after it is ranked
TWIN_CITY_SHARE = 0.4
MEMO_NAMES = 100_000  # names whose _major_place answer is kept per process
CONTEXT_TOP = 12  # candidates per mention re-scored against the doc's context
MAX_NEIGHBOURS = 20  # other places a candidate is measured against
CONTAINER_TOP = 5  # a container's best candidates that may contain a mention's
# A dateline opens a line, or follows the headline's full stop: "Lake sinks car. HUDSON -- ".
DATELINE = re.compile(r"(?m)(?:^|(?<=[.!?] ))[ \t]*([A-Z][A-Z .'’-]{2,}?)(?:,[ \t]*([A-Z][\w .'’-]+?))?[ \t]*(?:\([^)\n]{1,20}\)[ \t]*)?(?:[—–-]|:[ \t])")
DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE_MARKS = frozenset({"'s", "’s"})
LEADING_DETERMINERS = re.compile(r"(?:(?:the|a|an)\s+)+", re.IGNORECASE)
TRAILING_POSSESSIVE = re.compile(r"(?:\s*['’]s?)+$")


def country_place(country: Country) -> Place:
    """A country as a :class:`Place` (feature PCLI, at its representative point)."""
    return Place(
        geonameid=country.geonameid,
        name=country.name,
        country_iso2=country.iso2,
        country_iso3=country.iso3,
        country=country.name,
        admin1="",
        admin2="",
        latitude=country.latitude,
        longitude=country.longitude,
        feature_code="PCLI",
        population=country.population,
    )


@dataclass
class _Mention:
    start: int  # char offsets into doc.text
    end: int
    source: str
    key: str = ""  # normalised lookup key (admin word stripped)
    hint: str = ""  # "ADM1", "ADM2", "PPL" from a neighbouring word ("province", "district", "city")
    candidates: list[Candidate] = field(default_factory=list)
    base: list[float] = field(default_factory=list)  # first-pass score of each candidate
    scores: list[float] = field(default_factory=list)
    country: Country | None = None  # a demonym's or acronym's country
    is_demonym: bool = False
    dateline: bool = False
    fallback: Place | None = None  # no candidate: the doc's home town or focus country (see _fallback)
    fallback_kind: str = ""  # "variant", "near" or "focus"
    containers: list[_Mention] = field(default_factory=list)  # mentions that contain this one
    contained: list[_Mention] = field(default_factory=list)  # mentions this one contains

    def best(self) -> int:
        scores = self.scores or self.base
        return max(range(len(scores)), key=scores.__getitem__) if scores else -1


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()  # an upper-case first character is a letter


@dataclass
class _Columns:
    """Per-token columns of a doc, read once for the n-gram scan."""

    text: str
    words: list[str]
    capitalised: list[bool]
    starts: list[int]
    pos: list[int]
    alpha: list[int]


@dataclass
class _Context:
    """What the doc's distinct names currently resolve to (see ``PlaceResolver._context``)."""

    countries: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # key -> country votes
    total: Counter = field(default_factory=Counter)  # country -> summed votes
    regions: dict[tuple[str, str], dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    points: dict[str, Place] = field(default_factory=dict)  # key -> its place, when sure enough


class PlaceResolver:
    """Finds and resolves the place mentions of a parsed ``Doc`` (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.rules = load_rules()
        self.stoplist = load_stoplist()
        self.scores = self.rules["scores"]
        self.admin_words = {w: "ADM1" for w in self.rules["admin1_words"]}
        self.admin_words.update({w: "ADM2" for w in self.rules["admin2_words"]})
        self.admin_words.update({w: "PPL" for w in self.rules["settlement_words"]})
        self.feature_words = frozenset(self.rules["feature_words"]) | frozenset(self.admin_words)
        self.abbreviations = self.rules["us_state_abbreviations"]
        self._major: dict[str, bool] = {}  # name -> _major_place(name), memoised per process

    # ---- public -------------------------------------------------------------------
    def clear_memo(self) -> None:
        """Forget every per-process memo the resolver reads (names, countries, candidates)."""
        self._major.clear()
        self.gazetteer.clear_memo()
        normalize_name.cache_clear()
        match_country.cache_clear()

    def __call__(self, doc: Doc) -> list[PlaceMention]:
        text = doc_text(doc)
        mentions = self.recognize(doc, text=text)
        self._mark_compound_modifiers(mentions, text)
        self.resolve(mentions, text)
        return [self._to_place_mention(mention, text) for mention in mentions]

    def resolve_spans(self, doc: Doc, spans: list[tuple[int, int]]) -> list[PlaceMention]:
        """Resolve given character spans (e.g. gold toponyms) as places, one result per span in
        order; the doc's other recognised places still serve as context (country focus,
        containers, distance). A span with no gazetteer candidate comes back with place None."""
        text = doc_text(doc)
        given = [self._given_mention(text, start, end) for start, end in spans]
        context = [
            mention
            for mention in self.recognize(doc, text=text)
            if not any(mention.start < other.end and other.start < mention.end for other in given)
        ]
        for mention in given:
            self._add_hint(mention, text)
        self.resolve(sorted(context + given, key=lambda mention: mention.start), text)
        results = []
        for (start, end), mention in zip(spans, given):
            resolved = self._to_place_mention(mention, text)
            resolved.start, resolved.end, resolved.text = start, end, text[start:end]
            results.append(resolved)
        return results

    def candidate_places(self, text: str, start: int, end: int) -> list[Place]:
        """Every place the span ``text[start:end]`` could be read as (its candidates before
        ranking; a demonym's or acronym's country). Used to measure the gazetteer's ceiling."""
        mention = self._given_mention(text, start, end)
        if mention.country is not None:
            return [country_place(mention.country)]
        return [candidate.place for candidate in mention.candidates]

    def _given_mention(self, text: str, start: int, end: int) -> _Mention:
        name = text[start:end]
        key = normalize_name(name)
        states = self._state_candidates(name)
        if states:
            return _Mention(start, end, "given", key=key, candidates=states)
        match = match_country(name)
        if match is not None and match.kind in ("demonym", "acronym"):
            return _Mention(start, end, "given", key=key, country=match.country, is_demonym=match.kind == "demonym")
        mention = _Mention(start, end, "given", key=key, candidates=self.gazetteer.candidates_for_key(key))
        if not mention.candidates:
            self._strip_admin_word(mention)
        return mention

    @staticmethod
    def _mark_compound_modifiers(mentions: list[_Mention], text: str) -> None:
        """A country joined by a hyphen to the next word ("US-trained forces", "Iran-backed
        militias", "Saudi-led coalition") is an attribute, like a demonym, not a place."""
        for mention in mentions:
            if mention.is_demonym or text[mention.end : mention.end + 1] != "-":
                continue
            if not text[mention.end + 1 : mention.end + 2].isalpha():
                continue
            match = match_country(text[mention.start : mention.end])
            if match is not None:
                mention.country, mention.is_demonym, mention.source = match.country, True, "demonym"

    def recognize(self, doc: Doc, *, text: str | None = None) -> list[_Mention]:
        """Place mentions of ``doc``, sorted by start, candidates attached but not yet ranked."""
        text = doc_text(doc) if text is None else text
        blocked: set[int] = set()
        found: list[_Mention] = []
        unresolved: list[Span] = []
        entities = doc.ents  # a new tuple of spans on every access: read it once
        persons = [ent for ent in entities if ent.label_ == "PERSON" and not self._admin_next(ent)]
        # Words of the doc's multi-word person names: "Clark" after "Wesley Clark" is a person.
        # Not the words of a name that is an institution or starts with a major place: the
        # small model tags "Alexandria Police" and "Sri Lanka's" as persons.
        person_words = self._person_words(persons)
        for ent in entities:
            if ent.label_ in self.rules["ner_never_place_labels"]:
                # The small model calls some towns persons: a PERSON followed by an admin word
                # ("Dawlat Abad district") or a single word ("An Alexandria man") is left to the
                # n-gram scan, unless that word belongs to a person's name in this doc.
                if ent.label_ == "PERSON" and (ent not in persons or (len(ent) == 1 and ent[0].lower_ not in person_words)):
                    continue
                mention = self._mislabelled_place(ent, text, person_words)
                if mention is not None:
                    found.append(mention)
                    blocked.update(t.i for t in ent if t.idx >= mention.end)
                    continue
                blocked.update(range(ent.start, ent.end))
                continue
            if len(ent) == 1 and ent[0].lower_ in person_words and not self._major_place(ent.text):
                blocked.add(ent.start)  # "Ripley" after "Jane Ripley" is the person, whatever its tag
                continue
            mention = self._from_entity(ent, text)
            if mention is not None:
                found.append(mention)
            elif ent.label_ in self.rules["ner_place_labels"]:
                if normalize_name(text[ent.start_char : ent.end_char]) in self.stoplist:
                    blocked.update(range(ent.start, ent.end))
                else:
                    unresolved.append(ent)
        mentions = self._merge(found, self._scan(doc, blocked, text, person_words))
        accepted = {m.key for m in mentions if m.source != "ner+org"}
        mentions = [m for m in mentions if m.source != "ner+org" or self._org_place_ok(m, accepted, text)]
        for mention in mentions:
            if mention.source == "ner+org":
                mention.source = "ner+gazetteer"
        covered = {char for mention in mentions for char in range(mention.start, mention.end)}
        for ent in unresolved:
            if not any(char in covered for char in range(ent.start_char, ent.end_char)):
                start, end = self._trim(ent, text)
                if end > start and not any(char.isdigit() for char in text[start:end]) and not _common_nouns(ent):
                    # a name the gazetteer lacks; not one with digits ("M23", "Route 9"), nor
                    # words the tagger reads as common nouns ("Gunmen attacked ...")
                    mentions.append(_Mention(start, end, "ner", key=normalize_name(text[start:end])))
        mentions.sort(key=lambda m: m.start)
        for mention in mentions:
            self._add_hint(mention, text)
        self._mark_dateline(mentions, text)
        return mentions

    def _person_words(self, persons: list[Span]) -> set[str]:
        """Words of the doc's multi-word person names: "Clark" after "Wesley Clark" is a
        person. Not the words of a name that is an institution, starts with a major place or
        holds a feature or admin word (the small model tags "Alexandria Police", "Sri
        Lanka's" and "Greer Station" as persons)."""
        structure = self.feature_words
        words: set[str] = set()
        for ent in persons:
            if len(ent) < 2 or self._institution_name(ent) or self._major_place(ent[0].text):
                continue
            names = {t.lower_ for t in ent}
            if not names & structure:
                words |= names
        return words

    def resolve(self, mentions: list[_Mention], text: str) -> None:
        """Rank every mention's candidates in place (``mention.scores``).

        Static evidence (name, feature, population, admin word, containers) is scored once;
        then, for ``context_rounds`` rounds, each candidate is re-scored against what the
        *other names* of the doc currently resolve to: their countries (country focus), their
        first-level regions (region focus) and their points (proximity). Each other name
        votes once, however often it is repeated, weighted by how sure its own choice is; a
        name never votes for itself.
        """
        # A repeated name is scored once: mentions with the same candidates and admin hint
        # get the same base scores, and, without containers, the same static scores.
        signatures: dict[int, tuple] = {}
        scored: dict[tuple, tuple[list[Candidate], list[float]]] = {}
        for mention in mentions:
            signature = None
            if mention.country is None and mention.candidates:
                signature = (
                    mention.key,
                    mention.hint,
                    tuple((c.entry, c.place.geonameid, c.exact) for c in mention.candidates),
                )
                signatures[id(mention)] = signature
                if signature in scored:
                    candidates, base = scored[signature]
                    mention.candidates, mention.base = list(candidates), list(base)
                    continue
            self._score_base(mention)
            if signature is not None:
                scored[signature] = (mention.candidates, mention.base)
        self._link_containers(mentions, text)
        coherence = self._coherence(mentions)
        static: dict[int, list[float]] = {}
        static_of: dict[tuple, list[float]] = {}
        for mention in mentions:
            signature = signatures.get(id(mention)) if not (mention.containers or mention.contained) else None
            if signature is not None and signature in static_of:
                static[id(mention)] = static_of[signature]
                continue
            static[id(mention)] = self._static_scores(mention, coherence)
            if signature is not None:
                static_of[signature] = static[id(mention)]
        for mention in mentions:
            mention.scores = list(static[id(mention)])
        # Context adds at most ``reach``: candidates further behind cannot win. Only the top
        # CONTEXT_TOP by static score are re-scored; the rest keep their static score.
        reach = sum(self.scores[name] for name in ("country_focus", "neighbour_focus", "region_focus", "near_other_place_100km"))
        for _ in range(self.rules["context_rounds"]):
            context = self._context(mentions)
            nearby = list(context.points.items())[: MAX_NEIGHBOURS + 1]  # one may be the mention's own
            # Repeats of a name with the same static scores get the same context scores (a
            # name never votes for itself, so the context is the same for all its mentions).
            done: dict[tuple, list[float]] = {}
            for mention in mentions:
                if len(mention.candidates) < 2 or mention.country is not None:
                    continue  # nothing to rank
                fixed = static[id(mention)]
                same = (mention.key, tuple(fixed))
                if same in done:
                    mention.scores = list(done[same])
                    continue
                ranked = sorted(fixed, reverse=True)
                floor = max(ranked[0] - reach, ranked[min(len(ranked), CONTEXT_TOP) - 1])
                points = [p for other, p in nearby if other != mention.key][:MAX_NEIGHBOURS]
                countries: dict[str, float] = {}
                mention.scores = [
                    score + self._context_score(candidate.place, mention.key, context, points, countries)
                    if score >= floor
                    else score
                    for candidate, score in zip(mention.candidates, fixed)
                ]
                done[same] = mention.scores
        self._one_sense(mentions)
        admin.demote_misplaced(self, mentions, text)  # namesakes outside the region or country the text puts them in
        self._regions_by_spelling(mentions)
        self._fallback(mentions, text)

    def _regions_by_spelling(self, mentions: list[_Mention]) -> None:
        """A name the text calls a region ("the province of Nangrahar", "Diyalah governorate")
        whose candidates hold no region of that level takes a region spelt closely alike
        (``Gazetteer.region_like``) in the story's country, else in its best candidate's."""
        hinted = [m for m in mentions if m.hint in ("ADM1", "ADM2") and m.candidates and m.country is None
                  and not any(c.place.feature_code == m.hint for c in m.candidates)]
        if not hinted:
            return
        # the story's country: what the other names vote for, countries and demonyms included
        votes = Counter(m.country.iso2 for m in mentions if m.country is not None)
        for mention in hinted:
            others = Counter(votes)
            for other in mentions:
                if other is not mention and other.country is None and other.candidates:
                    others[other.candidates[other.best()].place.country_iso2] += 1
            focus = others.most_common(1)[0][0] if others else None
            for iso2 in dict.fromkeys([focus, mention.candidates[mention.best()].place.country_iso2]):
                like = self.gazetteer.region_like(mention.key, iso2, mention.hint) if iso2 else None
                if like is not None:
                    mention.candidates, mention.base, mention.scores = [like], [0.0], [0.0]
                    break

    def _one_sense(self, mentions: list[_Mention]) -> None:
        """One sense per story: a name made explicit once ("Springfield, Ohio") means the
        same place wherever else the story repeats it bare ("Springfield residents"), when
        that place is among the bare mention's candidates."""
        explicit: dict[str, Place] = {}
        for mention in mentions:
            if mention.containers and mention.candidates and mention.country is None:
                explicit.setdefault(mention.key, mention.candidates[mention.best()].place)
        if not explicit:
            return
        for mention in mentions:
            place = explicit.get(mention.key)
            if place is None or mention.containers or len(mention.candidates) < 2:
                continue
            scores = mention.scores
            for index, candidate in enumerate(mention.candidates):
                if candidate.place == place:
                    scores[index] = max(scores) + self.scores["container"]
                    break

    def _fallback(self, mentions: list[_Mention], text: str) -> None:
        """A recognised name the gazetteer lacks (a village, a neighbourhood, a river) is
        placed inside the place that contains it ("Alisheng district, Laghman province",
        "Quetta's Baleli"), else at the story's home town when it has one, else at its focus
        country, when the other names agree on a country (``fallback_share`` of the country
        votes).

        The home town is the town the story names most often (the earliest on a tie) in
        that country: local news about "Meadow Grove" is about a place near the town the
        story is about. ACLED codes a village it cannot find at the nearest known town,
        with geo precision 2; the mention's ``source`` ends in "+near" (home town) or
        "+focus" (country) so readers and the event-location picker know. A name followed by
        an admin word ("Sayyid Karam district") goes to the region the story names most
        often, before the home town: a wire story filed from a capital is about a province.
        Before all these, a
        place of that country whose name is a spelling variant of the unknown one ("Spin
        Bolduk": Spīn Bōldak; ``Gazetteer.variant_candidates``) is taken, the most populous
        first; its ``source`` ends in "+variant"."""
        unknown = [m for m in mentions if not m.candidates and not m.is_demonym and m.country is None]
        if not unknown:
            return
        for mention in unknown:
            container = _container_of(mention, mentions, text) or admin.text_container(mention, mentions, text)
            if container is not None:
                # "Alisheng district, Laghman province": inside the place that contains it
                mention.fallback = container.candidates[container.best()].place
                mention.fallback_kind = "near"
        unknown = [m for m in unknown if m.fallback is None]
        if not unknown:
            return
        context = self._context(mentions)
        total = sum(context.total.values())
        if total <= 0:
            return
        iso2, votes = context.total.most_common(1)[0]
        country = country_by_iso2(iso2) if iso2 else None
        if country is None or votes / total < self.rules["fallback_share"]:
            return
        region = self._story_region(mentions, iso2)
        home = admin.home_town(self._home_town(mentions, iso2), region, mentions, text)
        for mention in unknown:
            level = mention.hint or self._admin_level(mention, text)
            if level in ("ADM1", "ADM2"):
                # "the province of Nangrahar": a region of the story's country spelt another way
                like = self.gazetteer.region_like(mention.key, iso2, level)
                if like is not None:
                    mention.fallback, mention.fallback_kind = like.place, "variant"
                    continue
            variants = self.gazetteer.variant_candidates(mention.key, iso2)
            nearby = admin.nearby_region(self, mention, mentions, text, iso2) or region
            if variants:
                mention.fallback = max(variants, key=lambda c: c.place.population).place
                mention.fallback_kind = "variant"
            elif nearby is not None and level in ("ADM1", "ADM2"):
                # "in Sayyid Karam district" of a story about Paktiya province: in that province
                mention.fallback, mention.fallback_kind = nearby, "near"
            elif home is not None:
                mention.fallback, mention.fallback_kind = home, "near"
            elif region is not None:
                mention.fallback, mention.fallback_kind = region, "near"
            else:
                mention.fallback, mention.fallback_kind = country_place(country), "focus"

    def _admin_level(self, mention: _Mention, text: str) -> str | None:
        """"ADM1", "ADM2" or "PPL" when an admin word follows the name ("Sayyid Karam district")
        or governs it ("the province of X"); None otherwise."""
        after = re.match(r"[ \t]+([A-Za-z-]+)", text[mention.end : mention.end + 24])
        if after and after.group(1).lower() in self.admin_words:
            return self.admin_words[after.group(1).lower()]
        before = re.search(r"\b([A-Za-z-]+)[ \t]+of[ \t]+(?:the[ \t]+)?$", text[max(mention.start - 30, 0) : mention.start])
        if before and before.group(1).lower() in self.admin_words:
            return self.admin_words[before.group(1).lower()]
        return None

    def _story_region(self, mentions: list[_Mention], iso2: str) -> Place | None:
        """The first-level region of ``iso2`` the doc names most often (the earliest on a tie)."""
        return _most_named(mentions, lambda mention, best, place: place.level == "admin1" and place.country_iso2 == iso2)

    def _home_town(self, mentions: list[_Mention], iso2: str) -> Place | None:
        """The town in ``iso2`` the doc names most often, when its choice is sure enough."""

        def town(mention: _Mention, best: int, place: Place) -> bool:
            if place.level != "place" or place.country_iso2 != iso2 or not place.feature_code.startswith("PPL"):
                return False
            return self._sureness(mention, best) >= self.scores["anchor_sureness"]

        return _most_named(mentions, town)

    def _coherence(self, mentions: list[_Mention]) -> dict[tuple, set[str]]:
        """Which names have *some* candidate in each second-level area and in each grid cell
        of ``coherence_cell_deg`` degrees. Two ambiguous names that can be read as places in
        the same county ("Lebanon" and "Boone County": Lebanon, Indiana) or next to each
        other are most likely meant that way, whatever their first choices."""
        cell = self.rules["coherence_cell_deg"]
        index: dict[tuple, set[str]] = defaultdict(set)
        for mention in mentions:
            if mention.country is not None:
                continue
            for candidate in mention.candidates:
                place = candidate.place
                if place.level != "place":
                    continue
                if place.admin2:
                    index[("area", place.country_iso2, place.admin1, place.admin2)].add(mention.key)
                index[("cell", int(place.latitude // cell), int(place.longitude // cell))].add(mention.key)
        return index

    def _coherence_score(self, place: Place, key: str, index: dict[tuple, set[str]]) -> float:
        """Per other name with a candidate in the same second-level area, and per other name
        with a candidate in the same grid cell (each capped)."""
        if place.level != "place" or not index:
            return 0.0
        scores = self.scores
        cell = self.rules["coherence_cell_deg"]
        cap = self.rules["coherence_max_names"]
        near = index.get(("cell", int(place.latitude // cell), int(place.longitude // cell)), ())
        score = scores["coherence_near"] * min(len(near) - (key in near), cap)
        if place.admin2:
            area = index.get(("area", place.country_iso2, place.admin1, place.admin2), ())
            score += scores["coherence_same_area"] * min(len(area) - (key in area), cap)
        return score

    def _static_scores(self, mention: _Mention, coherence: dict[tuple, set[str]]) -> list[float]:
        container_top = [
            container.candidates[i].place for container in mention.containers for i in _top(container.base, CONTAINER_TOP)
        ]
        inner_top = [inner.candidates[i].place for inner in mention.contained for i in _top(inner.base, CONTAINER_TOP)]
        scores = []
        for candidate, score in zip(mention.candidates, mention.base):
            place = candidate.place
            if any(place_contains(outer, place) and outer != place for outer in container_top):
                score += self.scores["container"]
            if any(place_contains(place, inner) and inner != place for inner in inner_top):
                score += self.scores["container"]
            if mention.country is None and len(mention.candidates) > 1:
                score += self._coherence_score(place, mention.key, coherence)
            scores.append(score)
        return scores

    def _context(self, mentions: list[_Mention]) -> _Context:
        """What each distinct name currently resolves to, and how sure that choice is."""
        weights = self.rules["focus_weights"]
        context = _Context()
        for mention in mentions:
            if not mention.candidates:
                continue
            best = mention.best()
            place = mention.candidates[best].place
            sure = self._sureness(mention, best)
            country_sure = self._sureness(mention, best, country_only=True)
            if country_sure <= 0:
                continue
            if mention.is_demonym:
                weight = weights["demonym"]
            elif place.level == "country":
                weight = weights["country"]
            elif place.level == "admin1":
                weight = weights["region"]
            else:
                weight = weights["place"]
            if mention.dateline:
                weight *= weights["dateline"]
            key = mention.key
            country_vote = context.countries[key]
            country_vote[place.country_iso2] = max(country_vote[place.country_iso2], weight * country_sure)
            if mention.is_demonym or place.level == "country" or not place.admin1 or sure <= 0:
                continue
            region_vote = context.regions[(place.country_iso2, place.admin1)]
            region_vote[key] = max(region_vote.get(key, 0.0), sure)
            if place.level == "place" and sure >= self.scores["anchor_sureness"]:
                context.points.setdefault(key, place)
        for votes in context.countries.values():
            context.total.update(votes)
        return context

    def _sureness(self, mention: _Mention, best: int, *, country_only: bool = False) -> float:
        """0..1: the margin of the best candidate over the best one elsewhere (another
        country, or another first-level region), relative to ``confident_margin``. With
        ``country_only`` only other countries are rivals: "England" the country and England
        the region agree on the country."""
        scores = mention.scores or mention.base
        place = mention.candidates[best].place
        where = (place.country_iso2, place.admin1)
        rival = None
        for candidate, score in zip(mention.candidates, scores):
            other = candidate.place
            if (rival is None or score > rival) and (
                other.country_iso2 != where[0] or (not country_only and other.admin1 != where[1])
            ):
                rival = score
        if rival is None:
            return 1.0
        return min(max((scores[best] - rival) / self.scores["confident_margin"], 0.0), 1.0)

    def _context_score(self, place: Place, key: str, context: _Context, points: list[Place], countries: dict) -> float:
        """Country focus, neighbour focus, region focus and proximity of one candidate.
        ``countries`` memoises the country part per country for this mention."""
        score = countries.get(place.country_iso2)
        if score is None:
            score = countries[place.country_iso2] = self._country_score(place.country_iso2, key, context)
        if place.level != "country" and place.admin1:
            votes = context.regions.get((place.country_iso2, place.admin1))
            if votes:
                support = sum(sure for other, sure in votes.items() if other != key)
                score += self.scores["region_focus"] * min(support, 1.0)
        if place.level != "country":
            score += self._proximity(place, points)
        return score

    def _country_score(self, iso2: str, key: str, context: _Context) -> float:
        """The other names' votes for ``iso2`` (country focus) and for its neighbours
        ("Gaza" in an Israel story is not Mozambique's Gaza province), as shares."""
        own = context.countries.get(key) or {}
        total = sum(context.total.values()) - sum(own.values())
        if total <= 0:
            return 0.0
        share = context.total[iso2] - own.get(iso2, 0.0)
        score = self.scores["country_focus"] * max(share, 0.0) / total
        if iso2:
            near = sum(context.total[other] - own.get(other, 0.0) for other in bordering(iso2) if other in context.total)
            score += self.scores["neighbour_focus"] * max(near, 0.0) / total
        return score

    # ---- recognition ----------------------------------------------------------------
    @staticmethod
    def _trim(span: Span, text: str) -> tuple[int, int]:
        """Char offsets of ``span`` without a leading "the" and a trailing possessive (read
        from the text: cheaper than visiting the span's tokens)."""
        start, end = span.start_char, span.end_char
        leading = LEADING_DETERMINERS.match(text, start, end)
        if leading:
            start = leading.end()
        trailing = TRAILING_POSSESSIVE.search(text, start, end)
        if trailing:
            end = trailing.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return span.start_char, span.start_char
        return start, end

    def _from_entity(self, ent: Span, full_text: str) -> _Mention | None:
        start, end = self._trim(ent, full_text)
        text = full_text[start:end]
        key = normalize_name(text)
        if not key or key in self.stoplist:
            return None
        states = self._state_candidates(text)
        if states:
            return _Mention(start, end, "ner+gazetteer", key=key, candidates=states)
        match = match_country(text)
        if ent.label_ == "NORP" and match is None and "-" in text:
            match = match_country(text.rsplit("-", 1)[1])  # "inter-Afghan"
        if match is not None and match.kind == "demonym":
            return _Mention(start, end, "demonym", key=key, country=match.country, is_demonym=True)
        if ent.label_ == "NORP" and match is None:
            # A region's adjective listed as its alternate name ("South Ossetian" forces); a
            # NORP span that is a place's own name ("Kidal") is left to the gazetteer scan.
            candidates = self.gazetteer.candidates_for_key(key)
            regions = [c for c in candidates if c.place.feature_code in ("ADM1", "RGN") and not c.exact]
            if regions and not any(c.exact for c in candidates):
                return _Mention(start, end, "ner+gazetteer", key=key, candidates=regions)
        if match is not None and match.kind == "acronym":
            return _Mention(start, end, "ner+gazetteer", key=key, country=match.country)
        if ent.label_ in self.rules["ner_place_labels"]:
            mention = _Mention(start, end, "ner+gazetteer", key=key)
            mention.candidates = self.gazetteer.candidates_for_key(key)
            if not mention.candidates:
                self._strip_admin_word(mention)
            return mention if mention.candidates else None
        # ORG: only when the whole text is a gazetteer main name ("Qala-e-Naw", "Herat"),
        # kept later by _org_place_ok. NORP spans are demonyms or nothing.
        if ent.label_ in self.rules["ner_maybe_place_labels"]:
            tokens = [t for t in ent if t.is_alpha and start <= t.idx < end]
            if not tokens or not all(t.pos_ == "PROPN" or _capitalised(t) for t in tokens):
                return None
            candidates = [c for c in self.gazetteer.candidates_for_key(key) if c.exact]
            if candidates:
                return _Mention(start, end, "ner+org", key=key, candidates=candidates)
            inside = [t for t in ent if start <= t.idx < end]
            if len(inside) > 1:
                return self._institution_prefix(inside, full_text)
        return None

    def _major_place(self, name: str) -> bool:
        """A country's name, a capital, a first-level region or a city of
        ``min_population_alternate_single_word`` people: a name the small model may tag as a
        person or product ("Sri Lanka's", "Tbilisi says") but is rarely anything else."""
        known = self._major.get(name)
        if known is None:
            if len(self._major) >= MEMO_NAMES:
                self._major.clear()
            known = self._major[name] = self._is_major_place(name)
        return known

    def _is_major_place(self, name: str) -> bool:
        key = normalize_name(strip_possessive(name))
        if not key or key in self.stoplist:
            return False
        match = match_country(strip_possessive(name))
        if match is not None and match.kind == "name":
            return True
        threshold = self.rules["min_population_alternate_single_word"]
        return any(
            c.exact and (c.place.feature_code in ("PCLI", "PPLC", "ADM1") or c.place.population >= threshold)
            for c in self.gazetteer.candidates_for_key(key)
        )

    def _institution_name(self, ent: Span) -> bool:
        words = self.rules["institution_words"]
        return any(t.lower_ in words for t in ent[1:])

    def _mislabelled_place(self, ent: Span, text: str, person_words: set[str]) -> _Mention | None:
        """A place inside an entity tagged PERSON/PRODUCT/...: the whole entity when it is a
        major place ("Sri Lanka's" PERSON), or its leading place name when an institution
        word follows ("Huntsville Fire Department", "Alexandria police")."""
        start, end = self._trim(ent, text)
        if end <= start:
            return None
        tokens = [t for t in ent if start <= t.idx < end]
        if len(tokens) == 1 and tokens[0].lower_ in person_words:
            return None
        whole = text[start:end]
        if self._major_place(whole):
            return self._entity_mention(start, end, whole)
        if len(tokens) > 1 and self._after_locative(start, text):
            # "moved to a house in Tega Cay": a multi-word exact place name after "in"
            mention = self._entity_mention(start, end, whole, exact_only=True)
            if mention is not None:
                return mention
        return self._possessor(tokens, start, text) or self._institution_prefix(tokens, text)

    def _possessor(self, tokens: list[Token], start: int, text: str) -> _Mention | None:
        """The place that owns the rest of the entity: "Quetta" in "Quetta's Baleli" (the
        small model tags a town and its district as one person) when it is a major place or
        follows "in"/"near"."""
        cut = next((k for k, t in enumerate(tokens) if k > 0 and t.lower_ in POSSESSIVE_MARKS), None)
        if cut is None:
            return None
        last = tokens[cut - 1]
        end = last.idx + len(last.text)
        name = text[start:end]
        if self._major_place(name):
            return self._entity_mention(start, end, name)
        if self._after_locative(start, text):
            return self._entity_mention(start, end, name, exact_only=True)
        return None

    def _institution_prefix(self, tokens: list[Token], text: str) -> _Mention | None:
        """The place that names an institution: "Hopkinton" in "Hopkinton Police Department",
        "Cookville" in "Cookville Fire Chief" (an exact gazetteer name followed by an
        institution word; the institution says it is a place, so small towns count)."""
        words = self.rules["institution_words"]
        start = tokens[0].idx
        for size in range(min(len(tokens) - 1, self.rules["max_name_words"]), 0, -1):
            if tokens[size].lower_ not in words or not all(_capitalised(t) for t in tokens[:size]):
                continue
            last = tokens[size - 1]
            head_end = last.idx + len(last.text)
            mention = self._entity_mention(start, head_end, text[start:head_end], exact_only=True)
            if mention is not None:
                return mention
        return None

    def _entity_mention(self, start: int, end: int, name: str, *, exact_only: bool = False) -> _Mention | None:
        """A mention of ``name`` at ``start:end`` with its candidates (only entries whose own
        name it is, with ``exact_only``); None when it has none or is stop-listed."""
        key = normalize_name(strip_possessive(name))
        if not key or key in self.stoplist:
            return None
        candidates = self.gazetteer.candidates_for_key(key)
        if exact_only:
            candidates = [c for c in candidates if c.exact]
        if not candidates:
            return None
        return _Mention(start, end, "ner+gazetteer", key=key, candidates=candidates)

    @staticmethod
    def _merge(from_ner: list[_Mention], from_scan: list[_Mention]) -> list[_Mention]:
        """NER mentions, plus scan matches that overlap none of them, or that strictly contain
        the ones they overlap (NER "Mazar" inside the gazetteer's "Mazar-i-Sharif").
        Linear in the doc: overlaps are found through the characters each mention covers."""
        kept = {id(mention): mention for mention in from_ner}
        owner: dict[int, _Mention] = {}
        for mention in from_ner:
            owner.update(dict.fromkeys(range(mention.start, mention.end), mention))
        for mention in from_scan:
            overlapping = {}
            for char in range(mention.start, mention.end):
                other = owner.get(char)
                if other is not None and id(other) in kept:
                    overlapping[id(other)] = other
            if overlapping:
                others = overlapping.values()
                inside = all(mention.start <= m.start and m.end <= mention.end for m in others)
                if not (inside and any(m.end - m.start < mention.end - mention.start for m in others)):
                    continue
                for key in overlapping:
                    del kept[key]
                mention.source = "ner+gazetteer"
            kept[id(mention)] = mention
            owner.update(dict.fromkeys(range(mention.start, mention.end), mention))
        return list(kept.values())

    def _org_place_ok(self, mention: _Mention, accepted: set[str], text: str) -> bool:
        """An ORG-tagged place name is kept when it is no brand-like single word: a name of
        several words ("Qala-e-Naw"), a sizeable town ("Herat"), a name the doc also uses as
        a place elsewhere, or a name right after "in"/"near" ("water lines in Whitestown")."""
        words = [w for w in mention.key.split() if w not in self.rules["name_connectors"]]
        big = any(c.place.population >= self.rules["min_population_single_word"] for c in mention.candidates)
        return len(words) > 1 or big or mention.key in accepted or self._after_locative(mention.start, text)

    def _after_locative(self, start: int, text: str) -> bool:
        """The word before ``start`` is "in", "near", ... ("water lines in Whitestown")."""
        before = text[max(start - 16, 0) : start].split()
        return bool(before) and before[-1].lower() in self.rules["place_only_preps"]

    def _after_settlement_of(self, start: int, text: str) -> bool:
        """The name follows "the town of", "the (northeastern) village of" ...: a place's name."""
        before = text[max(start - 24, 0) : start].split()
        return len(before) >= 2 and before[-1].lower() == "of" and before[-2].lower() in self.rules["settlement_words"]

    def _admin_next(self, span: Span) -> bool:
        """The span is followed by an admin word: "Dawlat Abad district", "Badghis province"."""
        return span.end < len(span.doc) and span.doc[span.end].lower_ in self.admin_words

    def _speaker(self, token: Token) -> bool:
        """A one-word subject of a speech verb ("Clark said") or a word after a title
        ("President Obama"): a person, not a place."""
        if token.dep_ == "nsubj" and token.head.lemma_ in self.rules["speech_verbs"]:
            return True
        previous = token.nbor(-1) if token.i > 0 else None
        return previous is not None and previous.lower_.rstrip(".") in self.rules["person_titles"]

    def _strip_admin_word(self, mention: _Mention) -> None:
        """``"badghis province"`` -> key ``"badghis"`` with hint ADM1 (and its candidates)."""
        words = mention.key.split()
        for strip_at in (-1, 0):
            if len(words) < 2:
                return
            word = words[strip_at]
            hint = self.admin_words.get(word)
            if hint is None and word.endswith("s"):
                hint = self.admin_words.get(word[:-1])
            if hint:
                key = " ".join(words[:-1] if strip_at == -1 else words[1:])
                candidates = self.gazetteer.candidates_for_key(key)
                if candidates:
                    mention.key, mention.hint, mention.candidates = key, hint, candidates
                    return

    def _scan(self, doc: Doc, blocked: set[int], text: str, person_words: set[str]) -> list[_Mention]:
        """Gazetteer matches over capitalised n-grams, longest first, left to right.

        Token offsets are read once into lists: spaCy's per-token access dominates the cost
        of a scan that visits every token."""
        found: list[_Mention] = []
        connectors = self.rules["name_connectors"]
        max_words = self.rules["max_name_words"]
        starts, lengths, spaces, pos, alpha = (
            column.tolist() for column in doc.to_array([IDX, LENGTH, SPACY, POS, IS_ALPHA]).T
        )
        words_of = [text[start : start + length] for start, length in zip(starts, lengths)]
        capitalised = [w[:1].isupper() for w in words_of]  # an upper-case first character is a letter
        columns = _Columns(text, words_of, capitalised, starts, pos, alpha)
        n_tokens = len(words_of)
        i = 0
        while i < n_tokens:
            if i in blocked or not capitalised[i] or words_of[i].lower() in DETERMINERS:
                i += 1
                continue
            word = words_of[i]
            if (
                word.isascii()
                and word.isalpha()
                and not self.gazetteer.starts_a_name(word.lower())
                and not (
                    i + 1 < n_tokens
                    and capitalised[i + 1]
                    and self.gazetteer.starts_a_name((word + words_of[i + 1]).lower())
                )
            ):
                # No name starts with this word (nor with it joined to the next one, the
                # compound spelling "Dawlat Abad" -> "Dawlatabad"): only a demonym, an acronym,
                # a state abbreviation or an admin word after it ("Sabari district") can still
                # make it a place.
                mention = self._country_token(doc[i])
                run = admin.unknown_run(self, columns, i) if mention is None and i not in blocked else None
                if run is not None and not blocked.intersection(range(i, run[2])) and normalize_name(text[run[0] : run[1]]) not in self.stoplist:
                    found.append(_Mention(run[0], run[1], "gazetteer", key=normalize_name(text[run[0] : run[1]])))
                    i = run[2]
                    continue
                if mention is not None:
                    found.append(mention)
                i += 1
                continue
            best: tuple[int, str, list[Candidate]] | None = None
            words = 0
            j = i
            while j < n_tokens and j not in blocked:
                if j > i and words_of[j].isspace():
                    break
                if capitalised[j]:
                    words += 1
                    if words > max_words:
                        break
                    key = normalize_name(text[starts[i] : starts[j] + len(words_of[j])])
                    candidates = self.gazetteer.candidates_for_key(key)
                    if candidates:
                        best = (j, key, candidates)
                elif j > i and (words_of[j] in ("-", "'", "’") and not spaces[j - 1] or words_of[j].lower() in connectors):
                    pass
                else:
                    break
                j += 1
            area = admin.whole_area(self, columns, i, j, best[0] if best else None)
            if area is not None and normalize_name(text[area[0] : area[1]]) not in self.stoplist:
                # "Tarnek wa Jaldak district" when only "Tarnek" is known: one area the gazetteer lacks
                found.append(_Mention(area[0], area[1], "gazetteer", key=normalize_name(text[area[0] : area[1]])))
                i = j
                continue
            mention = self._accept_ngram(doc, columns, i, best, person_words)
            if mention is None and best is None:
                mention = self._unknown_area(columns, i, j)
                best = (j - 1, "", []) if mention else None
            if mention is None:
                mention = self._country_token(doc[i])
                best = (i, "", []) if mention else None
            if mention is None and i + 1 < n_tokens and capitalised[i + 1] and i + 1 not in blocked:
                mention = self._demonym_phrase(columns, i)  # "Sri Lankan", "South African"
                best = (i + 1, "", []) if mention else None
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = best[0] + 1
        return found

    def _unknown_area(self, columns: _Columns, i: int, j: int) -> _Mention | None:
        """Proper nouns ``i..j-1`` the gazetteer lacks, followed by an admin word: "the Spin
        Bolduk district" names a place (placed by ``_fallback``)."""
        words = columns.words
        if j <= i or j >= len(words) or words[j].lower() not in self.admin_words:
            return None
        if not all(columns.capitalised[k] and columns.alpha[k] for k in range(i, j)):
            return None
        if not any(columns.pos[k] == PROPN for k in range(i, j)):
            return None
        start, end = columns.starts[i], columns.starts[j - 1] + len(words[j - 1])
        key = normalize_name(columns.text[start:end])
        if not key or key in self.stoplist:
            return None
        return _Mention(start, end, "gazetteer", key=key)

    def _state_candidates(self, text: str) -> list[Candidate]:
        """The US state an AP abbreviation names ("S.C.", "Fla."), as its ADM1 candidate."""
        state = self.abbreviations.get(text)
        if state is None:
            return []
        candidates = self.gazetteer.candidates_for_key(normalize_name(state))
        return [c for c in candidates if c.place.country_iso2 == "US" and c.place.feature_code == "ADM1"]

    @staticmethod
    def _demonym_phrase(columns: _Columns, i: int) -> _Mention | None:
        """A two-word demonym starting at token ``i`` ("Sri Lankan", "North Korean")."""
        start, end = columns.starts[i], columns.starts[i + 1] + len(columns.words[i + 1])
        match = match_country(columns.text[start:end])
        if match is None or match.kind != "demonym":
            return None
        return _Mention(start, end, "demonym", key=normalize_name(columns.text[start:end]), country=match.country, is_demonym=True)

    def _country_token(self, token: Token) -> _Mention | None:
        """A demonym ("Afghan"), an acronym ("U.S.") or a US state abbreviation ("Fla.")."""
        end = token.idx + len(token.text)
        states = self._state_candidates(token.text)
        if states:
            return _Mention(token.idx, end, "gazetteer", key=normalize_name(token.text), candidates=states)
        match = match_country(token.text)
        if match is None or match.kind == "name":
            return None
        if match.kind == "demonym":
            return _Mention(token.idx, end, "demonym", key=normalize_name(token.text), country=match.country, is_demonym=True)
        return _Mention(token.idx, end, "gazetteer", key=normalize_name(token.text), country=match.country)

    def _accept_ngram(self, doc: Doc, columns: _Columns, i: int, best, person_words: set[str]) -> _Mention | None:
        if best is None:
            return None
        j, key, candidates = best
        if key in self.stoplist:
            return None
        settlement_of = self._after_settlement_of(columns.starts[i], columns.text)
        if not settlement_of:
            # a village of the small-place list is a place only where the text says so
            candidates = [c for c in candidates if c.place.feature_code != SMALL_PLACE_FEATURE]
            if not candidates:
                return None
        words_of = columns.words
        if i == j and (words_of[i].lower() in person_words or self._speaker(doc[i])) and not self._major_place(words_of[i]):
            return None  # "Clark said" is a person; "Tbilisi says" is the government in Tbilisi
        alphabetic = [k for k in range(i, j + 1) if columns.alpha[k]]
        # "the troubled Beni region": an admin word after a name says it is a place, whatever
        # part of speech the tagger gave the name
        region_ok = admin.named_as_region(self, words_of, j, candidates)  # "Kunar province": a region's other spelling
        admin_next = region_ok or (
            j + 1 < len(words_of) and words_of[j + 1].lower() in self.admin_words and any(c.exact for c in candidates)
        )
        if not admin_next and not any(columns.pos[k] == PROPN for k in alphabetic):
            return None
        if sum(1 for k in alphabetic if columns.capitalised[k]) == 1:
            rules = self.rules
            exact_ok = any(
                c.exact and (c.place.population >= rules["min_population_single_word"] or c.place.level != "place")
                for c in candidates
            )
            alt_ok = any(c.place.population >= rules["min_population_alternate_single_word"] for c in candidates)
            # "Tavistock Fire Chief": an institution named after a town says it is a place.
            institution_ok = (
                j + 1 < len(words_of)
                and columns.capitalised[j + 1]
                and words_of[j + 1].lower() in rules["institution_words"]
                and any(c.exact for c in candidates)
            )
            # "grew up in Saratoga": a proper noun after "in"/"near" that is a place's own name
            locative_ok = (settlement_of or self._after_locative(columns.starts[i], columns.text)) and any(c.exact for c in candidates)
            if not (exact_ok or alt_ok or institution_ok or locative_ok or region_ok):
                return None
            if not (exact_ok or alt_ok):
                candidates = [c for c in candidates if c.exact or (region_ok and c.place.level == "admin1")]
        start, end = columns.starts[i], columns.starts[j] + len(words_of[j])
        return _Mention(start, end, "gazetteer", key=key, candidates=candidates)

    def _add_hint(self, mention: _Mention, text: str) -> None:
        """An admin word right after ("Badghis province") or before ("province of Herat")."""
        if mention.is_demonym or mention.country is not None or mention.hint:
            return
        if not mention.candidates:
            return
        after = re.match(r"[ \t]+([A-Za-z-]+)\b(?![ \t]+of\b)", text[mention.end : mention.end + 24])
        if after and after.group(1).lower() in self.admin_words:
            mention.hint = self.admin_words[after.group(1).lower()]
            if mention.hint != "PPL":
                mention.end += after.end()
            return
        before = re.search(r"\b([A-Za-z-]+)[ \t]+of[ \t]+(?:the[ \t]+)?$", text[max(mention.start - 30, 0) : mention.start])
        if before and before.group(1).lower() in self.admin_words:
            mention.hint = self.admin_words[before.group(1).lower()]

    def _mark_dateline(self, mentions: list[_Mention], text: str) -> None:
        """Mark the mentions of the first dateline; an upper-case dateline place that nothing
        recognised ("MANSFIELD -- ", the model skips upper-case words) becomes a mention."""
        for match in DATELINE.finditer(text[: self.rules["dateline_window"]]):
            start, end = match.span(1)
            end = start + len(text[start:end].rstrip(" .-'’"))
            covered = False
            for mention in mentions:
                if match.start(1) <= mention.start < match.end():
                    mention.dateline = covered = True
            if not covered and end > start:
                mention = self._entity_mention(start, end, text[start:end])
                if mention is not None:
                    mention.source, mention.dateline = "dateline", True
                    self._add_hint(mention, text)
                    mentions.append(mention)
                    mentions.sort(key=lambda m: m.start)
            break

    # ---- resolution ----------------------------------------------------------------
    def _score_base(self, mention: _Mention) -> None:
        if mention.country is not None:
            mention.candidates = [Candidate(country_place(mention.country), exact=True, entry=-1)]
            mention.base = [10.0]
            return
        scores = self.scores
        features = scores["feature"]
        cities = {(c.place.country_iso2, c.place.admin1, c.place.admin2) for c in mention.candidates if c.place.level == "place"}
        city_regions = {(country, admin1) for country, admin1, _ in cities}
        # a region named after its chief city, the name the city's too if only as an older or
        # alternate spelling ("Chittagong" for Chattogram): without an admin word the name
        # means the city, so the region ranks just below it, whatever their populations. The
        # city must hold TWIN_CITY_SHARE of the region's people to be its namesake.
        regions = {(c.place.country_iso2, c.place.admin1): c.place.population for c in mention.candidates
                   if c.place.feature_code == "ADM1"}
        by_alternate: dict[tuple[str, str], float] = {}
        for c in mention.candidates:
            region_people = regions.get((c.place.country_iso2, c.place.admin1), 0)
            if c.place.level == "place" and not c.exact and c.place.population >= TWIN_CITY_SHARE * region_people > 0:
                city = features.get(c.place.feature_code, 0.0) + scores["population_per_log10"] * math.log10(c.place.population + 1)
                key = (c.place.country_iso2, c.place.admin1)
                by_alternate[key] = max(by_alternate.get(key, city), city)
        base = []
        for candidate in mention.candidates:
            place = candidate.place
            score = scores["exact_name"] * candidate.exact + features.get(place.feature_code, 0.0)
            score += scores["population_per_log10"] * math.log10(place.population + 1)
            if place.feature_code == "ADM1" and mention.hint != "ADM1" and (place.country_iso2, place.admin1) in city_regions:
                score -= scores["twin_region_penalty"]
                if candidate.exact and (place.country_iso2, place.admin1) in by_alternate:
                    score = min(score, by_alternate[(place.country_iso2, place.admin1)] - TWIN_MARGIN)
            if place.feature_code == "ADM2" and mention.hint != "ADM2" and (place.country_iso2, place.admin1, place.admin2) in cities:
                score -= scores["twin_region_penalty"]
            if mention.hint and mention.hint == ("PPL" if place.level == "place" else place.feature_code):
                score += scores["admin_hint"]
            elif mention.hint == "ADM2" and place.level == "place":
                score += scores["settlement_hint"]
            base.append(score)
        order = sorted(range(len(base)), key=base.__getitem__, reverse=True)[:MAX_CANDIDATES]
        mention.candidates = [mention.candidates[i] for i in order]
        mention.base = [base[i] for i in order]

    def _link_containers(self, mentions: list[_Mention], text: str) -> None:
        """Pairs like "Paris, Texas", "X, the capital of Y", "X district, Y", "Y's X"."""
        places = [m for m in mentions if m.candidates and not m.is_demonym]
        for inner, outer in zip(places, places[1:]):
            gap = text[inner.end : outer.start]
            if CONTAINER_GAP.match(gap):
                inner.containers.append(outer)
                outer.contained.append(inner)
            elif POSSESSIVE_GAP.match(gap):
                outer.containers.append(inner)
                inner.contained.append(outer)

    def _proximity(self, place: Place, points: list[Place]) -> float:
        """Bonus for a candidate near another name's place (100 km, 400 km), by an
        equirectangular distance: exact enough at these ranges and cheap per candidate."""
        if not points or place.level == "country":
            return 0.0
        latitude, longitude = place.latitude, place.longitude
        scale = math.cos(math.radians(latitude))
        nearest = math.inf
        for point in points:
            d_lat = point.latitude - latitude
            if -4.0 < d_lat < 4.0:
                d_lon = (point.longitude - longitude + 180.0) % 360.0 - 180.0
                nearest = min(nearest, KM_PER_DEGREE * math.hypot(d_lat, d_lon * scale))
        if nearest <= 100:
            return self.scores["near_other_place_100km"]
        if nearest <= 400:
            return self.scores["near_other_place_400km"]
        return 0.0

    def _to_place_mention(self, mention: _Mention, text: str) -> PlaceMention:
        best = mention.best()
        place = mention.candidates[best].place if best >= 0 else None
        source = mention.source
        if place is None and mention.fallback is not None:
            place, source = mention.fallback, f"{mention.source}+{mention.fallback_kind}"
        scores = mention.scores or mention.base
        if scores:
            top = scores[best]
            total = sum(math.exp(s - top) for s in scores)
            confidence = 1.0 / total
        else:
            confidence = 0.0
        return PlaceMention(
            start=mention.start,
            end=mention.end,
            text=text[mention.start : mention.end],
            place=place,
            score=round(confidence, 4),
            source=source,
            is_demonym=mention.is_demonym,
        )


# "Paris, Texas", "Dawlat Abad district, Balkh", "Qala-e-Naw, the capital of Badghis province",
# "Kabul, in Afghanistan": the second place contains the first.
CONTAINER_GAP = re.compile(
    r"^(?:[ \t]+(?:district|province|county|region|state|city|town|village|governorate|parish))?[ \t]*,[ \t]*"
    r"(?:(?:the[ \t]+)?(?:(?:provincial|district|regional|state|province|county)[ \t]+)?(?:capital|seat)[ \t]+of[ \t]+|in[ \t]+)?"
    r"(?:the[ \t]+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|north-?central|south-?central|mid-?western)[ \t]+)?$",
    re.IGNORECASE,
)
# "Afghanistan's western Badghis region": the first place contains the second.
POSSESSIVE_GAP = re.compile(r"^['’]s?[ \t]+(?:[a-z-]+[ \t]+)?$")
# "X village near the northeastern town of Y", "X, near Y": the town X is found near
NEAR_GAP = re.compile(
    r"^(?:[ \t]+(?:village|hamlet|area|neighbourhood|neighborhood))?[ \t]*,?[ \t]+near[ \t]+(?:the[ \t]+)?"
    r"(?:(?:[a-z-]+[ \t]+)?(?:town|city|village)[ \t]+of[ \t]+)?$"
)


def _most_named(mentions: list[_Mention], accept) -> Place | None:
    """The place that the most mentions resolve to among those ``accept(mention, best, place)``
    takes (the first of the most frequent on a tie: dicts keep order)."""
    counts: Counter = Counter()
    places: dict[str, Place] = {}
    for mention in mentions:
        if not mention.candidates or mention.is_demonym or mention.country is not None:
            continue
        best = mention.best()
        place = mention.candidates[best].place
        if accept(mention, best, place):
            counts[mention.key] += 1
            places.setdefault(mention.key, place)
    if not counts:
        return None
    return places[max(counts, key=counts.__getitem__)]


def _container_of(mention: _Mention, mentions: list[_Mention], text: str) -> _Mention | None:
    """The resolved mention that contains ``mention`` by the text between them: the next one
    after a comma ("X district, Y province"), the town it is near ("X village near the town of
    Y"), or the one before a possessive ("Y's X")."""
    index = mentions.index(mention)
    after = mentions[index + 1] if index + 1 < len(mentions) else None
    if after is not None and after.is_demonym:
        after = None  # "in X, Afghan officials said": an adjective contains nothing
    if after is not None and after.candidates and CONTAINER_GAP.match(text[mention.end : after.start]):
        return after
    if after is not None and after.candidates and NEAR_GAP.match(text[mention.end : after.start]):
        if after.candidates[after.best()].place.level == "place":
            return after
    before = mentions[index - 1] if index > 0 else None
    if before is not None and before.candidates and POSSESSIVE_GAP.match(text[before.end : mention.start]):
        return before
    return None


def _common_nouns(ent: Span) -> bool:
    """Whether every word of an entity is a common noun to the tagger ("Gunmen", "Residents"):
    a sentence-initial plural the small model sometimes tags as a place, not a name."""
    words = [token for token in ent if token.is_alpha]
    return bool(words) and all(token.tag_ in ("NN", "NNS") for token in words)


def _top(scores: list[float], n: int) -> list[int]:
    return sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:n]
