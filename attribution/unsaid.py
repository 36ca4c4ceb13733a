"""Words that look like an attribution but credit nobody with a statement, on every path (parser, morphology
or cue lexicon alone): a speech verb negated, withheld, passive or still to come ("did not respond",
"declined to say", "was asked whether", "will announce on Monday", "не ответили на запрос"), idioms built
on a speech verb ("that said", "needless to say", "said goodbye", "schreibt Verluste"), a question asked,
and sources that are no one ("according to plan", "Gerüchten zufolge", "по слухам", "Это говорит о …").

Written from the languages' grammar and newsroom usage; each pattern is general vocabulary.
"""

from __future__ import annotations

import re
from functools import cache

from .finders import Cue

_I = re.I | re.U

# Right before the cue: a negation, a verb that withholds it, a future or an intention, a passive.
_BEFORE = {
    "en": (
        r"(?:\b(?:not|never|n['’]t|no\s+longer|cannot)"
        r"|\b(?:declined|declines|declining|refused|refuses|refusing|failed|fails|unable|reluctant)\s+to(?:\s+\w+)?"
        r"|\b(?:will|shall|won['’]t)|['’]ll"
        r"|\b(?:expected|set|due|scheduled|planning|plans|plan|planned|intends|intend|intended|going|poised"
        r"|hoping|hopes|hoped|preparing|prepares|likely|unlikely|about|yet)\s+to"
        # a passive speech verb: its subject was asked, told, quoted; the cue itself must be a participle
        r"|\b(?:is|are|was|were|be|been|being|am|get|gets|got)(?:\s+\w+ly)?"
        r")(?:\s+(?:\w+ly|also|even|again|publicly))?\s+\Z"
    ),
    # "не ответили", "не сказал"; "не раз заявлял" ("more than once") keeps the word between
    "ru": r"(?<!\w)не\s+\Z",
    "uk": r"(?<!\w)не\s+\Z",
}
# "neither confirmed nor denied", "не подтвердил, но и не опроверг": a response given, a statement after all.
_NEITHER_NOR = {
    "en": r"\bneither\s+confirm\w*\s+nor\s+den\w*|\b(?:not|n['’]t)\s+(?:\w+\s+)?confirm\w*\s+or\s+den\w*",
    "ru": r"\bне\s+подтверд\w*.{0,40}?\bне\s+опроверг\w*|\bне\s+опроверг\w*.{0,40}?\bне\s+подтверд\w*",
    "uk": r"\bне\s+підтверд\w*.{0,40}?\bне\s+спрост\w*|\bне\s+спрост\w*.{0,40}?\bне\s+підтверд\w*",
    "de": r"\bweder\s+bestätig\w*\s+noch\s+(?:de)?mentier\w*",
}


def neither_nor(sentence: str, language: str) -> bool:
    """ "did not confirm or deny the report": a non-committal answer, which the labels count as said."""
    pattern = _NEITHER_NOR.get(language)
    return bool(pattern and _compiled(pattern).search(sentence))


# English participles and forms a passive or an auxiliary can govern: only these are undone by "was".
_PASSIVE_ONLY = {
    "en": re.compile(r"\b(?:is|are|was|were|be|been|being|am|get|gets|got)(?:\s+\w+ly)?\s+\Z", _I)
}
_PARTICIPLE = re.compile(r"(?:ed|told|said|thought|written|known|spoken|heard)\Z", _I)

