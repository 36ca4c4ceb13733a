"""Paragraphs, sentences and quotes as character offsets into the text as given.

Nothing here rewrites the text: every span is a (start, end) pair of offsets into the string the caller
passed, so a span can be stored and later cut out of the same text.

One scan, linear in the text: the candidate sentence ends are found by one regular expression over
each paragraph, and each candidate is judged by looking at most a few dozen characters to either side
(the word before a full stop, the first character after the space). A paragraph of 500,000 characters
costs the same per character as a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

# A "sentence" longer than this is a table, a list or text without punctuation: never one claim, and
# too long to embed as one passage. Longer runs are cut into pieces marked `capped`.
MAX_SENTENCE_CHARS = 1_500


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph among the text's non-empty paragraphs
    quotes: list[tuple[int, int]] = field(default_factory=list)  # quote *contents*, absolute offsets
    capped: bool = False  # a piece of a run longer than max_chars, cut without a sentence end

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def text(self, article: str) -> str:
        return article[self.start : self.end]


# ---------------------------------------------------------------------------------------------- quotes

_QUOTE_MARK = re.compile(r"[«»„“”\"「」『』]")
# What closes each opener. „ closes with “ (German) or ” (Polish, Romanian); where „ appears in a
# paragraph, “ is a closer only, never an opener.
_CLOSERS = {"«": "»", "„": "“”", "“": "”", "「": "」", "『": "』"}
_BEFORE_STRAIGHT_OPEN = "([—–-:"


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the contents of balanced quotes in text[start:end] (one paragraph), sorted, absolute.

    Only the outermost pair of nested curly quotes is reported; unbalanced marks are ignored.
    """
    end = len(text) if end is None else end
    low_opener = text.find("„", start, end) != -1
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for mark in _QUOTE_MARK.finditer(text, start, end):
        ch, i = mark.group(), mark.start()
        if stack and ch in _CLOSERS[stack[-1][0]]:
            _opener, at = stack.pop()
            if not stack:
                spans.append((at + 1, i))
        elif ch in _CLOSERS and not (ch == "“" and low_opener):
            stack.append((ch, i))
        elif ch == '"':
            prev = text[i - 1] if i > start else " "
            if straight_open is None and (prev.isspace() or prev in _BEFORE_STRAIGHT_OPEN):
                straight_open = i
            elif straight_open is not None:
                if not stack:
                    spans.append((straight_open + 1, i))
                straight_open = None
    spans.sort()
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# ------------------------------------------------------------------------------------------ paragraphs

