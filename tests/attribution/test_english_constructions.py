"""English construction checklist: the common ways news attributes a statement, each in an invented
sentence, with the chain the reader should give the sentence (outermost first). `None`: the sentence
attributes nothing. Entries are (kind, name) or, for sources with no name, (kind, description or role).
"""

import pytest

import attribution
from attribution import english

needs_parser = pytest.mark.skipif(not english.available(), reason="spaCy en_core_web_sm is not installed")

P, ORG, OUT, U = "person", "organisation", "outlet", "unnamed"


def chain_for(text, sentence):
    reading = attribution.read(text, language="en")
    at = text.index(sentence)
    for st in reading.statements:
        if st.start <= at < st.end:
            return [(s.kind, s.name or s.description or s.role or s.phrase) for s in st.chain]
    return None


CONTEXT = "Jane Roe is the mayor of Springfield. Acme Corp. runs the mill in town.\n\n"

# (sentence, expected chain); each sentence is read after CONTEXT.
CASES = [
    # speech verbs, both word orders, tenses
    ("The mill will close in May, Roe said.", [(P, "Jane Roe")]),
    ("Roe said the mill would close in May.", [(P, "Jane Roe")]),
    ("“The mill will close in May,” said Roe.", [(P, "Jane Roe")]),
    ("Roe says the mill will close in May.", [(P, "Jane Roe")]),
    ("Roe has said the mill will close in May.", [(P, "Jane Roe")]),
    ("Roe insisted that the mill would stay open.", [(P, "Jane Roe")]),
    ("Roe warned that the mill could close.", [(P, "Jane Roe")]),
    ("Roe added that the vote would go ahead.", [(P, "Jane Roe")]),
    ("Roe pledges to keep the mill open.", [(P, "Jane Roe")]),
    # "according to", citing, outlets
    ("According to Roe, the mill will close in May.", [(P, "Jane Roe")]),
    ("The mill will close in May, according to Reuters.", [(OUT, "Reuters")]),
    (
        "The mill will close in May, Reuters reported, citing two people familiar with the matter.",
        [(OUT, "Reuters"), (U, "two people familiar with the matter")],
    ),
    # listeners
    ("Roe told reporters the mill would close.", [(P, "Jane Roe")]),
    ("“The mill will close,” Roe told Reuters.", [(OUT, "Reuters"), (P, "Jane Roe")]),
    ("In an interview with Reuters, Roe said the mill would close.", [(OUT, "Reuters"), (P, "Jane Roe")]),
    # statements, posts
    ("The company said in a statement that the mill would close.", [(ORG, "Acme Corp.")]),
    ("Roe said in a statement that the mill would close.", [(P, "Jane Roe")]),
    ("Roe wrote on Twitter that the mill would close.", [(P, "Jane Roe")]),
    ("Roe wrote on X that the mill would close.", [(P, "Jane Roe")]),
    ("Roe, in a post on X, called the plan “a disaster.”", [(P, "Jane Roe")]),
    # spokespeople and unnamed sources
    ("A spokesperson for Acme said the mill would stay open.", [(U, "spokesperson for Acme")]),
    ("People familiar with the matter said the deal was close.", [(U, "People familiar with the matter")]),
    (
        "Two officials, who asked not to be named because the talks are private, said the deal was close.",
        [(U, "Two officials")],
    ),
    (
        "A senior official, speaking on condition of anonymity, said the deal was close.",
        [(U, "senior official")],
    ),
    # no statement
    ("A spokesperson for Acme declined to comment.", None),
    ("Acme did not respond to a request for comment.", None),
    ("Roe did not say whether the mill would close.", None),
    ("The police have not accused Roe of any crime.", None),
    ("A video shows Roe speaking to a group of lawyers at a dinner.", None),
    ("Roe has stood by her plan for the mill.", None),
    # denials and confirmations
    ("Roe denied that she had taken the money.", [(P, "Jane Roe")]),
    ("Roe has denied any wrongdoing.", [(P, "Jane Roe")]),
    ("The ministry confirmed that two soldiers had been killed.", [(ORG, "The ministry")]),
    # institutions and groups as sources
    ("The State Department noted that the embassy remained open.", [(ORG, "State Department")]),
    ("Police said the suspect had fled the town.", [(ORG, "Police")]),
    # appositions, roles
    ("Roe, who has led the town since 2019, said the mill would close.", [(P, "Jane Roe")]),
    ("“The mill will close,” said Tom Hill, the head of the union.", [(P, "Tom Hill")]),
    ("The head of the union, Tom Hill, said the mill would close.", [(P, "Tom Hill")]),
    ("Union leader Tom Hill said the mill would close.", [(P, "Tom Hill")]),
    ("Roe’s attorney, Tom Hill, said the mill would close.", [(P, "Tom Hill")]),
    ("Roe’s attorney confirmed that the meeting took place.", [(P, "attorney")]),
    ("Roe’s lawyer blasted the report as “a smear.”", [(P, "lawyer")]),
    # characterisations with a quoted word
    ("At one point, Roe referred to the plan as “a disgrace.”", [(P, "Jane Roe")]),
    ("Senator Tom Hill denounced the offer as “a sham.”", [(P, "Tom Hill")]),
    # colon quotes
    ("Roe put it bluntly: “The mill is finished.”", [(P, "Jane Roe")]),
    # asked / replied
    ("Asked about the mill, Roe said it would close.", [(P, "Jane Roe")]),
    ("“No,” Roe replied.", [(P, "Jane Roe")]),
]


