"""Indirect attributions and claims of responsibility, added to ``doc._.ew_quotes``.

Both reuse the direct-quote machinery of :mod:`eventwire.nlp.speakers` (speaker resolution,
role, affiliation, outlet chain) and its lexicon (``data/quotes.json``).

Claims (``kind="claim"``), found only in sentences the ``claim_prefilter`` regex matches:

1. "<X> claimed (took, accepted, ...) responsibility (for <the attack>)": speaker X, verb
   "claimed", quote the "for" phrase (else the sentence);
2. "a claim of responsibility posted by X", "X issued a claim of responsibility";
3. "<X> said it carried out (staged, was behind) <the bombing>": quote the object.

A negated claim ("No group has claimed responsibility", "there was no claim of
responsibility", "did not claim") is none, and so is one whose claimant is unknown.

Indirect attributions (``kind="indirect"``), one per reporting verb outside direct quotes:

1. "according to X, <statement>" / "<statement>, according to X": the sentence without the
   "according to" phrase (its longer side);
2. "X said (that) <clause>", "<clause>, X said": the verb's clausal complement.

Skipped: a statement that overlaps a direct quote (the quote already says it), one shorter
than ``min_statement_words`` words, an unknown speaker (an unresolved pronoun), a verb already
used by a claim, and an "according to <outlet>" that is the outlet chain of another attribution.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.nlp.quotes import EDGE_PUNCTUATION, WORD_RE
from eventwire.nlp.speakers import Speaker, SpeakerFinder
from eventwire.types import Quote


def find_attributions(finder: SpeakerFinder, direct: list[Quote]) -> list[Quote]:
    """Claims and indirect attributions of ``finder``'s doc (``direct`` are its direct quotes)."""
    claims, used = _claims(finder)
    taken = [(quote.start, quote.end) for quote in direct]
    taken += [(span.outer_start, span.outer_end) for span in finder.spans]
    vias = [quote.via for quote in direct + claims if quote.via]
    indirect = _indirect(finder, taken, used, vias)
    return claims + indirect


# ---- claims of responsibility ----------------------------------------------------------------


def _claims(finder: SpeakerFinder) -> tuple[list[Quote], set[int]]:
    doc, text, lexicon = finder.doc, finder.text, finder.lexicon
    claims: list[Quote] = []
    used: set[int] = set()  # verbs that made a claim: no indirect attribution from them
    numbers: list[int] = []  # sentences with a prefilter hit outside quotes
    for match in lexicon.claim_prefilter.finditer(text):
        words = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if words is None or finder.inside[words.start]:
            continue
        number = int(finder.sent_of[words.start])
        if number not in numbers:
            numbers.append(number)
    bounds = finder.sent_first.tolist() + [len(doc)]
    for number in numbers:
        for token in doc[bounds[number] : bounds[number + 1]]:
            found = None
            if token.lower_ == "responsibility" and not finder.inside[token.i]:
                found = _responsibility_claim(finder, token)
            elif token.lemma_.lower() in lexicon.claim_report_verbs and token.pos_ in ("VERB", "AUX"):
                found = _perpetration_claim(finder, token)
            if found is None:
                continue
            verb, speaker, claimed = found
            if verb.i in used:
                continue
            used.add(verb.i)
            start, end = _trimmed(claimed, text)
            profile = finder.profile(speaker)
            said = verb.lower_ if verb.lemma_.lower() in ("claim", *lexicon.claim_report_verbs) else "claimed"
            claims.append(
                Quote(
                    doc._.ew_article_id, speaker.name, text[start:end], start, end, said, kind="claim",
                    role=profile.role, affiliation=profile.affiliation, via=finder.via(verb, speaker),
                    speaker_start=speaker.start, speaker_end=speaker.end,
                )  # fmt: skip
            )
    return claims, used


