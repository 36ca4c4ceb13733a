"""Deliveries to a real local receiver: signed, retried with backoff, once each, never to a refused address."""

import json
from collections import Counter

import pytest
from django.test import TestCase

from api import services as api_services
from claims import services as claim_services
from claims.models import ChangeEntry
from tests.api.fixtures import add_evidence
from tests.webhooks.receiver import Receiver
from webhooks import services, tasks
from webhooks.models import Delivery, DeliveryStatus, Subscription

EVENTS = ["claim.created", "claim.changed", "verdict.recorded", "evidence.added", "rereview.flagged"]


@pytest.fixture
def receiving(settings):
    """A receiver the guard lets through: loopback opened for its port only, fast retries."""

    def start(**script):
        receiver = Receiver(**script)
        settings.INGEST_ALLOW_LOOPBACK = True
        settings.INGEST_LOOPBACK_PORTS = [receiver.port]
        settings.WEBHOOK_RETRY_BASE_SECONDS = 0.01
        return receiver

    return start


@pytest.fixture
def review_key_obj(reviewer):
    key, _ = api_services.api_key_create(name="Desk hooks", scope="review", user=reviewer)
    return key


def _subscribe(key, receiver, events=EVENTS):
    subscription, secret = services.subscription_create(api_key=key, url=receiver.url, events=events)
    receiver.secret = secret
    return subscription


def _dispatch():
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.dispatch_changes.delay()


def _changes(make_claim, reviewer):
    claim = make_claim("Huawei sent engineers to DeepSeek")  # claim.created
    claim_services.verdict_record(
        claim=claim,
        status="confirmed",
        rationale="On the record.",
        reviewer=reviewer,
        seen_version=claim.version,
    )
    add_evidence(claim)
    return claim


def test_it_delivers_each_change_signed_with_its_number_as_the_key(
    receiving, review_key_obj, make_claim, reviewer
):
    with receiving() as receiver:
        subscription = _subscribe(review_key_obj, receiver)
        _changes(make_claim, reviewer)
        _dispatch()
    seqs = [
        str(s) for s in ChangeEntry.objects.filter(seq__gt=0).order_by("seq").values_list("seq", flat=True)
    ]
    assert sorted(receiver.accepted(), key=int) == seqs
    assert all(r.signed for r in receiver.requests)
    assert Counter(r.event for r in receiver.requests) == {
        "claim.created": 1,
        "verdict.recorded": 1,
        "evidence.added": 1,
    }
    first = receiver.requests[0].body
    assert first["id"] == f"{subscription.pk}-{first['change']['seq']}" and first["claim_url"].startswith(
        "/api/v1/claims/"
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}
    _dispatch()  # nothing new: nothing sent again
    assert len(receiver.requests) == 3


def test_a_receiver_failing_twice_then_succeeding_gets_each_event_exactly_once(
    receiving, review_key_obj, make_claim, reviewer
):
    with receiving(script=[500, 503]) as receiver:
        _subscribe(review_key_obj, receiver)
        _changes(make_claim, reviewer)
        _dispatch()
        for delivery in Delivery.objects.all():  # a redelivered message changes nothing
            tasks.deliver.delay(delivery.pk)
    assert len(receiver.requests) == 5  # two refusals, then three events
    assert Counter(receiver.accepted()) == Counter(
        str(s) for s in ChangeEntry.objects.values_list("seq", flat=True)
    )
    assert max(Counter(receiver.accepted()).values()) == 1
    retried = Delivery.objects.filter(attempts__gt=1)
    assert retried.exists() and all(d.status == DeliveryStatus.DELIVERED for d in Delivery.objects.all())


def test_it_filters_events_and_hides_drafts_from_read_keys(receiving, make_claim, reviewer):
    read_key, _ = api_services.api_key_create(name="Readers", scope="read")
    with receiving() as receiver:
        _subscribe(read_key, receiver, events=["verdict.recorded", "claim.created"])
        make_claim("Draft only")  # a draft: a read key never hears of it
        _changes(make_claim, reviewer)
        _dispatch()
    in_order = sorted(receiver.requests, key=lambda r: int(r.key))
    assert [r.event for r in in_order] == ["claim.created", "verdict.recorded"]
    assert {r.body["change"]["claim"] for r in receiver.requests} == {
        ChangeEntry.objects.get(action="verdict_recorded").claim_id_ref
    }


