"""Nominative forms of Slavic names met in an oblique case ("по словам Ритвика Гупты" names Ритвик Гупта).

Best effort, by endings; the registry's aliases decide where they know the person.
"""

from __future__ import annotations

import re


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
