"""Attribution chains: build and validate links, replace a claim's chain.

A link, as the API, the extractor and the admin's proposals all give it (one wire shape):

    {"relation"?, "kind"?, "source": <id> | {"id": <id>} | {"name", "kind"?, "role"?, "affiliation"?} | null,
     "count"?, "role"?, "phrase"?, "quote"?}

A source given by id must exist. A source given by name goes through the registry
(`sources.services.source_resolve`: exact name, then alias, the link's kind first; created when new),
and the registry's kind wins over the link's; how each name was resolved is written to the audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from sources.errors import RegistryError
from sources.models import Source
from sources.services import Resolution, source_resolve

from ..errors import ApplicationError
from ..models import AttributionLink, Claim, LinkRelation
from .audit import audit_record
from .common import bump_version, validate
from .summary import summary_refresh_later

# The longest real chains are five or six links (outlet, cited outlet, agency, person, document); a
# limit keeps a pasted or generated chain of thousands of links from every page that shows the claim.
MAX_CHAIN_LINKS = 30


def _by_id(value: Any, field: str) -> Source:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApplicationError("Unknown source.", fields={field: ["A source id is a whole number."]})
    source = Source.objects.filter(pk=value).first() if 0 < value < 2**63 else None
    if source is None:
        raise ApplicationError("Unknown source.", fields={field: [f"No source with id {value!r}."]})
    return source


def link_source(spec: Mapping[str, Any], position: int) -> tuple[Source | None, Resolution | None]:
    """The Source a link names, and how a name was resolved (None for an id, a Source or no source)."""
    value = spec.get("source")
    field = f"chain[{position}].source"
    if value is None or isinstance(value, Source):
        return value, None
    if not isinstance(value, Mapping):
        return _by_id(value, field), None
    if value.get("id") is not None:
        return _by_id(value["id"], f"{field}.id"), None
    kind = value.get("kind") or spec.get("kind")
    if not kind:
        raise ApplicationError(
            "Please correct the errors below.",
            fields={f"chain[{position}].kind": ["Say what kind of source this link names."]},
        )
    try:
        resolution = source_resolve(
            name=str(value.get("name") or ""),
            kind=kind,
            role=str(value.get("role") or spec.get("role") or ""),
            affiliation=value.get("affiliation"),
            field="source",
        )
    except RegistryError as exc:
        raise ApplicationError(
            exc.message, fields={f"chain[{position}].{name}": msgs for name, msgs in exc.fields.items()}
        ) from exc
    return resolution.source, resolution


def resolutions_audit(resolutions: list[tuple[int, Resolution]]) -> list[str]:
    """How the chain's names became sources, one line each, for the audit entry."""
    return [
        f"chain[{position}] “{r.asked}”: {'created' if r.created else 'matched by ' + r.how} "
        f"{r.source.get_kind_display().lower()} {r.source.name} (#{r.source.pk})"
        for position, r in resolutions
    ]


def build_links(
    claim: Claim,
    chain: Iterable[Mapping[str, Any]],
    resolutions: list[tuple[int, Resolution]] | None = None,
) -> list[AttributionLink]:
    """Links for `chain` (outermost first), checked; names are resolved through the registry and
    each resolution is appended to `resolutions` as (position, resolution)."""
    chain = list(chain)
    if len(chain) > MAX_CHAIN_LINKS:
        raise ApplicationError(
            "Please correct the errors below.",
            fields={"chain": [f"A chain has at most {MAX_CHAIN_LINKS} links; this one has {len(chain):,}."]},
        )
    links = []
    for position, spec in enumerate(chain):
        source, resolution = link_source(spec, position)
        if resolution is not None and resolutions is not None:
            resolutions.append((position, resolution))
        kind = spec.get("kind") or (source.kind if source else None)
        if resolution is not None:
            kind = source.kind  # the registry knows better than a guess from the text
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
            role=(spec.get("role") or "").strip(),
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
    resolutions: list[tuple[int, Resolution]] = []
    links = build_links(claim, chain, resolutions)
    bump_version(claim, seen_version=seen_version)
    claim.links.all().delete()
    AttributionLink.objects.bulk_create(links)
    after = Claim.objects.get(pk=claim.pk).chain_display()
    changes = {"chain": [before, after]}
    if resolutions:
        changes["sources_resolved"] = [None, resolutions_audit(resolutions)]
    audit_record(claim=claim, actor=actor, action="chain_changed", changes=changes)
    summary_refresh_later(claim_ids=[claim.pk])
    return links
