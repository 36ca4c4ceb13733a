"""Write paths for claims. The admin, the API, management commands and tasks all call these.

Every function is keyword-only, runs in one transaction (nothing half-saved), bumps the claim's
version on every change and writes an audit entry saying who changed what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sources.models import Article, Source

from .errors import ApplicationError, ConflictError, NotAllowed
from .models import (
    DECIDED_STATUSES,
    Appearance,
    AttributionLink,
    AuditEntry,
    Claim,
    ClaimEntity,
    ClaimKind,
    ClaimStatus,
    Evidence,
    Independence,
    LinkRelation,
    ReviewState,
    Stance,
    Verdict,
)

CLAIM_EDITABLE_FIELDS = ("text", "language", "summary_en", "kind", "made_at")


def _fields_of(error: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            f"{prefix}{name}": [m for e in errs for m in e.messages]
            for name, errs in error.error_dict.items()
        }
    return {f"{prefix}__all__" if prefix else "__all__": list(error.messages)}


def _validate(instance, *, prefix: str = "", exclude: Sequence[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError("Please correct the errors below.", fields=_fields_of(exc, prefix)) from exc


def _snapshot(claim: Claim) -> dict[str, Any]:
    data = {name: getattr(claim, name) for name in CLAIM_EDITABLE_FIELDS}
    if data["made_at"] is not None:
        data["made_at"] = data["made_at"].isoformat()
    data["chain"] = claim.chain_display()
    return data


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def audit_record(*, claim: Claim, actor: AbstractBaseUser | None, action: str, changes: dict) -> AuditEntry:
    return AuditEntry.objects.create(
        claim=claim,
        claim_label=str(claim)[:100],
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes,
        at=timezone.now(),
    )


def _bump_version(claim: Claim, *, seen_version: int | None) -> None:
    """Compare-and-swap on the version: with `seen_version` given, a concurrent change is a conflict."""
    qs = Claim.objects.filter(pk=claim.pk)
    if seen_version is not None:
        qs = qs.filter(version=seen_version)
    if qs.update(version=F("version") + 1, updated_at=timezone.now()) != 1:
        current = Claim.objects.get(pk=claim.pk)
        raise ConflictError(
            f"This claim changed since you opened it (you saw version {seen_version}, it is now at version "
            f"{current.version}, status {current.get_status_display()}). Reload it and try again; nothing was saved.",
            current=current,
        )
    claim.version = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)


def _resolve_source(value: Source | int | None) -> Source | None:
    if value is None or isinstance(value, Source):
        return value
    try:
        return Source.objects.get(pk=value)
    except (Source.DoesNotExist, ValueError, TypeError):
        raise ApplicationError(
            "Unknown source.", fields={"source": [f"No source with id {value!r}."]}
        ) from None


def _build_links(claim: Claim, chain: Iterable[Mapping[str, Any]]) -> list[AttributionLink]:
    links = []
    for position, spec in enumerate(chain):
        source = _resolve_source(spec.get("source"))
        kind = spec.get("kind") or (source.kind if source else None)
        if not kind:
            raise ApplicationError(
                "Please correct the errors below.",
                fields={
                    f"chain[{position}].kind": ["Say what kind of source this link is (or choose a Source)."]
                },
            )
        link = AttributionLink(
            claim=claim,
            position=position,
            relation=spec.get("relation")
            or (LinkRelation.REPORTED_BY if position == 0 else LinkRelation.CITING),
            source_kind=kind,
            source=source,
            count=spec.get("count"),
            phrase=(spec.get("phrase") or "").strip(),
            quote=(spec.get("quote") or "").strip(),
        )
        _validate(link, prefix=f"chain[{position}].", exclude=["claim"])
        links.append(link)
    return links


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
    _validate(appearance, prefix=f"appearances[{index}].", exclude=["claim"])
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
    _validate(claim)
    # Build and check every child before writing anything.
    links = _build_links(claim, chain)
    built_appearances = [_build_appearance(claim, spec, i) for i, spec in enumerate(appearances)]
    claim.save()
    for link in links:
        link.claim = claim
    AttributionLink.objects.bulk_create(links)
    for appearance in built_appearances:
        appearance.claim = claim
    Appearance.objects.bulk_create(built_appearances)
    _set_entities(claim, entities)
    audit_record(claim=claim, actor=actor, action="claim_created", changes=_diff({}, _snapshot(claim)))
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
        rows.append(ClaimEntity(claim=claim, name=name, source=_resolve_source(spec.get("source"))))
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
    before = _snapshot(Claim.objects.get(pk=claim.pk))
    for name, value in fields.items():
        setattr(claim, name, value.strip() if isinstance(value, str) else value)
    _validate(claim)
    _bump_version(claim, seen_version=seen_version)
    claim.save(update_fields=[*fields, "updated_at"])
    changes = _diff(before, _snapshot(claim))
    if changes:
        audit_record(claim=claim, actor=actor, action="claim_changed", changes=changes)
    return claim


@transaction.atomic
def chain_set(
    *,
    claim: Claim,
    chain: Iterable[Mapping[str, Any]],
    actor: AbstractBaseUser | None,
    seen_version: int | None = None,
) -> list[AttributionLink]:
    """Replace a claim's whole attribution chain (outermost first). A rejected chain changes nothing."""
    before = claim.chain_display()
    links = _build_links(claim, chain)
    _bump_version(claim, seen_version=seen_version)
    claim.links.all().delete()
    AttributionLink.objects.bulk_create(links)
    after = Claim.objects.get(pk=claim.pk).chain_display()
    audit_record(claim=claim, actor=actor, action="chain_changed", changes={"chain": [before, after]})
    return links


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
    changes = _diff(before, claim_parts_snapshot(claim=claim))
    if not changes:
        return
    _bump_version(claim, seen_version=None)
    action = "chain_changed" if set(changes) == {"chain"} else "parts_changed"
    audit_record(claim=claim, actor=actor, action=action, changes=changes)


