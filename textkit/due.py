"""When a prediction falls due: the date a phrase like "by the end of 2025", "в мае", "next quarter" names.

`due_date(text, language, reference)` reads the first such phrase in the text, relative to the
reference date (the article's publication day), and returns the day by which the prediction should
have come true, or None. English, Russian, Ukrainian and German; other languages are read with all
four tables. Rules for the day chosen:

- a period the prediction happens *in* ("in May", "в 2026 году", "next quarter", "im dritten Quartal")
  is due on the period's last day;
- *by* or *before* a month ("by May", "к маю", "до травня", "bis Mai") is due on that month's first day;
  "by the end of May" on its last;
- a month named without a year is the next such month on or after the reference date;
- "within three months", "через 2 недели", "in 10 Tagen" count from the reference date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

SUPPORTED = ("en", "ru", "uk", "de")

_MONTHS: dict[str, list[tuple[str, int]]] = {
    "en": [
        (r"January", 1), (r"February", 2), (r"March", 3), (r"April", 4), (r"May", 5), (r"June", 6),
        (r"July", 7), (r"August", 8), (r"September", 9), (r"October", 10), (r"November", 11),
        (r"December", 12),
    ],
    "ru": [
        (r"январ[ьяюе]", 1), (r"феврал[ьяюе]", 2), (r"март[аеу]?", 3), (r"апрел[ьяюе]", 4), (r"ма[йяюе]", 5),
        (r"июн[ьяюе]", 6), (r"июл[ьяюе]", 7), (r"август[аеу]?", 8), (r"сентябр[ьяюе]", 9),
        (r"октябр[ьяюе]", 10), (r"ноябр[ьяюе]", 11), (r"декабр[ьяюе]", 12),
    ],
    "uk": [
        (r"січ(?:ень|ня|ні|ню)", 1), (r"лют(?:ий|ого|ому)", 2), (r"берез(?:ень|ня|ні|ню)", 3),
        (r"квіт(?:ень|ня|ні|ню)", 4), (r"трав(?:ень|ня|ні|ню)", 5), (r"черв(?:ень|ня|ні|ню)", 6),
        (r"лип(?:ень|ня|ні|ню)", 7), (r"серп(?:ень|ня|ні|ню)", 8), (r"верес(?:ень|ня|ні|ню)", 9),
        (r"жовт(?:ень|ня|ні|ню)", 10), (r"листопад(?:а|і|у)?", 11), (r"груд(?:ень|ня|ні|ню)", 12),
    ],
    "de": [
        (r"Januar|Jänner", 1), (r"Februar", 2), (r"März|Maerz", 3), (r"April", 4), (r"Mai", 5),
        (r"Juni", 6), (r"Juli", 7), (r"August", 8), (r"September", 9), (r"Oktober", 10),
        (r"November", 11), (r"Dezember", 12),
    ],
}  # fmt: skip

# Prepositions that make a month a deadline ("by May": its first day) or a period ("in May": its last).
_BY = {
    "en": r"by|before|until|till",
    "ru": r"к|ко|до|не позднее",
    "uk": r"до|не пізніше",
    "de": r"bis|vor|bis zum",
}
_IN = {
    "en": r"in|during|early|late|mid|in early|in late|by early|by late|by mid|by the end of|end of|"
    r"by end of|at the end of|later in",
    "ru": r"в|во|в начале|в середине|в конце|к концу|до конца|к середине|не позднее конца",
    "uk": r"в|у|на початку|в середині|у середині|наприкінці|в кінці|у кінці|до кінця|до середини",
    "de": r"im|in|Anfang|Mitte|Ende|bis Ende|bis Mitte|spätestens Ende|noch im",
}
_END_OF = {
    "en": r"(?:by|before|until|at)\s+the\s+end\s+of|by\s+end\s+of|end\s+of|by|before|until",
    "ru": r"к\s+концу|до\s+конца|в\s+конце|к|до|в|во|не\s+позднее",
    "uk": r"до\s+кінця|наприкінці|в\s+кінці|у\s+кінці|до|в|у",
    "de": r"bis\s+Ende|Ende|bis|im\s+Jahr|im\s+Jahre|noch",
}
_YEAR_WORD = {
    "en": r"",
    "ru": r"(?:\s*(?:года|году|год|г\.))?",
    "uk": r"(?:\s*(?:року|році|рік|р\.))?",
    "de": r"",
}
_IN_YEAR = {"en": r"in", "ru": r"в", "uk": r"в|у", "de": r"im\s+Jahr|im\s+Jahre|in"}

_RELATIVE: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+year|by\s+year[- ]end|later\s+this\s+year|this\s+year", "year"),
        (r"next\s+year|in\s+the\s+coming\s+year", "next_year"),
        (r"next\s+quarter|in\s+the\s+coming\s+quarter", "next_quarter"),
        (r"this\s+quarter|(?:by\s+)?(?:the\s+)?end\s+of\s+the\s+quarter", "quarter"),
        (r"next\s+month|in\s+the\s+coming\s+month", "next_month"),
        (r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+month|this\s+month|later\s+this\s+month", "month"),
        (r"next\s+week|in\s+the\s+coming\s+week", "next_week"),
    ],
    "ru": [
        (r"(?:к|до)\s+концу\s+(?:этого\s+|текущего\s+)?года|до\s+конца\s+(?:этого\s+|текущего\s+)?года|в\s+этом\s+году|в\s+текущем\s+году", "year"),
        (r"в\s+(?:следующем|будущем)\s+году", "next_year"),
        (r"в\s+(?:следующем|будущем)\s+квартале", "next_quarter"),
        (r"в\s+(?:этом|текущем)\s+квартале|(?:к|до)\s+концу\s+квартала|до\s+конца\s+квартала", "quarter"),
        (r"в\s+(?:следующем|будущем)\s+месяце", "next_month"),
        (r"в\s+(?:этом|текущем)\s+месяце|(?:к|до)\s+концу\s+месяца|до\s+конца\s+месяца", "month"),
        (r"на\s+(?:следующей|будущей)\s+неделе", "next_week"),
    ],
    "uk": [
        (r"до\s+кінця\s+(?:цього\s+|поточного\s+)?року|цього\s+року|у\s+цьому\s+році|в\s+цьому\s+році", "year"),
        (r"(?:у|в)\s+наступному\s+році|наступного\s+року", "next_year"),
        (r"(?:у|в)\s+наступному\s+кварталі|наступного\s+кварталу", "next_quarter"),
        (r"(?:у|в)\s+цьому\s+кварталі|до\s+кінця\s+кварталу", "quarter"),
        (r"(?:у|в)\s+наступному\s+місяці|наступного\s+місяця", "next_month"),
        (r"(?:у|в)\s+цьому\s+місяці|цього\s+місяця|до\s+кінця\s+місяця", "month"),
        (r"наступного\s+тижня|на\s+наступному\s+тижні", "next_week"),
    ],
    "de": [
        (r"(?:bis\s+)?Ende\s+(?:des|dieses)\s+Jahres|(?:noch\s+)?(?:in\s+)?diesem\s+Jahr|dieses\s+Jahr", "year"),
        (r"(?:im\s+)?nächsten\s+Jahr|nächstes\s+Jahr|kommendes\s+Jahr|im\s+kommenden\s+Jahr", "next_year"),
        (r"(?:im\s+)?nächsten\s+Quartal|nächstes\s+Quartal|im\s+kommenden\s+Quartal", "next_quarter"),
        (r"(?:in\s+)?diesem\s+Quartal|(?:bis\s+)?Ende\s+des\s+Quartals", "quarter"),
        (r"(?:im\s+)?nächsten\s+Monat|kommenden\s+Monat", "next_month"),
        (r"(?:in\s+)?diesem\s+Monat|(?:bis\s+)?Ende\s+des\s+Monats", "month"),
        (r"nächste\s+Woche|in\s+der\s+nächsten\s+Woche|kommende\s+Woche", "next_week"),
    ],
}  # fmt: skip

_ORDINAL_QUARTER = {
    "en": [(r"first|1st", 1), (r"second|2nd", 2), (r"third|3rd", 3), (r"fourth|4th|last", 4)],
    "ru": [(r"перв\w*|1-?м", 1), (r"втор\w*|2-?м", 2), (r"трет\w*|3-?м", 3), (r"четв[её]рт\w*|4-?м", 4)],
    "uk": [(r"перш\w*|1-?му", 1), (r"друг\w*|2-?му", 2), (r"трет\w*|3-?му", 3), (r"четверт\w*|4-?му", 4)],
    "de": [(r"ersten|1\.", 1), (r"zweiten|2\.", 2), (r"dritten|3\.", 3), (r"vierten|4\.", 4)],
}
_QUARTER_WORD = {
    "en": r"quarter",
    "ru": r"квартал\w*",
    "uk": r"квартал\w*",
    "de": r"Quartal",
}
_HALF = {
    "en": [(r"(?:the\s+)?first\s+half|H1", 1), (r"(?:the\s+)?second\s+half|H2", 2)],
    "ru": [(r"(?:в\s+)?перв\w*\s+половин\w*", 1), (r"(?:во\s+)?втор\w*\s+половин\w*", 2)],
    "uk": [(r"(?:у|в\s+)?перш\w*\s+половин\w*", 1), (r"(?:у|в\s+)?друг\w*\s+половин\w*", 2)],
    "de": [(r"(?:im\s+)?ersten\s+Halbjahr", 1), (r"(?:im\s+)?zweiten\s+Halbjahr", 2)],
}

_NUMBER_WORDS = {
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18},
    "ru": {"один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "девять": 9, "двенадцать": 12},
    "uk": {"один": 1, "одна": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "дев'ять": 9, "дванадцять": 12},
    "de": {"ein": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "neun": 9, "zwölf": 12},
}  # fmt: skip
_UNITS = {
    "en": [(r"days?", "day"), (r"weeks?", "week"), (r"months?", "month"), (r"years?", "year")],
    "ru": [(r"дн\w*|день", "day"), (r"недел\w*", "week"), (r"месяц\w*", "month"), (r"год\w*|лет", "year")],
    "uk": [(r"дн\w*|день", "day"), (r"тиж\w*", "week"), (r"місяц\w*|місяць", "month"), (r"рок\w*|рік|літ", "year")],
    "de": [(r"Tag\w*", "day"), (r"Woche\w*", "week"), (r"Monat\w*", "month"), (r"Jahr\w*", "year")],
}  # fmt: skip
_WITHIN = {
    "en": r"within(?:\s+the\s+next)?|in(?:\s+the\s+next)?|over\s+the\s+next",
    "ru": r"в\s+течение|через|в\s+ближайшие|за",
    "uk": r"протягом|через|впродовж|за",
    "de": r"innerhalb\s+von|innerhalb|in|binnen|in\s+den\s+nächsten",
}

_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w-])"  # and ends here


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _upcoming(reference: date, month: int, year: int | None) -> int:
    if year is not None:
        return year
    return reference.year if month >= reference.month else reference.year + 1


def _relative(kind: str, ref: date) -> date:
    quarter = (ref.month - 1) // 3 + 1
    if kind == "year":
        return date(ref.year, 12, 31)
    if kind == "next_year":
        return date(ref.year + 1, 12, 31)
    if kind == "quarter":
        return _quarter_end(ref.year, quarter)
    if kind == "next_quarter":
        return _quarter_end(ref.year + quarter // 4, quarter % 4 + 1)
    if kind == "month":
        return _month_end(ref.year, ref.month)
    if kind == "next_month":
        following = _add_months(ref.replace(day=1), 1)
        return _month_end(following.year, following.month)
    # next_week: the Sunday of the following week
    return ref + timedelta(days=(6 - ref.weekday()) + 7)


Rule = tuple[re.Pattern, Callable[[re.Match, date], date | None]]


def _compile(pattern: str, language: str) -> re.Pattern:
    # English and German month names are matched as capitalised words ("May", not the verb "may").
    flags = re.UNICODE if language in ("en", "de") else re.UNICODE | re.IGNORECASE
    return re.compile(pattern, flags)


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


def _rules(language: str) -> list[Rule]:
    months = _MONTHS[language]
    month_alt = "|".join(f"(?P<m{n}>{p})" for p, n in months)
    year = r"(?P<year>(?:19|20)\d\d)"
    rules: list[Rule] = []

    def month_of(match: re.Match) -> int:
        return next(n for _, n in months if match.group(f"m{n}"))

    def year_of(match: re.Match) -> int | None:
        value = match.groupdict().get("year")
        return int(value) if value else None

    # A day and month: "by 1 May 2026", "до 1 мая", "bis 1. Mai", "by May 1".
    day_first = rf"{_B}(?P<day>[0-3]?\d)\.?\s+(?:{month_alt}){_E}(?:,?\s+{year})?"
    day_after = rf"{_B}(?:{month_alt})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_E}(?:,?\s+{year})?"

    def exact(match: re.Match, ref: date) -> date | None:
        month = month_of(match)
        try:
            return date(_upcoming(ref, month, year_of(match)), month, int(match.group("day")))
        except ValueError:
            return None

    rules.append((_compile(day_first, language), exact))
    if language == "en":
        rules.append((_compile(day_after, language), exact))

    # A month, after "by" (its first day) or "in" (its last), with or without a year.
    year_tail = rf"(?:,?\s+(?:{_i('of')}\s+)?{year}{_YEAR_WORD[language]})?"
    by_month = rf"{_B}{_i(f'(?:{_BY[language]})')}\s+(?:{month_alt}){_E}{year_tail}"
    in_month = (
        rf"{_B}(?P<prep>{_i(f'(?:{_IN[language]})')})\s+(?:{_i('the')}\s+)?(?:{month_alt}){_E}{year_tail}"
    )

    def by_month_day(match: re.Match, ref: date) -> date:
        month = month_of(match)
        return date(_upcoming(ref, month, year_of(match)), month, 1)

    def in_month_day(match: re.Match, ref: date) -> date:
        month = month_of(match)
        return _month_end(_upcoming(ref, month, year_of(match)), month)

    rules.append((_compile(in_month, language), in_month_day))
    rules.append((_compile(by_month, language), by_month_day))

    # Quarters and halves: "Q3 2025", "the third quarter of 2025", "в третьем квартале", "H1 2026".
    quarter_year = rf"(?:\s+(?:{_i('of')}\s+)?{year}{_YEAR_WORD[language]})?"
    for words, number in _ORDINAL_QUARTER[language]:
        pattern = rf"{_B}{_i(f'(?:{words})')}\s+{_i(_QUARTER_WORD[language])}{_E}{quarter_year}"

        def quarter(match: re.Match, ref: date, number=number) -> date:
            given = year_of(match)
            end = _quarter_end(given or ref.year, number)
            return end if given or end >= ref else _quarter_end(ref.year + 1, number)

        rules.append((_compile(pattern, language), quarter))
    if language == "en":
        rules.append(
            (
                _compile(rf"{_B}Q(?P<q>[1-4]){_E}(?:\s+{year})?", language),
                lambda m, ref: _quarter_end(int(m.group("year") or ref.year), int(m.group("q"))),
            )
        )
    for words, number in _HALF[language]:
        pattern = rf"{_B}{_i(f'(?:{words})')}{_E}(?:\s+{_i('of')})?(?:\s+{year}{_YEAR_WORD[language]})?"
        rules.append(
            (
                _compile(pattern, language),
                lambda m, ref, number=number: date(
                    int(m.group("year") or ref.year), 6 if number == 1 else 12, 30 if number == 1 else 31
                ),
            )
        )

    # A year: "by the end of 2025", "к концу 2025 года", "в 2026 году", "bis Ende 2025".
    end_of_year = rf"{_B}{_i(f'(?:{_END_OF[language]})')}\s+{year}{_YEAR_WORD[language]}{_E}"
    in_year = rf"{_B}{_i(f'(?:{_IN_YEAR[language]})')}\s+{year}{_YEAR_WORD[language]}{_E}"
    for pattern in (end_of_year, in_year):
        rules.append((_compile(pattern, language), lambda m, ref: date(int(m.group("year")), 12, 31)))

    # Relative periods: "next quarter", "в следующем месяце", "наступного року", "nächstes Jahr".
    for pattern, kind in _RELATIVE[language]:
        rules.append(
            (
                _compile(rf"{_B}{_i(f'(?:{pattern})')}{_E}", language),
                lambda m, ref, kind=kind: _relative(kind, ref),
            )
        )

    # Spans from the reference day: "within three months", "через 2 недели", "in 10 Tagen".
    numbers = "|".join(sorted(map(re.escape, _NUMBER_WORDS[language]), key=len, reverse=True))
    for unit_pattern, unit in _UNITS[language]:
        pattern = rf"{_B}{_i(f'(?:{_WITHIN[language]})')}\s+(?P<n>\d{{1,3}}|{_i(numbers)})\s+{_i(f'(?:{unit_pattern})')}{_E}"

        def span(match: re.Match, ref: date, unit=unit) -> date:
            raw = match.group("n")
            n = int(raw) if raw.isdigit() else _NUMBER_WORDS[language][raw.lower()]
            if unit == "day":
                return ref + timedelta(days=n)
            if unit == "week":
                return ref + timedelta(weeks=n)
            return _add_months(ref, n * (12 if unit == "year" else 1))

        rules.append((_compile(pattern, language), span))
    return rules


_RULES = {language: _rules(language) for language in SUPPORTED}


def due_date(text: str, language: str | None, reference: date) -> date | None:
    """The day the first due-date phrase in `text` names, relative to `reference`; None if there is none.

    Where two phrases start at the same place, the longer reading wins ("by the end of May" over "by").
    """
    if not text:
        return None
    code = (language or "").split("-")[0].lower()
    languages = [code] if code in _RULES else list(SUPPORTED)
    best: tuple[int, int, date] | None = None
    for lang in languages:
        for pattern, read in _RULES[lang]:
            for match in pattern.finditer(text):
                when = read(match, reference)
                if when is None:
                    continue
                key = (match.start(), -(match.end() - match.start()))
                if best is None or key < best[:2]:
                    best = (*key, when)
                break  # the first match of each rule is enough: later ones start later
    return best[2] if best else None
