"""A source phrase ("Reuters, citing two people familiar with the matter") into a chain of Sources.

Language-aware through the lexicon; entity labels from a parser, where one ran, sharpen the guess.
A pronoun or a definite description ("she", "the company") comes out as a Source of kind "?" with
`resolved_from` set, for the discourse memory to resolve.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import Gazetteer
from .inflection import script_of
from .lexicon import Lexicon
from .model import ORGANISATION, OUTLET, PERSON, UNNAMED, Source

UNRESOLVED = "?"
_NAME_WORD = re.compile(r"(?:[A-ZÀ-ÞА-ЯЁІЇЄҐ][\w'’.\-]*|[A-Z]\.)")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Prof|Pres|Lt|Col|Sgt|Adm|Capt|Rev|St)\.?$")
_FEMALE = re.compile(r"^(?:Mrs|Ms|Miss)\.?$")
_STRIP = " ,.;:—–-\u00a0\n\t\"'«»“”„()[]"
_DET = re.compile(r"^(?:the|a|an|der|die|das|den|dem|ein|eine|einer|einem)\s+", re.I)
_ORG_ENTS = {"ORG", "NORP", "GPE", "FAC"}


def clean(text: str, start: int, end: int) -> tuple[int, int]:
    """The phrase without spaces and punctuation around it; a quoted name keeps its closing mark."""
    while start < end and text[start] in _STRIP and text[start] not in "«„“":
        start += 1
    while end > start and text[end - 1] in _STRIP:
        if text[end - 1] in '»“”"' and re.search(r"[«„“\"]", text[start : end - 1]):
            break
        end -= 1
    if start < end and text[start] in "«„“" and not re.search(r"[»“”\"]", text[start + 1 : end]):
        start += 1
    return start, end


def split_nested(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Pieces of a source phrase outermost first, each with the citing cue that introduced it."""
    pattern = lex.pattern(lex.citing)
    pieces: list[tuple[int, int, str]] = []
    cue, at = "", start
    for m in pattern.finditer(text, start, end):
        if m.start() <= at:
            cue = m.group()
            at = m.end()
            continue
        pieces.append((at, m.start(), cue))
        cue, at = m.group(), m.end()
    pieces.append((at, end, cue))
    out = []
    for a, b, c in pieces:
        a, b = clean(text, a, b)
        if b > a:
            out.append((a, b, c))
    return out


def chain_of(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    gaz: Gazetteer,
    *,
    cue: str = "",
    ents: list[tuple[int, int, str]] = (),
) -> list[Source]:
    """The chain a source phrase names, outermost first (empty when it names nobody)."""
    chain: list[Source] = []
    for i, (a, b, inner_cue) in enumerate(split_nested(text, start, end, lex)):
        source = source_of(text, a, b, lex, gaz, ents=ents, oblique=bool(i) or bool(_GOVERNS.match(cue)))
        if source is None:
            continue
        source.cue = inner_cue if i else (cue or inner_cue)
        outlet = _outlet_of_group(source, text, a, b, gaz)
        if outlet is not None:
            chain.append(outlet)  # "три осведомлённых источника Financial Times": the FT's sources
        chain.append(source)
    return chain


