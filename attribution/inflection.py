"""Nominative forms of Slavic names met in an oblique case ("по словам Ритвика Гупты" names Ритвик Гупта).

Best effort, by endings; the registry's aliases decide where they know the person.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache


def nominative_guesses(name: str) -> list[str]:
    """Best-effort nominative forms of a Russian name met in an oblique case ("Ритвика Гупта")."""
    tokens = name.split()
    if not tokens or not re.search(r"[а-яё]", name, re.I):
        return []
    out = []

    def surname(tok: str) -> str:
        for old, new in (
            ("овой", "ова"),
            ("евой", "ева"),
            ("иной", "ина"),
            ("ской", "ская"),
            ("ского", "ский"),
            ("ова", "ов"),
            ("ева", "ев"),
            ("ина", "ин"),
            ("ым", ""),
            ("ом", ""),
            ("ы", "а"),
        ):
            if tok.endswith(old) and len(tok) > len(old) + 2:
                return tok[: -len(old)] + new
        return tok

    def given(tok: str) -> str:
        for old, new in (("ии", "ия"), ("ы", "а"), ("я", "й"), ("а", "")):
            if tok.endswith(old) and len(tok) > len(old) + 2:
                return tok[: -len(old)] + new
        return tok

    if len(tokens) >= 2:
        out.append(" ".join([given(tokens[0]), *tokens[1:-1], surname(tokens[-1])]))
        out.append(" ".join([given(tokens[0]), *tokens[1:]]))
    else:
        tok = tokens[0]
        for old, new in (
            ("иям", "ия"),
            ("ям", "и"),
            ("ии", "ия"),
            ("ом", ""),
            ("ем", ""),
            ("ой", "а"),
            ("ы", "а"),
            ("у", ""),
            ("а", ""),
            ("е", ""),
        ):
            if tok.endswith(old) and len(tok) > len(old) + 2:
                out.append(tok[: -len(old)] + new)
    return [g for g in dict.fromkeys(out) if g != name]


_ENDINGS = ("а", "я", "о", "е", "і", "и", "й", "ь", "ю", "у")
_CASES = (
    "а",
    "я",
    "у",
    "ю",
    "і",
    "ї",
    "и",
    "е",
    "ом",
    "ем",
    "ою",
    "ею",
    "ой",
    "ей",
    "ові",
    "еві",
    "ии",
    "ії",
)


def script_of(token: str) -> str:
    """ "cyrillic" or "latin"."""
    return "cyrillic" if re.search(r"[а-яёіїєґ]", token, re.I) else "latin"


def case_forms(descriptions: dict[str, str]) -> dict[str, str]:
    """A Russian / Ukrainian description in its oblique cases too ("в ведомстве", "у відомстві", "компании"):
    the stem without its final vowel plus the common case endings. Over-generates; the forms are only
    looked up, and a form already listed keeps its own kind."""
    out = dict(descriptions)
    for word, kind in descriptions.items():
        if " " in word or len(word) < 5:
            continue
        stem = word[:-1] if word.endswith(_ENDINGS) else word
        if word.endswith(("ія", "ия")):
            stem = word[:-2] + word[-2]
        for ending in _CASES:
            out.setdefault(stem + ending, kind)
    return out


def case_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Institution nouns in their oblique cases too ("в Офісі президента", "в министерстве", "у Кремлі"),
    the way `case_forms` forms them, from four letters on (abbreviations in capitals stay as they are)."""
    out = dict.fromkeys(words)
    for word in words:
        if " " in word or len(word) < 4 or word.isupper():
            continue
        stem = (
            word[:-2] + word[-2]
            if word.endswith(("ія", "ия"))
            else (word[:-1] if word.endswith(_ENDINGS) else word)
        )
        for ending in _CASES:
            out.setdefault(stem + ending)
    return tuple(out)


# ------------------------------------------------------------------------------------------------
# Dictionary morphology (pymorphy3 with a language's dictionary package, extra `attribution-uk`): the
# nominative of a name by its parses instead of by endings. Without it the guesses above stand.


def morphology_blocked() -> bool:
    return os.environ.get("CLAIMTRACKER_NO_PYMORPHY") == "1"


@lru_cache(maxsize=4)
def analyzer(language: str):
    """pymorphy3's analyser for `language` ("uk", "ru"), or None when the package or its dictionary is
    missing or switched off."""
    if morphology_blocked():
        return None
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=language)
    except (ValueError, LookupError, OSError, ImportError):  # no dictionary package for the language
        return None


@lru_cache(maxsize=100_000)
def parses(word: str, language: str) -> tuple:
    """The dictionary's readings of one word (lower-cased), most likely first; () without a dictionary."""
    morph = analyzer(language)
    return tuple(morph.parse(word.lower())) if morph is not None else ()


