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