def _outlet_of_group(source: Source, text: str, a: int, b: int, gaz: Gazetteer) -> Source | None:
    if source.kind != UNNAMED or not source.affiliation:
        return None
    for hit in gaz.find(text, a, b):
        if hit.known.kind == OUTLET and hit.known.name == source.affiliation:
            source.affiliation = ""
            return Source(
                OUTLET,
                name=hit.known.name,
                source_id=hit.known.source_id,
                cue=source.cue,
                phrase=text[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
            )
    return None


def _count(words: list[str], lex: Lexicon) -> int | None:
    for i, w in enumerate(words[:5]):
        w = w.lower().strip(",.")
        if w in lex.numbers:
            if i + 1 < len(words) and words[i + 1].lower().strip(",.") == "dozen":
                return lex.numbers[w] * 12  # "three dozen lawmakers"
            return lex.numbers[w]
        if w.isdigit() and len(w) <= 3:
            return int(w)
        if i + 1 < len(words) and f"{w} {words[i + 1].lower()}" in lex.numbers:
            return lex.numbers[f"{w} {words[i + 1].lower()}"]
    return None


def _cjk_count(phrase: str, lex: Lexicon) -> int | None:
    for word in sorted(lex.numbers, key=len, reverse=True):
        if word in phrase:
            return lex.numbers[word]
    return None


_ZH_LEAD = re.compile(
    r"^(?:至於|至于|另外|另一方面|此外|而|但|但是|由于|由於|对此|對此|对于|對於|不过|不過|同时|同時|其中|並|并|且|也|则|則)"
)
_ZH_TAIL = re.compile(
    r"(?:今天|今日|昨天|昨日|日前|近日|早前|此前|當日|当日|當天|当天|稍早|隨後|随后|週[一二三四五六日]|周[一二三四五六日]|"
    r"今\(\d+\)日|(?:\d+年)?(?:\d+月)?\d+[日号號]|\d+月|凌晨|清晨|上午|中午|下午|傍晚|晚上|晚间|晚間|深夜|"
    r"(?:发布|發布|發佈|发表|發表|发出|發出)?(?:公告|通知|通告|通报|通報|声明|聲明|新闻稿|新聞稿)|方面|"
    r"也|亦|还|還|都|曾|则|則|再次|进一步|進一步|均|皆|雙雙|双双|則|"
    r"在[^在]{1,20}(?:时|時|上|中|里|裡)|向[^向]{1,12}|对此|對此|针对[^针]{0,15}|針對[^針]{0,15})+$"
)


_ZH_NOT_SOURCE = re.compile(
    r"^[\d\s年月日号號时時点點分.:：/]+$|^(?:有|另有|也有)$|^(?:有|另有|也有)?(?:市场|市場|坊间|坊間|网络|網絡|網路|网上|網上)?"
    r"(?:传闻|傳聞|传言|傳言|谣言|謠言|流言|消息)$"
)


def zh_phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """A Chinese source phrase without the connectives before it and the time, place and listener after
    it: "外交部北美司司長王良玉今天" -> "外交部北美司司長王良玉"."""
    seg = text[start:end]
    m = _ZH_LEAD.match(seg)
    if m:
        start += m.end()
        seg = seg[m.end() :]
    for _ in range(3):
        t = _ZH_TAIL.search(seg)
        if not t or t.start() == 0:
            break
        end = start + t.start()
        seg = seg[: t.start()]
    return start, end


# A cue that governs an oblique case of the source after it: "по данным Росстата", "за словами", "згідно з".
_GOVERNS = re.compile(
    r"(?:по|за|со|с|з|зі|із|согласно|згідно|ссылаясь|посилаючись|на думку|цитируя|цитуючи)\s", re.I
)
# What an institution speaks through, before its name: "пресс-служба «Роснефти»", "в сообщении
# Минфина", "йдеться в заяві компанії": the institution is the source.
_THROUGH = {
    "ru": re.compile(
        r"(?:(?:пресс-служб|пресс-центр|сообщени|заявлени|пресс-релиз|релиз|обращени|постановлени)\w*"
        r"|документ(?:е|а|ах)?|доклад(?:е|а)?|отч[её]т(?:е|а)?|письм(?:е|а)|ответ(?:е|а))\s+(?=\S)",
        re.I,
    ),
    "uk": re.compile(
        r"(?:(?:пресслужб|прес-служб|пресцентр|прес-центр|повідомленн|заяв|пресрелiз|пресреліз|прес-реліз|реліз"
        r"|звернен|постанов)\w*|документ(?:і|а|ах)?|доповід(?:і|ь)|звіт(?:і|у)?|лист(?:і|а)|відповід(?:і|ь)"
        r"|допис(?:і|у)?)\s+(?=\S)",
        re.I,
    ),
}


# Where a post was published, closing a source phrase: "пресс-службы компании на странице в Facebook",
# "мэр в своём Telegram-канале", "депутатка у соцмережах": the platform is no part of the source.
_PLATFORMS = r"(?:telegram|телеграм|facebook|фейсбук|twitter|твиттер|твітер|instagram|інстаграм|инстаграм|youtube|tiktok|x|вконтакте|threads|linkedin|viber)"
_PLATFORM = re.compile(
    r"\s+(?:(?:на|в|у)\s+(?:сво(?:ей|ём|ем|їй|єму|ем)\s+|официальн\w*\s+|офіційн\w*\s+)?"
    r"(?:странице|сторінці|аккаунте|акаунті|блоге|блозі|канале|каналі|соцсетях|соцсети|соцмережах|соцмережі"
    r"|социальных сетях|соціальних мережах|"
    + _PLATFORMS
    + r"[\w-]*)(?:\s+(?:в|у|на)\s+\S+)?|(?:в|у)\s+"
    + _PLATFORMS
    + r"(?:-канал\w*)?)\s*$",
    re.I,
)


def source_of(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    gaz: Gazetteer,
    *,
    ents: list[tuple[int, int, str]] = (),
    oblique: bool = False,
) -> Source | None:
    """The source a phrase names. Russian / Ukrainian: an institution after a preposition or governed by
    the cue ("В Кремле заявили", "по данным Росстата", "в пресс-службе «Аэрофлота»") is named in the
    nominative where the dictionary is installed."""
    press = False
    if lex.language in ("ru", "uk"):
        loc = re.match(r"(?:в|во|у|из|від|от)\s+(?=\w|«)", text[start:end], re.I)
        if loc and end - start - loc.end() > 2:
            start, oblique = start + loc.end(), True
        for _ in range(2):  # "в сообщении пресс-службы «X»"
            through = _THROUGH[lex.language].match(text, start, end)
            if not through or end - through.end() < 2:
                break
            start, oblique = through.end(), True
            press = press or through.group().lower().startswith(("пресс", "прес"))
        platform = _PLATFORM.search(text, start, end)
        if platform and platform.start() > start and text[start : platform.start()].strip():
            end = platform.start()
    source = _source_of(text, start, end, lex, gaz, ents=ents)
    if press and source is not None and source.kind == PERSON and not source.name:
        # "прес-служба Президента України": the office speaks, not a person known by role
        name = text[start:end].strip(_STRIP)
        source = Source(ORGANISATION, name=name, phrase=source.phrase, start=source.start, end=source.end)
    if (
        oblique
        and source is not None
        and source.kind in (ORGANISATION, OUTLET)
        and source.name
        and source.source_id is None
        and source.name in text[start:end]
        and not any(h.known.name == source.name for h in gaz.find(text, start, end))
    ):
        from .inflection import org_nominative

        source.name = org_nominative(source.name, lex.language)
    return source


def _source_of(
    text: str, start: int, end: int, lex: Lexicon, gaz: Gazetteer, *, ents: list[tuple[int, int, str]] = ()
) -> Source | None:
    if not lex.spaced:
        start, end = zh_phrase(text, start, end)
        latin = re.search(r"[(（]([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})[)）]", text[start:end])
        if latin and not gaz.find(text, start, end):
            # "米勒(Matthew Miller)": the name as the text gives it in Latin script
            return Source(
                PERSON,
                name=latin.group(1),
                role=text[start : start + latin.start()].strip(),
                phrase=text[start:end],
                start=start,
                end=end,
            )
    if lex.language in ("ru", "uk"):
        # "В Кремле заявили", "У відомстві зазначили": said in the Kremlin, by the agency
        loc = re.match(r"(?:в|во|у)\s+(?=\w)", text[start:end], re.I)
        if loc and end - start - loc.end() > 2:
            start += loc.end()
    if lex.spaced:
        end = _without_trailing_adverbs(text, start, end, lex)
    phrase = text[start:end]
    if not phrase.strip() or len(phrase) > 200:
        return None
    low = phrase.lower()
    if low.strip(_STRIP) in _BACK_WORDS:
        return None  # "Об этом заявил X": the words point at the news, X is the source
    if lex.language in ("ru", "uk") and re.match(r"(?:о|об|обо|про)\s", low):
        return None  # "О продаже завода сообщила X": what was said about, not who said it
    words = phrase.split() if lex.spaced else [phrase]
    bare = _DET.sub("", low).strip()
    # A pronoun or a definite description: resolved later against what the text named before.
    if bare in lex.pronouns or low in lex.pronouns:
        return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
    hits = gaz.find(text, start, end)
    normal = {(e[0], e[1]): e[3] for e in ents if len(e) > 3 and e[3]}
    persons = [(e[0], e[1]) for e in ents if e[2] == "PERSON" and e[0] >= start and e[1] <= end]
    orgs = [(e[0], e[1]) for e in ents if e[2] in _ORG_ENTS and e[0] >= start and e[1] <= end]
    unnamed_re = lex.pattern(lex.unnamed)
    unnamed = unnamed_re.search(phrase)
    media = lex.pattern(lex.media).search(phrase)
    # (a parser may tag the word itself, "СМИ", as an organisation)
    named = media and [o for o in orgs if not (o[0] >= start + media.start() and o[1] <= start + media.end())]
    if media and not persons and not named and not any(h.known.kind == OUTLET for h in hits):
        if not re.search(r"[«„“\"《「<]", phrase):
            # "СМИ сообщили", "일부 언론들은 … 보도했다": the press in general, not an outlet named "СМИ"
            return Source(
                UNNAMED, description=_DET.sub("", phrase).strip(_STRIP), phrase=phrase, start=start, end=end
            )
    if lex.language == "en":
        agent = _role_of_possessor(phrase, start, end, lex)
        if agent is not None:
            return agent
    possessors = [(a, b) for a, b in persons if re.match(r"['’]s?\b", text[b : b + 2])]
    if lex.language == "en" and (not persons or possessors == persons):
        # ("a spokesman for Lee’s campaign": the name is the possessor, not the speaker)
        someone = _someone_by_role(text, start, end, hits, orgs, lex)
        if someone is not None:
            return someone
    if persons:
        a, b = _head_person(text, start, persons, lex)
        name = normal.get((a, b)) or _strip_possessive(text[a:b])
        roles_in_name = _role_words(lex)
        while len(name.split()) > 1 and name.split()[0].lower().strip(".") in roles_in_name:
            name = name.split(" ", 1)[1]  # "Spokeswoman Maria Zakharova": the role is no part of the name
            a = max(a, text.find(name, a, b))
        known = next((h.known for h in hits if h.start <= a and h.end >= b), None)
        role, affiliation = _role_and_affiliation(text, start, end, a, b, hits, orgs, lex)
        return Source(
            PERSON,
            name=known.name if known else name,
            role=role,
            affiliation=affiliation,
            phrase=phrase,
            start=start,
            end=end,
            source_id=known.source_id if known else None,
        )
    if unnamed:
        outlet_hit = next((h for h in hits if h.known.kind == OUTLET), None)
        unhit = _without_hits(phrase, start, hits)
        if outlet_hit is None and not ents and lex.spaced and _person_tokens(unhit.split(), _role_words(lex)):
            return _guess(text, start, end, lex, skip=hits)  # "эксперта … Ритвика Гупта": a named person
        if bare in lex.descriptions and lex.descriptions[bare] == "plural" and low.startswith("the "):
            # "the people", "the sources": the group named before
            return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
        if re.match(
            r"^(?:one|some|two|both|none|each|several|many) of (?:them|those|the)\b", low
        ) and not re.search(r"\d|two|three|four", low[low.find(" of ") :]):
            return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
        # Korean is written in words: "한 고위 당국자" counts one, "한국은행 관계자" does not
        count_words = words if lex.spaced else phrase.split() if lex.language == "ko" else None
        count = _count(count_words, lex) if count_words is not None else _cjk_count(phrase, lex)
        plural = any(
            w.strip(",.") in lex.numbers and lex.numbers[w.strip(",.")] is None for w in count_words or ()
        )
        plural = plural or (lex.language == "ko" and phrase[unnamed.end() : unnamed.end() + 1] == "들")
        if (
            lex.language == "en"
            and count is None
            and re.match(r"^(?:the|this|that)\s", low)
            and unnamed.group().lower() in _SINGULAR
            and not hits
        ):
            # "the Russian diplomat", "the official": someone named before, not a new anonymous source
            return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
        if (
            count is None
            and not plural
            and (re.match(r"^(?:a|an)\s", low) or unnamed.group().lower() in _SINGULAR)
        ):
            count = 1
        affiliation = ""
        if hits:
            affiliation = hits[0].known.name
        elif orgs:
            affiliation = text[orgs[0][0] : orgs[0][1]]
        elif lex.language == "de":
            from .german import group_affiliation

            affiliation = group_affiliation(phrase)  # "ein Google-Sprecher"
        return Source(
            UNNAMED,
            count=count,
            description=_DET.sub("", phrase).strip(_STRIP),
            affiliation=affiliation,
            phrase=phrase,
            start=start,
            end=end,
        )
    if hits:
        hit = max(hits, key=lambda h: h.end - h.start)
        after = text[hit.end : end].strip(_STRIP)
        if lex.spaced and hit.known.kind in (OUTLET, ORGANISATION) and after:
            named = _person_tokens(after.split(), _role_words(lex))
            if len(named) >= 2 and after.split()[-1].strip(_STRIP) == named[-1]:
                # "владелец издательского дома «Коммерсант» Алишер Усманов": the person, at the outlet
                return Source(
                    PERSON,
                    name=" ".join(named),
                    role=_DET.sub("", text[start : hit.start]).strip(_STRIP)[:80],
                    affiliation=hit.known.name,
                    phrase=phrase,
                    start=start,
                    end=end,
                )
        rest = (phrase[: hit.start - start] + phrase[hit.end - start :]).strip(_STRIP).lower()
        return Source(
            hit.known.kind,
            name=hit.known.name,
            source_id=hit.known.source_id,
            phrase=phrase,
            start=start,
            end=end,
            role=rest if hit.known.kind == PERSON and rest else "",
        )
    # "the company", "the spokesman", "the ministry": a description pointing back.
    head = bare.split()[-1] if bare.split() else bare
    first = phrase.split()[0] if phrase.split() else ""
    if lex.language in ("ru", "uk") and first[:1].isupper() and first.lower() not in lex.descriptions:
        head = ""  # "Офісі президента": a name heads the phrase, the genitive after it is no description
    if (
        lex.language == "de"
        and (low.startswith(("des ", "eines ")) or " " not in bare)
        and head not in lex.descriptions
    ):
        head = _german_genitive(head, lex)  # "eine Mitteilung des Konzerns": the company named before
    if (
        lex.spaced
        and (low.startswith(("the ", "this ", "that ")) or low in lex.descriptions or lex.language != "en")
        and (head in lex.descriptions or bare in lex.descriptions)
        and not (lex.language == "de" and _capitalised_modifier(phrase))
        and not (lex.language == "en" and orgs and _capitalised_head(phrase))
    ):
        return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
    if not lex.spaced and any(d in phrase for d in lex.descriptions):
        return Source(UNRESOLVED, phrase=phrase, start=start, end=end, resolved_from=phrase)
    head_role = lex.pattern(lex.roles).match(_DET.sub("", phrase))
    if orgs and head_role and not persons:
        # "Глава Huawei", "a Google spokesman": a person known by role at an organisation
        return _guess(text, start, end, lex)
    if orgs:
        a, b = orgs[-1]
        name = normal.get((a, b)) or _DET.sub("", text[a:b]).strip(_STRIP)
        kind = OUTLET if _names_outlet(name, phrase, lex) else ORGANISATION
        return Source(kind, name=name, phrase=phrase, start=start, end=end)
    return _guess(text, start, end, lex)


_INDEFINITE_ROLE = re.compile(r"^(?:an?|one)\s+(?P<rest>.+)$", re.I)
_ROLE_OF = re.compile(r"\s+(?:for|at|of|with|from|in)\s+", re.I)


_POSSESSED_ROLE = re.compile(
    r"^(?:the\s+)?(?P<owner>(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*)['’]s?\s+(?P<role>[a-z][a-z\s\-]{1,40})$"
)


def _role_of_possessor(phrase: str, start: int, end: int, lex: Lexicon) -> Source | None:
    """ "Roe’s attorney", "the senator’s spokesman": the head noun is who speaks, the possessor what they
    speak for — a person known by role, with the possessor as affiliation (not the possessor)."""
    m = _POSSESSED_ROLE.match(phrase.strip(_STRIP))
    if not m:
        return None
    role = m.group("role").strip()
    head = role.split()[-1]
    owner = m.group("owner")
    if lex.descriptions.get(head) == ORGANISATION and len(role.split()) <= 2:
        # "Roe’s campaign", "the mayor’s office": the body speaks, named by whose it is
        name = _DET.sub("", phrase.strip(_STRIP))
        return Source(ORGANISATION, name=name, affiliation=owner, phrase=phrase, start=start, end=end)
    if not (lex.pattern(lex.roles).fullmatch(role) or lex.pattern(lex.roles).fullmatch(head)):
        return None
    if lex.pattern(lex.unnamed).fullmatch(head):
        return None  # "Acme’s officials", "the ministry’s sources": unnamed sources, read as such below
    return Source(PERSON, name=None, role=role, affiliation=owner, phrase=phrase, start=start, end=end)


def _someone_by_role(text, start, end, hits, orgs, lex) -> Source | None:
    """ "a spokesperson for Google", "a Microsoft spokesperson", "an aide to the mayor": one unnamed person
    known by a role (an unnamed source of one, speaking for the body named), not a person named "Gmail"."""
    phrase = text[start:end].strip(_STRIP)
    m = _INDEFINITE_ROLE.match(phrase)
    if not m:
        return None
    rest = m.group("rest")
    head = _ROLE_OF.split(rest, maxsplit=1)[0].split()
    if not head or not lex.pattern(lex.roles).fullmatch(head[-1].strip(",.")):
        return None
    affiliation = ""
    if hits:
        affiliation = hits[0].known.name
    elif orgs:
        affiliation = _DET.sub("", text[orgs[0][0] : orgs[0][1]]).strip(_STRIP)
    else:
        caps = [w for w in head[:-1] if w[:1].isupper()]
        tail = _ROLE_OF.split(rest, maxsplit=1)[1:]
        named = [w for w in (tail[0].split() if tail else []) if w[:1].isupper()]
        affiliation = " ".join(caps or named)
    affiliation = _strip_possessive(affiliation)
    return Source(
        UNNAMED,
        count=1,
        description=rest,
        affiliation=affiliation,
        phrase=text[start:end],
        start=start,
        end=end,
    )


_BACK_WORDS = frozenset({"об этом", "о том", "о чем", "о чём", "про це", "про те", "this", "that"})


def _names_outlet(name: str, phrase: str, lex: Lexicon) -> bool:
    """ "The Oregonian", "a report from Oregon Live": an outlet's name, or a name whose report this is
    (not an organisation's: "a World Bank report")."""
    if lex.pattern(lex.outlet_words).search(name):
        return True
    at = phrase.find(name)
    if at > 0 and lex.pattern(lex.outlet_words).search(phrase[:at]):
        return True  # "газета «Вечерний курьер»", "the newspaper Valley Daily": the noun before the name
    return bool(lex.pattern(lex.report_nouns).search(phrase)) and not lex.pattern(lex.org_words).search(name)


def _head_person(text: str, start: int, persons: list[tuple[int, int]], lex: Lexicon) -> tuple[int, int]:
    """Which of several people a source phrase names: the last in "Trump adviser Kellyanne Conway", the
    first of an apposition or a list ("Elizabeth Lauten, the communications director for Rep. Stephen
    Fincher"; "Sen. Ann Lee and Rep. Bo Park") unless a role opens the phrase ("a spokesman for Sen.
    Ann Lee, Mark Jones")."""
    if len(persons) < 2:
        return persons[-1]
    if re.match(r"['’]s\b", text[persons[0][1] : persons[0][1] + 3]):
        return _head_person(text, start, persons[1:], lex)  # "Mr. Fox’s successor, Felipe Calderón"
    (a0, b0), (a1, _b1) = persons[0], persons[1]
    between = text[b0:a1]
    lead = text[start:a0]
    if re.search(r",|\band\b|\(", between) and not (
        lex.pattern(lex.roles).search(lead)
        and re.search(r"\b(?:for|of|to)(?:\s+[A-Z][a-z]{0,4}\.)?\s*$", lead, re.I)
    ):
        return persons[0]
    return persons[-1]


def _german_genitive(word: str, lex: Lexicon) -> str:
    """ "Konzerns" -> "konzern", "Ministeriums" -> "ministerium": the description a genitive names."""
    for cut in (1, 2):
        if len(word) > cut + 3 and word[-cut:] in ("s", "es") and word[:-cut] in lex.descriptions:
            return word[:-cut]
    return word


def _capitalised_head(phrase: str) -> bool:
    """English: "the State Department", "the Justice Ministry": a capitalised head after the article is
    a name, not a description pointing back ("the department")."""
    words = _DET.sub("", phrase.strip(_STRIP)).split()
    return len(words) >= 2 and words[-1][:1].isupper()


def _capitalised_modifier(phrase: str) -> bool:
    """German: "Berliner Zeitung", "Hamburger Behörde": a capitalised word before the head noun makes a
    name (adjectives are written small), not a description pointing back ("die Zeitung")."""
    words = _DET.sub("", phrase.strip(_STRIP)).split()
    return len(words) >= 2 and any(w[:1].isupper() for w in words[:-1])


# Role words that are also common nouns ("시장" market / mayor, "감독" supervision / director): a person
# only after a name that starts with a Korean surname.
_KO_COMMON_ROLES = frozenset("시장 감독 수석 원장 단장 고문 검사 소장 실장 지사 이사".split())
_KO_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부가복태목형피두감음빈동온호범좌팽승간상갈서"
)


