"""Sources as the text names them: the Mention record and the word-level helpers that build one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicon as lx

OUTLET, PERSON, ORGANISATION, UNNAMED, OWN = "outlet", "person", "organisation", "unnamed", "own"


@dataclass
class Mention:
    """A source as the text names it: one link of a chain before it is matched to the registry."""

    kind: str
    name: str = ""
    role: str = ""
    count: int | None = None
    phrase: str = ""
    quote: str = ""
    candidates: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [n for n in [self.name, *self.candidates] if n]


def role_text(role: str) -> str:
    """ "Глава Huawei" opening a sentence is the role "глава Huawei"."""
    first = role.split()[0] if role.split() else ""
    if first.lower() in lx.ROLE_WORDS and first[1:2].islower():
        return first.lower() + role[len(first) :]
    return role


_WORD = re.compile(r"[\w][\w\-.’']*", re.U)
# A short quoted span that may be a name ("«Газпром»"), and any quoted span (a quote).
QUOTED_NAME = re.compile(r"[«\"“„]([^»\"”“]{1,80})[»\"”“]")
QUOTE = re.compile(r"[«\"“„]([^»\"”“]{1,2000})[»\"”“]")


def _titlecase(token: str) -> bool:
    return token[:1].isupper() and not token.isupper() or (token.isupper() and len(token) > 1)


def clean_phrase(phrase: str) -> str:
    """The phrase without the spaces and punctuation around it."""
    return phrase.strip(" ,.;:—–-\u00a0\n\t")


def count_of(phrase: str) -> int | None:
    """How many unnamed sources a phrase counts ("два источника" -> 2, "a person" -> 1), if it says."""
    words = phrase.lower().replace("ё", "е").split()
    for i, word in enumerate(words[:6]):
        word = word.strip(',.«»"')
        value = lx.NUMBERS.get(word)
        if value is None and re.fullmatch(r"\d{1,3}", word):
            value = int(word)
        if value is None:
            continue
        following = " ".join(words[i + 1 : i + 5])
        if lx.UNNAMED_NOUN.search(following) or following.startswith("of the") or following.startswith("из "):
            return value
    if lx.SINGULAR_UNNAMED.match(phrase.strip()):
        return 1
    return None


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


def registry_candidates(name: str) -> list[str]:
    """Spellings to look a name up by: as written, without a parenthesis or "the", and the parenthesis."""
    out = [name]
    paren = re.search(r"\(([^)]{1,40})\)", name)
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out += [bare, re.sub(r"^(?:the|The)\s+", "", bare)]
    if paren:
        out.append(paren.group(1).strip())
    return [c for c in dict.fromkeys(out) if c]


def name_runs(phrase: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised tokens (possible names) with their character offsets in the phrase."""
    runs, current, start, end = [], [], 0, 0
    for m in _WORD.finditer(phrase):
        tok = m.group().rstrip(".")
        gap = phrase[end : m.start()] if current else ""
        is_name = (
            _titlecase(tok)
            and tok.lower() not in lx.NOT_NAMES
            and tok.lower() not in lx.ROLE_WORDS
            and not lx.UNNAMED_NOUN.fullmatch(tok)
        )
        same_script = not current or (
            script_of(tok) == script_of(current[-1]) and tok.isupper() == current[-1].isupper()
        )
        if is_name and (not current or (gap.strip() == "" and same_script)):
            if not current:
                start = m.start()
            current.append(tok)
            end = m.end()
        else:
            if current:
                runs.append((start, end, current))
            current = []
            if is_name:
                start, end, current = m.start(), m.end(), [tok]
    if current:
        runs.append((start, end, current))
    return runs


def script_of(token: str) -> str:
    """ "cyrillic" or "latin"."""
    return "cyrillic" if re.search(r"[а-яё]", token, re.I) else "latin"


def looks_orgish(tokens: list[str]) -> bool:
    """A name run that reads as an organisation or outlet, not a person (an org word, or all capitals)."""
    text = " ".join(tokens)
    return bool(lx.ORG_WORDS.search(text) or lx.OUTLET_WORDS.search(text)) or all(t.isupper() for t in tokens)