@transaction.atomic
def appearance_add(
    *,
    claim: Claim,
    article: Article,
    span_start: int | None,
    span_end: int | None,
    actor: AbstractBaseUser | None,
) -> Appearance:
    appearance = _build_appearance(
        claim, {"article": article, "span_start": span_start, "span_end": span_end}, 0
    )
    appearance.save()
    _bump_version(claim, seen_version=None)
    audit_record(
        claim=claim,
        actor=actor,
        action="appearance_added",
        changes={"appearance": [None, f"{article.url} [{span_start}:{span_end}]"]},
    )
    return appearance


@transaction.atomic
def evidence_upsert(
    *,
    claim: Claim,
    article: Article,
    stance: str = Stance.MENTIONS,
    independence: str = Independence.UNKNOWN,
    origin: Source | None = None,
    passage_start: int | None = None,
    passage_end: int | None = None,
    scores: Mapping[str, float] | None = None,
    component: str = "",
    component_version: str = "",
    actor: AbstractBaseUser | None = None,
) -> Evidence:
    """Link an article to a claim as evidence, or update the link. Safe to run twice.

    A machine (`component` given) never overrides a person: once a reviewer accepted or rejected a
    link, a matcher's re-run leaves it alone, so a rejected link is not proposed again.
    """
    if not component and actor is None:
        raise ApplicationError("Evidence records who decided it: a component or a person.")
    existing = Evidence.objects.select_for_update().filter(claim=claim, article=article).first()
    if existing is not None and component and existing.review_state != ReviewState.PROPOSED:
        return existing
    evidence = existing or Evidence(claim=claim, article=article)
    evidence.stance = stance
    evidence.independence = independence
    evidence.origin = origin
    evidence.passage_start, evidence.passage_end = passage_start, passage_end
    evidence.passage = article.text[passage_start:passage_end] if passage_start is not None else ""
    evidence.scores = dict(scores or {})
    evidence.component, evidence.component_version = component, component_version
    evidence.decided_by = actor if not component else None
    evidence.decided_at = timezone.now()
    if not component:
        evidence.review_state = ReviewState.ACCEPTED
    _validate(evidence, exclude=["claim", "article"])
    evidence.save()
    return evidence


