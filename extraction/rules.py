"""Rule-based claim and attribution extraction for Russian and English news prose.

Pure Python: no database, no network. Source names are matched to the registry afterwards, in one
batch, by `extraction.registry`, so the rules can be run and measured without Django.

The shape of the result, per claim: the text with the attribution stripped, its kind, the span
(offsets into the article text), the entities, and the chain of cited links (outermost first)
below the article's own outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import lexicon as lx
from .text import MAX_SENTENCE_CHARS, check_text, guess_language, split_sentences

EXTRACTOR_VERSION = "rules-1"

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


@dataclass
class ProposedClaim:
    text: str
    kind: str
    start: int
    end: int
    links: list[Mention]
    entities: list[str]


@dataclass
class Extraction:
    language: str
    claims: list[ProposedClaim]
    warnings: list[str]


# --- helpers -------------------------------------------------------------------------------------------

_WORD = re.compile(r"[\w][\w\-.’']*", re.U)
_QUOTED_NAME = re.compile(r"[«\"“„]([^»\"”“]{1,80})[»\"”“]")
_QUOTE = re.compile(r"[«\"“„]([^»\"”“]{1,2000})[»\"”“]")
_DATELINE = re.compile(
    r"^\s*(?:(?:date|дата)\s+\d{4}-\d{2}-\d{2}\s+|"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40},\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s+\((?P<wire>[^)]{2,40})\)\s+[-—–]\s+)"
)


def _titlecase(token: str) -> bool:
    return token[:1].isupper() and not token.isupper() or (token.isupper() and len(token) > 1)


def _clean(phrase: str) -> str:
    return phrase.strip(" ,.;:—–-\u00a0\n\t")


def _count_of(phrase: str) -> int | None:
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


def _registry_candidates(name: str) -> list[str]:
    out = [name]
    paren = re.search(r"\(([^)]{1,40})\)", name)
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out += [bare, re.sub(r"^(?:the|The)\s+", "", bare)]
    if paren:
        out.append(paren.group(1).strip())
    return [c for c in dict.fromkeys(out) if c]


# --- the source parser ---------------------------------------------------------------------------------


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


def _name_runs(phrase: str) -> list[tuple[int, int, list[str]]]:
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
            _script(tok) == _script(current[-1]) and tok.isupper() == current[-1].isupper()
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


def _script(token: str) -> str:
    return "cyrillic" if re.search(r"[а-яё]", token, re.I) else "latin"


def _looks_orgish(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    return bool(lx.ORG_WORDS.search(text) or lx.OUTLET_WORDS.search(text)) or all(t.isupper() for t in tokens)


def parse_source(phrase: str, ctx: Context, *, verb: str = "", genitive: bool = False) -> list[Mention]:
    """The links a source phrase names, outermost first ("РБК два источника" -> outlet, unnamed)."""
    original = _clean(phrase)
    text = original
    if not text or len(text) > 250:
        return []
    prefix: list[Mention] = []

    if re.match(
        r"^(?:an?|the)\s+(?:filing|document|notice)\s+(?:posted|published)\s+(?:on|by)\s+the\s+"
        r"(?:agency|ministry|company|regulator)",
        text,
        re.I,
    ):
        return prefix + [Mention(ORGANISATION, phrase=original)]
    if re.match(r"^(?:an?|the)\s+(?:letter|document|memo|email|draft|copy)\b", text, re.I):
        return prefix
    m = _PUBLISHED_BY.match(text) or re.match(
        r"^(?:data|figures|statistics|numbers|данны[ех]|статистик\w*)\s+(?:from|by|of)?\s*(?P<src>[A-ZА-ЯЁ«\"]?.+)$",
        text,
        re.I,
    )
    if m and m.group("src")[:1].isupper() or m and m.group("src").lower().startswith("the "):
        text = _clean(m.group("src"))
    m = _INTERVIEWED_BY.match(text)
    if m:
        prefix += _outlet(_clean(m.group("outlet")), ctx, original)
        text = _clean(m.group("group"))
    m = _VENUE.search(text)
    if m and not re.fullmatch(
        r"(?:reporters|colleagues|dealers|supporters|investors|журналистам)", m.group("venue"), re.I
    ):
        prefix += _outlet(_clean(m.group("venue")), ctx, original)
        text = _clean(text[: m.start()])
    text = _clean(_ADVERBIAL.sub("", text))
    text = re.sub(
        r"^(?:в ходе|во время|на)\s+(?:пресс-конференции|брифинга|брифинге|встречи|заседании|заседания|форуме|"
        r"форума|совещании)\s+",
        "",
        text,
        flags=re.I,
    )
    if not text:
        return prefix
    low = text.lower()

    if low in lx.PRONOUNS_PERSON:
        if ctx.last_speaker is not None:
            return prefix + [replace(ctx.last_speaker, phrase=original, quote="")]
        return prefix + [Mention(PERSON, phrase=original)]
    if lx.OUTLET_ANAPHORA.match(low):
        if ctx.last_outlet is not None:
            return prefix + [replace(ctx.last_outlet, phrase=original, quote="")]
        return prefix + [Mention(OUTLET, phrase=original)]
    # "собеседники издания", "sources close to the newspaper": the outlet's unnamed sources.
    m = re.match(
        r"^(?P<group>.+?)\s+(?P<anaphor>издания|газеты|агентства|the newspaper|the paper)$", text, re.I
    )
    if m and lx.UNNAMED_NOUN.search(m.group("group")):
        outlet = [replace(ctx.last_outlet, phrase=original)] if ctx.last_outlet else []
        return prefix + outlet + [Mention(UNNAMED, count=_count_of(m.group("group")), phrase=original)]

    # Unnamed sources of a named outlet: "источника РИА Новости в отрасли".
    m = re.match(
        r"^(?P<group>(?:\w+\s+)?(?:источник\w*|собеседник\w*))\s+(?P<outlet>[«A-ZА-ЯЁ][\w\-»]*(?:\s+[«A-ZА-ЯЁ][\w\-»]*){0,2})"
        r"(?P<rest>.*)$",
        text,
    )
    if m and not lx.OUTLET_ANAPHORA.match(m.group("outlet")):
        return (
            prefix
            + _outlet(m.group("outlet"), ctx, original)
            + [Mention(UNNAMED, count=_count_of(m.group("group")), phrase=original)]
        )
    # A named outlet followed by its unnamed sources: "РБК два источника в отрасли".
    m = re.match(
        r"^(?P<outlet>[«\"“]?[A-ZА-ЯЁ][\w.«»\"” -]{0,40}?[»\"”]?)\s+(?P<group>(?:\w+\s+){0,2}?"
        r"(?:источник\w*|собеседник\w*|sources?|people))\b.*$",
        text,
    )
    if m and lx.NUMBERS.get(m.group("outlet").split()[-1].lower()) is None:
        head = _clean(m.group("outlet"))
        if head.lower() not in lx.NOT_NAMES and not lx.NUMBERS.get(head.lower()):
            rest = text[m.start("group") :]
            return (
                prefix
                + _outlet(head, ctx, original)
                + [Mention(UNNAMED, count=_count_of(rest), phrase=original)]
            )

    runs = [r for r in _name_runs(text) if not _looks_orgish(r[2])]
    strong_unnamed = lx.ANONYMITY.search(text) or re.search(r"источник|собеседник|sources?\b", low)

    # Groups at a named organisation: "analysts at Crestline Securities", "аналитиков TrendForce".
    m = re.match(
        r"^(?i:analysts?|economists?|researchers?|experts?|аналитик\w*|эксперт\w*|экономист\w*)\s+"
        r"(?:at|from|with|of)?\s*(?P<org>[«\"“]?[A-ZА-ЯЁ].{0,60})$",
        text,
    )
    if m and not any(len(r[2]) >= 2 and not _looks_orgish(r[2]) for r in _name_runs(m.group("org"))):
        return prefix + [_org_or_outlet(_clean(m.group("org")).strip('«»"“”'), ctx, original)]

    if strong_unnamed or (lx.UNNAMED_NOUN.search(low) and not runs):
        if not (runs and not strong_unnamed):
            return prefix + [Mention(UNNAMED, count=_count_of(text), phrase=original)]

    quoted = _QUOTED_NAME.search(text)
    # A person: a run of capitalised words that is not an organisation, with or without a role.
    if runs:
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
            and _script(tokens[0]) == "latin"
            and re.search(r"[а-яё]", text, re.I)
            and not ctx.person_by_surname(tokens[0])
        )
        has_role = any(w.lower().strip(",") in lx.ROLE_WORDS for w in text.split())
        if re.search(r"\b(?:for|of|at|from)\s*$", text[:start], re.I) and has_role and len(tokens) == 1:
            # "a spokesperson for Orion": the name is the affiliation; the person is unnamed.
            role = re.sub(r"^(?:an?|the)\s+", "", text, flags=re.I)
            return prefix + [Mention(PERSON, role=role, phrase=original)]
        outlet_verb = verb in OUTLET_VERBS and not has_role
        if (
            person_like
            and not outlet_verb
            and not affiliation_only
            and not (quoted and quoted.start() <= start < quoted.end())
        ):
            if len(tokens) > 2:
                start = start + text[start:end].index(tokens[-2])
                tokens = tokens[-2:]
            name = " ".join(tokens)
            known = ctx.person_by_surname(name) if len(tokens) == 1 else None
            if known is not None:
                return prefix + [replace(known, phrase=original, quote="")]
            role = _clean(text[:start] + " " + text[end:])
            role = re.sub(r"^(?:dr\.?|mr\.?|ms\.?|mrs\.?)\s+|\s+(?:dr\.?|mr\.?|ms\.?)$", "", role, flags=re.I)
            role = _clean(re.sub(r"^(?:an?|the)\s+", "", role.strip(", "), flags=re.I))
            first = role.split()[0].lower() if role.split() else ""
            if first in lx.ROLE_NOMINATIVE:
                role = lx.ROLE_NOMINATIVE[first] + role[len(first) :]
            candidates = nominative_guesses(name) if genitive else []
            person = Mention(PERSON, name=name, role=role, phrase=original, candidates=candidates)
            if genitive and candidates:
                person.name, person.candidates = candidates[0], [name, *candidates[1:]]
            ctx.persons.append(person)
            return prefix + [person]

    # Role only: "Глава Huawei", "a spokesperson", "Представитель TSMC".
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
        return prefix + [Mention(PERSON, role=role, phrase=original)]
    if lx.UNNAMED_NOUN.search(low) and not any(len(r[2]) >= 2 for r in runs) and not quoted:
        return prefix + [Mention(UNNAMED, count=_count_of(text), phrase=original)]

    if quoted:
        name = quoted.group(1).strip()
        head = text[: quoted.start()].lower()
        if (
            lx.OUTLET_WORDS.search(head)
            and not lx.ORG_HEAD_RU.match(head)
            or verb in {"пишет", "пишут", "writes", "wrote", "reported"}
        ):
            return prefix + _outlet(name, ctx, original)
        guesses = nominative_guesses(name)
        if re.match(r"^(?:в|во)\s*$", head.strip()) and guesses and len(name.split()) == 1:
            # "В «Газпроме» ответили": the prepositional case; propose the nominative.
            return prefix + [
                Mention(ORGANISATION, name=guesses[0], phrase=original, candidates=[name, *guesses[1:]])
            ]
        return prefix + [Mention(ORGANISATION, name=name, phrase=original, candidates=guesses)]
    if lx.ORG_HEAD_RU.match(low):
        name = (
            text
            if re.search(r"[A-ZА-ЯЁ]", text[1:]) or len(words) > 1 and not words[0].startswith("в")
            else ""
        )
        if words[0] in {"в", "пресс-служба", "пресс-службе"} or re.match(
            r"^(?:пресс-служб\w*|компани\w*|авиакомпани\w*)$", low
        ):
            name = ""
        return prefix + [Mention(ORGANISATION, name=name, phrase=original)]
    return prefix + [
        _org_or_outlet(
            re.sub(r"^(?:the)\s+", "", text, flags=re.I) if len(text.split()) > 2 else text,
            ctx,
            original,
            verb=verb,
            genitive=genitive,
        )
    ]


def _outlet(name: str, ctx: Context, phrase: str) -> list[Mention]:
    name = re.sub(
        r"^(?:агентство|газета|издание|телеканал|журнал|агентством|газетой)\s+", "", name, flags=re.I
    )
    if len(name.split()) > 2:
        name = re.sub(r"^the\s+", "", name, flags=re.I)  # "The Information" keeps its article
    name = name.strip('«»"“”')
    if not name:
        return []
    mention = Mention(
        OUTLET, name=name, phrase=phrase, candidates=[*_registry_candidates(name), *nominative_guesses(name)]
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
        return _outlet(bare, ctx, phrase)[0]
    guesses = nominative_guesses(bare)
    head = bare.split()[0].lower() if bare.split() else ""
    if genitive and head in lx.ORG_HEAD_NOMINATIVE and len(bare.split()) > 1:
        # "Агентства энергетической безопасности" -> "Агентство энергетической безопасности"
        nominative = lx.ORG_HEAD_NOMINATIVE[head]
        guesses = [nominative[0].upper() + nominative[1:] + bare[len(head) :], *guesses]
    mention = Mention(
        ORGANISATION, name=bare, phrase=phrase, candidates=[*_registry_candidates(bare), *guesses]
    )
    if genitive and guesses and (len(bare.split()) == 1 or head in lx.ORG_HEAD_NOMINATIVE):
        mention.name, mention.candidates = guesses[0], [bare, *guesses[1:]]
    return mention


# --- sentence patterns ---------------------------------------------------------------------------------

_SAY = rf"(?:{lx.RU_SAY}|{lx.EN_SAY})"
# A participial tail that still describes the source: "двух человек, знакомых с ходом обсуждений".
_PARTICIPLE = r"(?:,\s+(?:знаком\w+|близк\w+|опрошенн\w+|пожелав\w+|familiar|who|speaking)[^,]{1,150})?"
_GERUND = re.compile(
    r"^(?P<head>[^,]{2,160}),\s*(?P<verb>отметив|заявив|подчеркнув|добавив|сообщив|пояснив|уточнив|saying|adding),?"
    r"\s*(?:что|that)?\s+(?P<claim>.+)$",
    re.I,
)
_GLUE = {"по", "из", "в", "of", "at", "the", "a", "an", "for"}


def _leading_noun_phrase(text: str) -> str:
    """The subject at the start of a clause: names, roles and their glue words, up to the first verb."""
    words = []
    for word in text.split():
        bare = word.strip('«»"“”,')
        if (
            bare[:1].isupper()
            or bare.lower() in lx.ROLE_WORDS
            or bare.lower() in _GLUE
            or word.startswith("«")
        ):
            words.append(word)
        else:
            break
    return " ".join(words)


_BACKREF = re.compile(
    rf"^(?:об этом|о том|это|такие данные|эту информацию|информацию)\s+(?:\w+\s+){{0,2}}?"
    rf"(?P<verb>{lx.RU_SAY}|(?:говорится|сообщается|указано|указывается) в (?:сообщении|заявлении|пресс-релизе|"
    rf"материалах|документе|отч[её]те|письме|публикации))\s+"
    rf"(?P<src>[^,]{{1,200}}?)(?:,?\s+со ссылкой на\s+(?P<src2>[^,]{{1,200}}?{_PARTICIPLE}))?"
    rf"(?:,\s*(?:добавив|отметив|подчеркнув|уточнив|пояснив)\b.*)?\s*[.!]?$|"
    rf"^(?:this|that|the news) was (?:first )?(?P<verb_en>reported) by\s+(?P<src_en>.{{1,200}}?)"
    rf"(?:,?\s+citing\s+(?P<src2_en>.{{1,200}}?))?\s*[.!]?$",
    re.I,
)
_LEADING = re.compile(
    r"^(?P<cue>по (?:данным|информации|сведениям|словам|мнению|оценке|оценкам|подсч[её]там|прогнозу|версии|"
    r"утверждению)|согласно(?: данным| информации)?|как (?:сообща(?:ет|ют)|сообщил[аио]?|пишет|пишут|"
    r"переда[её]т|отметил[аи]?|заявил[аи]?|рассказал[аи]?|уточнил[аи]?|пояснил[аи]?)(?: в)?|"
    r"как (?:говорится|сообщается|указано|указывается) в (?:сообщении|письме|заявлении|документе|отч[её]те|"
    r"пресс-релизе|материалах)|"
    r"according to|citing|as (?:reported by|first reported by))\s+"
    r"(?P<src>[^,]{1,200}?(?:,\s+(?:знаком\w+|близк\w+|опрошенн\w+|пожелав\w+|familiar|who|speaking)[^,]{1,150})?)"
    r"(?:,?\s+(?:со ссылкой на|citing)\s+(?P<src2>[^,]{1,200}?))?,\s+(?P<claim>.+)$",
    re.I,
)
_TRAILING_RU = re.compile(
    rf"^(?P<claim>.+?)(?:,\s*(?:[—–-]\s*)?|\s[—–-]\s+)(?P<verb>{lx.RU_SAY})\s+(?P<src>[^«»]{{1,200}}?)"
    rf"(?:,?\s+со ссылкой на\s+(?P<src2>.{{1,200}}?))?\s*[.!]?$",
    re.I,
)
_TRAILING_KNOWN = re.compile(
    r"^(?P<claim>.+?),\s*как стало известно\s+(?P<src>.{1,120}?)\s*[.!]?$",
    re.I,
)
_PARENTHETICAL = re.compile(
    r"^(?P<claim1>.+?),\s*(?P<cue>по (?:данным|словам|мнению|прогнозу|оценке|оценкам|информации)|according to)\s+"
    r"(?P<src>[^,]{1,120}),\s*(?P<claim2>.+)$",
    re.I,
)
_TRAILING_FROM_DATA = re.compile(
    r"^(?P<claim>.+?),\s*(?:следует из|говорится в|сообщается в)\s+(?:данных|отч[её]та|доклада|сообщения|"
    r"заявлении|пресс-релизе|материалах)?\s*(?P<src>.{1,200}?)\s*[.!]?$",
    re.I,
)
_TRAILING_EN = re.compile(
    r"^(?P<claim>.+?)(?:,|\s[—–-])(?!\s*as\b)\s*(?P<src>[^,\"“”]{1,150}?)\s+(?:has |have |had )?"
    r"(?P<verb>said|says|reported|reports|wrote|added|noted|confirmed|showed|shows|announced|"
    r"told (?:reporters|colleagues|dealers|investors|\w+(?: \w+){0,2}?))(?:\s+(?:on|in|at|during|last|this|late|"
    r"earlier|by)\b[^,]{0,60})?(?:,\s*citing\s+(?P<src2>.{1,150}?))?\s*[.!]?$"
)
_TRAILING_EN_INVERTED = re.compile(
    r"^(?P<claim>.+?),\s*(?P<verb>said|says|added|according to|wrote|reported|told|as (?:first |previously )?"
    r"reported by)\s+(?P<src>.{1,200}?)\s*[.!]?$",
    re.I,
)
_QUOTE_LED = re.compile(
    rf"^[«„\"“](?P<q>.+?)[,.?!]?[»“\"”],?\s*(?:[—–-]+\s*)?(?:"
    rf"(?P<verb>{_SAY})\s+(?P<src>.+?)|(?P<src_b>[^,]{{1,120}}?)\s+(?P<verb_b>said|says|added|told \w+(?: \w+)?)"
    rf"(?:\b[^,]{{0,60}})?)\s*[.!]?$",
    re.I,
)
_SUBJECT_VERB = re.compile(
    rf"(?:^(?:(?:in|on|at|during|speaking)\s[^,]{{1,60}},\s*|(?:в|на)\s[^,]{{1,60}},\s*)?|,\s*как\s+|\bafter\s+|;\s*)(?P<src>[^,;\"“”]{{2,160}}?(?:,\s*(?:who|speaking|an?|the|компания|группа|банк|холдинг|сеть|"
    rf"оператор|производитель|издание|газета|агентство)\s[^,]{{1,150}},)?)"
    rf"\s+(?:has |have |had |also |earlier |later |previously |на прошлой неделе |до этого |ранее |также )*"
    rf"(?P<verb>{_SAY})\b"
    rf"(?P<after>.*)$",
    re.I,
)
_THAT = re.compile(
    r"^(?:\s+(?:журналистам|репортерам|в интервью \S+|reporters|colleagues|dealers|supporters(?: in \w+)?|"
    r"investors|\w+ news|in a statement|in an email|on \w+day|last week|on a conference call))*\s*(?:,\s*)?"
    r"(?:что|that|:)\s+(?P<claim>.+)$",
    re.I,
)


@dataclass
class Attribution:
    links: list[Mention]
    claim_start: int  # relative to the sentence
    claim_end: int
    cue: str
    backref: bool = False
    whole_sentence: bool = False


def _rel(m: re.Match, group: str) -> tuple[int, int]:
    return m.start(group), m.end(group)


def _source_links(
    m: re.Match, ctx: Context, *, src="src", src2="src2", verb="verb", genitive=False
) -> list[Mention]:
    verb_text = (m.group(verb) or "").lower() if verb in m.groupdict() and m.group(verb) else ""
    if "reported by" in verb_text:
        verb_text = "reported"
    links = parse_source(m.group(src), ctx, verb=verb_text, genitive=genitive)
    if src2 in m.groupdict() and m.group(src2):
        links += parse_source(m.group(src2), ctx)
    return links


def analyse(sentence: str, ctx: Context) -> Attribution | None:
    s = sentence.rstrip()
    m = _BACKREF.match(s)
    if m:
        if m.group("verb"):
            links = _source_links(m, ctx, genitive=False)
        else:
            links = _source_links(m, ctx, src="src_en", src2="src2_en", verb="verb_en")
        if links:
            return Attribution(links, 0, 0, m.group(0), backref=True)

    m = _QUOTE_LED.match(s)
    if m:
        if m.group("src"):
            links = _source_links(m, ctx)
        else:
            links = _source_links(m, ctx, src="src_b", verb="verb_b")
        if links:
            if not links[-1].quote:
                links[-1].quote = m.group("q")
            return Attribution(links, *_rel(m, "q"), cue=s[m.end("q") :])

    m = _LEADING.match(s)
    if m:
        cue = m.group("cue").lower()
        genitive = cue.startswith("по ")
        links = parse_source(m.group("src"), ctx, verb=cue.split()[-1], genitive=genitive)
        if m.group("src2"):
            links += parse_source(m.group("src2"), ctx)
        claim_start, claim_end = _rel(m, "claim")
        tail = re.search(r",\s*(?:citing|со ссылкой на)\s+(?P<src>[^,]{1,150}?)\s*[.!]?$", s[claim_start:])
        if tail:
            links += parse_source(tail.group("src"), ctx)
            claim_end = claim_start + tail.start()
        if links:
            if cue == "по мнению":
                links[-1].phrase = links[-1].phrase or m.group(0)
            q = _QUOTE.search(s[claim_start:claim_end])
            if q and links[-1].kind == PERSON and not links[-1].quote:
                links[-1].quote = q.group(1)
            return Attribution(links, claim_start, claim_end, cue=s[: m.start("claim")])

    m = _TRAILING_KNOWN.match(s)
    if m:
        src = _clean(m.group("src"))
        guesses = nominative_guesses(src.strip('«»"“”'))
        links = _outlet(src, ctx, m.group(0).lstrip(", "))
        if links and guesses:
            links[0].candidates += guesses
            if "«" in src or len(src.split()) == 1:
                links[0].name = guesses[0]
        if links:
            return Attribution(links, *_rel(m, "claim"), cue="как стало известно")

    for pattern in (_TRAILING_FROM_DATA, _TRAILING_RU, _TRAILING_EN, _TRAILING_EN_INVERTED):
        m = pattern.match(s)
        if not m:
            continue
        verb = (m.groupdict().get("verb") or "").lower()
        src = m.group("src")
        if pattern is _TRAILING_EN and len(src.split()) > 12:
            continue
        if pattern is _TRAILING_EN_INVERTED and re.search(
            r"\b(?:would|will|is|was|were|are|has|had|could)\b", src
        ):
            continue
        told = re.match(r"told\s+(?P<obj>.+)$", m.groupdict().get("verb") or "")
        links = _source_links(m, ctx, genitive=pattern is _TRAILING_FROM_DATA)
        if told and told.group("obj").lower() not in {"reporters", "colleagues", "dealers", "investors"}:
            obj = told.group("obj")
            if not ctx.outlet or obj.lower() != ctx.outlet.lower():
                links = _outlet(obj, ctx, m.group(0)) + links
        if not links:
            continue
        if pattern is _TRAILING_EN_INVERTED and verb == "told":
            continue
        quote = None
        if links[-1].kind == PERSON:
            q = _QUOTE.search(m.group("claim"))
            quote = q.group(1) if q else None
        if quote and not links[-1].quote:
            links[-1].quote = quote
        return Attribution(links, *_rel(m, "claim"), cue=s[m.end("claim") :])

    m = _GERUND.match(s)
    if m:
        subject = _leading_noun_phrase(m.group("head"))
        links = parse_source(subject, ctx, verb=m.group("verb").lower()) if subject else []
        if links and _plausible_subject(links, subject):
            q = _QUOTE.search(m.group("claim"))
            if q and links[-1].kind in (PERSON, ORGANISATION) and not links[-1].quote:
                links[-1].quote = q.group(1)
            return Attribution(links, *_rel(m, "claim"), cue=m.group("verb"))

    m = _PARENTHETICAL.match(s)
    if m:
        cue = m.group("cue").lower()
        links = parse_source(m.group("src"), ctx, verb=cue.split()[-1], genitive=cue.startswith("по "))
        if links:
            return Attribution(links, 0, len(s.rstrip(" .!")), cue=cue, whole_sentence=True)

    m = _SUBJECT_VERB.search(s)
    if m:
        verb = m.group("verb").lower()
        src = m.group("src").strip()
        words = src.split()
        # "X is expected to ...": a passive verb has no speaker.
        passive = re.search(r"\b(?:is|are|was|were|be|been|being|not|не)$", src, re.I)
        if 1 <= len(words) <= 24 and not re.search(r"[.!?]", src) and not passive:
            after = m.group("after")
            told_obj = None
            if verb in {"told", "tells"}:
                to = re.match(
                    r"\s+(?P<obj>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})(?=\s+(?:that|on|in)\b|\s*[,:])", after
                )
                if to:
                    told_obj = to.group("obj")
                    after = after[to.end() :]
            dative = re.match(r"\s+(?P<obj>«[^»]{1,60}»|[A-ZА-ЯЁ]{2,10})(?=\s*,?\s*(?:что|:))", after)
            if dative and re.search(r"[а-яё]", verb):
                told_obj = dative.group("obj").strip("«»")
                after = after[dative.end() :]
            that = _THAT.match(after)
            links = parse_source(src, ctx, verb=verb)
            if links and _plausible_subject(links, src):
                if told_obj and (not ctx.outlet or told_obj.lower() != ctx.outlet.lower()):
                    outlet = _outlet(told_obj, ctx, f"told {told_obj}")
                    guesses = nominative_guesses(told_obj) if dative else []
                    if outlet and guesses:
                        # "рассказали «Ведомостям»": the dative; propose the nominative, match either.
                        outlet[0].name, outlet[0].candidates = guesses[0], [told_obj, *guesses[1:]]
                    links = outlet + links
                if that:
                    start = m.end("verb") + (len(m.group("after")) - len(after)) + that.start("claim")
                    end = len(s)
                else:
                    start, end = m.start("src"), len(s)
                q = _QUOTE.search(s[m.end("verb") :])
                if q and links[-1].kind in (PERSON, ORGANISATION) and not links[-1].quote:
                    links[-1].quote = q.group(1)
                return Attribution(links, start, end, cue=verb, whole_sentence=not that)
    return None


def _plausible_subject(links: list[Mention], src: str) -> bool:
    """A subject-verb match only counts when the subject names a source, not any noun phrase."""
    last = links[-1]
    if last.kind == PERSON:
        return True
    if last.kind == UNNAMED:
        return bool(lx.UNNAMED_NOUN.search(src))
    if last.kind == OUTLET:
        return True
    # An organisation must be a name, not a common noun phrase ("Технические сложности").
    return bool(last.name) and (
        bool(re.search(r"[A-ZА-ЯЁ]", last.name[1:]))
        or "«" in src
        or bool(lx.ORG_WORDS.search(src))
        or len(src.split()) <= 3
        and src[:1].isupper()
        and bool(re.fullmatch(r"[A-Z][\w-]*", last.name))
    )


# --- claim kind and entities ---------------------------------------------------------------------------


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
            latin_in_russian = cyrillic_text and _script(tok) == "latin"
            next_is_name = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
            is_entity = latin_in_russian or (not cyrillic_text and next_is_name)
        if is_entity and current and _script(tok) != _script(current[-1]):
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


# --- the driver ----------------------------------------------------------------------------------------


def _claim_text(raw: str) -> str:
    text = raw.strip(" ,;:—–-\n\t")
    text = re.sub(r"^(?:что|that)\s+", "", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in '.!?…»"”':
        text += "."
    return text


def _merge_entities(rule_entities: list[str], named: list[str]) -> list[str]:
    """NER names first (whole, nominative); rule names only where NER saw nothing overlapping."""
    out = list(dict.fromkeys(named))

    def same(a: str, b: str) -> bool:
        a, b = a.lower(), b.lower()
        if a in b or b in a:
            return True
        # "Китае" and "Китай": one word in two cases shares all but its ending.
        stem = min(len(a), len(b)) - 2
        return stem >= 3 and a[:stem] == b[:stem]

    for name in rule_entities:
        if not any(same(name, n) for n in out):
            out.append(name)
    return out


def extract(
    text: object, *, language: str | None = None, outlet: str | None = None, use_ner: bool = True
) -> Extraction:
    """Propose the claims an article makes, each with the cited links of its attribution chain.

    `outlet` is the article's own outlet name, so "told Reuters" in a Reuters story is not a link.
    Raises ExtractionError for input that is not an article (empty, binary, too long).
    """
    article = check_text(text)
    lang = language or guess_language(article)
    warnings: list[str] = []
    body_start = 0
    dateline = _DATELINE.match(article)
    if dateline:
        body_start = dateline.end()
        if dateline.group("wire") and not outlet:
            outlet = dateline.group("wire")
    ctx = Context(outlet)
    named = []
    if use_ner and lang == "ru":
        from . import ner

        if len(article) <= ner.MAX_CHARS:
            named = ner.entities(article)
        elif ner.enabled():
            warnings.append(
                f"Named-entity recognition skipped: the text is over {ner.MAX_CHARS:,} characters."
            )
    claims: list[ProposedClaim] = []
    pending: list[int] = []  # claims of the current paragraph with no attribution yet
    paragraph = -1
    skipped_long = 0
    for sentence in split_sentences(article):
        start = max(sentence.start, body_start)
        if start >= sentence.end:
            continue
        if sentence.paragraph != paragraph:
            paragraph, pending = sentence.paragraph, []
        raw = article[start : sentence.end]
        if len(raw) > MAX_SENTENCE_CHARS:
            skipped_long += 1
            continue
        if len(raw.split()) < 4 or raw.rstrip().endswith("?") or lx.NON_CLAIM.search(raw):
            continue
        attribution = analyse(raw, ctx)
        if attribution is not None and attribution.backref and not pending:
            # "Об этом же заявил министр": nothing before it to attribute, so it is a statement itself.
            attribution = Attribution(attribution.links, 0, len(raw), attribution.cue, whole_sentence=True)
        if attribution is not None and attribution.backref:
            for index in pending:
                claims[index].links = attribution.links
                claims[index].kind = classify(claims[index].text, attribution.cue, attribution.links)
            if pending and sentence.paragraph == 0 and attribution.links[0].kind == OUTLET:
                ctx.report = attribution.links[0]
            ctx.prev_links = attribution.links
            pending = []
            continue
        if attribution is None:
            links: list[Mention] = []
            background = bool(lx.BACKGROUND.match(raw))
            if (
                ctx.report is not None
                and not background
                and ctx.prev_links
                and ctx.prev_links[0].kind == OUTLET
                and ctx.prev_links[0].name == ctx.report.name
            ):
                links = [ctx.report]
            if background:
                ctx.report = None
            c_start, c_end, cue = start, sentence.end, ""
        else:
            links = attribution.links
            # Bare "sources" inside a re-report are the cited outlet's sources ("отметили два источника").
            if (
                ctx.report is not None
                and links[0].kind == UNNAMED
                and not lx.ANONYMITY.search(links[0].phrase)
                and re.search(r"\b(источник\w*|sources|the people)\b", links[0].phrase, re.I)
            ):
                links = [ctx.report, *links]
            if (
                sentence.paragraph == 0
                and links[0].kind == OUTLET
                and links[0].name
                and (not outlet or links[0].name.lower() != outlet.lower())
            ):
                ctx.report = links[0]
            c_start, c_end = start + attribution.claim_start, start + attribution.claim_end
            cue = attribution.cue
        while c_start < c_end and article[c_start] in " ,;:—–-":
            c_start += 1
        while c_end > c_start and article[c_end - 1] in " ,;:—–-.":
            c_end -= 1
        if c_end - c_start < 3:
            continue
        claim_raw = article[c_start:c_end]
        claim = ProposedClaim(
            text=_claim_text(claim_raw),
            kind=classify(claim_raw, cue, links),
            start=c_start,
            end=c_end,
            links=links,
            entities=_merge_entities(
                entities_of(claim_raw), [e.name for e in named if c_start <= e.start and e.end <= c_end]
            ),
        )
        claims.append(claim)
        ctx.prev_links = links
        if links and (links[-1].kind == PERSON or (links[-1].kind == UNNAMED and links[-1].count == 1)):
            ctx.last_speaker = links[-1]
        if attribution is None:
            pending.append(len(claims) - 1)
        else:
            pending = []
    if skipped_long:
        warnings.append(
            f"{skipped_long} passage(s) longer than {MAX_SENTENCE_CHARS} characters were skipped."
        )
    if claims and all(not c.links for c in claims):
        warnings.append("No attribution found: every claim is proposed as the article's own statement.")
    if not claims:
        warnings.append("No sentence in the text reads as a claim.")
    return Extraction(language=lang, claims=claims, warnings=warnings)
