"""The source registry: one way to find or create a Source, and the outlet a URL belongs to.

`source_resolve` is how a name in an attribution chain becomes a Source (exact name first, then an
alias, the link's own kind before any other; created when new) and says how it was found, so the
caller can audit it. The desk's own writes (`source_create`, `source_update`, `alias_add`,
`alias_remove`, `registry_import`) refuse a second source of the same kind under a name or alias
that already belongs to one (compared folded: case, script form and spacing do not count).
"""

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from ..errors import RegistryError
from ..models import (
    OutletDomain,
    Reliability,
    Source,
    SourceAlias,
    SourceKind,
    normalize_name,
)
from ..urls import url_host

# What a person or an unnamed group may be affiliated with.
AFFILIATION_KINDS = (SourceKind.ORGANISATION, SourceKind.OUTLET)

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


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def outlet_for_page(*, url: str, site_name: str = "") -> Source | None:
    """The outlet of a page whose host no outlet has registered: the outlet the page names itself
    (`og:site_name`, the publisher in its metadata), else one named by the host; the host is
    registered to it, so the site's other pages find it by domain. A page cannot take over a
    registered outlet: a name that belongs to an outlet with domains of its own (a page on
    ft-news.example calling itself "Financial Times") gives the host-named outlet instead.
    A bare IP address is no site (one server may host several): such a page is named only by its
    metadata, and nothing is registered. None when there is nothing to name it by."""
    host = url_host(url)
    if not host:
        return None
    known = outlet_for_url(url)
    if known is not None:
        return known
    name = " ".join(site_name.split())[:300]
    if name:
        claimed = Source.objects.matching_alias(name).filter(kind=SourceKind.OUTLET).order_by("pk").first()
        if claimed is not None and claimed.domains.exists():
            name = ""  # someone else's name: trust the host, not the page
    if _is_address(host) or "." not in host:
        return source_get_or_create(name=name, kind=SourceKind.OUTLET)[0] if name else None
    outlet = source_get_or_create(name=name or host, kind=SourceKind.OUTLET)[0]
    try:
        with transaction.atomic():
            OutletDomain.objects.get_or_create(domain=host, defaults={"source": outlet})
    except IntegrityError:  # another worker registered the host a moment ago: theirs stands
        pass
    return outlet_for_url(url) or outlet


# --- resolving names (attribution chains, imports) ------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """How a name given for a source became one: matched by id, by its name, by an alias, or created."""

    source: Source
    how: str  # "id", "name", "alias" or "created"
    asked: str = ""

    @property
    def created(self) -> bool:
        return self.how == "created"

    def audit(self) -> dict:
        return {
            "asked": self.asked,
            "how": self.how,
            "source": self.source.pk,
            "name": self.source.name,
            "kind": self.source.kind,
        }


def source_match(
    *, name: str, kind: str | None = None, kinds: Iterable[str] = ()
) -> tuple[Source, str] | None:
    """The registry's best match for `name`: (source, "name" | "alias"), or None.

    A source of `kind` beats one of another kind, then an exact (folded) name beats an alias, then
    the oldest wins. `kinds`, when given, limits the match to those kinds.
    """
    key = normalize_name(name)
    if not key:
        return None
    candidates = Source.objects.filter(Q(normalized_name=key) | Q(aliases__normalized=key)).distinct()
    kinds = list(kinds)
    if kinds:
        candidates = candidates.filter(kind__in=kinds)
    ranked = sorted(
        candidates.order_by("pk")[:50],
        key=lambda s: (kind is not None and s.kind != kind, s.normalized_name != key, s.pk),
    )
    if not ranked:
        return None
    best = ranked[0]
    return best, "name" if best.normalized_name == key else "alias"


def _check_kind(kind: str, field: str) -> None:
    if kind not in SourceKind.values:
        raise RegistryError(
            "Unknown source kind.", fields={field: [f"Use one of: {', '.join(SourceKind.values)}."]}
        )


