"""Language codes for short samples in the project's six languages, and the letter fallback."""

import pytest

from textkit.language import LANGUAGES, detect


@pytest.mark.parametrize(
    "text, code",
    [
        ("The ferry was late again this morning.", "en"),
        ("Паром снова опоздал сегодня утром.", "ru"),
        ("Пором знову запізнився сьогодні вранці.", "uk"),
        ("Die Fähre hatte heute Morgen wieder Verspätung.", "de"),
        ("渡轮今天早上又晚点了。", "zh"),
        ("오늘 아침 여객선이 또 늦었다.", "ko"),
        ("フェリーは今朝また遅れた。", "ja"),
    ],
)
def test_it_detects_the_language_of_one_sentence(text, code):
    assert detect(text) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("Привіт", "uk"),  # і is Ukrainian
        ("Ещё", "ru"),  # ё is Russian
        ("Причал", "ru"),  # Cyrillic without a telling letter: Russian, as before
        ("Grüße", "de"),
        ("Pier", "en"),  # Latin without a telling letter: English, as before
        ("港口", "zh"),
        ("항구", "ko"),
    ],
)
def test_it_judges_a_word_or_two_by_its_letters(text, code):
    assert detect(text) == code


def test_it_answers_within_its_language_set_and_empty_for_no_letters():
    assert {"en", "ru", "uk", "zh", "de", "ko"} <= set(LANGUAGES)
    assert detect("") == "" and detect("  12 345 — 6,7 % ") == ""
    for text in ("Ciao", "Добрий ранок", "Ok", "ЕС и США"):
        assert detect(text) in LANGUAGES


def test_it_is_not_swayed_by_latin_names_in_a_chinese_text():
    assert detect("DeepSeek和Huawei的Ascend芯片今天发布了新版本。") == "zh"
