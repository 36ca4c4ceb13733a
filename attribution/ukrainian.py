"""Ukrainian morphology path: pymorphy3's Ukrainian dictionary (extra `attribution-uk`), when installed.

The cue lexicon finds the speech verbs; the dictionary then decides what their subject is: adverbs and
conjunctions at the edges of a source phrase are dropped ("Згодом Кремль заявив"), a subject must be able
to stand in the nominative ("Заяву коментує міністерство": the ministry after the verb, not the
accusative before it), a verb without a subject ("Також закликали …") speaks for the last speaker its
number and gender agree with, and people's names are found by their given names and read in the
nominative ("за словами Олени Ковальчук" names Олена Ковальчук). Without the package the reader runs the
Ukrainian cue lexicon alone.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from functools import cached_property

from .finders import _PUNCT_STOP, Cue, _backward
from .inflection import analyzer, has_case, morphology_blocked, name_reading, parses
from .lexicon import Lexicon
from .model import ORGANISATION, OUTLET, PERSON, UNNAMED, Source
from .phrases import UNRESOLVED

LANG = "uk"
_WORD = re.compile(r"[\w'’ʼ-]+")
_CLOSED = frozenset({"CONJ", "PRCL", "PREP", "INTJ"})
# Prepositions that open a phrase before or after a subject ("після зустрічі", "у своєму зверненні").
_PREPOSITIONS = frozenset(
    "у в во на з із зі за від до після під через щодо для при над між серед біля по о об про перед без "
    "крім окрім задля протягом упродовж навколо всупереч".split()
)
# Frequent sentence adverbs the dictionary does not list or reads as something else.
_ADVERBS = frozenset("вже ще теж лише тільки навіть також зокрема натомість водночас відтак".split())
# Lower-case particles inside foreign names: "Мішель де Брюне", "Карл фон дер Гаген".
_NAME_PARTICLES = frozenset("де да ді дер фон ван ла ле дель бін аль ель".split())
_BACK_WORDS = frozenset({"про це", "про те", "це", "так", "таке", "про що"})
# Within this many characters a verb without a subject still speaks for the last speaker.
_ZERO_SUBJECT_REACH = 700


# More forms of the lexicon's speech verbs ("коментує X", "наголошують у відомстві", "Також закликали"):
# read only here, where the dictionary decides their subject (on the cue path alone the word before such
# a verb is too often an object or an adverb).
MORE_VERBS = (
    "коментує",
    "коментують",
    "прокоментував",
    "прокоментувала",
    "прокоментували",
    "заявляє",
    "заявляють",
    "наголошує",
    "наголошують",
    "зазначає",
    "зазначають",
    "додає",
    "додають",
    "підкреслює",
    "підкреслюють",
    "пояснює",
    "пояснюють",
    "нагадує",
    "нагадують",
    "запевняє",
    "запевняють",
)


_WIDER: dict[int, Lexicon] = {}


def lexicon(lex: Lexicon) -> Lexicon:
    """The Ukrainian lexicon with the verb forms this path reads as well."""
    wider = _WIDER.get(id(lex))
    if wider is None:
        more = tuple(v for v in MORE_VERBS if v not in lex.after_source)
        wider = dataclasses.replace(lex, after_source=lex.after_source + more, inverted=lex.inverted + more)
        _WIDER[id(lex)] = wider
    return wider


def blocked() -> bool:
    return morphology_blocked()


def available() -> bool:
    return analyzer(LANG) is not None


def version() -> str:
    try:
        from importlib.metadata import version as v

        return f"pymorphy3 {v('pymorphy3')} + uk dictionary {v('pymorphy3-dicts-uk')}"
    except Exception:  # noqa: BLE001 - only a label
        return "pymorphy3"


@dataclass
class Word:
    text: str
    start: int
    end: int

    @cached_property
    def low(self) -> str:
        return self.text.lower()

    @cached_property
    def readings(self) -> tuple:
        return parses(self.low, LANG)

    @cached_property
    def name_like(self) -> bool:
        """Capitalised and read as a given name, surname or patronymic (an abbreviation when in capitals)."""
        if not self.text[:1].isupper():
            return False
        for p in self.readings:
            g = p.tag.grammemes
            if g & {"Name", "Surn", "Patr"} or ("Abbr" in g and self.text.isupper()):
                return True
        return False

    @cached_property
    def function(self) -> bool:
        """An adverb, conjunction, particle or non-personal pronoun: never part of a source's name."""
        if self.low in _ADVERBS:
            return True
        rs = self.readings
        if not rs or not re.search(r"[а-яіїєґ]", self.low):
            return False
        if self.name_like and any(
            has_case(p, "nomn") and p.tag.grammemes & {"Name", "Surn", "Abbr"} for p in rs
        ):
            return False  # "Так" is a conjunction; a capitalised word that names someone is not
        first = rs[0].tag
        if first.POS == "ADVB" or any(p.tag.POS in _CLOSED for p in rs):
            return True
        return first.POS == "NPRO" and "pers" not in first.grammemes and not first.case

    @property
    def preposition(self) -> bool:
        return self.low in _PREPOSITIONS

    @cached_property
    def nominative(self) -> bool:
        """Can stand as a subject: a nominative reading, an indeclinable word, Latin script, a number."""
        if not re.search(r"[а-яіїєґ]", self.low):
            return True
        for p in self.readings:
            g = p.tag.grammemes
            if p.tag.POS in ("NOUN", "ADJF", "NPRO", "NUMR") and (has_case(p, "nomn") or "Fixd" in g):
                return True
            if p.tag.POS is None:  # UNKN, LATN, NUMB: no part of speech to say otherwise
                return True
        return False

    def case(self, case: str) -> bool:
        return any(has_case(p, case) for p in self.readings)

    @cached_property
    def verb(self) -> bool:
        """A finite verb or an infinitive (what ends a subject read forward)."""
        rs = self.readings
        return bool(rs) and rs[0].tag.POS in ("VERB", "INFN") and self.text[:1].islower()


