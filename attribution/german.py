"""German on the cue path (no German parser ships offline): verb-second clauses, names, documents.

German puts the finite verb second and whatever comes first need not be its subject: "Der Zeitung
sagte eine Sprecherin" (the dative outlet first, the subject after the verb), "Am Montag erklärte
Müller", "Müller hatte gesagt". The lexicon's patterns find the verbs; this module decides, per verb,
which words are its subject and which outlet, if any, is only its listener ("sagte der Zeitung").
It also finds people the text introduces ("Ministerin Anne Spiegel") so that a later bare surname is
that person even where it is also an outlet's name, and documents that carry a source ("im
Bloomberg-Artikel", "heißt es in einer Mitteilung des Ministeriums").
"""

from __future__ import annotations

import re
from dataclasses import replace

from .finders import Cue, _forward
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .lexicon.de import DOCUMENTS, GIVEN_NAMES, NOT_SUBJECT_OPENERS, ROLE_HEADS
from .lexicon.de import LEXICON as _DE
from .model import OUTLET

_TOKEN = re.compile(r"[^\W\d_][\w'’.\-‐]*|\d+")
_ROLE_HEADS = tuple(sorted(ROLE_HEADS, key=len, reverse=True))
_DOCS = frozenset(DOCUMENTS)
_DESCRIPTIONS = frozenset(_DE.descriptions)
# a capitalised word ending like this is a common noun, not a surname ("Termine", "Anordnung")
_NOUN_ENDING = re.compile(r"(?:ung|heit|keit|schaft|ion|tät|ismus|nis|ment|ie|e|en|ten|chen)$")
_AUX = frozenset("hat hatte haben hatten habe hätte hätten ist war sind waren wurde wurden".split())
_PARTICIPLES = frozenset(
    "gesagt erklärt berichtet mitgeteilt geschrieben gemeldet angekündigt bestätigt gewarnt betont "
    "behauptet kritisiert zitiert dementiert geäußert gefordert".split()
)
_OPENERS = NOT_SUBJECT_OPENERS | frozenset("zwar allerdings jedoch doch aber".split())
_HEISST = frozenset("heißt hieß hiess heisst".split())
_ACCUSATIVE = frozenset("den einen keinen seinen ihren".split())
_PREPOSITIONS = frozenset(
    "mit von zu aus bei nach seit an in auf für über unter um gegen durch ohne vor hinter neben zwischen "
    "im am zum zur vom beim ins wegen während".split()
)
_SUBORDINATE = frozenset("wie als nachdem weil da dass ob während".split())
_APPOSITION = re.compile(r",\s*((?:[A-ZÄÖÜ][\w\-]+\s+){1,2}[A-ZÄÖÜ][\w\-]+),\s*$")
_DOC_HEAD = re.compile(
    r"\s*(?i:(?:de[mnrs]|die|das|eine[mnrs]?|ein|seine[mnrs]?|ihre[mnrs]?)\s+)?(?:[a-zäöüß]+\s+){0,2}"
    r"(?:[A-ZÄÖÜ][\w.&]*-)?(?:Bericht|Berichten|Berichts|Artikel|Beitrag|Report|Meldung|Mitteilung|Angaben|"
    r"Informationen|Recherchen|Darstellung|Aussagen|Schätzungen)\b"
)
_OBJECT_PRONOUNS = frozenset("das dies dieses davon daran diesen".split())  # "Das sagte Müller"
_COORD = frozenset("und oder sondern sowie".split())
_ARTICLES = frozenset("der die das den dem des ein eine einer einem eines".split())
_NOMINATIVE_START = frozenset("ein eine der die das er sie man zwei drei vier mehrere".split())
_SENTENCE_PUNCT = re.compile(r"[,;:\[\]—–]|\s-\s")
_ASIDE = re.compile(r"\([^()]{1,60}\)")
_SHORT_QUOTE = re.compile(r"[„“\"«»][^„“\"«»]{1,60}[“”\"«»]")
_LISTENER_AFTER = re.compile(
    r"(?:(?<!\w)(?:der|dem)\s+|(?:Interview|Gespräch)\s+mit\s+(?:der\s+|dem\s+)?|gegenüber\s+(?:der\s+|dem\s+)?)"
    r"((?:[„\"«][^“”\"»]{1,50}[“”\"»]|[A-ZÄÖÜ][\w.\-]*|[a-z]{2,4}(?!\w))(?:\s+(?:[„\"«][^“”\"»]{1,50}[“”\"»]|[A-ZÄÖÜ][\w.\-]*)){0,3})"
)
_INTERVIEW = re.compile(
    r"\s*(?:im|in\s+einem)\s+(?:[a-zäöüß]+\s+)?(?:Interview|Gespräch)\s+mit\s+(?:de[mnr]\s+)?", re.I
)
# "sagte nicht, ob …", "bestätigte das am Montag nicht.": a negated speech verb reports nothing
_NEGATED = re.compile(r"(?:\s+[\wäöüßÄÖÜ]+){0,3}?\s+nicht\s*(?:[,.;:]|$)")
# "Anna Berg, die das Werk leitet, sagte": a name, then a relative clause closed by a comma before the verb
_RELATIVE = re.compile(
    r"((?:[A-ZÄÖÜ][\w\-]+\s+){0,3}[A-ZÄÖÜ][\w\-]+),\s*"
    r"(?:der|die|das|dem|den|deren|dessen)\s[^,;:„“»«]{3,100},\s*$"
)
_DOC_CUE = re.compile(
    r"(?<!\w)(?:[Ii]m|[Ii]n\s+(?:dem|einem|seinem|ihrem|einer|der)|[Ll]aut(?:\s+(?:dem|einem|einer|der))?|"
    r"[Nn]ach\s+(?:dem|einem|einer|der))\s+(?:[a-zäöüß]+\s+){0,2}"
    r"(?:(?P<pre>[A-ZÄÖÜ][\w.&]*)-)?(?P<doc>[A-ZÄÖÜ][a-zäöüß]+)(?!\w)"
)
_OF = re.compile(r"\s*(?:[«„\"][^»“”\"]{1,60}[»“”\"]\s*)?(?:von|vom|der|des|aus dem|aus der)\s+")


