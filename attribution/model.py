"""The reader's one output shape, used by extraction, corroboration and the benchmarks alike.

All offsets index the text exactly as the caller passed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OUTLET, PERSON, ORGANISATION, UNNAMED = "outlet", "person", "organisation", "unnamed"
KINDS = (OUTLET, PERSON, ORGANISATION, UNNAMED)


@dataclass
class Source:
    """One link of an attribution chain as the text names it."""

    kind: str
    name: str | None = None  # canonical where the gazetteer knows it, else as written
    role: str = ""  # "press secretary", "пресс-секретарь"
    affiliation: str = ""  # "White House", "Kremlin"
    count: int | None = None  # unnamed groups only: "two people familiar with the matter" is 2
    description: str = ""  # unnamed groups: "people familiar with the matter"
    cue: str = ""  # the verbatim cue phrase that credits it: "according to", "пише", "citing"
    phrase: str = ""  # the verbatim words that name it: "she", "the FT", "三名知情人士"
    start: int = -1  # span of `phrase` in the text
    end: int = -1
    resolved_from: str = ""  # the pronoun or description this source was resolved from ("she")
    source_id: int | None = None  # the registry's id where the gazetteer knew the name

    def label(self) -> str:
        """How a reviewer reads it: "Dmitry Peskov (Kremlin spokesman)", "2 unnamed — «people familiar»"."""
        if self.kind == UNNAMED:
            n = f"{self.count} " if self.count else ""
            what = self.description or self.phrase
            return f"{n}unnamed — «{what}»" if what else f"{n}unnamed"
        extra = ", ".join(x for x in (self.role, self.affiliation) if x)
        return f"{self.name} ({extra})" if extra else (self.name or self.phrase)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None, -1)} | {"kind": self.kind}


@dataclass
class Statement:
    """An attributed statement: its span, its direct quotes and who it is credited to."""

    start: int
    end: int
    chain: list[Source]  # outermost first: [Reuters, Financial Times, 3 unnamed]
    quotes: list[tuple[int, int]] = field(default_factory=list)
    cue: str = ""  # the cue phrase of the innermost link
    how: str = ""  # what decided the speaker: "parser", "cue", "quote run", "nearby speaker", "story"
    # What is claimed: the span without the attribution at its edge ("X said that …", "…, X said").
    content_start: int = -1
    content_end: int = -1

    def __post_init__(self):
        if self.content_start < 0:
            self.content_start = self.start
        if self.content_end < 0:
            self.content_end = self.end

    @property
    def speaker(self) -> Source | None:
        return self.chain[-1] if self.chain else None


@dataclass
class Reading:
    language: str
    statements: list[Statement]
    rereport_of: Source | None = None  # the origin outlet whose story the article as a whole repeats
    rereport_cue: str = ""
    bylines: list[tuple[int, int]] = field(default_factory=list)  # sign-off lines, never statements
    engine: str = ""  # "spacy en_core_web_sm 3.8.0 + cues", "cues"
    warnings: list[str] = field(default_factory=list)