# Whole phrases around a speech verb that say nothing (the cue is dropped when it starts inside one).
_IDIOMS = {
    "en": (
        r"\bthat\s+said\b|\bhaving\s+said\s+that\b|\bneedless\s+to\s+say\b|\bsuffice\s+(?:it\s+)?to\s+say\b"
        r"|\btruth\s+be\s+told\b|\bso\s+to\s+speak\b|\bthat\s+is\s+to\s+say\b|\bto\s+say\s+nothing\s+of\b"
        r"|\bgoes\s+without\s+saying\b|\bwhen\s+all\s+is\s+said\b|\b(?:easier|more\s+easily)\s+said\b"
        r"|\b(?:says|said|say|saying|tells|told|speaks|spoke)\s+(?:a\s+lot|much|little|volumes|something|more"
        r"|nothing|everything|a\s+great\s+deal)\s+about\b"
        r"|\b(?:said|says|say|saying)\s+(?:(?:a\s+)?(?:goodbye|farewell|good-bye|hello|grace|prayers?)|thanks)\b"
        r"|\b(?:told|tells|tell|telling)\s+(?:the|a|an|his|her|their|its|my|our)\s+(?:\w+\s+)?(?:story|stories|tale"
        r"|tales|jokes?|difference)\b"
        # a question asked, not a statement made: "asked whether …", "reporters asked Roe if …"
        r"|\b(?:asked|asks|ask|asking)\s+(?:[\w.’']+\s+){0,3}?(?:whether|if|why|how|what|when|who|where)\b"
    ),
    "de": (
        r"\bschr(?:ei|ie)b(?:t|en)?\s+(?:[\wäöüß]+\s+){0,3}?(?:Verluste?|Gewinne?|rote|schwarze|Geschichte)\b"
        r"|\b(?:sagt|sagte|sagen|sagten)\s+(?:viel|einiges|alles|nichts|wenig)\s+über\b"
        r"|\b(?:wurden?|worden)\s+(?:[\wäöüß]+\s+){0,2}?(?:gefragt|aufgefordert)\b"
    ),
    "ru": r"\b(?:говорит|говорят|говорило)\s+(?:о\s+многом|о\s+том\b|само\s+за\s+себя)|\bтак\s+называем\w*",
    "uk": r"\b(?:говорить|говорять|свідчить)\s+(?:про\s+багато|сам[аео]?\s+за\s+себе)|\bтак\s+звані?\w*",
}

# Sources that are no one: a rumour, a plan, a demonstrative ("according to plan", "Это говорит о …").
_NOBODY = {
    "en": r"(?:the\s+)?(?:rumou?rs?|speculation|plan|schedule|tradition|legend|this|that|it|there|which|what)",
    "de": r"(?:den\s+)?(?:gerüchte?n?|spekulationen|plan|das|dies|es)",
    "ru": r"(?:слух\w*|план\w*|графику|это|то|всё\s+это|все\s+это)",
    "uk": r"(?:чутк\w*|чутки|план\w*|графіком|графіку|це|те|все\s+це)",
}
# Verbs of speaking that report words only with a quote, a "that" clause, a colon or "of"/"von" after them.
_SPEAK = {
    "en": (re.compile(r"(?:spoke|speaks|speak)\Z", _I), re.compile(r"\s+(?:of|that)\b|.*[:\"“”]", _I)),
    "de": (
        re.compile(r"(?:sprach|spricht|sprachen|sprechen)\Z", _I),
        re.compile(r".*(?:\bvon\b|\bdavon\b|\bdass\b|\baus\b|[:\"„“”»«,])", _I),
    ),
}


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, _I)


def says_nothing(text: str, start: int, end: int, cue: Cue, language: str) -> bool:
    """True where the cue in the sentence text[start:end] credits no one with a statement."""
    word = text[cue.cue_start : cue.cue_end]
    before = _BEFORE.get(language)
    if before and cue.cue_start > start:
        m = _compiled(before).search(text, max(start, cue.cue_start - 50), cue.cue_start)
        if m is not None and m.end() == cue.cue_start and not neither_nor(text[start:end], language):
            passive = _PASSIVE_ONLY.get(language)
            if passive is None or not passive.search(m.group()) or _PARTICIPLE.search(word):
                if not (language == "en" and word.lower().startswith(("agree", "according"))):
                    return True  # "did not agree with …" takes a stance, which a negation does not undo
    if language == "en" and word == "Asked" and not text[start : cue.cue_start].strip(" \"“”‘’'("):
        return True  # a sentence opening with the participle: its subject was asked ("Asked about …, Roe …")
    idioms = _IDIOMS.get(language)
    if idioms:
        for m in _compiled(idioms).finditer(text, start, end):
            if m.start() <= cue.cue_start < m.end():
                return True
    nobody = _NOBODY.get(language)
    if nobody and cue.src_end > cue.src_start:
        if _compiled(rf"{nobody}").fullmatch(text[cue.src_start : cue.src_end].strip(" ,.:;")):
            return True
    speak = _SPEAK.get(language)
    if speak and speak[0].search(word):
        tail = text[cue.cue_end : end]
        if not speak[1].match(tail) and not re.search(r"[\"“”„«»]", text[start:end]):
            return True  # "spoke at the mill on Monday": speaking, no words reported
    return False