def _korean_person(tokens: list[str], lex: Lexicon, phrase: str, start: int, end: int) -> Source | None:
    """ "청와대 정연국 대변인", "세라 허커비 샌더스 백악관 대변인", "정 대변인": a role word closes the phrase; the
    name is the words before it that are not an organisation (Korean names are not capitalised)."""
    if len(tokens) < 2 or not lex.pattern(lex.roles).fullmatch(tokens[-1]):
        return None
    org = lex.pattern(lex.org_words)
    outlet = lex.pattern(lex.outlet_words)
    name: list[str] = []
    for t in reversed(tokens[:-1]):
        if len(t) > 4 or org.search(t) or outlet.search(t) or not re.fullmatch(r"[\uac00-\ud7af]+", t):
            break
        name.insert(0, t)
    rest = tokens[: len(tokens) - 1 - len(name)]
    if not name:
        if rest and (org.search(rest[-1]) or outlet.search(rest[-1])):
            # "외교부 대변인": someone known by role at the body named before it
            return Source(
                PERSON,
                name=None,
                role=tokens[-1],
                affiliation=" ".join(rest),
                phrase=phrase,
                start=start,
                end=end,
            )
        return None
    if tokens[-1] in _KO_COMMON_ROLES and name[0][:1] not in _KO_SURNAMES:
        return None  # "주식 시장": the market, not a mayor
    return Source(
        PERSON,
        name=" ".join(name),
        role=tokens[-1],
        affiliation=" ".join(rest),
        phrase=phrase,
        start=start,
        end=end,
    )


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name).strip(_STRIP)


