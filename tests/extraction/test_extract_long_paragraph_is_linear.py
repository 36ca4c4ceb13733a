"""Extraction of one 500,000-character paragraph (the input limit, no line breaks) stays linear.

The previous extraction splitter looked back over the whole paragraph before every full stop, so one
long paragraph cost minutes. A guard, not a benchmark: the bound is loose on purpose.
"""

import time

from extraction.proposer import extract
from extraction.text import MAX_CHARS

SENTENCES = [
    "The harbour board said on Monday that ferry fares would rise by 4 percent next spring.",
    "According to Mr. T. Varga, a spokesman for the board, the rise covers fuel and wages.",
    "«Мы не будем закрывать линию», — сказал директор порта Павел Орлов журналистам.",
    "Как сообщает агентство «Северный вестник», выручка порта выросла на 12 млн руб. за год.",
    'Dock workers said "the new timetable is not safe." The union plans to vote on Friday.',
]


def _paragraph(chars: int) -> str:
    text, i = "", 0
    while len(text) < chars:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text[:chars].rstrip() + "."


def _extract_seconds(text: str):
    started = time.process_time()
    result = extract(text, use_ner=False)
    return time.process_time() - started, result


def test_one_500k_character_paragraph_is_extracted_in_under_ten_seconds():
    text = _paragraph(MAX_CHARS - 1)
    assert "\n" not in text and len(text) == MAX_CHARS
    seconds, result = _extract_seconds(text)
    assert seconds < 10, f"{seconds:.1f} s"
    assert len(result.claims) > 1_000  # it did read the paragraph, not refuse or skip it


def test_one_500k_character_paragraph_of_full_stops_after_initials_is_linear_too():
    # Every full stop is a candidate sentence end judged by the word before it.
    text = ("Mr. A. B. Smith said prices rose. " * 20_000)[: MAX_CHARS - 1].rstrip() + "."
    seconds, _result = _extract_seconds(text)
    assert seconds < 10, f"{seconds:.1f} s"
