"""Sentence patterns: which part of a sentence is the claim and which names its source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon as lx
from .mentions import ORGANISATION, OUTLET, PERSON, QUOTE, UNNAMED, Mention, clean_phrase, nominative_guesses
from .sources import Context, outlet_links, parse_source

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
    """The attribution of one sentence: the first cue family that matches and names a source."""
    s = sentence.rstrip()
    for family in _CUE_FAMILIES:
        attribution = family(s, ctx)
        if attribution is not None:
            return attribution
    return None


def _backref(s: str, ctx: Context) -> Attribution | None:
    """ "Об этом сообщил X", "This was reported by X": the source of the sentences before."""
    m = _BACKREF.match(s)
    if not m:
        return None
    if m.group("verb"):
        links = _source_links(m, ctx, genitive=False)
    else:
        links = _source_links(m, ctx, src="src_en", src2="src2_en", verb="verb_en")
    if links:
        return Attribution(links, 0, 0, m.group(0), backref=True)
    return None


def _quote_led(s: str, ctx: Context) -> Attribution | None:
    """ "«...», — сказал X", "\"...\" X said": the quote is the claim."""
    m = _QUOTE_LED.match(s)
    if not m:
        return None
    if m.group("src"):
        links = _source_links(m, ctx)
    else:
        links = _source_links(m, ctx, src="src_b", verb="verb_b")
    if not links:
        return None
    if not links[-1].quote:
        links[-1].quote = m.group("q")
    return Attribution(links, *_rel(m, "q"), cue=s[m.end("q") :])


def _leading(s: str, ctx: Context) -> Attribution | None:
    """ "По данным X, ...", "According to X, ...", with an optional trailing "citing Y"."""
    m = _LEADING.match(s)
    if not m:
        return None
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
    if not links:
        return None
    if cue == "по мнению":
        links[-1].phrase = links[-1].phrase or m.group(0)
    q = QUOTE.search(s[claim_start:claim_end])
    if q and links[-1].kind == PERSON and not links[-1].quote:
        links[-1].quote = q.group(1)
    return Attribution(links, claim_start, claim_end, cue=s[: m.start("claim")])


def _trailing_known(s: str, ctx: Context) -> Attribution | None:
    """ "..., как стало известно «Ведомостям»": the outlet, named in the dative."""
    m = _TRAILING_KNOWN.match(s)
    if not m:
        return None
    src = clean_phrase(m.group("src"))
    guesses = nominative_guesses(src.strip('«»"“”'))
    links = outlet_links(src, ctx, m.group(0).lstrip(", "))
    if links and guesses:
        links[0].candidates += guesses
        if "«" in src or len(src.split()) == 1:
            links[0].name = guesses[0]
    if links:
        return Attribution(links, *_rel(m, "claim"), cue="как стало известно")
    return None


def _trailing(s: str, ctx: Context) -> Attribution | None:
    """ "..., сообщил X", "..., X said", "..., said X": the first trailing pattern that names a source."""
    for pattern in (_TRAILING_FROM_DATA, _TRAILING_RU, _TRAILING_EN, _TRAILING_EN_INVERTED):
        attribution = _trailing_match(pattern, s, ctx)
        if attribution is not None:
            return attribution
    return None


def _trailing_match(pattern: re.Pattern, s: str, ctx: Context) -> Attribution | None:
    m = pattern.match(s)
    if not m:
        return None
    verb = (m.groupdict().get("verb") or "").lower()
    src = m.group("src")
    if pattern is _TRAILING_EN and len(src.split()) > 12:
        return None
    if pattern is _TRAILING_EN_INVERTED and re.search(
        r"\b(?:would|will|is|was|were|are|has|had|could)\b", src
    ):
        return None
    told = re.match(r"told\s+(?P<obj>.+)$", m.groupdict().get("verb") or "")
    links = _source_links(m, ctx, genitive=pattern is _TRAILING_FROM_DATA)
    if told and told.group("obj").lower() not in {"reporters", "colleagues", "dealers", "investors"}:
        obj = told.group("obj")
        if not ctx.outlet or obj.lower() != ctx.outlet.lower():
            links = outlet_links(obj, ctx, m.group(0)) + links
    if not links:
        return None
    if pattern is _TRAILING_EN_INVERTED and verb == "told":
        return None
    if links[-1].kind == PERSON and not links[-1].quote:
        q = QUOTE.search(m.group("claim"))
        if q and q.group(1):
            links[-1].quote = q.group(1)
    return Attribution(links, *_rel(m, "claim"), cue=s[m.end("claim") :])


def _gerund(s: str, ctx: Context) -> Attribution | None:
    """ "Министр финансов, отметив, что ...": the subject before a gerund of saying."""
    m = _GERUND.match(s)
    if not m:
        return None
    subject = _leading_noun_phrase(m.group("head"))
    links = parse_source(subject, ctx, verb=m.group("verb").lower()) if subject else []
    if not (links and plausible_subject(links, subject)):
        return None
    q = QUOTE.search(m.group("claim"))
    if q and links[-1].kind in (PERSON, ORGANISATION) and not links[-1].quote:
        links[-1].quote = q.group(1)
    return Attribution(links, *_rel(m, "claim"), cue=m.group("verb"))


def _parenthetical(s: str, ctx: Context) -> Attribution | None:
    """ "..., по данным X, ...": the source in mid-sentence covers the whole sentence."""
    m = _PARENTHETICAL.match(s)
    if not m:
        return None
    cue = m.group("cue").lower()
    links = parse_source(m.group("src"), ctx, verb=cue.split()[-1], genitive=cue.startswith("по "))
    if links:
        return Attribution(links, 0, len(s.rstrip(" .!")), cue=cue, whole_sentence=True)
    return None


def _subject_verb(s: str, ctx: Context) -> Attribution | None:
    """ "X said (that) ...", "X told Reuters ...", "X рассказали «Ведомостям», что ..."."""
    m = _SUBJECT_VERB.search(s)
    if not m:
        return None
    verb = m.group("verb").lower()
    src = m.group("src").strip()
    words = src.split()
    # "X is expected to ...": a passive verb has no speaker.
    passive = re.search(r"\b(?:is|are|was|were|be|been|being|not|не)$", src, re.I)
    if not (1 <= len(words) <= 24) or re.search(r"[.!?]", src) or passive:
        return None
    told_obj, dative, after = _told_object(verb, m.group("after"))
    that = _THAT.match(after)
    links = parse_source(src, ctx, verb=verb)
    if not (links and plausible_subject(links, src)):
        return None
    if told_obj and (not ctx.outlet or told_obj.lower() != ctx.outlet.lower()):
        outlet = outlet_links(told_obj, ctx, f"told {told_obj}")
        guesses = nominative_guesses(told_obj) if dative else []
        if outlet and guesses:
            # "рассказали «Ведомостям»": the dative; propose the nominative, match either.
            outlet[0].name, outlet[0].candidates = guesses[0], [told_obj, *guesses[1:]]
        links = outlet + links
    if that:
        start = m.end("verb") + (len(m.group("after")) - len(after)) + that.start("claim")
    else:
        start = m.start("src")
    q = QUOTE.search(s[m.end("verb") :])
    if q and links[-1].kind in (PERSON, ORGANISATION) and not links[-1].quote:
        links[-1].quote = q.group(1)
    return Attribution(links, start, len(s), cue=verb, whole_sentence=not that)


def _told_object(verb: str, after: str) -> tuple[str | None, bool, str]:
    """Who was told ("told Reuters", "рассказал РБК"): the object, whether a dative-shaped object follows, and the rest."""
    told_obj = None
    if verb in {"told", "tells"}:
        to = re.match(r"\s+(?P<obj>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})(?=\s+(?:that|on|in)\b|\s*[,:])", after)
        if to:
            told_obj = to.group("obj")
            after = after[to.end() :]
    dative = re.match(r"\s+(?P<obj>«[^»]{1,60}»|[A-ZА-ЯЁ]{2,10})(?=\s*,?\s*(?:что|:))", after)
    if dative and re.search(r"[а-яё]", verb):
        told_obj = dative.group("obj").strip("«»")
        after = after[dative.end() :]
    return told_obj, bool(dative), after


# The cue families in the order they are tried: the first that names a source wins.
_CUE_FAMILIES = (
    _backref,
    _quote_led,
    _leading,
    _trailing_known,
    _trailing,
    _gerund,
    _parenthetical,
    _subject_verb,
)


def plausible_subject(links: list[Mention], src: str) -> bool:
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