def _role_and_affiliation(text, start, end, a, b, hits, orgs, lex) -> tuple[str, str]:
    """What a phrase says about the named person around the name: role words and an organisation."""
    around = (text[start:a] + " " + text[b:end]).strip(_STRIP)
    affiliation = ""
    for h in hits:
        if not (h.start >= a and h.end <= b):
            affiliation = h.known.name
            break
    if not affiliation:
        for x, y in orgs:
            if not (x >= a and y <= b):
                affiliation = text[x:y]
                break
    role = around
    if affiliation:
        role = role.replace(affiliation, " ")
    role = re.sub(r"\b(?:the|a|an|of|for|at|from|and|'s|’s)\b", " ", role, flags=re.I)
    # "Mr. Hale", "Ms. Roe": a form of address is no role
    role = " ".join(w for w in role.split() if not re.fullmatch(r"(?:Mr|Mrs|Ms|Miss|Mx)\.?", w)).strip(_STRIP)
    return (role[:80] if lex.pattern(lex.roles).search(role) or role else ""), affiliation


_SINGULAR = frozenset(
    "source person official aide executive employee diplomat adviser advisor источник источника "
    "собеседник собеседника чиновник сотрудник джерело співрозмовник посадовець співробітник quelle "
    "person sprecher sprecherin informant informantin 소식통 관계자 당국자".split()
)


