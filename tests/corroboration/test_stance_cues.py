"""Denial and refutation cues in the six languages of the coverage (texts written for these tests)."""

import numpy as np
import pytest

from corroboration import cues, stance
from corroboration.mlp import Mlp

DENIALS = [
    "Northwind denied on Saturday that it was in talks to buy the bank.",
    "«Нортвинд» опровергла сообщения о переговорах с банком.",
    "Компанія спростувала повідомлення про переговори з банком.",
    "Northwind dementierte am Samstag Berichte über Gespräche mit der Bank.",
    "北风公司周六否认了与该银行进行谈判的报道。",
    "노스윈드는 토요일 은행과의 협상설을 부인했다.",
]
NEUTRAL = [
    "Northwind said on Saturday that it was in talks to buy the bank.",
    "«Нортвинд» сообщила о переговорах с банком.",
    "Компанія повідомила про переговори з банком.",
    "Northwind bestätigte am Samstag Gespräche mit der Bank.",
    "北风公司周六证实正在与该银行进行谈判。",
    "노스윈드는 토요일 은행과 협상 중이라고 밝혔다.",
]


@pytest.mark.parametrize("text", DENIALS)
def test_it_reads_a_denial_in_each_language(text):
    assert stance.subject_denies(text)
    assert cues.counts(text)[0] >= 1  # a denial also counts as refuting


@pytest.mark.parametrize("text", NEUTRAL)
def test_a_plain_report_is_no_denial(text):
    assert not stance.subject_denies(text)
    assert cues.counts(text)[0] == 0


def test_it_counts_hedges_and_phrases():
    refute, hedge, negation, _ = cues.counts("This is not true, the company reportedly said.")
    assert refute == 1 and hedge == 1 and negation == 1
    assert cues.counts("Berichten zufolge soll der Deal platzen.")[1] == 2
    assert cues.counts("据报道，该交易可能推迟。")[1] >= 2


def test_a_denial_by_the_subject_decides_the_news_stance_first():
    x = np.zeros(4, dtype=np.float32)
    model = Mlp(
        np.zeros((4, 2), np.float32),
        np.zeros(2, np.float32),
        np.zeros((2, 3), np.float32),
        np.array([5.0, 0, 0], np.float32),
        np.zeros(4, np.float32),
        np.ones(4, np.float32),
    )
    denied = stance.decide_news(claim="c", passage=DENIALS[1], x=x, model=model, subject_in_passage=True)
    assert denied.label == "DENIED" and denied.rule == "denial by the claim's subject"
    other = stance.decide_news(claim="c", passage=DENIALS[1], x=x, model=model, subject_in_passage=False)
    assert other.label == "SUPPORT" and other.rule == "news model" and other.kind == "agree"


def test_the_perceptron_learns_and_survives_a_round_trip(tmp_path):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((600, 2)).astype(np.float32)
    y = ((x[:, 0] * x[:, 1]) > 0).astype(int)  # not linearly separable
    model = Mlp.fit(x, y, classes=2, hidden=16, epochs=60, dropout=0.0, lr=1e-2)
    assert (model.predict_proba(x).argmax(1) == y).mean() > 0.9
    model.meta = {"what": "test"}
    model.save(tmp_path / "m.npz")
    again = Mlp.load(tmp_path / "m.npz")
    assert again.meta == {"what": "test"} and again.n_features == 2
    assert np.allclose(again.predict_proba(x), model.predict_proba(x), atol=2e-2)
