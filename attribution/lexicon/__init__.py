"""Cue lexicons, one module per language: speech verbs, "according to" phrases, citing markers, unnamed
groups, pronouns, descriptions and sign-off lines. Written for this project from the languages' grammar
and newsroom usage (no text copied from any corpus).

Each module defines a `LEXICON` (a `Lexicon`); `for_language()` picks one, falling back to English
for languages without their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Lexicon:
    language: str
    # Cue after which the source is named: "according to X", "по словам X", "laut X", "据X报道".
    before_source: tuple[str, ...]
    # Cue before which the source is named: "X said", "X заявил", "X sagte", "X表示", "X에 따르면".
    after_source: tuple[str, ...]
    # Cue followed by the speaker in inverted order: '"…," said X', '— заявил X'.
    inverted: tuple[str, ...] = ()
    # Inside a source phrase, what introduces a deeper link: "citing", "со ссылкой на", "援引".
    citing: tuple[str, ...] = ()
    # Words for unnamed sources: "people", "officials", "источники", "知情人士".
    unnamed: tuple[str, ...] = ()
    # Count words: "two" -> 2.
    numbers: dict[str, int] = field(default_factory=dict)
    # Pronoun -> (kind, gender): kind person / plural / organisation; gender "m", "f" or "".
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Definite descriptions that point back: "the company" -> organisation, "the spokesman" -> person.
    descriptions: dict[str, str] = field(default_factory=dict)
    # Words naming outlets and organisations generically (a phrase containing one is that kind).
    outlet_words: tuple[str, ...] = ()
    org_words: tuple[str, ...] = ()
    # "the media", "СМИ", "일부 언론": the press in general, an unnamed group, never an outlet's name
    # (unless the phrase also names one: "the German magazine Der Spiegel").
    media: tuple[str, ...] = ()
    # What an outlet publishes: "a report from X", "X's story", "ein Bericht der X" make X an outlet.
    report_nouns: tuple[str, ...] = ()
    # Role words that precede or follow a name: "spokesman", "minister", "пресс-секретарь".
    roles: tuple[str, ...] = ()
    # A cue with its source inside: "по его словам", "за її даними" (a regex with a group "src").
    possessive: str = r"(?!x)x"
    # Report cues: the source is an outlet whose story this is ("reported", "пишет", "报道").
    report: tuple[str, ...] = ()
    # Sign-off and byline lines: "Reporting by …; Editing by …".
    byline: str = r"(?!x)x"
    # Words that end a source phrase going forward ("that", "что", "dass").
    stop_words: tuple[str, ...] = ()
    # CJK: no spaces, so phrases are cut by characters.
    spaced: bool = True
    # Capitalised words that are never (part of) a name: German capitalises every noun and opens
    # sentences with adverbs ("Zudem", "Demnach"), months and weekdays.
    not_names: tuple[str, ...] = ()
    # A comma-bounded insertion between a subject and its speech verb (a regex the whole insertion
    # matches): "X, в свою очередь, отметил", "X, который …, заявил", "два джерела, обізнані з …, розповіли".
    insertions: str = r"(?!x)x"

    def pattern(self, words: tuple[str, ...]) -> re.Pattern:
        key = (self.language, self.spaced, words)
        compiled = _PATTERNS.get(key)
        if compiled is None:
            compiled = _PATTERNS[key] = self._compile(words)
        return compiled

    def _compile(self, words: tuple[str, ...]) -> re.Pattern:
        alternation = "|".join(
            sorted((re.escape(w) if not w.startswith("re:") else w[3:] for w in words), key=len, reverse=True)
        )
        if not alternation:
            return re.compile(r"(?!x)x")
        if self.spaced:
            return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.I)
        return re.compile(rf"(?:{alternation})", re.I)


_PATTERNS: dict[tuple, re.Pattern] = {}

LANGUAGES = ("en", "ru", "uk", "de", "zh", "ko")


@cache
def for_language(language: str | None) -> Lexicon:
    code = (language or "en").split("-")[0].lower()
    if code not in LANGUAGES:
        code = "en"
    module = __import__(f"{__name__}.{code}", fromlist=["LEXICON"])
    return module.LEXICON
