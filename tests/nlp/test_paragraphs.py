"""Line breaks and datelines start sentences; the parser decides the rest."""
from __future__ import annotations

import pytest

from eventwire.nlp.paragraphs import ParagraphSentencizer


@pytest.fixture(scope="module")
def sentence_starts(nlp_base):
    component = ParagraphSentencizer(nlp_base, "ew_paragraphs")
    component.initialize(nlp=nlp_base)

    def run(text: str) -> set[int]:
        doc = component(nlp_base.make_doc(text))
        for _, proc in nlp_base.pipeline:
            doc = proc(doc)
        return {sent[0].idx for sent in doc.sents if not sent[0].is_space}

    return run


@pytest.mark.parametrize(
    "text,starts_at",
    [
        ("Photo: file picture\nSoldiers patrol the streets of Gao.", "Soldiers"),
        ("Full Screen\n\n1 / 4\n\nThe army said the attack was repelled.", "The army"),
        ("KABUL, Afghanistan (AP) — The Taliban attacked a checkpoint on Monday.", "The Taliban"),
        ("BAMAKO: At least ten soldiers were killed.", "At least"),
        ("SANTIAGO, Chile – Protesters set fire to a metro station.", "Protesters"),
        # press-release datelines: a date in the parenthesis, with or without a dash after it
        ("VARO, Northland (Oct. 25, 2031) — Members of a commando unit killed nine gunmen.", "Members"),
        ("VARO, Northland (Oct. 25, 2031)  Members of a commando unit killed nine gunmen.", "Members"),
        # Unicode line and paragraph separators break lines too
        ("Joint Command - Northland\u2028Release 2031-04-S-017\u2028Troops killed one gunman in Varo.", "Troops"),
        ("Joint Command - Northland\u2029Troops killed one gunman in Varo.", "Troops"),
    ],
)
def test_a_sentence_starts_after_the_break(sentence_starts, text, starts_at):
    assert text.index(starts_at) in sentence_starts(text)


@pytest.mark.parametrize(
    "text,inside",
    [
        ("The army said the attack was repelled.", "the attack"),
        ("Officials in Gao - the regional capital - said three people died.", "the regional"),
    ],
)
def test_no_break_inside_an_ordinary_sentence(sentence_starts, text, inside):
    assert text.index(inside) not in sentence_starts(text)
