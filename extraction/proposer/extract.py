"""The driver: an article in, the proposed claims and their attribution chains out.

Who each sentence is attributed to comes from the attribution reader (`attribution.read`); this module
decides which sentences are claims, their text and kind, and flattens the chains into links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import attribution
from attribution.reader import REFERS_BACK
from textkit.language import detect as detect_language
from textkit.sentences import MAX_SENTENCE_CHARS, split_sentences

from .. import lexicon as lx
from ..text import check_text
from .classify import classify, entities_of
from .links import Mention, mention_of

EXTRACTOR_VERSION = f"reader-{attribution.READER_VERSION}"


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


_DATELINE = re.compile(
    r"^\s*(?:(?:date|дата)\s+\d{4}-\d{2}-\d{2}\s+|"
    r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40},\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s+\((?P<wire>[^)]{2,40})\)\s+[-—–]\s+)"
)


def _claim_text(raw: str) -> str:
    text = raw.strip(" ,;:—–-\n\t")
    text = re.sub(r"^(?:что|що|that|dass)\s+", "", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in '.!?…»"”。':
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
    text: object,
    *,
    language: str | None = None,
    outlet: str | None = None,
    use_ner: bool = True,
    gazetteer: attribution.Gazetteer | None = None,
) -> Extraction:
    """Propose the claims an article makes, each with the cited links of its attribution chain.

    `outlet` is the article's own outlet name, so "told Reuters" in a Reuters story is not a link.
    Raises ExtractionError for input that is not an article (empty, binary, too long).
    """
    article = check_text(text)
    lang = language or detect_language(article)
    body_start = 0
    dateline = _DATELINE.match(article)
    if dateline:
        body_start = dateline.end()
        if dateline.group("wire") and not outlet:
            outlet = dateline.group("wire")
    reading = attribution.read(article, lang, outlet=outlet, gazetteer=gazetteer, use_parser=use_ner)
    warnings = list(reading.warnings)
    named = _named_entities(article, lang, use_ner, warnings)
    by_start: dict[int, list[attribution.Statement]] = {}
    for st in reading.statements:
        by_start.setdefault(st.start, []).append(st)
    bylines = {a for a, _ in reading.bylines}
    claims: list[ProposedClaim] = []
    skipped_long = 0
    for sentence in split_sentences(article, language=lang):
        start = max(sentence.start, body_start)
        if start >= sentence.end or sentence.start in bylines:
            continue
        raw = article[start : sentence.end]
        if sentence.capped or len(raw) > MAX_SENTENCE_CHARS:
            skipped_long += 1
            continue
        if len(raw.split()) < 4 and not re.search(r"[\u3400-\u9fff\uac00-\ud7af]{8}", raw):
            continue
        if raw.rstrip().endswith(("?", "？")) or lx.NON_CLAIM.search(raw):
            continue
        statements = by_start.get(sentence.start, [])
        if any(st.how == REFERS_BACK for st in statements):
            continue  # "Об этом сообщает FT …": only the attribution of what came before
        if not statements:
            claim = _proposed(article, start, sentence.end, "", [], named)
            if claim is not None:
                claims.append(claim)
            continue
        # one claim per sentence: the first statement's chain (the reader already merged the rest)
        st = statements[0]
        quote = " … ".join(article[a:b].strip().rstrip(",;:") for a, b in st.quotes)
        links = [mention_of(src) for src in st.chain]
        if links and quote:
            links[-1].quote = quote
        cue = " ".join(x for x in (st.cue, *(s.cue for s in st.chain)) if x)
        claim = _proposed(article, max(start, st.content_start), st.content_end, cue, links, named)
        if claim is not None:
            claims.append(claim)
    return Extraction(
        language=lang, claims=claims, warnings=warnings + _result_warnings(claims, skipped_long)
    )


def _named_entities(article: str, lang: str, use_ner: bool, warnings: list[str]) -> list:
    """NER entities of a Russian article (none when NER is off or the text is too long to run it)."""
    if not (use_ner and lang == "ru"):
        return []
    from .. import ner

    if len(article) <= ner.MAX_CHARS:
        return ner.entities(article)
    if ner.enabled():
        warnings.append(f"Named-entity recognition skipped: the text is over {ner.MAX_CHARS:,} characters.")
    return []


def _proposed(
    article: str, c_start: int, c_end: int, cue: str, links: list[Mention], named: list
) -> ProposedClaim | None:
    """The claim at article[c_start:c_end], trimmed of punctuation; None when too little is left."""
    while c_start < c_end and article[c_start] in " ,;:—–-":
        c_start += 1
    while c_end > c_start and article[c_end - 1] in " ,;:—–-.":
        c_end -= 1
    # a claim that is all one quote: the quoted words, without the marks
    if c_end - c_start > 2 and article[c_start] in '«„“"' and article[c_end - 1] in '»“”"':
        inner = article[c_start + 1 : c_end - 1]
        if not re.search(r"[«»„“”\"]", inner):
            c_start, c_end = c_start + 1, c_end - 1
            while c_end > c_start and article[c_end - 1] in " ,;:—–-.":
                c_end -= 1
    if c_end - c_start < 3:
        return None
    claim_raw = article[c_start:c_end]
    return ProposedClaim(
        text=_claim_text(claim_raw),
        kind=classify(claim_raw, cue, links),
        start=c_start,
        end=c_end,
        links=links,
        entities=_merge_entities(
            entities_of(claim_raw), [e.name for e in named if c_start <= e.start and e.end <= c_end]
        ),
    )


def _result_warnings(claims: list[ProposedClaim], skipped_long: int) -> list[str]:
    warnings = []
    if skipped_long:
        warnings.append(
            f"{skipped_long} passage(s) longer than {MAX_SENTENCE_CHARS} characters were skipped."
        )
    if claims and all(not c.links for c in claims):
        warnings.append("No attribution found: every claim is proposed as the article's own statement.")
    if not claims:
        warnings.append("No sentence in the text reads as a claim.")
    return warnings
