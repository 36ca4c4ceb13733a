"""Write paths for claims. The admin, the API, management commands and tasks all call these.

Every function is keyword-only, runs in one transaction (nothing half-saved), bumps the claim's
version on every change and writes an audit entry saying who changed what.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from sources.models import Article, Source, SourceKind

from .errors import ApplicationError, ConflictError, NotAllowed
from .models import (
    DECIDED_STATUSES,
    ApiKey,
    ApiScope,
    Appearance,
    AttributionLink,
    AuditEntry,
    ChangeCounter,
    ChangeEntry,
    ChangeKind,
    Claim,
    ClaimEntity,
    ClaimKind,
    ClaimStatus,
    Evidence,
    ImportedReview,
    Independence,
    LinkRelation,
    ReviewState,
    Stance,
    Verdict,
    api_key_hash,
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
    entry = AuditEntry.objects.create(
        claim=claim,
        claim_label=str(claim)[:100],
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes,
        at=timezone.now(),
    )
    # Every service ends by auditing, so this is the one place that also feeds /api/v1/changes/.
    change_record(claim_id=claim.pk, action=action, at=entry.at)
    return entry


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


# --- The changes feed (issue 3) ---------------------------------------------------------------------

CHANGE_KINDS = {
    "chain_changed": ChangeKind.CHAIN,
    "verdict_recorded": ChangeKind.VERDICT,
    "verdict_imported": ChangeKind.VERDICT,
    "evidence_accepted": ChangeKind.EVIDENCE,
    "evidence_rejected": ChangeKind.EVIDENCE,
}


def _next_change_seq() -> int:
    """Take the next change number, holding the counter's row lock until this transaction ends.

    Whoever takes number N+1 waits until the holder of N has committed (or rolled back, which gives
    N back), so numbers become visible in order and a reader paging by number never skips one that
    commits later. SQLite serialises writers anyway; the same statement is correct there.
    Services take it last (through audit_record): holding it while locking another claim could
    deadlock with a writer that locked that claim first.
    """
    table = connection.ops.quote_name(ChangeCounter._meta.db_table)
    sql = f"UPDATE {table} SET value = value + 1 WHERE id = 1 RETURNING value"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
        if row is None:  # a flushed test database has no counter row yet
            ChangeCounter.objects.get_or_create(pk=1, defaults={"value": 0})
            cursor.execute(sql)
            row = cursor.fetchone()
    return row[0]


@transaction.atomic
def change_record(*, claim_id: int, action: str, at: datetime | None = None) -> ChangeEntry:
    seq = _next_change_seq()
    version = Claim.objects.filter(pk=claim_id).values_list("version", flat=True).first()
    return ChangeEntry.objects.create(
        seq=seq,
        claim_id_ref=claim_id,
        kind=CHANGE_KINDS.get(action, ChangeKind.CLAIM),
        action=action,
        claim_version=version,
        at=at or timezone.now(),
    )


# --- Verdicts from other fact-checkers (issue 3) ----------------------------------------------------


@transaction.atomic
def verdict_import(
    *,
    claim: Claim,
    status: str,
    rationale: str,
    organisation: Source,
    reviewed_at: datetime,
    actor: AbstractBaseUser | None = None,
) -> Verdict:
    """Record a verdict another fact-checking organisation published (a ClaimReview).

    It is attributed to the organisation, not to a reviewer here, and is "as of" its publication
    time: it becomes current only if nothing later was decided on the claim.
    """
    if status not in DECIDED_STATUSES:
        raise ApplicationError(
            "Unknown status.", fields={"status": [f"{status!r} is not a decision this desk records."]}
        )
    rationale = (rationale or "").strip()
    if not rationale:
        raise ApplicationError(
            "A decision needs a rationale.", fields={"rationale": ["Say what it rests on."]}
        )
    seen = Claim.objects.values_list("version", flat=True).get(pk=claim.pk)
    _bump_version(claim, seen_version=None)
    verdict = Verdict.objects.create(
        claim=claim,
        status=status,
        rationale=rationale,
        reviewer=None,
        organisation=organisation,
        claim_version=seen,
        created_at=reviewed_at,
    )
    current = Verdict.objects.filter(claim=claim).order_by("-created_at", "-id").first()
    Claim.objects.filter(pk=claim.pk).update(status=current.status, current_verdict=current)
    previous = claim.status
    claim.refresh_from_db()
    audit_record(
        claim=claim,
        actor=actor,
        action="verdict_imported",
        changes={"status": [previous, claim.status], "organisation": [None, organisation.name]},
    )
    return verdict


# --- API keys (issue 3) -----------------------------------------------------------------------------

API_SCOPE_PERMISSIONS = {ApiScope.EDIT: "claims.add_claim", ApiScope.REVIEW: "claims.add_verdict"}


def api_key_create(*, name: str, scope: str, user: AbstractBaseUser | None = None) -> tuple[ApiKey, str]:
    """Create a key; returns it with the raw secret, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError("Name the key.", fields={"name": ["Say who or what will use it."]})
    if scope not in ApiScope.values:
        raise ApplicationError(
            "Unknown scope.", fields={"scope": [f"Use one of: {', '.join(ApiScope.values)}."]}
        )
    needed = API_SCOPE_PERMISSIONS.get(scope)
    if needed and user is None:
        raise ApplicationError(
            "Edit and review keys act for a person.", fields={"user": ["Name the user the key acts for."]}
        )
    if needed and not user.has_perm(needed):
        raise ApplicationError(
            "That user may not do this.",
            fields={
                "user": [f"{user.get_username()} lacks the permission {needed} that a {scope} key needs."]
            },
        )
    prefix, raw = ApiKey.new_raw_key()
    key = ApiKey.objects.create(name=name, scope=scope, user=user, prefix=prefix, key_hash=api_key_hash(raw))
    return key, raw


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


# --- ClaimReview import (issue 3) -------------------------------------------------------------------


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
    found = Source.objects.matching_alias(party.name).filter(kind__in=kinds).order_by("pk").first()
    if found is not None:
        return found
    return Source.objects.create(
        kind=party.kind if party.kind in kinds else kinds[0], name=party.name, role=party.role
    )


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
        article, _ = Article.objects.get_or_create(
            url=spec["url"], defaults={"title": spec["headline"], "published_at": spec["published_at"]}
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


def claimreview_import(*, data: bytes, actor: AbstractBaseUser | None = None) -> ImportReport:
    """Import every ClaimReview in an HTML page or JSON document; safe to run twice.

    Each review is its own transaction, so one that breaks a rule is reported and the rest import.
    A review seen before changes nothing unless its rating changed, which adds a verdict.
    """
    from .claimreview import claimreview_parse

    reviews, problems = claimreview_parse(data)
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