def is_role(word: str) -> bool:
    """ "Ministerin", "Bundesfamilienministerin", "Apple-CEO", "Cloudsparten-Chef": a role noun."""
    low = word.lower().strip(",.:;()")
    return any(low.endswith(h) for h in _ROLE_HEADS)


def _name_like(word: str, lex: Lexicon) -> bool:
    w = word.strip(",.:;()")
    return bool(
        w[:1].isupper()
        and not w.isupper()
        and "-" not in w
        and w.lower() not in _not_names(lex)
        and not is_role(w)
        and w.lower() not in _DOCS
    )


def _not_names(lex: Lexicon) -> frozenset[str]:
    return frozenset(w.lower() for w in lex.not_names)


def people(text: str, start: int, end: int, lex: Lexicon) -> list[tuple[int, int, str]]:
    """People the sentence names: a given name and a surname ("Anne Spiegel"), or a role noun and a
    surname ("Ministerin Spiegel", "Datenschützer Caspar"). (start, end, name) each."""
    toks = [(m.start(), m.end(), m.group().rstrip(".")) for m in _TOKEN.finditer(text, start, end)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        after_role = is_role(toks[i][2])
        j = i + 1 if after_role else i
        run: list[tuple[int, int, str]] = []
        while j < len(toks) and len(run) < 3 and _name_like(toks[j][2], lex):
            if run and text[run[-1][1] : toks[j][0]].strip():
                break  # punctuation between: not one name
            run.append(toks[j])
            j += 1
        given = bool(run) and run[0][2].lower() in GIVEN_NAMES
        if (after_role and run and (len(run) >= 2 or _surname(run[0][2]))) or (given and len(run) >= 2):
            found.append((run[0][0], run[-1][1], " ".join(t[2] for t in run)))
            i = j
            continue
        i += 1
    return found


def _surname(word: str) -> bool:
    return not _NOUN_ENDING.search(word.lower())


def note(memory, text: str, start: int, end: int, lex: Lexicon, gaz: Gazetteer) -> None:
    """What the sentence names, into the discourse memory: people first, and a known outlet's name
    only where it is not a person's ("Anne Spiegel", then "Spiegel" alone, is the minister)."""
    from .model import PERSON, Source

    named = people(text, start, end, lex)
    for a, _b, name in named:
        memory.note(Source(PERSON, name=name), a)
    for hit in gaz.find(text, start, end):
        if any(a <= hit.start < b for a, b, _ in named):
            continue
        last = text[hit.start : hit.end].split()[-1].lower()
        if hit.known.kind == OUTLET and (PERSON + ":" + last) in memory.entities:
            continue  # the person's surname, not the outlet
        memory.note(Source(hit.known.kind, name=hit.known.name, source_id=hit.known.source_id), hit.start)


def _clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding `pos` begins: after the last comma, colon, dash or closing quote, with
    quoted names („FT“) kept whole."""
    seg = text[start:pos]
    masked = list(seg)
    for m in _SHORT_QUOTE.finditer(seg):
        if len(m.group().split()) <= 5:
            masked[m.start() : m.end()] = "x" * (m.end() - m.start())
    for m in _ASIDE.finditer(seg):
        masked[m.start() : m.end()] = "x" * (m.end() - m.start())
    masked_s = "".join(masked)
    cut = 0
    for m in _SENTENCE_PUNCT.finditer(masked_s):
        cut = m.end()
    # after a long quote: '„…“ sagte X' without a comma
    for m in re.finditer(r"[“”\"»«](?=\s)", masked_s):
        cut = max(cut, m.end())
    a = start + cut
    while a < pos and text[a] in " \"„“”«»'\n\t":
        a += 1
    return a


def _words(text: str, a: int, b: int) -> list[re.Match]:
    return list(re.finditer(r"\S+", text[a:b]))


def _is_outlet(text: str, a: int, b: int, lex: Lexicon, gaz: Gazetteer) -> bool:
    if any(h.known.kind == OUTLET for h in gaz.find(text, a, b)):
        return True
    return bool(lex.pattern(lex.outlet_words).search(text, a, b))


def _listener(text: str, a: int, end: int, lex: Lexicon, gaz: Gazetteer) -> tuple[int, int] | None:
    """ "sagte der Berliner Zeitung", "… der Nachrichtenagentur Reuters", "gegenüber dem Spiegel": a
    named outlet the speaker told, in the clause after `a` ("dem Sender" alone names none)."""
    stop = _SENTENCE_PUNCT.search(text, a, end)
    limit = stop.start() if stop else end
    for m in _LISTENER_AFTER.finditer(text, a, limit):
        x, y = m.span(1)
        if gaz.find(text, x, y) or (_is_outlet(text, x, y, lex, gaz) and len(text[x:y].split()) >= 2):
            return x, y
    return None


def _narrowed(text: str, c: Cue, lex: Lexicon) -> Cue | None:
    """A source phrase after "laut" / "nach Angaben" / before "zufolge" without the clause it runs
    into ("nach Angaben der Polizei wurde …") and, for a document, only the document's source ("einem
    Bericht der Süddeutschen Zeitung zufolge")."""
    a, b = c.src_start, c.src_end
    doc = _DOC_HEAD.match(text, a, b)
    if doc:
        of = _OF.match(text, doc.end(), b)
        if of and of.end() < b:
            a = of.end()
    b = _np_end(text, a, b)
    return replace(c, src_start=a, src_end=b) if b > a else None  # "so freue ich mich": no source


def _np_end(text: str, a: int, b: int) -> int:
    """Where a German noun phrase starting at `a` ends: at the first small word that is neither an
    article, nor an adjective after one, nor "von"/"des" inside the phrase (verbs, adverbs)."""
    words = list(re.finditer(r"\S+", text[a:b]))
    inside_article = False
    for i, w in enumerate(words):
        t = w.group().strip('„“"«»,.')
        low = t.lower()
        if not t or t[:1].isupper() or t[:1].isdigit():
            inside_article = False
            continue
        if low in _ARTICLES or low in ("von", "vom", "aus"):
            inside_article = True
            continue
        if inside_article and re.search(r"(?:e|en|er|es|em)$", low):
            continue  # "der deutschen Polizei"
        return a + words[i - 1].end() if i else a
    return b


def _after_verb(text: str, at: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """The subject phrase right after a verb ("sagte eine Sprecherin: …")."""
    a = at
    while a < end and text[a] == " ":
        a += 1
    b = _forward(text, a, end, lex)
    words = list(re.finditer(r"\S+", text[a:b]))
    for prev, w in zip(words, words[1:], strict=False):
        low = w.group().lower()
        if low in _ACCUSATIVE and prev.group().lower() not in _PREPOSITIONS:
            return a, a + prev.end()  # "meldete der Rundfunk den Erfolg": the object follows
        if (low in _PREPOSITIONS or low == "dem") and prev.group()[:1].isupper():
            return a, a + prev.end()  # "sagte Spiegel bei der Feier": the noun phrase ends
    return a, b


def _cut_before(
    text: str, a: int, b: int, heard: tuple[int, int] | None
) -> tuple[int, tuple[int, int] | None]:
    """The subject phrase ends where the listener begins ("eine Person der Nachrichtenagentur X")."""
    if not heard or not (a <= heard[0] < b):
        return b, heard
    if not text[a : heard[0]].strip(" ").count(" "):
        return b, None  # "meldete der Rundfunk": the outlet is the subject itself, not a listener
    b = heard[0]
    m = re.search(r"\s*(?:(?<!\w)(?:der|dem)|Interview mit(?: de[mr])?|gegenüber(?: de[mr])?)\s*$", text[a:b])
    return (a + m.start() if m else b), heard


def _looks_like_subject(text: str, a: int, b: int) -> bool:
    words = text[a:b].split()
    if not words:
        return False
    first = words[0].strip('„“"«»')
    return first[:1].isupper() or first.lower() in _NOMINATIVE_START


def revise(text: str, start: int, end: int, cues: list[Cue], lex: Lexicon, gaz: Gazetteer) -> list[Cue]:
    """The lexicon's cues with German word order applied; documents that carry a source added."""
    verbs = {v.lower() for v in lex.inverted}
    out: list[Cue] = []
    for c in cues:
        word = text[c.cue_start : c.cue_end]
        low = word.lower()
        if low.startswith("zitiert"):
            out.append(c)  # "X zitiert Y": X > Y, as the lexicon reads it
            continue
        if low not in verbs:
            narrowed = _narrowed(text, c, lex)  # "laut …", "nach Angaben …", "… zufolge", "so …"
            if narrowed is not None:
                out.append(narrowed)
            continue
        lead = text[start : c.cue_start].strip(" \"„“”«»'")
        if word[:1].isupper() and lead:
            continue  # "Berichten", "Meldungen": a noun, not the verb
        if _NEGATED.match(text, c.cue_end, end):
            continue  # "Berg sagte am Montag nicht, ob …": nothing said
        revised = _verb_cue(text, start, end, c, low, lex, gaz)
        if revised is not None:
            out.append(revised)
    for m in lex.pattern(lex.inverted).finditer(text, start, end):
        who = _RELATIVE.match(text[start : m.start()].lstrip(' \n„“"»«'))
        if who and m.group()[:1].islower() and not any(c.cue_start == m.start() for c in out):
            # "Jonas Kühn, der den Betriebsrat leitet, sagte, …": the name before the relative clause
            a = m.start() - len(text[start : m.start()].lstrip(' \n„“"»«')) + who.start(1)
            out.append(Cue(m.group(), m.start(), m.end(), a, a + len(who.group(1))))
            continue
        named = _APPOSITION.search(text, start, m.start())
        if named and m.group()[:1].islower() and not any(c.cue_start == m.start() for c in cues):
            # "Der Sprecher der Polizei, Hans Meier, sagte, …": the name between the commas
            out.append(Cue(m.group(), m.start(), m.end(), named.start(1), named.end(1)))
    # one cue a verb: the generic before- and after-source readings of one verb are one reading here
    seen: set[tuple[int, int, int]] = set()
    unique = []
    for c in out:
        key = (c.cue_start, c.src_start, c.src_end)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    if not any(text[c.cue_start : c.cue_end].lower() in verbs for c in unique):
        unique += _document_cues(text, start, end, lex, gaz, unique) or _sees_confirmed(text, start, end)
    return unique


_SEES = re.compile(
    r"(?<!\w)(?:sieht|sehen|sah|sahen)(?!\w)(?=[^.;:]*?(?<!\w)(?:bestätigt|belegt|erwiesen|widerlegt|entkräftet)(?!\w))"
)


def _sees_confirmed(text: str, start: int, end: int) -> list[Cue]:
    """ "X sieht den Verdacht bestätigt": X claims it."""
    m = _SEES.search(text, start, end)
    if not m:
        return []
    clause = _clause_start(text, start, m.start())
    if not text[clause : m.start()].strip():
        return []
    return [Cue(m.group(), m.start(), m.end(), clause, m.start())]


def _verb_cue(text: str, start: int, end: int, c: Cue, low: str, lex: Lexicon, gaz: Gazetteer) -> Cue | None:
    clause = _clause_start(text, start, c.cue_start)
    words = _words(text, clause, c.cue_start)
    after = text[c.cue_end : end]
    if re.match(r"\s+sich\b", after):
        # "meldete sich zu Wort": not "meldete X"; the subject is before the verb
        if not words:
            return None
        return replace(c, src_start=clause, src_end=c.cue_start, subject=True, listener=None)
    if low in _HEISST:
        return _heisst(text, start, end, c, clause, lex)
    if words and words[0].group().lower() in _SUBORDINATE:
        # "…, wie die Polizei am Montag mitteilte": the subject follows the conjunction, the verb is last
        a = clause + words[0].end()
        src = re.match(r"\s*(?:es\s+)?(?:aus|von|vom|bei|beim)\s+(?:de[mnr]\s+)?", text[a : c.cue_start])
        if src:
            a += src.end()
        a, b = _after_verb(text, a, c.cue_start, lex)
        if b <= a:
            return None
        return replace(c, src_start=a, src_end=b, subject=not src, listener=None)
    if not words:
        named = _APPOSITION.search(text, start, c.cue_start)
        if named:
            # "Der Sprecher der Polizei, Hans Meier, sagte": the name between the commas
            return replace(c, src_start=named.start(1), src_end=named.end(1), subject=True, listener=None)
    if low in _PARTICIPLES:
        aux = next((i for i, w in enumerate(words) if w.group().lower() in _AUX), None)
        if aux is not None:
            before = words[:aux]
            if before and before[0].group().lower().strip(',"„“') not in _OPENERS:
                a, b = clause, clause + before[-1].end()
            else:
                rest = words[aux + 1 :]
                if not rest:
                    return None
                a = clause + rest[0].start()
                b = _forward(text, a, c.cue_start, lex, max_words=4)
                names = [w for w in re.finditer(r"\S+", text[a:b]) if w.group().lstrip('„“"«»')[:1].isupper()]
                if not names:
                    return None
                b = a + names[-1].end()
            return replace(
                c, src_start=a, src_end=b, subject=True, listener=_listener(text, b, end, lex, gaz)
            )
    if not words:
        # '„…“, sagte X' / '…, so X': the subject follows the verb
        a, b = _after_verb(text, c.cue_end, end, lex)
        if b <= a:
            return None
        heard = _listener(text, c.cue_end, end, lex, gaz)
        b, heard = _cut_before(text, a, b, heard)
        if b <= a:
            return None
        return replace(c, src_start=a, src_end=b, subject=True, listener=heard)
    first = words[0].group().lower().strip(',"„“')
    last = words[-1].group().lower().strip(",")
    if last in _COORD:
        return None  # "… und forderte": the subject is the first verb's, found by that verb
    a_after, b_after = _after_verb(text, c.cue_end, end, lex)
    inverted = False
    listener = None
    if (
        first in _OPENERS
        or (len(words) == 1 and first in _OBJECT_PRONOUNS)
        or (
            first in ("der", "die")
            and _is_outlet(text, clause, c.cue_start, lex, gaz)
            and _looks_like_subject(text, a_after, b_after)
            and not _is_outlet(text, a_after, b_after, lex, gaz)
        )
    ):
        inverted = _looks_like_subject(text, a_after, b_after)
        if not inverted:
            return None
        interview = _INTERVIEW.match(text, clause, c.cue_start)
        if interview and _is_outlet(text, interview.end(), c.cue_start, lex, gaz):
            # "Im Interview mit dem Spiegel sagte Berg": the outlet that heard it
            listener = (interview.end(), clause + words[-1].end())
        told = first in ("der", "dem", "die") or (first == "gegenüber" and len(words) > 2)
        if listener is None and told and _is_outlet(text, clause, c.cue_start, lex, gaz):
            skip = 1 if first != "gegenüber" else 2
            listener = (clause + words[skip].start(), clause + words[-1].end()) if len(words) > skip else None
    if inverted:
        heard = _listener(text, c.cue_end, end, lex, gaz)
        b_after, heard = _cut_before(text, a_after, b_after, heard)
        if heard and listener is None:
            listener = heard
        if b_after <= a_after:
            return None
        return replace(c, src_start=a_after, src_end=b_after, subject=True, listener=listener)
    if len(words) > 8:
        clause = clause + words[-8].start()
    return replace(
        c,
        src_start=clause,
        src_end=c.cue_start,
        subject=True,
        listener=_listener(text, c.cue_end, end, lex, gaz),
    )


def _heisst(text: str, start: int, end: int, c: Cue, clause: int, lex: Lexicon) -> Cue | None:
    """ "heißt es in einer Mitteilung des Ministeriums", "Im Artikel von Bloomberg hieß es": the
    source is the document's; "hieß es aus dem Ministerium": the source itself."""
    for a, b in ((clause, c.cue_start), (c.cue_end, end)):
        seg_a = a
        m = re.match(r"\s*es\b", text[a:b]) if a == c.cue_end else None
        if m:
            seg_a = a + m.end()
        src = re.compile(r"(?<!\w)(?:aus|von|vom|bei|beim)\s+(?:der\s+|dem\s+|den\s+)?", re.I).search(
            text, seg_a, b
        )
        doc = _DOC_CUE.search(text, seg_a, b)
        if doc and doc.group("pre"):
            return replace(c, src_start=doc.start("pre"), src_end=doc.end("pre"), subject=False, report=True)
        if src:
            x = src.end()
            y = _forward(text, x, b, lex, max_words=5)
            if y > x:
                return replace(c, src_start=x, src_end=y, subject=False, report=True)
        if doc and doc.group("doc").lower() in _DOCS:
            of = _OF.match(text, doc.end(), b)
            if of:
                y = _forward(text, of.end(), b, lex, max_words=5)
                if y > of.end():
                    return replace(c, src_start=of.end(), src_end=y, subject=False, report=True)
    return None


def _document_cues(
    text: str, start: int, end: int, lex: Lexicon, gaz: Gazetteer, cues: list[Cue]
) -> list[Cue]:
    """ "Im Bloomberg-Artikel wird …", "in einem Bericht der FT heißt es …": the document's source."""
    out = []
    for m in _DOC_CUE.finditer(text, start, end):
        if m.group("doc").lower() not in _DOCS or any(c.src_start <= m.start() < c.src_end for c in cues):
            continue
        if m.group("pre") and _is_source_name(text, m.start("pre"), m.end("pre"), lex, gaz):
            out.append(
                Cue(m.group(), m.start(), m.end(), m.start("pre"), m.end("pre"), report=True, subject=False)
            )
            break
        of = _OF.match(text, m.end(), end)
        if of:
            y = _forward(text, of.end(), end, lex, max_words=5)
            if y > of.end() and _is_source_name(text, of.end(), y, lex, gaz):
                out.append(Cue(m.group(), m.start(), m.end(), of.end(), y, report=True, subject=False))
                break
    return out


def _is_source_name(text: str, a: int, b: int, lex: Lexicon, gaz: Gazetteer) -> bool:
    """A known name, or capitalised words that are not just nouns."""
    if gaz.find(text, a, b):
        return True
    words = [w.strip('„“"«»,.') for w in text[a:b].split()]
    words = [w for w in words if w.lower() not in _ARTICLES]
    return bool(words) and (
        lex.pattern(lex.outlet_words).search(text, a, b) is not None
        or lex.pattern(lex.org_words).search(text, a, b) is not None
        or any(w.isupper() and len(w) > 1 for w in words)
    )


_GROUP_OF = re.compile(
    r"(?<!\w)([A-ZÄÖÜ][\w.&]*)-(?=[A-ZÄÖÜ]?[a-zäöüß]*(?:sprecher|sprecherin|kreise|kreisen|insider|quelle|quellen|mitarbeiter|vertreter)\b)",
    re.I,
)


_GROUP_GENITIVE = re.compile(
    r"(?:sprecher|sprecherin|insider|mitarbeiter|vertreter|beamte|beamter)\s+(?:des|der|vom|von\s+der|von)\s+"
    r"((?:[A-ZÄÖÜ][\w\-]*|I{1,3})(?:\s+(?:[A-ZÄÖÜ][\w\-]*|I{1,3})){0,3})",
    re.I,
)


def group_affiliation(phrase: str) -> str:
    """ "Ein Google-Sprecher", "ein Sprecher des Innenministeriums": the organisation it speaks for."""
    m = _GROUP_OF.search(phrase)
    if m and m.group(1)[:1].isupper():
        return m.group(1)
    m = _GROUP_GENITIVE.search(phrase)
    if not m or not m.group(1)[:1].isupper():
        return ""
    if len(m.group(1).split()) == 1 and re.sub(r"e?s$", "", m.group(1).lower()) in _DESCRIPTIONS:
        return ""  # "ein Sprecher des Konzerns": a description, not a name
    return m.group(1)


# ---------------------------------------------------------------------------------------------------
# Reported speech: a sentence that goes on with what the last speaker said.

_GOES_ON = re.compile(r"\s*[\"„“«»]?(?:Demnach|Demzufolge|Dem\s+(?:Bericht|Artikel|Schreiben)\s+nach)\b")
# "X soll … gesagt haben", "Diese sollen … deponiert haben": hearsay, credited to whoever told it
_HEARSAY = re.compile(r"(?<!\w)soll(?:en|te|ten)?(?!\w)[^.,;:]*?(?<!\w)(?:haben|sein|worden)\s*[.!?]?\s*$")
# Konjunktiv I forms ending in -te (t-stems), which look like a weak Präteritum otherwise
_KONJUNKTIV_TE = frozenset("gelte halte biete leite richte arbeite bedeute beinhalte warte".split())
_NOT_VERB_E = frozenset(
    """alle beide viele einige andere keine diese jede jene seine ihre meine unsere eure welche solche
    manche heute gerade lange gerne nahe ohne bisherige""".split()
)
_FIELD_WORDS = frozenset("sogar auch nur noch selbst allein".split())


def refers_back(text: str, s) -> bool:
    """ "Demnach …": the sentence goes on with the source named before it."""
    return bool(_GOES_ON.match(text, s.start, s.end))


def reports_on(text: str, start: int, end: int) -> bool:
    """Does this sentence continue the last speaker's words without a cue of its own: it opens with
    "Demnach", is hearsay ("sollen … haben"), or its finite verb is a Konjunktiv I ("Nun prüfe Google
    die Anordnung": -e where the indicative has -t)? A weak Präteritum ("verrieten", "plante") is not
    taken: it is the narrator's tense as often as reported speech."""
    if _GOES_ON.match(text, start, end) or _HEARSAY.search(text, start, end):
        return True
    toks = [m.group() for m in re.finditer(r"[^\W\d_][\w\-]*", text[start:end])][:8]
    after_article = False
    for i, t in enumerate(toks):
        low = t.lower()
        if i == 0 or low in _ARTICLES or low in _FIELD_WORDS:
            after_article = low in _ARTICLES
            continue
        if t[:1].isupper():
            after_article = False
            continue
        if after_article:
            continue  # "die große Koalition": an adjective
        # the first small word after the first field: the finite verb
        return (
            len(low) >= 4
            and low.endswith("e")
            and low not in _NOT_VERB_E
            and (not low.endswith("te") or low in _KONJUNKTIV_TE)
        )
    return False
