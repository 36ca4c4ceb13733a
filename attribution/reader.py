"""The driver: a text in, its attributed statements and its re-report origin out.

Linear in the text: one sentence split, one parse per paragraph (where a parser runs), and a constant
amount of work per sentence against the discourse memory.
"""

from __future__ import annotations

import re

from textkit.folding import fold
from textkit.language import detect as detect_language
from textkit.sentences import paragraph_spans, split_sentences

from . import chinese, english, german, russian, ukrainian
from .discourse import Memory
from .finders import Cue, regex_cues
from .gazetteer import Gazetteer
from .lexicon import Lexicon, for_language
from .model import ORGANISATION, OUTLET, PERSON, UNNAMED, Reading, Source, Statement
from .phrases import UNRESOLVED, chain_of, gender_of
from .unsaid import says_nothing

READER_VERSION = "attribution-1"
# `Statement.how` of a sentence that is only the attribution of the sentences before it ("Об этом …").
REFERS_BACK = "refers back"
# Above this many characters the parser is skipped (the cue path alone stays linear and fast).
PARSER_MAX_CHARS = 120_000
_QUOTE_CHARS = re.compile(r"[\"“”«»„「」『』]")
_DEFAULT_GAZETTEER: Gazetteer | None = None


def _default_gazetteer() -> Gazetteer:
    global _DEFAULT_GAZETTEER
    if _DEFAULT_GAZETTEER is None:
        _DEFAULT_GAZETTEER = Gazetteer()
    return _DEFAULT_GAZETTEER


def read(
    text: str,
    language: str | None = None,
    *,
    outlet: str | None = None,
    gazetteer: Gazetteer | None = None,
    use_parser: bool = True,
    title: str | None = None,
) -> Reading:
    """Who each statement in `text` is attributed to, and whether the article re-reports an outlet.

    `outlet` is the article's own outlet ("told Reuters" in a Reuters story is not a link); `gazetteer`
    the registry's names (a built-in list of outlets otherwise); `title` helps re-report detection.
    `use_parser=False` skips the dependency parsers (spaCy for English, natasha for Russian: tens to
    hundreds of milliseconds an article); Chinese word segmentation and Ukrainian morphology cost a few
    milliseconds and run whenever they are installed (corroboration reads coverage that way).
    """
    lang = (language or detect_language(text) or "en").split("-")[0]
    lex = for_language(lang)
    gaz = gazetteer or _default_gazetteer()
    own = fold(outlet) if outlet else None
    warnings: list[str] = []
    sentences = split_sentences(text, language=lang)
    states = _quote_states(text, sentences)
    docs: dict[int, tuple[object, int]] = {}
    engine = "cues"
    if use_parser and lang == "en" and english.available():
        if len(text) <= PARSER_MAX_CHARS:
            spans = paragraph_spans(text)
            for number, ((a, _b), doc) in enumerate(english.parse_paragraphs(text, spans)):
                docs[number] = (doc, a)
            engine = english.version() + " + cues"
        else:
            warnings.append(
                f"The text is over {PARSER_MAX_CHARS:,} characters: read with the cue lexicon only, without the parser."
            )
    ru_doc = None
    if use_parser and lang == "ru" and len(text) <= PARSER_MAX_CHARS and russian.available():
        ru_doc = russian.Parsed(text, paragraph_spans(text))
        engine = russian.version() + " + cues"
    zh_words = lang == "zh" and len(text) <= PARSER_MAX_CHARS and chinese.available()
    if zh_words:
        engine = chinese.version() + " + cues"
    uk_morph = lang == "uk" and ukrainian.available()
    if uk_morph:
        engine = ukrainian.version() + " + cues"
    memory = Memory(lex)
    statements: list[Statement] = []
    by_sentence: list[list[Statement]] = []
    bylines: list[tuple[int, int]] = []
    byline_re = re.compile(lex.byline, re.I)
    for s, state in zip(sentences, states, strict=True):
        raw = text[s.start : s.end]
        found: list[Statement] = []
        if byline_re.search(raw) and len(raw) < 400:
            bylines.append((s.start, s.end))
            by_sentence.append(found)
            continue
        parsed = docs.get(s.paragraph)
        if parsed is not None:
            doc, base = parsed
            quoted = _all_quotes(text, s, state)
            cues = english.cues_in(doc, base, s.start, s.end, quoted)
            cues += _missed_by_parser(text, s, lex, cues, quoted)
            _note_entities(memory, doc, base, s.start, s.end, quoted)
        elif ru_doc is not None and _sentence_lexicon(text, s, lex) is lex:
            quoted = _all_quotes(text, s, state)
            cues = ru_doc.cues_in(s.start, s.end, quoted)
            cues += _missed_by_parser(text, s, lex, cues, quoted, keep_verbs=True)
            for a, b, label, normal in ru_doc.ents:
                if s.start <= a < s.end and label == "PERSON" and not any(x <= a < y for x, y in quoted):
                    memory.note(Source(PERSON, name=normal or text[a:b]), a)
                elif (
                    s.start <= a < s.end
                    and label == "ORG"
                    and not any(x <= a and y - x > b - a + 4 for x, y in quoted)
                ):
                    # "Министерство энергетики …", «Русал»: for a later "в ведомстве", "пресс-служба компании"
                    memory.note(Source(ORGANISATION, name=normal or text[a:b]), a)
        elif zh_words and _sentence_lexicon(text, s, lex) is lex:
            cues = chinese.cues_in(text, s.start, s.end, gaz, memory, _all_quotes(text, s, state))
        else:
            sentence_lex = _sentence_lexicon(text, s, lex)
            morph = uk_morph and sentence_lex is lex
            cues = regex_cues(text, s.start, s.end, ukrainian.lexicon(lex) if morph else sentence_lex)
            if lex.language == "de":
                cues = german.revise(text, s.start, s.end, cues, lex, gaz)
                german.note(memory, text, s.start, s.end, lex, gaz)  # people before same-named outlets
            else:
                for hit in gaz.find(text, s.start, s.end):
                    memory.note(
                        Source(hit.known.kind, name=hit.known.name, source_id=hit.known.source_id), hit.start
                    )
            if morph:
                # the dictionary decides each speech verb's subject; names in the sentence are remembered
                quoted = _all_quotes(text, s)
                ukrainian.note(memory, text, s.start, s.end, lex, gaz, quoted)
                cues = ukrainian.revise(text, s.start, s.end, cues, ukrainian.lexicon(lex), memory)
        cues = [c for c in cues if not says_nothing(text, s.start, s.end, c, lex.language)]
        for chain, cue in _chains(text, cues, lex, gaz, memory, own):
            c_start, c_end = _content(text, s.start, s.end, cue, lex)
            found.append(
                Statement(
                    s.start,
                    s.end,
                    chain,
                    quotes=_quotes(text, s),
                    cue=cue.cue,
                    how=cue.how,
                    content_start=c_start,
                    content_end=c_end,
                )
            )
        found = _merge_same_sentence(_nest_citing(text, found))
        for st in found:
            for src in st.chain:
                gender = gender_of(src.phrase)
                if uk_morph and not gender and src is st.chain[-1] and src.kind == PERSON:
                    gender = ukrainian.verb_gender(st.cue)  # "заявила": a woman spoke
                memory.note(src, st.start, subject=True, speaker=True, gender=gender)
        by_sentence.append(found)
    _carry_quotes(text, sentences, by_sentence, states)
    if lex.language == "de":
        _reported_speech(text, sentences, by_sentence)
    if zh_words:
        chinese.carry_on(sentences, by_sentence, text)
    _back_references(text, sentences, by_sentence, lex)
    for found in by_sentence:
        statements.extend(found)
    origin, origin_cue = _rereport(statements, sentences, own, title, text, lex, gaz)
    if origin is not None:
        _credit_origin(statements, origin)
    return Reading(lang, statements, origin, origin_cue, bylines, engine, warnings)


