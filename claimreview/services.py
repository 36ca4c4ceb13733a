"""Import ClaimReview markup from other fact-checkers: each review once, as a verdict of its publisher."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import ApplicationError
from claims.models import LinkRelation
from claims.services import claim_create, verdict_import
from sources.models import Source, SourceKind
from sources.services import article_store, source_get_or_create

from .markup import claimreview_parse
from .models import ImportedReview


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    claims: list[int] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def _source_for(party, *, kinds: Iterable[str]) -> Source:
    """The registry Source a ClaimReview names, matched by name or alias, else a new one."""
    kinds = list(kinds)
    kind = party.kind if party.kind in kinds else kinds[0]
    return source_get_or_create(name=party.name, kind=kind, role=party.role, match_kinds=kinds)[0]


def _review_key(review) -> str:
    parts = [
        review.review_url,
        " ".join(review.claim_text.casefold().split()),
        review.organisation.name.casefold(),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _rationale(review) -> str:
    text = f"{review.organisation.name} rated this “{review.rating_text}”."
    if review.body and review.body != review.claim_text:
        text += f" {review.body}"
    if review.review_url:
        text += f" {review.review_url}"
    return text


@transaction.atomic
def _import_one(review, *, actor: AbstractBaseUser | None) -> tuple[str, int]:
    key = _review_key(review)
    existing = (
        ImportedReview.objects.select_for_update(of=("self",))
        .filter(key=key)
        .select_related("verdict")
        .first()
    )
    organisation = _source_for(review.organisation, kinds=[SourceKind.ORGANISATION, SourceKind.OUTLET])
    reviewed_at = review.reviewed_at or timezone.now()
    if existing is not None:
        if existing.verdict is not None and existing.verdict.status == review.status:
            return "unchanged", existing.claim_id
        verdict = verdict_import(
            claim=existing.claim,
            status=review.status,
            rationale=_rationale(review),
            organisation=organisation,
            reviewed_at=max(reviewed_at, existing.verdict.created_at) if existing.verdict else reviewed_at,
            actor=actor,
        )
        existing.verdict, existing.rating = verdict, review.rating_text
        existing.save(update_fields=["verdict", "rating"])
        return "updated", existing.claim_id
    chain = []
    if review.claimant is not None:
        claimant = _source_for(
            review.claimant, kinds=[review.claimant.kind, SourceKind.ORGANISATION, SourceKind.OUTLET]
        )
        chain.append({"kind": claimant.kind, "source": claimant, "relation": LinkRelation.SAID_BY})
    appearances = []
    for spec in review.appearances:
        article, _ = article_store(
            url=spec["url"], text="", title=spec["headline"] or "", published_at=spec["published_at"]
        )
        appearances.append({"article": article})
    claim = claim_create(
        text=review.claim_text,
        language=review.language,
        made_at=review.made_at,
        chain=chain,
        appearances=appearances,
        actor=actor,
    )
    verdict = verdict_import(
        claim=claim,
        status=review.status,
        rationale=_rationale(review),
        organisation=organisation,
        reviewed_at=reviewed_at,
        actor=actor,
    )
    ImportedReview.objects.create(
        key=key, review_url=review.review_url, claim=claim, verdict=verdict, rating=review.rating_text
    )
    return "created", claim.pk


class TooManyReviews(ApplicationError):
    pass


def claimreview_import(
    *, data: bytes, actor: AbstractBaseUser | None = None, max_reviews: int | None = None
) -> ImportReport:
    """Import every ClaimReview in an HTML page or JSON document; safe to run twice.

    Each review is its own transaction, so one that breaks a rule is reported and the rest import.
    A review seen before changes nothing unless its rating changed, which adds a verdict.
    `max_reviews`: a document with more reviews is refused whole (TooManyReviews), nothing imported.
    """
    reviews, problems = claimreview_parse(data)
    if max_reviews is not None and len(reviews) > max_reviews:
        raise TooManyReviews(
            f"The document has {len(reviews):,} ClaimReviews; one request imports at most {max_reviews:,}. "
            "Send it in parts, or import it with `manage.py import_claimreview`.",
            fields={"__all__": [f"At most {max_reviews:,} reviews per request; nothing was imported."]},
        )
    report = ImportReport(errors=[p.as_dict() for p in problems])
    for review in reviews:
        try:
            outcome, claim_id = _import_one(review, actor=actor)
        except ApplicationError as exc:
            report.errors.append({"where": review.where, "reason": str(exc)})
            continue
        except IntegrityError:
            # The same review imported concurrently: the other import has it.
            report.unchanged += 1
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        if claim_id not in report.claims:
            report.claims.append(claim_id)
    return report
