"""A speaker's role and affiliation as the text states them, and who holds a role named later.

:func:`describe` reads "Hasamuddin Shams, the governor of Badghis province" -> ("governor",
"Badghis province") and "Iran's Foreign Minister Mohammad Javad Zarif" -> ("foreign minister",
"Iran") around a mention. :func:`role_query` and :func:`holds_role` let a role noun used as a
subject ("the governor said", "a spokesman for the army said") find the person the article
named earlier with that role.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from eventwire.nlp.quotes import QuoteLexicon
    from eventwire.nlp.speakers import SpeakerFinder

PHRASE_STOPS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "-", '"', "“", "”", "!", "?"})
SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…"})
POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
TITLE_WINDOW = 8  # tokens read left of a name for its title ("Iran's Foreign Minister")
AFFILIATION_WORDS = 8  # at most: "the Interior Ministry of the Federal Republic of Somalia"
APPOSITIVE_WINDOW = 14  # tokens read right of a name for an appositive (", the governor of ...")
WORD_RE = re.compile(r"\w+", re.UNICODE)
QUALIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})  # "army spokesman", "the army's spokesman"
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "some"})
NEW_REFERENT_DETERMINERS = frozenset({"another", "other"})  # "another witness said": someone new
STEM_MIN, STEM_SHARE = 4, 0.6  # "iran"/"iranian" share a stem; "army"/"armed" do not


def describe(finder: SpeakerFinder, first: int, last: int) -> tuple[str, str]:
    """(role, affiliation) stated around the mention ``doc[first:last]``, ("", "") when none.

    Read from an appositive after it (", the governor of Badghis province,"), else from a
    title before it ("Iran's Foreign Minister", "the governor of the province, ...", "the army's
    spokesman, Lt. Col. ..."; a rank between the role and the name is a form of address: "army
    spokesman Col. ..." -> "army spokesman"), else from a predicate ("... is a teacher at the
    school"), else, for a noun-phrase speaker, from the phrase itself ("a spokesman for the
    ministry").
    """
    doc, lexicon = finder.doc, finder.lexicon
    sent_start, sent_end = doc[first].sent.start, doc[last - 1].sent.end
    if sent_start == first > 0 and doc[first - 1].text not in SENTENCE_END_TOKENS and not doc[first - 1].is_space:
        sent_start = doc[first - 1].sent.start  # a parse that broke the sentence before the name
    # appositive: ", the governor of Badghis province,"
    if last < sent_end and doc[last].text == ",":
        words = []
        for i in range(last + 1, min(last + 1 + APPOSITIVE_WINDOW, sent_end)):
            token = doc[i]
            if token.text in PHRASE_STOPS or finder.inside[i] or token.pos_ in ("VERB", "AUX", "PRON"):
                break
            words.append(token)
        found = _role_phrase(words, lexicon)
        if found[0]:
            return found
    # title: "Iran's Foreign Minister Mohammad Javad Zarif", "the governor, Amina Sow"
    if doc[last - 1].ent_type_ != "PERSON" and doc[last - 1].lemma_.lower() not in lexicon.role_heads:
        return _own_role(finder, first, last)
    inner = first
    while (
        doc[last - 1].ent_type_ == "PERSON"
        and inner < last - 1
        and doc[inner].lower_.rstrip(".") in lexicon.role_words | lexicon.honorifics
    ):
        inner += 1  # a title the NER put inside the name
    words = list(doc[first:inner])
    i, comma_read = first - 1, False
    while i >= sent_start and first - i <= TITLE_WINDOW:
        token = doc[i]
        if token.text == "," and not comma_read and i > sent_start and all(_is_title(word, lexicon) for word in words):
            i, comma_read = i - 1, True  # "the governor, Amina Sow"; "the army's spokesman, Lt. Col. Musa Kura"
            continue
        if token.text == ")" and i - 4 > sent_start and "(" in [word.text for word in doc[i - 4 : i]]:
            while doc[i].text != "(":  # an acronym in brackets: "Inspector General (IG) Amina Sow"
                i -= 1
            i -= 1
            continue
        if finder.inside[i] or not (
            token.pos_ in ("PROPN", "NOUN", "ADJ") or token.tag_ == "POS" or token.lower_ == "of"
        ):
            break
        words.insert(0, token)
        i -= 1
    found = _role_phrase(words, lexicon)
    if found[0]:
        return found
    # predicate: "Amina Sow is a teacher at the village school"
    name = doc[last - 1]
    if name.dep_ == "nsubj" and name.head.lemma_ == "be":
        for attribute in name.head.children:
            if attribute.dep_ == "attr" and attribute.lemma_.lower() in lexicon.role_heads:
                return _own_role(finder, attribute.left_edge.i, attribute.i + 1)
    return _own_role(finder, first, last)


def _is_title(word: Token, lexicon: QuoteLexicon) -> bool:
    """A rank, title or honorific written before a name ("Col.", "Lt.", "Dr"), or the dot of one."""
    return word.text == "." or word.lower_.rstrip(".") in lexicon.speaker_titles


def _own_role(finder: SpeakerFinder, first: int, last: int) -> tuple[str, str]:
    """A noun-phrase speaker's own role: "a police spokesman", "a spokesman for the Interior Ministry"."""
    doc, lexicon = finder.doc, finder.lexicon
    head = doc[last - 1]
    if head.lemma_.lower() in lexicon.role_heads:
        words = list(doc[first:last])
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in lexicon.affiliation_prepositions:
                words += list(doc[child.i : child.right_edge.i + 1])
                break
        return _role_phrase(words, lexicon)
    return "", ""


def _role_phrase(words: list[Token], lexicon: QuoteLexicon) -> tuple[str, str]:
    """Split a title phrase into (role, affiliation): "Iran's foreign minister" -> ("foreign minister", "Iran")."""
    while words and (words[0].pos_ == "DET" or words[0].lower_.rstrip(".") in lexicon.honorifics):
        words = words[1:]
    # a rank between the role and the name is a form of address: "army spokesman Col. (Peter Mensah)"
    while len(words) > 1 and _is_title(words[-1], lexicon) and (
        words[-1].lower_.rstrip(".") in lexicon.ranks or words[-1].lemma_.lower() not in lexicon.role_heads
    ) and any(word.lemma_.lower() in lexicon.role_heads for word in words[:-1]):
        words = words[:-1]
    preposition = next(
        (n for n, word in enumerate(words) if word.lower_ in lexicon.affiliation_prepositions), len(words)
    )
    head = preposition - 1  # the role noun ends the title: "foreign minister", "the governor of ..."
    if head < 0 or words[head].lemma_.lower() not in lexicon.role_heads:
        return "", ""
    before, after = words[:head], words[preposition + 1 :]
    affiliation = ""
    possessive = [n for n, word in enumerate(before) if word.tag_ == "POS"]
    if possessive:
        owner = before[: possessive[-1]]
        affiliation = _words_text(owner)
        before = before[possessive[-1] + 1 :]
    else:
        named = 0
        while named < len(before) and before[named].ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
            named += 1
        if named and not all(word.lower_ in lexicon.role_words for word in before[:named]):
            affiliation = _words_text(before[:named])
            before = before[named:]
    if after:
        affiliation = _words_text(after)
    role_words = [word for word in before + [words[head]] if word.tag_ != "POS"]
    return " ".join(word.lower_ for word in role_words), affiliation


def _words_text(words: list[Token]) -> str:
    """The text of consecutive tokens as written (spacing kept), possessive dropped."""
    cut = next((n for n, word in enumerate(words) if word.text in PHRASE_STOPS or word.pos_ in ("VERB", "PRON")), None)
    words = words[:cut][:AFFILIATION_WORDS]
    if not words:
        return ""
    doc = words[0].doc
    return POSSESSIVE_RE.sub("", doc[words[0].i : words[-1].i + 1].text)


# ---- who holds a role named later ---------------------------------------------------------------


@dataclass(frozen=True)
class RoleQuery:
    """The role a role-noun subject names: "the army spokesman" -> head "spokesman", qualifiers {"army"}."""

    head: str
    qualifiers: frozenset[str]  # words the holder's role or affiliation must have ("army", "foreign")
    definite: bool  # "the governor" (or no determiner), not "a spokesman for the army"


def role_query(token: Token, lexicon: QuoteLexicon) -> RoleQuery | None:
    """The role named by a singular role noun ("the governor", "a spokesman for the army", "the
    army's spokesman"), None for another noun, a plural ("the ministers") or a new person ("another
    witness"; "a spokesman" with nothing that ties it to one named before)."""
    if token.lemma_.lower() not in lexicon.role_heads or token.tag_ not in ("NN", "NNP"):
        return None
    words = [word for child in token.lefts if child.dep_ in QUALIFIER_DEPS for word in child.subtree]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in lexicon.affiliation_prepositions:
            words += [word for word in child.subtree if word.i > child.i]
            break
    qualifiers = frozenset(
        word.lower_ for word in words if word.is_alpha and word.pos_ in ("NOUN", "PROPN", "ADJ") and not word.is_stop
    )
    determiners = {child.lower_ for child in token.children if child.dep_ == "det"}
    if determiners & NEW_REFERENT_DETERMINERS:
        return None
    definite = not determiners & INDEFINITE_DETERMINERS
    if not definite and not qualifiers:
        return None
    return RoleQuery(token.lemma_.lower(), qualifiers, definite)


def holds_role(query: RoleQuery, role: str, affiliation: str) -> bool:
    """Whether a person described as ``role`` of ``affiliation`` is the one ``query`` names: same
    role noun, and every qualifier found in the role or affiliation ("a spokesman for the army" is
    the "army spokesman"; "the Iranian minister" is the "foreign minister" of "Iran")."""
    role_words = WORD_RE.findall(role.lower())
    if not role_words or not _same_word(role_words[-1], query.head):
        return False
    known = role_words + WORD_RE.findall(affiliation.lower())
    return all(any(_same_word(qualifier, word) for word in known) for qualifier in query.qualifiers)


def _same_word(a: str, b: str) -> bool:
    """Equal, or sharing a stem: "iran"/"iranian", "defence"/"defense", "president"/"presidential"."""
    if a == b:
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= STEM_MIN and shared >= STEM_SHARE * min(len(a), len(b))