_THAT = re.compile(r"[\s,:—–-]*(?:that|что|що|dass|, что|,)?\s*", re.I)


def _content(text: str, start: int, end: int, cue: Cue, lex: Lexicon) -> tuple[int, int]:
    """The claimed words: the sentence without the attribution where it stands at either edge."""
    a = min(cue.cue_start, cue.src_start)
    b = max(cue.cue_end, cue.src_end)
    for x, y, _ in cue.inner:
        b = max(b, y) if x >= b - 2 else b
    lead = text[start:a].strip(' ,:—–-"“”«»')
    tail = text[b:end].strip(' ,.:;—–-"“”«»!?')
    if not lead and tail:
        m = _THAT.match(text, b, end)
        return (m.end() if m else b), end
    if not tail and lead:
        e = a
        while e > start and text[e - 1] in " ,:—–-":
            e -= 1
        return start, e
    return start, end


_BACKREF = {
    "en": r"\s*(?:this|that|the news|the report|the plan|the move)\s+(?:was|were|has been)\s+(?:first\s+)?(?:reported|announced|disclosed)",
    "ru": r"\s*(?:(?:об этом|о том|о чем|о чём|такие данные|эти данные)\s"
    r"|(?:его|её|ее|их)\s+(?:слова\s+)?(?:цитиру|привод|переда))",
    "uk": r"\s*(?:(?:про це|про те|такі дані|ці дані)\s|(?:його|її|їх)\s+(?:слова\s+)?(?:циту|навод|переда))",
    "de": r"\s*(?:das|dies|dies(?:es|e)?)\s+(?:berichtet|berichtete|meldet|meldete|sagte|teilte|schreibt|schrieb)",
    "zh": r"\s*(?:此事|这一消息|這一消息|上述消息)",
    "ko": r"\s*(?:이는|이같은|이 같은)",
}


_RELAYS = re.compile(
    r"\s*(?:его|её|ее|их|його|її|їх)\s+(?:слова\s+)?(?:цитиру|привод|переда|циту|навод)", re.I
)


# German reported speech: a sentence in Konjunktiv I goes on with what the last speaker said.
_KONJUNKTIV = re.compile(
    r"(?<!\w)(?:sei|seien|habe|werde|könne|müsse|solle|wolle|dürfe|lasse|gebe|gehe|komme|stehe|liege|"
    r"brauche|wisse|bleibe|hätten|wären|würden)(?!\w)"
)


