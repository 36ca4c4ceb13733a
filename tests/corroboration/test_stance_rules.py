import numpy as np

from corroboration import stance
from corroboration.engine import Doc, Matcher
from corroboration.entities import AliasIndex, attributions


def _decide(claim, passage, *, subject=False):
    x = stance.hand_features(claim, passage, cosine=0.0, coverage=0.9)
    return stance.decide(claim=claim, passage=passage, x=x, model=None, subject_in_passage=subject)


def test_it_reads_a_subjects_denial():
    result = _decide(
        "Huawei engineers failed to train R2", "Huawei denied that the training failed.", subject=True
    )
    assert result.label == "DENIED" and result.rule == "denial by the claim's subject"


def test_it_reads_contradicting_numbers_and_negation():
    assert _decide("Revenue grew 15% in 2024", "Revenue grew 4% in 2024").label == "CONTRADICT"
    assert (
        _decide("The drug lowers blood pressure", "The drug does not lower blood pressure").label
        == "CONTRADICT"
    )
    assert (
        _decide("The drug lowers blood pressure", "The drug lowers blood pressure in adults").label
        == "SUPPORT"
    )


def test_it_treats_a_stated_failure_as_agreement_across_languages():
    cues_ru, _ = stance._cues("обучение на чипах так и не удалось")
    cues_en, _ = stance._cues("the company could not complete a training run")
    assert not (cues_ru & stance.NEGATION) and not (cues_en & stance.NEGATION)


def test_it_resolves_attributions_through_aliases_in_both_languages():
    index = AliasIndex([(1, "Financial Times"), (1, "FT"), (2, "Хуавэй"), (2, "Huawei"), (3, "Reuters")])
    text = "Как сообщает FT со ссылкой на источники, Хуавэй отправила инженеров. Huawei declined to comment, Reuters reported."
    found = {(a.source_id, a.cue) for a in attributions(text, index)}
    assert found == {(1, "Как сообщает"), (3, "reported")}


def test_it_picks_the_passage_that_bears_on_the_claim():
    matcher = Matcher()
    claim = matcher.prepare_claim("Nvidia agreed to share 15% of H20 China revenue with the US government")
    doc = Doc(
        id=1,
        title="Chips",
        text="Markets rose on Tuesday. Nvidia agreed to give the US government 15% of its H20 China revenue. Shares fell.",
    )
    scored = matcher.score(claim, matcher.prepare_docs([doc]))[0]
    assert doc.text[slice(*scored.passage)].startswith("Nvidia agreed")
    assert scored.scores["numbers"] == 1.0 and scored.stance.label == "SUPPORT"
    assert np.isfinite(scored.score)
