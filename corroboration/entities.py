"""Names in text, resolved through the Source registry's aliases; and the sources an article credits
(read by the attribution reader, `attribution/`).

Django-free: the caller hands in (source_id, name) pairs, so the benchmark and tests can build one too.
Names are matched on stemmed word n-grams, so inflected Russian forms ("Лян Вэньфэна") still match.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import attribution
from textkit.folding import TOKEN_RE, WORD_RE, fold, stem

MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Mention:
    source_id: int
    start: int
    end: int


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


class AliasIndex:
    CACHE_SIZE = 4096

    def __init__(self, names: Iterable[tuple[int, str]] = ()):
        self._keys: dict[tuple[str, ...], int] = {}
        # source_ids() per text: matching one article against many claims asks about the same passages
        # once per claim. Cleared when a name is added; the registry builds a new index when it changes.
        self._ids_of: dict[str, frozenset[int]] = {}
        for source_id, name in names:
            self.add(source_id, name)

    def add(self, source_id: int, name: str) -> None:
        self._ids_of.clear()
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
        tokens = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(folded)]
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
        ids = self._ids_of.get(text)
        if ids is None:
            if len(self._ids_of) >= self.CACHE_SIZE:
                self._ids_of.clear()
            ids = self._ids_of[text] = frozenset(m.source_id for m in self.mentions(text))
        return set(ids)


@dataclass(frozen=True)
class Attribution:
    source_id: int
    cue: str
    start: int
    end: int


@dataclass(frozen=True)
class Credit:
    """One attributed statement of an article: its chain as registry ids (None where the registry does
    not know the link, e.g. unnamed sources), outermost first, with the cue that credits the innermost."""

    chain: tuple[int | None, ...]
    kinds: tuple[str, ...]
    cue: str
    start: int
    end: int


@lru_cache(maxsize=64)
def _cue_reading(text: str, language: str | None) -> attribution.Reading:
    """attribution.read on the cue path, once per text: an article matched to many claims is judged
    for each, and both attributions() and credits() read it. The reading depends on the text alone."""
    return attribution.read(text, language, use_parser=False)


def credits(text: str, index: AliasIndex, *, language: str | None = None) -> list[Credit]:
    """Every attributed statement of the text with its chain matched to the registry (cue path)."""
    reading = _cue_reading(text, language)
    out = []
    for statement in reading.statements:
        ids: list[int | None] = []
        for source in statement.chain:
            found = index.mentions(text[source.start : source.end]) if source.start >= 0 else []
            if not found and source.name:
                found = index.mentions(source.name)
            ids.append(found[0].source_id if found and source.kind != attribution.UNNAMED else None)
        cue = next((s.cue for s in reversed(statement.chain) if s.cue), statement.cue)
        out.append(
            Credit(tuple(ids), tuple(s.kind for s in statement.chain), cue, statement.start, statement.end)
        )
    return out


def attributions(text: str, index: AliasIndex, *, language: str | None = None) -> list[Attribution]:
    """Registered sources the text credits ("according to the FT", "сообщает FT", "Reuters reported",
    "据英国《金融时报》报道"), read by the attribution reader and matched through the registry's aliases.

    The cue path only (no parser): it is what decides re-reports, and it keeps matching fast.
    """
    reading = _cue_reading(text, language)
    found: dict[int, Attribution] = {}
    for statement in reading.statements:
        for source in statement.chain:
            if source.start < 0:
                continue
            ids = [m.source_id for m in index.mentions(text[source.start : source.end])]
            if not ids and source.name:
                ids = [m.source_id for m in index.mentions(source.name)]
            for source_id in ids[:1]:
                found.setdefault(
                    source_id, Attribution(source_id, source.cue or statement.cue, source.start, source.end)
                )
    return sorted(found.values(), key=lambda a: a.start)
