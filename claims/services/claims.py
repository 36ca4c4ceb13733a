"""Claims: create one with its chain, appearances and entities; change its own fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from sources.models import Article

from ..errors import ApplicationError
from ..models import Appearance, AttributionLink, Claim, ClaimEntity, ClaimKind
from .audit import audit_record
from .chains import build_links, resolutions_audit
from .common import bump_version, diff, resolve_source, validate
from .corroboration import corroboration_request

CLAIM_EDITABLE_FIELDS = ("text", "language", "summary_en", "kind", "made_at", "due_at")


def claim_snapshot(claim: Claim) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in CLAIM_EDITABLE_FIELDS}
    for name in ("made_at", "due_at"):
        if data[name] is not None:
            data[name] = data[name].isoformat()
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
    due_at: date | None = None,
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
        due_at=due_at,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    validate(claim)
    # Build and check every child before writing anything.
    resolutions: list = []
    links = build_links(claim, chain, resolutions)
    built_appearances = [_build_appearance(claim, spec, i) for i, spec in enumerate(appearances)]
    claim.save()
    for link in links:
        link.claim = claim
    AttributionLink.objects.bulk_create(links)
    for appearance in built_appearances:
        appearance.claim = claim
    Appearance.objects.bulk_create(built_appearances)
    _set_entities(claim, entities)
    changes = diff({}, claim_snapshot(claim))
    if resolutions:
        changes["sources_resolved"] = [None, resolutions_audit(resolutions)]
    audit_record(claim=claim, actor=actor, action="claim_created", changes=changes)
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
    """Change a claim's own fields (text, language, summary_en, kind, made_at, due_at).

    A new due date clears the record of the last re-check, so the prediction is queued again when it
    falls due.
    """
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
    extra = []
    if "due_at" in fields and before["due_at"] != (claim.due_at.isoformat() if claim.due_at else None):
        claim.due_queued_at = None
        extra.append("due_queued_at")
    claim.save(update_fields=[*fields, *extra, "updated_at"])
    changes = diff(before, claim_snapshot(claim))
    if changes:
        audit_record(claim=claim, actor=actor, action="claim_changed", changes=changes)
    return claim


def _appearances_state(claim: Claim) -> list[str]:
    return sorted(
        f"{a.article.url} [{a.span_start}:{a.span_end}]" for a in claim.appearances.select_related("article")
    )


@transaction.atomic
def appearances_set(
    *,
    claim: Claim,
    appearances: Iterable[Mapping[str, Any]],
    actor: AbstractBaseUser | None,
    seen_version: int | None = None,
) -> list[Appearance]:
    """Replace where a claim appears (article and span; the quote is taken from the article's text).

    Nothing changes, and nothing is audited, if the new list is the old one. The corroboration summary
    does not depend on appearances, so nothing is refreshed.
    """
    built = [_build_appearance(claim, spec, i) for i, spec in enumerate(appearances)]
    keys = [(a.article_id, a.span_start, a.span_end) for a in built]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise ApplicationError(
                "Please correct the errors below.",
                fields={f"appearances[{index}].__all__": ["This appearance is listed twice."]},
            )
    before = _appearances_state(claim)
    after = sorted(f"{a.article.url} [{a.span_start}:{a.span_end}]" for a in built)
    if before == after:
        return list(claim.appearances.all())
    bump_version(claim, seen_version=seen_version)
    claim.appearances.all().delete()
    Appearance.objects.bulk_create(built)
    audit_record(
        claim=claim, actor=actor, action="appearances_changed", changes={"appearances": [before, after]}
    )
    return built


@transaction.atomic
def entities_set(
    *,
    claim: Claim,
    entities: Iterable[str | Mapping[str, Any]],
    actor: AbstractBaseUser | None,
    seen_version: int | None = None,
) -> None:
    """Replace what a claim is about (names, each with a registry Source where there is one).

    Names are deduplicated ignoring case. Nothing changes, and nothing is audited, if the list is the
    same; the summary does not depend on entities, so nothing is refreshed.
    """
    before = _entities_state(claim)
    specs = [{"name": e} if isinstance(e, str) else dict(e) for e in entities]
    for spec in specs:
        spec["source"] = resolve_source(spec.get("source"))
    seen, after = set(), []
    for spec in specs:
        name = (spec.get("name") or "").strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            after.append(f"{name} ({spec['source'].name})" if spec["source"] else name)
    if before == sorted(after):
        return
    bump_version(claim, seen_version=seen_version)
    claim.entities.all().delete()
    _set_entities(claim, specs)
    audit_record(
        claim=claim, actor=actor, action="entities_changed", changes={"entities": [before, sorted(after)]}
    )


def _entities_state(claim: Claim) -> list[str]:
    return sorted(
        f"{e.name} ({e.source.name})" if e.source_id else e.name
        for e in claim.entities.select_related("source")
    )