_LINE = re.compile(r"[^\n\r\u2028\u2029\x85]+")
_BREAK = re.compile(r"\r\n?|[\n\u2028\u2029\x85]")
# A line ending in one of these finished its sentence; one that does not, followed by a line that starts
# in lower case, is hard-wrapped prose and continues on the next line.
_LINE_FINISHED = ".!?…:;»”“\"')]。！？」』）"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty paragraphs, whitespace trimmed: every line is one, except a hard-wrapped line (no
    closing punctuation, next line starts in lower case), which runs on into the next."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = _trim(text, line.start(), line.end())
        if start == end:
            continue
        if (
            out
            and text[out[-1][1] - 1] not in _LINE_FINISHED
            and text[start].islower()
            and len(_BREAK.findall(text, out[-1][1], start)) == 1
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ------------------------------------------------------------------------------------ sentence ends

_CJK_ENDS = "。！？｡"
# Closing marks after the punctuation belong to the sentence; “ and ‘ close German quotes („…“).
_END = re.compile(r"(?P<p>[.!?…。！？｡‼⁇⁈⁉]+)(?P<c>[\"'»”“’‘)\]」』）】]*)")
# After a candidate end: space, any opening marks or dashes, then the first character of what follows.
_NEXT = re.compile(r"\s+[\"'«“„‘(\[—–\-]*\s*(\S)")
_CONTINUES = ",;:)]»”"  # after a full stop and a space, these carry on the same sentence
_TOKEN_BEFORE = re.compile(r"[\w.]+\Z")
_PAIR_BEFORE = re.compile(r"(?<!\w)([^\W\d_])\.\s([^\W\d_])\Z")
_NUMBER_BEFORE = re.compile(r"(?:\d|\b[IVXLC]+)\s*\Z")
_DOTTED_LETTERS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_DECIMAL_BEFORE = re.compile(r"\d[.,:]\Z")

# Titles: capitalised, a full stop after them never ends the sentence ("Sen. Smith", "Dr. Weber").
_TITLES = frozenset(
    """Mr Mrs Ms Messrs Mme Mlle Dr Prof Sen Sens Rep Reps Cong Gov Gen Lt Col Capt Sgt Cmdr Adm St Mt Ft
    Rev Hon Pres Supt Insp Hr Fr Hl""".split()
)
# Words after which a full stop never ends the sentence, in any case: they always precede a name.
_HEAD = frozenset(
    """vs cf sog vgl bzw evtl ggf inkl zzgl
    ст им ул пр просп пер пл обл гор проф акад св гр тов зам зав корр ред англ нем фр лат рус укр итал
    исп кит яп нач напр см ок букв вул ім ген полк""".split()
)
# "HARTFORD, Conn. — Connecticut's ...": a dateline's state abbreviation does not end a sentence.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+, [A-Z][a-z]{1,4}")
# Words after which a full stop ends the sentence unless a number follows ("No. 5", "Jan. 12", "ca. 20",
# "5 млн. 300"), while "at Acme Inc. The" and "и др. Затем" end there.
_BEFORE_NUMBER = frozenset(
    """no nos nr vol pp fig figs ch art sec abs approx est ca tel
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc corp co ltd llc plc jr sr etc al usw
    рис гл табл тел стр млн млрд трлн тыс руб долл коп проц гг вв др км кг мин сек час тис грн""".split()
)
# Dotted letter groups that end a sentence when a capital follows ("и т. д. Потом", "5 p.m. The");
# all others ("U.S.", "F.B.I.", "т.е.", "e.g.", "z.B.") never do.
_DOTTED_TAIL = frozenset("тд тп нэ уе сг рх am pm".split())


def _is_abbreviation(
    text: str, sentence_start: int, dot: int, following: str, german: Callable[[], bool]
) -> bool:
    """Whether the full stop at `dot` belongs to the word before it rather than ending a sentence."""
    window = text[max(sentence_start, dot - 32) : dot]
    token_match = _TOKEN_BEFORE.search(window)
    token = token_match.group() if token_match else ""
    if not token:
        return False
    lower = token.lower()
    if "." in token:
        if _DOTTED_LETTERS.fullmatch(token):
            if lower.replace(".", "") in _DOTTED_TAIL:
                return following.isdigit()
            return True
        return False  # "example.com", "3.5": a full stop after these ends the sentence
    if not token.isalpha():
        if token.isdigit():
            if dot - 32 <= sentence_start and window.strip() == token and len(token) <= 3:
                return True  # a list item's number: "1. The first point"
            if len(token) <= 2 and not _DECIMAL_BEFORE.search(window[: -len(token)]) and german():
                return True  # a German ordinal: "am 3. Oktober"
        return False
    pair = _PAIR_BEFORE.search(window)
    if pair:  # "т. е.", "и т. д."
        key = (pair.group(1) + pair.group(2)).lower()
        if key in _DOTTED_TAIL:
            return following.isdigit()
        if not token.isupper():
            return True
    if len(token) == 1:
        if token.isupper():
            return True  # an initial: "J. Smith", "А. С. Пушкин"
        # "в 2019 г." (a year) and "в XX в." (a century) can end a sentence; "г. Москва" cannot.
        if _NUMBER_BEFORE.search(window[:-1]):
            return following.isdigit()
        return True
    if token in _TITLES or lower in _HEAD:
        return True
    if dot - sentence_start <= 32 and _DATELINE.fullmatch(text, sentence_start, dot):
        return True
    if lower in _BEFORE_NUMBER:
        return following.isdigit()
    return False


# ------------------------------------------------------------------------------------------ splitting


def split_sentences(
    text: str, *, language: str | None = None, max_chars: int | None = MAX_SENTENCE_CHARS
) -> list[Sentence]:
    """Sentences with absolute offsets, in order; a paragraph break always ends one, and a full stop
    inside a quote ends one only where it closes the quote.

    `language` (a code like "de") refines a few rules, such as German ordinals ("am 3. Oktober"); when
    None it is detected only if a rule needs it. A run longer than `max_chars` with no sentence end is
    cut into pieces marked `capped`, at a sentence end inside a quote if there is one, else at a space;
    `max_chars=None` keeps every run whole.
    """
    is_german = _german(text, language)
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text)):
        quotes = quote_spans(text, p_start, p_end)
        inside = _merged(quotes)
        cuts, fallback_cuts = [p_start], []
        qi = 0
        for end_match in _END.finditer(text, p_start, p_end):
            at, end = end_match.start(), end_match.end()
            if end >= p_end:
                break
            while qi < len(inside) and inside[qi][1] <= at:
                qi += 1
            in_quote = qi < len(inside) and inside[qi][0] <= at
            punct, closers = end_match.group("p"), end_match.group("c")
            if any(c in _CJK_ENDS for c in punct):
                following = text[end]
            else:
                nxt = _NEXT.match(text, end, min(p_end, end + 48))
                if nxt is None:
                    continue
                following = nxt.group(1)
                if following.islower() or following in _CONTINUES:
                    fallback_cuts.append(end)
                    continue
                if (
                    punct == "."
                    and not closers
                    and _is_abbreviation(text, cuts[-1], at, following, is_german)
                ):
                    continue
            if in_quote and inside[qi][1] >= end:  # a full stop in a quote that goes on
                fallback_cuts.append(end)
                continue
            cuts.append(end)
        cuts.append(p_end)
        fallback_cuts.sort()
        pieces: list[tuple[int, int, bool]] = []
        for start, end in zip(cuts, cuts[1:], strict=False):
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            if max_chars is not None and end - start > max_chars:
                pieces.extend(_cap(text, start, end, max_chars, fallback_cuts))
            else:
                pieces.append((start, end, False))
        sentences.extend(_with_quotes(pieces, quotes, number))
    return sentences