def _reported_speech(text: str, sentences, by_sentence: list[list[Statement]]) -> None:
    last: tuple[int, Statement] | None = None
    for i, s in enumerate(sentences):
        if by_sentence[i]:
            last = (s.paragraph, by_sentence[i][0])
            continue
        reported = _KONJUNKTIV.search(text, s.start, s.end) or german.reports_on(text, s.start, s.end)
        ahead = (
            by_sentence[i + 1] if i + 1 < len(sentences) and sentences[i + 1].paragraph == s.paragraph else []
        )
        if (
            reported
            and ahead
            and (last is None or last[0] != s.paragraph)
            and not german.refers_back(text, s)
        ):
            # a paragraph opening in reported speech: its own speaker, named next
            last = (s.paragraph, ahead[0])
        if reported and last is not None and s.paragraph - last[0] <= 1:
            src = last[1]
            by_sentence[i].append(
                Statement(
                    s.start, s.end, src.chain, quotes=list(s.quotes), cue=src.cue, how="reported speech"
                )
            )
            last = (s.paragraph, by_sentence[i][0])
        elif s.paragraph - (last[0] if last else -9) > 1:
            last = None


def _back_references(text: str, sentences, by_sentence: list[list[Statement]], lex: Lexicon) -> None:
    """ "Об этом сообщает FT со ссылкой на источники": the chain belongs to the sentences before it in
    the paragraph (or the previous paragraph's last, for a paragraph that opens with it)."""
    pattern = _BACKREF.get(lex.language)
    if not pattern:
        return
    backref = re.compile(pattern, re.I)
    for i, s in enumerate(sentences):
        if not by_sentence[i] or not backref.match(text, s.start, s.end):
            continue
        src = by_sentence[i][0]
        src.how = REFERS_BACK
        if _RELAYS.match(text, s.start, s.end) and i and all(x.kind == OUTLET for x in src.chain):
            # "«…», — сказал X. Его цитирует ТАСС.": the outlet relays the speaker named before
            spoke = [st for st in by_sentence[i - 1] if st.chain and st.chain[0].kind != OUTLET]
            for st in spoke:
                st.chain = [*src.chain, *st.chain]
            if spoke:
                src.chain = list(spoke[0].chain)
        j = i - 1
        while j >= 0 and not by_sentence[j] and (sentences[j].paragraph == s.paragraph or j == i - 1):
            t = sentences[j]
            by_sentence[j].append(
                Statement(t.start, t.end, src.chain, quotes=list(t.quotes), cue=src.cue, how="back-reference")
            )
            if sentences[j].paragraph != s.paragraph:
                break
            j -= 1


def _note_entities(memory: Memory, doc, base: int, start: int, end: int, quoted=()) -> None:
    """Names outside quotes are candidates for a later "he", "she", "the company". A name the tagger took
    for an organisation that a "who" clause or a role in apposition marks as a person is a person
    ("Jane Roe, who led the firm"); a title before a name is its role ("President Obama": "the
    president"); a known person's surname as a subject keeps them salient ("Roe later apologised")."""
    persons = set()
    for e in doc.ents:
        at = base + e.start_char
        if not (start <= at < end) or any(a <= at < b for a, b in quoted):
            continue
        if e.label_ == "PERSON" and e.root.dep_ == "pobj" and e.root.head.lower_ in _PLATFORM_PREPOSITIONS:
            continue  # "posted on Twitter", "sent via Gmail": a platform the tagger took for a person
        introduced = _marked_person(e, memory.lex) and not _in_clause_with_subject(e.root)
        if e.label_ == "PERSON" or (e.label_ == "ORG" and introduced):
            # a subject, or a person introduced with a description ("Enter Jane Roe, an aide who …"):
            # what a following "she" most often means
            subj = introduced or any(_main_subject(t) for t in e)
            name = re.sub(r"['’]s$", "", e.text)
            memory.note(
                Source(PERSON, name=name, role=_title_before(e, memory.lex)),
                at,
                subject=subj,
                gender=gender_of(doc.text[max(0, e.start_char - 5) : e.end_char]),
            )
            persons.update(t.i for t in e)
        elif e.label_ == "ORG":
            memory.note(Source(ORGANISATION, name=e.text), at, subject=any(t.dep_ == "nsubj" for t in e))
    for tok in doc:
        at = base + tok.idx
        if (
            _main_subject(tok)
            and tok.i not in persons
            and tok.text[:1].isupper()
            and start <= at < end
            and not any(a <= at < b for a, b in quoted)
        ):
            known = memory.entities.get(PERSON + ":" + tok.lower_)
            if known is not None:
                memory.note(known.source, at, subject=True)


_PLATFORM_PREPOSITIONS = frozenset("on via through onto".split())


