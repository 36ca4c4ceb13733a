"""The source parser: what a source phrase ("два источника РБК", "a spokesperson for Orion") names."""

from __future__ import annotations

import re
from dataclasses import replace

from .. import lexicon as lx
from .mentions import (
    ORGANISATION,
    OUTLET,
    PERSON,
    QUOTED_NAME,
    UNNAMED,
    Mention,
    clean_phrase,
    count_of,
    looks_orgish,
    name_runs,
    nominative_guesses,
    registry_candidates,
    script_of,
)

# Verbs that outlets do and people rarely do, in news prose: "the Northern Courier reported".
OUTLET_VERBS = {"reported", "reports", "пишет", "пишут", "передает", "передаёт", "передают"}


class Context:
    """What the article has said so far: who "он", "the newspaper" and "издание" refer to."""

    def __init__(self, outlet: str | None):
        self.outlet = outlet
        self.last_outlet: Mention | None = None
        self.report: Mention | None = None  # the outlet the lede says the story comes from
        self.persons: list[Mention] = []
        self.prev_links: list[Mention] | None = None
        self.last_speaker: Mention | None = None  # who "он" / "he" is: the last single source quoted

    def person_by_surname(self, token: str) -> Mention | None:
        for person in reversed(self.persons):
            if person.name and person.name.split()[-1].lower() == token.lower():
                return person
        return None


_VENUE = re.compile(
    r"\s+(?:в интервью|в беседе с|в разговоре с|в эфире|in an interview with|in a post on|told)\s+"
    r"(?P<venue>[«\"“]?[\w][^,]{0,60}?)$",
    re.I,
)
_ADVERBIAL = re.compile(
    r"\s+(?:ранее|также|до этого|накануне|сегодня|вчера|на прошлой неделе|журналистам|репортерам|"
    r"в (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last week|earlier|also|"
    r"in a statement|in an email|in a filing|on a conference call|at a news conference)\b.*$",
    re.I,
)
_PUBLISHED_BY = re.compile(
    r"^(?:a|an|the)?\s*(?:poll|survey|study|report|filing|letter|statement|figures|data|estimates|numbers)\s+"
    r"(?:published|posted|released|seen|cited|compiled|gathered|collected)\s+by\s+(?P<src>.+)$",
    re.I,
)
_INTERVIEWED_BY = re.compile(
    r"^(?P<group>.+?),?\s+(?:опрошенн\w+|cited by|interviewed by|quoted by|polled by|surveyed by)\s+"
    r"(?:агентством|газетой|изданием|"
    r"the\s+)?\s*(?P<outlet>.+)$",
    re.I,
)


def parse_source(phrase: str, ctx: Context, *, verb: str = "", genitive: bool = False) -> list[Mention]:
    """The links a source phrase names, outermost first ("РБК два источника" -> outlet, unnamed)."""
    original = clean_phrase(phrase)
    if not original or len(original) > 250:
        return []
    document = _document_source(original)
    if document is not None:
        return document
    prefix, text = _strip_frames(original, ctx)
    if not text:
        return prefix
    return prefix + _bare_source(text, original, ctx, verb=verb, genitive=genitive)


def _document_source(text: str) -> list[Mention] | None:
    """A filing posted by a body names an organisation; a letter or memo names no one."""
    if re.match(
        r"^(?:an?|the)\s+(?:filing|document|notice)\s+(?:posted|published)\s+(?:on|by)\s+the\s+"
        r"(?:agency|ministry|company|regulator)",
        text,
        re.I,
    ):
        return [Mention(ORGANISATION, phrase=text)]
    if re.match(r"^(?:an?|the)\s+(?:letter|document|memo|email|draft|copy)\b", text, re.I):
        return []
    return None


def _strip_frames(original: str, ctx: Context) -> tuple[list[Mention], str]:
    """Peel off what surrounds the source ("data from", "cited by X", "in an interview with X", "earlier").

    Returns the outlets those frames name (outermost first) and the remaining source text.
    """
    text = original
    prefix: list[Mention] = []
    m = _PUBLISHED_BY.match(text) or re.match(
        r"^(?:data|figures|statistics|numbers|данны[ех]|статистик\w*)\s+(?:from|by|of)?\s*(?P<src>[A-ZА-ЯЁ«\"]?.+)$",
        text,
        re.I,
    )
    if m and m.group("src")[:1].isupper() or m and m.group("src").lower().startswith("the "):
        text = clean_phrase(m.group("src"))
    m = _INTERVIEWED_BY.match(text)
    if m:
        prefix += outlet_links(clean_phrase(m.group("outlet")), ctx, original)
        text = clean_phrase(m.group("group"))
    m = _VENUE.search(text)
    if m and not re.fullmatch(
        r"(?:reporters|colleagues|dealers|supporters|investors|журналистам)", m.group("venue"), re.I
    ):
        prefix += outlet_links(clean_phrase(m.group("venue")), ctx, original)
        text = clean_phrase(text[: m.start()])
    text = clean_phrase(_ADVERBIAL.sub("", text))
    text = re.sub(
        r"^(?:в ходе|во время|на)\s+(?:пресс-конференции|брифинга|брифинге|встречи|заседании|заседания|форуме|"
        r"форума|совещании)\s+",
        "",
        text,
        flags=re.I,
    )
    return prefix, text


