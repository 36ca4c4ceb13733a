"""Due-date phrases in four languages, relative to the article's day (14 August 2025)."""

from datetime import date

import pytest

from textkit.due import due_date

AUG_14 = date(2025, 8, 14)


@pytest.mark.parametrize(
    ("text", "language", "due"),
    [
        ("DeepSeek will release R2 by the end of 2025.", "en", date(2025, 12, 31)),
        ("Huawei expects to ship the chips in May.", "en", date(2026, 5, 31)),  # May has passed this year
        ("The chips will ship in September.", "en", date(2025, 9, 30)),
        ("The chips will be ready by May 2026.", "en", date(2026, 5, 1)),
        ("A new model is due next quarter.", "en", date(2025, 12, 31)),
        ("Sales will double within three months.", "en", date(2025, 11, 14)),
        ("Production starts in the third quarter of 2026.", "en", date(2026, 9, 30)),
        ("A Q1 2026 launch is planned.", "en", date(2026, 3, 31)),
        ("It will happen later this year.", "en", date(2025, 12, 31)),
        ("DeepSeek выпустит R2 в мае.", "ru", date(2026, 5, 31)),
        ("Модель выйдет к концу 2025 года.", "ru", date(2025, 12, 31)),
        ("Поставки начнутся в следующем квартале.", "ru", date(2025, 12, 31)),
        ("Решение примут через две недели.", "ru", date(2025, 8, 28)),
        ("Завод запустят до 1 марта 2026 года.", "ru", date(2026, 3, 1)),
        ("Во второй половине 2026 года чипы догонят Nvidia.", "ru", date(2026, 12, 31)),
        ("Huawei поставить чіпи у травні.", "uk", date(2026, 5, 31)),
        ("Модель вийде до кінця 2025 року.", "uk", date(2025, 12, 31)),
        ("Продажі зростуть у наступному кварталі.", "uk", date(2025, 12, 31)),
        ("Huawei will die Chips im Mai liefern.", "de", date(2026, 5, 31)),
        ("Das Modell kommt bis Ende 2025.", "de", date(2025, 12, 31)),
        ("Die Lieferungen beginnen im nächsten Quartal.", "de", date(2025, 12, 31)),
        ("Der Umsatz verdoppelt sich innerhalb von drei Monaten.", "de", date(2025, 11, 14)),
    ],
)
def test_it_reads_the_due_date_a_phrase_names(text, language, due):
    assert due_date(text, language, AUG_14) == due


def test_it_reads_next_quarter_across_a_year_end():
    assert due_date("next quarter", "en", date(2025, 11, 3)) == date(2026, 3, 31)
    assert due_date("next month", "en", date(2025, 12, 20)) == date(2026, 1, 31)


def test_it_finds_nothing_where_nothing_is_due():
    assert due_date("We may see it soon.", "en", AUG_14) is None  # "may" the verb is not May
    assert due_date("Маяк светит всю ночь.", "ru", AUG_14) is None
    assert due_date("", "en", AUG_14) is None


def test_it_reads_the_first_phrase_and_any_language_when_the_language_is_unknown():
    assert due_date("In May, and again by the end of 2027.", "en", AUG_14) == date(2026, 5, 31)
    assert due_date("Das Modell kommt bis Ende 2025.", None, AUG_14) == date(2025, 12, 31)