def affiliation_resolve(
    value: "Source | int | str | None", *, field: str = "affiliation"
) -> Resolution | None:
    """An affiliation given as a Source, an id or a name (an organisation, created when new)."""
    if value is None or value == "":
        return None
    if isinstance(value, Source):
        source, how = value, "id"
    elif isinstance(value, int) and not isinstance(value, bool):
        source = Source.objects.filter(pk=value).first()
        if source is None:
            raise RegistryError("Unknown affiliation.", fields={field: [f"No source with id {value}."]})
        how = "id"
    elif isinstance(value, str) and value.strip():
        return source_resolve(name=value, kind=SourceKind.ORGANISATION, field=field, kinds=AFFILIATION_KINDS)
    else:
        raise RegistryError(
            "Unknown affiliation.", fields={field: ["Give the id or the name of an organisation or outlet."]}
        )
    if source.kind not in AFFILIATION_KINDS:
        raise RegistryError(
            "Wrong kind of affiliation.",
            fields={
                field: [
                    f"{source.name} is a {source.get_kind_display().lower()}; affiliate with an organisation or outlet."
                ]
            },
        )
    return Resolution(source, how, asked=source.name)


@transaction.atomic
def source_resolve(
    *,
    name: str,
    kind: str,
    role: str = "",
    affiliation: "Source | int | str | None" = None,
    field: str = "name",
    kinds: Iterable[str] = (),
) -> Resolution:
    """The Source a chain link or an import names, created when the registry does not know it yet.

    Matched on the folded name or any alias (the exact name first, `kind` before other kinds), so
    "FT" finds the Financial Times and "Reuters" named as an organisation finds the outlet: the
    registry's own kind then wins over the one guessed from the text. `kinds`, when given, limits
    the match to those kinds. `role` and `affiliation` are used only when a source is created;
    an existing source is never changed here. Errors name `field`.
    """
    _check_kind(kind, f"{field}.kind" if field != "name" else "kind")
    name = (name or "").strip()[:300]
    if not name:
        raise RegistryError("A source needs a name.", fields={field: ["Give the source's name."]})
    found = source_match(name=name, kind=kind, kinds=kinds)
    if found is not None:
        return Resolution(found[0], found[1], asked=name)
    linked = affiliation_resolve(affiliation, field=f"{field}.affiliation") if affiliation else None
    source, _ = source_get_or_create(
        name=name, kind=kind, role=role, affiliation=linked.source if linked else None
    )
    return Resolution(source, "created", asked=name)


# --- the desk's registry writes ------------------------------------------------------------------------


def source_clash(*, name: str, kind: str, exclude: Source | None = None) -> str | None:
    """Why `name` cannot be (another) source of `kind`, or None: for forms that check before saving."""
    other = _clash(name, kind, exclude=exclude)
    return _clash_message(name, other) if other is not None else None


def _clash(name: str, kind: str, *, exclude: Source | None = None) -> Source | None:
    """A source of `kind` (other than `exclude`) whose folded name or alias is `name`'s."""
    key = normalize_name(name)
    if not key:
        return None
    queryset = Source.objects.filter(kind=kind).filter(Q(normalized_name=key) | Q(aliases__normalized=key))
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.order_by("pk").first()


def _clash_message(name: str, other: Source) -> str:
    return (
        f"“{name}” is already in the registry: {other.name} (#{other.pk}, {other.get_kind_display().lower()}). "
        "Edit that source or add an alias to it instead."
    )


def _validate(source: Source) -> None:
    try:
        source.full_clean(exclude=["affiliation"], validate_constraints=False)
    except ValidationError as exc:
        fields = {name: [m for e in errs for m in e.messages] for name, errs in exc.error_dict.items()}
        raise RegistryError("Please correct the errors below.", fields=fields) from exc


