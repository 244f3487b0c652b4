"""Who an anaphor or a document stands for, as news English uses them (for
:class:`eventwire.nlp.speakers.SpeakerFinder`):

- "he"/"she": the last person who was a subject or a speaker, named ("Amina Sow said") or not
  ("Another neighbour urges ... “...,” he says"): :func:`last_person_before`;
- "it": the last organisation named, or a later body that spoke ("the defence ministry said ...
  It added"): :func:`last_body_before`;
- a role noun ("the governor said", "a spokesman for the army said"): the person the article
  named earlier with that role ("Governor Jane Doe", "army spokesman Col. X"): :func:`role_holder`;
- a bare definite body noun ("the group said"): the last organisation named: :func:`body_referent`;
- a document ("a statement from the police said", "the statement said" after "the police issued a
  statement"): whoever issued it: :func:`issuer`.

Events, places and things ("the attack", "the town", "the video") and documents nobody is named as
issuing are nobody (:func:`names_nobody`): a quote that hangs on them has no speaker.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventwire.nlp.roles import POSSESSIVE_RE, describe, holds_role, role_query

if TYPE_CHECKING:
    from eventwire.nlp.speakers import SpeakerFinder

# Names that never speak: a date, a time, a number (labels the small model tags reliably; not
# WORK_OF_ART or LAW, which it puts on "Kyiv's defense ministry" and the like).
SILENT_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
ISSUER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})  # "a statement from (by, of) the ministry"
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
PERSON_POSSESSIVES = frozenset({"his", "her"})  # "his statement": the last person
BODY_POSSESSIVES = frozenset({"its", "their"})  # "its statement": the last body
ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)

Found = tuple[str | None, tuple[int, int] | None]  # (name, token span of the naming mention)


def is_common_noun(token: Token) -> bool:
    """A common noun, also one the small model tags PROPN ("the ministry", "the minister")."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.text.islower()


def strip_article(text: str) -> str:
    return ARTICLE_RE.sub("", POSSESSIVE_RE.sub("", text.strip()))


# ---- pronouns -----------------------------------------------------------------------------------


def reporting_subjects(finder: SpeakerFinder) -> list[Token]:
    """Common-noun subjects of reporting verbs outside quotes ("another neighbour urges", "the
    ministry said"), in text order: the unnamed antecedents of "he", "she" and "it"."""
    if finder.noun_subjects is None:
        found = [
            child
            for verb in finder.verbs
            for child in verb.children
            if child.dep_ in finder.lexicon.subject_deps and is_common_noun(child) and not finder.inside[child.i]
        ]
        finder.noun_subjects = sorted(found, key=lambda token: token.i)
    return finder.noun_subjects


def last_person_before(finder: SpeakerFinder, offset: int) -> str | None:
    """The last person before ``offset`` who was a subject or a speaker, else the last one
    mentioned. A person left unnamed counts too: the singular subject of a reporting verb that is
    a person noun ("Another neighbour urges ... “...,” he says")."""
    salient = [(ent.start_char, ent) for ent in finder.persons if ent.start_char < offset and _is_salient(finder, ent)]
    named = [(at, name) for at, name in finder.named_speakers if at < offset]
    at_ent = max(salient, key=lambda item: item[0]) if salient else (-1, None)
    at_name = max(named) if named else (-1, "")
    unnamed = [
        subject
        for subject in reporting_subjects(finder)
        if subject.idx < offset and subject.tag_ == "NN" and _is_person_noun(finder, subject)
    ]
    if unnamed and unnamed[-1].idx > max(at_ent[0], at_name[0]) and unnamed[-1].i not in finder.resolving:
        subject = unnamed[-1]
        finder.resolving.add(subject.i)  # its own resolution may ask for the last person again
        found = finder.speaker_of_subject(subject)
        finder.resolving.discard(subject.i)
        if found and found[0]:
            return found[0]
    if salient or named:
        return finder.full_name(at_ent[1]) if at_ent[0] > at_name[0] else at_name[1]
    mentions = [ent for ent in finder.persons if ent.start_char < offset]
    return finder.full_name(mentions[-1]) if mentions else None


