"""The driver: an article in, the proposed claims and their attribution chains out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textkit.language import detect as detect_language
from textkit.sentences import MAX_SENTENCE_CHARS, split_sentences

from .. import lexicon as lx
from ..text import check_text
from .attribution import Attribution, analyse
from .classify import classify, entities_of
from .mentions import OUTLET, PERSON, UNNAMED, Mention
from .sources import Context

EXTRACTOR_VERSION = "rules-1"


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
    text = re.sub(r"^(?:что|that)\s+", "", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in '.!?…»"”':
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
    text: object, *, language: str | None = None, outlet: str | None = None, use_ner: bool = True
) -> Extraction:
    """Propose the claims an article makes, each with the cited links of its attribution chain.

    `outlet` is the article's own outlet name, so "told Reuters" in a Reuters story is not a link.
    Raises ExtractionError for input that is not an article (empty, binary, too long).
    """
    article = check_text(text)
    lang = language or detect_language(article)
    warnings: list[str] = []
    body_start = 0
    dateline = _DATELINE.match(article)
    if dateline:
        body_start = dateline.end()
        if dateline.group("wire") and not outlet:
            outlet = dateline.group("wire")
    ctx = Context(outlet)
    named = _named_entities(article, lang, use_ner, warnings)
    claims: list[ProposedClaim] = []
    pending: list[int] = []  # claims of the current paragraph with no attribution yet
    paragraph = -1
    skipped_long = 0
    for sentence in split_sentences(article, max_chars=None):
        start = max(sentence.start, body_start)
        if start >= sentence.end:
            continue
        if sentence.paragraph != paragraph:
            paragraph, pending = sentence.paragraph, []
        raw = article[start : sentence.end]
        if len(raw) > MAX_SENTENCE_CHARS:
            skipped_long += 1
            continue
        if len(raw.split()) < 4 or raw.rstrip().endswith("?") or lx.NON_CLAIM.search(raw):
            continue
        attribution = analyse(raw, ctx)
        if attribution is not None and attribution.backref:
            if pending:
                _attribute_pending(claims, pending, attribution, sentence.paragraph, ctx)
                pending = []
                continue
            # "Об этом же заявил министр": nothing before it to attribute, so it is a statement itself.
            attribution = Attribution(attribution.links, 0, len(raw), attribution.cue, whole_sentence=True)
        if attribution is None:
            links = _carried_links(raw, ctx)
            c_start, c_end, cue = start, sentence.end, ""
        else:
            links = _cited_links(attribution, sentence.paragraph, ctx, outlet)
            c_start, c_end = start + attribution.claim_start, start + attribution.claim_end
            cue = attribution.cue
        claim = _proposed_claim(article, c_start, c_end, cue, links, named)
        if claim is None:
            continue
        claims.append(claim)
        _remember_speaker(ctx, links)
        if attribution is None:
            pending.append(len(claims) - 1)
        else:
            pending = []
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


def _attribute_pending(
    claims: list[ProposedClaim], pending: list[int], attribution: Attribution, paragraph: int, ctx: Context
) -> None:
    """A back-reference ("Об этом сообщил X") gives its links to the paragraph's unattributed claims."""
    for index in pending:
        claims[index].links = attribution.links
        claims[index].kind = classify(claims[index].text, attribution.cue, attribution.links)
    if paragraph == 0 and attribution.links[0].kind == OUTLET:
        ctx.report = attribution.links[0]
    ctx.prev_links = attribution.links


def _carried_links(raw: str, ctx: Context) -> list[Mention]:
    """An unattributed sentence inside a re-report still comes from the reported outlet, unless it is background."""
    links: list[Mention] = []
    background = bool(lx.BACKGROUND.match(raw))
    if (
        ctx.report is not None
        and not background
        and ctx.prev_links
        and ctx.prev_links[0].kind == OUTLET
        and ctx.prev_links[0].name == ctx.report.name
    ):
        links = [ctx.report]
    if background:
        ctx.report = None
    return links


def _cited_links(attribution: Attribution, paragraph: int, ctx: Context, outlet: str | None) -> list[Mention]:
    """The attribution's links; an outlet cited in the lede becomes the story's report outlet."""
    links = attribution.links
    # Bare "sources" inside a re-report are the cited outlet's sources ("отметили два источника").
    if (
        ctx.report is not None
        and links[0].kind == UNNAMED
        and not lx.ANONYMITY.search(links[0].phrase)
        and re.search(r"\b(источник\w*|sources|the people)\b", links[0].phrase, re.I)
    ):
        links = [ctx.report, *links]
    if (
        paragraph == 0
        and links[0].kind == OUTLET
        and links[0].name
        and (not outlet or links[0].name.lower() != outlet.lower())
    ):
        ctx.report = links[0]
    return links


def _proposed_claim(
    article: str, c_start: int, c_end: int, cue: str, links: list[Mention], named: list
) -> ProposedClaim | None:
    """The claim at article[c_start:c_end], trimmed of punctuation; None when too little is left."""
    while c_start < c_end and article[c_start] in " ,;:—–-":
        c_start += 1
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


def _remember_speaker(ctx: Context, links: list[Mention]) -> None:
    """Note the claim's links; a single named or unnamed speaker is who a later "он" / "he" means."""
    ctx.prev_links = links
    if links and (links[-1].kind == PERSON or (links[-1].kind == UNNAMED and links[-1].count == 1)):
        ctx.last_speaker = links[-1]


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