def _aliases(values: Iterable[str | tuple[str, str] | dict]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        if isinstance(value, str):
            name, language = value, ""
        elif isinstance(value, dict):
            name, language = value.get("name") or "", value.get("language") or ""
        else:
            name, language = value
        name = " ".join(str(name).split())
        if name:
            out.append((name[:300], str(language).strip()[:12]))
    return out


@transaction.atomic
def source_create(
    *,
    kind: str,
    name: str,
    role: str = "",
    affiliation: "Source | int | str | None" = None,
    reliability: str = "",
    description: str = "",
    aliases: Iterable[str | tuple[str, str] | dict] = (),
) -> Source:
    """Register a person, organisation, outlet or unnamed group, with its aliases.

    A name or alias already belonging to a source of the same kind is refused (a field error naming
    that source), so the desk edits the one source instead of growing a second.
    """
    _check_kind(kind, "kind")
    name = " ".join((name or "").split())
    if not name:
        raise RegistryError("A source needs a name.", fields={"name": ["Give the source's name."]})
    other = _clash(name, kind)
    if other is not None:
        raise RegistryError(
            "This source is already registered.", fields={"name": [_clash_message(name, other)]}
        )
    if reliability not in ("", *Reliability.values):
        raise RegistryError("Unknown grade.", fields={"reliability": ["An Admiralty grade A–F, or empty."]})
    linked = affiliation_resolve(affiliation)
    source = Source(
        kind=kind,
        name=name,
        role=(role or "").strip(),
        affiliation=linked.source if linked else None,
        reliability=reliability,
        description=(description or "").strip(),
    )
    _validate(source)
    source.save()
    for alias_name, language in _aliases(aliases):
        alias_add(source=source, name=alias_name, language=language, quiet=True)
    return source


UPDATABLE = ("kind", "name", "role", "affiliation", "reliability", "description")


@transaction.atomic
def source_update(*, source: Source, **changes) -> Source:
    """Change a source's own fields (any of UPDATABLE); the same duplicate rule as `source_create`."""
    unknown = sorted(set(changes) - set(UPDATABLE))
    if unknown:
        raise RegistryError(
            "Unknown fields.", fields={name: ["Not a field of a source."] for name in unknown}
        )
    source = Source.objects.select_for_update().get(pk=source.pk)
    if "kind" in changes:
        _check_kind(changes["kind"], "kind")
        source.kind = changes["kind"]
    if "name" in changes:
        source.name = " ".join((changes["name"] or "").split())
        if not source.name:
            raise RegistryError("A source needs a name.", fields={"name": ["Give the source's name."]})
    if "role" in changes:
        source.role = (changes["role"] or "").strip()
    if "reliability" in changes:
        if changes["reliability"] not in ("", *Reliability.values):
            raise RegistryError(
                "Unknown grade.", fields={"reliability": ["An Admiralty grade A–F, or empty."]}
            )
        source.reliability = changes["reliability"]
    if "description" in changes:
        source.description = (changes["description"] or "").strip()
    if "affiliation" in changes:
        linked = affiliation_resolve(changes["affiliation"])
        if linked is not None and linked.source.pk == source.pk:
            raise RegistryError(
                "Please correct the errors below.",
                fields={"affiliation": ["A source cannot be affiliated with itself."]},
            )
        source.affiliation = linked.source if linked else None
    for name in [source.name, *source.aliases.values_list("name", flat=True)]:
        other = _clash(name, source.kind, exclude=source)
        if other is not None:
            field = "name" if name == source.name else "aliases"
            raise RegistryError(
                "This source is already registered.", fields={field: [_clash_message(name, other)]}
            )
    _validate(source)
    source.save()
    return source


@transaction.atomic
def alias_add(*, source: Source, name: str, language: str = "", quiet: bool = False) -> SourceAlias:
    """Another name for `source`. Refused when it is already its name or alias (unless `quiet`: then
    the existing alias is returned) or belongs to another source of the same kind."""
    name = " ".join((name or "").split())[:300]
    language = (language or "").strip()[:12]
    if not name:
        raise RegistryError("An alias needs a name.", fields={"name": ["Give the alias."]})
    key = normalize_name(name)
    mine = source.aliases.filter(normalized=key).first()
    if mine is not None or source.normalized_name == key:
        if quiet:
            return mine
        already = "its name" if mine is None else "already one of its aliases"
        raise RegistryError("Nothing to add.", fields={"name": [f"“{name}” is {already} ({source.name})."]})
    other = _clash(name, source.kind, exclude=source)
    if other is not None:
        raise RegistryError(
            "This alias belongs to another source.", fields={"name": [_clash_message(name, other)]}
        )
    return SourceAlias.objects.create(source=source, name=name, language=language)


@transaction.atomic
def alias_remove(*, alias: SourceAlias) -> None:
    alias.delete()


@transaction.atomic
def outlet_domain_add(*, source: Source, domain: str) -> OutletDomain:
    """A web domain `source` (an outlet) publishes on; a domain belongs to one outlet."""
    domain = (domain or "").strip().lower().removeprefix("www.").rstrip(".")
    if not domain or "." not in domain or any(c in domain for c in "/: @"):
        raise RegistryError("Not a domain.", fields={"domains": [f"“{domain}” is not a domain like ft.com."]})
    if source.kind != SourceKind.OUTLET:
        raise RegistryError(
            "Only outlets have domains.", fields={"domains": [f"{source.name} is not an outlet."]}
        )
    existing = OutletDomain.objects.filter(domain=domain).select_related("source").first()
    if existing is not None:
        if existing.source_id == source.pk:
            return existing
        raise RegistryError(
            "This domain belongs to another outlet.",
            fields={
                "domains": [f"{domain} is registered to {existing.source.name} (#{existing.source_id})."]
            },
        )
    return OutletDomain.objects.create(source=source, domain=domain)


# --- bulk import ------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """What became of one row of an import: created, merged (into an existing source), unchanged or failed."""

    line: int
    status: str
    name: str
    source_id: int | None = None
    message: str = ""


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise RegistryError("Bad value.", fields={key: ["Give it as text."]})
    return " ".join(str(value).split())


def _list(row: dict, key: str) -> list:
    value = row.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        # CSV cells: "FT|Файнэншл таймс@ru" (an optional @language after each alias).
        items = []
        for part in value.split("|"):
            name, _, language = part.rpartition("@") if "@" in part else (part, "", "")
            items.append({"name": name, "language": language} if key == "aliases" else part)
        return items
    if isinstance(value, list):
        return value
    raise RegistryError("Bad value.", fields={key: ["Give a list (JSON) or names separated by | (CSV)."]})


def _import_one(row: dict) -> tuple[str, Source, list[str]]:
    """Create the row's source, or merge it into the source of its kind that has its name or an alias:
    new aliases and domains are added, empty fields filled; nothing the desk set is overwritten."""
    if not isinstance(row, dict):
        raise RegistryError("Each row is an object with kind and name.")
    known = {"kind", "name", "role", "affiliation", "aliases", "reliability", "description", "domains"}
    unknown = sorted(k for k in row if k not in known)
    if unknown:
        raise RegistryError("Unknown columns.", fields={k: ["Not a registry field."] for k in unknown})
    kind = _text(row, "kind").lower()
    kind = {"org": SourceKind.ORGANISATION, "organization": SourceKind.ORGANISATION}.get(kind, kind)
    _check_kind(kind, "kind")
    name = _text(row, "name")
    if not name:
        raise RegistryError("A source needs a name.", fields={"name": ["Give the source's name."]})
    aliases = _aliases(_list(row, "aliases"))
    domains = [str(d) for d in _list(row, "domains")]
    notes: list[str] = []
    existing = _clash(name, kind)
    if existing is None:
        for alias_name, _ in aliases:
            existing = _clash(alias_name, kind)
            if existing is not None:
                break
    if existing is None:
        source = source_create(
            kind=kind,
            name=name,
            role=_text(row, "role"),
            affiliation=_text(row, "affiliation") or None,
            reliability=_text(row, "reliability").upper(),
            description=_text(row, "description"),
            aliases=aliases,
        )
        status = "created"
    else:
        source, status = existing, "unchanged"
        fill = {}
        for field in ("role", "reliability", "description"):
            value = _text(row, field)
            value = value.upper() if field == "reliability" else value
            if value and not getattr(source, field):
                fill[field] = value
        if _text(row, "affiliation") and source.affiliation_id is None:
            fill["affiliation"] = _text(row, "affiliation")
        if fill:
            source = source_update(source=source, **fill)
            status = "merged"
        for alias_name, language in [(name, ""), *aliases]:
            key = normalize_name(alias_name)
            if key == source.normalized_name or source.aliases.filter(normalized=key).exists():
                continue
            try:
                alias_add(source=source, name=alias_name, language=language)
                status = "merged"
            except RegistryError as exc:
                notes.extend(m for msgs in exc.fields.values() for m in msgs)
    for domain in domains:
        before = source.domains.count()
        outlet_domain_add(source=source, domain=domain)
        if status == "unchanged" and source.domains.count() != before:
            status = "merged"
    return status, source, notes


def registry_import(rows: Iterable[dict]) -> list[ImportRow]:
    """Add many sources at once (CSV or JSON lines, see `manage.py registry import`).

    Each row is its own transaction: a bad row is reported failed with the reason and the rest goes
    on (a row the caller could not read is given as the reason, a str). A row naming a source already
    registered (same kind, by folded name or alias) is merged into it, so importing the same file
    twice changes nothing.
    """
    report = []
    for line, row in enumerate(rows, start=1):
        if isinstance(row, str):
            report.append(ImportRow(line, "failed", "", None, row))
            continue
        name = str(row.get("name") or "") if isinstance(row, dict) else ""
        try:
            with transaction.atomic():
                status, source, notes = _import_one(row)
            report.append(ImportRow(line, status, source.name, source.pk, " ".join(notes)))
        except RegistryError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            report.append(ImportRow(line, "failed", name, None, details or exc.message))
    return report
