"""What every claims write shares: validation into field errors, the version compare-and-swap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from sources.models import Source

from ..errors import ApplicationError, ConflictError
from ..models import Claim


def fields_of(error: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            f"{prefix}{name}": [m for e in errs for m in e.messages]
            for name, errs in error.error_dict.items()
        }
    return {f"{prefix}__all__" if prefix else "__all__": list(error.messages)}


def validate(instance, *, prefix: str = "", exclude: Sequence[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError("Please correct the errors below.", fields=fields_of(exc, prefix)) from exc


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def bump_version(claim: Claim, *, seen_version: int | None) -> None:
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


def resolve_source(value: Source | int | None) -> Source | None:
    if value is None or isinstance(value, Source):
        return value
    try:
        return Source.objects.get(pk=value)
    except (Source.DoesNotExist, ValueError, TypeError):
        raise ApplicationError(
            "Unknown source.", fields={"source": [f"No source with id {value!r}."]}
        ) from None