def _is_person_noun(finder: SpeakerFinder, token: Token) -> bool:
    """A noun for a person ("neighbour", "spokesman", "witness"): a speaker noun that is no body."""
    lemma, lexicon = token.lemma_.lower(), finder.lexicon
    return lemma in lexicon.speaker_nouns and lemma not in lexicon.body_nouns


def _is_salient(finder: SpeakerFinder, ent: Span) -> bool:
    root = ent.root
    if root.dep_ == "appos":
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True
    return root.dep_ in finder.lexicon.subject_deps


def last_organisation_before(finder: SpeakerFinder, offset: int) -> str | None:
    """The last organisation named before ``offset`` ("the group said it carried out ...")."""
    organisations = _organisations_before(finder, offset)
    return strip_article(organisations[-1].text) if organisations else None


def last_body_before(finder: SpeakerFinder, offset: int) -> str | None:
    """What "it" said: the last organisation named, or a later body that was the subject of a
    reporting verb ("the defence ministry said ... It added")."""
    organisations = _organisations_before(finder, offset)
    bodies = [
        subject
        for subject in reporting_subjects(finder)
        if subject.idx < offset and subject.lemma_.lower() in finder.lexicon.body_nouns
    ]
    if bodies and (not organisations or bodies[-1].idx > organisations[-1].start_char):
        return finder.noun_phrase(bodies[-1])
    return strip_article(organisations[-1].text) if organisations else None


def _organisations_before(finder: SpeakerFinder, offset: int) -> list[Span]:
    return [ent for ent in finder.ents if ent.label_ == "ORG" and ent.start_char < offset and not finder.inside[ent.start]]


# ---- role nouns ---------------------------------------------------------------------------------


def role_holder(finder: SpeakerFinder, token: Token) -> str | None:
    """The person a role noun refers back to: the last one the article named earlier with that
    role ("Governor Jane Doe" ... "the governor said"; "army spokesman Col. X" ... "a spokesman for
    the army said"). With nobody named in that role, a generic role ("the official") is the last
    person named, and a definite ``anaphoric_roles`` noun ("the minister") the last person named
    whose role the text never stated; else None (the noun phrase speaks for itself)."""
    lexicon = finder.lexicon
    query = role_query(token, lexicon)
    if query is None:
        return None
    holder = None
    for person in finder.persons:
        if person.start_char >= token.idx:
            break
        if person.start not in finder.described:
            finder.described[person.start] = describe(finder, person.start, person.end)
        if holds_role(query, *finder.described[person.start]):
            holder = person
    if holder is not None:
        return finder.full_name(holder)
    generic = query.head in lexicon.generic_roles
    if not query.definite or not (generic or query.head in lexicon.anaphoric_roles):
        return None
    name = last_person_before(finder, token.idx)
    if not name:
        return None
    stated = finder.stated_role(name)
    if stated and not generic:
        return None
    if not stated:  # no role stated before: the anaphor's own
        finder.assume_role(name, finder.noun_phrase(token).lower())
    return name


def body_referent(finder: SpeakerFinder, token: Token) -> str | None:
    """The organisation a bare definite body noun refers back to ("The Oromo Liberation Front
    said ... The group added"): the last organisation named before it. Only a noun with nothing but its article
    ("the group", not "a farmers union" or "the group of elders"), of ``anaphoric_bodies``."""
    if token.lemma_.lower() not in finder.lexicon.anaphoric_bodies or token.tag_ != "NN":
        return None
    children = list(token.children)
    if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ not in DEFINITE_DETERMINERS:
        return None
    return last_organisation_before(finder, token.idx)


