"""Django-free text helpers the matcher shares with the benchmark: tokens, sentences, numbers, cues."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

# Function words carry no topic; dropping them keeps BM25 and overlap scores about content.
STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but is are was were be been being it its this that these
    those as into than then there their they them he she his her we our you your i not no nor do does did
    has have had will would can could may might shall should must also which who whom whose what when where
    why how all any each both more most other some such only own same so too very s t just about over under
    again further once here between through during before after above below up down out off until while
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот
    от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь
    опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам
    чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь
    этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой
    хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо
    свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также""".split()
)


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")


def word_tokens(text: str) -> list[str]:
    """Plain lower-cased word tokens: the baseline's tokenizer."""
    return WORD_RE.findall((text or "").lower())


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if CYRILLIC_RE.search(word):
        return _stemmer("russian").stemWord(word)
    return _stemmer("english").stemWord(word)


def content_terms(text: str) -> list[str]:
    """Stemmed content words (English or Russian stemmer per word's script), function words dropped."""
    return [_stem(w) for w in WORD_RE.findall(fold(text)) if w not in STOPWORDS]


_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"'»”)]*\s+(?=[\"'«“(]?[A-ZА-ЯЁ0-9])|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) character offsets; offsets index the original text."""
    spans, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.start()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_NUMBER_RE = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*(%|процент\w*|percent|per cent|млрд|млн|тыс|billion|million|thousand)?",
    re.I,
)
_SCALE = {"млрд": 1e9, "billion": 1e9, "млн": 1e6, "million": 1e6, "тыс": 1e3, "thousand": 1e3}


def numbers(text: str) -> set[float]:
    """Quantities stated in the text, scaled ("2 млрд" = "2 billion"), percentages as their number."""
    found = set()
    for match in _NUMBER_RE.finditer(text or ""):
        try:
            value = float(match.group(1).replace(",", "."))
        except ValueError:
            continue
        unit = (match.group(2) or "").lower()
        for key, scale in _SCALE.items():
            if unit.startswith(key):
                value *= scale
        found.add(value)
    return found


_YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_MONTH_RE = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)\b",
    re.I,
)


def dates(text: str) -> set[tuple[str, int]]:
    """Years and month names mentioned: ("year", 2025), ("month", 5)."""
    found = {("year", int(y)) for y in _YEAR_RE.findall(text or "")}
    for match in _MONTH_RE.finditer(fold(text)):
        word = match.group(1)
        for stem, month in MONTHS.items():
            if word.startswith(stem) and (stem != "ма" or word in ("май", "мая", "мае")):
                found.add(("month", month))
                break
    return found