_PERSONAL = frozenset({"Name", "Surn", "Patr"})
_NAME_CASES = ("nomn", "gent", "accs", "datv", "ablt", "loct")  # how often news names people in each


def has_case(p, case: str) -> bool:
    """The reading is in `case`; a noun's reading without any case is its dictionary (nominative) form."""
    return case in p.tag.grammemes or (
        case == "nomn" and p.tag.case is None and p.tag.POS in ("NOUN", "ADJF")
    )


def _fits(p, gender: str, case: str) -> bool:
    g = p.tag.grammemes
    return (
        p.tag.POS in ("NOUN", "ADJF")
        and has_case(p, case)
        and "plur" not in g
        and (gender in g or "Fixd" in g or "ms-f" in g)
    )


def name_reading(name: str, language: str) -> tuple[str, str, str] | None:
    """(nominative, gender "m"/"f", case met) of a person's name by the dictionary: the gender and case
    that most of its capitalised words agree on ("Олени Ковальчук" -> Олена Ковальчук, "f", "gent").
    Words of other scripts and lower-case particles ("де", "фон") stay as written. None without a
    dictionary or when no gender and case fit every capitalised word (the ending guesses then decide)."""
    if analyzer(language) is None:
        return None
    tokens = name.split()
    readings = [parses(t, language) if t[:1].isupper() and script_of(t) == "cyrillic" else () for t in tokens]
    best, best_score = None, 0
    for case in _NAME_CASES:
        for gender in ("masc", "femn"):
            score = 0
            for rs in readings:
                fit = [p for p in rs if _fits(p, gender, case)]
                if fit:
                    score += 2 if any(_PERSONAL & p.tag.grammemes for p in fit) else 1
                elif rs:
                    score = -1  # a word that cannot be read so ("Гупты"): the dictionary is not sure
                    break
            if score > best_score:  # ties keep the more frequent case, then masculine
                best, best_score = (gender, case), score
    if best is None:
        return None
    gender, case = best
    out = []
    for tok, rs in zip(tokens, readings, strict=True):
        fit = sorted(
            (p for p in rs if _fits(p, gender, case)), key=lambda p: not (_PERSONAL & p.tag.grammemes)
        )
        if not fit or case == "nomn":
            out.append(tok)
            continue
        form = fit[0].inflect({"nomn"})
        out.append(_written_like(form.word if form is not None else fit[0].normal_form, tok))
    return " ".join(out), ("m" if gender == "masc" else "f"), case


def _written_like(word: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# Languages whose names are read by the dictionary. Russian keeps natasha's normal forms and the ending
# guesses: its dictionary's guesses for unknown foreign names ("Гупты") were worse than the endings'.
DICTIONARY_NAMES = frozenset({"uk"})


def nominative(name: str, language: str) -> str:
    """A name met in any case in its nominative: by the dictionary where one is installed (for the
    languages in DICTIONARY_NAMES), else the first of the ending guesses (or the name as written)."""
    reading = name_reading(name, language) if language in DICTIONARY_NAMES else None
    if reading is not None:
        return reading[0]
    guesses = nominative_guesses(name)
    return guesses[0] if guesses else name


def org_nominative(name: str, language: str) -> str:
    """An institution's name met after a preposition or a governing noun ("в Кремле", "по данным Росстата",
    "у Міністерстві охорони здоров'я") in its nominative, by the dictionary: the words up to the head noun
    are inflected ("Министерство энергетики"), the genitive complement after it stays. Names the dictionary
    does not read in an oblique case, abbreviations and Latin names stay as written; without a dictionary
    the name stays as written."""
    if language not in ("ru", "uk") or analyzer(language) is None:
        return name
    out: list[str] = []
    tokens = name.split()
    for i, tok in enumerate(tokens):
        word = tok.strip('«»"„“”')
        if not word or word.isupper() or script_of(word) != "cyrillic" or not word[:1].isupper() and i == 0:
            return " ".join(out + tokens[i:])
        readings = [
            p
            for p in parses(word, language)
            if p.tag.POS in ("NOUN", "ADJF")
            and not (_PERSONAL & p.tag.grammemes)
            and p.tag.case
            and p.tag.case != "nomn"
            and "Fixd" not in p.tag.grammemes
            and "plur" not in p.tag.grammemes
        ]
        if not readings:
            return " ".join(out + tokens[i:])
        p = readings[0]
        form = p.inflect({"nomn"})
        out.append(tok.replace(word, _written_like(form.word if form is not None else p.normal_form, word)))
        if p.tag.POS == "NOUN":
            return " ".join(out + tokens[i + 1 :])
    return " ".join(out)
