"""A chain link as extraction proposes it, before the registry match: one `attribution.Source` made flat."""

from __future__ import annotations

from dataclasses import dataclass, field

from attribution import ORGANISATION, OUTLET, PERSON, UNNAMED, Source

OWN = "own"

__all__ = ["ORGANISATION", "OUTLET", "OWN", "PERSON", "UNNAMED", "Mention", "mention_of", "role_text"]


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


def mention_of(source: Source, quote: str = "") -> Mention:
    role = source.role
    if source.affiliation and source.affiliation.lower() not in role.lower():
        role = f"{role}, {source.affiliation}" if role else source.affiliation
    phrase = source.phrase or source.description or (source.name or "")
    return Mention(
        kind=source.kind,
        name=source.name or "",
        role=role,
        count=source.count if source.kind == UNNAMED else None,
        phrase=phrase,
        quote=quote,
    )


def role_text(role: str) -> str:
    """A role as stored: lower-case first letter where it opens with a role word ("Глава Huawei")."""
    words = role.split()
    if words and words[0][:1].isupper() and words[0][1:2].islower() and words[0].lower() in _ROLE_STARTS:
        return words[0].lower() + role[len(words[0]) :]
    return role


_ROLE_STARTS = frozenset(
    "глава президент министр директор основатель пресс-секретарь представитель спикер председатель "
    "генеральный гендиректор эксперт аналитик голова речник міністр spokesman spokeswoman minister "
    "president director founder chief head".split()
)