def _main_subject(tok) -> bool:
    """The subject of a main clause ("Roe said …", "… and Roe left"), not of a clause inside one ("… worried
    that Hill will win"): the more salient antecedent for a later pronoun."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _in_clause_with_subject(tok) -> bool:
    """The token hangs off a clause that has a subject of its own (as its object, or in a phrase)."""
    head, hops = tok, 0
    while head.head is not head and hops < 6:
        if head.dep_ in ("nsubj", "nsubjpass"):
            return False
        head, hops = head.head, hops + 1
        if head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    return False


def _marked_person(ent, lex: Lexicon) -> bool:
    root = ent.root
    for c in root.children:
        if c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children):
            return True
        if c.dep_ == "appos" and lex.descriptions.get(c.lemma_.lower()) == PERSON:
            return True
    return False


def _title_before(ent, lex: Lexicon) -> str:
    """ "President Obama", "Mayor Jane Roe": the role word just before the name, where it is one."""
    if ent.start == 0:
        return ""
    prev = ent.doc[ent.start - 1]
    word = prev.lower_.rstrip(".")
    return word if prev.dep_ == "compound" and lex.descriptions.get(word) == PERSON else ""


def _chains(text: str, cues: list[Cue], lex: Lexicon, gaz: Gazetteer, memory: Memory, own: str | None):
    """Each cue's chain, resolved; the article's own outlet dropped; "told the FT" puts the FT outside."""
    for cue in cues:
        if cue.sources is not None:
            chain = list(cue.sources)
        else:
            chain = chain_of(text, cue.src_start, cue.src_end, lex, gaz, cue=cue.cue, ents=cue.ents)
        for a, b, inner_cue in cue.inner:
            if a >= cue.src_end or b <= cue.src_start:
                chain.extend(chain_of(text, a, b, lex, gaz, cue=inner_cue, ents=cue.ents))
        resolved: list[Source] = []
        for src in chain:
            if src.kind == UNRESOLVED:
                src = memory.resolve(src, cue.src_start) or _unresolved_group(src, lex)
                if src is None:
                    continue
            elif src.kind in (ORGANISATION, OUTLET) and (
                cue.subject
                or src.kind == OUTLET
                or lex.language == "de"
                or len((src.name or "").split()) == 1
            ):
                # (a one-word "organisation" after "according to" may be a known person's surname too)
                src = memory.as_person(src)
            elif src.kind == PERSON and lex.language == "en":
                src = memory.full_name(src)  # "Roe said" after "Jane Roe": the name as first given
            elif src.kind == PERSON and lex.language == "ko":
                src = memory.surname(src)
            resolved.append(src)
        if (
            resolved
            and resolved[0].kind == ORGANISATION
            and resolved[0].source_id is None
            and _PUBLISHES.match(cue.cue.strip())
        ):
            resolved[0] = Source(
                **{**resolved[0].__dict__, "kind": OUTLET}
            )  # "пише RegioNews": a publication
        listener = cue.listener or _listener_before(text, cue, lex)
        if listener:
            heard = chain_of(text, listener[0], listener[1], lex, gaz, cue=cue.cue, ents=cue.ents)
            if heard and heard[0].kind == UNRESOLVED:
                # "이 신문과의 인터뷰에서", "told the paper": the outlet named before
                back = memory.resolve(heard[0], listener[0])
                heard = [back] if back is not None else []
            if heard and heard[0].kind == OUTLET:
                resolved = [heard[0], *resolved]
        if cue.heard and not (resolved and resolved[0].kind == OUTLET):
            continue  # "shows her speaking to a group of lawyers": only an outlet told is a link
        resolved = [s for s in resolved if not (own and s.name and fold(s.name) == own)]
        resolved = _dedupe(resolved)
        if resolved:
            yield resolved, cue


_QUOTED_BEFORE = re.compile(r"[«„“\"][^»“”\"]{2,40}[»“”\"]\s*$")


def _listener_before(text: str, cue: Cue, lex: Lexicon) -> tuple[int, int] | None:
    """ "Об этом «Интерфаксу» сообщил глава компании": a quoted outlet right before a verb whose speaker
    follows it is whom the speaker told (kept only where it names an outlet)."""
    if lex.language not in ("ru", "uk") or cue.src_start < cue.cue_end:
        return None
    m = _QUOTED_BEFORE.search(text, max(0, cue.cue_start - 45), cue.cue_start)
    return (m.start(), m.end()) if m else None


_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")


def _sentence_lexicon(text: str, s, lex: Lexicon) -> Lexicon:
    """An English sentence inside a text in another language (a quote, a wire paragraph) is read with
    English cues."""
    if lex.language == "en" or lex.language == "de":
        return lex
    seg = text[s.start : s.end]
    letters = len(_LETTER.findall(seg))
    if letters and len(_LATIN.findall(seg)) > 0.8 * letters:
        return for_language("en")
    return lex


def _missed_by_parser(
    text: str, s, lex: Lexicon, cues: list[Cue], quoted, keep_verbs: bool = False
) -> list[Cue]:
    """ "as first reported by X", "according to X" where the parse went elsewhere: the cue path's
    before-source cues that no parser cue covers."""
    extra = []
    for cue in regex_cues(text, s.start, s.end, lex):
        # ", Reuters reported." closing a sentence whose main verb is someone else's "said"
        closing_report = cue.report and not text[max(cue.cue_end, cue.src_end) : s.end].strip(' .,;:!?"”’»)')
        if (cue.subject and not keep_verbs and not closing_report) or any(
            a <= cue.cue_start < b for a, b in quoted
        ):
            continue
        overlapping = [c for c in cues if c.src_start < cue.src_end and cue.src_start < c.src_end]
        if overlapping and _deeper(text, cue, overlapping, lex):
            # "сообщает РБК со ссылкой на The Washington Post": the parse stopped at РБК, the cue path
            # went on to the cited outlet
            for c in overlapping:
                cues.remove(c)
        elif overlapping:
            continue
        if lex.language == "en" and _HEARD_CUE.match(cue.cue.strip()):
            cue.heard = True  # it names whom someone spoke to, not who spoke
        extra.append(cue)
    return extra


# English cues that name a listener ("speaking to X", "in an interview with X", "told X"): where the parser
# has the speaker, the listener is a link only as an outlet ("told Reuters").
_HEARD_CUE = re.compile(
    r"^(?:speaking (?:to|with)|in an interview with|in comments to|in remarks to|told|confirmed to|"
    r"said in (?:a statement|an interview) (?:to|with))$",
    re.I,
)


def _deeper(text: str, cue: Cue, others: list[Cue], lex: Lexicon) -> bool:
    """The cue path's source phrase holds the parser's and goes on through a citing marker."""
    if not all(cue.src_start <= c.src_start and c.src_end <= cue.src_end for c in others):
        return False
    tail = text[max(c.src_end for c in others) : cue.src_end]
    return bool(lex.pattern(lex.citing).search(tail))


_GROUP_BACK = re.compile(
    r"^(?:(?P<n>one|two|three|four|some|both|several|many|each) of )?(?:the|those|them)\b", re.I
)


def _unresolved_group(src: Source, lex: Lexicon) -> Source | None:
    """ "two of the people" with no group named before: an unnamed group of its own."""
    m = _GROUP_BACK.match(src.phrase.strip())
    if not m or not lex.pattern(lex.unnamed).search(src.phrase):
        words = src.phrase.lower().split()
        if words and lex.language == "de":
            from .phrases import _german_genitive

            words[-1] = _german_genitive(words[-1], lex)  # "einer Mitteilung des Konzerns"
        if words and lex.descriptions.get(words[-1]) == ORGANISATION:
            # "сообщили в компании", "the company said" with no company named before: unnamed, as written
            return Source(
                ORGANISATION, name=None, phrase=src.phrase, start=src.start, end=src.end, cue=src.cue
            )
        return None
    count = lex.numbers.get((m.group("n") or "").lower())
    return Source(
        UNNAMED,
        count=count,
        description=src.phrase,
        phrase=src.phrase,
        start=src.start,
        end=src.end,
        cue=src.cue,
    )


_PUBLISHES = re.compile(
    r"^(?:reported|reports|wrote|writes|published|пишет|пишут|написал[аи]?|сообщает|передает|передаёт|пише|пишуть|"
    r"повідомляє|передає|berichtet|berichtete|meldet|meldete|schreibt|schrieb|报道|報道|报导|報導|보도했다)$",
    re.I,
)


def _dedupe(chain: list[Source]) -> list[Source]:
    out: list[Source] = []
    for s in chain:
        if out and out[-1].kind == s.kind and (out[-1].name or "") == (s.name or "") and s.kind != UNNAMED:
            continue
        out.append(s)
    return out


def _merge_same_sentence(found: list[Statement]) -> list[Statement]:
    """One sentence, several cues: an outlet's report wraps the speaker ("officials said, the FT reported");
    the same speaker twice is one statement."""
    if len(found) <= 1:
        return found
    found = _nest_cited(found)
    if len(found) <= 1:
        return found
    # "…, добавили источники" / "…, officials said": a cue closing the sentence attributes all of it,
    # including any speech verb inside it ("Founder X expressed …, sources added").
    closing = [
        st
        for st in found
        if st.content_end < st.end
        and st.content_start == st.start
        and (st.how == "cue" or st.chain[-1].kind in (UNNAMED, OUTLET))
    ]
    if closing and len(closing) < len(found):
        closing = [max(closing, key=lambda st: st.content_end)]  # the last attribution closes the sentence
        if not all(x.kind == OUTLET for x in closing[0].chain):
            found = closing + [st for st in found if st not in closing and st.chain[0].kind == OUTLET]
        # else ", Reuters reported" / ", according to Reuters" wraps whoever speaks inside: kept below

    # a cue that names only a deeper link of another cue's chain ("…, unter Berufung auf Insider") is that chain
    def key_of(src: Source) -> str:
        return f"{src.kind}:{src.name or src.description}"

    chains = [[key_of(s) for s in st.chain] for st in found]
    found = [
        st
        for i, st in enumerate(found)
        if not any(
            j != i and len(c) > len(chains[i]) and c[-len(chains[i]) :] == chains[i]
            for j, c in enumerate(chains)
        )
    ]
    # reports: chains of outlets only ("Reuters reported", "сообщает Газета.ru со ссылкой на ТАСС")
    outlets = [st for st in found if all(x.kind == OUTLET for x in st.chain)]
    others = [st for st in found if st not in outlets]
    merged: list[Statement] = []
    seen: set[str] = set()
    for st in others or outlets:
        chain = st.chain
        if others and outlets and chain[0].kind != OUTLET:
            # the fullest report chain ("сообщает X со ссылкой на Y" over "сообщает X") wraps the speaker
            chain = [*max(outlets, key=lambda o: len(o.chain)).chain, *chain]
        key = "|".join(f"{s.kind}:{s.name or s.description}" for s in chain)
        if key in seen:
            continue
        seen.add(key)
        merged.append(Statement(st.start, st.end, chain, st.quotes, st.cue, st.how))
    return merged


_CITING_CUE = re.compile(r"citing|ссылк|посилаюч|посилан|berufung|援引|引述|인용", re.I)


def _nest_citing(text: str, found: list[Statement]) -> list[Statement]:
    """ "пише Harbor Ledger з посиланням на трьох джерел", "X said, citing two officials": a citing cue
    right after another cue's source is that source's deeper link, whatever kind of source the host
    is (an outlet the registry does not know reads as a name)."""
    if len(found) < 2:
        return found
    for cited in list(found):
        link = cited.chain[0] if len(cited.chain) == 1 else None
        if link is None or link.start < 0 or not _CITING_CUE.search(link.cue or ""):
            continue
        for host in found:
            last = host.chain[-1] if host is not cited and host.chain else None
            if last is None or last.end < 0 or last.end > link.start or last is link:
                continue
            gap = text[last.end : link.start].replace(link.cue, " ", 1)
            if gap.strip(" ,\u00a0") == "":
                host.chain = [*host.chain, link]
                found = [st for st in found if st is not cited]
                break
    return found


def _nest_cited(found: list[Statement]) -> list[Statement]:
    """ "…, сообщает РБК со ссылкой на The Washington Post", "X said, Reuters reported citing the FT": an
    outlet cited on its own in a sentence whose statement another outlet reports is the deeper link of
    that outlet's chain (so the origin is the cited one), not a second statement."""
    cited = [
        st
        for st in found
        if len(st.chain) == 1 and st.chain[0].kind == OUTLET and _CITING_CUE.search(st.chain[0].cue or st.cue)
    ]
    for c in cited:
        host = next(
            (
                st
                for st in found
                if st is not c and st not in cited and st.chain and st.chain[0].kind == OUTLET
            ),
            None,
        )
        if host is None:
            continue
        if not any(s.name == c.chain[0].name for s in host.chain):
            host.chain = [host.chain[0], c.chain[0], *host.chain[1:]]
        found = [st for st in found if st is not c]
    return found