def _without_hits(phrase: str, start: int, hits) -> str:
    out = phrase
    for h in sorted(hits, key=lambda h: -h.start):
        out = out[: h.start - start] + " " + out[h.end - start :]
    return out


def _guess(text: str, start: int, end: int, lex: Lexicon, skip=()) -> Source | None:
    """No parser label and no known name: decide from the words themselves."""
    phrase = text[start:end]
    if lex.language == "ko":
        korean = _korean_person(phrase.split(), lex, phrase, start, end)
        if korean is not None:
            return korean
    if not lex.spaced:
        if _ZH_NOT_SOURCE.match(phrase):
            return None  # a date or a number; hearsay ("市场传闻", "有消息")
        role = lex.pattern(lex.roles).search(phrase)
        after = phrase[role.end() :].strip() if role else ""
        if role and not after and role.start() > 0:
            # "外交部发言人": a person known by role at the body named before it
            return Source(
                PERSON,
                name=None,
                role=role.group(),
                affiliation=phrase[: role.start()].strip(),
                phrase=phrase,
                start=start,
                end=end,
            )
        if role and re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)*", after):
            # "公司发言人刘明": the name after the role, the body before it
            return Source(
                PERSON,
                name=after,
                role=role.group(),
                affiliation=phrase[: role.start()].strip(),
                phrase=phrase,
                start=start,
                end=end,
            )
        if lex.pattern(lex.outlet_words).search(phrase):
            return Source(OUTLET, name=phrase.strip("《》「」"), phrase=phrase, start=start, end=end)
        if lex.pattern(lex.org_words).search(phrase):
            return Source(ORGANISATION, name=phrase, phrase=phrase, start=start, end=end)
        role = lex.pattern(lex.roles).search(phrase)
        name = phrase
        if role:
            name = (phrase[: role.start()] + phrase[role.end() :]).strip() or phrase
        return Source(
            PERSON, name=name, role=role.group() if role else "", phrase=phrase, start=start, end=end
        )
    tokens = _without_hits(phrase, start, skip).split() if skip else phrase.split()
    not_names = {w.lower() for w in lex.not_names}
    names = [
        t
        for t in tokens
        if (_NAME_WORD.fullmatch(t.strip(",.:;")) or t.isupper())
        and t.lower().strip(",.") not in _FUNCTION
        and t.lower().strip(",.:;") not in not_names
    ]
    low = phrase.lower()
    role_m = lex.pattern(lex.roles).search(phrase)
    # Quoted names are organisations or outlets ("«Газпром»", "„Spiegel“").
    quoted = re.search(r"[«„“\"]([^»“”\"]{2,60})[»“”\"]", phrase)
    if (names or quoted) and (
        lex.pattern(lex.outlet_words).search(low)
        or (lex.pattern(lex.report_nouns).search(low) and not lex.pattern(lex.org_words).search(low))
    ):
        name = _nominative(quoted.group(1), lex) if quoted else " ".join(names)
        return Source(OUTLET, name=name, phrase=phrase, start=start, end=end)
    if lex.pattern(lex.org_words).search(low) and not _looks_like_person(tokens, lex):
        name = quoted.group(1) if quoted else phrase
        return Source(
            ORGANISATION, name=_DET.sub("", name).strip(_STRIP), phrase=phrase, start=start, end=end
        )
    if quoted:
        return Source(
            ORGANISATION, name=_nominative(quoted.group(1), lex), phrase=phrase, start=start, end=end
        )
    if lex.language == "de":
        from .german import is_role

        # "Apple-CEO Tim Cook", "Bundesministerin Anne Spiegel": a role compound is no part of the name
        tokens = [t.lower() if is_role(t) else t for t in tokens]
        one = [
            i
            for i, t in enumerate(tokens[1:], 1)
            if is_role(tokens[i - 1]) and _NAME_WORD.fullmatch(t.strip(",.:;"))
        ]
        if len(one) == 1 and one[0] == len(tokens) - 1 and not _person_tokens(tokens, _role_words(lex)):
            # "Datenschützer Caspar": a role and a surname
            name = tokens[-1].strip(",.:;")
            role = _DET.sub("", phrase[: phrase.rfind(name)]).strip(_STRIP)
            return Source(PERSON, name=name, role=role[:80], phrase=phrase, start=start, end=end)
    person = _person_tokens(tokens, _role_words(lex))
    if (
        lex.language == "de"
        and not person
        and any(t != o for t, o in zip(tokens, phrase.split(), strict=False))
    ):
        # "Der Anwalt des Angeklagten": a person known by a role, no name
        role = _DET.sub("", phrase).strip(_STRIP)
        return Source(PERSON, name=None, role=role[:120], phrase=phrase, start=start, end=end)
    if person:
        name = written = " ".join(person)
        after = re.compile(r"[\s,]*").match(text, end).end()
        if (
            lex.language in ("ru", "uk")
            and not lex.pattern(lex.after_source).match(text, after)
            and not _after_verb(text, start, lex)
        ):
            # (a subject right before its verb, "Олена Коваль заявила", or right after it, "— заявила
            # Анна Коваль", "как пояснила Анна Коваль", is already in the nominative)
            from .inflection import nominative

            name = nominative(name, lex.language)
        role = phrase.replace(written, " ")
        role = " ".join(re.sub(r"\b(?:the|a|an)\b", " ", role, flags=re.I).split()).strip(_STRIP)
        return Source(PERSON, name=name, role=role[:80], phrase=phrase, start=start, end=end)
    if role_m:
        # "глава Huawei", "a Kremlin spokesman": a person known only by role
        role = _role_phrase(_DET.sub("", phrase).strip(_STRIP))
        if role[:1].isupper() and role[1:2].islower() and role.split()[0].lower() in _role_words(lex):
            role = role[0].lower() + role[1:]
        return Source(PERSON, name=None, role=role[:120], phrase=phrase, start=start, end=end)
    if names and len(tokens) <= 4:
        name = " ".join(n.strip(",.") for n in names)
        kind = ORGANISATION if len(names) == 1 and (names[0].isupper() or len(tokens) == 1) else PERSON
        if (
            kind == PERSON
            and lex.language == "de"
            and _DE_ARTICLE.match(phrase)
            and not _has_given_name(names)
        ):
            # "Die Rheinische Post berichtete": a person's name takes no article, a paper's does
            kind = OUTLET if _names_outlet(name, phrase, lex) else ORGANISATION
        return Source(kind, name=name, phrase=phrase, start=start, end=end)
    return None


