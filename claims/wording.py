"""How a chain link reads to a person, in one place and one language.

The claim list, the claim's page, a proposal's page, the API's `display` and `str()` of a link all
call `link_text`, so the desk never sees "unnamed (со ссылкой на источники)" beside "2 unnamed
sources". The article's own words stay as they were written, in «guillemets» after a dash:

    2 unnamed sources — «со ссылкой на источники»
    Financial Times (outlet) — «пишет FT»            (detailed: the claim's and the proposal's page)
    Иван Петров, глава Huawei
"""

from __future__ import annotations

KIND_WORDS = {
    "outlet": "outlet",
    "person": "person",
    "organisation": "organisation",
    "unnamed": "unnamed group",
    "own": "the article's own statement",
}


def unnamed_text(count: int | None) -> str:
    if not count:
        return "unnamed sources"
    return f"{count} unnamed source{'s' if count != 1 else ''}"


def link_text(
    *,
    name: str | None,
    kind: str | None,
    count: int | None = None,
    phrase: str = "",
    role: str = "",
    new: bool = False,
    detailed: bool = False,
) -> str:
    """One link for a reader. `name` is the registry source's (or a proposal's new source's) name.

    Short (lists, one-line chains): who, and for an unnamed group the words that stand for it.
    Detailed (a single claim or proposal): also the source's kind, its role and the verbatim phrase.
    """
    name = (name or "").strip()
    phrase = " ".join((phrase or "").split())
    role = " ".join((role or "").split())
    unnamed = kind == "unnamed"
    if name:
        who = f"{count} × {name}" if unnamed and count else name
        notes = [KIND_WORDS[kind]] if detailed and kind in KIND_WORDS else []
        if new:
            notes.append("new source")
        if notes:
            who += f" ({', '.join(notes)})"
    elif unnamed:
        who = unnamed_text(count)
    elif role:
        who, role = role, ""
    else:
        who = ""
    if role and (detailed or not name):
        who = f"{who}, {role}" if who else role
    if phrase and (unnamed or detailed or not who):
        return f"{who} — «{phrase}»" if who else f"«{phrase}»"
    return who or KIND_WORDS.get(kind or "", "unknown source")


def chain_text(links: list[str]) -> str:
    """Links outermost first, on one line."""
    return " ← ".join(links) or "—"