def _bare_source(text: str, original: str, ctx: Context, *, verb: str, genitive: bool) -> list[Mention]:
    """The links of a source phrase with its frames removed; the first reading that fits wins."""
    low = text.lower()
    found = _anaphora(text, low, original, ctx)
    if found is not None:
        return found
    found = _outlet_and_its_sources(text, original, ctx)
    if found is not None:
        return found
    runs = [r for r in name_runs(text) if not looks_orgish(r[2])]
    strong_unnamed = lx.ANONYMITY.search(text) or re.search(r"источник|собеседник|sources?\b", low)
    found = _analysts_at(text, original, ctx)
    if found is not None:
        return found
    if strong_unnamed or (lx.UNNAMED_NOUN.search(low) and not runs):
        return [Mention(UNNAMED, count=count_of(text), phrase=original)]
    quoted = QUOTED_NAME.search(text)
    if runs:
        found = _named_person(text, original, ctx, runs, quoted, verb=verb, genitive=genitive)
        if found is not None:
            return found
    found = _role_only(text, low, original)
    if found is not None:
        return found
    if lx.UNNAMED_NOUN.search(low) and not any(len(r[2]) >= 2 for r in runs) and not quoted:
        return [Mention(UNNAMED, count=count_of(text), phrase=original)]
    if quoted:
        return _quoted_name(text, original, ctx, quoted, verb=verb)
    if lx.ORG_HEAD_RU.match(low):
        return [_russian_org_head(text, low, original)]
    return [
        _org_or_outlet(
            re.sub(r"^(?:the)\s+", "", text, flags=re.I) if len(text.split()) > 2 else text,
            ctx,
            original,
            verb=verb,
            genitive=genitive,
        )
    ]


def _anaphora(text: str, low: str, original: str, ctx: Context) -> list[Mention] | None:
    """ "он", "the newspaper", "собеседники издания": someone the article has already named."""
    if low in lx.PRONOUNS_PERSON:
        if ctx.last_speaker is not None:
            return [replace(ctx.last_speaker, phrase=original, quote="")]
        return [Mention(PERSON, phrase=original)]
    if lx.OUTLET_ANAPHORA.match(low):
        if ctx.last_outlet is not None:
            return [replace(ctx.last_outlet, phrase=original, quote="")]
        return [Mention(OUTLET, phrase=original)]
    # "собеседники издания", "sources close to the newspaper": the outlet's unnamed sources.
    m = re.match(
        r"^(?P<group>.+?)\s+(?P<anaphor>издания|газеты|агентства|the newspaper|the paper)$", text, re.I
    )
    if m and lx.UNNAMED_NOUN.search(m.group("group")):
        outlet = [replace(ctx.last_outlet, phrase=original)] if ctx.last_outlet else []
        return outlet + [Mention(UNNAMED, count=count_of(m.group("group")), phrase=original)]
    return None


def _outlet_and_its_sources(text: str, original: str, ctx: Context) -> list[Mention] | None:
    """A named outlet's unnamed sources, in either order: "источника РИА Новости", "РБК два источника"."""
    m = re.match(
        r"^(?P<group>(?:\w+\s+)?(?:источник\w*|собеседник\w*))\s+(?P<outlet>[«A-ZА-ЯЁ][\w\-»]*(?:\s+[«A-ZА-ЯЁ][\w\-»]*){0,2})"
        r"(?P<rest>.*)$",
        text,
    )
    if m and not lx.OUTLET_ANAPHORA.match(m.group("outlet")):
        return outlet_links(m.group("outlet"), ctx, original) + [
            Mention(UNNAMED, count=count_of(m.group("group")), phrase=original)
        ]
    m = re.match(
        r"^(?P<outlet>[«\"“]?[A-ZА-ЯЁ][\w.«»\"” -]{0,40}?[»\"”]?)\s+(?P<group>(?:\w+\s+){0,2}?"
        r"(?:источник\w*|собеседник\w*|sources?|people))\b.*$",
        text,
    )
    if m and lx.NUMBERS.get(m.group("outlet").split()[-1].lower()) is None:
        head = clean_phrase(m.group("outlet"))
        if head.lower() not in lx.NOT_NAMES and not lx.NUMBERS.get(head.lower()):
            rest = text[m.start("group") :]
            return outlet_links(head, ctx, original) + [
                Mention(UNNAMED, count=count_of(rest), phrase=original)
            ]
    return None