def sentence_spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) character offsets into the original text."""
    return [(s.start, s.end) for s in split_sentences(text, language=language)]


def _german(text: str, language: str | None) -> Callable[[], bool]:
    """A memoised "is this German?", asked only when a rule depends on it."""
    if language is not None:
        answer = language.lower().split("-")[0] == "de"
        return lambda: answer
    known: list[bool] = []

    def ask() -> bool:
        if not known:
            from .language import detect

            known.append(detect(text[:5000]) == "de")
        return known[0]

    return ask


def _cap(text: str, start: int, end: int, max_chars: int, preferred: list[int]):
    """Cut [start, end) into pieces of at most max_chars: at a preferred cut (a sentence end inside a
    quote, a full stop before a lower-case word) if one falls in the second half of the window, else
    after the last space, else hard."""
    pos = start
    while end - pos > max_chars:
        limit = pos + max_chars
        cut = None
        i = bisect_right(preferred, limit) - 1
        if i >= 0 and preferred[i] > pos + max_chars // 2:
            cut = preferred[i]
        if cut is None:
            space = max(
                text.rfind(" ", pos + max_chars // 2, limit), text.rfind("\n", pos + max_chars // 2, limit)
            )
            cut = space + 1 if space != -1 else limit
        a, b = _trim(text, pos, cut)
        if b > a:
            yield a, b, True
        pos = cut
    a, b = _trim(text, pos, end)
    if b > a:
        yield a, b, True


def _with_quotes(pieces: list[tuple[int, int, bool]], quotes: list[tuple[int, int]], paragraph: int):
    """Sentences carrying the quotes that lie wholly within them (one pass: both lists are in order)."""
    j = 0
    for start, end, capped in pieces:
        while j < len(quotes) and quotes[j][0] < start:
            j += 1
        inner = []
        i = j
        while i < len(quotes) and quotes[i][0] < end:
            if quotes[i][1] <= end:
                inner.append(quotes[i])
            i += 1
        j = i
        yield Sentence(start, end, paragraph, inner, capped)