def words(text: str, start: int, end: int) -> list[Word]:
    return [Word(m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def verb_person(verb: str) -> tuple[str, str] | None:
    """What a verb says about its subject: ("person", "m"/"f"), ("plural", ""), ("organisation", "")
    for the neuter past, None for a present singular (no gender) or no dictionary reading."""
    for p in parses(verb.lower(), LANG):
        if p.tag.POS != "VERB":
            continue
        g = p.tag.grammemes
        if "plur" in g:
            return "plural", ""
        if "masc" in g:
            return PERSON, "m"
        if "femn" in g:
            return PERSON, "f"
        if "neut" in g:
            return ORGANISATION, ""
        return None
    return None


def verb_gender(verb: str) -> str:
    found = verb_person(verb)
    return found[1] if found else ""


# ------------------------------------------------------------------------------------------------
# People named in a sentence.


def people(text: str, start: int, end: int, quoted=()) -> list[tuple[int, int, str, str, str, str]]:
    """(start, end, "PERSON", nominative, gender, case met) for each name outside quotes: a capitalised
    given name with the surname (and patronymic, particles) after it."""
    ws = [w for w in words(text, start, end) if not any(a <= w.start < b for a, b in quoted)]
    out = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if not (w.text[:1].isupper() and any("Name" in p.tag.grammemes for p in w.readings)):
            i += 1
            continue
        j = i + 1
        while j < len(ws) and ws[j].start - ws[j - 1].end <= 1:
            nxt = ws[j]
            if nxt.low in _NAME_PARTICLES and j + 1 < len(ws) and ws[j + 1].text[:1].isupper():
                j += 1
                continue
            if nxt.text[:1].isupper() and not nxt.function and re.search(r"[а-яіїєґ]", nxt.low):
                j += 1
                continue
            break
        j = min(j, i + 4)
        if j - i >= 2:
            a, b = ws[i].start, ws[j - 1].end
            reading = name_reading(text[a:b], LANG)
            if reading is not None:
                out.append((a, b, "PERSON", reading[0], reading[1], reading[2]))
        i = j
    return out


def note(memory, text: str, start: int, end: int, lex: Lexicon, gaz, quoted=()) -> None:
    """People named in the sentence, for a later "він", "вона", "політик" (a nominative name is a
    subject), and an institution opening it as its subject ("Міністерство фінансів оприлюднило …"), for a
    later "відомство", "у міністерстві", or a verb without a subject."""
    for a, _b, _label, name, gender, case in people(text, start, end, quoted):
        memory.note(Source(PERSON, name=name), a, subject=case == "nomn", gender=gender)
    org = _opening_institution(text, start, end, lex, quoted)
    if org is not None and not any(h.start < org[1] and org[0] < h.end for h in gaz.find(text, start, end)):
        memory.note(Source(ORGANISATION, name=text[org[0] : org[1]]), org[0], subject=True)


def _opening_institution(text: str, start: int, end: int, lex: Lexicon, quoted=()) -> tuple[int, int] | None:
    ws = [w for w in words(text, start, end) if not any(a <= w.start < b for a, b in quoted)]
    i = _skip_lead(ws)
    if i >= len(ws) or ws[i].low in ("у", "в", "во"):
        return None
    head = ws[i]
    lemma = next((p.normal_form for p in head.readings if p.tag.POS == "NOUN"), None)
    institution = lemma is not None and lex.pattern(lex.org_words).fullmatch(lemma)
    if not head.text[:1].isupper() or not head.nominative or not (institution or head.text.isupper()):
        return None
    j = i + 1
    while j < len(ws) and j - i <= 4 and ws[j].start - ws[j - 1].end <= 1 and ws[j].case("gent"):
        j += 1
    if j == i + 1 and lemma in lex.descriptions:
        return None  # "Відомство …" alone points back: no name of its own
    return head.start, ws[j - 1].end


# ------------------------------------------------------------------------------------------------
# Subjects of speech verbs.


def _skip_lead(ws: list[Word]) -> int:
    """Past the adverbs, conjunctions and prepositional phrases that open a phrase; a phrase "у/в +
    locative" stays (an institution: "У відомстві зазначили")."""
    i = 0
    while i < len(ws):
        w = ws[i]
        if w.low in ("у", "в", "во") and i + 1 < len(ws) and ws[i + 1].case("loct"):
            return i
        if w.preposition:
            i += 2  # the preposition and the word it governs
            while i < len(ws) and not ws[i].nominative and not ws[i].preposition:
                i += 1
            continue
        if w.function:
            i += 1
            continue
        return i
    return i


def _cut_tail(ws: list[Word], i: int, j: int) -> int:
    """The subject without adverbs after it and without a prepositional phrase that holds no nominative
    ("Зеленський у своєму зверненні", "Відомство просто")."""
    for k in range(i + 1, j):
        if ws[k].preposition and not any(w.nominative and not w.function for w in ws[k + 1 : j]):
            j = k
            break
    while j > i and ws[j - 1].function:
        j -= 1
    return j


_AND = frozenset({"та", "і", "й"})


def verb_features(verb: str) -> tuple[str, str] | None:
    """(number, gender) a finite verb wants of its subject: ("sing", "masc") for "заявив", ("plur", "")."""
    for p in parses(verb.lower(), LANG):
        if p.tag.POS == "VERB":
            g = p.tag.grammemes
            number = "plur" if "plur" in g else "sing"
            gender = next((x for x in ("masc", "femn", "neut") if x in g), "")
            return number, gender
    return None


def agrees(w: Word, features: tuple[str, str] | None) -> bool:
    """Can be the subject of a verb of this number and gender ("Міністерство … спростувало", not
    "освіти … спростувало")."""
    if features is None:
        return w.nominative
    number, gender = features
    for p in w.readings or ():
        g = p.tag.grammemes
        if p.tag.POS is None or "Abbr" in g or ("Fixd" in g and p.tag.POS == "NOUN"):
            return True
        if p.tag.POS not in ("NOUN", "NPRO", "ADJF") or not has_case(p, "nomn"):
            continue
        if number == "plur" or (
            "plur" not in g and (not gender or gender in g or "ms-f" in g or not g & {"masc", "femn", "neut"})
        ):
            return True
    return not w.readings and w.nominative


def _subject_before(ws: list[Word], features: tuple[str, str] | None = None) -> tuple[int, int] | None:
    i = _skip_lead(ws)
    if i >= len(ws):
        return None
    if ws[i].low in ("у", "в", "во"):
        return _locative(ws, i)
    j = len(ws)
    # "Міністерство юстиції та прокуратура заявили": the first of coordinated subjects
    if features is None or features[0] == "plur":
        j = next(
            (k for k in range(i + 1, j) if ws[k].low in _AND and any(w.nominative for w in ws[k + 1 :])), j
        )
    j = _cut_tail(ws, i, j)
    if j <= i:
        return None
    if not any(w.nominative for w in ws[i:j]):
        return None  # "Заяву коментує …": an object before the verb, not its subject
    return i, j


def _locative(ws: list[Word], i: int) -> tuple[int, int] | None:
    """ "У Міністерстві оборони України заявили", "додали в Офісі президента", "в пресслужбі «Укренерго»":
    the locative words and their genitives (or a quoted name), no more."""
    j = i + 1
    while j < len(ws) and ws[j].case("loct") and not ws[j].function:
        j += 1
    while j < len(ws) and (ws[j].case("gent") or not ws[j].readings) and not ws[j].function and j - i <= 6:
        j += 1
    return (i, j) if j > i + 1 else None


def _subject_after(ws: list[Word]) -> tuple[int, int] | None:
    i = _skip_lead(ws)
    if i < len(ws) and ws[i].low in ("у", "в", "во"):
        return _locative(ws, i)
    if i >= len(ws) or ws[i].verb or not ws[i].nominative:
        return None  # "закликали орієнтуватися …": no subject after the verb
    j = next((k for k in range(i + 1, len(ws)) if ws[k].verb), len(ws))
    j = _cut_tail(ws, i, j)
    return (i, j) if j > i else None


def _phrase_end(text: str, at: int, end: int, max_words: int = 20) -> int:
    """Where a subject read forward from `at` ends: punctuation (a quoted name kept whole) or 20 words."""
    stop = _PUNCT_STOP.search(text, at, end)
    while stop and stop.group() in '«„“"' and stop.start() >= at:
        close = re.compile(r"[»“”\"]").search(text, stop.end(), min(end, stop.end() + 80))
        if not close:
            break
        stop = _PUNCT_STOP.search(text, close.end(), end)
    limit = stop.start() if stop else end
    ws = list(_WORD.finditer(text, at, limit))
    if len(ws) > max_words:
        limit = ws[max_words - 1].end()
    return limit


def _subject_cue(
    c: Cue, ws: list[Word], span: tuple[int, int] | None, text: str, start: int, end: int
) -> Cue:
    a, b = ws[span[0]].start, ws[span[1] - 1].end
    if b < len(text) and text[b : b + 1] in '»”"' and "«" in text[a:b]:
        b += 1
    ents = [e for e in people(text, start, end) if a <= e[0] and e[1] <= b]
    if not ents and span[1] - span[0] == 1 and _surname(ws[span[0]]):
        reading = name_reading(ws[span[0]].text, LANG)
        if reading is not None:  # "Бруно стверджує", "тоді Шевчук сказав": a surname, a person
            ents = [(a, b, "PERSON", reading[0], reading[1], reading[2])]
    if not ents and _common_phrase(ws[span[0] : span[1]]):
        # "Білий дім заявив": a capitalised adjective before a common noun names an institution
        src = Source(ORGANISATION, name=text[a:b], phrase=text[a:b], start=a, end=b, cue=c.cue)
        return replace(c, src_start=a, src_end=b, sources=[src])
    return replace(c, src_start=a, src_end=b, ents=[e[:4] for e in ents] + list(c.ents))


def _surname(w: Word) -> bool:
    """A capitalised word read as a surname before any reading as a thing ("Вашингтон" is a city first)."""
    if not w.text[:1].isupper() or w.text.isupper():
        return False
    for p in w.readings:
        g = p.tag.grammemes
        if "Surn" in g:
            return True
        if p.tag.POS == "NOUN" and "inan" in g:
            return False
    return False


def _common_phrase(ws: list[Word]) -> bool:
    if not 2 <= len(ws) <= 4 or not ws[0].text[:1].isupper() or any(w.text[:1].isupper() for w in ws[1:]):
        return False
    if ws[0].name_like and not any(p.tag.POS == "ADJF" for p in ws[0].readings[:3]):
        return False
    head = ws[-1] if len(ws) == 2 else ws[1]
    return any(p.tag.POS == "ADJF" for p in ws[0].readings) and any(
        p.tag.POS == "NOUN" and "inan" in p.tag.grammemes and has_case(p, "nomn") for p in head.readings
    )


def _zero_subject(c: Cue, text: str, memory, lex: Lexicon) -> Cue | None:
    """ "Також закликали …", "Згодом додав, що …": the verb's number and gender point at the last speaker."""
    found = verb_person(text[c.cue_start : c.cue_end])
    if found is None:
        return None
    kind, gender = found
    pronoun = next((p for p, (k, g) in lex.pronouns.items() if k == kind and g == gender), None)
    if pronoun is None:
        return None
    probe = Source(UNRESOLVED, phrase=pronoun, start=c.cue_start, end=c.cue_start, resolved_from=pronoun)
    src = memory.resolve(probe, c.cue_start)
    if src is None or src.kind not in (PERSON, ORGANISATION, OUTLET, UNNAMED):
        return None
    if memory.last_active(src) < c.cue_start - _ZERO_SUBJECT_REACH:
        return None  # nobody spoke just before: an impersonal "повідомили" ("it was reported")
    src = replace(src, phrase="", start=c.cue_start, end=c.cue_start, resolved_from=f"({pronoun})", cue=c.cue)
    return replace(c, src_start=c.cue_start, src_end=c.cue_start, sources=[src], subject=True)


def _description(
    c: Cue, ws: list[Word], span: tuple[int, int], text: str, lex: Lexicon, memory
) -> Cue | None:
    """A one-noun subject that is a description ("Відомство", "Політик", "в уряді"): the antecedent
    named before, found by the noun's dictionary form (any case)."""
    i, j = span
    if ws[i].low in ("у", "в", "во"):
        i += 1
    if j - i != 1:
        return None
    w = ws[i]
    lemma = next((p.normal_form for p in w.readings if p.tag.POS == "NOUN"), None)
    if w.name_like or lemma is None or lemma not in lex.descriptions:
        return None
    probe = Source(UNRESOLVED, phrase=lemma, start=w.start, end=w.end, resolved_from=w.text)
    src = memory.resolve(probe, w.start)
    if src is None:
        if lex.descriptions[lemma] != ORGANISATION:
            return None
        src = Source(ORGANISATION, name=None, phrase=w.text, start=w.start, end=w.end)
    src = replace(src, phrase=text[ws[span[0]].start : w.end], start=ws[span[0]].start, end=w.end, cue=c.cue)
    return replace(c, src_start=src.start, src_end=src.end, sources=[src])


def _group(c: Cue, ws: list[Word], span: tuple[int, int], text: str) -> Cue | None:
    """ "Виробники зерна сказали": a plural common noun heading the subject is an unnamed group."""
    i, j = span
    head = ws[i]
    rs = head.readings
    if not rs or head.name_like or head.text.isupper():
        return None
    first = rs[0].tag
    if first.POS != "NOUN" or "plur" not in first.grammemes or not has_case(rs[0], "nomn"):
        return None
    if "anim" not in first.grammemes:
        return None
    a, b = ws[i].start, ws[j - 1].end
    phrase = text[a:b]
    desc = phrase[:1].lower() + phrase[1:] if not ws[i].text.isupper() else phrase
    src = Source(UNNAMED, description=desc, phrase=phrase, start=a, end=b, cue=c.cue)
    return replace(c, src_start=a, src_end=b, sources=[src])


def revise(text: str, start: int, end: int, cues: list[Cue], lex: Lexicon, memory) -> list[Cue]:
    """The cue lexicon's cues with the subject of each speech verb decided by the dictionary."""
    verbs = {v.lower() for v in lex.after_source}
    before = lex.pattern(lex.before_source)
    out: list[Cue] = []
    for c in sorted(cues, key=lambda c: c.cue_start):
        word = text[c.cue_start : c.cue_end].lower()
        if c.sources is not None or c.how != "cue" or word not in verbs or before.fullmatch(word):
            out.append(_trimmed(c, text, start, end, lex, memory))
            continue
        if c.src_end <= c.cue_start:
            # the clause before the verb, further back than the cue path's eight words
            c = replace(c, src_start=_backward(text, start, c.src_end, lex, max_words=16))
        revised = _verb_cue(c, text, start, end, lex, memory)
        if revised is not None and revised.sources and revised.sources[0].resolved_from.startswith("("):
            # "X написав …, та зазначив, що …": a second verb of the same subject
            earlier = next((o for o in reversed(out) if o.cue_start < c.cue_start and o.how == "cue"), None)
            if earlier is not None and _agree(text, earlier, c):
                revised = replace(earlier, cue=c.cue, cue_start=c.cue_start, cue_end=c.cue_end, listener=None)
        if revised is not None:
            out.append(revised)
    return out


def _agree(text: str, a: Cue, b: Cue) -> bool:
    pa, pb = verb_person(text[a.cue_start : a.cue_end]), verb_person(text[b.cue_start : b.cue_end])
    return pa is None or pb is None or pa == pb


def _trimmed(c: Cue, text: str, start: int, end: int, lex: Lexicon, memory) -> Cue:
    """A before-source phrase ("за словами …", "як повідомили …") without adverbs closing it; names in it
    read by the dictionary."""
    if c.src_start < c.cue_end or c.sources is not None:
        return c
    ws = words(text, c.src_start, c.src_end)
    j = _cut_tail(ws, 0, len(ws)) if ws else 0
    if j <= 0:
        return c
    return _description(c, ws, (0, j), text, lex, memory) or _subject_cue(c, ws, (0, j), text, start, end)


def _verb_cue(c: Cue, text: str, start: int, end: int, lex: Lexicon, memory) -> Cue | None:
    if c.src_end <= c.cue_start:  # the subject before the verb
        ws = words(text, c.src_start, c.src_end)
        lead = " ".join(w.low for w in ws)
        features = verb_features(text[c.cue_start : c.cue_end])
        span = None if lead in _BACK_WORDS else _subject_before(ws, features)
        if span is not None and not any(agrees(w, features) for w in ws[span[0] : span[1]]):
            # "Міністерство освіти, науки та спорту спростувало": the subject began before the comma
            wider = words(text, start, c.cue_start)[-16:]
            wide = _subject_before(wider, features)
            if wide is not None and any(agrees(w, features) for w in wider[wide[0] : wide[1]]):
                ws, span = wider, wide
        if span is not None:
            return _special(c, ws, span, text, lex, memory) or _subject_cue(c, ws, span, text, start, end)
        if lead.endswith(("про це", "про те", "про що")) or not ws or all(w.function for w in ws):
            return _after(c, text, start, end, lex, memory, zero=True)
        # an object before the verb ("Заяву коментує …"): the subject follows it
        return _after(c, text, start, end, lex, memory, zero=False)
    return _after(c, text, start, end, lex, memory, zero=True)


def _after(c: Cue, text: str, start: int, end: int, lex: Lexicon, memory, zero: bool) -> Cue | None:
    """The subject after the verb ("– заявив він", "повідомляє міністерство"), else no subject at all."""
    b = _phrase_end(text, c.cue_end, end)
    ws = words(text, c.cue_end, b)
    span = _subject_after(ws)
    if span is not None:
        c = replace(c, listener=None) if c.listener else c
        return _special(c, ws, span, text, lex, memory) or _subject_cue(c, ws, span, text, start, end)
    return _zero_subject(c, text, memory, lex) if zero else None


def _special(c: Cue, ws: list[Word], span, text: str, lex: Lexicon, memory) -> Cue | None:
    return _description(c, ws, span, text, lex, memory) or _group(c, ws, span, text)