def _all_quotes(text: str, s, state=(False, -1, False)) -> list[tuple[int, int]]:
    """Quoted words in the sentence, including a quote that opens here and runs past its end, and one
    that opened in a sentence before and goes on here (up to its closing mark)."""
    from textkit.sentences import quote_spans

    spans = list(s.quotes) or quote_spans(text, s.start, s.end)
    raw = text[s.start : s.end]
    if not spans and raw[:1] in '"“«„':
        closer = max(raw.rfind("”"), raw.rfind('"', 1), raw.rfind("»"))
        spans = [(s.start + 1, s.start + closer if closer > 0 else s.end)]
    opened, closes, _ = state
    if opened and not any(a <= s.start + 1 for a, _b in spans):
        spans = [(s.start, closes if closes >= 0 else s.end), *spans]
    return spans


def _quotes(text: str, s) -> list[tuple[int, int]]:
    return list(s.quotes)


def _has_quote(text: str, s) -> bool:
    """Quoted words, not only a quoted name („FT“, «Газпром»): a name in quote marks is no quote run."""
    return any(len(text[a:b].split()) >= 3 for a, b in s.quotes) or bool(
        _QUOTE_CHARS.search(text, s.start, min(s.end, s.start + 3))
    )


_MARKS = re.compile(r"[\"“”«»„「」『』]")
_OPENS_STRAIGHT = "([—–-:/"


