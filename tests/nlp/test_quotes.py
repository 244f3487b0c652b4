"""QuoteExtractor (``eventwire_quotes_v1``): direct quotes and their speakers."""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from spacy.language import Language

import eventwire.nlp.factories  # noqa: F401  (registers the factories)
from eventwire.nlp.quotes import QuoteExtractor, find_quote_spans
from eventwire.types import Quote

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "seed" / "000_fa41fb018e5e7486"


@pytest.fixture(scope="module")
def quotes(nlp_base):  # nlp_base: the session fixture of tests/nlp/conftest.py
    extractor = QuoteExtractor(nlp_base, "ew_quotes")
    extractor.initialize(nlp=nlp_base)

    def run(text: str) -> list[Quote]:
        doc = nlp_base(text)
        doc._.ew_article_id = "t1"
        return extractor(doc)._.ew_quotes

    return run


@pytest.mark.parametrize(
    ("text", "quote_words", "spans"),
    [
        ("He said “we will not leave the town.”", 3, ["we will not leave the town"]),
        ('He said "we will not leave, ever!" and left.', 3, ["we will not leave, ever"]),
        ("The “failure” of the talks was “not our doing at all.”", 3, ["not our doing at all"]),
        ("The “failure” of the talks", 1, ["failure"]),
        ("“One two three,” she said. “Four five six", 3, ["One two three", "Four five six"]),
        ("No quotes in this sentence at all.", 1, []),
        ("“A first quote here” and\n\n“a second one there”", 3, ["A first quote here", "a second one there"]),
    ],
)
def test_find_quote_spans(text, quote_words, spans):
    found = find_quote_spans(text, min_words=quote_words)
    assert [text[span.start : span.end] for span in found] == spans


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speaker after the quote, inverted order, title dropped
        (
            "“We will not leave the town to the rebels,” said Colonel Amadou Sangaré, the army spokesman.",
            [("Amadou Sangaré", "We will not leave the town to the rebels")],
        ),
        # apposition: the PERSON beside a title subject
        (
            "The governor, Fatima Bello, told reporters that the road was “closed until further notice for everyone.”",
            [("Fatima Bello", "closed until further notice for everyone")],
        ),
        # straight quotes, an unnamed speaker
        (
            '"The prisoners were released before dawn," a police spokesman said.',
            [("police spokesman", "The prisoners were released before dawn")],
        ),
        # two fragments in one sentence are two quotes
        (
            'Ibrahim Wali said the talks had been "useful and frank on every point" but added that '
            '"nothing has been signed yet by either side."',
            [("Ibrahim Wali", "useful and frank on every point"), ("Ibrahim Wali", "nothing has been signed yet by either side")],
        ),
        # pronoun -> last person; a quote that goes on after the attribution keeps its speaker
        (
            "Amina Yusuf met the delegation on Monday. “This is a day of hope for the whole region,” she said. "
            "“We owe it to the families.”",
            [("Amina Yusuf", "This is a day of hope for the whole region"), ("Amina Yusuf", "We owe it to the families")],
        ),
        # according to
        (
            "According to Dr. Hassan Omar of the district hospital, “at least nine of the wounded are children under ten.”",
            [("Hassan Omar", "at least nine of the wounded are children under ten")],
        ),
        # a later surname resolves to the full name; a colon attribution
        (
            "Peter Kamau, who chairs the teachers' union, warned: “If the salaries are not paid by Friday, every school "
            "will close.”\n\n“The strike will go on,” Kamau added.",
            [
                ("Peter Kamau", "If the salaries are not paid by Friday, every school will close"),
                ("Peter Kamau", "The strike will go on"),
            ],
        ),
        # a speaker named by the subject of a relative clause
        (
            "Hawa Diallo, who leads the women's association, said the market would reopen “as soon as the roads are safe.”",
            [("Hawa Diallo", "as soon as the roads are safe")],
        ),
        # mixed typography: a curly opening mark closed by a straight one
        (
            'Amina Sow said “the vote was fair and open," and left the hall.',
            [("Amina Sow", "the vote was fair and open")],
        ),
        # "it said": the last organisation
        (
            "The Red Crescent said its teams had reached the town. “Our volunteers reached the wounded within the hour,” it said.",
            [("Red Crescent", "Our volunteers reached the wounded within the hour")],
        ),
        # "the official said": the person named before
        (
            "Police chief Musa Bello visited the market on Friday. “Nobody will be allowed to carry guns here,” the official said.",
            [("Musa Bello", "Nobody will be allowed to carry guns here")],
        ),
        # one paragraph per line when the text has no blank lines
        (
            "Rosa Mendes said the talks had failed.\n“We will try again in March,” she said.\nTomas Silva disagreed.",
            [("Rosa Mendes", "We will try again in March")],
        ),
        # two words are enough with a speaker
        ("The mayor, Karim Haddad, called the attack “a disgrace.”", [("Karim Haddad", "a disgrace")]),
        # "he" skips a person who is neither a subject nor a speaker (a photo credit)
        (
            "According to Colonel Yaw Mensah, the bridge was closed on Monday. Photo by Kofi Asare.\n\n"
            "“We will reopen it by the end of the week,” he said.",
            [("Yaw Mensah", "We will reopen it by the end of the week")],
        ),
        # a verb of blame or praise: the quoted words are its subject's
        (
            "Speaking on Thursday night, Tom Reyes blamed a “small gang of looters from outside the city” for the damage.",
            [("Tom Reyes", "small gang of looters from outside the city")],
        ),
        # a verb of naming makes even one quoted word its subject's; a word quoted elsewhere is a scare quote
        (
            "Jair Costa denied any role in the riot, calling any suggestion otherwise a “baseless” accusation.",
            [("Jair Costa", "baseless")],
        ),
        ("Amina Sow said the “reform” had failed the villages.", []),
        # scare quotes and unattributed quotes are not quotes
        ("The so-called “peace dividend” never reached the villages.", []),
        ("The banner read “no to the new tax law” in large letters.", []),
    ],
)
def test_quotes_and_speakers(quotes, text, expected):
    found = quotes(text)
    assert [(quote.speaker, quote.quote) for quote in found] == expected
    for quote in found:
        assert text[quote.start : quote.end] == quote.quote
        assert quote.article_id == "t1"
        assert quote.verb


