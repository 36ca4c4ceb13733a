"""schema.org ClaimReview: our decided claims as JSON-LD (the API's /claimreview/ feed and pages)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from claims.models import CLAIMREVIEW_RATINGS
from sources.models import SourceKind


def _claimant(claim) -> dict | None:
    links = list(claim.links.all())
    if not links:
        return None
    origin = links[-1]
    name = origin.source.name if origin.source is not None else origin.display()
    if origin.source_kind == SourceKind.PERSON:
        party = {"@type": "Person", "name": name}
        if origin.source is not None and origin.source.role:
            party["jobTitle"] = origin.source.role
        return party
    return {"@type": "Organization", "name": name}


def _appearance(appearance) -> dict:
    article = appearance.article
    work = {"@type": "CreativeWork", "url": article.url}
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = article.published_at.date().isoformat()
    if article.outlet is not None:
        work["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    return work


def claimreview_document(claim, *, url: str) -> dict:
    """One claim with a decided verdict as ClaimReview JSON-LD (see README for the rating scale)."""
    verdict = claim.current_verdict
    value, name = CLAIMREVIEW_RATINGS[verdict.status]
    org = verdict.organisation
    author = (
        {"@type": "Organization", "name": org.name}
        if org is not None
        else {"@type": "Organization", **settings.CLAIMTRACKER_ORGANISATION}
    )
    item: dict[str, Any] = {"@type": "Claim"}
    claimant = _claimant(claim)
    if claimant:
        item["author"] = claimant
    if claim.made_at:
        item["datePublished"] = claim.made_at.date().isoformat()
    appearances = sorted(
        claim.appearances.all(),
        key=lambda a: (a.article.published_at is None, a.article.published_at or 0, a.pk),
    )
    if appearances:
        item["appearance"] = [_appearance(a) for a in appearances]
        item["firstAppearance"] = _appearance(appearances[0])
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.text,
        "inLanguage": claim.language,
        "datePublished": verdict.created_at.date().isoformat(),
        "author": author,
        "reviewBody": verdict.rationale,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        },
        "itemReviewed": item,
    }