def _after_verb(text: str, start: int, lex: Lexicon) -> bool:
    """The phrase at `start` follows a speech verb directly (inverted order: its subject)."""
    before = text[max(0, start - 40) : start].rstrip(" ,—–-")
    return bool(re.search(rf"(?:{lex.pattern(lex.after_source).pattern})\s*$", before, re.I))


_DE_ARTICLE = re.compile(r"(?:der|die|das|des|dem|den)\s", re.I)


def _has_given_name(tokens: list[str]) -> bool:
    from .lexicon.de import GIVEN_NAMES

    return any(t.strip(",.:;").lower() in GIVEN_NAMES for t in tokens)


_PREPOSITIONS = frozenset(
    "в во из на у от до для о об при с со of in at from for to by on під з із від для".split()
    # German articles and article-prepositions: "den Angaben", "ihrer Reaktion", "im Februar" are
    # nouns (German capitalises every noun); a person's name takes no article.
    + "der die das den dem des ein eine einer einem einen eines ihrer seiner ihre seine im am zum zur vom beim".split()
)
_FUNCTION = frozenset(
    "the a an in on at but and or this that these those it he she they we i you his her their its our my "
    "as for of to from with by after before while when if so yet also mr mrs ms dr".split()
)


def _nominative(name: str, lex: Lexicon) -> str:
    if lex.language not in ("ru", "uk") or " " in name.strip():
        return name
    from .inflection import nominative_guesses

    guesses = nominative_guesses(name)
    return guesses[-1] if guesses else name


