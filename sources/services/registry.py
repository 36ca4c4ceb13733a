"""The source registry: one way to find or create a Source, and the outlet a URL belongs to."""

from collections.abc import Iterable

from ..models import (
    OutletDomain,
    Source,
    SourceAlias,
    SourceKind,
    normalize_name,
)
from ..urls import url_host

# --- feeds -----------------------------------------------------------------------------------------


def source_get_or_create(
    *,
    name: str,
    kind: str,
    role: str = "",
    affiliation: Source | None = None,
    reliability: str = "",
    aliases: Iterable[str | tuple[str, str]] = (),
    match_kinds: Iterable[str] = (),
) -> tuple[Source, bool]:
    """The one way a Source is found or created outside the admin. Returns (source, created).

    Found by name or any alias (case- and script-form-insensitively) among sources of `kind`, or
    of any of `match_kinds` when given (e.g. an outlet named as a fact-checking organisation);
    the oldest match wins. Otherwise created with `kind`, `role`, `affiliation` and `reliability`.
    `aliases` (names, or (name, language) pairs) are added to the source either way, unless it
    already has them as aliases.
    """
    name = name.strip()[:300]
    kinds = list(match_kinds) or [kind]
    source = Source.objects.matching_alias(name).filter(kind__in=kinds).order_by("pk").first()
    created = source is None
    if created:
        source = Source.objects.create(
            kind=kind, name=name, role=role[:300], affiliation=affiliation, reliability=reliability
        )
    for alias in aliases:
        alias_name, language = (alias, "") if isinstance(alias, str) else alias
        alias_name = alias_name.strip()[:300]
        if alias_name and not source.aliases.filter(normalized=normalize_name(alias_name)).exists():
            SourceAlias.objects.create(source=source, name=alias_name, language=language)
    return source, created


def outlet_get_or_create(*, name: str) -> Source:
    """The outlet called `name` (by name or alias), created if the desk has not registered it yet."""
    return source_get_or_create(name=name, kind=SourceKind.OUTLET)[0]


def outlet_for_url(url: str) -> Source | None:
    """The outlet whose registered domain is the URL's host or a parent of it (longest match)."""
    host = url_host(url)
    labels = host.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    match = OutletDomain.objects.filter(domain__in=candidates).select_related("source")
    best = max(match, key=lambda d: len(d.domain), default=None)
    return best.source if best else None