@transaction.atomic
def evidence_review(*, evidence: Evidence, accept: bool, actor: AbstractBaseUser) -> Evidence:
    """A person accepts or rejects a proposed evidence link; the decision is theirs from now on."""
    if not actor.has_perm("claims.change_evidence"):
        raise NotAllowed("Only editors and reviewers can accept or reject evidence.")
    evidence.review_state = ReviewState.ACCEPTED if accept else ReviewState.REJECTED
    evidence.decided_by = actor
    evidence.decided_at = timezone.now()
    evidence.save(update_fields=["review_state", "decided_by", "decided_at"])
    audit_record(
        claim=evidence.claim,
        actor=actor,
        action="evidence_accepted" if accept else "evidence_rejected",
        changes={"evidence": [None, evidence.article.url]},
    )
    return evidence


def verdict_record(
    *,
    claim: Claim,
    status: str,
    rationale: str,
    reviewer: AbstractBaseUser,
    seen_version: int,
    evidence: Iterable[Evidence] = (),
) -> Verdict:
    """Record a reviewer's verdict on the claim version they saw.

    When two reviewers act on the same version, the first to commit wins; the other gets a
    ConflictError carrying the claim as it now is, and nothing of theirs is written.
    """
    if status not in ClaimStatus.values:
        raise ApplicationError(
            "Unknown status.",
            fields={"status": [f"{status!r} is not a status; use one of: {', '.join(ClaimStatus.values)}."]},
        )
    if reviewer is None or not reviewer.has_perm("claims.add_verdict"):
        raise NotAllowed("Only reviewers can record verdicts.")
    rationale = (rationale or "").strip()
    if status in DECIDED_STATUSES and not rationale:
        raise ApplicationError(
            "A decision needs a rationale.",
            fields={
                "rationale": [f"Say why the claim is {ClaimStatus(status).label.lower()}: what it rests on."]
            },
        )
    evidence = list(evidence)
    foreign = [e.pk for e in evidence if e.claim_id != claim.pk]
    if foreign:
        raise ApplicationError(
            "Evidence belongs to another claim.",
            fields={"evidence": [f"Evidence {foreign} is not about this claim."]},
        )
    with transaction.atomic():
        now = timezone.now()
        updated = Claim.objects.filter(pk=claim.pk, version=seen_version).update(
            status=status, version=F("version") + 1, updated_at=now
        )
        if updated != 1:
            current = Claim.objects.get(pk=claim.pk)
            raise ConflictError(
                f"Someone else changed this claim since you saw it (you saw version {seen_version}; it is now "
                f"version {current.version}, status {current.get_status_display()}). Your verdict was not "
                f"recorded: reload the claim and decide again.",
                current=current,
            )
        verdict = Verdict.objects.create(
            claim=claim,
            status=status,
            rationale=rationale,
            reviewer=reviewer,
            claim_version=seen_version,
            created_at=now,
        )
        verdict.evidence.set(evidence)
        Claim.objects.filter(pk=claim.pk).update(current_verdict=verdict)
        audit_record(
            claim=claim,
            actor=reviewer,
            action="verdict_recorded",
            changes={"status": [claim.status, status], "rationale": [None, rationale]},
        )
    claim.refresh_from_db()
    return verdict


def corroboration_queue(*, claims: Iterable[Claim], actor: AbstractBaseUser | None) -> int:
    """Send each claim to the corroboration workers once the current transaction commits."""
    from .tasks import corroborate_claim

    if actor is not None and not actor.has_perm("claims.queue_corroboration"):
        raise NotAllowed("You may not queue corroboration runs.")
    ids = [claim.pk for claim in claims]
    for claim_id in ids:
        transaction.on_commit(lambda claim_id=claim_id: corroborate_claim.delay(claim_id))
    return len(ids)