def _without_trailing_adverbs(text: str, start: int, end: int, lex: Lexicon) -> int:
    """ "Wie das Blatt weiter berichtet": the source is "das Blatt", not "das Blatt weiter" — lower-case
    words of the language's non-names (adverbs, particles) at the end of a phrase are not part of it."""
    words = _lower_non_names(lex.not_names)
    while True:
        m = re.search(r"\s+(\S+)\s*$", text[start:end])
        if not m or not m.group(1)[:1].islower() or m.group(1).strip(",.;:") not in words:
            return end
        end = start + m.start()


@lru_cache(maxsize=16)
def _lower_non_names(not_names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in not_names)


def _role_phrase(phrase: str) -> str:
    """ "глава Huawei до этого" -> "глава Huawei": the role and the names after it, not the adverbs."""
    words = phrase.split()
    out = words[:1]
    for w in words[1:]:
        if w[:1].isupper() or w[:1].isdigit() or (out and not out[-1][:1].isupper() and len(out) < 3):
            out.append(w)
            continue
        break
    return " ".join(out)


def _role_words(lex: Lexicon) -> frozenset[str]:
    """Words that break a run of name words: the roles, and the language's capitalised non-names."""
    return _non_name_words(lex.roles, lex.not_names)


@lru_cache(maxsize=16)
def _non_name_words(roles: tuple[str, ...], not_names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for r in roles for w in r.split()) | frozenset(w.lower() for w in not_names)