def _quote_states(text: str, sentences) -> list[tuple[bool, int, bool]]:
    """For each sentence: is a quote open where it starts, where that quote closes in it (-1: it does not),
    and is a quote open where it ends. One pass per paragraph, counting marks the way a reader does when
    a text mixes them (“…," or "…”): an opening mark opens, a closing mark closes, a straight mark opens
    after a space and closes after a word. A quote left open at a paragraph's end stays open into the
    next paragraph where that one opens with a mark again (the news convention): see `_carry_quotes`."""
    out: list[tuple[bool, int, bool]] = []
    depth, paragraph, at = 0, -1, 0
    for s in sentences:
        if s.paragraph != paragraph:
            # (a quote carried on into this paragraph is reopened by its own opening mark)
            head = text[s.start : s.start + 2000]
            german = "„" in head
            # »so« (German, Danish) against «so»: the guillemet that comes first opens
            reversed_ = head.find("»") != -1 and (head.find("«") == -1 or head.find("»") < head.find("«"))
            paragraph, at, depth = s.paragraph, s.start, 0
        for m in _MARKS.finditer(text, at, s.start):
            depth = _step(text, m, depth, german, reversed_)
        opened, closes = depth > 0, -1
        for m in _MARKS.finditer(text, s.start, s.end):
            depth = _step(text, m, depth, german, reversed_)
            if opened and closes < 0 and depth == 0:
                closes = m.start()
        at = s.end
        out.append((opened, closes, depth > 0))
    return out


