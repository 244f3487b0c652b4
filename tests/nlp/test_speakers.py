"""From a quote's reporting verb to its subject (``eventwire.nlp.speakers``): parses that join a
reporting verb to the wrong clause, participles that report nothing, and names that end a title.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from eventwire.nlp.extensions import doc_text
from eventwire.nlp.quotes import find_quote_spans, load_lexicon
from eventwire.nlp.speakers import SpeakerFinder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "and confirmed" hangs on the quoted verb: the speaker is the reporter, not the quote's subject
        (
            "Ana Ruiz, a student reporter, recounted the violence in the town, and said, “Police opened fire from "
            "their shotguns on the crowd,” and confirmed that the dead student was “killed in the firing,” though "
            "this could not be verified.",
            [
                ("Ana Ruiz", "Police opened fire from their shotguns on the crowd"),
                ("Ana Ruiz", "killed in the firing"),
            ],
        ),
        # "and warned: “...”" hangs on the reported clause: the speaker is the one who added it
        (
            "Police chief Musa Bello said the suspects fled. He added that officers had sealed the area and warned: "
            "“Anyone hiding them will be charged.”",
            [("Musa Bello", "Anyone hiding them will be charged")],
        ),
        # two subjects, one person: "Omar Diallo, another victim says"
        (
            "Omar Diallo, another victim says the thief came at night. “He broke the lock and took everything”, "
            "he says.",
            [("Omar Diallo", "He broke the lock and took everything")],
        ),
    ],
)
def test_speaker_of_the_reporting_verb(speakers_of, text, expected):
    assert speakers_of(text) == expected


@pytest.mark.slow
def test_a_participle_reports_nothing(speakers_of):
    # "with no injuries reported": nobody reports, so the quoted name is no one's quote
    text = (
        "Crowds attacked fire crews in the night.\n\n"
        "“Night Shift” have finished their duty and all our Firefighter/paramedics got to go home with no "
        "injuries reported.\n\nA bus window was broken."
    )
    assert speakers_of(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name that ends a title is the speaker, and the title is not part of the name
        ("Director of Public Works Eric Hood said the town is buying the hall.", "Eric Hood"),
        ("Minister of Water Resources Amina Sow said the dam was safe.", "Amina Sow"),
    ],
)
def test_a_title_with_of_is_not_the_speaker(nlp_base, text, name):
    doc = nlp_base(text)
    text = doc_text(doc)
    finder = SpeakerFinder(doc, text, find_quote_spans(text), load_lexicon())
    [verb] = finder.verbs
    assert finder.speaker_of_verb(verb).name == name