def _analysts_at(text: str, original: str, ctx: Context) -> list[Mention] | None:
    """Groups at a named organisation: "analysts at Crestline Securities", "аналитиков TrendForce"."""
    m = re.match(
        r"^(?i:analysts?|economists?|researchers?|experts?|аналитик\w*|эксперт\w*|экономист\w*)\s+"
        r"(?:at|from|with|of)?\s*(?P<org>[«\"“]?[A-ZА-ЯЁ].{0,60})$",
        text,
    )
    if m and not any(len(r[2]) >= 2 and not looks_orgish(r[2]) for r in name_runs(m.group("org"))):
        return [_org_or_outlet(clean_phrase(m.group("org")).strip('«»"“”'), ctx, original)]
    return None


def _named_person(
    text: str,
    original: str,
    ctx: Context,
    runs: list[tuple[int, int, list[str]]],
    quoted: re.Match | None,
    *,
    verb: str,
    genitive: bool,
) -> list[Mention] | None:
    """A person: a run of capitalised words that is not an organisation, with or without a role."""
    multi = [r for r in runs if len(r[2]) >= 2]
    latin = not re.search(r"[а-яё]", text, re.I)
    start, end, tokens = (multi[0] if latin else multi[-1]) if multi else runs[-1]
    person_like = (
        len(tokens) >= 2
        or ctx.person_by_surname(tokens[0])
        or any(w.lower() in lx.ROLE_WORDS for w in text[:start].split())
    )
    affiliation_only = (
        len(tokens) == 1
        and script_of(tokens[0]) == "latin"
        and re.search(r"[а-яё]", text, re.I)
        and not ctx.person_by_surname(tokens[0])
    )
    has_role = any(w.lower().strip(",") in lx.ROLE_WORDS for w in text.split())
    if re.search(r"\b(?:for|of|at|from)\s*$", text[:start], re.I) and has_role and len(tokens) == 1:
        # "a spokesperson for Orion": the name is the affiliation; the person is unnamed.
        role = re.sub(r"^(?:an?|the)\s+", "", text, flags=re.I)
        return [Mention(PERSON, role=role, phrase=original)]
    outlet_verb = verb in OUTLET_VERBS and not has_role
    if (
        person_like
        and not outlet_verb
        and not affiliation_only
        and not (quoted and quoted.start() <= start < quoted.end())
    ):
        return [_person(text, original, ctx, start, end, tokens, genitive=genitive)]
    return None


def _person(
    text: str, original: str, ctx: Context, start: int, end: int, tokens: list[str], *, genitive: bool
) -> Mention:
    """The person named by `tokens` (at text[start:end]); the rest of the phrase is the role."""
    if len(tokens) > 2:
        start = start + text[start:end].index(tokens[-2])
        tokens = tokens[-2:]
    name = " ".join(tokens)
    known = ctx.person_by_surname(name) if len(tokens) == 1 else None
    if known is not None:
        return replace(known, phrase=original, quote="")
    role = clean_phrase(text[:start] + " " + text[end:])
    role = re.sub(r"^(?:dr\.?|mr\.?|ms\.?|mrs\.?)\s+|\s+(?:dr\.?|mr\.?|ms\.?)$", "", role, flags=re.I)
    role = clean_phrase(re.sub(r"^(?:an?|the)\s+", "", role.strip(", "), flags=re.I))
    first = role.split()[0].lower() if role.split() else ""
    if first in lx.ROLE_NOMINATIVE:
        role = lx.ROLE_NOMINATIVE[first] + role[len(first) :]
    candidates = nominative_guesses(name) if genitive else []
    person = Mention(PERSON, name=name, role=role, phrase=original, candidates=candidates)
    if genitive and candidates:
        person.name, person.candidates = candidates[0], [name, *candidates[1:]]
    ctx.persons.append(person)
    return person


def _role_only(text: str, low: str, original: str) -> list[Mention] | None:
    """Role only: "Глава Huawei", "a spokesperson", "Представитель TSMC"."""
    words = low.split()
    if (
        words
        and (words[0] in lx.ROLE_WORDS or (len(words) > 1 and words[1] in lx.ROLE_WORDS))
        and not lx.ORG_HEAD_RU.match(low)
    ):
        role = text
        first = words[0]
        if first in lx.ROLE_NOMINATIVE:
            role = lx.ROLE_NOMINATIVE[first] + role[len(first) :]
        role = re.sub(r"^(?:an?|the)\s+", "", role, flags=re.I)
        return [Mention(PERSON, role=role, phrase=original)]
    return None