# ---- documents and things -------------------------------------------------------------------------


def names_nobody(finder: SpeakerFinder, token: Token) -> bool:
    """A subject that is never a speaker: an event, a place or a thing ("the attack", "the town"),
    a document nobody is named as issuing ("the report"), a date or a number."""
    if token.ent_type_ in SILENT_LABELS:
        return True
    lemma, lexicon = token.lemma_.lower(), finder.lexicon
    if not is_common_noun(token) or lemma in lexicon.speaker_nouns:
        return False
    if lemma in lexicon.non_speaker_nouns:
        return True
    return lemma in lexicon.document_nouns and not issuer(finder, token)


def issuer(finder: SpeakerFinder, document: Token, *, depth: int = 0) -> Found | None:
    """Who speaks through a document: its issuer named in the phrase ("a statement from the
    police", "the ministry's statement", "a police statement", "a video posted by the group"),
    else, for "the statement", the issuer of the last one mentioned ("The police issued a
    statement ... the statement said"; "X said in a statement ... the statement added")."""
    if depth > 2:
        return None
    named = _issuer_in_phrase(finder, document)
    if named is not None:
        return _speaker_of_issuer(finder, named, depth)
    if not any(child.dep_ == "det" and child.lower_ in DEFINITE_DETERMINERS for child in document.children):
        return None
    lemma = document.lemma_.lower()
    for earlier in reversed(finder.doc[: document.i]):
        if earlier.lemma_.lower() != lemma or finder.inside[earlier.i]:
            continue
        named = _issuer_in_phrase(finder, earlier) or _issuing_subject(finder, earlier)
        found = _speaker_of_issuer(finder, named, depth) if named is not None else None
        return (found[0], None) if found and found[0] else None
    return None


def _speaker_of_issuer(finder: SpeakerFinder, token: Token, depth: int) -> Found | None:
    if token.lower_ in PERSON_POSSESSIVES:
        return last_person_before(finder, token.idx), None
    if token.lower_ in BODY_POSSESSIVES:
        return last_body_before(finder, token.idx), None
    return finder.speaker_of_subject(token, depth=depth + 1)


def _issuer_in_phrase(finder: SpeakerFinder, document: Token) -> Token | None:
    for child in document.children:
        if child.dep_ == "poss":
            return child  # "the ministry's statement", "its statement"
        if child.dep_ in ("compound", "nmod") and _can_issue(finder, child):
            return child  # "a police statement", "a Taliban statement"
        if child.dep_ == "prep" and child.lower_ in ISSUER_PREPOSITIONS:
            objects = [word for word in child.children if word.dep_ == "pobj" and _can_issue(finder, word)]
            if objects:
                return objects[0]
        if child.dep_ == "acl":  # "a video posted by the group"
            for agent in (word for word in child.children if word.dep_ == "agent"):
                objects = [word for word in agent.children if word.dep_ == "pobj" and _can_issue(finder, word)]
                if objects:
                    return objects[0]
    return None


def _issuing_subject(finder: SpeakerFinder, document: Token) -> Token | None:
    """"X said in a statement" (a reporting verb), "X issued (released, posted) a statement" (an
    ``issuing_verbs`` verb): X. Not "police found a note": finding a document is not issuing it."""
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "in" and verb.head.i in finder.verb_ids:
        verb = verb.head
    elif not (document.dep_ == "dobj" and verb.lemma_.lower() in finder.lexicon.issuing_verbs):
        return None
    subject = finder.subject(verb)
    return subject if subject is not None and subject.i != document.i else None


def _can_issue(finder: SpeakerFinder, token: Token) -> bool:
    """A name (not a date, a number or quoted words) or a noun that can speak: "the ministry", "police"."""
    if token.ent_type_ in SILENT_LABELS or finder.inside[token.i]:
        return False
    if token.ent_type_ in ISSUER_LABELS or token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in finder.lexicon.speaker_nouns
