"""One paragraph of 500,000 characters splits in well under ten seconds (a guard, not a benchmark)."""

import time

from textkit.sentences import MAX_SENTENCE_CHARS, split_sentences

SENTENCES = [
    "Mr. J. Okafor of the U.S. port authority said on Jan. 5 that fares rose by 3.5 percent.",
    "«Мы не остановимся. Никогда», — сказал директор, т.е. глава порта.",
    'The ferry operator said "it will add boats soon." Officials declined to comment.',
    "В 2019 г. выручка выросла на 12 млн руб. Это подтвердил проф. Орлов.",
]


def _paragraph(chars: int) -> str:
    text, i = "", 0
    while len(text) < chars:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text[:chars]


def _cpu_seconds(text: str) -> tuple[float, list]:
    started = time.process_time()
    sentences = split_sentences(text)
    return time.process_time() - started, sentences


def test_it_splits_a_500k_character_paragraph_in_under_ten_seconds():
    text = _paragraph(500_000)
    seconds, sentences = _cpu_seconds(text)
    assert seconds < 10
    assert len(sentences) > 5_000
    assert all(s.paragraph == 0 for s in sentences)


def test_it_splits_punctuation_heavy_and_punctuation_free_paragraphs_in_linear_time():
    for text in ("б. " * 170_000, "Mr. " * 125_000, "word " * 100_000, "«" * 250_000 + "." * 250_000):
        seconds, sentences = _cpu_seconds(text)
        assert seconds < 10, text[:10]
        assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
