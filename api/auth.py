"""Who is calling: API keys (hashed, scoped, revocable), what each scope may do, and throttles."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from .models import ApiKey, ApiScope
from .services import API_SCOPE_PERMISSIONS

# last_used_at is for the admin list, not an audit log: one write a minute per key is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer ct_xxxxxxxx_...`. No header: anonymous. A bad or revoked key: 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").strip()
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() not in {"bearer", "api-key"} or not raw.strip():
            raise exceptions.AuthenticationFailed("Send the key as “Authorization: Bearer <key>”.")
        key = ApiKey.objects.matching(raw)
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        key_check_in_force(key)
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return (key.user or AnonymousUser(), key)

    def authenticate_header(self, request) -> str:
        return self.keyword


def key_check_in_force(key: ApiKey) -> None:
    """An edit or review key acts for a person: it works only while that person is active and still
    holds the permission the scope needs (leaving the Editors group ends an edit key's writes and its
    view of drafts). Checked on every request, reads included."""
    needed = API_SCOPE_PERMISSIONS.get(key.scope)
    if needed is None:
        return
    user = key.user
    if user is None or not user.is_active:
        raise exceptions.AuthenticationFailed("The person this API key acts for is deactivated.")
    if not user.has_perm(needed):
        raise exceptions.PermissionDenied(
            f"This {key.scope} key acts for {user.get_username()}, who no longer has the permission "
            f"({needed}) the {key.scope} scope needs."
        )


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key made with `manage.py create_api_key`; scopes read, edit, review.",
        }


def scope_of(request) -> str | None:
    return request.auth.scope if isinstance(request.auth, ApiKey) else None


class ScopePermission(permissions.BasePermission):
    """Reads are open (what is visible depends on the scope); writes need the view's `write_scope`."""

    message = "This API key's scope does not allow that."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        needed = getattr(view, "write_scopes", {}).get(
            getattr(view, "action", None) or request.method.lower()
        )
        if needed is None:
            needed = getattr(view, "write_scope", None)
        if needed is None:
            return False
        if request.auth is None:
            raise exceptions.NotAuthenticated(f"Writing needs an API key with the “{needed}” scope.")
        if scope_of(request) != needed:
            self.message = (
                f"Writing here needs a key with the “{needed}” scope; this key is “{scope_of(request)}”."
            )
            return False
        return True


def sees_drafts(request) -> bool:
    """Editors and reviewers work on unreviewed claims; everyone else sees decided ones only."""
    return scope_of(request) in {ApiScope.EDIT, ApiScope.REVIEW}


class _ConfiguredRateThrottle(throttling.SimpleRateThrottle):
    # DRF binds THROTTLE_RATES at import time; reading settings per request lets deployments and
    # tests change rates without a restart.
    rate_setting: str

    def get_rate(self):
        return settings.CLAIMTRACKER_API_THROTTLE_RATES.get(self.rate_setting)


class PerKeyThrottle(_ConfiguredRateThrottle):
    scope = "api_key"
    rate_setting = "key"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonymousThrottle(_ConfiguredRateThrottle):
    scope = "api_anon"
    rate_setting = "anonymous"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
