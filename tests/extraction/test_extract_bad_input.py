import pytest

from extraction.errors import ExtractionError
from extraction.proposer import extract
from extraction.text import MAX_CHARS


@pytest.mark.parametrize(
    "value, code",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xfa broken", "encoding"),
        ("abc\x00def" * 10, "binary"),
        ("12345 67890 !!!", "no_text"),
        ("а" * (MAX_CHARS + 1), "too_long"),
        (12, "invalid"),
    ],
)
def test_it_refuses_what_is_not_an_article_with_a_reason(value, code):
    with pytest.raises(ExtractionError) as err:
        extract(value)
    assert err.value.code == code and err.value.message


def test_it_refuses_ten_megabytes_without_reading_it_all():
    with pytest.raises(ExtractionError) as err:
        extract("word " * 2_000_000)
    assert "limit" in err.value.message


def test_it_proposes_own_statements_when_nothing_is_attributed():
    result = extract("The plant closed in May after a fire. Production moved to the north of the country.")
    assert len(result.claims) == 2 and all(c.links == [] for c in result.claims)
    assert any("No attribution found" in w for w in result.warnings)


def test_it_survives_unbalanced_quotes():
    text = "«Завод закроют в мае, — сказал директор. Рабочих переведут, отметили два источника.\n\nВторой абзац без кавычек, сообщили в компании."
    result = extract(text)
    assert len(result.claims) >= 2
    assert result.claims[-1].links[0].kind == "organisation"


def test_it_handles_mixed_scripts():
    text = "DeepSeek отложила R2, the Financial Times reported. 华为 отправила инженеров, отметили два источника."
    result = extract(text)
    assert [c.links[-1].kind for c in result.claims] == ["outlet", "unnamed"]


def test_it_skips_endless_unpunctuated_text_with_a_note():
    result = extract(("слово " * 400 + "\n") * 3)
    assert result.claims == [] and any("longer than" in w for w in result.warnings)
