"""Attribution chains: build and validate links, replace a claim's chain."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..errors import ApplicationError
from ..models import AttributionLink, Claim, LinkRelation
from .audit import audit_record
from .common import bump_version, resolve_source, validate
from .summary import summary_refresh_later

# The longest real chains are five or six links (outlet, cited outlet, agency, person, document); a
# limit keeps a pasted or generated chain of thousands of links from every page that shows the claim.
MAX_CHAIN_LINKS = 30


def build_links(claim: Claim, chain: Iterable[Mapping[str, Any]]) -> list[AttributionLink]:
    chain = list(chain)
    if len(chain) > MAX_CHAIN_LINKS:
        raise ApplicationError(
            "Please correct the errors below.",
            fields={"chain": [f"A chain has at most {MAX_CHAIN_LINKS} links; this one has {len(chain):,}."]},
        )
    links = []
    for position, spec in enumerate(chain):
        source = resolve_source(spec.get("source"))
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
        validate(link, prefix=f"chain[{position}].", exclude=["claim"])
        links.append(link)
    return links


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
    links = build_links(claim, chain)
    bump_version(claim, seen_version=seen_version)
    claim.links.all().delete()
    AttributionLink.objects.bulk_create(links)
    after = Claim.objects.get(pk=claim.pk).chain_display()
    audit_record(claim=claim, actor=actor, action="chain_changed", changes={"chain": [before, after]})
    summary_refresh_later(claim_ids=[claim.pk])
    return links
