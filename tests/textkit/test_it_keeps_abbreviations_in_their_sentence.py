"""A full stop after an abbreviation, an initial or inside a number does not end the sentence."""

import pytest

from textkit.sentences import split_sentences


def texts(text: str, **kwargs) -> list[str]:
    return [s.text(text) for s in split_sentences(text, **kwargs)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mr. Okafor and Mrs. Lind met Dr. Weber. They talked.",
            ["Mr. Okafor and Mrs. Lind met Dr. Weber.", "They talked."],
        ),
        (
            "The U.S. Treasury and the F.B.I. declined to comment. A spokesman was reached later.",
            ["The U.S. Treasury and the F.B.I. declined to comment.", "A spokesman was reached later."],
        ),
        ("J. Smith wrote the report. Nobody read it.", ["J. Smith wrote the report.", "Nobody read it."]),
        (
            "Inflation was 3.5 percent. It was 2.1 a year ago.",
            ["Inflation was 3.5 percent.", "It was 2.1 a year ago."],
        ),
        (
            "It opened on Jan. 12 in Room No. 4. Few came.",
            ["It opened on Jan. 12 in Room No. 4.", "Few came."],
        ),
        (
            "She works at Quillfeather Inc. The firm makes pens.",
            ["She works at Quillfeather Inc.", "The firm makes pens."],
        ),
        (
            "Sen. Alvarez spoke first, e.g. on taxes. Then the vote.",
            ["Sen. Alvarez spoke first, e.g. on taxes.", "Then the vote."],
        ),
        (
            "1. Fares rise in May. 2. Routes stay the same.",
            ["1. Fares rise in May.", "2. Routes stay the same."],
        ),
        (
            "PORTVILLE, Ore. — The harbour reopened. Ferries ran.",
            ["PORTVILLE, Ore. — The harbour reopened.", "Ferries ran."],
        ),
    ],
)
def test_it_keeps_english_abbreviations_in_their_sentence(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Глава ведомства, т.е. министр, прибыл в г. Тверь. Его встретили.",
            ["Глава ведомства, т.е. министр, прибыл в г. Тверь.", "Его встретили."],
        ),
        ("Это было в 2019 г. Потом всё изменилось.", ["Это было в 2019 г.", "Потом всё изменилось."]),
        (
            "Пришли Иванов, Петров и др. Позже пришли ещё.",
            ["Пришли Иванов, Петров и др.", "Позже пришли ещё."],
        ),
        (
            "Завод на ул. Садовой закрыли. Рабочих уволили.",
            ["Завод на ул. Садовой закрыли.", "Рабочих уволили."],
        ),
        (
            "Выступил проф. А. С. Орлов. Он говорил долго.",
            ["Выступил проф. А. С. Орлов.", "Он говорил долго."],
        ),
        ("Все овощи и т. д. Потом фрукты.", ["Все овощи и т. д.", "Потом фрукты."]),
        (
            "Бюджет составил 5 млн руб. В прошлом году меньше.",
            ["Бюджет составил 5 млн руб.", "В прошлом году меньше."],
        ),
        ("Він приїхав до м. Львова. Там було тепло.", ["Він приїхав до м. Львова.", "Там було тепло."]),
        ("Це сталося у 2020 р. Потім настала зима.", ["Це сталося у 2020 р.", "Потім настала зима."]),
    ],
)
def test_it_keeps_russian_and_ukrainian_abbreviations_in_their_sentence(text, expected):
    assert texts(text) == expected


def test_it_reads_a_number_before_a_full_stop_as_a_german_ordinal():
    text = "Die Fähre fährt seit dem 3. Oktober wieder. Das sagte die Reederei z.B. gestern."
    assert texts(text, language="de") == [
        "Die Fähre fährt seit dem 3. Oktober wieder.",
        "Das sagte die Reederei z.B. gestern.",
    ]
    assert texts(text) == texts(text, language="de")  # German is recognised without being told


def test_it_ends_an_english_sentence_at_a_number():
    text = "The line closed in 2019. 2020 was worse. It reopened on the 3. Nobody knows why."
    assert texts(text, language="en") == [
        "The line closed in 2019.",
        "2020 was worse.",
        "It reopened on the 3.",
        "Nobody knows why.",
    ]
