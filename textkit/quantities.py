"""Numbers and dates a text states, for comparing what two texts claim."""

import re

from .folding import fold

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
