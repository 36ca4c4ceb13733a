"""Plain-text handling for extraction: input checks, paragraphs, sentences and quotes, all with offsets.

Nothing here rewrites the article: every span is a pair of character offsets into the text as given,
so a proposal's span can be stored as the appearance span of the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ExtractionError

# A long feature is ~50,000 characters; ten times that is not an article but a dump, and the rules
# are linear but not free. Refusing up front keeps every request bounded.
MAX_CHARS = 500_000
# A "sentence" longer than this is a table, a list or text without punctuation: never one claim.
MAX_SENTENCE_CHARS = 1_500

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(value: object) -> str:
    """The article text, or an ExtractionError saying why it cannot be read as one."""
    if isinstance(value, bytes | bytearray):
        if b"\x00" in value[:65536]:
            raise ExtractionError("This is binary data, not text (it contains NUL bytes).", code="binary")
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ExtractionError(
                f"The text is not UTF-8 (undecodable byte at position {exc.start}). Save it as UTF-8 and retry.",
                code="encoding",
            ) from None
    if not isinstance(value, str):
        raise ExtractionError("Give the article text as a string.", code="invalid")
    if len(value) > MAX_CHARS:
        raise ExtractionError(
            f"The text has {len(value):,} characters; the limit is {MAX_CHARS:,} (an article, not a dump).",
            code="too_long",
        )
    if not value.strip():
        raise ExtractionError("The text is empty.", code="empty")
    controls = len(_CONTROL.findall(value[:65536]))
    if "\x00" in value or controls > max(8, len(value[:65536]) // 100):
        raise ExtractionError(
            "This looks like binary data, not text (it is full of control characters).", code="binary"
        )
    if not re.search(r"[^\W\d_]", value):
        raise ExtractionError("The text has no letters in it.", code="no_text")
    return value


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
    paragraph: int
    quotes: list[tuple[int, int]]  # spans of quote *contents*, absolute offsets

    def text(self, article: str) -> str:
        return article[self.start : self.end]


# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "vs",
    "gen",
    "gov",
    "sen",
    "rep",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "fig",
    "г",
    "гг",
    "т",
    "д",
    "др",
    "пр",
    "им",
    "ул",
    "млн",
    "млрд",
    "трлн",
    "тыс",
    "руб",
    "долл",
    "см",
    "ст",
    "проф",
    "акад",
    "гос",
    "англ",
    "рус",
    "кв",
    "обл",
    "р",
    "н",
    "э",
}
_BOUNDARY = re.compile(r"[.!?…]+[»\"”“’')\]]*(?=\s)")
_NEXT_STARTS = re.compile(r"\s+[«\"“„'(\[—–-]?\s*[\w\d]")


def quote_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the contents of balanced quotes in one paragraph; unbalanced marks are ignored."""
    spans: list[tuple[int, int]] = []
    low_opener = "„" in paragraph
    pairs = {"«": "»", "„": "“" if low_opener else "”"}
    if not low_opener:
        pairs["“"] = "”"
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for i, ch in enumerate(paragraph):
        if ch in pairs and not (ch == "“" and stack and stack[-1][0] == "„"):
            stack.append((ch, i))
        elif stack and ch == pairs[stack[-1][0]]:
            opener, at = stack.pop()
            if not stack:
                spans.append((offset + at + 1, offset + i))
        elif ch == '"':
            prev = paragraph[i - 1] if i else " "
            if straight_open is None and (prev.isspace() or prev in "([—–-:"):
                straight_open = i
            elif straight_open is not None:
                if not stack:
                    spans.append((offset + straight_open + 1, offset + i))
                straight_open = None
    spans.sort()
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with absolute offsets; a paragraph break always ends one, quoted full stops never do."""
    sentences: list[Sentence] = []
    paragraph_no = 0
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        if not p_text.strip():
            continue
        quotes = quote_spans(p_text, p_start)
        cuts = [p_start]
        for m in _BOUNDARY.finditer(p_text):
            end = p_start + m.end()
            if _inside(p_start + m.start(), quotes):
                continue
            if not _NEXT_STARTS.match(p_text, m.end()):
                continue
            nxt = p_text[m.end() :].lstrip(" «\"“„'([—–-")
            if nxt[:1].islower():
                continue
            word = re.search(r"([\w.]+)\.$", p_text[: m.start() + 1])
            if m.group().startswith(".") and word:
                token = word.group(1).lower().rstrip(".")
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
            cuts.append(end)
        cuts.append(p_start + len(p_text))
        for start, end in zip(cuts, cuts[1:], strict=False):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                inner = [(a, b) for a, b in quotes if a >= start and b <= end]
                sentences.append(Sentence(start, end, paragraph_no, inner))
        paragraph_no += 1
    return sentences


_CYRILLIC = re.compile(r"[а-яё]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)


def guess_language(text: str) -> str:
    sample = text[:20000]
    cyr, lat = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    return "ru" if cyr >= lat else "en"
