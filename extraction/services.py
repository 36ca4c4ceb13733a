"""Write paths for extraction: store proposals for an article, accept (creating the claim) or reject.

Accepting goes through `claims.services.claim_create`, so a claim made from a proposal is exactly a
claim made by hand: same validation, same audit entry, all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from claims import services as claim_services
from claims.errors import ApplicationError, ConflictError, NotAllowed
from claims.models import Claim, ClaimKind, LinkRelation
from sources.errors import FetchError
from sources.models import Article, Source, SourceKind
from sources.services import article_fetch, article_store
from sources.urls import canonical_url
from textkit.due import due_date

from .errors import ExtractionError
from .models import ClaimProposal, ProposalState
from .proposer import EXTRACTOR_VERSION, OWN, extract
from .registry import NO_OUTLET_PHRASE, DatabaseRegistry, SourceRef, entities_clean, resolve
from .text import check_text


def text_extract(
    *,
    text: object,
    language: str | None = None,
    outlet: Source | None = None,
    article: Article | None = None,
) -> dict:
    """Proposals for a text, matched to the registry; writes nothing.

    Each proposed claim is a body POST /api/v1/claims/ accepts unchanged; with `article`, its
    appearance in that article (with the span) is part of it.
    """
    if language not in (None, "", "ru", "en"):
        raise ExtractionError(f"Unsupported language {language!r}: use ru or en.", code="language")
    extraction = extract(text, language=language or None, outlet=outlet.name if outlet else None)
    ref = SourceRef(outlet.pk, outlet.name, outlet.kind) if outlet else None
    return resolve(
        extraction, DatabaseRegistry(), outlet=ref, article_id=article.pk if article is not None else None
    )


def article_extract(*, article: Article, language: str | None = None) -> dict:
    return text_extract(
        text=article.text,
        language=language or article.language or None,
        outlet=article.outlet,
        article=article,
    )


def _require_editor(actor: AbstractBaseUser | None) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm("claims.add_claim"):
        raise NotAllowed("Only editors can extract, accept or reject proposed claims.")


@transaction.atomic
def article_create_from_text(
    *, url: str, text: str, title: str = "", outlet: Source | None = None, language: str = ""
) -> Article:
    """Store a pasted article (text checked first, so bad input saves nothing)."""
    text = check_text(text)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ApplicationError(
            "Please correct the errors below.", fields={"url": ["Enter a valid http(s) URL."]}
        ) from None
    if Article.objects.filter(url=canonical_url(url)).exists():
        raise ApplicationError(
            "An article with this URL is already stored; extract from it instead.",
            fields={"url": ["An article with this URL is already stored."]},
        )
    # The one way in for articles: canonical URL, copy detection, and the matcher hears of it.
    article, _ = article_store(url=url, text=text, title=title, outlet=outlet, language=language)
    return article


def article_from_url(*, url: str) -> Article:
    """Fetch a page into an Article through the coverage fetcher (guarded, size- and time-limited).

    The same URL fetched before comes back as the stored article; a refused or broken page is an
    ApplicationError on `url` with the fetcher's reason.
    """
    try:
        return article_fetch(url=url)
    except FetchError as exc:
        raise ApplicationError("The page could not be fetched.", fields={"url": [str(exc)]}) from exc


@transaction.atomic
def proposals_create(
    *, article: Article, actor: AbstractBaseUser | None, language: str | None = None
) -> list[ClaimProposal]:
    """Propose the article's claims. Safe to run twice: a passage already proposed is not proposed again."""
    if actor is not None:
        _require_editor(actor)
    result = article_extract(article=article, language=language)
    taken = set(ClaimProposal.objects.filter(article=article).values_list("span_start", "span_end"))
    start_position = ClaimProposal.objects.filter(article=article).count()
    rows = []
    for claim in result["claims"]:
        # the claim API's own field name, so a proposal posts unchanged
        claim = {**claim, "due_at": proposed_due(claim, language=result["language"], article=article)}
        start, end = claim["span"]
        if (start, end) in taken:
            continue
        taken.add((start, end))
        rows.append(
            ClaimProposal(
                article=article,
                position=start_position + len(rows),
                span_start=start,
                span_end=end,
                payload=claim,
                language=result["language"],
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    return ClaimProposal.objects.bulk_create(rows)


def _link_clean(link: Mapping[str, Any], i: int, errors: dict[str, list[str]]) -> dict:
    """One link of an edited proposal in the wire shape (claims.services.chains), older payloads too:
    a first link of kind "own" is the outlet's link, and {"id": null, "name", "new"} is a source by name."""
    link = dict(link)
    if link.get("kind") == OWN:
        if i != 0:
            errors[f"chain[{i}].kind"] = ["Only the first link can be the article's own statement."]
        link["kind"] = SourceKind.OUTLET
    if link.get("kind") not in SourceKind.values:
        errors[f"chain[{i}].kind"] = [f"Use one of: {', '.join(SourceKind.values)}."]
    count = link.get("count")
    if count is not None and (
        isinstance(count, bool)
        or not isinstance(count, int)
        or count < 1
        or link.get("kind") != SourceKind.UNNAMED
    ):
        errors[f"chain[{i}].count"] = ["Only an unnamed group has a count, and it is at least 1."]
    source = link.get("source")
    if isinstance(source, Mapping):
        source = {k: v for k, v in source.items() if k != "new"}
        if source.get("id") is None:
            source.pop("id", None)
        link["source"] = source
    if source is not None and not (
        (isinstance(source, int) and not isinstance(source, bool))
        or (isinstance(source, Mapping) and (source.get("id") or str(source.get("name") or "").strip()))
    ):
        errors[f"chain[{i}].source"] = [
            'Give {"id": …} of a registry source, {"name": …} for a new one, or null.'
        ]
    for field in ("role", "phrase", "quote"):
        if link.get(field) is not None and not isinstance(link[field], str):
            errors[f"chain[{i}].{field}"] = ["Give it as text."]
    return link


def proposed_due(claim: Mapping[str, Any], *, language: str, article: Article) -> str | None:
    """The due date a prediction's own words name ("by the end of 2025", "в мае"), from the article's day.

    The one place extraction proposes a due date, whatever reader found the claim.
    """
    if claim.get("kind") != ClaimKind.PREDICTION:
        return None
    day = (article.published_at or timezone.now()).date()
    due = due_date(str(claim.get("text") or ""), language, day)
    return due.isoformat() if due else None


def payload_clean(*, payload: Mapping[str, Any], article: Article) -> dict:
    """An edited proposal checked field by field; the errors say what to fix where."""
    errors: dict[str, list[str]] = {}
    text = str(payload.get("text") or "").strip()
    if not text:
        errors["text"] = ["A claim needs its text."]
    kind = payload.get("kind") or ClaimKind.FACT
    if kind not in ClaimKind.values:
        errors["kind"] = [f"Use one of: {', '.join(ClaimKind.values)}."]
    span = payload.get("span")
    try:
        start, end = (int(span[0]), int(span[1]))
        if not 0 <= start < end <= len(article.text):
            raise ValueError
    except (TypeError, ValueError, IndexError):
        errors["span"] = [
            f"Give [start, end] with 0 ≤ start < end ≤ {len(article.text)} (the article's length)."
        ]
        start = end = None
    entities = payload.get("entities") or []
    if not isinstance(entities, list) or not all(isinstance(e, str) for e in entities):
        errors["entities"] = ["Give the entities as a list of names."]
        entities = []
    chain = payload.get("chain") or []
    if not isinstance(chain, list) or not chain:
        errors["chain"] = ["The chain needs at least the article's own link."]
        chain = []
    links = []
    for i, link in enumerate(chain):
        if not isinstance(link, Mapping):
            errors[f"chain[{i}]"] = ["Each link is an object."]
            continue
        links.append(_link_clean(link, i, errors))
    due = payload.get("due_at", payload.get("due"))  # "due": proposals stored before the rename
    if due not in (None, ""):
        try:
            due = date.fromisoformat(str(due))
        except ValueError:
            errors["due_at"] = ["Give the due date as YYYY-MM-DD, or null."]
        else:
            if kind != ClaimKind.PREDICTION:
                errors["due_at"] = ["Only a prediction has a due date: make the kind prediction or clear it."]
    else:
        due = None
    if errors:
        raise ApplicationError("Please correct the errors below.", fields=errors)
    return {
        "text": text,
        "language": str(payload.get("language") or ""),
        "kind": kind,
        "due_at": due.isoformat() if due else None,
        "span": [start, end],
        "entities": entities_clean(entities),
        "chain": links,
        "appearances": [{"article": article.pk, "span_start": start, "span_end": end}],
    }


def _chain_specs(payload: Mapping[str, Any], article: Article) -> list[dict]:
    """The cleaned chain for claim_create: a first link without a source is the article's outlet,
    and an older payload without relations gets them as the extractor gives them now."""
    chain = [dict(link) for link in payload["chain"]]
    first = chain[0]
    if not first.get("source"):
        first["source"] = article.outlet.pk if article.outlet else None
        first["kind"] = SourceKind.OUTLET
        if article.outlet is None and not str(first.get("phrase") or "").strip():
            first["phrase"] = NO_OUTLET_PHRASE
    for i, link in enumerate(chain):
        if not link.get("relation"):
            last = i == len(chain) - 1
            said = i > 0 and last and link["kind"] in (SourceKind.PERSON, SourceKind.ORGANISATION)
            link["relation"] = (
                LinkRelation.REPORTED_BY if i == 0 else LinkRelation.SAID_BY if said else LinkRelation.CITING
            )
        if link["kind"] != SourceKind.UNNAMED:
            link["count"] = None
        if link.get("source") is None and not str(link.get("phrase") or "").strip():
            link["phrase"] = str(link.get("role") or link["kind"])
        for field in ("role", "phrase", "quote"):
            link[field] = str(link.get(field) or "")
        link["role"], link["phrase"] = link["role"][:300], link["phrase"][:500]
    return chain


@transaction.atomic
def proposal_accept(
    *, proposal: ClaimProposal, actor: AbstractBaseUser, payload: Mapping[str, Any] | None = None
) -> Claim:
    """Create the claim (chain, appearance with the span, entities) and queue its corroboration.

    Accepting twice returns the claim made the first time; two editors accepting at once make one
    claim (the state changes by compare-and-swap, the loser sees the winner's claim).
    """
    _require_editor(actor)
    article = proposal.article
    cleaned = payload_clean(payload=payload if payload is not None else proposal.payload, article=article)
    won = ClaimProposal.objects.filter(pk=proposal.pk, state=ProposalState.PROPOSED).update(
        state=ProposalState.ACCEPTED, decided_by=actor, decided_at=timezone.now()
    )
    if won != 1:
        current = ClaimProposal.objects.select_related("claim").get(pk=proposal.pk)
        if current.state == ProposalState.ACCEPTED and current.claim is not None:
            return current.claim
        raise ConflictError(
            f"This proposal was already {current.get_state_display().lower()}; nothing was saved."
        )
    start, end = cleaned["span"]
    claim = claim_services.claim_create(
        text=cleaned["text"],
        language=proposal.language or cleaned["language"],
        kind=cleaned["kind"],
        due_at=date.fromisoformat(cleaned["due_at"]) if cleaned["due_at"] else None,
        chain=_chain_specs(cleaned, article),
        appearances=[{"article": article, "span_start": start, "span_end": end}],
        entities=cleaned["entities"],
        actor=actor,
    )
    ClaimProposal.objects.filter(pk=proposal.pk).update(
        claim=claim, payload=cleaned, span_start=start, span_end=end
    )
    proposal.refresh_from_db()
    return claim


@transaction.atomic
def proposal_reject(*, proposal: ClaimProposal, actor: AbstractBaseUser) -> ClaimProposal:
    _require_editor(actor)
    rejected = ClaimProposal.objects.filter(pk=proposal.pk, state=ProposalState.PROPOSED).update(
        state=ProposalState.REJECTED, decided_by=actor, decided_at=timezone.now()
    )
    proposal.refresh_from_db()
    if not rejected and proposal.state == ProposalState.ACCEPTED:
        raise ConflictError(
            "This proposal was already accepted as a claim; edit or retract the claim instead."
        )
    return proposal


@transaction.atomic
def proposal_save(
    *, proposal: ClaimProposal, actor: AbstractBaseUser, payload: Mapping[str, Any]
) -> ClaimProposal:
    """Keep an editor's edits on an open proposal, to accept later."""
    _require_editor(actor)
    if proposal.state != ProposalState.PROPOSED:
        raise ConflictError("Only an open proposal can be edited.")
    cleaned = payload_clean(payload=payload, article=proposal.article)
    start, end = cleaned["span"]
    clash = ClaimProposal.objects.filter(article=proposal.article, span_start=start, span_end=end)
    if clash.exclude(pk=proposal.pk).exists():
        raise ApplicationError(
            "Another proposal already covers this passage.",
            fields={"span": [f"Proposal for [{start}, {end}] exists; edit that one or choose another span."]},
        )
    proposal.payload = cleaned
    proposal.span_start, proposal.span_end = cleaned["span"]
    proposal.save(update_fields=["payload", "span_start", "span_end"])
    return proposal