@needs_parser
@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_english_construction(sentence, expected):
    assert chain_for(CONTEXT + sentence, sentence) == expected


@needs_parser
def test_a_quote_run_and_a_pronoun_keep_the_speaker():
    text = (
        CONTEXT
        + "“We are ready,” said Roe. “We have been ready for weeks.” She added that the vote was close."
    )
    assert chain_for(text, "We have been ready") == [(P, "Jane Roe")]
    assert chain_for(text, "She added") == [(P, "Jane Roe")]


@needs_parser
def test_two_people_of_one_surname_are_two_entities():
    text = (
        "Liz Cheney said she would run again. Her sister Mary Cheney said she was proud. "
        "Liz Cheney said the vote was “a test.” She added that it mattered."
    )
    assert chain_for(text, "She added") == [(P, "Liz Cheney")]
    (statement,) = [
        st
        for st in attribution.read(text, language="en").statements
        if "She added" in text[st.start : st.end]
    ]
    assert statement.chain[-1].role == ""  # Mary's "sister" is not Liz's role


@needs_parser
def test_a_participle_calling_something_a_quoted_name_after_the_main_clause_is_the_subjects():
    text = "Three dozen lawmakers signed a letter to the board, calling the tax plan “reckless.”"
    assert chain_for(text, "Three dozen") == [(U, "Three dozen lawmakers")]
    (statement,) = attribution.read(text, language="en").statements
    assert statement.chain[-1].count == 36
    assert chain_for("She is calling for new elections in the spring.", "She is") is None


@needs_parser
def test_a_long_apposition_the_parser_cuts_off_still_names_the_writer():
    text = (
        "On Friday, the aide, Ann Lee, 31, who has many followers online and at the time was a spokeswoman "
        "for a city councilman, wrote an open letter to the board, saying it should “try harder.”"
    )
    assert chain_for(text, "On Friday") == [(P, "Ann Lee")]


@needs_parser
def test_a_possessor_names_what_a_body_speaks_for():
    text = "Roe’s campaign said in a statement that the poll was wrong."
    ((kind, name),) = chain_for(text, "Roe’s campaign")
    assert kind == ORG and "campaign" in name
    assert chain_for("A spokesman for Roe’s campaign said the poll was wrong.", "A spokesman") == [
        (U, "spokesman for Roe’s campaign")
    ]
