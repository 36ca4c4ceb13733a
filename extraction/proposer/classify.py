"""A claim's kind (fact, statement, opinion, prediction) and the entities it is about."""

from __future__ import annotations

import re

from attribution.phrases import script_of

from .. import lexicon as lx
from .links import ORGANISATION, PERSON, Mention

_STATEMENT_CUE = re.compile(
    r"(заяв|сказал|отметил|добавил|пояснил|уточнил|подчеркнул|подтвердил|назвал|признал|рассказал|сообщил|ответил|"
    r"по словам|said|says|told|added|called|confirmed|stated|noted|statement|announced)",
    re.I,
)


def classify(claim_text: str, cue: str, links: list[Mention]) -> str:
    if lx.PREDICTION.search(claim_text):
        return "prediction"
    if lx.OPINION.search(cue) or lx.OPINION.search(claim_text):
        return "opinion"
    if links and links[-1].kind in (PERSON, ORGANISATION) and _STATEMENT_CUE.search(cue):
        return "statement"
    return "fact"


_ENTITY_TOKEN = re.compile(r"[«\"“]?[\w][\w\-.’']*[»\"”]?")


def entities_of(text: str) -> list[str]:
    """Names the claim is about: runs of capitalised words, acronyms and model numbers ("H20")."""
    found: list[str] = []
    current: list[str] = []
    tokens = [m.group().strip('«»"“”.,:;') for m in _ENTITY_TOKEN.finditer(text)]
    cyrillic_text = bool(re.search(r"[а-яё]", text, re.I))
    for i, tok in enumerate(tokens):
        is_entity = bool(tok) and (
            (tok[:1].isupper() and tok.lower() not in lx.NOT_NAMES and tok.lower() not in lx.ROLE_WORDS)
            or bool(re.fullmatch(r"[A-Za-zА-Яа-я]+\d+\w*", tok))
        )
        if (
            i == 0
            and is_entity
            and not (tok.isupper() and len(tok) > 1)
            and not re.search(r"[A-Z\d]", tok[1:])
        ):
            # Sentences open with a capital: keep the first word only when it is plainly a name.
            latin_in_russian = cyrillic_text and script_of(tok) == "latin"
            next_is_name = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
            is_entity = latin_in_russian or (not cyrillic_text and next_is_name)
        if is_entity and current and script_of(tok) != script_of(current[-1]):
            found.append(" ".join(current))
            current = []
        if is_entity:
            current.append(tok)
        else:
            if current:
                found.append(" ".join(current))
            current = []
    if current:
        found.append(" ".join(current))
    return list(dict.fromkeys(e for e in found if 1 < len(e) <= 120))