def _responsibility_claim(finder: SpeakerFinder, token: Token) -> tuple[Token, Speaker, Span] | None:
    """"X claimed responsibility for Y"; "a claim of responsibility (for Y) posted by X"."""
    lexicon, head = finder.lexicon, token.head
    claimed = _for_phrase(token) or _for_phrase(head) or token.sent
    if token.dep_ == "dobj" and head.lemma_.lower() in lexicon.claim_verbs:
        if _negated(head, lexicon) or _negated(token, lexicon):
            return None
        subject = finder.subject(head)
        if subject is None or _negated(subject, lexicon):
            return None
        speaker = _claimant(finder, subject)
        return (head, speaker, claimed) if speaker else None
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "claim":
        claim = head.head
        if _negated(claim, lexicon):  # "there was no claim of responsibility"
            return None
        claimed = _for_phrase(token) or _for_phrase(claim) or token.sent
        for child in [*claim.children, *token.children]:  # "a claim of responsibility posted by X"
            if child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        objects = [word for word in agent.children if word.dep_ == "pobj"]
                        speaker = _claimant(finder, objects[0]) if objects else None
                        if speaker:
                            return child, speaker, claimed
        verb = claim.head  # "X issued a claim of responsibility"
        if claim.dep_ == "pobj" and verb.lower_ == "in":  # "In a claim of responsibility, X said ..."
            verb = verb.head
            if verb.lemma_.lower() in lexicon.claim_report_verbs and not _negated(verb, lexicon):
                subject = finder.subject(verb)
                speaker = _claimant(finder, subject) if subject is not None else None
                return (verb, speaker, claimed) if speaker else None
        if claim.dep_ == "dobj" and verb.lemma_.lower() in lexicon.claim_notice_verbs and not _negated(verb, lexicon):
            subject = finder.subject(verb)
            speaker = _claimant(finder, subject) if subject is not None else None
            if speaker:
                return verb, speaker, claimed
    return None


def _perpetration_claim(finder: SpeakerFinder, verb: Token) -> tuple[Token, Speaker, Span] | None:
    """"X said it carried out the bombing", "X claimed its fighters were behind the attack"."""
    lexicon = finder.lexicon
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in lexicon.perpetration_verbs:
            continue
        if _negated(clause, lexicon) or _negated(verb, lexicon):
            continue
        if clause.lemma_.lower() == "carry" and not any(child.lower_ == "out" for child in clause.children):
            continue
        doers = [child for child in clause.children if child.dep_ in lexicon.subject_deps]
        if not doers or not _refers_to_speaker(doers[0]):
            continue
        if clause.lemma_.lower() == "be":  # "it was behind the attack"
            behind = [child for child in clause.children if child.lower_ == "behind"]
            objects = [word for word in behind[0].children if word.dep_ == "pobj"] if behind else []
        else:
            objects = [child for child in clause.children if child.dep_ == "dobj"]
        if not objects:
            continue
        subject = finder.subject(verb)
        speaker = _claimant(finder, subject) if subject is not None else None
        if speaker:
            return verb, speaker, objects[0].doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    return None


def _refers_to_speaker(doer: Token) -> bool:
    """"it", "we", "they", "its fighters", "the group's militants": the claimant itself."""
    if doer.lower_ in ("it", "we", "they"):
        return True
    return any(child.dep_ == "poss" and child.lower_ in ("its", "our", "their") for child in doer.children)


def _can_speak(finder: SpeakerFinder, subject: Token) -> bool:
    """A name, a pronoun, a noun that can speak ("officials", "the ministry") or a document that
    speaks for its issuer ("a statement from the police"): not "their type"."""
    lexicon = finder.lexicon
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return subject.lower_.rstrip(".") not in lexicon.speaker_titles  # "Capt." alone names nobody
    lemma = subject.lemma_.lower()
    return lemma in lexicon.speaker_nouns or lemma in lexicon.document_nouns


def _names_someone(finder: SpeakerFinder, speaker: Speaker) -> bool:
    """Not a bare title ("Capt.") or punctuation left by a broken parse."""
    name = speaker.name.lower().rstrip(".")
    return bool(WORD_RE.search(name)) and name not in finder.lexicon.speaker_titles