def test_it_disables_a_subscription_after_repeated_failures_and_says_why(
    receiving, review_key_obj, make_claim, reviewer, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_DISABLE_AFTER = 3
    with receiving(then=500) as receiver:
        subscription = _subscribe(review_key_obj, receiver)
        _changes(make_claim, reviewer)
        _dispatch()
    subscription.refresh_from_db()
    assert not subscription.active
    assert (
        "3 failed attempts in a row" in subscription.disabled_reason
        and "HTTP 500" in subscription.disabled_reason
    )
    assert len(receiver.requests) == 3  # nothing more is sent once disabled
    assert Delivery.objects.filter(status=DeliveryStatus.FAILED).count() == 3


def test_a_receiver_on_a_refused_address_is_never_contacted(
    receiving, review_key_obj, make_claim, reviewer, settings
):
    with receiving() as receiver:
        subscription = _subscribe(review_key_obj, receiver)
        # The address is refused by the time the workers send (the name moved, or the policy changed).
        settings.INGEST_LOOPBACK_PORTS = [receiver.port + 1]
        _changes(make_claim, reviewer)
        _dispatch()
    assert receiver.requests == []
    subscription.refresh_from_db()
    assert not subscription.active and "address guard" in subscription.disabled_reason
    assert "loopback" in Delivery.objects.first().last_error


def test_it_refuses_to_subscribe_a_private_address(review_key_obj):
    from claims.errors import ApplicationError

    for url in [
        "http://10.0.0.7/hook",
        "http://169.254.169.254/latest",
        "ftp://example.org/x",
        "http://127.0.0.1:9/",
    ]:
        with pytest.raises(ApplicationError) as error:
            services.subscription_create(api_key=review_key_obj, url=url, events=["claim.created"])
        assert "url" in error.value.fields
    assert not Subscription.objects.exists()


def test_it_replays_from_a_change_number(receiving, review_key_obj, make_claim, reviewer):
    with receiving() as receiver:
        subscription = _subscribe(review_key_obj, receiver)
        _changes(make_claim, reviewer)
        _dispatch()
        seqs = sorted(int(k) for k in receiver.accepted())
        with TestCase.captureOnCommitCallbacks(execute=True):
            tasks.send_later(services.subscription_replay(subscription=subscription, from_seq=seqs[1]))
    assert sorted(int(k) for k in receiver.accepted()) == sorted([*seqs, *seqs[1:]])
    again = [r for r in receiver.requests[3:]]
    assert all(r.signed for r in again) and {json.dumps(r.body) for r in again} <= {
        json.dumps(r.body) for r in receiver.requests[:3]
    }


def test_the_admin_shows_the_secret_once_and_the_delivery_log(
    receiving, review_key_obj, client, django_user_model, make_claim, reviewer
):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    with receiving() as receiver:
        response = client.post(
            "/admin/webhooks/subscription/add/",
            {"api_key": review_key_obj.pk, "url": receiver.url, "events": ["claim.created"]},
            follow=True,
        )
        page = response.content.decode()
        assert "store it now; it is not shown again: whsec_" in page
        subscription = Subscription.objects.get()
        assert (
            subscription.secret
            not in client.get(f"/admin/webhooks/subscription/{subscription.pk}/change/").content.decode()
        )
        bad = client.post(
            "/admin/webhooks/subscription/add/",
            {"api_key": review_key_obj.pk, "url": "http://10.1.2.3/x", "events": ["claim.created"]},
        )
        assert bad.status_code == 200 and "Deliveries cannot go there" in bad.content.decode()
        receiver.secret = subscription.secret
        make_claim("Logged")
        _dispatch()
    log = client.get("/admin/webhooks/delivery/").content.decode()
    assert "claim.created" in log and "Delivered" in log