def _step(text: str, m, depth: int, german: bool, reversed_: bool) -> int:
    ch, i = m.group(), m.start()
    if reversed_ and ch in "«»":
        ch = "«" if ch == "»" else "»"
    if ch in "“" and german:
        return max(0, depth - 1)
    if ch in "“«„「『":
        return depth + 1
    if ch in "”»」』":
        return max(0, depth - 1)
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if (prev.isspace() or prev in _OPENS_STRAIGHT) and not nxt.isspace():
        return depth + 1
    return max(0, depth - 1)


def _carry_quotes(text: str, sentences, by_sentence: list[list[Statement]], states) -> None:
    """Quoted sentences with no cue of their own take the speaker of their quote run (the sentences of one
    quote, across paragraphs that continue it), else the nearest speaker in this or the previous paragraph.
    A sentence that starts inside a quote opened before it is quoted ("A," said X. "B. C." with C marked
    by no quote mark of its own); a paragraph continues the quote of the one before when that one left
    its quote open and this one opens with a quote mark."""
    n = len(sentences)
    # runs of consecutive quoted sentences, joined across a paragraph break when the quote carries on
    run_of = [-1] * n
    run = -1
    for i, s in enumerate(sentences):
        quoted = _has_quote(text, s) or states[i][0]
        prev = sentences[i - 1] if i else None
        continues = False
        if prev is not None and run_of[i - 1] != -1:
            if prev.paragraph == s.paragraph:
                continues = quoted
            else:
                continues = quoted and states[i - 1][2]
        if quoted:
            if not continues:
                run += 1
            run_of[i] = run
    runs: dict[int, list[int]] = {}
    for i, r in enumerate(run_of):
        if r != -1:
            runs.setdefault(r, []).append(i)
    for members in runs.values():
        speakers = [i for i in members if by_sentence[i]]
        for i in members:
            if by_sentence[i] or not speakers:
                continue
            j = min(speakers, key=lambda k: (abs(k - i), k < i))
            src = by_sentence[j][0]
            by_sentence[i].append(
                Statement(
                    sentences[i].start,
                    sentences[i].end,
                    src.chain,
                    quotes=list(sentences[i].quotes),
                    cue=src.cue,
                    how="quote run",
                )
            )
    # a quote no cue reaches: the last speaker of this paragraph or the one before
    last: tuple[int, Statement] | None = None
    for i, s in enumerate(sentences):
        if by_sentence[i]:
            last = (s.paragraph, by_sentence[i][0])
            continue
        tail = _attribution_tail(text, sentences, by_sentence, i)
        if tail is not None:
            # “… a stupid wall!” Mr. Calderón told CNBC. — the splitter cut after “!”
            by_sentence[i].append(
                Statement(s.start, s.end, tail.chain, quotes=list(s.quotes), cue=tail.cue, how="quote run")
            )
            continue
        opened, closes, _ = states[i]
        inside = (closes if closes >= 0 else s.end) - s.start if opened else 0
        quoted_share = (inside + sum(b - a for a, b in s.quotes)) / max(1, s.end - s.start)
        if run_of[i] != -1 and last is not None and s.paragraph - last[0] <= 1 and quoted_share >= 0.5:
            src = last[1]
            by_sentence[i].append(
                Statement(s.start, s.end, src.chain, quotes=list(s.quotes), cue=src.cue, how="nearby speaker")
            )


_QUOTE_END = re.compile(r"[!?…][\"”»」』]\s*$")


def _attribution_tail(text: str, sentences, by_sentence, i: int) -> Statement | None:
    """The next sentence of the paragraph when it only attributes this one's quote: the quote ends in
    “!” or “?” and the next sentence is a short “X said.” with a statement of its own."""
    s = sentences[i]
    if i + 1 >= len(sentences) or not _QUOTE_END.search(text[s.start : s.end]):
        return None
    nxt = sentences[i + 1]
    if nxt.paragraph != s.paragraph or not by_sentence[i + 1] or nxt.end - nxt.start > 80:
        return None
    if _QUOTE_CHARS.search(text, nxt.start, min(nxt.end, nxt.start + 2)):
        return None
    return by_sentence[i + 1][0]


def _credit_origin(statements: list[Statement], origin: Source) -> None:
    """In a re-report, unnamed sources with no outlet of their own are the origin's sources: "…, the
    people said" in a story about the FT's report means the FT's people."""
    for st in statements:
        if st.chain and st.chain[0].kind == UNNAMED and not any(s.kind == OUTLET for s in st.chain):
            st.chain = [
                Source(OUTLET, name=origin.name, source_id=origin.source_id, cue="(the story's origin)"),
                *st.chain,
            ]
            st.how = st.how + " + story origin"


_DENIES = re.compile(
    r"\b(?:denied|denies|deny|rejected|dismissed|refuted|rebuffed)\b|опроверг|отрица|отверг|спростов|запереч|"
    r"dementi|bestritt|bestreitet|wies\b.*zurück|否認|否认|駁斥|驳斥|闢謠|辟谣|부인|반박",
    re.I,
)


# A statement, release or post speaking ("говорится в заявлении", "йдеться в дописі"): its author's words.
_DOCUMENT_CUE = re.compile(
    r"говорится|сказано|указано|отмечается|подч[её]ркивается|сообщается|следует из|йдеться|ідеться|йшлося|"
    r"зазначається|наголошується|повідомляється",
    re.I,
)

