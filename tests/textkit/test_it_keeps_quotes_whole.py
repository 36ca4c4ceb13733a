"""Quotes: their spans are found in each paragraph, and a full stop inside one ends no sentence."""

import pytest

from textkit.sentences import quote_spans, split_sentences


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Он сказал: «Мы уходим. Завтра». Все молчали.", ["Мы уходим. Завтра"]),
        ("She said “we stay” and “we wait”.", ["we stay", "we wait"]),
        ("Er sagte: „Wir bleiben.“ Dann ging er.", ["Wir bleiben."]),
        ("Powiedział „zostajemy” i wyszedł.", ["zostajemy"]),
        ('The mayor said "the pier is safe" on Monday.', ["the pier is safe"]),
        ("他说「我们明天走。」然后离开。", ["我们明天走。"]),
        ("«Внешняя „внутренняя“ цитата» и всё.", ["Внешняя „внутренняя“ цитата"]),
        ('An unbalanced « mark and a 5" screen.', []),
    ],
)
def test_it_finds_the_contents_of_balanced_quotes(text, expected):
    assert quoted(text) == expected


def test_it_reports_quote_offsets_into_the_whole_text():
    text = "First paragraph.\nSecond: «цитата здесь» end."
    start = text.index("\n") + 1
    spans = quote_spans(text, start, len(text))
    assert [text[a:b] for a, b in spans] == ["цитата здесь"]
    sentence = split_sentences(text)[1]
    assert sentence.paragraph == 1 and sentence.quotes == spans


def test_it_does_not_end_a_sentence_inside_a_quote():
    text = "«Мы не остановимся. Никогда», — сказал министр. «Да!» — ответил депутат."
    sentences = split_sentences(text)
    assert [s.text(text) for s in sentences] == [
        "«Мы не остановимся. Никогда», — сказал министр.",
        "«Да!» — ответил депутат.",
    ]
    assert [[text[a:b] for a, b in s.quotes] for s in sentences] == [["Мы не остановимся. Никогда"], ["Да!"]]


def test_it_ends_a_sentence_where_a_full_stop_closes_the_quote():
    text = 'The captain said "we sail at dawn." The crew slept. „Wir fahren.“ Das war alles.'
    assert [s.text(text) for s in split_sentences(text)] == [
        'The captain said "we sail at dawn."',
        "The crew slept.",
        "„Wir fahren.“",
        "Das war alles.",
    ]


def test_it_ends_a_sentence_after_a_closing_bracket():
    text = "The pier was closed (for repairs.) It reopened in May."
    assert [s.text(text) for s in split_sentences(text)] == [
        "The pier was closed (for repairs.)",
        "It reopened in May.",
    ]
