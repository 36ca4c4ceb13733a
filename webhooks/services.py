"""Subscriptions (create, replay, re-enable) and the two steps of sending: cut deliveries, send one.

Every change in the numbered change log after a subscription's cursor becomes one Delivery row
(unique per subscription and change number), and the row's body is what is signed and sent on every
attempt. A worker takes a delivery by compare-and-swap on its lease, so two workers never send one
at once; a lost message is found again by the dispatcher's sweep. Receivers may still see a change
twice (a worker can die after sending and before recording it): the change number is the
idempotency key.
"""

from __future__ import annotations

import json
import random
import socket
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from api.models import ApiKey, ApiScope
from claims.errors import ApplicationError
from claims.models import ChangeEntry, Claim
from sources.errors import BlockedAddress, TransientFetchError
from sources.fetcher import http_post
from sources.guard import AddressPolicy, check_url

from .models import ACTION_EVENTS, Delivery, DeliveryStatus, Subscription, WebhookEvent
from .signing import SIGNATURE_HEADER, signature_header

DISPATCH_BATCH = 500


def _url_refusal(url: str) -> str | None:
    """Why the URL cannot receive deliveries now (the same guard checks again on every send)."""
    try:
        check_url(url)
    except BlockedAddress as exc:
        return str(exc)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return f"cannot resolve {parts.hostname!r}: {exc}"
    policy = AddressPolicy.from_settings()
    for info in infos:
        reason = policy.refusal(info[4][0], port)
        if reason:
            return f"refused: {parts.hostname} resolves to {reason}"
    return None


def subscription_create(*, api_key: ApiKey, url: str, events: Iterable[str]) -> tuple[Subscription, str]:
    """Subscribe a key's holder to events; returns the subscription and its secret (shown once).

    It receives changes made from now on; `subscription_replay` sends earlier ones.
    """
    url = (url or "").strip()
    events = sorted(set(events))
    errors: dict[str, list[str]] = {}
    if api_key.revoked_at is not None:
        errors["api_key"] = ["This key is revoked."]
    unknown = [e for e in events if e not in WebhookEvent.values]
    if unknown or not events:
        errors["events"] = [f"Choose one or more of: {', '.join(WebhookEvent.values)}."]
    refusal = _url_refusal(url)
    if refusal:
        errors["url"] = [f"Deliveries cannot go there: {refusal}."]
    if errors:
        raise ApplicationError("Please correct the errors below.", fields=errors)
    secret = Subscription.new_secret()
    cursor = ChangeEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    subscription = Subscription.objects.create(
        api_key=api_key, url=url, events=events, secret=secret, cursor=cursor
    )
    return subscription, secret


@transaction.atomic
def subscription_replay(*, subscription: Subscription, from_seq: int) -> list[int]:
    """Send every change from `from_seq` on again (and re-enable the subscription). Returns the
    deliveries re-armed now, to be sent (`tasks.send_later`); changes not yet cut into deliveries
    are cut by the next dispatch."""
    if from_seq < 1:
        raise ApplicationError("Give a change number.", fields={"from_seq": ["A change number from 1."]})
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    Delivery.objects.filter(subscription=subscription, change_seq__gte=from_seq).update(
        status=DeliveryStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_until=None,
        last_error="",
    )
    subscription.cursor = min(subscription.cursor, from_seq - 1)
    _enable(subscription)
    return list(
        Delivery.objects.filter(subscription=subscription, change_seq__gte=from_seq).values_list(
            "pk", flat=True
        )
    )


def subscription_enable(*, subscription: Subscription) -> None:
    _enable(subscription)


def _enable(subscription: Subscription) -> None:
    subscription.active, subscription.disabled_reason, subscription.disabled_at = True, "", None
    subscription.consecutive_failures = 0
    subscription.save(
        update_fields=["active", "disabled_reason", "disabled_at", "consecutive_failures", "cursor"]
    )


def _disable(subscription_id: int, reason: str) -> None:
    Subscription.objects.filter(pk=subscription_id, active=True).update(
        active=False, disabled_reason=reason[:500], disabled_at=timezone.now()
    )


def _body(subscription: Subscription, entry: ChangeEntry, event: str) -> str:
    return json.dumps(
        {
            "id": f"{subscription.pk}-{entry.seq}",
            "event": event,
            "change": {
                "seq": entry.seq,
                "kind": entry.kind,
                "action": entry.action,
                "claim": entry.claim_id_ref,
                "claim_version": entry.claim_version,
                "at": entry.at.isoformat().replace("+00:00", "Z"),
            },
            "claim_url": f"/api/v1/claims/{entry.claim_id_ref}/",
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def webhooks_dispatch(*, batch: int = DISPATCH_BATCH) -> dict:
    """Cut new changes into deliveries for every active subscription; find deliveries whose retry
    time has come but whose message was lost. Safe to run twice. Returns the ids to send now
    (`created` and `requeued`), all committed."""
    created: list[int] = []
    for pk in Subscription.objects.filter(active=True, api_key__revoked_at__isnull=True).values_list(
        "pk", flat=True
    ):
        created += _dispatch_one(pk, batch)
    stale = timezone.now() - timedelta(seconds=settings.WEBHOOK_SWEEP_GRACE_SECONDS)
    lost = list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=stale, subscription__active=True
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=timezone.now()))
        .values_list("pk", flat=True)[:batch]
    )
    return {"created": created, "requeued": lost}