@pytest.mark.slow
def test_pronoun_takes_the_last_person_mentioned(quotes):
    text = (
        "Omar Farah spoke first. Later, Mariam Hassan visited the camp. "
        "“Nobody here has had clean water for a week,” she said."
    )
    assert [quote.speaker for quote in quotes(text)] == ["Mariam Hassan"]


@pytest.mark.slow
def test_quotes_pickle(quotes):
    found = quotes("“We will rebuild the bridge this year,” said Musa Adamu.")
    assert pickle.loads(pickle.dumps(found)) == found


def test_factory_is_registered():
    assert Language.has_factory("eventwire_quotes_v1")


@pytest.mark.slow
@pytest.mark.shared
def test_seed_quotes(quotes):
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder at {SHARED.resolve()} (absent here)")
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    found = quotes(text)
    assert [(quote.speaker, quote.quote) for quote in found] == [
        (quote["speaker"], quote["quote"]) for quote in gold["quotes"]
    ]


@pytest.mark.slow
def test_sample_corpus_quotes_floor(quotes):
    """The bundled sample (examples/gold.jsonl) is quoted almost perfectly: a floor, not a target."""
    from eventwire.eval.articles import load_jsonl, predictions_record, score_articles

    gold = load_jsonl(Path(__file__).parents[2] / "examples" / "gold.jsonl")
    predictions = [
        predictions_record(
            record["id"], record["story_id"], [], [{"speaker": q.speaker, "quote": q.quote} for q in quotes(record["text"])]
        )
        for record in gold
    ]
    scores = score_articles(gold, predictions)["quotes"]
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.9, scores


# ---- speakers through the full pipeline: carry-over, role, affiliation, outlet, mention span ----


@pytest.fixture(scope="module")
def pipeline_quotes():
    from eventwire.nlp.pipeline import get_pipeline

    nlp = get_pipeline()

    def run(text: str) -> list[Quote]:
        return [quote for quote in nlp(text)._.ew_quotes if quote.kind == "direct"]

    return run


@pytest.mark.slow
def test_he_continued_keeps_the_speaker(pipeline_quotes):
    text = (
        "Kenya's Interior Minister Joseph Otieno visited the camp on Tuesday. “We will rebuild every school that "
        "was burned,” he said. “The children must be back in class by March,” he continued."
    )
    found = pipeline_quotes(text)
    assert [(quote.speaker, quote.verb) for quote in found] == [("Joseph Otieno", "said"), ("Joseph Otieno", "continued")]
    # a pronoun names nobody: no mention span; the role stated at the first mention carries over
    assert all(quote.speaker_start == -1 for quote in found)
    assert {(quote.role, quote.affiliation) for quote in found} == {("interior minister", "Kenya")}