_NOT_REPORT = re.compile(  # credits information, not necessarily an outlet's story
    r"^(?:according to|по данным|по словам|по информации|за даними|за словами|laut|nach angaben|据|據|根据|根據|에 따르면)$",
    re.I,
)


# "Source: Bloomberg", "Джерело: Reuters", "来源：彭博社" on a line of its own: the page names its origin.
_SOURCE_LINE = re.compile(
    r"^[ \t]*(?P<cue>source|джерело|источник|quelle|来源|來源|消息来源|消息來源|출처)[ \t]*[:：][ \t]*"
    r"(?P<name>[^\n:：]{2,60}?)[ \t.。]*$",
    re.I | re.M,
)


def _source_line(text: str, own: str | None, lex: Lexicon, gaz: Gazetteer) -> Source | None:
    for m in _SOURCE_LINE.finditer(text):
        a, b = m.span("name")
        hit = next((h for h in gaz.find(text, a, b) if h.known.kind == OUTLET), None)
        if hit is not None:
            found = Source(OUTLET, name=hit.known.name, source_id=hit.known.source_id)
        else:
            guess = chain_of(text, a, b, lex, gaz)
            if len(guess) != 1 or not guess[0].name or guess[0].kind not in (OUTLET, ORGANISATION):
                continue
            found = Source(OUTLET, name=guess[0].name)
        if not (own and fold(found.name) == own):
            found.cue = m.group("cue")
            return found
    return None


def _rereport(
    statements: list[Statement],
    sentences,
    own: str | None,
    title: str | None,
    text: str,
    lex: Lexicon,
    gaz: Gazetteer,
):
    """The outlet whose story the article repeats: named on a "Source: X" line, or as "first reported by"
    anywhere, or credited in the lede (the first two paragraphs) with the article's first attributed
    statement or behind at least a third of them. A speaker ("sagte Spiegel", "X denied") needs half.
    A sentence that only credits the news before it ("Об этом сообщает РБК", "Его цитирует РИА Новости")
    in the lede counts as well. The origin is the deepest outlet of that chain."""
    line = _source_line(text, own, lex, gaz)
    if line is not None:
        return line, line.cue
    if not statements:
        return None, ""

    def outlets_of(st: Statement) -> list[Source]:
        return [s for s in st.chain if s.kind == OUTLET and s.name and not (own and fold(s.name) == own)]

    for st in statements:
        cues = st.cue + " " + " ".join(s.cue for s in st.chain)
        if re.search(
            r"first reported|впервые сообщил|впервые написал|вперше повідомив|zuerst berichtet|最先报道|首先报道|最早报道",
            cues,
            re.I,
        ):
            found = outlets_of(st)
            if found:
                return found[-1], st.chain[0].cue or st.cue
    share: dict[str, int] = {}
    anonymous = sum(1 for st in statements if all(s.kind == UNNAMED for s in st.chain))
    for st in statements:
        for name in {s.name for s in outlets_of(st)}:
            share[name] = share.get(name, 0) + 1
    para_of = {s.start: s.paragraph for s in sentences}
    paragraphs = sorted({s.paragraph for s in sentences})
    lede_paragraphs = set(paragraphs[:2])
    first = min(statements, key=lambda st: st.start)
    # A reaction story opens with someone's denial of a report ("Both companies denied a report …",
    # "청와대가 … 보도에 대해 … 부인했다"): the report is what the story answers, not its source — unless
    # the outlet carries a third of what the story says. (A story that opens with the report and then
    # quotes denials stays a re-report: counting a re-report as independent is the costlier mistake.)
    denied = bool(
        first.chain
        and first.chain[-1].kind != OUTLET
        and _DENIES.search(first.cue + " " + (first.chain[-1].cue or ""))
    )
    for st in sorted(statements, key=lambda st: st.start):
        if para_of.get(st.start, 99) not in lede_paragraphs:
            continue
        found = outlets_of(st)
        if not found:
            continue
        cue = (found[0].cue or st.cue).strip()
        speech = not (
            _PUBLISHES.match(cue)
            or _NOT_REPORT.match(cue)
            # "…, says a report from Oregon Live": the outlet's report speaks, not a person at it.
            or lex.pattern(lex.report_nouns).search(found[0].phrase or "")
            or re.search(r"citing|ссылк|посилан|berufung|援引|引述|인용", cue, re.I)
        )
        if _DOCUMENT_CUE.search(cue) and not lex.pattern(lex.report_nouns).search(found[0].phrase or ""):
            continue  # "говорится в заявлении X", "йдеться в дописі X": X's own statement, not a story
        backing = (share.get(found[0].name, 0) + anonymous) / len(statements)
        if speech and backing < 0.5 and st.how != REFERS_BACK:
            continue  # "sagte Spiegel", "X denied": a speaker, not the story's source
        if denied and share.get(found[0].name, 0) / len(statements) < 1 / 3:
            continue
        # "в эфире радио X сообщила ведущая", "Об этом «Интерфаксу» сообщил Y": the outlet heard a speaker
        relayed = speech and st.chain[-1].kind == PERSON and st.chain[-1].cue == found[0].cue
        if st.start == first.start or (st.how == REFERS_BACK and not relayed) or backing >= 1 / 3:
            return found[-1], cue
    return None, ""