@transaction.atomic
def _dispatch_one(subscription_id: int, batch: int) -> list[int]:
    subscription = (
        Subscription.objects.select_for_update(skip_locked=True)
        .select_related("api_key")
        .filter(pk=subscription_id, active=True)
        .first()
    )
    if subscription is None:
        return []  # another dispatcher has it, or it was disabled meanwhile
    entries = ChangeEntry.objects.filter(seq__gt=subscription.cursor).order_by("seq")
    entries = list(entries[:batch])
    last_seq = entries[-1].seq if entries else subscription.cursor
    if subscription.api_key.scope == ApiScope.READ:
        # A read key sees decided claims only, here as in the API and the changes feed.
        visible = set(
            Claim.objects.visible_to(sees_drafts=False)
            .filter(pk__in={e.claim_id_ref for e in entries})
            .values_list("pk", flat=True)
        )
        entries = [e for e in entries if e.claim_id_ref in visible]
    wanted = set(subscription.events)
    now = timezone.now()
    rows = [
        Delivery(
            subscription=subscription,
            change_seq=entry.seq,
            event=ACTION_EVENTS[entry.action],
            body=_body(subscription, entry, ACTION_EVENTS[entry.action]),
            next_attempt_at=now,
        )
        for entry in entries
        if ACTION_EVENTS.get(entry.action) in wanted
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    if last_seq != subscription.cursor:
        Subscription.objects.filter(pk=subscription.pk).update(cursor=last_seq)
    return list(
        Delivery.objects.filter(
            subscription=subscription,
            change_seq__in=[r.change_seq for r in rows],
            status=DeliveryStatus.PENDING,
        ).values_list("pk", flat=True)
    )


def _backoff(attempts: int) -> float:
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    delay = min(base * 2 ** (attempts - 1), settings.WEBHOOK_RETRY_MAX_SECONDS)
    return delay * random.uniform(0.8, 1.2)  # jitter: a recovering receiver is not hit all at once


def delivery_send(*, delivery_id: int) -> dict:
    """Send one delivery now, if it is still pending and no other worker has it.

    Returns {"outcome": "delivered" | "retry" | "failed" | "skipped", "retry_in": seconds or None}.
    """
    now = timezone.now()
    lease = now + timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 30)
    taken = (
        Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=lease)
    )
    if taken != 1:
        return {"outcome": "skipped", "retry_in": None}
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    if not subscription.active:
        Delivery.objects.filter(pk=delivery_id).update(
            status=DeliveryStatus.FAILED,
            lease_until=None,
            last_error=f"not sent: {subscription.disabled_reason}"[:500],
        )
        return {"outcome": "failed", "retry_in": None}
    body = delivery.body.encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": str(delivery.change_seq),
        "X-Claimtracker-Event": delivery.event,
        "X-Claimtracker-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature_header(subscription.secret, body),
    }
    try:
        posted = http_post(
            subscription.url, body=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        )
    except BlockedAddress as exc:
        reason = f"refused by the address guard: {exc}"
        _finish(delivery, status=DeliveryStatus.FAILED, error=reason)
        _disable(subscription.pk, reason)
        return {"outcome": "failed", "retry_in": None}
    except TransientFetchError as exc:
        return _failed_attempt(delivery, error=str(exc), status_code=None)
    if 200 <= posted.status < 300:
        with transaction.atomic():  # one commit for the bookkeeping: each costs a disk flush
            _finish(delivery, status=DeliveryStatus.DELIVERED, status_code=posted.status)
            Subscription.objects.filter(pk=subscription.pk, consecutive_failures__gt=0).update(
                consecutive_failures=0
            )
        return {"outcome": "delivered", "retry_in": None}
    excerpt = " ".join(posted.body_excerpt.split())[:200]
    return _failed_attempt(
        delivery, error=f"HTTP {posted.status}: {excerpt}".strip(), status_code=posted.status
    )


def _finish(delivery: Delivery, *, status: str, error: str = "", status_code: int | None = None) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=F("attempts") + 1,
        lease_until=None,
        next_attempt_at=None,
        last_status_code=status_code,
        last_error=error[:500],
        delivered_at=timezone.now() if status == DeliveryStatus.DELIVERED else None,
    )


@transaction.atomic
def _failed_attempt(delivery: Delivery, *, error: str, status_code: int | None) -> dict:
    attempts = delivery.attempts + 1
    final = attempts >= settings.WEBHOOK_MAX_ATTEMPTS
    retry_in = None if final else _backoff(attempts)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
        attempts=attempts,
        lease_until=None,
        next_attempt_at=None if final else timezone.now() + timedelta(seconds=retry_in),
        last_status_code=status_code,
        last_error=error[:500],
    )
    Subscription.objects.filter(pk=delivery.subscription_id).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = Subscription.objects.values_list("consecutive_failures", flat=True).get(
        pk=delivery.subscription_id
    )
    if failures >= settings.WEBHOOK_DISABLE_AFTER:
        _disable(
            delivery.subscription_id,
            f"disabled after {failures} failed attempts in a row; the last, change #{delivery.change_seq}: {error}",
        )
    return {"outcome": "failed" if final else "retry", "retry_in": retry_in}