@pytest.mark.slow
def test_the_minister_said_is_the_minister_named_before(pipeline_quotes):
    text = (
        "Kenya's Interior Minister Joseph Otieno opened the meeting. "
        "“The talks will go on until Friday,” the minister said."
    )
    [quote] = pipeline_quotes(text)
    assert (quote.speaker, quote.role, quote.affiliation) == ("Joseph Otieno", "interior minister", "Kenya")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "mention", "role", "affiliation"),
    [
        # an appositive after the name, read at the first mention and kept for the later one
        (
            "Fatima Bello, the governor of Kano state, visited the market. “Nobody will be left behind,” Bello said.",
            "Fatima Bello",
            "Bello",
            "governor",
            "Kano state",
        ),
        # a title before the name, with a possessive affiliation
        (
            "“The border stays open for aid convoys,” Kenya's Foreign Minister Joseph Otieno said.",
            "Joseph Otieno",
            "Joseph Otieno",
            "foreign minister",
            "Kenya",
        ),
        # the title of a subject in apposition to the name
        (
            "“Nobody will cross the border tonight,” the army chief, Moses Kato, told reporters.",
            "Moses Kato",
            "Moses Kato",
            "army chief",
            "",
        ),
        # a role ending in "for <affiliation>"
        (
            "“The roads will reopen on Friday,” Ana Ruiz, a spokeswoman for the Interior Ministry, said.",
            "Ana Ruiz",
            "Ana Ruiz",
            "spokeswoman",
            "the Interior Ministry",
        ),
    ],
)
def test_role_and_affiliation(pipeline_quotes, text, speaker, mention, role, affiliation):
    [quote] = pipeline_quotes(text)
    assert (quote.speaker, quote.role, quote.affiliation) == (speaker, role, affiliation)
    assert text[quote.speaker_start : quote.speaker_end] == mention


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "via"),
    [
        ("“Nobody will cross the border tonight,” Moses Kato told the Associated Press.", "told the Associated Press"),
        (
            "“The fighting has stopped in the north,” Defence Minister Lina Haddad said in remarks carried by state TV.",
            "in remarks carried by state TV",
        ),
        (
            "Lina Haddad urged both sides to “return to the table without conditions,” according to Iran's state-run media.",
            "according to Iran's state-run media",
        ),
        ("“The camp is full and more families arrive every day,” Grace Njeri said, Reuters reported.", "Reuters reported"),
        # no outlet named
        ("“The camp is full and more families arrive every day,” Grace Njeri told the media.", ""),
        ("“The camp is full and more families arrive every day,” Grace Njeri said.", ""),
    ],
)
def test_outlet_chain(pipeline_quotes, text, via):
    [quote] = pipeline_quotes(text)
    assert quote.via == via


@pytest.mark.slow
def test_title_read_across_a_bracketed_acronym(pipeline_quotes):
    text = "“The blast hit the front of the police truck,” said Inspector General of Police (IGP) Yusuf Ali Khan."
    [quote] = pipeline_quotes(text)
    assert (quote.speaker, quote.role, quote.affiliation) == ("Yusuf Ali Khan", "inspector general", "Police")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quote left open goes on past a paragraph that neither quotes nor reports (a "read also" link)
        (
            "Amina Sow said: “The water rose over the bank before dawn.\n\n"
            "READ ALSO: Floods cut the northern road\n\n"
            "“Nobody in the lower village had time to leave.”",
            [
                ("Amina Sow", "The water rose over the bank before dawn"),
                ("Amina Sow", "Nobody in the lower village had time to leave"),
            ],
        ),
        # a closed quote does not
        (
            "Amina Sow said: “The water rose over the bank before dawn.”\n\n"
            "READ ALSO: Floods cut the northern road\n\n"
            "“Nobody in the lower village had time to leave.”",
            [("Amina Sow", "The water rose over the bank before dawn")],
        ),
    ],
)
def test_open_quote_goes_on_past_page_furniture(quotes, text, expected):
    assert [(quote.speaker, quote.quote) for quote in quotes(text)] == expected
