"""Names in text, resolved through the Source registry's aliases; and the attributions an article makes.

Django-free: the caller hands in (source_id, name) pairs, so the benchmark and tests can build one too.
Names are matched on stemmed word n-grams, so inflected Russian forms ("Лян Вэньфэна") still match.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from textkit.folding import WORD_RE, fold, stem

MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Mention:
    source_id: int
    start: int
    end: int


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


class AliasIndex:
    def __init__(self, names: Iterable[tuple[int, str]] = ()):
        self._keys: dict[tuple[str, ...], int] = {}
        for source_id, name in names:
            self.add(source_id, name)

    def add(self, source_id: int, name: str) -> None:
        words = WORD_RE.findall(fold(name))
        if words and len(words) <= MAX_NAME_WORDS:
            # A short all-lower alias like "ft" is still a name; the registry is curated.
            self._keys.setdefault(_key(words), source_id)

    def __len__(self) -> int:
        return len(self._keys)

    def mentions(self, text: str) -> list[Mention]:
        """Longest-first, non-overlapping registry names in the text with their character spans."""
        if not self._keys:
            return []
        folded = fold(text)
        # fold() keeps length for the scripts we handle, so spans index the original text.
        tokens = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(folded)]
        stems = [stem(t[0]) for t in tokens]
        found, i = [], 0
        while i < len(tokens):
            for n in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
                source_id = self._keys.get(tuple(stems[i : i + n]))
                if source_id is not None:
                    found.append(Mention(source_id, tokens[i][1], tokens[i + n - 1][2]))
                    i += n
                    break
            else:
                i += 1
        return found

    def source_ids(self, text: str) -> set[int]:
        return {m.source_id for m in self.mentions(text)}


# An attribution cue, and on which side of it the named source stands.
_AFTER = r"(?P<cue>according to|as (?:first |originally )?reported by|first reported by|reported by|citing|cited by|told|in an interview with|said in a statement to|по данным|по сведениям|по информации|как (?:впервые )?сообщил[аио]?|как сообщает|как пишет|сообщает|сообщил[аио]?|пишет|передает|передаёт|со ссылкой на|ссылаясь на|заявил[аи]? изданию|рассказал[аи]? изданию|по словам)"
_BEFORE = r"(?P<cue>reported|reports|said|says|first reported|wrote|сообщил[аио]?|сообщает|пишет|написал[аио]?|заявил[аио]?)"
ATTRIBUTION_AFTER_RE = re.compile(r"\b" + _AFTER + r"\b", re.I)
ATTRIBUTION_BEFORE_RE = re.compile(r"\b" + _BEFORE + r"\b", re.I)
WINDOW = 40


@dataclass(frozen=True)
class Attribution:
    source_id: int
    cue: str
    start: int
    end: int


def attributions(text: str, index: AliasIndex) -> list[Attribution]:
    """Sources the text attributes information to: "according to the FT", "сообщает FT", "Reuters reported"."""
    mentions = index.mentions(text)
    found: dict[int, Attribution] = {}
    for match in ATTRIBUTION_AFTER_RE.finditer(text):
        for mention in mentions:
            gap = text[match.end() : mention.start]
            if 0 <= mention.start - match.end() <= WINDOW and not re.search(r"[.!?;:,]", gap):
                found.setdefault(
                    mention.source_id,
                    Attribution(mention.source_id, match.group("cue"), match.start(), mention.end),
                )
                break
    for match in ATTRIBUTION_BEFORE_RE.finditer(text):
        for mention in reversed(mentions):
            gap = text[mention.end : match.start()]
            if 0 <= match.start() - mention.end <= 25 and not re.search(r"[.!?;:]", gap):
                found.setdefault(
                    mention.source_id,
                    Attribution(mention.source_id, match.group("cue"), mention.start, match.end()),
                )
                break
    return sorted(found.values(), key=lambda a: a.start)
