"""Claims: create one with its chain, appearances and entities; change its own fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from sources.models import Article

from ..errors import ApplicationError
from ..models import Appearance, AttributionLink, Claim, ClaimEntity, ClaimKind
from .audit import audit_record
from .chains import build_links
from .common import bump_version, diff, resolve_source, validate
from .corroboration import corroboration_request
from .summary import summary_refresh_later

CLAIM_EDITABLE_FIELDS = ("text", "language", "summary_en", "kind", "made_at")


def claim_snapshot(claim: Claim) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in CLAIM_EDITABLE_FIELDS}
    if data["made_at"] is not None:
        data["made_at"] = data["made_at"].isoformat()
    data["chain"] = claim.chain_display()
    return data


def _build_appearance(claim: Claim, spec: Mapping[str, Any], index: int) -> Appearance:
    article = spec["article"]
    if not isinstance(article, Article):
        article = Article.objects.filter(pk=article).first()
        if article is None:
            raise ApplicationError(
                "Unknown article.",
                fields={f"appearances[{index}].article": [f"No article with id {spec['article']!r}."]},
            )
    start, end = spec.get("span_start"), spec.get("span_end")
    quote = spec.get("quote")
    if quote is None and start is not None and end is not None:
        quote = article.text[start:end]
    appearance = Appearance(claim=claim, article=article, span_start=start, span_end=end, quote=quote or "")
    validate(appearance, prefix=f"appearances[{index}].", exclude=["claim"])
    return appearance


@transaction.atomic
def claim_create(
    *,
    text: str,
    language: str,
    kind: str = ClaimKind.FACT,
    summary_en: str = "",
    made_at: datetime | None = None,
    chain: Iterable[Mapping[str, Any]] = (),
    appearances: Iterable[Mapping[str, Any]] = (),
    entities: Iterable[str | Mapping[str, Any]] = (),
    actor: AbstractBaseUser | None = None,
) -> Claim:
    """Create a claim with its chain (outermost link first), appearances and entities, or nothing at all."""
    claim = Claim(
        text=(text or "").strip(),
        language=(language or "").strip(),
        kind=kind,
        summary_en=(summary_en or "").strip(),
        made_at=made_at,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    validate(claim)
    # Build and check every child before writing anything.
    links = build_links(claim, chain)
    built_appearances = [_build_appearance(claim, spec, i) for i, spec in enumerate(appearances)]
    claim.save()
    for link in links:
        link.claim = claim
    AttributionLink.objects.bulk_create(links)
    for appearance in built_appearances:
        appearance.claim = claim
    Appearance.objects.bulk_create(built_appearances)
    _set_entities(claim, entities)
    audit_record(claim=claim, actor=actor, action="claim_created", changes=diff({}, claim_snapshot(claim)))
    # Every new claim, whatever made it (admin, API, extraction, ClaimReview import), is looked for.
    corroboration_request(claim_ids=[claim.pk])
    return claim


def _set_entities(claim: Claim, entities: Iterable[str | Mapping[str, Any]]) -> None:
    seen = set()
    rows = []
    for entity in entities:
        spec = {"name": entity} if isinstance(entity, str) else dict(entity)
        name = (spec.get("name") or "").strip()
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        rows.append(ClaimEntity(claim=claim, name=name, source=resolve_source(spec.get("source"))))
    ClaimEntity.objects.bulk_create(rows)


@transaction.atomic
def claim_update(
    *, claim: Claim, actor: AbstractBaseUser | None, seen_version: int | None = None, **fields: Any
) -> Claim:
    """Change a claim's own fields (text, language, summary_en, kind, made_at)."""
    unknown = set(fields) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(
            "Unknown fields.",
            fields={name: ["This field cannot be changed here."] for name in sorted(unknown)},
        )
    before = claim_snapshot(Claim.objects.get(pk=claim.pk))
    for name, value in fields.items():
        setattr(claim, name, value.strip() if isinstance(value, str) else value)
    validate(claim)
    bump_version(claim, seen_version=seen_version)
    claim.save(update_fields=[*fields, "updated_at"])
    changes = diff(before, claim_snapshot(claim))
    if changes:
        audit_record(claim=claim, actor=actor, action="claim_changed", changes=changes)
    return claim


def claim_parts_snapshot(*, claim: Claim) -> dict[str, Any]:
    """What hangs off a claim, as text: compared before and after an in-place edit (admin inlines)."""
    fresh = Claim.objects.with_chain().get(pk=claim.pk)
    return {
        "chain": fresh.chain_display(),
        "appearances": sorted(
            f"{a.article.url} [{a.span_start}:{a.span_end}]"
            for a in fresh.appearances.select_related("article")
        ),
        "entities": sorted(fresh.entities.values_list("name", flat=True)),
        "evidence": sorted(
            f"{e.article.url}: {e.stance}, {e.independence}, {e.review_state}"
            for e in fresh.evidence.select_related("article")
        ),
    }


def claim_parts_changed(*, claim: Claim, actor: AbstractBaseUser | None, before: dict[str, Any]) -> None:
    """Record parts edited in place: bump the version and audit what changed (nothing if nothing did)."""
    changes = diff(before, claim_parts_snapshot(claim=claim))
    if not changes:
        return
    bump_version(claim, seen_version=None)
    action = "chain_changed" if set(changes) == {"chain"} else "parts_changed"
    audit_record(claim=claim, actor=actor, action=action, changes=changes)
    summary_refresh_later(claim_ids=[claim.pk])
