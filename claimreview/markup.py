"""schema.org ClaimReview: read other fact-checkers' markup (our own document: claimreview.document).

Reading is pure (bytes in, plain records and problems out); `services.claimreview_import` writes.
Real markup is messy, so the reader is forgiving where meaning is clear ("Falso.", "Incorrect \\r",
"type" for "@type", an author that is a list, ClaimReview inside @graph) and reports, per block and
item, what it could not understand instead of guessing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from html.parser import HTMLParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from claims.models import ClaimStatus
from sources.models import SourceKind
from textkit.charset import decode
from textkit.folding import unaccent
from textkit.jsontext import TooDeep, loads_bounded

# --- rating → status --------------------------------------------------------------------------------

# Exact ratings as fact-checkers publish them, after folding case, accents and trailing punctuation.
RATING_WORDS: dict[str, str] = {}
for _status, _words in {
    ClaimStatus.CONFIRMED: "true|correct|accurate|verdadero|verdadeiro|cierto|vrai|wahr|richtig|vero|mostly true|"
    "correcto|правда|верно|confirmed",
    ClaimStatus.FALSE: "false|falso|faux|falsch|fake|incorrect|incorrecto|wrong|pants on fire|mostly false|"
    "hoax|fabricated|bulo|ложь|неправда|фейк|not true|four pinocchios|falsa",
    ClaimStatus.MISLEADING: "misleading|enganoso|enganosa|trompeur|irrefuhrend|half true|mixture|partly false|"
    "partially false|missing context|out of context|sin contexto|exaggerated|exagerado|distorted|"
    "manipulated|imprecise|impreciso|cherry-picked|needs context|context|half-true|manipulado|verdad a medias|"
    "полуправда",
    ClaimStatus.UNVERIFIABLE: "unverifiable|unproven|no evidence|sin evidencia|unsupported|not verifiable|"
    "inconclusive|unsubstantiated|не доказано|unverified|insostenible",
    ClaimStatus.DISPUTED: "disputed|contested|debatable|discutible|controversial",
    ClaimStatus.RETRACTED: "retracted|retracted by source",
}.items():
    for _word in _words.split("|"):
        RATING_WORDS[_word] = _status

# For sentence-long ratings: the first family whose words appear wins, most specific first, so
# "partly false" is misleading and "not true" is false, not confirmed.
KEYWORD_ORDER = [
    ClaimStatus.RETRACTED,
    ClaimStatus.MISLEADING,
    ClaimStatus.UNVERIFIABLE,
    ClaimStatus.FALSE,
    ClaimStatus.DISPUTED,
    ClaimStatus.CONFIRMED,
]


def _fold(text: str) -> str:
    return " ".join(unaccent(str(text)).casefold().replace("_", " ").split()).strip(" .!¡?¿:;,\"'“”«»()[]")


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def rating_to_status(name: str, value: Any = None, best: Any = None, worst: Any = None) -> str | None:
    folded = _fold(name or "")
    if folded in RATING_WORDS:
        return RATING_WORDS[folded]
    if folded:
        for status in KEYWORD_ORDER:
            for word, word_status in RATING_WORDS.items():
                if word_status == status and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                    return status
    number, high, low = _number(value), _number(best), _number(worst)
    if number is None or number < 0 or high is None or low is None or high <= low:
        return None
    fraction = (number - low) / (high - low)
    if fraction >= 0.8:
        return ClaimStatus.CONFIRMED
    if fraction <= 0.2:
        return ClaimStatus.FALSE
    return ClaimStatus.MISLEADING


# --- reading markup ---------------------------------------------------------------------------------


@dataclass
class Party:
    name: str
    kind: str  # a SourceKind
    url: str = ""
    role: str = ""


@dataclass
class ParsedReview:
    where: str
    claim_text: str
    language: str
    review_url: str
    rating_text: str
    status: str
    organisation: Party
    claimant: Party | None
    appearances: list[dict] = field(default_factory=list)
    made_at: datetime | None = None
    reviewed_at: datetime | None = None
    body: str = ""


@dataclass
class Problem:
    where: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "reason": self.reason}


class _JsonLdScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.lang = ""
        self._in = False
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and attrs.get("lang"):
            self.lang = attrs["lang"]
        if tag == "script" and attrs.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            self._in, self._buf = True, []

    def handle_endtag(self, tag):
        if tag == "script" and self._in:
            self.blocks.append("".join(self._buf))
            self._in = False

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)

    # Inside <script> there are no entities, but convert_charrefs=False sends them here.
    def handle_entityref(self, name):
        if self._in:
            self._buf.append(f"&{name};")

    def handle_charref(self, name):
        if self._in:
            self._buf.append(f"&#{name};")


def _types(node: dict) -> set[str]:
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _find_reviews(node: Any, found: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _find_reviews(item, found)
    elif isinstance(node, dict):
        if "ClaimReview" in _types(node):
            found.append(node)
            return
        for value in node.values():
            if isinstance(value, dict | list):
                _find_reviews(value, found)


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", {})), None)
    return value


def _text(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("text") or ""
    # NUL is never part of a claim, and PostgreSQL cannot store it in text.
    return " ".join(str(value).replace("\x00", " ").split()) if isinstance(value, str | int | float) else ""


def _party(value: Any, default_kind: str) -> Party | None:
    """An author: a Person, an Organization, a plain name, or a list of those (the first with a name)."""
    candidates = value if isinstance(value, list) else [value]
    for item in candidates:
        if isinstance(item, str) and _text(item):
            return Party(name=_text(item)[:300], kind=default_kind)
        if isinstance(item, dict):
            name = _text(item.get("name")) or _text(item.get("alternateName"))
            if not name:
                continue
            types = _types(item)
            kind = (
                SourceKind.PERSON
                if "Person" in types
                else SourceKind.ORGANISATION
                if types & {"Organization", "NewsMediaOrganization", "GovernmentOrganization", "Corporation"}
                else default_kind
            )
            url = _text(item.get("url")) or _text(item.get("sameAs"))
            return Party(name=name[:300], kind=kind, url=url, role=_text(item.get("jobTitle"))[:300])
    return None


def _when(value: Any) -> datetime | None:
    raw = _text(value)
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw[:10])
            moment = datetime.combine(day, time(12, 0)) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment


_url_ok = URLValidator(schemes=["http", "https"])


def _url(value: Any) -> str:
    raw = _text(value) if not isinstance(_first(value), dict) else _text(_first(value).get("url"))
    try:
        _url_ok(raw)
    except ValidationError:
        return ""
    return raw[:2000]


def _appearances(item: dict) -> list[dict]:
    out, seen = [], set()
    for key in ("firstAppearance", "appearance"):
        values = item.get(key)
        for value in values if isinstance(values, list) else [values]:
            if value in (None, "", {}):
                continue
            url = _url(value)
            if not url or url in seen:
                continue
            seen.add(url)
            entry = {"url": url, "headline": "", "published_at": None}
            if isinstance(value, dict):
                entry["headline"] = (_text(value.get("headline")) or _text(value.get("name")))[:1000]
                entry["published_at"] = _when(value.get("datePublished"))
            out.append(entry)
    return out


def _language(*candidates: Any) -> str:
    for value in candidates:
        code = (
            _text(value.get("alternateName") or value.get("name"))
            if isinstance(value, dict)
            else _text(value)
        )
        code = code.strip()
        if code and len(code) <= 12 and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*", code):
            return code.replace("_", "-")
    return "und"


def _review(node: dict, where: str, page_lang: str) -> ParsedReview:
    item = _first(node.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    text = _text(node.get("claimReviewed")) or _text(item.get("name")) or _text(item.get("text"))
    if not text:
        raise ValueError("no claimReviewed: nothing says what the claim is")
    rating = _first(node.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    rating_text = _text(rating.get("alternateName")) or _text(rating.get("name"))
    status = rating_to_status(
        rating_text, rating.get("ratingValue"), rating.get("bestRating"), rating.get("worstRating")
    )
    if status is None:
        shown = rating_text or f"ratingValue {rating.get('ratingValue')!r}"
        raise ValueError(f"rating {shown[:200]!r} does not map to a status")
    organisation = _party(node.get("author"), SourceKind.ORGANISATION) or _party(
        node.get("publisher"), SourceKind.ORGANISATION
    )
    if organisation is None:
        raise ValueError("no author or publisher: the verdict needs the fact-checking organisation")
    if organisation.kind == SourceKind.PERSON:
        # A fact-check signed by a person is still the publisher's verdict where one is named.
        organisation = _party(node.get("publisher"), SourceKind.ORGANISATION) or organisation
    return ParsedReview(
        where=where,
        claim_text=text,
        language=_language(node.get("inLanguage"), item.get("inLanguage"), page_lang),
        review_url=_url(node.get("url")),
        rating_text=(rating_text or str(rating.get("ratingValue", "")))[:500],
        status=status,
        organisation=organisation,
        claimant=_party(item.get("author"), SourceKind.PERSON),
        appearances=_appearances(item),
        made_at=_when(item.get("datePublished")),
        reviewed_at=_when(node.get("datePublished")),
        body=_text(node.get("reviewBody")) or _text(node.get("description")),
    )


def claimreview_parse(data: bytes) -> tuple[list[ParsedReview], list[Problem]]:
    """Every ClaimReview in an HTML page's JSON-LD blocks or in a JSON document."""
    text = decode(data)
    stripped = text.lstrip()
    page_lang = ""
    if stripped.startswith(("{", "[")):
        blocks = [text]
    else:
        scanner = _JsonLdScripts()
        scanner.feed(text)
        scanner.close()
        blocks, page_lang = scanner.blocks, scanner.lang
    reviews: list[ParsedReview] = []
    problems: list[Problem] = []
    if not blocks:
        problems.append(
            Problem("document", "no JSON-LD found: neither a JSON document nor HTML with JSON-LD")
        )
    for number, block in enumerate(blocks, start=1):
        label = f"block {number}"
        try:
            # strict=False: real pages put raw newlines and tabs inside JSON strings.
            document = loads_bounded(block.strip().removeprefix("<!--").removesuffix("-->"), strict=False)
        except TooDeep as exc:
            problems.append(Problem(label, f"not read: {exc}"))
            continue
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(label, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
            )
            continue
        found: list[dict] = []
        _find_reviews(document, found)
        for index, node in enumerate(found, start=1):
            where = f"{label}, review {index}"
            try:
                reviews.append(_review(node, where, page_lang))
            except ValueError as exc:
                problems.append(Problem(where, str(exc)))
    if blocks and not reviews and not problems:
        problems.append(Problem("document", "no ClaimReview in the JSON-LD"))
    return reviews, problems
