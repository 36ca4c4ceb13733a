"""English attribution on texts written for the tests: quotes that go on past a mid-quote attribution,
pronouns and descriptions against the right antecedent, speaker and listener, framed quotes."""

import pytest

import attribution
from attribution import english

needs_parser = pytest.mark.skipif(not english.available(), reason="spaCy en_core_web_sm is not installed")


def by_sentence(text, language="en", **kwargs):
    """(sentence text, innermost speaker's name or description) for each statement, in order."""
    out = []
    for st in attribution.read(text, language=language, **kwargs).statements:
        src = st.chain[-1]
        out.append((text[st.start : st.end], src.name or src.description or src.role))
    return out


def speaker_of(text, sentence, **kwargs):
    found = [name for said, name in by_sentence(text, **kwargs) if sentence in said]
    return found[0] if found else None


@pytest.mark.parametrize("use_parser", [True, False])
def test_a_quote_goes_on_after_a_mid_quote_attribution_with_mixed_marks(use_parser):
    text = (
        "The mill owner spoke to the town on Monday.\n\n"
        "“The mill will stay open. Absolutely,” Jane Roe said. “The workers are staying. "
        'The machines are staying. Nothing will move."\n\n'
        "The town council met later."
    )
    for sentence in ("The workers are staying", "The machines are staying", "Nothing will move"):
        assert speaker_of(text, sentence, use_parser=use_parser) == "Jane Roe", sentence
    assert speaker_of(text, "The town council met later", use_parser=use_parser) is None


def test_a_quote_left_open_goes_on_into_a_paragraph_that_opens_with_a_mark():
    text = (
        "“We will keep every job,” said Jane Roe, the owner. “The orders are coming back.\n\n"
        "“The new line starts in May. It will need forty more people.\n\n"
        "The mayor was not at the meeting."
    )
    assert speaker_of(text, "The new line starts in May") == "Jane Roe"
    assert speaker_of(text, "It will need forty more people") == "Jane Roe"
    assert speaker_of(text, "The mayor was not at the meeting") is None


def test_a_speech_verb_inside_a_quote_that_goes_on_is_the_quoted_speakers_own():
    text = (
        "“The mill will stay open,” Jane Roe said. “The workers are staying. "
        'Tom Hill said he would leave, but he will stay."'
    )
    assert speaker_of(text, "Tom Hill said he would leave") == "Jane Roe"


def test_german_guillemets_open_with_the_right_pointing_mark():
    # (the quote state that carries English quotes on must not leave »…« open after its closing «)
    text = "»Das Werk bleibt offen«, sagte Anna Berg. Der Stadtrat tagte am Abend. Er beschloss nichts."
    names = [name for _said, name in by_sentence(text, language="de")]
    assert names == ["Anna Berg"]  # the sentences after the closed quote are no quote of hers


@pytest.mark.parametrize("use_parser", [True, False])
def test_the_one_who_tells_is_the_speaker_not_the_listener(use_parser):
    text = "Mr. Hale told Mr. Dorn he should “keep quiet” before the panel."
    ((said, name),) = by_sentence(text, use_parser=use_parser)
    assert name == "Hale"
    (statement,) = attribution.read(text, language="en", use_parser=use_parser).statements
    assert "should" not in statement.chain[-1].role  # the listener's clause is no part of the speaker's role


def test_told_an_outlet_puts_the_outlet_outside():
    (statement,) = attribution.read("“The mill stays,” Jane Roe told Reuters.", language="en").statements
    assert [s.name for s in statement.chain] == ["Reuters", "Jane Roe"]


@needs_parser
def test_what_a_document_records_someone_telling_is_theirs():
    text = "Mr. Hale told Mr. Dorn he should “keep quiet” before the panel, the indictment said."
    assert [name for _said, name in by_sentence(text)] == ["Hale"]


@needs_parser
def test_a_speaker_reported_by_a_person_stays_inside_their_statement():
    text = "Jane Roe said Tom Hill told the workers the mill would close."
    assert [name for _said, name in by_sentence(text)] == ["Jane Roe"]


@needs_parser
@pytest.mark.parametrize(
    "text",
    [
        "Mr. Hale was quick to retort: “With all due respect, that is nonsense.”",
        "Mr. Hale fired back: “That is not true, and he knows it.”",
        "Mr. Hale had a warning for the council: “Do not sell the mill.”",
    ],
)
def test_a_colon_after_a_word_of_speech_frames_the_quote(text):
    assert [name for _said, name in by_sentence(text)] == ["Hale"]


@needs_parser
def test_a_colon_with_no_word_of_speech_frames_nothing():
    assert by_sentence("Mr. Hale went to the mill on Monday: “a good day” was printed on the door.") == []


@needs_parser
def test_a_participle_calling_something_a_quoted_name_frames_the_sentence():
    text = "Calling the plan a “disaster,” Ms. Roe left the room."
    assert [name for _said, name in by_sentence(text)] == ["Roe"]


@needs_parser
def test_a_spokesperson_for_a_company_is_an_unnamed_source_of_one():
    text = (
        "A spokesperson for Acme says the company cares about the data of its users.\n\n"
        "“We follow the law,” the spokesperson said.\n\n"
        "“Privacy matters,” the company’s chief security officer Joe Sullivan said in a statement.\n\n"
        "A Globex spokesperson said that the company only hands over data after a court order.\n\n"
        "“We do not take part in any such program,” the spokesperson said."
    )
    chains = [st.chain for st in attribution.read(text, language="en").statements]
    first = chains[0][-1]
    assert (first.kind, first.count, first.affiliation) == ("unnamed", 1, "Acme")
    assert "spokesperson" in first.description
    assert (chains[1][-1].kind, chains[1][-1].affiliation) == ("unnamed", "Acme")
    assert chains[2][-1].name == "Joe Sullivan"
    last = chains[-1][-1]
    assert (last.kind, last.affiliation, last.resolved_from) == ("unnamed", "Globex", "the spokesperson")


@needs_parser
def test_he_means_the_main_clause_subject_not_one_in_a_clause_inside():
    text = (
        "Mark Dorn, the union leader, spoke after the vote.\n\n"
        "Mr. Dorn, however, is not worried that Sam Reed will win the election.\n\n"
        "“The workers know what he did to them,” he said."
    )
    assert speaker_of(text, "The workers know") == "Mark Dorn"


@needs_parser
def test_she_means_a_person_introduced_with_a_description_over_an_earlier_speaker():
    text = (
        "“No,” Kiri Tane said quickly.\n\n"
        "Their boredom drew a good deal of attention in the press.\n\n"
        "Enter Ms. Lauder, a former party aide who describes herself as a lover of cats.\n\n"
        "“Try showing a little class,” she wrote under a picture of the family."
    )
    assert speaker_of(text, "Try showing a little class") == "Lauder"


@needs_parser
def test_a_title_before_a_name_lets_the_description_find_it():
    text = (
        "President Tom Hill opened the fair on Monday.\n\n"
        "Jo Baker brought the two prize cows.\n\n"
        "Before meeting the cows, the president remarked that it was “a fine day.”"
    )
    assert speaker_of(text, "the president remarked") == "Tom Hill"


@needs_parser
def test_a_speech_verb_in_a_clause_on_a_noun_attributes_nothing():
    text = "Mr. Hale was referring to a claim that the mill had closed because of the strike, a claim Ms. Roe rejected."
    assert by_sentence(text) == []
