"""API keys: create (the secret is shown once) and revoke."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from claims.errors import ApplicationError

from .models import ApiKey, ApiScope, api_key_hash

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