def _claimant(finder: SpeakerFinder, subject: Token) -> Speaker | None:
    if not _can_speak(finder, subject):
        return None
    speaker = finder.speaker_of_token(subject)
    if speaker is None or not _names_someone(finder, speaker):
        return None
    if subject.pos_ == "PROPN" and speaker.start == subject.idx:  # "Tehreek-i-Taliban Pakistan": the whole name
        first = min([subject.i] + [child.left_edge.i for child in subject.lefts if child.dep_ in ("compound", "nmod")])
        if first < subject.i and all(word.pos_ in ("PROPN", "PUNCT") for word in subject.doc[first : subject.i]):
            mention = subject.doc[first : subject.i + 1]
            speaker = Speaker(mention.text, mention.start_char, mention.end_char)
    lexicon = finder.lexicon
    determined = any(child.lower_ in ("the", "this", "that") for child in subject.children)
    if speaker.name.lower() in lexicon.collective_claimants and determined:  # "the group": the one named before
        organisation = finder.last_organisation_before(subject.idx)
        return Speaker(organisation) if organisation else None
    return speaker


def _negated(token: Token, lexicon) -> bool:
    if token.lower_ in lexicon.negators:
        return True
    return any(child.dep_ in ("neg", "det") and child.lower_ in lexicon.negators for child in token.children)


def _for_phrase(token: Token) -> Span | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            objects = [word for word in child.children if word.dep_ == "pobj"]
            if objects:
                return token.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    return None


# ---- indirect attributions -------------------------------------------------------------------


def _indirect(
    finder: SpeakerFinder, taken: list[tuple[int, int]], used: set[int], vias: list[str]
) -> list[Quote]:
    doc, text, lexicon = finder.doc, finder.text, finder.lexicon
    found: list[Quote] = []
    for verb in finder.verbs:
        lemma = verb.lemma_.lower()
        if verb.i in used or lemma not in lexicon.indirect_verbs:
            continue
        statement = _according_statement(verb) if lemma == "accord" else _clause_statement(verb)
        if statement is None:
            continue
        start, end = _trimmed(statement, text)
        if len(WORD_RE.findall(text[start:end])) < lexicon.min_statement_words:
            continue
        if any(first < end and start < last for first, last in taken):
            continue
        subject = finder.subject(verb)
        speaker = finder.speaker_of_token(subject) if subject is not None and _can_speak(finder, subject) else None
        if speaker is None or not _names_someone(finder, speaker):
            continue
        if lemma == "accord" and any(via.endswith(_mention(text, speaker)) for via in vias):
            continue  # "according to state media" is the outlet chain of another attribution
        profile = finder.profile(speaker)
        found.append(
            Quote(
                doc._.ew_article_id, speaker.name, text[start:end], start, end, finder.verb_text(verb),
                kind="indirect", role=profile.role, affiliation=profile.affiliation, via=finder.via(verb, speaker),
                speaker_start=speaker.start, speaker_end=speaker.end,
            )  # fmt: skip
        )
    return found


def _mention(text: str, speaker: Speaker) -> str:
    return text[speaker.start : speaker.end] if speaker.start >= 0 else speaker.name


def _according_statement(verb: Token) -> Span | None:
    """The longer side of the sentence around "according to X(, the governor,)"."""
    to = verb.doc[verb.i + 1]
    sent = verb.sent
    phrase_end = max(to.right_edge.i, verb.right_edge.i) + 1
    before = verb.doc[sent.start : verb.i]
    after = verb.doc[phrase_end : sent.end]
    return before if len(before) >= len(after) else after


def _clause_statement(verb: Token) -> Span | None:
    """The clausal complement of a reporting verb: "said (that) <clause>", "<clause>, police said"."""
    clauses = [child for child in verb.children if child.dep_ == "ccomp"]
    if not clauses:
        return None
    clause = clauses[0]
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    doc = verb.doc
    while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ == "that" or doc[start].is_punct):
        start += 1
    return doc[start:end] if start < end else None


def _trimmed(span: Span, doc_text: str) -> tuple[int, int]:
    """Char offsets of ``span`` without edge punctuation and spaces (``doc_text``: the doc's text)."""
    text = doc_text[span.start_char : span.end_char]
    stripped = text.strip(EDGE_PUNCTUATION)
    start = span.start_char + len(text) - len(text.lstrip(EDGE_PUNCTUATION))
    return start, start + len(stripped)