def _looks_like_person(tokens: list[str], lex: Lexicon) -> bool:
    return len(_person_tokens(tokens, _role_words(lex))) >= 2


_script = script_of


_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ична|ич|івна|ївна)$")


def _person_tokens(tokens: list[str], roles: frozenset[str] = frozenset()) -> list[str]:
    """The last run of two to four capitalised words (a name), broken by role words, honorifics and a
    change of script ("Основатель DeepSeek Лян Вэньфэн" -> Лян Вэньфэн); one word after an honorific."""
    runs: list[list[str]] = []
    run: list[str] = []
    after_honorific = False
    previous = ""
    run_after_role = False
    for raw in tokens + [""]:
        t = raw.strip(',.:;()"«»“”')
        after_preposition = previous.lower() in _PREPOSITIONS and not run
        previous_role = previous.lower() in roles
        previous = t
        is_name = (
            t
            and _NAME_WORD.fullmatch(t)
            and not t.isupper()
            and not _HONORIFIC.match(t)
            and t.lower() not in _FUNCTION
            and t.lower() not in roles
            and not re.search(r"[a-z][A-Z]", t)  # "DeepSeek", "iPhone": brands, not given names
            and not after_preposition  # "в Беркли", "from Texas": a place, not a name's first word
        )
        if is_name and run and _script(t) != _script(run[-1]):
            runs.append(run)
            run = []
        if (
            is_name
            and len(run) == 2
            and run_after_role
            and _script(t) == "cyrillic"
            and not _PATRONYMIC.search(run[1])
        ):
            run = run[1:]  # "Глава Минфина Олег Тарасов": the body after a role is no part of the name
        if not run:
            run_after_role = bool(previous_role)
        if is_name:
            run.append(t)
            continue
        if run:
            runs.append(run if len(run) >= 2 or after_honorific else [])
        run = []
        after_honorific = bool(t and _HONORIFIC.match(t))
    runs = [r for r in runs if r]
    return runs[-1][:4] if runs else []


def gender_of(phrase: str) -> str:
    """ "m", "f" or "" from an honorific in the phrase ("Mrs. Clinton", "Mr. Trump")."""
    for t in phrase.split()[:3]:
        t = t.strip(",")
        if _HONORIFIC.match(t):
            return "f" if _FEMALE.match(t) else ("m" if t.startswith("Mr") else "")
    return ""