def _quoted_name(text: str, original: str, ctx: Context, quoted: re.Match, *, verb: str) -> list[Mention]:
    """A name in quotes: an outlet when the words or the verb say so, else an organisation."""
    name = quoted.group(1).strip()
    head = text[: quoted.start()].lower()
    if (
        lx.OUTLET_WORDS.search(head)
        and not lx.ORG_HEAD_RU.match(head)
        or verb in {"пишет", "пишут", "writes", "wrote", "reported"}
    ):
        return outlet_links(name, ctx, original)
    guesses = nominative_guesses(name)
    if re.match(r"^(?:в|во)\s*$", head.strip()) and guesses and len(name.split()) == 1:
        # "В «Газпроме» ответили": the prepositional case; propose the nominative.
        return [Mention(ORGANISATION, name=guesses[0], phrase=original, candidates=[name, *guesses[1:]])]
    return [Mention(ORGANISATION, name=name, phrase=original, candidates=guesses)]


def _russian_org_head(text: str, low: str, original: str) -> Mention:
    """ "Пресс-служба компании", "В Минфине": an organisation, named only when the phrase names it."""
    words = low.split()
    name = (
        text if re.search(r"[A-ZА-ЯЁ]", text[1:]) or len(words) > 1 and not words[0].startswith("в") else ""
    )
    if words[0] in {"в", "пресс-служба", "пресс-службе"} or re.match(
        r"^(?:пресс-служб\w*|компани\w*|авиакомпани\w*)$", low
    ):
        name = ""
    return Mention(ORGANISATION, name=name, phrase=original)


def outlet_links(name: str, ctx: Context, phrase: str) -> list[Mention]:
    """The outlet `name` names (none if nothing is left of it); it becomes what "the newspaper" means."""
    name = re.sub(
        r"^(?:агентство|газета|издание|телеканал|журнал|агентством|газетой)\s+", "", name, flags=re.I
    )
    if len(name.split()) > 2:
        name = re.sub(r"^the\s+", "", name, flags=re.I)  # "The Information" keeps its article
    name = name.strip('«»"“”')
    if not name:
        return []
    mention = Mention(
        OUTLET, name=name, phrase=phrase, candidates=[*registry_candidates(name), *nominative_guesses(name)]
    )
    ctx.last_outlet = mention
    return [mention]


_DESCRIPTOR = re.compile(
    r"^(?:\w*(?:maker|maker's)|carrier|lender|insurer|retailer|airline|rival|group|regulator|operator|"
    r"developer|producer|manufacturer|company|firm|bank|startup)\s+(?=[A-Z])",
    re.I,
)


def _org_or_outlet(
    name: str, ctx: Context, phrase: str, *, verb: str = "", genitive: bool = False
) -> Mention:
    bare = re.sub(r"\s+(?:union|профсоюз)$", "", name.strip('«»"“”'), flags=re.I)
    bare = _DESCRIPTOR.sub("", bare)
    if re.fullmatch(r"[а-яё]+(?:ов|ев|ей)", bare) or re.fullmatch(r"(?:[a-z]+\s+){0,2}[a-z]+s", bare):
        # One lowercase plural noun in the genitive ("по прогнозу синоптиков"): a group, not a body.
        return Mention(UNNAMED, phrase=phrase)
    if not re.search(r"[A-ZА-ЯЁ]", bare):
        return Mention(ORGANISATION, phrase=phrase)
    is_outlet = (
        bool(lx.OUTLET_WORDS.search(bare))
        and not re.search(r"administration|agency|ministry|министерств", bare, re.I)
        or verb
        in {
            "пишет",
            "пишут",
            "writes",
            "wrote",
            "reported",
            "reports",
            "переда\u0435т",
            "передаёт",
        }
    )
    if is_outlet:
        return outlet_links(bare, ctx, phrase)[0]
    guesses = nominative_guesses(bare)
    head = bare.split()[0].lower() if bare.split() else ""
    if genitive and head in lx.ORG_HEAD_NOMINATIVE and len(bare.split()) > 1:
        # "Агентства энергетической безопасности" -> "Агентство энергетической безопасности"
        nominative = lx.ORG_HEAD_NOMINATIVE[head]
        guesses = [nominative[0].upper() + nominative[1:] + bare[len(head) :], *guesses]
    mention = Mention(
        ORGANISATION, name=bare, phrase=phrase, candidates=[*registry_candidates(bare), *guesses]
    )
    if genitive and guesses and (len(bare.split()) == 1 or head in lx.ORG_HEAD_NOMINATIVE):
        mention.name, mention.candidates = guesses[0], [bare, *guesses[1:]]
    return mention
